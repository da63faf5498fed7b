import ArgumentParser
import Foundation
import Network

struct ReachCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reach",
        abstract: "Who could have been reached from a person, and when (time-respecting).",
        discussion: """
        Follows dated contacts (shared cases, days two persons were seen at one place, dated links) in time order from the person: each step on or after the previous one's day, with --max-gap at most that many days after. Lists everyone reached, the earliest day and the steps of one path arriving that day, and says how many in the person's component could not be reached in time order. Undated ties (affiliations) carry nothing. --from and --to limit the contacts to a period.

        CSV header: id,earliest,hops,via

        Examples:
          sna reach samples/noerrebro P0039 --time-respecting
          sna reach samples/noerrebro P0039 --time-respecting --max-gap 30 --format csv
        """
    )

    @OptionGroup var input: InputOptions

    @Argument(help: "Person id to start from.")
    var person: String

    @Flag(name: .long, help: "Follow dated contacts in time order (required: the only reach there is).")
    var timeRespecting = false

    @Option(name: .long, help: ArgumentHelp("At most this many days between two steps.", valueName: "days"))
    var maxGap: Int?

    @Option(name: .long, help: "Output format: table, csv or json.")
    var format: ClusterFormat = .table

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if !timeRespecting { throw ValidationError("sna reach follows dated contacts: add --time-respecting (sna ego shows the untimed neighbourhood).") }
        if let maxGap, maxGap < 0 { throw ValidationError("--max-gap must be 0 or more days.") }
    }

    func run() throws {
        try reportingErrors {
            let net = try input.loadNetwork()
            let g = net.graph
            guard let s = g.index(of: person) else { throw CLIError("unknown person '\(person)' in \(net.dataset.location)") }
            let r = TimeRespectingPaths.reach(g.nodeCount, contacts: TimeRespectingPaths.contacts(net), source: s, maxGap: maxGap)
            let reached = (0..<g.nodeCount).filter { r.earliest[$0] != nil }
                .sorted { r.earliest[$0]! != r.earliest[$1]! ? r.earliest[$0]! < r.earliest[$1]! : g.labels[$0] < g.labels[$1] }
            let comps = Components(g)
            let component = comps.members[comps.membership[s]].count - 1
            let rows: [(id: String, day: String, hops: Int, via: String)] = reached.map { v in
                let hops = r.path(to: v) ?? []
                return (g.labels[v], r.earliest[v]!.description, hops.count, hops.dropLast().map { g.labels[$0.to] }.joined(separator: ";"))
            }
            switch format {
            case .csv, .xlsx:
                var out = CSVOut.row(["id", "earliest", "hops", "via"])
                for x in rows { out += CSVOut.row([x.id, x.day, String(x.hops), x.via]) }
                try output.emitTable(out, xlsx: format == .xlsx)
            case .json:
                try output.emit(JSONValue.object([
                    ("person", .string(person)), ("max_gap", maxGap.map { .int($0) } ?? .null),
                    ("component", .int(component)), ("reached", .array(rows.map { x in
                        .object([("id", .string(x.id)), ("earliest", .string(x.day)), ("hops", .int(x.hops)),
                                 ("via", .array(x.via.split(separator: ";").map { .string(String($0)) }))])
                    })),
                ]).serialized() + "\n")
            case .table:
                var t = TextTable(header: ["id", "earliest", "hops", "via"])
                t.rightAligned = [2]
                func short(_ via: String) -> String {
                    let ids = via.split(separator: ";").map(String.init)
                    if ids.isEmpty { return "-" }
                    return ids.count <= 6 ? ids.joined(separator: " ") : (ids.prefix(3) + ["… \(ids.count - 5) more …"] + ids.suffix(2)).joined(separator: " ")
                }
                for x in rows { t.rows.append([x.id, x.day, String(x.hops), short(x.via)]) }
                let gap = maxGap.map { ", at most \($0) days between steps" } ?? ""
                try output.emit("from \(person) in time order\(gap): \(rows.count) of the \(component) others in its component reached\n" + t.render())
            }
        }
    }
}
