extension Spectral {
    /// PageRank (networkx `pagerank` semantics).
    ///
    /// x ← α·Wᵀx + α·(Σ dangling x)·d + (1−α)·p, where W is the out-weight-normalized adjacency
    /// (an undirected edge is two arcs, a self-loop one arc), p the personalization vector
    /// (uniform by default) and d the dangling distribution (= p, as networkx). Starts from the
    /// uniform vector; stops when Σ|Δx| < `tolerance`. Sums to 1.
    ///
    /// - Parameters:
    ///   - damping: α (0.85).
    ///   - weighted: use edge weights as strengths (networkx `weight="weight"`); else every arc 1.
    ///   - personalization: per-node non-negative weights (normalized here), or `nil`.
    /// - Complexity: O(k·(n + m)) for k iterations; k ≈ log(tolerance)/log(α).
    public static func pageRank(_ g: Graph, damping: Double = 0.85, weighted: Bool = false,
                                personalization: [Double]? = nil, tolerance: Double = 1e-12,
                                maxIterations: Int = 10_000) throws -> [Double] {
        let n = g.nodeCount
        guard n > 0 else { return [] }
        // Out-weight per node.
        var outW = [Double](repeating: 0, count: n)
        let out = g.out
        for v in 0..<n {
            var s = 0.0
            for k in Int(out.offsets[v])..<Int(out.offsets[v + 1]) { s += weighted ? out.weights[k] : 1 }
            outW[v] = s
        }
        var p = [Double](repeating: 1 / Double(n), count: n)
        if let personalization {
            let total = personalization.reduce(0, +)
            precondition(total > 0, "personalization must have a positive sum")
            p = personalization.map { $0 / total }
        }
        let inAdj = g.in
        var x = [Double](repeating: 1 / Double(n), count: n)
        let scaled = SharedBuffer<Double>(repeating: 0, count: n)  // x[u]/outW[u]
        let next = SharedBuffer<Double>(repeating: 0, count: n)
        let pp = p
        for _ in 0..<maxIterations {
            var dangling = 0.0
            for u in 0..<n {
                if outW[u] == 0 { dangling += x[u]; scaled.pointer[u] = 0 } else { scaled.pointer[u] = x[u] / outW[u] }
            }
            let danglingShare = damping * dangling
            pull(inAdj, UnsafeBufferPointer(scaled.pointer), weighted: weighted, into: next, finish: { v, s in
                damping * s + danglingShare * pp[v] + (1 - damping) * pp[v]
            })
            var err = 0.0
            let np = next.pointer
            for v in 0..<n { err += abs(np[v] - x[v]); x[v] = np[v] }
            if err < tolerance { return x }
        }
        throw MeasureError.notConverged(measure: "pagerank", iterations: maxIterations, tolerance: tolerance)
    }
}
