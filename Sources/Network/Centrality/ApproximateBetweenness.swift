import Foundation

/// Approximate betweenness by path sampling (Riondato & Kornaropoulos 2016).
extension Betweenness {
    /// The result of an approximation, with the parameters that bound its error.
    public struct Approximation: Sendable {
        /// Estimated normalized betweenness (networkx normalization), per node.
        public let values: [Double]
        public let samples: Int
        public let epsilon: Double
        public let delta: Double
        /// Upper bound on the vertex diameter used for the sample size.
        public let vertexDiameter: Int
    }

    /// Estimates normalized betweenness so that, with probability at least 1 − δ, every
    /// node's estimate of b(v) = Σ_{s≠t} σ_st(v)/σ_st / (n(n−1)) is within ε; the result is
    /// rescaled to networkx's normalization (× n/(n−2)).
    ///
    /// Draws r = ⌈(c/ε²)(⌊log₂(VD−2)⌋ + 1 + ln(1/δ))⌉ pairs (c = 0.5, VD an upper bound on the
    /// vertex diameter from one BFS per component), finds the shortest paths of each pair by a
    /// BFS that stops at the target's level, and walks one of them uniformly at random.
    /// Unweighted. Deterministic for a seed on any number of threads: samples are cut into
    /// fixed chunks, each with its own generator seeded from (seed, chunk), and counts are
    /// integers.
    ///
    /// - Complexity: O(r·(n + m)) worst case, far less when BFS stops early.
    /// - Reference: M. Riondato, E. M. Kornaropoulos, "Fast approximation of betweenness
    ///   centrality through sampling", Data Min. Knowl. Disc. 30, 2016. doi:10.1007/s10618-015-0423-0
    public static func approximate(_ g: Graph, epsilon: Double = 0.01, delta: Double = 0.1, seed: UInt64 = 1) -> Approximation {
        let n = g.nodeCount
        guard n > 2 else {
            return Approximation(values: [Double](repeating: 0, count: n), samples: 0, epsilon: epsilon, delta: delta, vertexDiameter: 0)
        }
        let vd = vertexDiameterBound(g)
        let logTerm = vd > 2 ? floor(log2(Double(vd - 2))) + 1 : 1
        // The sample count, bounded (a tiny epsilon would overflow an Int; callers bound it).
        let r = Int(min(ceil(0.5 / (epsilon * epsilon) * (logTerm + log(1 / delta))), Double(Int32.max)))
        let out = g.out, inn = g.in
        // 64 chunks whatever the core count; chunk c draws its samples from its own seeded stream.
        let total: [Int32] = Parallel.chunkedSum(count: r, chunks: 64, length: n) { c, samples, counts in
            var rng = SeededGenerator(seed: seed &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(c))
            var sp = ShortestPathScratch(nodeCount: n, weighted: false)
            for _ in samples {
                let s = rng.below(n)
                var t = rng.below(n - 1)
                if t >= s { t += 1 }
                guard sp.bfs(from: s, until: t, adj: out) else { continue }
                // Walk back from t choosing each predecessor with probability σ(v)/σ(w).
                var w = t
                while true {
                    let target = sp.hops[w] - 1
                    if target == 0 { break }
                    var x = rng.unit() * sp.sigma[w]
                    var chosen = -1
                    for k in Int(inn.offsets[w])..<Int(inn.offsets[w + 1]) {
                        let v = Int(inn.targets[k])
                        if sp.hops[v] == target {
                            chosen = v
                            x -= sp.sigma[v]
                            if x < 0 { break }
                        }
                    }
                    counts[chosen] += 1
                    w = chosen
                }
            }
        }
        let scale = 1 / Double(r) * Double(n) / Double(n - 2)
        return Approximation(values: total.map { Double($0) * scale }, samples: r, epsilon: epsilon, delta: delta, vertexDiameter: vd)
    }

    /// An upper bound on the number of nodes on any shortest path: per (weak) component,
    /// min(2·ecc(first node) + 1, component size).
    static func vertexDiameterBound(_ g: Graph) -> Int {
        let comps = Components(g)
        var sp = ShortestPathScratch(nodeCount: g.nodeCount, weighted: false)
        var best = 1
        for members in comps.members where members.count > 1 {
            sp.bfs(from: members[0], adj: g.out)
            var ecc: Int32 = 0
            for k in 0..<sp.reached { ecc = max(ecc, sp.hops[Int(sp.order[k])]) }
            // Directed graphs: distances from one node do not bound the diameter; use the size.
            let bound = g.directed ? members.count : min(2 * Int(ecc) + 1, members.count)
            best = max(best, bound)
        }
        return best
    }
}

extension ShortestPathScratch {
    /// BFS from `s` that stops once `t`'s level is complete; returns whether `t` was reached.
    /// σ is exact for `t` and every node up to its level.
    mutating func bfs(from s: Int, until t: Int, adj: CSR) -> Bool {
        reset(weighted: false)
        hops[s] = 0
        sigma[s] = 1
        order[0] = Int32(s)
        var head = 0, tail = 1
        var limit = Int32.max
        while head < tail {
            let v = Int(order[head]); head += 1
            let dv = hops[v] + 1
            if dv > limit { break }
            let sv = sigma[v]
            for k in Int(adj.offsets[v])..<Int(adj.offsets[v + 1]) {
                let w = Int(adj.targets[k])
                let dw = hops[w]
                if dw < 0 {
                    hops[w] = dv
                    sigma[w] = sv
                    order[tail] = Int32(w); tail += 1
                    if w == t { limit = dv }
                } else if dw == dv {
                    sigma[w] += sv
                }
            }
        }
        reached = tail
        return hops[t] >= 0
    }
}
