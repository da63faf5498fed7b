import ArgumentParser
import Foundation
import Network
import Screening
import Store

struct Candidates: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Pick the persons for the next coordination meeting from the log (a preview unless --record), or show a recorded list.",
        subcommands: [Pick.self, Show.self],
        defaultSubcommand: Pick.self
    )
}

extension Candidates {
struct Pick: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pick",
        abstract: "Pick the persons for the next coordination meeting from the log (the default; a preview unless --record).",
        discussion: """
        Takes the persons on the current log (log.csv, or the store's log), leaves out those the screening proposes to remove (not eligible, inactive, no evidence; --show-removed lists them apart with the reason), keeps those that match the filters, leaves out persons deprived of liberty (unless --include-deprived) and persons listed in --exclude (e.g. the previous meeting's list), ranks them by --rank-by on the network and keeps --top (default 10). Each row carries the category, area, age and the evidence of the screening (under --policy, as `sna propose`). Ids are pseudonymous unless --names.

        CSV header: rank,person_id,category,area,age,<measure>,evidence (+ name with --names)

        With a store as INPUT the log is the store's and persons put forward on a recorded list in the last --window-weeks (default 8) are left out. The list is a preview: --record saves it in the store (with an audit record) for the next coordination meeting (`sna meeting next`; --meeting DATE names another) so that the next list leaves these persons out; `sna candidates show` prints a recorded list. Names need a --purpose.

        Examples:
          sna candidates samples/noerrebro --categories A2,B2 --top 10
          sna candidates samples/noerrebro --max-age 25 --exclude last.csv
          sna candidates sna.sqlite --categories A2,B2 --record --actor analyst7
          sna candidates sna.sqlite --record --meeting 2016-01-20 --actor analyst7
        """
    )

    @OptionGroup var input: InputOptions

    @Option(name: .long, help: ArgumentHelp("How many persons (default 10; --n, the old spelling, still works).", valueName: "N"))
    var top: Int?

    /// The old spelling of --top.
    @Option(name: .customLong("n"), help: .hidden)
    var oldN: Int?

    /// How many persons: --top, else --n, else 10.
    var n: Int { top ?? oldN ?? 10 }

    @Option(name: .long, help: ArgumentHelp("Log categories to draw from, e.g. A2,B2 (default: all).", valueName: "list"))
    var categories: String?

    @Option(name: .long, help: "Area A (focus) or B.")
    var area: String?

    @Option(name: .customLong("min-age"), help: "Youngest age on the as-of date.")
    var minAge: Int?

    @Option(name: .customLong("max-age"), help: "Oldest age on the as-of date.")
    var maxAge: Int?

    @Flag(name: .customLong("include-deprived"), help: "Also list persons in custody or serving a sentence.")
    var includeDeprived = false

    @Option(name: .long, help: ArgumentHelp("File of ids to leave out (a CSV with an id or person_id column, or one id per line).", valueName: "file"))
    var exclude: String?

    @Option(name: .customLong("rank-by"), help: "Measure to rank by.")
    var rankBy: String = "betweenness"

    @Option(name: .customLong("as-of"), help: ArgumentHelp("Screening date (default: the latest date in the data).", valueName: "date"))
    var asOf: String?

    @Flag(name: .long, help: "With a store: save the list (and an audit record) for the next coordination meeting, so the next list leaves these persons out.")
    var record = false

    @Option(name: .long, help: ArgumentHelp("With --record: the meeting the list is for (default: the next one, `sna meeting next`).", valueName: "date"))
    var meeting: String?

    @Flag(name: .customLong("show-removed"), help: "List apart the persons the screening proposes to remove, with the reason (table only).")
    var showRemoved = false

    @OptionGroup var disclosure: DisclosureOptions
    @OptionGroup var recipient: RecipientOptions

    @Option(name: .customLong("window-weeks"), help: "With a store: leave out persons put forward within this many weeks before the as-of date.")
    var windowWeeks: Int = 8

    @Option(name: .long, help: "Output format: table, csv or json.")
    var format: ClusterFormat = .table

    @OptionGroup var output: OutputOptions
    @OptionGroup var actor: ActorOptions

    func validate() throws {
        if n < 1 { throw ValidationError("--top must be at least 1.") }
        if let top, let oldN, top != oldN { throw ValidationError("--top \(top) and --n \(oldN) disagree: give --top once.") }
        if !Measures.isKnown(rankBy) { throw ValidationError("Unknown measure '\(rankBy)' for --rank-by.") }
        if let area, !["A", "B"].contains(area.uppercased()) { throw ValidationError("--area must be A or B.") }
        if let asOf, Day(iso: asOf) == nil { throw ValidationError("--as-of '\(asOf)' is not a date; write YYYY-MM-DD.") }
        if windowWeeks < 0 { throw ValidationError("--window-weeks must be 0 or more.") }
        try actor.requirePurpose(disclosure)
        _ = try categorySet()
        if let meeting, Day(iso: meeting) == nil { throw ValidationError("--meeting '\(meeting)' is not a date; write YYYY-MM-DD.") }
        if meeting != nil && !record { throw ValidationError("--meeting names the meeting a recorded list is for: it needs --record.") }
        if record && !Store.isStore(input.input) { throw ValidationError("--record saves the list in a store: give a store (sna.sqlite) as INPUT.") }
    }

    /// The categories of --categories, each one of A1, A2, B1, B2.
    func categorySet() throws -> Set<LogCategory>? {
        guard let categories else { return nil }
        var out = Set<LogCategory>()
        for raw in categories.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !raw.isEmpty {
            guard let c = LogCategory(rawValue: raw) else {
                throw ValidationError("--categories: '\(raw)' is not a log category (A1, A2, B1, B2).")
            }
            out.insert(c)
        }
        return out
    }

    func run() throws {
        try reportingErrors {
            let net = try input.loadNetwork()
            let ds = net.dataset
            guard !ds.log.isEmpty else { throw CLIError("\(ds.location) has no log.csv: candidates are drawn from the current log") }
            let store = try input.openStore(write: record)
            // A store's pull is as of its own day (its files may hold later events).
            let pullDay = try store.flatMap { s in try s.pulls().last { p in input.pull.map { $0 == p.id } ?? true }?.asOf }
            guard let day = asOf.flatMap(Day.init(iso:)) ?? pullDay ?? ds.period?.last else { throw CLIError("no dated events: give --as-of") }
            let rules = try input.loadPolicy()
            let assessed = try Screening.assess(ds, asOf: day, policy: rules)
            let assessments = Dictionary(uniqueKeysWithValues: assessed.map { ($0.personID, $0) })
            // The log as the screening would leave it: persons proposed for removal are not candidates.
            let removals = try Screening.propose(ds, asOf: day, policy: rules, assessments: assessed).filter { $0.action == .remove }
            let scores = try Measures.compute([rankBy], on: net.graph)[0]
            var excluded = Set<String>()
            if let exclude {
                let csv = try CSVReader(url: URL(fileURLWithPath: exclude), file: exclude)
                if let c = csv.column("id") ?? csv.column("person_id") {
                    try csv.forEachRecord { excluded.insert($0.fields[c]) }
                } else if let text = try? String(contentsOfFile: exclude, encoding: .utf8) {
                    for l in text.split(separator: "\n") { excluded.insert(String(l.split(separator: ",").first ?? "").trimmingCharacters(in: .whitespaces)) }
                }
            }
            if let store, windowWeeks > 0 {
                excluded.formUnion(try store.recentlyPutForward(before: day, weeks: windowWeeks))
            }
            // Restricted entries (an open contest, rectification or erasure request) are not
            // put forward, and the omission is said.
            let onLog = Set(ds.log.map(\.personID))
            let restricted = try store?.restricted().filter { onLog.contains($0.key) }.sorted { $0.key < $1.key } ?? []
            if !restricted.isEmpty {
                excluded.formUnion(restricted.map(\.key))
                note("note: \(restricted.count) log entr\(restricted.count == 1 ? "y is" : "ies are") left out, restricted by an open request until it is resolved: "
                     + restricted.map { "\($0.key) (request \($0.value.id), \($0.value.kind.rawValue), due \($0.value.due))" }.joined(separator: ", "))
            }
            let profile = try recipient.resolve(rules)
            var parts: [String?] = [profile.map { "for=\($0.name)" }, "n=\(n)", categories.map { "categories=\($0)" }, area.map { "area=\($0)" }]
            parts += [minAge.map { "min-age=\($0)" }, maxAge.map { "max-age=\($0)" }, "rank-by=\(rankBy)"]
            parts += [windowWeeks > 0 ? "window=\(windowWeeks)w" : nil, includeDeprived ? "include-deprived" : nil]
            let criteria = parts.compactMap { $0 }.joined(separator: " ")
            // With --record the saved list is the record, written before the list goes out; the
            // window's lists are read again inside the saving transaction, so a list saved by
            // someone else meanwhile makes this one draw again without its persons.
            var saved: (list: Int64, meeting: Day)?
            for attempt in 1...5 {
                let filter = CandidatePool.Filter(categories: try categorySet(), area: area.flatMap { LogCategory.Area(rawValue: $0.uppercased()) },
                                                  minAge: minAge, maxAge: maxAge, includeDeprived: includeDeprived,
                                                  excluded: excluded.union(removals.map(\.personID)))
                var pool = CandidatePool.pool(ds, graph: net.graph, assessments: assessments, scores: scores, filter: filter)
                if let r = profile {
                    pool = pool.filter { r.admits($0.a, category: LogCategory(rawValue: $0.entry.category)) }
                }
                let chosen = Array(pool.prefix(n))
                let ids = chosen.map(\.entry.personID)
                let rec: Recorder?
                if let store, record {
                    rec = {
                        saved = try store.saveCandidateList(ids, asOf: day, criteria: criteria, by: actor.actor,
                                                            purpose: actor.purpose, names: disclosure.names,
                                                            meeting: meeting.flatMap(Day.init(iso:)), everyWeeks: rules.meetingEveryWeeks,
                                                            windowWeeks: windowWeeks)
                    }
                } else {
                    // A preview with names is a disclosure, recorded like any other.
                    rec = actor.disclosureRecorder(input, disclosure, what: "candidates preview as of \(day): \(ids.count) persons (\(criteria))", persons: ids)
                }
                do {
                    try emit(chosen: chosen, pool: pool, ds: ds, day: day, rules: rules, removals: removals, store: store, record: rec)
                    break
                } catch let StoreError.candidatesTaken(persons) where attempt < 5 {
                    note("note: \(persons.count) of these persons went onto another list meanwhile; drawing again without them")
                    excluded.formUnion(persons)
                }
            }
            if let saved {
                note("recorded as list \(saved.list) for the meeting on \(saved.meeting); record what the meeting did with `sna followup \(saved.list)/PERSON screened|letter_sent|not_relevant|referred`")
            }
        }
    }

    /// Writes the list, after its record.
    func emit(chosen: [CandidatePool.Pick], pool: [CandidatePool.Pick], ds: Dataset, day: Day, rules: Policy,
              removals: [Proposal], store: Store?, record rec: Recorder?) throws {
        do {
            let rule = disclosure.rule(asOf: day, policy: rules)
            func name(_ id: String) -> String {
                guard let i = ds.personIndex[id] else { return "" }
                let p = ds.persons[i]
                return rule.name(p) ?? (p.name == nil ? "" : "minor")
            }
            let names = disclosure.names
            let header = ["rank", "person_id"] + (names ? ["name"] : []) + ["category", "area", "age", rankBy, "evidence"]
            let rows: [[String]] = chosen.enumerated().map { i, c in
                [String(i + 1), c.entry.personID] + (names ? [name(c.entry.personID)] : [])
                    + [c.entry.category, String(c.entry.category.prefix(1)), c.a?.age.map(String.init) ?? "", formatValue(c.score, integral: false), CandidatePool.evidence(c.a)]
            }
            switch format {
            case .csv, .xlsx:
                try output.emitTable(CSVOut.row(header) + rows.map(CSVOut.row).joined(), xlsx: format == .xlsx, record: rec)
            case .json:
                try output.emit(JSONValue.array(rows.map { r in .object(zip(header, r).map { ($0, .string($1)) }) }).serialized() + "\n", record: rec)
            case .table:
                var t = TextTable(header: header)
                let scoreColumn = header.count - 2
                t.rows = rows.enumerated().map { i, r in
                    var r = r
                    r[scoreColumn] = displayValue(chosen[i].score, integral: false)
                    return r
                }
                t.rightAligned = [0]
                var text = chosen.isEmpty
                    ? "no log entry matches the filters as of \(day) (\(removals.count) proposed for removal are left out)\n"
                    : "\(chosen.count) of \(pool.count) matching log entries, as of \(day), ranked by \(rankBy); \(removals.count) proposed for removal left out\n" + t.render()
                if showRemoved && !removals.isEmpty {
                    var r = TextTable(header: ["person_id", "category", "reason", "evidence"])
                    r.rows = removals.map { [$0.personID, $0.currentCategory?.rawValue ?? "", $0.reason.rawValue, $0.summary] }
                    text += "\nproposed for removal (not candidates):\n" + r.render()
                }
                if store != nil && !record { text += "(a preview: --record saves the list in the store)\n" }
                try output.emit(text, record: rec)
            }
            if chosen.isEmpty && format != .table { note("no log entry matches the filters as of \(day)") }
        }
    }
}
}

extension Candidates {
    /// Prints a recorded candidate list.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a recorded candidate list (default: the latest).",
            discussion: """
            Examples:
              sna candidates show --store sna.sqlite
              sna candidates show 3 --store sna.sqlite --format csv
            """
        )

        @Argument(help: "The list's number (default: the latest).")
        var list: Int64?

        @OptionGroup var store: StoreOptions

        @Option(name: .long, help: "Output format: table or csv.")
        var format: ClusterFormat = .table

        func run() throws {
            try reportingErrors {
                let s = try store.open(readOnly: true)
                guard let l = try s.candidateList(list) else {
                    throw CLIError(list.map { "\(s.path): no candidate list \($0)" } ?? "\(s.path): no candidate list recorded yet (sna candidates STORE --record)")
                }
                let header = ["rank", "person_id"]
                let rows = l.personIDs.enumerated().map { [String($0.offset + 1), $0.element] }
                switch format {
                case .csv: print(CSVOut.row(header) + rows.map(CSVOut.row).joined(), terminator: "")
                default:
                    var t = TextTable(header: header)
                    t.rows = rows
                    t.rightAligned = [0]
                    print("list \(l.id) as of \(l.asOf), recorded \(l.createdAt) by \(l.createdBy) (\(l.criteria))")
                    print(t.render(), terminator: "")
                }
            }
        }
    }
}
