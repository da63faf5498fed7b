/// Spectral measures by power iteration: PageRank (`PageRank.swift`), eigenvector
/// (`Eigenvector.swift`), Katz (`Katz.swift`) and HITS (`HITS.swift`) centrality.
///
/// Each iteration is a sparse matrix–vector product over the in-adjacency ("pull"): node v
/// reads its in-neighbours, so every task writes only its own nodes and the result is the same
/// on any number of threads. Iterative measures stop when the L1 change falls below the
/// tolerance and throw ``MeasureError/notConverged(measure:iterations:tolerance:)`` otherwise —
/// never a silent wrong answer.
public enum Spectral {
    /// The one sparse matrix–vector product of the spectral measures, in "pull" form:
    /// y[v] = finish(v, start(v) + Σ_k x[adj.targets[k]]·w_k) over row v of `adj` (w_k the
    /// edge weight when `weighted`, else 1), with terms added in CSR order. Node ranges run on
    /// all cores; each task writes only its own nodes, and the chunks depend only on n, so
    /// the result is the same on any number of threads.
    static func pull(_ adj: CSR, _ x: UnsafeBufferPointer<Double>, weighted: Bool, into y: SharedBuffer<Double>,
                     start: @Sendable (Int) -> Double = { _ in 0 },
                     finish: @Sendable (Int, Double) -> Double = { $1 }) {
        let n = adj.nodeCount
        let chunks = n < 20_000 ? 1 : Parallel.chunkCount(n, maxChunks: 32)
        let xp = UnsafeSendable(x)
        // Weights all 1 (none stored): x·1 = x, so the unweighted loop gives the same bits.
        let weighted = weighted && !adj.weights.isUniform
        let weights = weighted ? adj.weights.array : []
        Parallel.forEachChunk(chunks) { c in
            let x = xp.value, yp = y.pointer
            adj.offsets.withUnsafeBufferPointer { off in
                adj.targets.withUnsafeBufferPointer { tgt in
                    weights.withUnsafeBufferPointer { w in
                        for v in Parallel.range(chunk: c, of: chunks, count: n) {
                            var s = start(v)
                            if weighted {
                                for k in Int(off[v])..<Int(off[v + 1]) { s += x[Int(tgt[k])] * w[k] }
                            } else {
                                for k in Int(off[v])..<Int(off[v + 1]) { s += x[Int(tgt[k])] }
                            }
                            yp[v] = finish(v, s)
                        }
                    }
                }
            }
        }
    }

    /// The spectral radius λ_max of the adjacency matrix (weights as strengths when
    /// `weighted`), by power iteration on A + I: the shift keeps the Perron root strictly
    /// dominant on bipartite and periodic graphs, where plain power iteration oscillates.
    /// Stops when the estimate changes by less than `tolerance` (relative); 0 without edges.
    /// An estimate a little low only lets a diverging α through to the iteration, which then
    /// reports the divergence itself.
    ///
    /// - Complexity: O(k·(n + m)).
    public static func spectralRadius(_ g: Graph, weighted: Bool = false, tolerance: Double = 1e-10,
                                      maxIterations: Int = 10_000) -> Double {
        let n = g.nodeCount
        guard n > 0, g.edgeCount > 0 else { return 0 }
        var x = [Double](repeating: 1 / Double(n).squareRoot(), count: n)
        let next = SharedBuffer<Double>(repeating: 0, count: n)
        var estimate = 0.0
        for _ in 0..<maxIterations {
            x.withUnsafeBufferPointer { xs in
                let xp = UnsafeSendable(xs)
                pull(g.in, xs, weighted: weighted, into: next, start: { xp.value[$0] })
            }
            let np = next.pointer
            var norm = 0.0
            for v in 0..<n { norm += np[v] * np[v] }
            norm = norm.squareRoot()
            guard norm > 0, norm.isFinite else { return estimate }
            for v in 0..<n { x[v] = np[v] / norm }
            // ‖(A + I)x‖ for unit x tends to λ_max + 1.
            let next = norm - 1
            if abs(next - estimate) <= tolerance * max(1, abs(next)) { return next }
            estimate = next
        }
        return estimate
    }
}
