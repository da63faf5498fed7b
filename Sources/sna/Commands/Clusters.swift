import ArgumentParser
import Foundation
import Network
import Screening

enum ClusterMethod: String, ExpressibleByArgument, CaseIterable {
    case leiden, louvain, labelprop, components
}

enum ClusterQualityName: String, ExpressibleByArgument, CaseIterable {
    case modularity, cpm
}

enum ClusterFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json, xlsx
}

struct Clusters: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find clusters (communities): Leiden, Louvain, label propagation or components.",
        discussion: """
        Seeded: the same --seed gives the same clusters on any machine. Leiden keeps every cluster connected. --runs N runs seeds seed..seed+N-1, keeps the best partition (highest quality) and scores each cluster's stability: how often its members are put together (1 = always).

        CSV output (--format csv) is a contract: header `id,cluster`, one row per node in input order, clusters numbered 0..k-1 by size (largest first, ties by smallest member index). The table shows each cluster's size, density, ties inside and out, dominant group and its share, top members by --rank-by, and the ties between clusters.

        Examples:
          sna clusters samples/noerrebro --seed 1
          sna clusters samples/noerrebro --method louvain --runs 20 --format json
          sna clusters samples/noerrebro --format csv > clusters.csv
        """
    )

    @OptionGroup var input: InputOptions

    @Option(name: .long, help: "Method: leiden, louvain, labelprop or components.")
    var method: ClusterMethod = .leiden

    @Option(name: .long, help: "Quality for leiden/louvain: modularity or cpm.")
    var quality: ClusterQualityName = .modularity

    @Option(name: .long, help: "Resolution γ (modularity: 1 = standard; cpm: a density threshold).")
    var resolution: Double = 1

    @Flag(name: .long, help: "Use tie weights as strengths.")
    var weighted = false

    @Option(name: .long, help: "Random seed.")
    var seed: UInt64 = 1

    @Option(name: .long, parsing: .unconditional, help: "Leiden iterations (each refines the last partition); -1 = until nothing changes.")
    var iterations: Int = 2

    @Option(name: .long, help: "Runs with consecutive seeds for the stability score.")
    var runs: Int = 1

    @Option(name: .long, help: ArgumentHelp("Attribute for the dominant-group column (group, district, area, or a persons.csv column).", valueName: "attribute"))
    var by: String = "group"

    @Option(name: .long, help: ArgumentHelp("Measure to rank members by in the table.", valueName: "measure"))
    var rankBy: String = "degree"

    @Option(name: .long, help: "Output format: table, csv or json.")
    var format: ClusterFormat = .table

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if runs < 1 || runs > 10_000 { throw ValidationError("--runs must be from 1 to 10000 (each run is a whole Leiden search).") }
        if iterations == 0 || iterations < -1 { throw ValidationError("--iterations must be at least 1, or -1 for until stable.") }
        if !(resolution >= 0) { throw ValidationError("--resolution must be 0 or more.") }
        if !Measures.isKnown(rankBy) { throw ValidationError("Unknown measure '\(rankBy)' for --rank-by.") }
    }

    func run() throws {
        try reportingErrors {
            let net = try input.loadNetwork()
            let g = net.graph
            let q: CommunityQuality = quality == .modularity ? .modularity(resolution: resolution) : .cpm(resolution: resolution)
            func detect(_ s: UInt64) -> Partition {
                switch method {
                case .leiden: return Communities.leiden(g, quality: q, weighted: weighted, seed: s, iterations: iterations < 0 ? nil : iterations)
                case .louvain: return Communities.louvain(g, quality: q, weighted: weighted, seed: s)
                case .labelprop: return Communities.labelPropagation(g, weighted: weighted, seed: s)
                case .components: return Partition(labels: Components(g).membership)
                }
            }
            let result = working("clustering (\(runs) run\(runs == 1 ? "" : "s"))") { Consensus.run(runs: method == .components ? 1 : runs, seed: seed,
                                       quality: { Modularity.of($0, in: g, resolution: quality == .modularity ? resolution : 1, weighted: weighted) },
                                       detect: detect) }
            let p = result.partition
            let modularity = Modularity.of(p, in: g, weighted: weighted)
            // A directed graph is clustered on its undirected reading (arcs merged); its
            // partition is also scored by directed modularity (Leicht–Newman), and both say so.
            let directedModularity = g.directed ? Modularity.directed(p, in: g, weighted: weighted) : nil
            switch format {
            case .csv, .xlsx:
                var s = CSVOut.row(["id", "cluster"])
                for v in 0..<g.nodeCount { s += CSVOut.row([g.labels[v], String(p.membership[v])]) }
                try output.emitTable(s, xlsx: format == .xlsx)
            case .json, .table:
                // An attribute no person has (e.g. an actor's name given as --by) is an error.
                let groups = try by == "group" && net.dataset.affiliations.isEmpty
                    ? NodeAttributes.values(net, by, area: try input.loadPolicy().areaLabel) : partitionValues(net, by: by, policy: try input.loadPolicy())
                let summaries = ClusterSummary.all(p, in: g, groups: groups)
                let scores = try Measures.compute([rankBy], on: g)[0]
                func topMembers(_ c: Int, _ k: Int) -> [Int] {
                    p.clusters[c].sorted { scores.values[$0] != scores.values[$1] ? scores.values[$0] > scores.values[$1] : $0 < $1 }
                        .prefix(k).map { $0 }
                }
                if format == .json {
                    let clusters: [JSONValue] = summaries.map { s in
                        .object([
                            ("cluster", .int(s.cluster)), ("size", .int(s.size)), ("density", .number(s.density)),
                            ("internal_ties", .int(s.internalTies)), ("external_ties", .int(s.externalTies)),
                            ("dominant_\(by)", s.dominantGroup.map { .string($0) } ?? .null),
                            ("dominant_share", .number(s.dominantShare)),
                            ("stability", .number(result.clusterStability[s.cluster])),
                            ("members", .array(topMembers(s.cluster, s.size).map { .string(g.labels[$0]) })),
                            ("ties_to", .object(s.tiesTo.map { ("\($0.cluster)", .int($0.ties)) })),
                        ])
                    }
                    try output.emit(JSONValue.object([
                        ("method", .string(method.rawValue)), ("quality", .string(quality.rawValue)),
                        ("resolution", .number(resolution)), ("seed", .int(Int(seed))), ("runs", .int(result.runs)),
                        ("modularity", .number(modularity)),
                    ] + (directedModularity.map { [("modularity_reading", .string("undirected")), ("directed_modularity", .number($0))] } ?? [])
                      + [("clusters", .array(clusters))]).serialized() + "\n")
                } else {
                    var t = TextTable(header: ["cluster", "size", "density", "inside", "outside", "dominant \(by)", "share", "stability", "top by \(rankBy)"])
                    t.rightAligned = [0, 1, 2, 3, 4, 6, 7]
                    for s in summaries where s.size > 1 || summaries.count <= 30 {
                        t.rows.append([String(s.cluster), String(s.size), displayValue(s.density, integral: false),
                                       String(s.internalTies), String(s.externalTies), s.dominantGroup ?? "-",
                                       s.dominantGroup == nil ? "-" : String(format: "%.0f %%", 100 * s.dominantShare),
                                       String(format: "%.2f", result.clusterStability[s.cluster]),
                                       topMembers(s.cluster, 5).map { g.labels[$0] }.joined(separator: " ")])
                    }
                    let singletons = summaries.filter { $0.size == 1 }.count
                    var text = "\(method.rawValue): \(p.count) clusters, modularity \(displayValue(modularity, integral: false))"
                    if let dq = directedModularity {
                        text += " (arcs read as undirected; directed modularity, Leicht–Newman: \(displayValue(dq, integral: false)))"
                    }
                    text += method == .components ? "\n" : " (seed \(seed)\(result.runs > 1 ? ", best of \(result.runs) runs" : ""))\n"
                    text += t.render()
                    if singletons > 0 && summaries.count > 30 { text += "(\(singletons) single-node clusters not shown)\n" }
                    var links: [String] = []
                    for s in summaries where s.size > 1 {
                        for (c, ties) in s.tiesTo where c > s.cluster && summaries[c].size > 1 { links.append("\(s.cluster)–\(c): \(ties)") }
                    }
                    if !links.isEmpty { text += "ties between clusters: " + links.joined(separator: ", ") + "\n" }
                    try output.emit(text)
                }
            }
        }
    }
}
