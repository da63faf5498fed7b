/// Disruption curves (arrest planning): remove the highest-scoring person, recompute the score
/// on what is left, and repeat, recording how the network falls apart (Cavallaro et al.,
/// PLOS ONE 2020, on the Montagna mafia network).
///
/// Conventions:
/// - Sequential: each removal is chosen on the graph left by the previous one (the score
///   recomputed after every removal). Block (a raid): the `stepSize` highest scores of one
///   computation are removed together, then the score is recomputed.
/// - Ties in the score go to the smaller id (label order), so the curve is deterministic.
/// - `largestShare` is the largest component left over the largest component of the full
///   graph (the published curves' convention); components are weak for directed graphs.
/// - `fragmentation` is Borgatti's 1 − Σ s(s−1) / (N(N−1)) over the N persons left.
public enum Disruption {
    public enum Mode: String, CaseIterable, Sendable {
        case sequential, block
    }

    /// One row of the curve: the state after `step` steps (step 0: nothing removed).
    public struct Step: Sendable, Equatable {
        public var step: Int
        /// Removed in this step, in order (original node indices).
        public var removed: [Int]
        /// The score each had on the graph it was chosen from.
        public var scores: [Double]
        public var removedTotal: Int
        public var persons: Int
        public var largest: Int
        public var largestShare: Double
        public var components: Int
        public var isolates: Int
        public var fragmentation: Double
    }

    /// The curve over `steps` steps of `stepSize` removals, `score` computed on each remaining
    /// graph (its values indexed by the remaining graph's nodes). Stops early when nobody is left.
    ///
    /// - Complexity: sequential: steps × stepSize score computations; block: steps of them.
    ///   With betweenness, each is O(n·m) on the remaining graph.
    public static func curve(_ g: Graph, steps: Int, stepSize: Int, mode: Mode,
                             score: (Graph) throws -> [Double]) rethrows -> [Step] {
        var alive = [Bool](repeating: true, count: g.nodeCount)
        let full = Components(g)
        let base = full.members.map(\.count).max() ?? 0
        var total = 0
        func state(_ step: Int, _ removed: [Int], _ scores: [Double]) -> Step {
            let sub = g.subgraph(keepNode: alive).graph
            let c = Components(sub)
            let sizes = c.members.map(\.count)
            let n = sub.nodeCount
            let largest = sizes.max() ?? 0
            return Step(step: step, removed: removed, scores: scores, removedTotal: total, persons: n,
                        largest: largest, largestShare: base > 0 ? Double(largest) / Double(base) : 0,
                        components: c.count, isolates: sizes.filter { $0 == 1 }.count,
                        fragmentation: KeyPlayers.fragmentation(c, nodes: n))
        }
        /// The `k` highest-scoring persons left, in order (ties to the smaller label).
        func top(_ k: Int) throws -> [(Int, Double)] {
            let (sub, original) = g.subgraph(keepNode: alive)
            let s = try score(sub)
            let order = (0..<sub.nodeCount).sorted { a, b in
                let x = s[a].isNaN ? -Double.infinity : s[a], y = s[b].isNaN ? -Double.infinity : s[b]
                return x != y ? x > y : sub.labels[a] < sub.labels[b]
            }
            return order.prefix(k).map { (original[$0], s[$0]) }
        }
        var rows = [state(0, [], [])]
        for step in 1...max(1, steps) where steps >= 1 {
            var removed: [Int] = [], scores: [Double] = []
            let left = alive.lazy.filter { $0 }.count
            if left == 0 { break }
            let k = min(stepSize, left)
            if mode == .block {
                for (v, s) in try top(k) { removed.append(v); scores.append(s); alive[v] = false }
            } else {
                for _ in 0..<k {
                    guard let (v, s) = try top(1).first else { break }
                    removed.append(v); scores.append(s); alive[v] = false
                }
            }
            total += removed.count
            rows.append(state(step, removed, scores))
        }
        return rows
    }
}
