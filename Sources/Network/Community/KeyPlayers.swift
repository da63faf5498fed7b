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
        return fragmentation(Components(sub), nodes: sub.nodeCount)
    }

    /// Fragmentation of a graph of `n` nodes with these components (1 with fewer than 2 nodes).
    public static func fragmentation(_ comps: Components, nodes n: Int) -> Double {
        guard n > 1 else { return 1 }
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

    /// The best set of `k` nodes: ``search(_:k:objective:reachDistance:seed:candidateLimit:restarts:)``
    /// (exhaustive where affordable, else greedy, single and pair swaps and restarts).
    ///
    /// - Reference: S. P. Borgatti, "Identifying sets of key players in a social network",
    ///   Comput. Math. Organ. Theory 12, 2006. doi:10.1007/s10588-006-7084-x
    public static func find(_ g: Graph, k: Int, objective: Objective, reachDistance: Int = 1, seed: UInt64 = 1,
                            candidateLimit: Int = 300) -> (set: [Int], score: Double) {
        let r = search(g, k: k, objective: objective, reachDistance: reachDistance, seed: seed, candidateLimit: candidateLimit)
        return (r.set, r.score)
    }
}
