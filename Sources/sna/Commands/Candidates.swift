import ArgumentParser
import Foundation
import Network
import Screening
import Store

struct Candidates: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Pick the persons for the next coordination meeting from the current log.",
        discussion: """
        Takes the persons on the current log (log.csv), keeps those that match the filters,
        leaves out persons deprived of liberty (unless --include-deprived) and persons listed in
        --exclude (e.g. the previous meeting's list), ranks them by --rank-by on the network and
        keeps --n (default 10). Each row carries the category, area, age and the evidence summary
        of the screening. Ids are pseudonymous unless --names.

        CSV header: rank,person_id,category,area,age,<measure>,evidence (+ name with --names)

        With a store as INPUT the log is the store's, persons put forward on a list in the last
        --window-weeks (default 8) are left out, and the list is saved and audited. Names need
        a --purpose.

        Examples:
          sna candidates samples/noerrebro --categories A2,B2 --n 10
          sna candidates samples/noerrebro --max-age 25 --exclude last-meeting.csv --format csv -o next.csv
        """
    )

    @OptionGroup var input: InputOptions

    @Option(name: .long, help: "How many persons.")
    var n: Int = 10

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

    @Option(name: .long, help: ArgumentHelp("Policy file for the screening behind the evidence (YAML; see `sna policy`).", valueName: "file"))
    var policy: String?

    @Flag(name: .long, help: "Add a name column.")
    var names = false

    @Option(name: .customLong("window-weeks"), help: "With a store: leave out persons put forward within this many weeks before the as-of date.")
    var windowWeeks: Int = 8

    @Option(name: .long, help: "Output format: table, csv or json.")
    var format: ClusterFormat = .table

    @OptionGroup var output: OutputOptions
    @OptionGroup var actor: ActorOptions

    func validate() throws {
        if n < 1 { throw ValidationError("--n must be at least 1.") }
        if !Measures.isKnown(rankBy) { throw ValidationError("Unknown measure '\(rankBy)' for --rank-by.") }
        if let area, !["A", "B"].contains(area.uppercased()) { throw ValidationError("--area must be A or B.") }
        if let asOf, Day(iso: asOf) == nil { throw ValidationError("--as-of '\(asOf)' is not a date; write YYYY-MM-DD.") }
        if windowWeeks < 0 { throw ValidationError("--window-weeks must be 0 or more.") }
        try actor.requirePurpose(names: names, input: input)
        _ = try categorySet()
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
            guard let day = asOf.flatMap(Day.init(iso:)) ?? ds.period?.last else { throw CLIError("no dated events: give --as-of") }
            let rules = try policy.map { try Policy(yamlFile: URL(fileURLWithPath: $0), file: $0) } ?? .default
            let assessments = Dictionary(uniqueKeysWithValues: try Screening.assess(ds, asOf: day, policy: rules).map { ($0.personID, $0) })
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
            let store = try input.openStore()
            if let store, windowWeeks > 0 {
                excluded.formUnion(try store.recentlyPutForward(before: day, weeks: windowWeeks))
            }
            let filter = CandidatePool.Filter(categories: try categorySet(), area: area.flatMap { LogCategory.Area(rawValue: $0.uppercased()) },
                                              minAge: minAge, maxAge: maxAge, includeDeprived: includeDeprived, excluded: excluded)
            let pool = CandidatePool.pool(ds, graph: net.graph, assessments: assessments, scores: scores, filter: filter)
            let chosen = Array(pool.prefix(n))
            func name(_ id: String) -> String {
                guard let i = ds.personIndex[id] else { return "" }
                let p = ds.persons[i]
                if assessments[id]?.minor == true { return "minor" }
                return p.name ?? ""
            }
            let header = ["rank", "person_id"] + (names ? ["name"] : []) + ["category", "area", "age", rankBy, "evidence"]
            let rows: [[String]] = chosen.enumerated().map { i, c in
                [String(i + 1), c.entry.personID] + (names ? [name(c.entry.personID)] : [])
                    + [c.entry.category, String(c.entry.category.prefix(1)), c.a?.age.map(String.init) ?? "", formatValue(c.score, integral: false), CandidatePool.evidence(c.a)]
            }
            switch format {
            case .csv:
                try output.emit(CSVOut.row(header) + rows.map(CSVOut.row).joined())
            case .json:
                try output.emit(JSONValue.array(rows.map { r in .object(zip(header, r).map { ($0, .string($1)) }) }).serialized() + "\n")
            case .table:
                var t = TextTable(header: header)
                let scoreColumn = header.count - 2
                t.rows = rows.enumerated().map { i, r in
                    var r = r
                    r[scoreColumn] = displayValue(chosen[i].score, integral: false)
                    return r
                }
                t.rightAligned = [0]
                try output.emit("\(chosen.count) of \(pool.count) matching log entries, as of \(day), ranked by \(rankBy)\n" + t.render())
            }
            // Recorded once the list has been delivered (a failed write records nothing).
            if let store {
                let criteria = ["n=\(n)", categories.map { "categories=\($0)" }, area.map { "area=\($0)" }, minAge.map { "min-age=\($0)" },
                                maxAge.map { "max-age=\($0)" }, "rank-by=\(rankBy)", windowWeeks > 0 ? "window=\(windowWeeks)w" : nil,
                                includeDeprived ? "include-deprived" : nil].compactMap { $0 }.joined(separator: " ")
                try store.saveCandidateList(chosen.map(\.entry.personID), asOf: day, criteria: criteria, by: actor.actor,
                                            purpose: actor.purpose, names: names)
            }
        }
    }
}
