import ArgumentParser
import Foundation
import Network

struct Path: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The shortest chain between two persons, with the evidence behind every hop.",
        discussion: """
        Each hop lists what ties the two persons: shared cases (id, date, crime code), places and dates where both were seen, analyst links (type, weight, source row), affiliations. Exit code 1 when no chain exists in the analysed graph.

        Examples:
          sna path samples/noerrebro P0012 P0187
          sna path samples/noerrebro P0012 P0187 --links co-offending --format json
          sna path samples/noerrebro P0012 P0187 --time-respecting --max-gap 90

        --time-respecting: each step's dated contact (a shared case, a day both were seen at one place, a dated link) is on or after the previous step's day, with --max-gap at most that many days after; the path found arrives as early as possible. Undated ties (affiliations) carry nothing.
        """
    )

    @OptionGroup var input: InputOptions

    @Argument(help: "Person id to start from.")
    var from: String

    @Argument(help: "Person id to reach.")
    var target: String

    @Option(name: .long, help: "How weights enter: none, distance or strength.")
    var weights: PathWeights = .none

    @Option(name: .long, help: "Output format: table or json.")
    var format: StatsFormat = .text

    @Flag(name: .long, help: "Only paths whose dated contacts follow each other in time (cases, sightings, dated links).")
    var timeRespecting = false

    @Option(name: .long, help: ArgumentHelp("With --time-respecting: at most this many days between two steps.", valueName: "days"))
    var maxGap: Int?

    @OptionGroup var disclosure: DisclosureOptions
    @OptionGroup var actor: ActorOptions

    @OptionGroup var output: OutputOptions

    func validate() throws {
        try actor.requirePurpose(disclosure)
        if maxGap != nil && !timeRespecting { throw ValidationError("--max-gap goes with --time-respecting.") }
        if let maxGap, maxGap < 0 { throw ValidationError("--max-gap must be 0 or more days.") }
        if timeRespecting && weights != .none { throw ValidationError("--time-respecting follows dated contacts: leave --weights out.") }
    }

    func run() throws {
        try reportingErrors {
            let net = try input.loadNetwork(weights: weights)
            let rule = disclosure.rule(for: net.dataset, policy: try input.loadPolicy())
            let rec = actor.disclosureRecorder(input, disclosure, what: "path \(from) → \(target)", persons: [from, target])
            let g = net.graph
            guard let s = g.index(of: from) else { throw CLIError("unknown person '\(from)' in \(net.dataset.location)") }
            guard let t = g.index(of: target) else { throw CLIError("unknown person '\(target)' in \(net.dataset.location)") }
            var days: [Day?] = []
            let path: [Int]
            if timeRespecting {
                let reach = TimeRespectingPaths.reach(g.nodeCount, contacts: TimeRespectingPaths.contacts(net), source: s, maxGap: maxGap)
                guard let hops = reach.path(to: t) else {
                    let untimed = try Paths.shortestPath(g, from: s, to: t, weights: .none)
                    let gap = maxGap.map { " with at most \($0) days between steps" } ?? ""
                    let why = untimed.map { "an untimed chain of \($0.count - 1) hops exists, but its dated contacts do not follow each other in time\(gap)" }
                        ?? "no chain exists at all in the analysed graph (links: \(input.links ?? "default"); try --links all)"
                    throw CLIError("no time-respecting path from \(from) to \(target): \(why)")
                }
                path = [s] + hops.map(\.to)
                days = [nil] + hops.map { $0.day }
            } else {
                guard let p = try Paths.shortestPath(g, from: s, to: t, weights: weights) else {
                    throw CLIError("no chain between \(from) and \(target) in the analysed graph (links: \(input.links ?? "default"); try --links all)")
                }
                path = p
            }
            func label(_ v: Int) -> String {
                disclosure.names ? "\(g.labels[v]) (\(disclosure.shown(net.person(v), rule)))" : g.labels[v]
            }
            let codes = net.dataset.crimeCodes
            switch format {
            case .text:
                var text = "\(label(s)) → \(label(t)): \(path.count - 1) hop\(path.count == 2 ? "" : "s")"
                    + (timeRespecting ? ", in time order\(maxGap.map { " (at most \($0) days between steps)" } ?? ""), reached \(days.last!!)" : "") + "\n"
                for i in 1..<path.count {
                    let u = path[i - 1], v = path[i]
                    let e = Paths.edge(g, u, v)!
                    let kinds = net.edgeKinds[e].map { "\($0.kind) \(formatNumber($0.weight))" }.joined(separator: ", ")
                    let when = i < days.count ? "on \(days[i]!)  " : ""
                    text += "\(i). \(label(u)) – \(label(v))  \(when)[weight \(formatNumber(g.edgeWeight[e])): \(kinds)]\n"
                    for ev in net.evidence[e] { text += "     \(ev.summary(codes: codes))\n" }
                }
                try output.emit(text, record: rec)
            case .json:
                let hops: [JSONValue] = (1..<path.count).map { i in
                    let u = path[i - 1], v = path[i]
                    let e = Paths.edge(g, u, v)!
                    return .object([
                        ("from", .string(g.labels[u])), ("to", .string(g.labels[v])),
                        ("day", i < days.count ? .string(days[i]!.description) : .null),
                        ("weight", .number(g.edgeWeight[e])),
                        ("kinds", .object(net.edgeKinds[e].map { ($0.kind.description, .number($0.weight)) })),
                        ("evidence", .array(net.evidence[e].map(NodeLinkJSON.evidenceJSON))),
                    ])
                }
                try output.emit(JSONValue.object([("from", .string(from)), ("to", .string(target)),
                                                  ("hops", .array(hops))]).serialized() + "\n", record: rec)
            }
        }
    }
}
