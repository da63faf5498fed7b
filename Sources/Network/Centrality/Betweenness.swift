/// Betweenness centrality (Brandes 2001): for each node v, the sum over pairs s ≠ v ≠ t of
/// σ_st(v)/σ_st, the share of shortest s–t paths that pass through v.
public enum Betweenness {
    /// Node betweenness.
    ///
    /// - Normalization (networkx 3.6.1 `betweenness_centrality`): `raw` sums over ordered pairs
    ///   in a directed graph and over **unordered** pairs in an undirected one (the ordered sum
    ///   halved). `normalized` multiplies raw by 2/((n−1)(n−2)) undirected and 1/((n−1)(n−2))
    ///   directed; no scaling when n ≤ 2. n counts every node, isolated ones included.
    /// - Weights: `.none` counts hops (networkx `weight=None`), `.distance` uses weights as
    ///   lengths (Dijkstra), `.strength` uses 1/weight as length. Shortest paths tie only on
    ///   exactly equal floating-point lengths, as in networkx.
    /// - Disconnected graphs: pairs in different components contribute nothing.
    /// - Determinism: sources are cut into chunks that depend only on n; per-chunk sums are
    ///   added in chunk order, so parallel and serial runs give identical bits.
    ///
    /// - Complexity: O(n·m) unweighted, O(n·m·log n) weighted; O(n) scratch per chunk.
    /// - Throws: ``MeasureError/nonPositiveWeight(source:target:weight:mode:)`` when weights
    ///   are used and one is ≤ 0.
    /// - Reference: U. Brandes, "A faster algorithm for betweenness centrality",
    ///   J. Math. Sociol. 25(2), 2001. doi:10.1080/0022250X.2001.9990249
    public static func compute(_ g: Graph, weights: PathWeights = .none, normalized: Bool = true) throws -> [Double] {
        try checkPositiveWeights(g, weights)
        let n = g.nodeCount
        guard n > 0 else { return [] }
        let adj = g.out
        let lengths = pathLengths(adj, weights)
        var bc: [Double] = Parallel.chunkedSum(count: n, chunks: Parallel.chunkCount(n), length: n) { _, sources, acc in
            var sp = ShortestPathScratch(nodeCount: n, weighted: lengths != nil)
            for s in sources {
                if let lengths {
                    sp.dijkstra(from: s, adj: adj, length: lengths)
                    accumulateWeighted(&sp, adj: adj, lengths: lengths, source: s, into: acc)
                } else {
                    sp.bfs(from: s, adj: adj)
                    accumulateUnweighted(&sp, adj: adj, source: s, into: acc)
                }
            }
        }
        let scale: Double
        let nn = Double(n)
        if normalized {
            scale = n <= 2 ? (g.directed ? 1 : 0.5) : 1 / ((nn - 1) * (nn - 2))
        } else {
            scale = g.directed ? 1 : 0.5
        }
        if scale != 1 { for v in 0..<n { bc[v] *= scale } }
        return bc
    }

    /// Brandes' dependency accumulation in successor ("pull") form over BFS levels:
    /// δ(v) = Σ_{w: succ of v} σ(v)/σ(w)·(1+δ(w)).
    @inline(__always)
    static func accumulateUnweighted(_ sp: inout ShortestPathScratch, adj: CSR, source s: Int,
                                     into acc: UnsafeMutableBufferPointer<Double>) {
        let reached = sp.reached
        adj.offsets.withUnsafeBufferPointer { off in
            adj.targets.withUnsafeBufferPointer { tgt in
                sp.hops.withUnsafeBufferPointer { hops in
                    sp.sigma.withUnsafeBufferPointer { sigma in
                        sp.order.withUnsafeBufferPointer { order in
                            sp.delta.withUnsafeMutableBufferPointer { delta in
                                var k = reached - 1
                                while k > 0 {
                                    let v = Int(order[k])
                                    let next = hops[v] + 1
                                    var d = 0.0
                                    for e in Int(off[v])..<Int(off[v + 1]) {
                                        let w = Int(tgt[e])
                                        if hops[w] == next { d += (1 + delta[w]) / sigma[w] }
                                    }
                                    let dv = sigma[v] * d
                                    delta[v] = dv
                                    acc[v] += dv
                                    k -= 1
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    @inline(__always)
    static func accumulateWeighted(_ sp: inout ShortestPathScratch, adj: CSR, lengths: [Double], source s: Int,
                                   into acc: UnsafeMutableBufferPointer<Double>) {
        var k = sp.reached - 1
        while k > 0 {
            let v = Int(sp.order[k])
            let dv = sp.dist[v]
            var d = 0.0
            for e in Int(adj.offsets[v])..<Int(adj.offsets[v + 1]) {
                let w = Int(adj.targets[e])
                if w != v && dv + lengths[e] == sp.dist[w] { d += (1 + sp.delta[w]) / sp.sigma[w] }
            }
            let x = sp.sigma[v] * d
            sp.delta[v] = x
            acc[v] += x
            k -= 1
        }
    }
}
