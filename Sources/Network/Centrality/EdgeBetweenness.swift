/// Edge betweenness: for each edge e, Σ over pairs of σ_st(e)/σ_st (endpoints included, so
/// every edge on a shortest path counts; a self-loop is on none).
extension Betweenness {
    /// Edge betweenness in the graph's edge order (`Graph.edgeSource/edgeTarget`).
    ///
    /// - Normalization (networkx `edge_betweenness_centrality`): raw sums unordered pairs once
    ///   when undirected; `normalized` multiplies by 2/(n(n−1)) undirected, 1/(n(n−1)) directed.
    /// - Weights: as ``compute(_:weights:normalized:)``.
    /// - Complexity: O(n·m) unweighted, O(n·m·log n) weighted; O(m) partial sums per chunk.
    public static func edges(_ g: Graph, weights: PathWeights = .none, normalized: Bool = true) throws -> [Double] {
        try checkPositiveWeights(g, weights)
        let n = g.nodeCount, m = g.edgeCount
        guard n > 0 else { return [] }
        let adj = g.out
        let lengths = pathLengths(adj, weights)
        let edgeIDs = adj.edges
        var eb: [Double] = Parallel.chunkedSum(count: n, chunks: Parallel.chunkCount(n, maxChunks: 8), length: m) { _, sources, acc in
            var sp = ShortestPathScratch(nodeCount: n, weighted: lengths != nil)
            for s in sources {
                if let lengths { sp.dijkstra(from: s, adj: adj, length: lengths) } else { sp.bfs(from: s, adj: adj) }
                var k = sp.reached - 1
                while k >= 0 {
                    let v = Int(sp.order[k])
                    var d = 0.0
                    for e in Int(adj.offsets[v])..<Int(adj.offsets[v + 1]) {
                        let w = Int(adj.targets[e])
                        if w == v { continue }
                        let onPath: Bool
                        if let lengths { onPath = sp.dist[v] + lengths[e] == sp.dist[w] } else { onPath = sp.hops[w] == sp.hops[v] + 1 }
                        if onPath {
                            let c = sp.sigma[v] / sp.sigma[w] * (1 + sp.delta[w])
                            acc[Int(edgeIDs[e])] += c
                            d += c
                        }
                    }
                    sp.delta[v] = d
                    k -= 1
                }
            }
        }
        let nn = Double(n)
        var scale = g.directed ? 1.0 : 0.5
        if normalized && n > 1 { scale = g.directed ? 1 / (nn * (nn - 1)) : 1 / (nn * (nn - 1)) }
        // Undirected normalized: raw_unordered · 2/(n(n−1)) = ordered/(n(n−1)).
        for e in 0..<m { eb[e] *= scale }
        return eb
    }
}
