import ArgumentParser
import Foundation
import Network
import Screening
import Store

/// One person's summary: who, the log, proposals and decisions, follow-ups, cases, groups, the
/// network position.
struct PersonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "person",
        abstract: "One person's summary: log history, proposals and decisions, follow-ups, cases, groups, position in the network.",
        discussion: """
        WHO is a person id, or a name (whole name, case-insensitive; several matches are listed by id). The summary is pseudonymous: the name shows only with --names and --purpose (a minor's only with --show-minors as well), the birth year instead of the birth date unless --birth-dates. On a store, the log history, the proposals with their decisions and the follow-ups come from it, and a disclosure is recorded in the audit trail.

        Examples:
          sna person P0012 samples/noerrebro
          sna person P0012 sna.sqlite
          sna person "Mads Jensen" sna.sqlite --names --purpose "TSG 2016-01-12"
          sna person P0012 sna.sqlite --access --purpose "access request 3" --access-to answers/

        --access writes the access report for the person's access request (LED Art. 14): their entry and its basis, every proposal and decision with reasons, actors and accounts, the evidence's sources (case ids and dates, register entries, sightings, ties), every recipient their data went to (from the audit trail), follow-ups, requests, and the review and retention dates — as access-ID.html (to print) and access-ID.json, in the folder --access-to (default .). It needs a store and --purpose, and is recorded before it is written. Other persons are not named in it.
        """)

    @Argument(help: "A person id or a name.")
    var who: String

    @OptionGroup var input: InputOptions
    @OptionGroup var disclosure: DisclosureOptions
    @OptionGroup var actor: ActorOptions

    @Flag(name: .long, help: "Write the access report (HTML and JSON) for the person's access request.")
    var access = false

    @Option(name: .customLong("access-to"), help: ArgumentHelp("The folder the access report goes to (default: the current folder).", valueName: "dir"))
    var accessTo: String?

    func validate() throws {
        try actor.requirePurpose(disclosure)
        if access && (actor.purpose ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--access writes what is held about a person: say why with --purpose \"...\" (the request it answers; recorded in the audit trail).")
        }
        if accessTo != nil && !access { throw ValidationError("--access-to is where --access writes the report: give --access too.") }
    }

    func run() throws {
        try reportingErrors {
            let policy = try input.loadPolicy()
            let net = try input.loadNetwork()
            let ds = net.dataset
            var index = ds.personIndex[who]
            let byName = index == nil
            if byName {
                // A name looked up maps a person to their pseudonym: it needs a purpose, and on
                // a store it is recorded before anything is shown, a miss or a list of ids too.
                guard let why = actor.purpose, !why.trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw CLIError("'\(who)' is not a person id: looking a person up by name re-identifies them, so it needs --purpose \"…\" (recorded on a store)")
                }
                let matches = ds.persons.indices.filter { ds.persons[$0].name?.lowercased() == who.lowercased() }
                if matches.count != 1 {
                    try actor.recorder(input, .disclose, what: "person looked up by name: \(matches.count) matches", persons: matches.map { ds.persons[$0].id })?()
                }
                if matches.count > 1 { throw CLIError("\(matches.count) persons have that name: \(matches.map { ds.persons[$0].id }.joined(separator: ", ")); give the id") }
                index = matches.first
            }
            guard let i = index else { throw CLIError("no person '\(who)' in \(ds.location) (an id such as \(ds.persons.first?.id ?? "P0001"), or a whole name)") }
            let p = ds.persons[i]
            let store = try input.openStore()
            if access {
                guard let store else { throw CLIError("--access needs the store (sna person \(p.id) sna.sqlite --access …): the report is what the store holds") }
                let day = try store.pulls().last?.asOf ?? store.today
                let report = try AccessReport(person: p, ds: ds, store: store, day: day, policy: policy, names: disclosure.names,
                                              generated: store.today.description)
                let dir = URL(fileURLWithPath: accessTo ?? ".")
                do {
                    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
                } catch {
                    throw CLIError("--access-to \(dir.path): cannot make the folder (\((error as NSError).localizedFailureReason ?? String(cString: strerror(errno))))")
                }
                let html = dir.appendingPathComponent("access-\(p.id).html").path, json = dir.appendingPathComponent("access-\(p.id).json").path
                let a = try AtomicFile.stage(Data(report.html.utf8), to: html)
                let b: AtomicFile.Staged
                do { b = try AtomicFile.stage(Data(report.json.utf8), to: json) } catch { a.discard(); throw error }
                do {
                    try actor.record(store: input.input, action: .disclose,
                                     what: "access report for \(p.id) to \(dir.path)\(disclosure.discloses ? " (\(disclosure.described))" : "")", persons: [p.id])
                } catch { a.discard(); b.discard(); throw error }
                try a.commit()
                try b.commit()
                note("wrote \(html) and \(json)")
                return
            }
            let day = try store.flatMap { s in try s.pulls().last { q in input.pull.map { $0 == q.id } ?? true }?.asOf } ?? ds.period?.last ?? Day(iso: snaGenerationDay(nil))!
            let rule = disclosure.rule(asOf: day, policy: policy)
            let age = p.birthDate.map { $0.age(on: day) }
            var out = "\(p.id)"
            let shown = disclosure.shown(p, rule)
            if !shown.isEmpty { out += " \(shown)" }
            out += "\n"
            var facts: [String] = []
            if let b = p.birthDate { facts.append(disclosure.birthDates ? "born \(b)" : "born \(b.year)") }
            if let age { facts.append("age \(age) on \(day)" + (policy.isMinor(age: age) ? " (under \(policy.youthAge))" : "")) }
            if let d = p.district ?? p.municipality { facts.append("lives in \(d)" + (policy.areaLabel(p).map { " (area \($0))" } ?? "")) }
            if let s = p.status { facts.append("status \(s.rawValue)") }
            if !facts.isEmpty { out += "  " + facts.joined(separator: "; ") + "\n" }
            // Groups.
            let affs = ds.affiliations.filter { $0.personID == p.id }
            if !affs.isEmpty {
                out += "\ngroups\n" + affs.map { a in "  \(a.group) \(a.confidence?.rawValue ?? "")\(a.since.map { " since \($0)" } ?? "")\(a.until.map { " until \($0)" } ?? "")" }.joined(separator: "\n") + "\n"
            }
            // Cases.
            let caseIndex = Dictionary(uniqueKeysWithValues: ds.cases.enumerated().map { ($1.id, $0) })
            let mine = ds.participations.filter { $0.personID == p.id }.compactMap { r in caseIndex[r.caseID].map { (ds.cases[$0], r.role) } }
                .sorted { ($0.0.date, $0.0.id) > ($1.0.date, $1.0.id) }
            if !mine.isEmpty {
                out += "\ncases (\(mine.count); newest first)\n"
                var t = TextTable(header: ["date", "case", "code", "role", "tags"])
                t.rows = mine.prefix(15).map { [$0.0.date.description, $0.0.id, $0.0.crimeCode, $0.1.rawValue, $0.0.tags.joined(separator: "|")] }
                out += t.render() + (mine.count > 15 ? "  … \(mine.count - 15) older\n" : "")
            }
            // Position in the network.
            if let v = net.graph.index(of: p.id) {
                let scores = try Measures.compute(["degree", "betweenness"], on: net.graph)
                let ranks = scores.map { s in 1 + s.values.enumerated().filter { net.personOfNode[$0.offset] != nil && $0.element > s.values[v] }.count }
                let e = policy.exposure(ds, asOf: day)
                out += "\nnetwork (\(input.links ?? "default ties"))\n"
                out += "  degree \(displayValue(scores[0].values[v], integral: true)) (rank \(ranks[0])), betweenness \(displayValue(scores[1].values[v], integral: false)) (rank \(ranks[1]))"
                out += "; exposure \(e.exposure[p.id] ?? 0) (co-offenders who were victims of violence in \(policy.exposureMonths) months; a prevention signal)\n"
            }
            // The log, proposals, decisions and follow-ups.
            if let store {
                let events = try store.history(person: p.id)
                if !events.isEmpty {
                    out += "\nlog history\n"
                    var t = TextTable(header: ["effective", "event", "category", "decided_by", "reason", "proposal"])
                    t.rows = events.map { e in
                        e.isCorrection
                            ? [e.effective.description, "revoked " + e.kind.rawValue, e.category?.rawValue ?? "", e.revokedBy ?? "", "\(e.revocationReason ?? "") (revokes \(e.revokedWhat ?? "a decision") by \(e.decidedBy ?? "?"))", e.proposalID ?? ""]
                            : [e.effective.description, e.kind.rawValue, e.category?.rawValue ?? "", e.decidedBy ?? "(baseline)", e.decisionReason ?? "", e.proposalID ?? ""]
                    }
                    out += t.render()
                }
                let proposals = try store.proposals(person: p.id)
                if !proposals.isEmpty {
                    out += "\nproposals\n"
                    var t = TextTable(header: ["proposal", "as_of", "action", "cat", "reason", "decision", "by", "revoked"])
                    t.rows = proposals.map { p in
                        [p.id, p.asOf.description, p.action.rawValue, p.category?.rawValue ?? "", p.reason.rawValue, p.verdict?.pastTense ?? "open", p.decidedBy ?? "",
                         p.revokedBy.map { "by \($0) from \(p.revokedEffective?.description ?? "?"): \(p.revocationReason ?? "")" } ?? ""]
                    }
                    out += t.render()
                }
                let items = try store.followUpItems().filter { $0.personID == p.id }
                if !items.isEmpty {
                    out += "\nfollow-up\n"
                    for it in items {
                        out += "  \(it.item) \(it.track.label) from \(it.start): " + (it.events.isEmpty ? "nothing recorded" : it.events.map(\.summary).joined(separator: "; ")) + "\n"
                    }
                }
            } else if let e = ds.log.first(where: { $0.personID == p.id }) {
                out += "\nlog: \(e.category)\(e.since.map { " since \($0)" } ?? "") (log.csv; a store keeps the history)\n"
            }
            // Recorded, then shown: every summary from a store is a consultation of the record.
            try actor.recorder(input, .disclose, what: "person summary of \(p.id)\(byName ? " (looked up by name)" : "")"
                               + (disclosure.discloses ? " (\(disclosure.described))" : " (pseudonymous)"), persons: [p.id])?()
            FileHandle.standardOutput.write(Data((isatty(STDOUT_FILENO) != 0 ? Escape.terminalText(out) : out).utf8))
        }
    }
}
