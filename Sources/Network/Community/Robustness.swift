/// How sure are we: rank stability of a measure when data are missing.
public enum Robustness {
    public struct RankSummary: Sendable {
        /// Rank on the full data (1 = highest; competition ranking).
        public let rank: Int
        /// Median rank over the runs in which the node was kept.
        public let medianRank: Double
        /// 5th and 95th percentile of the rank.
        public let low: Int
        public let high: Int
        /// Share of runs (node kept) in which the node ranked within the top k.
        public let topK: Double
        /// Runs in which the node was kept.
        public let runs: Int
    }

    /// Repeats `measure` `runs` times after deleting each node with probability `dropNodes`
    /// and each tie with probability `dropTies` (seeded), and summarizes each node's rank.
    ///
    /// Ranks use competition ranking (ties share the best rank). Each run uses its own
    /// generator seeded from (seed, run), so results do not depend on thread count.
    ///
    /// - Complexity: runs × the measure's cost.
    /// - Reference: A. Ficara et al., "Criminal networks analysis in missing data scenarios
    ///   through graph distances", PLOS ONE 16(8), 2021. doi:10.1371/journal.pone.0255067
    public static func ranks(_ g: Graph, measure: String, weights: PathWeights = .none, dropNodes: Double, dropTies: Double,
                             runs: Int, topK: Int, seed: UInt64, progress: ((_ done: Int, _ of: Int) -> Void)? = nil) throws -> [RankSummary] {
        let n = g.nodeCount
        let full = try Measures.compute([measure], on: g, weights: weights)[0]
        let baseRank = competitionRanks(full.values)
        var samples = [[Int]](repeating: [], count: n)
        for r in 0..<runs {
            var rng = SeededGenerator(seed: seed &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(r) &+ 1)
            let keepNode = (0..<n).map { _ in rng.unit() >= dropNodes }
            let keepEdge = (0..<g.edgeCount).map { _ in rng.unit() >= dropTies }
            let (sub, original) = g.subgraph(keepNode: keepNode, keepEdge: keepEdge)
            let values = try Measures.compute([measure], on: sub, weights: weights)[0].values
            let ranks = competitionRanks(values)
            for (i, v) in original.enumerated() { samples[v].append(ranks[i]) }
            progress?(r + 1, runs)
        }
        return (0..<n).map { v in
            let s = samples[v].sorted()
            guard !s.isEmpty else { return RankSummary(rank: baseRank[v], medianRank: .nan, low: 0, high: 0, topK: 0, runs: 0) }
            let median = s.count % 2 == 1 ? Double(s[s.count / 2]) : Double(s[s.count / 2 - 1] + s[s.count / 2]) / 2
            func pct(_ p: Double) -> Int { s[min(s.count - 1, max(0, Int((p * Double(s.count - 1)).rounded())))] }
            let top = Double(s.filter { $0 <= topK }.count) / Double(s.count)
            return RankSummary(rank: baseRank[v], medianRank: median, low: pct(0.05), high: pct(0.95), topK: top, runs: s.count)
        }
    }

    /// 1 for the highest value; equal values share the best rank ("1224"); NaN last
    /// (``Ranking/competition(_:)``).
    public static func competitionRanks(_ values: [Double]) -> [Int] { Ranking.competition(values) }
}
