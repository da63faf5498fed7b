import ArgumentParser
import Foundation
import Network

struct RobustnessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "robustness",
        abstract: "How sure are we: rank stability of a measure when nodes or ties are missing.",
        discussion: """
        Repeats the measure --runs times after deleting a random share of persons (--drop-nodes) and ties (--drop-ties), seeded, and reports per person the rank on the full data, the median rank, a 90 % interval (5th–95th percentile) and the probability of staying in the top --top-k. Published work (Ficara et al. 2021) shows that 2 % missing nodes can mislead a ranking: read the interval before acting on a rank.

        --sensitivity adds Martin & Niemeyer's pairwise sensitivity over the same runs: the share of runs in which the more central of two persons (100,000 seeded pairs) stays the more central, and per person P(above next): how often it stays above the person ranked just below it.

        CSV header: id,rank,median_rank,rank_low,rank_high,p_top_k,runs (with --sensitivity also p_above_next)

        Examples:
          sna robustness samples/noerrebro --drop-nodes 0.05 --drop-ties 0.1
          sna robustness samples/noerrebro --runs 50 --sensitivity
        """
    )

    @OptionGroup var input: InputOptions

    @Option(name: .long, help: "Measure to rank by.")
    var measure: String = "betweenness"

    @Option(name: .long, help: "Share of persons deleted in each run.")
    var dropNodes: Double = 0.05

    @Option(name: .long, help: "Share of ties deleted in each run.")
    var dropTies: Double = 0.10

    @Option(name: .long, help: "Runs.")
    var runs: Int = 200

    @Option(name: .customLong("top-k"), help: "The top-k whose membership is scored.")
    var topK: Int = 10

    @Option(name: .long, help: "Random seed.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "Rows in the table (by rank on the full data).")
    var top: Int = 20

    @Flag(name: .long, help: "Add Martin & Niemeyer's pairwise sensitivity: does the more central stay more central?")
    var sensitivity = false

    @Option(name: .long, help: "Output format: table, csv or json.")
    var format: ClusterFormat = .table

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if !Measures.isKnown(measure) { throw ValidationError("Unknown measure '\(measure)'.") }
        if !(0..<1).contains(dropNodes) || !(0..<1).contains(dropTies) {
            throw ValidationError("--drop-nodes and --drop-ties are shares between 0 and 1, e.g. 0.05.")
        }
        if runs < 1 || topK < 1 { throw ValidationError("--runs and --top-k must be at least 1.") }
        if runs > 100_000 { throw ValidationError("--runs must be at most 100000 (each run recomputes the measure).") }
    }

    func run() throws {
        try reportingErrors {
            let net = try input.loadNetwork()
            let g = net.graph
            let bar = Progress(total: runs)
            let r = try Robustness.ranks(g, measure: measure, dropNodes: dropNodes, dropTies: dropTies,
                                         runs: runs, topK: topK, seed: seed) { done, of in bar.step("\(measure) on perturbed copies: run \(done) of \(of)") }
            bar.done()
            let sens = sensitivity ? try working("pairwise sensitivity") {
                try Robustness.sensitivity(g, measure: measure, dropNodes: dropNodes, dropTies: dropTies, runs: runs, seed: seed)
            } : nil
            func next(_ v: Int) -> String { sens.map { $0.aboveNext[v].isNaN ? "" : formatNumber($0.aboveNext[v]) } ?? "" }
            func row(_ v: Int) -> [String] {
                let s = r[v]
                return [g.labels[v], String(s.rank), s.runs > 0 ? formatNumber(s.medianRank) : "", s.runs > 0 ? String(s.low) : "",
                        s.runs > 0 ? String(s.high) : "", formatNumber(s.topK), String(s.runs)]
            }
            switch format {
            case .csv, .xlsx:
                var s = CSVOut.row(["id", "rank", "median_rank", "rank_low", "rank_high", "p_top_k", "runs"] + (sens == nil ? [] : ["p_above_next"]))
                for v in 0..<g.nodeCount { s += CSVOut.row(row(v) + (sens == nil ? [] : [next(v)])) }
                try output.emitTable(s, xlsx: format == .xlsx)
            case .json:
                try output.emit(JSONValue.object([
                    ("measure", .string(measure)), ("drop_nodes", .number(dropNodes)), ("drop_ties", .number(dropTies)),
                    ("runs", .int(runs)), ("top_k", .int(topK)), ("seed", .int(Int(seed))),
                    ("pairwise_sensitivity", sens.map { .number($0.pairwise) } ?? .null),
                    ("nodes", .array((0..<g.nodeCount).map { v in
                        .object([("id", .string(g.labels[v])), ("rank", .int(r[v].rank)),
                                 ("median_rank", r[v].runs > 0 ? .number(r[v].medianRank) : .null),
                                 ("rank_low", .int(r[v].low)), ("rank_high", .int(r[v].high)),
                                 ("p_top_k", .number(r[v].topK)), ("runs", .int(r[v].runs)),
                                 ("p_above_next", sens.map { $0.aboveNext[v].isNaN ? .null : .number($0.aboveNext[v]) } ?? .null)])
                    })),
                ]).serialized() + "\n")
            case .table:
                let order = (0..<g.nodeCount).sorted { r[$0].rank != r[$1].rank ? r[$0].rank < r[$1].rank : $0 < $1 }
                var t = TextTable(header: ["id", "rank", "median", "90% interval", "P(top \(topK))", "runs"] + (sens == nil ? [] : ["P(above next)"]))
                t.rightAligned = [1, 2, 3, 4, 5, 6]
                for v in order.prefix(top) {
                    let s = r[v]
                    t.rows.append([g.labels[v], String(s.rank), s.runs > 0 ? formatNumber(s.medianRank) : "-",
                                   s.runs > 0 ? "\(s.low)–\(s.high)" : "-", String(format: "%.2f", s.topK), String(s.runs)]
                                  + (sens == nil ? [] : [sens!.aboveNext[v].isNaN ? "-" : String(format: "%.2f", sens!.aboveNext[v])]))
                }
                let pairwise = sens.map { String(format: "pairwise sensitivity %.3f: the more central of two persons stays more central in that share of runs (%d seeded pairs; Martin & Niemeyer)\n", $0.pairwise, $0.pairs) } ?? ""
                try output.emit("\(measure): \(runs) runs, \(Int(dropNodes * 100)) % persons and \(Int(dropTies * 100)) % ties deleted per run (seed \(seed))\n" + pairwise + t.render())
            }
        }
    }
}
