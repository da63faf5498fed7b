/// Spectral measures by power iteration: PageRank, eigenvector and Katz centrality.
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

extension Spectral {
    /// HITS hubs and authorities (networkx `hits` semantics): the principal left and right
    /// singular vectors of A (authorities a ∝ Aᵀh, hubs h ∝ A a), each normalized to sum 1.
    /// networkx's `hits` always uses the `weight` attribute (its adjacency matrix is weighted),
    /// so weights are used as strengths by default here too.
    /// Power iteration from the uniform vector until the L1 change of both is below
    /// `tolerance`; undirected graphs give hubs = authorities.
    ///
    /// - Complexity: O(k·(n + m)).
    /// - Reference: J. Kleinberg, "Authoritative sources in a hyperlinked environment",
    ///   J. ACM 46(5), 1999. doi:10.1145/324133.324140
    public static func hits(_ g: Graph, weighted: Bool = true, tolerance: Double = 1e-14,
                            maxIterations: Int = 10_000) throws -> (hubs: [Double], authorities: [Double]) {
        let n = g.nodeCount
        guard n > 0 else { return ([], []) }
        var h = [Double](repeating: 1 / Double(n), count: n)
        var a = [Double](repeating: 0, count: n)
        let authority = SharedBuffer<Double>(repeating: 0, count: n), hub = SharedBuffer<Double>(repeating: 0, count: n)
        for _ in 0..<maxIterations {
            h.withUnsafeBufferPointer { pull(g.in, $0, weighted: weighted, into: authority) }   // a = Aᵀh
            pull(g.out, UnsafeBufferPointer(authority.pointer), weighted: weighted, into: hub)  // h = A a
            var na = authority.array, nh = hub.array
            let sa = na.reduce(0, +), sh = nh.reduce(0, +)
            guard sa > 0, sh > 0 else { return ([Double](repeating: 0, count: n), [Double](repeating: 0, count: n)) }
            var err = 0.0
            for v in 0..<n {
                na[v] /= sa
                nh[v] /= sh
                err += abs(nh[v] - h[v]) + abs(na[v] - a[v])
            }
            h = nh
            a = na
            if err < tolerance { return (h, a) }
        }
        throw MeasureError.notConverged(measure: "hits", iterations: maxIterations, tolerance: tolerance)
    }
}
