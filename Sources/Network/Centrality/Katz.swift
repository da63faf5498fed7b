extension Spectral {
    /// Katz centrality (networkx `katz_centrality` semantics): x = α·Aᵀx + β, from x = 0,
    /// then Euclidean norm 1. The series converges only when α < 1/λ_max (λ_max the spectral
    /// radius of A): λ_max is estimated first (``spectralRadius(_:weighted:)``) and a larger α
    /// throws ``MeasureError/katzDiverges(alpha:lambdaMax:)`` naming the largest valid α. A
    /// non-finite iterate is divergence too, never convergence.
    ///
    /// - Complexity: O(k·(n + m)).
    public static func katz(_ g: Graph, alpha: Double = 0.1, beta: Double = 1, weighted: Bool = false,
                            tolerance: Double = 1e-13, maxIterations: Int = 10_000) throws -> [Double] {
        let n = g.nodeCount
        guard n > 0 else { return [] }
        let lambda = spectralRadius(g, weighted: weighted)
        // Within the estimate's precision of the bound, the series does not converge in practice.
        if lambda > 0 && alpha * lambda >= 1 - 1e-9 {
            throw MeasureError.katzDiverges(alpha: alpha, lambdaMax: lambda)
        }
        var x = [Double](repeating: 0, count: n)
        let inAdj = g.in
        let next = SharedBuffer<Double>(repeating: 0, count: n)
        for _ in 0..<maxIterations {
            x.withUnsafeBufferPointer { xs in
                pull(inAdj, xs, weighted: weighted, into: next, finish: { _, s in alpha * s + beta })
            }
            let np = next.pointer
            var err = 0.0
            for v in 0..<n {
                guard np[v].isFinite else { throw MeasureError.katzDiverges(alpha: alpha, lambdaMax: lambda) }
                err += abs(np[v] - x[v]); x[v] = np[v]
            }
            guard err.isFinite else { throw MeasureError.katzDiverges(alpha: alpha, lambdaMax: lambda) }
            if err < Double(n) * tolerance {
                let norm = x.reduce(0) { $0 + $1 * $1 }.squareRoot()
                guard norm > 0, norm.isFinite else { throw MeasureError.katzDiverges(alpha: alpha, lambdaMax: lambda) }
                return x.map { $0 / norm }
            }
        }
        throw MeasureError.notConverged(measure: "katz", iterations: maxIterations, tolerance: tolerance)
    }
}
