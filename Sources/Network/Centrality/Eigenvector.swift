extension Spectral {
    /// Eigenvector centrality (networkx `eigenvector_centrality` semantics): the Perron vector
    /// of Aᵀ (x_v ∝ Σ_{u→v} a_uv x_u), Euclidean norm 1. Iterates on A + I from the uniform
    /// vector so bipartite graphs converge; stops when Σ|Δx| < n·`tolerance`.
    ///
    /// Disconnected graphs: the vector is not unique; like networkx, the iteration converges to
    /// the component with the largest spectral radius and other nodes decay towards 0 (tiny
    /// residuals, not exact zeros).
    ///
    /// - Complexity: O(k·(n + m)).
    public static func eigenvector(_ g: Graph, weighted: Bool = false, tolerance: Double = 1e-13,
                                   maxIterations: Int = 10_000) throws -> [Double] {
        let n = g.nodeCount
        guard n > 0 else { return [] }
        var x = [Double](repeating: 1 / Double(n), count: n)
        let inAdj = g.in
        let next = SharedBuffer<Double>(repeating: 0, count: n)
        for _ in 0..<maxIterations {
            x.withUnsafeBufferPointer { xs in
                let xv = UnsafeSendable(xs)
                pull(inAdj, xs, weighted: weighted, into: next, start: { xv.value[$0] })  // A + I
            }
            let np = next.pointer
            var norm = 0.0
            for v in 0..<n { norm += np[v] * np[v] }
            norm = norm.squareRoot()
            if norm == 0 { norm = 1 }
            var err = 0.0
            for v in 0..<n {
                let y = np[v] / norm
                err += abs(y - x[v])
                x[v] = y
            }
            if err < Double(n) * tolerance { return x }
        }
        throw MeasureError.notConverged(measure: "eigenvector", iterations: maxIterations, tolerance: tolerance)
    }
}
