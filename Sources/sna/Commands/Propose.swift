import ArgumentParser
import Foundation
import Network
import Screening
import Store

struct Propose: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Screen the data against the current log and propose who enters, leaves, changes category or is routed.",
        discussion: """
        Proposals are assessments for the target-selection group to decide on, each with the rule that fired, the figures and the cases and affiliations behind it. The current log is the dataset's log.csv; --as-of defaults to the latest date in the data.

        Actions: add (with category A1/A2/B1/B2), remove (not_eligible, inactive, no_evidence), recategorize, route (youth_screening for persons under 18, ssp_handover for peripheral persons of 18 or more), review (weak_evidence, residence_unknown: the data cannot decide; accepting keeps the entry, rejecting removes it), keep (with --all). Each proposal has a strength (strong, moderate, weak) from the evidence channels behind it (co-offending, co-presence, links, affiliation, own offending, activity, residence). Initiative cases and victim/witness roles never
        count as evidence. The policy (README "The log"; `sna policy` prints it with comments):
        eligible municipality København, focus area Indre Nørrebro (A; elsewhere B), removal after 18 months silent on every channel unless deprived of liberty, core = in the group's co-offending core with serious co-offending with core persons. --policy FILE changes any of it.

        CSV (--format csv) is a contract: proposal_id,person_id,action,category,reason,evidence,strength

        With a store as INPUT (sna.sqlite, see `sna ingest`), the latest pull (or --pull N) is screened against the store's log, and the proposals are saved as a run with ids R<run>-<nnn> for `sna decide`; a new run supersedes the undecided proposals of earlier runs. On a folder it is a one-shot: nothing is saved.

        Examples:
          sna propose samples/noerrebro
          sna propose sna.sqlite --actor analyst7
          sna propose samples/noerrebro --as-of 2015-12-31 --all --format csv
        """
    )

    @Argument(help: "Dataset folder (with log.csv for the current log), or a store.")
    var input: String

    @Option(name: .long, help: ArgumentHelp("With a store: the pull to screen (default: the latest).", valueName: "id"))
    var pull: Int64?

    @Option(name: .long, help: ArgumentHelp("Screening date (YYYY-MM-DD; default: the latest date in the data).", valueName: "date"))
    var asOf: String?

    @Option(name: .long, help: ArgumentHelp("Policy file (YAML; `sna policy` prints the defaults with comments).", valueName: "file"))
    var policy: String?

    @Option(name: .long, help: ArgumentHelp("Compare the log that accepting every proposal would give with a known true log (CSV person_id,category; category A1, A2, B1, B2 or empty for not on the log): confusion matrix, recall and precision, every disagreement with its evidence. Nothing is saved.", valueName: "truth.csv"))
    var evaluate: String?

    @Flag(name: .long, help: "Also list every assessed person whose log entry stays as it is (keep).")
    var all = false

    @OptionGroup var columns: ColumnOptions

    @Option(name: .long, help: "Seed for the core/periphery search.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "Output format: table, csv or json.")
    var format: ClusterFormat = .table

    @OptionGroup var output: OutputOptions
    @OptionGroup var actor: ActorOptions

    func validate() throws {
        if let asOf, Day(iso: asOf) == nil { throw ValidationError("--as-of '\(asOf)' is not a date; write YYYY-MM-DD.") }
        if Store.isStore(input) {
            if asOf != nil { throw ValidationError("With a store the screening date is the pull's as-of date: use --pull N instead of --as-of.") }
        } else if pull != nil {
            throw ValidationError("--pull needs a store as input (\(input) is not one).")
        }
    }

    func run() throws {
        try reportingErrors {
            let rules = try loadPolicyFile(policy)
            let ds: Dataset
            let day: Day
            var proposals: [Proposal]
            var runNote = ""
            if let evaluate {
                let store = Store.isStore(input) ? try Store(path: input) : nil
                if let store { ds = try store.dataset(pull: pull).1 } else { ds = try DatasetLoader.load(input, columns: try columns.map()) }
                guard let d = try store?.pull(pull).asOf ?? asOf.flatMap(Day.init(iso:)) ?? ds.period?.last else {
                    throw CLIError("\(ds.location) has no dated events: give --as-of YYYY-MM-DD")
                }
                let truth = try Self.readTruth(evaluate)
                let assessments = try Screening.assess(ds, asOf: d, policy: rules, seed: seed)
                let proposals = try Screening.propose(ds, asOf: d, policy: rules, seed: seed, assessments: assessments)
                let e = Evaluation(ds, proposals: proposals, assessments: assessments, truth: truth)
                try output.emit(format == .json ? Self.json(e, truth: evaluate, asOf: d) : Self.table(e, truth: evaluate, asOf: d, ds: ds))
                return
            }
            if Store.isStore(input) {
                let store = try Store(path: input)
                let (p, data) = try store.dataset(pull: pull)
                ds = data
                day = p.asOf
                proposals = try Screening.propose(ds, asOf: day, policy: rules, seed: seed, includeKeep: all)
                // A change of area names the move, by the pulls: the district in the pull before
                // it was last seen otherwise, and the pull it first shows the new one in.
                if proposals.contains(where: { $0.action == .recategorize && $0.category?.area != $0.currentCategory?.area }) {
                    let pulls = try store.pulls().filter { $0.id < p.id }
                    let earlier = try pulls.map { q in (q, try store.dataset(pull: q.id).1) }
                    for i in proposals.indices where proposals[i].action == .recategorize && proposals[i].category?.area != proposals[i].currentCategory?.area {
                        let id = proposals[i].personID
                        guard let now = ds.personIndex[id].flatMap({ ds.persons[$0].district }) else { continue }
                        var firstNew = p.asOf
                        var before: (district: String, day: Day)?
                        for (q, d) in earlier.reversed() {
                            guard let was = d.personIndex[id].flatMap({ d.persons[$0].district }) else { break }
                            if was == now { firstNew = q.asOf } else { before = (was, q.asOf); break }
                        }
                        if let before {
                            proposals[i].summary += "; moved from \(before.district) to \(now) between the pulls of \(before.day) and \(firstNew)"
                        }
                    }
                }
                let memory = Screening.remember(proposals, decisions: try store.pastDecisions())
                proposals = memory.kept
                // A route is decided once: one decided before is not proposed again.
                let routed = try store.decidedRoutes()
                let again = proposals.filter { p in p.route.map { routed[p.personID]?.contains($0) ?? false } ?? false }
                if !again.isEmpty {
                    proposals.removeAll { p in p.route.map { routed[p.personID]?.contains($0) ?? false } ?? false }
                    runNote += "not proposed again: \(again.count) route\(again.count == 1 ? "" : "s") decided before (a route is decided once; `sna followup list` shows what followed)\n"
                }
                for w in memory.withheld {
                    runNote += "not proposed again: \(w.proposal.personID) \(w.proposal.action.rawValue)\(w.proposal.category.map { " \($0)" } ?? "") — rejected \(w.rejected.effective) by \(w.rejected.by) (\(w.rejected.proposalID): \(w.rejected.why)), no new evidence since\n"
                }
                let saved = try store.saveProposals(proposals, pull: p, policy: rules, by: actor.actor, purpose: actor.purpose) {
                    Propose.json($0, ds).serialized()
                }
                proposals = saved.proposals
                runNote += "saved as run \(saved.run) in \(store.path) (pull \(p.id)); decide with `sna decide R\(saved.run)-NNN accept|reject --reason ...`\n"
            } else {
                ds = try DatasetLoader.load(input, columns: try columns.map())
                guard let d = asOf.flatMap(Day.init(iso:)) ?? ds.period?.last else {
                    throw CLIError("\(ds.location) has no dated events: give --as-of YYYY-MM-DD")
                }
                day = d
                proposals = try Screening.propose(ds, asOf: day, policy: rules, seed: seed, includeKeep: all)
            }
            switch format {
            case .csv, .xlsx:
                var s = CSVOut.row(["proposal_id", "person_id", "action", "category", "reason", "evidence", "strength"])
                for p in proposals {
                    s += CSVOut.row([p.id, p.personID, p.action.rawValue, p.category?.rawValue ?? "", p.reason.rawValue, p.summary, p.strength.rawValue])
                }
                try output.emitTable(s, xlsx: format == .xlsx)
            case .json:
                try output.emit(JSONValue.object([
                    ("input", .string(ds.location)), ("as_of", .string(day.description)),
                    ("note", .string("assessments for the target-selection group to decide on; nothing here is a decision")),
                    ("proposals", .array(proposals.map { Propose.json($0, ds) })),
                ]).serialized() + "\n")
            case .table:
                var counts: [String: Int] = [:]
                for p in proposals { counts[p.action.rawValue, default: 0] += 1 }
                var text = "proposals as of \(day) for \(ds.location) (current log: \(ds.log.count) persons): "
                text += proposals.isEmpty
                    ? "none (nothing to add, remove, recategorize or route\(ds.cases.isEmpty ? "; the data has no cases, which the screening reads" : ""))\n"
                    : ProposalAction.allCases.compactMap { a in counts[a.rawValue].map { "\($0) \(a.rawValue)" } }.joined(separator: ", ") + "\n"
                text += "These are assessments for the target-selection group to decide on.\n" + runNote
                var t = TextTable(header: ["id", "person", "action", "now", "cat", "reason", "strength", "evidence"])
                for p in proposals {
                    let ev = p.summary.count > 110 ? String(p.summary.prefix(107)) + "..." : p.summary
                    t.rows.append([p.id, p.personID, p.action.rawValue, p.currentCategory?.rawValue ?? "", p.category?.rawValue ?? "", p.reason.rawValue, p.strength.rawValue, ev])
                }
                text += t.render()
                try output.emit(text)
            }
        }
    }

    /// A truth file: `person_id,category`, category A1/A2/B1/B2 or empty (not on the log).
    static func readTruth(_ path: String) throws -> [String: LogCategory?] {
        let csv = try CSVReader(url: URL(fileURLWithPath: path), file: path)
        guard let id = csv.column("person_id") else { throw InputError(file: path, line: 1, field: "person_id", "missing column (header: person_id,category)") }
        guard let cat = csv.column("category") else { throw InputError(file: path, line: 1, field: "category", "missing column (header: person_id,category)") }
        var truth: [String: LogCategory?] = [:]
        try csv.forEachRecord { rec in
            let raw = rec.fields[cat].trimmingCharacters(in: .whitespaces)
            if raw.isEmpty { truth[rec.fields[id]] = .some(nil); return }
            guard let c = LogCategory(rawValue: raw) else {
                throw InputError(file: path, line: rec.line, field: "category", "'\(raw)' is not a log category (A1, A2, B1, B2, or empty for not on the log)")
            }
            truth[rec.fields[id]] = c
        }
        return truth
    }

    static func table(_ e: Evaluation, truth: String, asOf: Day, ds: Dataset) -> String {
        var text = "evaluation of the proposed log (current log + every proposal accepted) against \(truth), as of \(asOf)\n\n"
        text += "confusion matrix (rows: true, columns: proposed)\n"
        var t = TextTable(header: ["true \\ proposed"] + Evaluation.labels + ["total"])
        t.rightAligned = Set(1...Evaluation.labels.count + 1)
        for (i, row) in e.counts.enumerated() { t.rows.append([Evaluation.labels[i]] + row.map(String.init) + [String(row.reduce(0, +))]) }
        text += t.render() + "\n"
        var r = TextTable(header: ["figure", "value"])
        r.rows = [
            ["core (A1/B1) proposed as core", e.coreRecall.description],
            ["core with the exact category", e.coreExact.description],
            ["peripheral (A2/B2) on the proposed log", e.peripheralRecall.description],
            ["precision of the proposed log", e.logPrecision.description],
            ["core precision (proposed core that is core)", e.tierPrecision(.core).description],
            ["peripheral tier recall (A2/B2 proposed as A2/B2)", e.tierRecall(.peripheral).description],
            ["peripheral precision", e.tierPrecision(.peripheral).description],
        ] + LogCategory.all.map { ["\($0) recall / precision", "\(e.categoryRecall($0)) / \(e.categoryPrecision($0))"] }
        text += r.render() + "\n"
        func f1(_ x: Double?) -> String { x.map { String(format: "%.3f", $0) } ?? "-" }
        text += "what matters for trust\n"
        var w = TextTable(header: ["figure", "value"])
        w.rows = [
            ["removals that are right (truly off the log)", e.removalPrecision.description],
            ["review outcomes (share of the proposed log)", e.reviews.description],
            ["stale log: precision / recall / F1", "\(e.stale.precision) / \(e.stale.recall) / \(f1(e.stale.f1))"],
            ["proposed log: precision / recall / F1", "\(e.proposed.precision) / \(e.proposed.recall) / \(f1(e.proposed.f1))"],
        ] + e.byStrength.map { b in
            ["\(b.strength.rawValue): proposals right; log accepting \(b.strength.rawValue)\(b.strength == .strong ? "" : " or stronger") (P / R / F1)",
             "\(b.right); \(b.log.precision) / \(b.log.recall) / \(f1(b.log.f1))"]
        }
        text += w.render() + "\n"
        text += "disagreements: \(e.disagreements.count)\n"
        var d = TextTable(header: ["person", "true", "proposed", "current", "evidence"])
        d.rows = e.disagreements.map { [$0.personID, $0.truth?.rawValue ?? "-", $0.proposed?.rawValue ?? "-", $0.current?.rawValue ?? "-", $0.evidence] }
        return text + d.render()
    }

    static func json(_ e: Evaluation, truth: String, asOf: Day) -> String {
        func rate(_ r: Evaluation.Rate) -> JSONValue {
            .object([("hits", .int(r.hits)), ("of", .int(r.of)), ("value", r.value.map { .number($0) } ?? .null)])
        }
        return JSONValue.object([
            ("truth", .string(truth)), ("as_of", .string(asOf.description)), ("labels", .array(Evaluation.labels.map { .string($0) })),
            ("confusion", .array(e.counts.map { .array($0.map { .int($0) }) })),
            ("core_recall", rate(e.coreRecall)), ("core_exact", rate(e.coreExact)),
            ("peripheral_recall", rate(e.peripheralRecall)), ("log_precision", rate(e.logPrecision)),
            ("core_precision", rate(e.tierPrecision(.core))), ("peripheral_precision", rate(e.tierPrecision(.peripheral))),
            ("removal_precision", rate(e.removalPrecision)), ("review_share", rate(e.reviews)),
            ("stale_f1", e.stale.f1.map { .number($0) } ?? .null), ("proposed_f1", e.proposed.f1.map { .number($0) } ?? .null),
            ("stale_log", .object([("precision", rate(e.stale.precision)), ("recall", rate(e.stale.recall))])),
            ("proposed_log", .object([("precision", rate(e.proposed.precision)), ("recall", rate(e.proposed.recall))])),
            ("by_strength", .array(e.byStrength.map { b in
                .object([("strength", .string(b.strength.rawValue)), ("proposals_right", rate(b.right)),
                         ("log_precision", rate(b.log.precision)), ("log_recall", rate(b.log.recall)),
                         ("log_f1", b.log.f1.map { .number($0) } ?? .null)])
            })),
            ("categories", .object(LogCategory.all.map { ($0.rawValue, .object([("recall", rate(e.categoryRecall($0))), ("precision", rate(e.categoryPrecision($0)))])) })),
            ("disagreements", .array(e.disagreements.map { x in
                .object([("person_id", .string(x.personID)), ("true", x.truth.map { .string($0.rawValue) } ?? .null),
                         ("proposed", x.proposed.map { .string($0.rawValue) } ?? .null),
                         ("current", x.current.map { .string($0.rawValue) } ?? .null), ("evidence", .string(x.evidence))])
            })),
        ]).serialized() + "\n"
    }

    /// One proposal as JSON, with its rule, figures, cases and affiliations.
    static func json(_ p: Proposal, _ ds: Dataset) -> JSONValue {
        .object([
            ("proposal_id", .string(p.id)), ("person_id", .string(p.personID)), ("action", .string(p.action.rawValue)),
            ("category", p.category.map { .string($0.rawValue) } ?? .null), ("reason", .string(p.reason.rawValue)),
            ("current_category", p.currentCategory.map { .string($0.rawValue) } ?? .null),
            ("rule", .string(p.rule)), ("evidence", .string(p.summary)), ("strength", .string(p.strength.rawValue)),
            ("channels", .array(p.channels.map { c in
                .object([("channel", .string(c.channel.rawValue)), ("strength", .string(c.strength.rawValue)),
                         ("supports", .bool(c.supports)), ("evidence", .string(c.text))])
            })),
            ("figures", .object(p.figures.map { ($0.name, .string($0.value)) })),
            ("cases", .array(p.cases.map { c in
                .object([("case_id", .string(c.id)), ("date", .string(c.date.description)),
                         ("crime_code", .string(c.crimeCode)),
                         ("crime", ds.crimeCodes.label(for: c.crimeCode).map { .string($0) } ?? .null)])
            })),
            ("affiliations", .array(p.affiliations.map { .object([("group", .string($0.group)), ("confidence", .string($0.confidence))]) })),
            ("flags", .array(p.flags.map { .string($0.rawValue) })),
        ])
    }
}
