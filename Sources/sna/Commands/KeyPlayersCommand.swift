import ArgumentParser
import Foundation
import Network

struct KeyPlayersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keyplayers",
        abstract: "Key players (Borgatti) and what-if removals: who holds the network together?",
        discussion: """
        --top N finds the N persons whose removal most fragments the network (KPP-Neg: --objective fragmentation or distance-fragmentation) or who reach most others within --distance hops (KPP-Pos: --objective reach). Where the sets of N can all be scored (up to 10 million sets and 4·10⁹ steps) every one is, and the output says "optimal"; otherwise greedy selection, single and pair swaps and seeded restarts, and the output says how many sets were scored. A member whose removal from the set changes nothing is named as adding nothing.

        --remove deprived (persons in custody or serving a sentence) or --remove ID,ID,... asks what happens if those persons drop out: components, largest component, fragmentation and the new top brokers, compared in one table with removing as many persons by top betweenness and by top degree.

        Examples:
          sna keyplayers samples/noerrebro --top 5
          sna keyplayers samples/noerrebro --top 5 --objective reach --distance 2
          sna keyplayers samples/noerrebro --remove deprived
        """
    )

    @OptionGroup var input: InputOptions

    @Option(name: .long, help: "How many key players: the size of the set.")
    var top: Int?

    /// The earlier spelling of --top (k, the key-player literature's set size); still works.
    @Option(name: .customLong("k"), help: .hidden)
    var kOld: Int?

    var k: Int { top ?? kOld ?? 5 }

    @Option(name: .long, help: "Objective: fragmentation, distance-fragmentation or reach.")
    var objective: String = "fragmentation"

    @Option(name: .long, help: "Reach objective: hops.")
    var distance: Int = 1

    @Option(name: .long, help: ArgumentHelp("What-if: 'deprived' or a comma-separated list of ids to remove.", valueName: "who"))
    var remove: String?

    @Option(name: .long, help: "Random seed for the swap search.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "Output format: table or json.")
    var format: StatsFormat = .text

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if KeyPlayers.Objective(rawValue: objective) == nil {
            throw ValidationError("Unknown objective '\(objective)'; use fragmentation, distance-fragmentation or reach.")
        }
        if top != nil && kOld != nil { throw ValidationError("--k is the old spelling of --top: give one of them.") }
        if k < 1 { throw ValidationError("--top must be at least 1.") }
        if distance < 1 { throw ValidationError("--distance must be at least 1.") }
    }

    struct Scenario {
        let name: String
        let removed: [Int]
        let components: Int
        let largest: Int
        let fragmentation: Double
        let topBrokers: [String]
    }

    func run() throws {
        try reportingErrors {
            let net = try input.loadNetwork()
            let g = net.graph
            let n = g.nodeCount
            func scenario(_ name: String, _ ids: [Int]) throws -> Scenario {
                var removed = [Bool](repeating: false, count: n)
                for v in ids { removed[v] = true }
                let (sub, original) = g.subgraph(keepNode: removed.map { !$0 })
                let comps = Components(sub)
                let bc = try Betweenness.compute(sub)
                let top = NodeScores(name: "betweenness", values: bc).top(5).map { g.labels[original[$0]] }
                return Scenario(name: name, removed: ids, components: comps.count, largest: comps.members.first?.count ?? 0,
                                fragmentation: KeyPlayers.fragmentation(g, removed: removed), topBrokers: top)
            }
            if let remove {
                var ids: [Int] = []
                var label = "listed"
                if remove == "deprived" {
                    label = "deprived of liberty"
                    ids = (0..<n).filter { net.person($0)?.status?.isDeprivedOfLiberty == true }
                } else {
                    for raw in remove.split(separator: ",") {
                        let id = raw.trimmingCharacters(in: .whitespaces)
                        guard let v = g.index(of: id) else { throw CLIError("--remove: unknown person '\(id)' in \(net.dataset.location)") }
                        ids.append(v)
                    }
                }
                let count = ids.count
                let bc = NodeScores(name: "betweenness", values: try Betweenness.compute(g))
                let deg = NodeScores(name: "degree", values: Degree.degree(g))
                let scenarios = [try scenario("none removed", []), try scenario(label, ids),
                                 try scenario("top \(count) by betweenness", bc.top(count)),
                                 try scenario("top \(count) by degree", deg.top(count))]
                if format == .json {
                    try output.emit(JSONValue.array(scenarios.map { s in
                        .object([("scenario", .string(s.name)), ("removed", .array(s.removed.map { .string(g.labels[$0]) })),
                                 ("components", .int(s.components)), ("largest_component", .int(s.largest)),
                                 ("fragmentation", .number(s.fragmentation)),
                                 ("top_brokers", .array(s.topBrokers.map { .string($0) }))])
                    }).serialized() + "\n")
                } else {
                    var t = TextTable(header: ["scenario", "removed", "components", "largest", "fragmentation", "top brokers after"])
                    t.rightAligned = [1, 2, 3, 4]
                    for s in scenarios {
                        t.rows.append([s.name, String(s.removed.count), String(s.components), String(s.largest),
                                       String(format: "%.3f", s.fragmentation), s.topBrokers.joined(separator: " ")])
                    }
                    try output.emit(t.render())
                }
                return
            }
            let obj = KeyPlayers.Objective(rawValue: objective)!
            let result = working("searching \(k) key players") { KeyPlayers.search(g, k: k, objective: obj, reachDistance: distance, seed: seed) }
            let (set, score) = (result.set, result.score)
            let base = KeyPlayers.score(g, [Bool](repeating: false, count: n), obj, reachDistance: distance)
            let how = result.optimal ? "optimal: all \(result.evaluations) sets of \(k) scored"
                                     : "best found in \(result.evaluations) evaluations (too many sets to score them all)"
            if format == .json {
                try output.emit(JSONValue.object([("objective", .string(objective)), ("k", .int(k)),
                                                  ("set", .array(set.map { .string(g.labels[$0]) })),
                                                  ("score", .number(score)), ("baseline", .number(base)),
                                                  ("optimal", .bool(result.optimal)), ("evaluations", .int(result.evaluations)),
                                                  ("add_nothing", .array(result.addNothing.map { .string(g.labels[$0]) }))]).serialized() + "\n")
            } else {
                var text = "key players (\(objective)\(obj == .reach ? " within \(distance)" : "")), k = \(k): \(set.map { g.labels[$0] }.joined(separator: " "))\n"
                text += obj == .reach
                    ? "reach: \(String(format: "%.3f", score)) of the others\n"
                    : "fragmentation: \(String(format: "%.3f", base)) before, \(String(format: "%.3f", score)) after removing them\n"
                text += how + "\n"
                if !result.addNothing.isEmpty {
                    text += "\(result.addNothing.map { g.labels[$0] }.joined(separator: " ")) add\(result.addNothing.count == 1 ? "s" : "") nothing: the set scores the same without \(result.addNothing.count == 1 ? "this person" : "each of them") (any person would do in that place)\n"
                }
                try output.emit(text)
            }
        }
    }
}
