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
            let (values, original) = try perturbed(g, measure: measure, weights: weights, dropNodes: dropNodes, dropTies: dropTies, seed: seed, run: r)
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

    /// Martin & Niemeyer's pairwise sensitivity: how likely the more central of two persons
    /// stays the more central when the data have the stated errors.
    public struct Sensitivity: Sendable, Equatable {
        /// Over `pairs` seeded pairs strictly ordered on the full data and both kept in a run:
        /// the share of (pair, run) in which the order holds (a tie in the run counts a half).
        public let pairwise: Double
        public let pairs: Int
        /// Per node: in how many of the runs that kept it and the node ranked just below it on
        /// the full data (the next lower value) it stayed above that node (NaN: no such node).
        public let aboveNext: [Double]
    }

    /// The same perturbations as ``ranks(_:measure:weights:dropNodes:dropTies:runs:topK:seed:progress:)``
    /// (the same seeds give the same runs), scored as pairwise order.
    ///
    /// - Complexity: runs × (the measure's cost + pairs).
    /// - Reference: C. Martin & P. Niemeyer, "Influence of measurement errors on networks:
    ///   Estimating the robustness of centrality measures", Network Science 7(2), 2019.
    public static func sensitivity(_ g: Graph, measure: String, weights: PathWeights = .none, dropNodes: Double, dropTies: Double,
                                   runs: Int, seed: UInt64, pairs: Int = 100_000) throws -> Sensitivity {
        let n = g.nodeCount
        let full = try Measures.compute([measure], on: g, weights: weights)[0].values
        // The node just below each one (next lower full value; ties in order of index).
        let order = (0..<n).filter { full[$0].isFinite }.sorted { full[$0] != full[$1] ? full[$0] > full[$1] : $0 < $1 }
        var next = [Int](repeating: -1, count: n)
        // Walking up from the lowest: the first node of the group below the current value.
        var below = -1, groupStart = -1
        for i in stride(from: order.count - 1, through: 0, by: -1) {
            let v = order[i]
            if i == order.count - 1 || full[v] != full[order[i + 1]] { below = groupStart; }
            groupStart = v
            next[v] = below
        }
        // Seeded pairs strictly ordered on the full data (the higher first).
        var pick = SeededGenerator(seed: seed &+ 0xD1B5_4A32_D192_ED03)
        var sample: [(Int, Int)] = []
        if order.count >= 2 && full[order.first!] > full[order.last!] {
            var tries = 0
            while sample.count < pairs && tries < pairs * 20 {
                tries += 1
                let a = order[Int(pick.next() % UInt64(order.count))], b = order[Int(pick.next() % UInt64(order.count))]
                if full[a] > full[b] { sample.append((a, b)) } else if full[b] > full[a] { sample.append((b, a)) }
            }
        }
        var held = 0.0, counted = 0.0
        var aboveHeld = [Double](repeating: 0, count: n), aboveRuns = [Double](repeating: 0, count: n)
        for r in 0..<runs {
            let (values, original) = try perturbed(g, measure: measure, weights: weights, dropNodes: dropNodes, dropTies: dropTies, seed: seed, run: r)
            var now = [Double](repeating: .nan, count: n)
            for (i, v) in original.enumerated() { now[v] = values[i] }
            func score(_ a: Int, _ b: Int) -> Double? {
                guard now[a].isFinite, now[b].isFinite else { return nil }  // NaN: deleted in this run
                return now[a] > now[b] ? 1 : (now[a] == now[b] ? 0.5 : 0)
            }
            for (a, b) in sample { if let x = score(a, b) { held += x; counted += 1 } }
            for v in 0..<n where next[v] >= 0 { if let x = score(v, next[v]) { aboveHeld[v] += x; aboveRuns[v] += 1 } }
        }
        return Sensitivity(pairwise: counted > 0 ? held / counted : .nan, pairs: sample.count,
                           aboveNext: (0..<n).map { aboveRuns[$0] > 0 ? aboveHeld[$0] / aboveRuns[$0] : .nan })
    }

    /// Run `r`'s perturbed copy: each node deleted with probability `dropNodes` and each tie with
    /// `dropTies`, from a generator seeded by (seed, r) alone (so runs are the same whatever
    /// computes them); the measure's values on what is left and each kept node's index in `g`.
    static func perturbed(_ g: Graph, measure: String, weights: PathWeights, dropNodes: Double, dropTies: Double,
                          seed: UInt64, run r: Int) throws -> (values: [Double], original: [Int]) {
        var rng = SeededGenerator(seed: seed &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(r) &+ 1)
        let keepNode = (0..<g.nodeCount).map { _ in rng.unit() >= dropNodes }
        let keepEdge = (0..<g.edgeCount).map { _ in rng.unit() >= dropTies }
        let (sub, original) = g.subgraph(keepNode: keepNode, keepEdge: keepEdge)
        return (try Measures.compute([measure], on: sub, weights: weights)[0].values, original)
    }

    /// 1 for the highest value; equal values share the best rank ("1224"); NaN last
    /// (``Ranking/competition(_:)``).
    public static func competitionRanks(_ values: [Double]) -> [Int] { Ranking.competition(values) }
}
