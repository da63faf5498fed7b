import ArgumentParser
import Foundation
import Network
import Rendering

extension LinkPrediction.Method: ExpressibleByArgument {}

struct LeadsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "leads",
        abstract: "Leads for missing ties: unconnected pairs that look as if they should be tied.",
        discussion: """
        Scores every pair of persons who are not tied, from the ties they have: adamic_adar (default; shared neighbours, a rare one counting more: Σ 1/ln k), resource_allocation (Σ 1/k), common_neighbours, or katz (walks of length 2 to --katz-length, each step weighted --katz-beta). Ties are read undirected and unweighted. Each lead names the shared neighbours behind it.

        A lead is something for an analyst to check in the records, never a tie: nothing is written back, and no lead may be used as evidence about a person.

        --evaluate hides a seeded --hide share of the ties, scores the rest and reports how well the method finds the hidden ones: AUC (10,000 random comparisons of a hidden tie with a non-tie) and precision at k (k: the number hidden).

        Cost: O(Σ k²) over the persons' degrees k; katz O(n · L · m).

        CSV header: rank,source,target,score,shared,shared_count,method

        Examples:
          sna leads samples/noerrebro --top 10
          sna leads samples/noerrebro --method resource_allocation --evaluate
        """
    )

    @OptionGroup var input: InputOptions

    @Option(name: .long, help: "adamic_adar, resource_allocation, common_neighbours or katz.")
    var method: LinkPrediction.Method = .adamicAdar

    @Option(name: .long, help: "Leads listed.")
    var top: Int = 20

    @Option(name: .long, help: "Katz: weight per step (walks of length l count β^l).")
    var katzBeta: Double = 0.05

    @Option(name: .long, help: "Katz: longest walk counted.")
    var katzLength: Int = 3

    @Flag(name: .long, help: "Hide a share of ties and report how well the method finds them.")
    var evaluate = false

    @Option(name: .long, help: "With --evaluate: share of ties hidden.")
    var hide: Double = 0.1

    @Option(name: .long, help: "With --evaluate: random seed.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "Output format: table, csv, json or xlsx.")
    var format: ClusterFormat = .table

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if top < 1 { throw ValidationError("--top must be at least 1.") }
        if !(katzBeta > 0 && katzBeta < 1) { throw ValidationError("--katz-beta must be between 0 and 1, e.g. 0.05.") }
        if !(2...6).contains(katzLength) { throw ValidationError("--katz-length must be 2 to 6.") }
        if !(hide > 0 && hide < 1) { throw ValidationError("--hide is a share between 0 and 1, e.g. 0.1.") }
    }

    func run() throws {
        try reportingErrors {
            let net = try input.loadNetwork()
            let g = net.graph
            if evaluate {
                guard let e = LinkPrediction.evaluate(g, method: method, share: hide, seed: seed, katzBeta: katzBeta, katzLength: katzLength) else {
                    throw CLIError("--evaluate needs at least 2 ties and a pair that is not tied in \(net.dataset.location)")
                }
                switch format {
                case .json:
                    try output.emit(JSONValue.object([
                        ("method", .string(method.rawValue)), ("hidden", .int(e.hidden)), ("hide", .number(hide)),
                        ("seed", .int(Int(seed))), ("auc", .number(e.auc)), ("k", .int(e.k)), ("precision_at_k", .number(e.precisionAtK)),
                    ]).serialized() + "\n")
                case .csv, .xlsx:
                    var s = CSVOut.row(["method", "hidden", "seed", "auc", "k", "precision_at_k"])
                    s += CSVOut.row([method.rawValue, String(e.hidden), String(seed), formatNumber(e.auc), String(e.k), formatNumber(e.precisionAtK)])
                    try output.emitTable(s, xlsx: format == .xlsx)
                case .table:
                    try output.emit("""
                    \(method.rawValue): \(e.hidden) of the ties hidden (seed \(seed))
                    AUC             \(String(format: "%.3f", e.auc))   (0.5: no better than chance)
                    precision@k     \(String(format: "%.3f", e.precisionAtK))   (k = \(e.k): share of the k best leads that are hidden ties)

                    """)
                }
                return
            }
            let leads = LinkPrediction.leads(g, method: method, top: top, katzBeta: katzBeta, katzLength: katzLength)
            func shared(_ l: LinkPrediction.Lead) -> String {
                let ids = l.shared.prefix(5).map { g.labels[$0] }
                return ids.joined(separator: ";") + (l.shared.count > 5 ? ";+\(l.shared.count - 5) more" : "")
            }
            switch format {
            case .csv, .xlsx:
                var s = CSVOut.row(["rank", "source", "target", "score", "shared", "shared_count", "method"])
                for (i, l) in leads.enumerated() {
                    s += CSVOut.row([String(i + 1), g.labels[l.source], g.labels[l.target], formatNumber(l.score), shared(l),
                                     String(l.shared.count), method.rawValue])
                }
                try output.emitTable(s, xlsx: format == .xlsx)
            case .json:
                try output.emit(JSONValue.object([
                    ("method", .string(method.rawValue)), ("note", .string("leads to check, not ties")),
                    ("leads", .array(leads.map { l in
                        .object([("source", .string(g.labels[l.source])), ("target", .string(g.labels[l.target])),
                                 ("score", .number(l.score)), ("shared", .array(l.shared.map { .string(g.labels[$0]) }))])
                    })),
                ]).serialized() + "\n")
            case .table:
                var t = TextTable(header: ["rank", "pair", "score", "shared neighbours"])
                t.rightAligned = [0, 2]
                for (i, l) in leads.enumerated() {
                    t.rows.append([String(i + 1), "\(g.labels[l.source]) – \(g.labels[l.target])", significant(l.score, digits: 4),
                                   l.shared.isEmpty ? "-" : shared(l).replacingOccurrences(of: ";", with: " ")])
                }
                try output.emit("leads by \(method.rawValue): pairs not tied, to check in the records (not ties, not evidence)\n" + t.render())
            }
        }
    }
}
