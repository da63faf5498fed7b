import ArgumentParser
import Foundation
import Network

enum ScoreFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json, xlsx
}

struct Centrality: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compute centrality measures for every node.",
        discussion: """
        CSV output (--format csv) is a contract: header `id` then one column per measure, named as given to --measures; one row per node in input order; values as shortest round-trip decimals. --top N sorts by the first measure (ties by input order) and keeps N rows.

        Path measures ignore weights by default; --weights distance uses them as lengths, --weights strength as tie strength (length 1/w). A measure name ending in _weighted (e.g. betweenness_weighted) uses weights as distances.

        Measures: \(Measures.names.joined(separator: ", ")).

        Examples:
          sna centrality samples/noerrebro --measures degree,betweenness --top 20
          sna centrality samples/noerrebro --format csv > scores.csv
          sna centrality edges.csv --measures betweenness --weights distance
        """
    )

    @OptionGroup var input: InputOptions

    @Option(name: .long, help: ArgumentHelp("Comma-separated measures.", valueName: "names"))
    var measures: String = "degree,betweenness,closeness"

    @Option(name: .long, help: "How edge weights enter path measures: none, distance or strength.")
    var weights: PathWeights = .none

    @Option(name: .long, help: ArgumentHelp("Keep the N highest by the first measure.", valueName: "N"))
    var top: Int?

    @Option(name: .long, help: "Output format: table, csv or json.")
    var format: ScoreFormat = .table

    @OptionGroup var disclosure: DisclosureOptions
    @OptionGroup var actor: ActorOptions

    @Flag(name: .long, help: "Always compute exact betweenness, however large the graph.")
    var exact = false

    @Option(name: .long, help: "Approximate betweenness: additive error bound.")
    var epsilon: Double = 0.01

    @Option(name: .long, help: "Approximate betweenness: failure probability.")
    var delta: Double = 0.1

    @Option(name: .long, help: "Seed for approximate betweenness.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "Katz attenuation α; must be below 1/λ_max (the error names the bound).")
    var alpha: Double = 0.1

    /// Exact betweenness costs about n·m steps; above this it is approximated unless --exact.
    /// 1e10 is about 60–80 s on two cores here (BA n=10,000, m=49,975 is 5e8 and takes 3.6 s).
    static let exactBetweennessLimit = 1e10

    @Option(name: .customLong("as-of"), help: ArgumentHelp("For exposure: the day it is judged on (default --to, else the latest date in the data).", valueName: "date"))
    var asOf: String?

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if let asOf, Day(iso: asOf) == nil { throw ValidationError("--as-of '\(asOf)' is not a date; write YYYY-MM-DD.") }
        try actor.requirePurpose(disclosure)
        if let top, top < 1 { throw ValidationError("--top must be at least 1.") }
        if let layerBy, layerBy != "type" { throw ValidationError("--layer-by takes type (one layer per kind of tie).") }
        let list = measureList
        if list.isEmpty { throw ValidationError("--measures needs at least one measure, e.g. --measures degree,betweenness.") }
        for m in list {
            if case .notWeighted? = Measures.problem(m) { throw ValidationError(Measures.problem(m)!.description) }
            if !Measures.isKnown(m) && !Exposure.isKey(m) {
                throw ValidationError("Unknown measure '\(m)'. Known: \((Measures.names + Exposure.keys).joined(separator: ", ")).")
            }
        }
        if Set(list).count != list.count { throw ValidationError("--measures lists a measure twice.") }
        if !(epsilon >= 0.001 && epsilon < 1) {
            throw ValidationError("--epsilon must be at least 0.001 and below 1, e.g. 0.01 (below 0.001 the samples pass 10^7 shortest-path searches: use --exact).")
        }
        if !(delta > 0 && delta < 1) { throw ValidationError("--delta must be between 0 and 1, e.g. 0.1.") }
        if !(alpha > 0 && alpha.isFinite) { throw ValidationError("--alpha must be a positive number, e.g. 0.01.") }
    }

    var measureList: [String] {
        measures.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    @Option(name: .long, help: ArgumentHelp("type: each measure also on each kind of tie (measure@layer columns) and the participation coefficient over layers.", valueName: "type"))
    var layerBy: String?

    func run() throws {
        try reportingErrors {
            let net = try input.loadNetwork(weights: weights, linkRows: false)
            let rec = actor.disclosureRecorder(input, disclosure, what: "centrality table")
            let g = net.graph
            var opts = Measures.Options()
            opts.epsilon = epsilon; opts.delta = delta; opts.seed = seed; opts.katzAlpha = alpha
            var scores: [NodeScores] = []
            let large = Double(g.nodeCount) * Double(g.edgeCount) > Self.exactBetweennessLimit
            let policy = try input.loadPolicy()
            var exposure: Exposure.Result?
            for m in measureList {
                if Exposure.isKey(m) {
                    if exposure == nil {
                        let o = input.buildOptions()
                        guard let day = asOf.flatMap(Day.init(iso:)) ?? o.to ?? net.dataset.period?.last else {
                            throw CLIError("exposure needs dated cases: give --as-of DATE")
                        }
                        exposure = policy.exposure(net.dataset, asOf: day, from: o.from)
                    }
                    scores.append(exposure!.scores(m, on: g))
                    continue
                }
                if large && !exact && m == "betweenness" && weights == .none {
                    note("note: \(g.nodeCount) nodes × \(g.edgeCount) edges is beyond exact betweenness in reasonable time; approximating within ±\(epsilon) with probability \(1 - delta) (seed \(seed)). Use --exact to force the exact value.")
                    let approx = Betweenness.approximate(g, epsilon: epsilon, delta: delta, seed: seed)
                    scores.append(NodeScores(name: m, values: approx.values))
                } else {
                    scores += try working("computing \(m)") { try Measures.compute([m], on: g, weights: weights, options: opts) }
                }
            }
            if layerBy != nil {
                // Each layer's own figures beside the whole network's, and how a person's ties
                // spread over the layers.
                let layers = Layers(net)
                for kind in net.edgeKinds.kinds {
                    let lg = Layers.graph(net, kind: kind)
                    for m in measureList where !Exposure.isKey(m) {
                        let v = try working("computing \(m) on the \(kind) layer") { try Measures.compute([m], on: lg, weights: weights, options: opts)[0] }
                        scores.append(NodeScores(name: "\(m)@\(kind)", values: v.values, isIntegral: v.isIntegral))
                    }
                }
                scores.append(NodeScores(name: "participation", values: layers.participation))
            }
            var rows = Array(0..<g.nodeCount)
            if let top { rows = scores[0].top(top) }
            var text: String
            switch format {
            case .xlsx,
                 .csv where output.csvDialect == .excel:
                // For a spreadsheet: the same cells, through the workbook or the Excel dialect.
                var s = CSVOut.row(["id"] + scores.map(\.name))
                for v in rows { s += CSVOut.row([g.labels[v]] + scores.map { formatValue($0.values[v], integral: $0.isIntegral) }) }
                try output.emitTable(s, xlsx: format == .xlsx, record: rec)
                return
            case .csv:
                // Straight into bytes (a million-row table is written without a String copy).
                var data = Data()
                data.reserveCapacity(rows.count * (16 + 24 * scores.count))
                data.append(contentsOf: CSVOut.row(["id"] + scores.map(\.name)).utf8)
                for v in rows {
                    data.append(contentsOf: CSVOut.row([g.labels[v]] + scores.map { formatValue($0.values[v], integral: $0.isIntegral) }).utf8)
                }
                try output.emit(data, record: rec)
                return
            case .json:
                let nodes: [JSONValue] = rows.map { v in
                    .object([("id", .string(g.labels[v]))] + scores.map { sc in
                        (sc.name, sc.isIntegral ? .int(Int(sc.values[v])) : .number(sc.values[v]))
                    })
                }
                text = JSONValue.object([
                    ("input", .string(net.dataset.location)),
                    ("directed", .bool(g.directed)),
                    ("weights", .string(weights.rawValue)),
                    ("measures", .array(scores.map { .string($0.name) })),
                    ("centralization", .object(scores.compactMap { sc in
                        g.directed ? nil : GraphMeasures.centralization(sc, nodeCount: g.nodeCount).map { (sc.name, .number($0)) }
                    })),
                    ("nodes", .array(nodes)),
                ]).serialized() + "\n"
            case .table:
                var header = ["rank", "id"]
                let rule = disclosure.rule(for: net.dataset, policy: try input.loadPolicy())
                if disclosure.names { header.append("name") }
                header += scores.map(\.name)
                var t = TextTable(header: header)
                t.rightAligned = Set([0] + (0..<scores.count).map { $0 + header.count - scores.count })
                let ranks = rankMap(scores[0])
                for v in rows {
                    var r = [String(ranks[v]), g.labels[v]]
                    if disclosure.names { r.append(disclosure.shown(net.person(v), rule)) }
                    r += scores.map { displayValue($0.values[v], integral: $0.isIntegral) }
                    t.rows.append(r)
                }
                text = t.render()
                let cz = g.directed ? [] : scores.compactMap { sc in
                    GraphMeasures.centralization(sc, nodeCount: g.nodeCount).map { "\(sc.name) \(displayValue($0, integral: false))" }
                }
                if !cz.isEmpty { text += "Freeman centralization: " + cz.joined(separator: ", ") + "\n" }
            }
            try output.emit(text, record: rec)
        }
    }

    /// Competition ranking ("1224") by the first measure, NaN last.
    func rankMap(_ s: NodeScores) -> [Int] { s.ranks() }
}
