/// Core/periphery structure (Borgatti & Everett 1999): who sits in the dense core of a network
/// and who hangs on at its edge.
///
/// The graph is read as undirected and unweighted (a tie is present or absent); self-loops
/// are ignored.
public enum CorePeriphery {
    /// The continuous model: coreness c_v ≥ 0 such that c_u·c_v best reproduces the adjacency
    /// matrix off the diagonal (least squares, minimizing Σ_{u≠v} (a_uv − c_u c_v)²; solved by
    /// the fixed-point iteration c_u ← Σ_v a_uv c_v / Σ_{v≠u} c_v²). Returned scaled to a
    /// maximum of 1, with the Pearson correlation between A and c cᵀ over all pairs u ≠ v as
    /// the fit.
    ///
    /// - Complexity: O(k·(n + m)) for k iterations (the correlation uses sums, not n² pairs).
    /// - Reference: S. P. Borgatti, M. G. Everett, "Models of core/periphery structures",
    ///   Social Networks 21, 1999. doi:10.1016/S0378-8733(99)00019-2
    public static func continuous(_ g: Graph, maxIterations: Int = 1000, tolerance: Double = 1e-10) -> (coreness: [Double], fit: Double) {
        let adj = simpleAdjacency(g)
        let n = g.nodeCount
        guard n > 1 else { return ([Double](repeating: n == 1 ? 1 : 0, count: n), 0) }
        var c = [Double](repeating: 0, count: n)
        for v in 0..<n { c[v] = Double(adj.offsets[v + 1] - adj.offsets[v]) }
        var norm = c.reduce(0) { $0 + $1 * $1 }.squareRoot()
        if norm == 0 { return ([Double](repeating: 0, count: n), 0) }
        for v in 0..<n { c[v] /= norm }
        // Each node's next value depends on the last iterate only: large graphs compute them
        // on every core, in chunks; the sums stay serial, so the bits are the serial run's.
        let chunks = n < 20_000 ? 1 : Parallel.chunkCount(n, maxChunks: 32)
        let next = SharedBuffer<Double>(repeating: 0, count: n)
        let offsets = UnsafeSendable(adj.offsets), targets = UnsafeSendable(adj.targets)
        var sq = c.reduce(0) { $0 + $1 * $1 }
        for _ in 0..<maxIterations {
            let sqNow = sq
            c.withUnsafeBufferPointer { cb in
                let cp = UnsafeSendable(cb)
                Parallel.forEachChunk(chunks) { ch in
                    let c = cp.value, out = next.pointer
                    offsets.value.withUnsafeBufferPointer { off in
                        targets.value.withUnsafeBufferPointer { tgt in
                            for u in Parallel.range(chunk: ch, of: chunks, count: n) {
                                var s = 0.0
                                for k in off[u]..<off[u + 1] { s += c[Int(tgt[k])] }
                                let denom = sqNow - c[u] * c[u]
                                out[u] = denom > 0 ? s / denom : 0
                            }
                        }
                    }
                }
            }
            // One serial pass: the change, the copy, and the next iteration's squared norm (in
            // index order, as a separate reduce would add it).
            var diff = 0.0, nextSq = 0.0
            c.withUnsafeMutableBufferPointer { cb in
                let out = next.pointer
                for v in 0..<n {
                    let x = out[v]
                    diff += abs(x - cb[v])
                    cb[v] = x
                    nextSq += x * x
                }
            }
            sq = nextSq
            if diff < tolerance * Double(n) { break }
        }
        // Fit: correlation of a_uv with c_u c_v over unordered pairs u < v, from sums.
        let s1 = c.reduce(0, +), s2 = c.reduce(0) { $0 + $1 * $1 }, s4 = c.reduce(0) { $0 + $1 * $1 * $1 * $1 }
        let pairs = Double(n * (n - 1) / 2)
        let sumP = (s1 * s1 - s2) / 2            // Σ c_u c_v
        let sumP2 = (s2 * s2 - s4) / 2           // Σ (c_u c_v)²
        var sumA = 0.0, sumAP = 0.0
        for u in 0..<n {
            for k in adj.offsets[u]..<adj.offsets[u + 1] where Int(adj.targets[k]) > u {
                sumA += 1
                sumAP += c[u] * c[Int(adj.targets[k])]
            }
        }
        let cov = sumAP / pairs - (sumA / pairs) * (sumP / pairs)
        let va = sumA / pairs - (sumA / pairs) * (sumA / pairs)
        let vp = sumP2 / pairs - (sumP / pairs) * (sumP / pairs)
        let fit = va > 0 && vp > 0 ? cov / (va * vp).squareRoot() : 0
        norm = c.max() ?? 1
        return (norm > 0 ? c.map { $0 / norm } : c, fit)
    }

    /// A discrete core/periphery partition.
    public struct Split: Sendable, Equatable {
        /// `true` for core members.
        public let core: [Bool]
        /// Pearson correlation between the observed ties and the ideal pattern (core–core
        /// pairs tied, periphery–periphery pairs not; core–periphery pairs left out, the
        /// UCINET default) over the pairs that count.
        public let fit: Double
        public var coreMembers: [Int] { core.indices.filter { core[$0] } }
    }

    /// The discrete model: the core set that maximizes the correlation with the ideal pattern.
    ///
    /// Search: every prefix of the nodes ordered by continuous coreness (O(n + m) with running
    /// counts), then single-node flips in seeded random order while the fit improves, then the
    /// same from `restarts` seeded random starts; the best split is kept.
    ///
    /// - Complexity: O((restarts + 1)·passes·(n + m)).
    /// `coreness`: ``continuous(_:maxIterations:tolerance:)`` of `g`, when the caller has it.
    public static func discrete(_ g: Graph, seed: UInt64 = 1, restarts: Int = 5, coreness given: [Double]? = nil) -> Split {
        let adj = simpleAdjacency(g)
        let n = g.nodeCount
        guard n >= 2 else { return Split(core: [Bool](repeating: true, count: n), fit: 0) }
        var totalEdges = 0
        for v in 0..<n { totalEdges += adj.offsets[v + 1] - adj.offsets[v] }
        totalEdges /= 2

        // State: core size k, edges inside the core eCC, edges inside the periphery ePP.
        func fit(_ k: Int, _ eCC: Int, _ ePP: Int) -> Double {
            let pCC = Double(k * (k - 1) / 2), pPP = Double((n - k) * (n - k - 1) / 2)
            let N = pCC + pPP
            guard N > 0, pCC > 0 else { return -1 }
            let sa = Double(eCC + ePP), sd = pCC, sad = Double(eCC)
            let num = N * sad - sa * sd
            let den = ((N * sd - sd * sd) * (N * sa - sa * sa)).squareRoot()
            return den > 0 ? num / den : -1
        }
        let coreness = given ?? continuous(g).coreness
        let ranked = coreness.indices.sorted { coreness[$0] != coreness[$1] ? coreness[$0] > coreness[$1] : $0 < $1 }

        // 1. Prefixes of the coreness ranking.
        var inCore = [Bool](repeating: false, count: n)
        var eCC = 0, ePP = totalEdges
        var best = (k: 0, fit: -2.0)
        for (i, v) in ranked.enumerated() {
            var toCore = 0
            for k in adj.offsets[v]..<adj.offsets[v + 1] where inCore[Int(adj.targets[k])] { toCore += 1 }
            let deg = adj.offsets[v + 1] - adj.offsets[v]
            eCC += toCore
            ePP -= deg - toCore
            inCore[v] = true
            let f = fit(i + 1, eCC, ePP)
            // Ties go to the larger core: with core–periphery pairs ignored, a clique member that
            // only touches the core fits equally well on either side; it belongs to the core.
            if f >= best.fit - 1e-12 { best = (i + 1, max(f, best.fit)) }
        }
        var start = [Bool](repeating: false, count: n)
        for v in ranked.prefix(best.k) { start[v] = true }

        var rng = SeededGenerator(seed: seed)
        func improve(_ core: inout [Bool]) -> Double {
            var k = core.filter { $0 }.count
            var cc = 0, pp = 0
            var toCore = [Int](repeating: 0, count: n)
            for u in 0..<n {
                for e in adj.offsets[u]..<adj.offsets[u + 1] {
                    let v = Int(adj.targets[e])
                    if core[v] { toCore[u] += 1 }
                    if v > u { if core[u] && core[v] { cc += 1 } else if !core[u] && !core[v] { pp += 1 } }
                }
            }
            var current = fit(k, cc, pp)
            var order = Array(0..<n)
            var changed = true
            var passes = 0
            while changed && passes < 100 {
                changed = false
                passes += 1
                order.shuffle(using: &rng)
                for v in order {
                    let deg = adj.offsets[v + 1] - adj.offsets[v]
                    let (k2, cc2, pp2) = core[v]
                        ? (k - 1, cc - toCore[v], pp + (deg - toCore[v]))
                        : (k + 1, cc + toCore[v], pp - (deg - toCore[v]))
                    let f = fit(k2, cc2, pp2)
                    if f > current + 1e-12 {
                        core[v].toggle()
                        k = k2; cc = cc2; pp = pp2; current = f
                        let delta = core[v] ? 1 : -1
                        for e in adj.offsets[v]..<adj.offsets[v + 1] { toCore[Int(adj.targets[e])] += delta }
                        changed = true
                    }
                }
            }
            return current
        }
        var bestCore = start
        var bestFit = improve(&bestCore)
        for _ in 0..<restarts {
            var core = (0..<n).map { _ in rng.unit() < 0.2 }
            let f = improve(&core)
            if f > bestFit + 1e-12 { bestFit = f; bestCore = core }
        }
        return Split(core: bestCore, fit: bestFit)
    }

    /// Undirected simple adjacency (no self-loops, no weights).
    struct Simple {
        var offsets: [Int]
        var targets: [Int32]
    }

    static func simpleAdjacency(_ g: Graph) -> Simple {
        let u = g.undirected(keepSelfLoops: false, unitWeights: true)
        return Simple(offsets: u.out.offsets.map(Int.init), targets: u.out.targets)
    }
}

extension CorePeriphery {
    /// The core/periphery split of one group's neighbourhood.
    public struct GroupSplit: Sendable {
        /// The group's name.
        public let group: String
        /// The neighbourhood's nodes (the members and everyone tied to one), as indices of the
        /// whole graph, ascending.
        public let nodes: [Int]
        /// Discrete split of the neighbourhood, per entry of `nodes`.
        public let split: Split
        /// Continuous coreness within the neighbourhood, per entry of `nodes` (nil unless asked for).
        public let coreness: [Double]?
    }

    /// Core and periphery relative to groups: for each group (in order of first appearance in
    /// `groupOf`), the discrete split (and with `coreness`, the continuous coreness) of the
    /// subgraph of its members and every node tied to a member, in either direction; group
    /// nodes (`NodeKind.group`) are left out.
    public static func withinGroups(_ g: Graph, groupOf: [String?], seed: UInt64 = 1, coreness: Bool = false) -> [GroupSplit] {
        precondition(groupOf.count == g.nodeCount, "one group (or nil) per node")
        var names: [String] = []
        var seen = Set<String>()
        for x in groupOf { if let x, seen.insert(x).inserted { names.append(x) } }
        // Each group's own neighbourhood (its members and their contacts), found from the
        // members' adjacency: the cost follows the group, not the whole graph.
        var members: [String: [Int]] = [:]
        for v in 0..<g.nodeCount { if let x = groupOf[v] { members[x, default: []].append(v) } }
        return names.map { name in
            var nodes: [Int] = []
            for v in members[name]! {
                nodes.append(v)
                for adj in g.directed ? [g.out, g.in] : [g.out] {
                    for k in Int(adj.offsets[v])..<Int(adj.offsets[v + 1]) { nodes.append(Int(adj.targets[k])) }
                }
            }
            let (sub, original) = g.subgraph(nodes: nodes.filter { g.kinds[$0] != .group })
            let c = continuous(sub).coreness
            return GroupSplit(group: name, nodes: original, split: discrete(sub, seed: seed, coreness: c),
                              coreness: coreness ? c : nil)
        }
    }
}
