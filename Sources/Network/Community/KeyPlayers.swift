/// Borgatti's key player problem: which k persons matter most for holding the network
/// together (KPP-Neg) or for reaching it (KPP-Pos).
public enum KeyPlayers {
    public enum Objective: String, Sendable, CaseIterable {
        /// 1 − Σ_k s_k(s_k−1) / (N(N−1)) over the components left after removing the set.
        case fragmentation
        /// 1 − Σ_{i≠j} (1/d_ij) / (N(N−1)) after removing the set (unreachable pairs add 0).
        case distanceFragmentation = "distance-fragmentation"
        /// Share of the other nodes within `reachDistance` of the set.
        case reach
    }

    /// Fragmentation of the graph without the nodes in `removed`.
    public static func fragmentation(_ g: Graph, removed: [Bool]) -> Double {
        let sub = g.subgraph(keepNode: removed.map { !$0 }).graph
        let n = sub.nodeCount
        guard n > 1 else { return 1 }
        let comps = Components(sub)
        let same = comps.members.reduce(0.0) { $0 + Double($1.count) * Double($1.count - 1) }
        return 1 - same / (Double(n) * Double(n - 1))
    }

    /// Distance-weighted fragmentation of the graph without `removed` (Borgatti 2006).
    public static func distanceFragmentation(_ g: Graph, removed: [Bool]) -> Double {
        let sub = g.subgraph(keepNode: removed.map { !$0 }).graph
        let n = sub.nodeCount
        guard n > 1 else { return 1 }
        let h = MultiSourceBFS.distanceSums(sub.out).harmonic.reduce(0, +)
        return 1 - h / (Double(n) * Double(n - 1))
    }

    /// Share of nodes outside `set` within `distance` hops of it (undirected reading).
    public static func reach(_ g: Graph, set: [Bool], distance: Int) -> Double {
        let n = g.nodeCount
        let k = set.filter { $0 }.count
        guard n > k else { return 0 }
        var dist = [Int](repeating: -1, count: n)
        var queue: [Int] = []
        for v in 0..<n where set[v] { dist[v] = 0; queue.append(v) }
        var head = 0
        while head < queue.count {
            let v = queue[head]; head += 1
            if dist[v] == distance { continue }
            for adj in g.directed ? [g.out, g.in] : [g.out] {
                for e in Int(adj.offsets[v])..<Int(adj.offsets[v + 1]) {
                    let w = Int(adj.targets[e])
                    if dist[w] < 0 { dist[w] = dist[v] + 1; queue.append(w) }
                }
            }
        }
        return Double(queue.count - k) / Double(n - k)
    }

    public static func score(_ g: Graph, _ set: [Bool], _ objective: Objective, reachDistance: Int) -> Double {
        switch objective {
        case .fragmentation: return fragmentation(g, removed: set)
        case .distanceFragmentation: return distanceFragmentation(g, removed: set)
        case .reach: return reach(g, set: set, distance: reachDistance)
        }
    }

    /// The best set of `k` nodes found by greedy selection followed by swaps (Borgatti 2006):
    /// start from the greedy set; try replacing each member by each non-member, in seeded
    /// random order, keeping any swap that raises the score; stop when a full sweep changes
    /// nothing (or after `maxSweeps`). Candidates are limited to the `candidateLimit` nodes of
    /// highest degree on large graphs.
    ///
    /// - Complexity: O(sweeps · k · C · cost), cost O(n + m) for fragmentation and reach,
    ///   O(n·m/64) for distance fragmentation; C candidates.
    /// - Reference: S. P. Borgatti, "Identifying sets of key players in a social network",
    ///   Comput. Math. Organ. Theory 12, 2006. doi:10.1007/s10588-006-7084-x
    public static func find(_ g: Graph, k: Int, objective: Objective, reachDistance: Int = 1, seed: UInt64 = 1,
                            candidateLimit: Int = 300, maxSweeps: Int = 20) -> (set: [Int], score: Double) {
        let n = g.nodeCount
        let k = min(k, n)
        guard k > 0 else { return ([], score(g, [Bool](repeating: false, count: n), objective, reachDistance: reachDistance)) }
        let deg = Degree.degree(g)
        var candidates = Array(0..<n)
        if n > candidateLimit {
            candidates = candidates.sorted { deg[$0] != deg[$1] ? deg[$0] > deg[$1] : $0 < $1 }
            candidates = Array(candidates.prefix(candidateLimit))
        }
        var rng = SeededGenerator(seed: seed)
        var inSet = [Bool](repeating: false, count: n)
        var chosen: [Int] = []
        var current = 0.0
        for _ in 0..<k {
            var best = -1, bestScore = -Double.infinity
            for v in candidates where !inSet[v] {
                inSet[v] = true
                let s = score(g, inSet, objective, reachDistance: reachDistance)
                inSet[v] = false
                if s > bestScore + 1e-12 { bestScore = s; best = v }
            }
            if best < 0 { break }
            inSet[best] = true
            chosen.append(best)
            current = bestScore
        }
        for _ in 0..<maxSweeps {
            var improved = false
            var order = candidates.filter { !inSet[$0] }
            order.shuffle(using: &rng)
            for i in chosen.indices {
                for v in order where !inSet[v] {
                    let u = chosen[i]
                    inSet[u] = false; inSet[v] = true
                    let s = score(g, inSet, objective, reachDistance: reachDistance)
                    if s > current + 1e-12 {
                        current = s; chosen[i] = v; improved = true
                    } else {
                        inSet[v] = false; inSet[u] = true
                    }
                }
            }
            if !improved { break }
        }
        return (chosen.sorted(), current)
    }
}
