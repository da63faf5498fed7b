import ArgumentParser
import Foundation
import Network

extension Disruption.Mode: ExpressibleByArgument {}

struct DisruptionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disruption",
        abstract: "Disruption curve: remove the top person by a measure, recompute, repeat.",
        discussion: """
        Arrest planning as in Cavallaro et al. (PLOS ONE 2020): --mode sequential removes the person with the highest --order score, recomputes the score on what is left and repeats, --step persons per row; --mode block removes the --step highest of one computation together (a raid), then recomputes. Ties in the score go to the smaller id. Each row gives the largest component left and its share of the full network's largest component, the components, isolated persons and Borgatti's fragmentation of the persons left. Choose a layer with --links (e.g. --links meeting); persons without a tie of those kinds count as isolated unless --tied-only.

        A plan to weigh, not a prediction: a removed person is replaced in practice, and a missing tie changes the order (see sna robustness).

        Cost: one --order computation per removal (sequential) or per row (block); betweenness is O(n·m) each.

        CSV header: step,removed,removed_total,persons,lcc,lcc_share,components,isolates,fragmentation

        Examples:
          sna disruption samples/noerrebro --steps 5
          sna disruption samples/noerrebro --mode block --step 3 --steps 3 --format csv
        """
    )

    @OptionGroup var input: InputOptions

    @Option(name: .long, help: "Measure that chooses whom to remove (any of sna centrality's).")
    var order: String = "betweenness"

    @Option(name: .long, help: "sequential (recompute after each removal) or block (a raid).")
    var mode: Disruption.Mode = .sequential

    @Option(name: .long, help: "Persons removed per row.")
    var step: Int = 1

    @Option(name: .long, help: "Rows after the full network.")
    var steps: Int = 5

    @Flag(name: .long, help: "Count only the persons with a tie of the chosen kinds (a layer's own persons).")
    var tiedOnly = false

    @Option(name: .long, help: "Output format: table, csv, json or xlsx.")
    var format: ClusterFormat = .table

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if !Measures.isKnown(order) { throw ValidationError("Unknown measure '\(order)' for --order; sna centrality --help lists them.") }
        if step < 1 || steps < 1 { throw ValidationError("--step and --steps must be at least 1.") }
        if step * steps > 100_000 { throw ValidationError("--step × --steps must be at most 100000 removals.") }
    }

    func run() throws {
        try reportingErrors {
            let net = try input.loadNetwork()
            let g = tiedOnly ? net.graph.subgraph(keepNode: Degree.degree(net.graph).map { $0 > 0 }).graph : net.graph
            let name = order
            // One score computation per removal (sequential) or per step (block).
            let computations = mode == .block ? steps : steps * step
            let bar = Progress(total: computations)
            var done = 0
            let rows = try Disruption.curve(g, steps: steps, stepSize: step, mode: mode) { sub in
                done += 1
                bar.step("\(name) on what is left: \(done) of \(computations)")
                return try Measures.compute([name], on: sub).first?.values ?? []
            }
            bar.done()
            func ids(_ r: Disruption.Step) -> [String] { r.removed.map { g.labels[$0] } }
            switch format {
            case .csv, .xlsx:
                var s = CSVOut.row(["step", "removed", "removed_total", "persons", "lcc", "lcc_share", "components", "isolates", "fragmentation"])
                for r in rows {
                    s += CSVOut.row([String(r.step), ids(r).joined(separator: ";"), String(r.removedTotal), String(r.persons),
                                     String(r.largest), formatNumber(r.largestShare), String(r.components), String(r.isolates),
                                     formatNumber(r.fragmentation)])
                }
                try output.emitTable(s, xlsx: format == .xlsx)
            case .json:
                try output.emit(JSONValue.object([
                    ("order", .string(order)), ("mode", .string(mode.rawValue)), ("step", .int(step)),
                    ("steps", .array(rows.map { r in
                        .object([("step", .int(r.step)), ("removed", .array(ids(r).map { .string($0) })),
                                 ("scores", .array(r.scores.map { .number($0) })), ("removed_total", .int(r.removedTotal)),
                                 ("persons", .int(r.persons)), ("lcc", .int(r.largest)), ("lcc_share", .number(r.largestShare)),
                                 ("components", .int(r.components)), ("isolates", .int(r.isolates)),
                                 ("fragmentation", .number(r.fragmentation))])
                    })),
                ]).serialized() + "\n")
            case .table:
                var t = TextTable(header: ["step", "removed", "largest", "share", "components", "isolates", "fragmentation"])
                t.rightAligned = [0, 2, 3, 4, 5, 6]
                for r in rows {
                    t.rows.append([String(r.step), r.removed.isEmpty ? "-" : ids(r).joined(separator: " "), String(r.largest),
                                   String(format: "%.4f", r.largestShare), String(r.components), String(r.isolates),
                                   String(format: "%.3f", r.fragmentation)])
                }
                try output.emit("\(mode.rawValue) removal by \(order), \(step) per step, recomputed after each \(mode == .block ? "step" : "removal")\n" + t.render())
            }
        }
    }
}
