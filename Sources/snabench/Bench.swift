import ArgumentParser
import Dispatch
import Foundation
import Network
import Rendering

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Time workloads on one graph (release builds); one JSON object per line.",
        discussion: """
        Each workload runs --repeat times; the line gives every run and the median, in seconds of
        the algorithm alone (`load` = parse the CSV and build the CSR form). The last line gives
        the peak resident set size. scripts/bench-peers runs the same workloads with igraph and
        NetworKit side by side.

        Workloads: load, betweenness, closeness, harmonic, pagerank, components, core_number,
        clustering, eigenvector, leiden, louvain (--seed), approx_betweenness (--epsilon, --delta, --seed),
        render_svg (a small drawing through Graphviz; run it with a large --repeat to check RSS).

        Example:
          sna bench ba10k.csv --workloads load,betweenness,closeness --repeat 3
        """
    )

    @Argument(help: "Edge-list CSV, nodes/edges folder or dataset folder.")
    var input: String

    @Option(name: .long, help: "Comma-separated workloads.")
    var workloads: String = "load,betweenness,closeness,harmonic,pagerank,components,core_number"

    @Option(name: .long, help: "Runs per workload.")
    var `repeat`: Int = 3

    @Option(name: .long, help: "approx_betweenness: additive error bound.")
    var epsilon: Double = 0.01

    @Option(name: .long, help: "approx_betweenness: failure probability.")
    var delta: Double = 0.1

    @Option(name: .long, help: "approx_betweenness: seed.")
    var seed: UInt64 = 1

    func run() throws {
        try reportingErrors {
            var graph: Graph?
            func time(_ body: () throws -> Void) rethrows -> Double {
                let t0 = DispatchTime.now().uptimeNanoseconds
                try body()
                return Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
            }
            func load() throws -> Graph {
                var o = BuildOptions()
                o.keepEvidence = false
                // A plain edge-list file goes straight into the graph, as `sna centrality` reads it.
                if DatasetLoader.isEdgeListFile(input),
                   let net = try NetworkBuilder.edgeList(url: URL(fileURLWithPath: input), file: input, options: o) {
                    return net.graph
                }
                return try NetworkBuilder.build(try DatasetLoader.load(input), options: o).graph
            }
            let list = workloads.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            for w in list {
                var runs: [Double] = []
                var error: String?
                var extra: [(String, JSONValue)] = []
                for _ in 0..<max(1, `repeat`) {
                    do {
                        if w == "load" {
                            runs.append(try time { graph = try load() })
                            continue
                        }
                        if graph == nil { graph = try load() }
                        let g = graph!
                        var sink = 0.0
                        let t: Double

                        switch w {
                        case "betweenness": t = try time { sink += try Betweenness.compute(g)[0] }
                        case "closeness": t = try time { sink += try Closeness.closeness(g)[0] }
                        case "harmonic": t = try time { sink += try Closeness.harmonic(g)[0] }
                        case "pagerank": t = try time { sink += try Spectral.pageRank(g)[0] }
                        case "eigenvector": t = try time { sink += try Spectral.eigenvector(g)[0] }
                        case "components": t = time { sink += Double(Components(g).count) }
                        case "core_number": t = time { sink += Cores.coreNumber(g)[0] }
                        case "clustering": t = time { sink += Clustering.local(g)[0] }
                        case "render_svg":
                            // A small fixed drawing: repeated to check that renders leak nothing.
                            let dot = "graph { a -- b; b -- c; c -- a; c -- d; d -- e; e -- c; }"
                            t = try time { sink += Double(try GraphvizRenderer.shared.render(dot: dot, engine: .neato, format: .svg).count) }
                        case "leiden":
                            var part: Partition?
                            t = time { part = Communities.leiden(g, seed: seed) }
                            sink += Double(part!.count)
                            extra = [("modularity", .number(Modularity.of(part!, in: g))), ("communities", .int(part!.count))]
                        case "louvain": t = time { sink += Double(Communities.louvain(g, seed: seed).count) }
                        case "approx_betweenness":
                            t = time { sink += Betweenness.approximate(g, epsilon: epsilon, delta: delta, seed: seed).values[0] }
                        default:
                            error = "unknown workload"
                            t = 0
                        }
                        if error != nil { break }
                        if sink.isNaN { note("") }
                        runs.append(t)
                    } catch {
                        throw error
                    }
                }
                var fields: [(String, JSONValue)] = [("workload", .string(w))]
                if let error {
                    fields.append(("error", .string(error)))
                } else {
                    let sorted = runs.sorted()
                    fields.append(("median", .number(sorted[sorted.count / 2])))
                    fields.append(("runs", .array(runs.map { .number($0) })))
                    fields.append(("threads", .int(Parallel.threads)))
                    fields += extra
                }
                FileHandle.standardOutput.write(Data((JSONValue.object(fields).serialized(pretty: false) + "\n").utf8))
            }
            var usage = rusage()
            getrusage(RUSAGE_SELF.rawValue, &usage)
            FileHandle.standardOutput.write(Data((JSONValue.object([("workload", .string("peak_rss")),
                                                                     ("bytes", .int(usage.ru_maxrss * 1024))]).serialized(pretty: false) + "\n").utf8))
        }
    }
}
