import Foundation

/// Leads for missing ties: scores for pairs of persons who are not tied, from the ties they
/// have (Liben-Nowell & Kleinberg 2007; Lü & Zhou 2011). A lead is something for an analyst
/// to check, never a tie: nothing here adds an edge.
///
/// Conventions (as networkx's link-prediction functions):
/// - Ties are read undirected and unweighted; self-loops are ignored; a neighbour counts once.
/// - Common neighbours |Γ(u) ∩ Γ(v)|; Adamic–Adar Σ 1/ln k(w) over the common neighbours w;
///   resource allocation Σ 1/k(w); k(w) is w's number of distinct neighbours (networkx's
///   `adamic_adar_index` and `resource_allocation_index` on a simple graph).
/// - Katz: Σ_{l=2…L} β^l · (number of walks of length l from u to v), truncated at `katzLength`
///   (walks of length 1 are the ties themselves, which are not leads).
/// - Only pairs with a score above 0 are candidates (for the neighbour scores: pairs two hops
///   apart). Order: score descending, then the pair's ids.
public enum LinkPrediction {
    public enum Method: String, CaseIterable, Sendable {
        case adamicAdar = "adamic_adar"
        case resourceAllocation = "resource_allocation"
        case commonNeighbours = "common_neighbours"
        case katz
    }

    public struct Lead: Sendable, Equatable {
        /// Node indices, `source`'s label before `target`'s.
        public var source: Int
        public var target: Int
        public var score: Double
        /// Common neighbours (node indices, by label).
        public var shared: [Int]
    }

    /// What one common neighbour of degree k adds to a pair's score: 1/ln k (Adamic–Adar), 1/k
    /// (resource allocation) or 1 (common neighbours; Katz does not use it).
    static func shareOfCommonNeighbour(_ method: Method, degree k: Double) -> Double {
        switch method {
        case .adamicAdar: 1 / log(k)
        case .resourceAllocation: 1 / k
        case .commonNeighbours, .katz: 1
        }
    }

    /// Distinct neighbours of every node (undirected reading, no self), sorted by index.
    static func neighbours(_ g: Graph) -> [[Int32]] {
        var nb = [[Int32]](repeating: [], count: g.nodeCount)
        for e in 0..<g.edgeCount {
            let u = g.edgeSource[e], v = g.edgeTarget[e]
            if u == v { continue }
            nb[Int(u)].append(v)
            nb[Int(v)].append(u)
        }
        for v in 0..<nb.count { nb[v] = Array(Set(nb[v])).sorted() }
        return nb
    }

    /// Scores every candidate pair and returns the best `top` (nil: all), with `skip(u, v)`
    /// pairs left out (the ties themselves are always left out).
    ///
    /// - Complexity: neighbour scores O(Σ k(w)²); Katz O(n · L · m) with a dense row per source.
    public static func leads(_ g: Graph, method: Method, top: Int? = nil, katzBeta: Double = 0.05, katzLength: Int = 3,
                             hiddenTies: [(Int, Int)] = []) -> [Lead] {
        var nb = neighbours(g)
        // Ties hidden for an evaluation: removed before scoring.
        if !hiddenTies.isEmpty {
            var hide = Set<Int64>()
            for (a, b) in hiddenTies { hide.insert(Int64(min(a, b)) << 32 | Int64(max(a, b))) }
            for u in 0..<nb.count {
                nb[u] = nb[u].filter { !hide.contains(Int64(min(u, Int($0))) << 32 | Int64(max(u, Int($0)))) }
            }
        }
        let n = g.nodeCount
        let deg = nb.map { Double($0.count) }
        var acc = [Double](repeating: 0, count: n)
        var tied = [Bool](repeating: false, count: n)
        var touched: [Int] = []
        var out: [Lead] = []
        let keep = top ?? Int.max
        func less(_ a: Lead, _ b: Lead) -> Bool {
            if a.score != b.score { return a.score > b.score }
            if g.labels[a.source] != g.labels[b.source] { return g.labels[a.source] < g.labels[b.source] }
            return g.labels[a.target] < g.labels[b.target]
        }
        func trim() {
            if out.count > max(4 * min(keep, 1 << 20), 1 << 20) {
                out.sort(by: less)
                out.removeLast(out.count - min(keep, out.count))
            }
        }
        var next = [Double](repeating: 0, count: method == .katz ? n : 0)
        var walk = [Double](repeating: 0, count: method == .katz ? n : 0)
        for u in 0..<n {
            for v in nb[u] { tied[Int(v)] = true }
            touched.removeAll(keepingCapacity: true)
            if method == .katz {
                // walk = A e_u, then repeatedly A·walk; acc += β^l walk for l ≥ 2.
                for v in 0..<n { walk[v] = 0 }
                for v in nb[u] { walk[Int(v)] = 1 }
                var b = katzBeta
                for _ in 2...max(2, katzLength) {
                    b *= katzBeta
                    for v in 0..<n { next[v] = 0 }
                    for v in 0..<n where walk[v] != 0 { for w in nb[v] { next[Int(w)] += walk[v] } }
                    swap(&walk, &next)
                    for v in 0..<n where walk[v] != 0 { acc[v] += b * walk[v] }
                }
                for v in 0..<n where acc[v] != 0 { touched.append(v) }
            } else {
                for w in nb[u] {
                    let inc = shareOfCommonNeighbour(method, degree: deg[Int(w)])
                    for v in nb[Int(w)] where Int(v) != u {
                        if acc[Int(v)] == 0 { touched.append(Int(v)) }
                        acc[Int(v)] += inc
                    }
                }
            }
            for v in touched {
                let s = acc[v]
                acc[v] = 0
                if v == u || tied[v] || s <= 0 { continue }
                // Each pair once: from the end whose label sorts first.
                if g.labels[u] > g.labels[v] { continue }
                out.append(Lead(source: u, target: v, score: s, shared: []))
            }
            for v in nb[u] { tied[Int(v)] = false }
            trim()
        }
        out.sort(by: less)
        if out.count > keep { out.removeLast(out.count - keep) }
        for i in out.indices {
            let a = Set(nb[out[i].source])
            out[i].shared = nb[out[i].target].filter { a.contains($0) }.map(Int.init).sorted { g.labels[$0] < g.labels[$1] }
        }
        return out
    }

    /// How well the method finds ties it was not shown: a seeded share of ties is hidden, the
    /// rest scored. AUC (Lü & Zhou): over `comparisons` random (hidden tie, non-tie) pairs,
    /// the share where the hidden tie scores higher (a tie counts a half). Precision@k: the
    /// share of the k best leads that are hidden ties (k: the number hidden unless given).
    public struct Evaluation: Sendable, Equatable {
        public var hidden: Int
        public var auc: Double
        public var k: Int
        public var precisionAtK: Double
    }

    public static func evaluate(_ g: Graph, method: Method, share: Double, seed: UInt64, k: Int? = nil,
                                comparisons: Int = 10_000, katzBeta: Double = 0.05, katzLength: Int = 3) -> Evaluation? {
        let nb = neighbours(g)
        var ties: [(Int, Int)] = []
        for u in 0..<nb.count { for v in nb[u] where Int(v) > u { ties.append((u, Int(v))) } }
        let n = g.nodeCount
        guard ties.count >= 2, n >= 3 else { return nil }
        var rng = SeededGenerator(seed: seed)
        // Fisher–Yates with the seeded generator (never the system one).
        for i in stride(from: ties.count - 1, to: 0, by: -1) {
            let j = Int(rng.next() % UInt64(i + 1))
            ties.swapAt(i, j)
        }
        let hiddenCount = max(1, min(ties.count - 1, Int((Double(ties.count) * share).rounded())))
        let hidden = Array(ties.prefix(hiddenCount))
        func key(_ a: Int, _ b: Int) -> Int64 { Int64(min(a, b)) << 32 | Int64(max(a, b)) }
        let kk = k ?? hiddenCount
        // The neighbour scores of one pair come from its two neighbour lists; Katz needs the
        // full list (its walks), kept only for it.
        let all = leads(g, method: method, top: method == .katz ? nil : kk, katzBeta: katzBeta, katzLength: katzLength, hiddenTies: hidden)
        var score: [Int64: Double] = [:]
        if method == .katz { for l in all { score[key(l.source, l.target)] = l.score } }
        let hidden2 = Set(hidden.map { key($0.0, $0.1) })
        var shown = nb
        for u in 0..<shown.count { shown[u] = shown[u].filter { !hidden2.contains(key(u, Int($0))) } }
        func pairScore(_ a: Int, _ b: Int) -> Double {
            if method == .katz { return score[key(a, b)] ?? 0 }
            var i = 0, j = 0, s = 0.0
            let x = shown[a], y = shown[b]
            while i < x.count && j < y.count {
                if x[i] < y[j] { i += 1 } else if x[i] > y[j] { j += 1 } else {
                    s += shareOfCommonNeighbour(method, degree: Double(shown[Int(x[i])].count))
                    i += 1; j += 1
                }
            }
            return s
        }
        let hiddenSet = hidden2
        let tieSet = Set(ties.map { key($0.0, $0.1) })
        // Non-ties exist unless the graph is complete.
        let pairs = n * (n - 1) / 2
        guard pairs > tieSet.count else { return nil }
        var wins = 0.0
        for _ in 0..<comparisons {
            let h = hidden[Int(rng.next() % UInt64(hidden.count))]
            var a = 0, b = 0
            repeat {
                a = Int(rng.next() % UInt64(n)); b = Int(rng.next() % UInt64(n))
            } while a == b || tieSet.contains(key(a, b))
            let x = pairScore(h.0, h.1), y = pairScore(a, b)
            wins += x > y ? 1 : (x == y ? 0.5 : 0)
        }
        let hits = all.prefix(kk).filter { hiddenSet.contains(key($0.source, $0.target)) }.count
        return Evaluation(hidden: hiddenCount, auc: wins / Double(comparisons), k: kk, precisionAtK: kk > 0 ? Double(hits) / Double(kk) : 0)
    }
}
