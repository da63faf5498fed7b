import Foundation
import Network
import Screening
import Store

/// The access report (LED 2016/680 Art. 14; retshåndhævelsesloven § 15): everything the store
/// holds about one person, for the answer to their access request. One list of sections, each
/// a table, written both as JSON (for the file) and as a self-contained HTML page (to print).
///
/// Other persons stay out of it: a co-offender or a link's other end is "another person", an
/// audit record's text is reduced to its action and recipient (it may list others' ids).
struct AccessReport {
    struct Section {
        var id: String
        var title: String
        var note: String
        var header: [String]
        var rows: [[String]]
    }

    var person: String
    var store: String
    var generated: String
    var sections: [Section] = []

    /// Gathers the report for `p` from the store and the pull's data.
    init(person p: Person, ds: Dataset, store s: Store, day: Day, policy: Policy, names: Bool, generated: String) throws {
        person = p.id
        store = s.path
        self.generated = generated
        // Who.
        var who: [[String]] = [["person id", p.id]]
        if names, let n = p.name { who.append(["name", n]) }
        if let b = p.birthDate { who.append(["born", names ? b.description : String(b.year)]) } else { who.append(["born", "unknown (treated as a minor)"]) }
        if let m = p.municipality { who.append(["municipality", m]) }
        if let d = p.district { who.append(["district", d]) }
        if let st = p.status { who.append(["status", st.rawValue]) }
        if let c = p.subjectCategory { who.append(["subject category", c.rawValue]) }
        sections.append(Section(id: "who", title: "The person", note: "As the latest pull of the data records them (\(ds.location)).", header: ["field", "value"], rows: who))

        // The entry now, with its basis.
        let log = try s.logState()
        let history = try s.history(person: p.id)
        let accounts = try s.decisionAccounts()
        if let e = log[p.id] {
            let basis = history.last { $0.kind == .enter || $0.kind == .category }
            sections.append(Section(id: "entry", title: "On the log", note: "The category and its basis: the decision (or the first pull's baseline) that gave it.",
                                    header: ["category", "since", "routes", "basis", "decided_by", "reason"],
                                    rows: [[e.category.rawValue, e.since.description, e.routes.map(\.rawValue).joined(separator: ", "),
                                            basis.map { $0.proposalID ?? "baseline (log.csv of the first pull)" } ?? "", basis?.decidedBy ?? "", basis?.decisionReason ?? basis?.note ?? ""]]))
        } else {
            sections.append(Section(id: "entry", title: "On the log", note: "Not on the log now.", header: [], rows: []))
        }
        sections.append(Section(id: "history", title: "Log history", note: "Every change to the entry, with who decided it and why; a correction names who revoked what.",
                                header: ["effective", "event", "category", "decided_by", "account", "reason", "proposal"],
                                rows: history.map { e in
                                    e.isCorrection
                                        ? [e.effective.description, "revoked " + e.kind.rawValue, e.category?.rawValue ?? "", e.revokedBy ?? "", e.revokedAccount ?? "",
                                           "\(e.revocationReason ?? "") (revokes \(e.revokedWhat ?? "a decision") by \(e.decidedBy ?? "?"))", e.proposalID ?? ""]
                                        : [e.effective.description, e.kind.rawValue, e.category?.rawValue ?? "", e.decidedBy ?? "(baseline)",
                                           e.proposalID.flatMap { accounts[$0] } ?? "", e.decisionReason ?? e.note, e.proposalID ?? ""]
                                }))
        // Proposals and decisions.
        let proposals = try s.proposals(person: p.id)
        sections.append(Section(id: "proposals", title: "Proposals and decisions", note: "Each proposal is an assessment the group decided on; the evidence is what the proposal cited.",
                                header: ["proposal", "as_of", "action", "category", "reason", "evidence", "decision", "decided_by", "account", "decision_reason", "revoked"],
                                rows: proposals.map { q in
                                    [q.id, q.asOf.description, q.action.rawValue, q.category?.rawValue ?? "", q.reason.rawValue, q.evidence,
                                     q.verdict?.pastTense ?? "open", q.decidedBy ?? "", accounts[q.id] ?? "", q.decisionReason ?? "",
                                     q.revokedBy.map { "by \($0) from \(q.revokedEffective?.description ?? "?"): \(q.revocationReason ?? "")" } ?? ""]
                                }))
        // Evidence sources.
        let caseIndex = Dictionary(uniqueKeysWithValues: ds.cases.enumerated().map { ($1.id, $0) })
        let cases = ds.participations.filter { $0.personID == p.id }.compactMap { r in caseIndex[r.caseID].map { (ds.cases[$0], r.role) } }
            .sorted { ($0.0.date, $0.0.id) < ($1.0.date, $1.0.id) }
        sections.append(Section(id: "cases", title: "Evidence: cases", note: "The cases the data names the person in (other persons in them are not shown).",
                                header: ["case", "date", "crime_code", "role"], rows: cases.map { [$0.0.id, $0.0.date.description, $0.0.crimeCode, $0.1.rawValue] }))
        sections.append(Section(id: "affiliations", title: "Evidence: register entries (gang affiliations)", note: "",
                                header: ["group", "confidence", "since", "until"],
                                rows: ds.affiliations.filter { $0.personID == p.id }.map { [$0.group, $0.confidence?.rawValue ?? "", $0.since?.description ?? "", $0.until?.description ?? ""] }))
        sections.append(Section(id: "sightings", title: "Evidence: sightings", note: "Where and when the person was recorded as seen.",
                                header: ["date", "place"],
                                rows: ds.sightings.filter { $0.personID == p.id }.sorted { ($0.date, $0.place) < ($1.date, $1.place) }.map { [$0.date.description, $0.place] }))
        var linkRows: [[String]] = []
        for i in ds.links.indices {
            let a = ds.persons[Int(ds.links.source[i])].id, b = ds.persons[Int(ds.links.target[i])].id
            guard a == p.id || b == p.id else { continue }
            linkRows.append([ds.links.types[Int(ds.links.typeID[i])], ds.links.date(i)?.description ?? "", "another person"])
        }
        sections.append(Section(id: "links", title: "Evidence: recorded ties", note: "Ties recorded between the person and others (the other person is not named).",
                                header: ["type", "date", "with"], rows: linkRows.sorted { $0.lexicographicallyPrecedes($1) }))
        // Recipients: every record that sent or showed the person's data.
        let disclosing: Set<String> = ["export", "candidates", "report", "render", "disclose"]
        let records = try s.auditRecords().filter { r in disclosing.contains(r.action) && r.persons.split(separator: " ").contains { $0 == p.id } }
        sections.append(Section(id: "recipients", title: "Disclosed to", note: "Every time the person's data left the store or was shown, from the audit trail: when, by whom, to whom and why.",
                                header: ["at", "by", "account", "action", "recipient", "purpose"],
                                rows: records.map { r in [r.at, r.by, r.account, r.action, AccessReport.recipient(r), r.purpose] }))
        // Follow-ups.
        let items = try s.followUpItems().filter { $0.personID == p.id }
        sections.append(Section(id: "followups", title: "Follow-up", note: "What followed a route or a candidate list.",
                                header: ["item", "track", "from", "events"],
                                rows: items.map { [$0.item, $0.track.label, $0.start.description, $0.events.map(\.summary).joined(separator: "; ")] }))
        // Requests.
        let requests = try s.requests(person: p.id)
        sections.append(Section(id: "requests", title: "Requests", note: "The person's requests and their answers (due \(policy.requestDays) days after receipt).",
                                header: ["request", "kind", "received", "due", "outcome", "resolved_on", "reason"],
                                rows: requests.map { [String($0.id), $0.kind.rawValue, $0.received.description, $0.due.description, $0.outcome?.rawValue ?? "open", $0.resolvedOn?.description ?? "", $0.outcomeReason ?? ""] }))
        // Review and retention.
        var dates: [[String]] = []
        if let e = log[p.id] {
            // As `sna log review` reads it: the latest decision about them not revoked, or the
            // day they entered.
            let from = ([e.since] + (try s.pastDecisions()[p.id] ?? []).map(\.effective).filter { $0 <= day }).max()!
            dates.append(["next review", from.adding(months: policy.reviewMonths).description, "\(policy.reviewMonths) months (review_months) after the last decision on the entry (\(from))"])
            dates.append(["retention", "while on the log", "then \(policy.retentionMonths) months (retention_months) after leaving it, unless later evidence"])
        } else {
            let left = history.last { $0.kind == .leave }?.effective
            let evidence = ([cases.map(\.0.date).max(), ds.sightings.filter { $0.personID == p.id }.map(\.date).max()].compactMap { $0 }).max()
            let since = [left, evidence].compactMap { $0 }.max()
            dates.append(["retention", since.map { $0.adding(months: policy.retentionMonths).description } ?? "at the next purge",
                          "\(policy.retentionMonths) months (retention_months) after \(left != nil ? "leaving the log" : "the last evidence")\(since.map { " (\($0))" } ?? ""), with no later evidence; `sna purge` removes them"])
        }
        sections.append(Section(id: "dates", title: "Review and retention", note: "", header: ["what", "date", "rule"], rows: dates))
        // Other persons are not named: their ids (in evidence, reasons, notes) and whole names.
        let others = Set(ds.persons.map(\.id)).subtracting([p.id])
        let otherNames = ds.persons.filter { $0.id != p.id }.compactMap(\.name).filter { $0.count >= 5 && $0 != p.name }
        for i in sections.indices where sections[i].id != "who" {
            sections[i].rows = sections[i].rows.map { row in
                row.map { cell in
                    var c = Store.redact(cell, ids: others, as: "another person")
                    for n in otherNames where c.range(of: n, options: .caseInsensitive) != nil {
                        c = c.replacingOccurrences(of: n, with: "another person", options: .caseInsensitive)
                    }
                    return c
                }
            }
        }
    }

    /// The recipient a record names ("for ssp"), else what kind of disclosure it was.
    static func recipient(_ r: AuditRecord) -> String {
        // A recipient profile is recorded as "; for NAME".
        if let m = r.what.range(of: #"; for [A-Za-z0-9_.-]+"#, options: .regularExpression) {
            return String(r.what[m].dropFirst(6))
        }
        if r.action == "export", let m = r.what.range(of: #" to [^ ]+"#, options: .regularExpression) {
            return "export" + r.what[m]
        }
        switch r.action {
        case "candidates": return "coordination meeting (candidate list)"
        case "render": return "network image"
        case "report": return "meeting pack"
        case "disclose": return "shown in sna"
        default: return r.action
        }
    }

    var json: String {
        JSONValue.object([
            ("person_id", .string(person)), ("store", .string(store)), ("generated", .string(generated)),
            ("sections", .array(sections.map { s in
                .object([("id", .string(s.id)), ("title", .string(s.title)), ("note", .string(s.note)),
                         ("rows", .array(s.rows.map { r in .object(zip(s.header, r).map { ($0, .string($1)) }) }))])
            })),
        ]).serialized() + "\n"
    }

    var html: String {
        func e(_ s: String) -> String { DOTWriter.html(s) }
        var out = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Access report: \(e(person))</title>
            <style>body{font:14px/1.45 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
            h1{font-size:1.5rem}h2{font-size:1.1rem;margin-top:1.8rem;border-bottom:1px solid #ccc}
            table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #ddd;padding:.25rem .45rem;text-align:left;vertical-align:top}
            th{background:#f3f3f3}.note{color:#555}.none{color:#777;font-style:italic}</style></head><body>
            <h1>Access report: \(e(person))</h1>
            <p class="note">What the store <code>\(e(store))</code> holds about this person, as of \(e(generated)) (LED 2016/680 Art. 14). Proposals are assessments a group decided on; other persons are not named.</p>

            """
        for s in sections {
            out += "<h2 id=\"\(e(s.id))\">\(e(s.title))</h2>\n"
            if !s.note.isEmpty { out += "<p class=\"note\">\(e(s.note))</p>\n" }
            if s.rows.isEmpty {
                if !s.header.isEmpty { out += "<p class=\"none\">None.</p>\n" }
                continue
            }
            out += "<table><thead><tr>" + s.header.map { "<th>\(e($0))</th>" }.joined() + "</tr></thead><tbody>\n"
            for r in s.rows { out += "<tr>" + r.map { "<td>\(e($0))</td>" }.joined() + "</tr>\n" }
            out += "</tbody></table>\n"
        }
        return out + "</body></html>\n"
    }
}
