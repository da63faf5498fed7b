/// Closeness and harmonic centrality from one pass of single-source shortest paths per node.
public enum Closeness {
    /// Which distances a directed graph uses: `.incoming` d(u→v) (networkx's default for
    /// `closeness_centrality` and `harmonic_centrality`) or `.outgoing` d(v→u).
    public enum Direction: String, Sendable { case incoming, outgoing }

    /// Per-node reach and distance sums.
    public struct Sums: Sendable {
        /// Nodes that reach v (or that v reaches), v included.
        public var reach: [Int]
        /// Σ d over those nodes.
        public var total: [Double]
        /// Σ 1/d over those nodes (d > 0).
        public var harmonic: [Double]
    }

    /// Runs one BFS/Dijkstra per node. O(n·m) unweighted, O(n·m·log n) weighted; parallel,
    /// each node written by exactly one task.
    public static func sums(_ g: Graph, weights: PathWeights = .none, direction: Direction = .incoming) throws -> Sums {
        try checkPositiveWeights(g, weights)
        let n = g.nodeCount
        // BFS from v along reversed arcs gives d(u→v) for every u: incoming distances.
        let adj = (direction == .incoming) ? g.in : g.out
        let lengths = pathLengths(adj, weights)
        if lengths == nil {
            let r = MultiSourceBFS.distanceSums(adj)
            return Sums(reach: r.reach, total: r.total, harmonic: r.harmonic)
        }
        let reach = SharedBuffer<Int>(repeating: 0, count: n)
        let total = SharedBuffer<Double>(repeating: 0, count: n)
        let harm = SharedBuffer<Double>(repeating: 0, count: n)
        let chunks = Parallel.chunkCount(n, maxChunks: 64)
        Parallel.forEachChunk(chunks) { c in
            var sp = ShortestPathScratch(nodeCount: n, weighted: lengths != nil)
            for v in Parallel.range(chunk: c, of: chunks, count: n) {
                var sum = 0.0, h = 0.0
                if let lengths {
                    sp.dijkstra(from: v, adj: adj, length: lengths)
                    for k in 1..<max(1, sp.reached) {
                        let d = sp.dist[Int(sp.order[k])]
                        sum += d
                        h += 1 / d
                    }
                } else {
                    sp.bfs(from: v, adj: adj)
                    for k in 1..<max(1, sp.reached) {
                        let d = Double(sp.hops[Int(sp.order[k])])
                        sum += d
                        h += 1 / d
                    }
                }
                reach.pointer[v] = sp.reached
                total.pointer[v] = sum
                harm.pointer[v] = h
            }
        }
        return Sums(reach: reach.array, total: total.array, harmonic: harm.array)
    }

    /// Closeness centrality.
    ///
    /// - Definition: with r the number of nodes that reach v (v included) and Σd the sum of
    ///   their distances to v, `wfImproved` (networkx's default, Wasserman & Faust) gives
    ///   ((r−1)/Σd)·((r−1)/(n−1)); without it, (r−1)/Σd. 0 when r = 1 (isolated node) or n = 1.
    ///   On a connected graph both equal (n−1)/Σd. Directed graphs use incoming distances by
    ///   default (networkx); igraph's `closeness()` equals `wfImproved: false`.
    /// - Weights: see ``PathWeights``.
    /// - Complexity: O(n·m) unweighted, O(n·m·log n) weighted.
    /// - Reference: S. Wasserman, K. Faust, Social Network Analysis, 1994, §5.3.
    public static func closeness(_ g: Graph, weights: PathWeights = .none, direction: Direction = .incoming,
                                 wfImproved: Bool = true) throws -> [Double] {
        closeness(from: try sums(g, weights: weights, direction: direction), nodeCount: g.nodeCount, wfImproved: wfImproved)
    }

    public static func closeness(from s: Sums, nodeCount n: Int, wfImproved: Bool = true) -> [Double] {
        (0..<n).map { v in
            let r = Double(s.reach[v])
            guard s.total[v] > 0, n > 1 else { return 0 }
            var c = (r - 1) / s.total[v]
            if wfImproved { c *= (r - 1) / Double(n - 1) }
            return c
        }
    }

    /// Harmonic centrality: Σ_{u ≠ v} 1/d(u, v), unreachable pairs adding 0, **not normalized**
    /// (divide by n−1 for [0, 1]; igraph's `harmonic_centrality()` is that mean). Directed
    /// graphs use incoming distances by default (networkx).
    ///
    /// - Complexity: O(n·m) unweighted, O(n·m·log n) weighted.
    /// - Reference: M. Marchiori, V. Latora, "Harmony in the small-world", Physica A 285, 2000.
    public static func harmonic(_ g: Graph, weights: PathWeights = .none, direction: Direction = .incoming) throws -> [Double] {
        try sums(g, weights: weights, direction: direction).harmonic
    }
}
