/// Stability of clusters across seeds: how often the members of a cluster end up together.
public enum Consensus {
    public struct Result: Sendable {
        /// The partition of the run with the highest quality (first such seed on ties).
        public let partition: Partition
        /// Per cluster of `partition`: the mean, over runs, of the share of its member pairs
        /// that the run puts in one cluster (1 = always together). Singletons score 1.
        public let clusterStability: [Double]
        /// Per node: the mean share of its cluster-mates it stays with.
        public let nodeStability: [Double]
        public let runs: Int
        public let qualities: [Double]
    }

    /// Leiden (modularity, γ = 1, unweighted, 2 iterations) over `runs` consecutive seeds,
    /// keeping the best: what `sna clusters --seed S --runs R` finds with its defaults, and so
    /// what the meeting pack and `sna render` show.
    public static func leiden(_ g: Graph, seed: UInt64, runs: Int = 1) -> Result {
        run(runs: runs, seed: seed, quality: { Modularity.of($0, in: g) }, detect: { Communities.leiden(g, seed: $0) })
    }

    /// Runs `detect(seed)` for `runs` consecutive seeds from `seed` and scores the best
    /// partition's clusters against all runs.
    ///
    /// - Complexity: runs × (detection + O(n)).
    public static func run(runs: Int, seed: UInt64, quality: (Partition) -> Double,
                           detect: (UInt64) -> Partition) -> Result {
        var parts: [Partition] = []
        var qs: [Double] = []
        for r in 0..<max(1, runs) {
            let p = detect(seed &+ UInt64(r))
            parts.append(p)
            qs.append(quality(p))
        }
        var bestIndex = 0
        for i in qs.indices where qs[i] > qs[bestIndex] { bestIndex = i }
        let best = parts[bestIndex]
        let n = best.membership.count
        var clusterStability = [Double](repeating: 0, count: best.count)
        var nodeStability = [Double](repeating: 0, count: n)
        var counts = [Int](repeating: 0, count: n)
        for p in parts {
            for (c, members) in best.clusters.enumerated() {
                let s = members.count
                if s < 2 {
                    clusterStability[c] += 1
                    for v in members { nodeStability[v] += 1 }
                    continue
                }
                var touched: [Int] = []
                for v in members {
                    let l = p.membership[v]
                    if counts[l] == 0 { touched.append(l) }
                    counts[l] += 1
                }
                var together = 0.0
                for l in touched { together += Double(counts[l]) * Double(counts[l] - 1) / 2 }
                clusterStability[c] += together / (Double(s) * Double(s - 1) / 2)
                for v in members { nodeStability[v] += Double(counts[p.membership[v]] - 1) / Double(s - 1) }
                for l in touched { counts[l] = 0 }
            }
        }
        let r = Double(parts.count)
        return Result(partition: best, clusterStability: clusterStability.map { $0 / r },
                      nodeStability: nodeStability.map { $0 / r }, runs: parts.count, qualities: qs)
    }
}

/// What a cluster is made of: size, density, ties inside and out, dominant group.
public struct ClusterSummary: Sendable {
    public let cluster: Int
    public let size: Int
    /// Ties inside / possible pairs.
    public let density: Double
    public let internalTies: Int
    public let externalTies: Int
    /// The most common value of the grouping attribute among members, its share, if any.
    public let dominantGroup: String?
    public let dominantShare: Double
    /// Ties to each other cluster with at least one tie: (cluster, ties), by cluster number.
    public let tiesTo: [(cluster: Int, ties: Int)]

    /// - Parameter groups: a label per node (e.g. the primary gang affiliation), or nil.
    /// - Complexity: O(n + m).
    public static func all(_ p: Partition, in g: Graph, groups: [String?]) -> [ClusterSummary] {
        let k = p.count
        var inside = [Int](repeating: 0, count: k)
        var outside = [Int](repeating: 0, count: k)
        var between = [[Int: Int]](repeating: [:], count: k)
        for e in 0..<g.edgeCount {
            let u = Int(g.edgeSource[e]), v = Int(g.edgeTarget[e])
            if u == v { continue }
            let a = p.membership[u], b = p.membership[v]
            if a == b { inside[a] += 1 } else {
                outside[a] += 1; outside[b] += 1
                between[a][b, default: 0] += 1; between[b][a, default: 0] += 1
            }
        }
        return (0..<k).map { c in
            let members = p.clusters[c]
            let s = members.count
            var tally: [String: Int] = [:]
            for v in members { if let x = groups[v] { tally[x, default: 0] += 1 } }
            let dom = tally.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.first
            let pairs = Double(s) * Double(s - 1) / (g.directed ? 1 : 2)
            return ClusterSummary(cluster: c, size: s, density: pairs > 0 ? Double(inside[c]) / pairs : 0,
                                  internalTies: inside[c], externalTies: outside[c],
                                  dominantGroup: dom?.key, dominantShare: dom.map { Double($0.value) / Double(s) } ?? 0,
                                  tiesTo: between[c].sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        }
    }
}
