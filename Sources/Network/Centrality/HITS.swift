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
