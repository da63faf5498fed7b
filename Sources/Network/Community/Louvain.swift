import Foundation

extension Communities {
    /// Louvain (Blondel et al. 2008): repeated local moving of single nodes to the neighbouring
    /// cluster with the best quality gain (nodes in seeded random order), then aggregation,
    /// until a level moves nothing. A level stops when a full pass improves the quality by less
    /// than `threshold` (networkx's 1e-7 on modularity).
    ///
    /// - Complexity: about O(m) per pass; a handful of passes and levels in practice.
    /// - Reference: V. D. Blondel et al., "Fast unfolding of communities in large networks",
    ///   J. Stat. Mech. (2008) P10008. doi:10.1088/1742-5468/2008/10/P10008
    public static func louvain(_ g: Graph, quality: CommunityQuality = .modularity(resolution: 1), weighted: Bool = false,
                               seed: UInt64 = 1, threshold: Double = 1e-7) -> Partition {
        var rng = SeededGenerator(seed: seed)
        var cg = ClusterGraph(g, weighted: weighted, quality: quality)
        var nodeOf = Array(0..<g.nodeCount)  // original node -> current aggregate node
        while true {
            var labels = Array(0..<cg.n)
            let moved = localMoving(cg, &labels, quality: quality, rng: &rng, threshold: threshold)
            let (c, k) = compact(labels)
            if !moved || k == cg.n { break }
            for v in 0..<nodeOf.count { nodeOf[v] = c[nodeOf[v]] }
            cg = cg.aggregate(c, count: k)
        }
        return Partition(labels: nodeOf)
    }

    /// Local moving over all nodes until a pass gains less than `threshold` (relative to m for
    /// modularity). Returns whether any node moved.
    static func localMoving(_ cg: ClusterGraph, _ labels: inout [Int], quality: CommunityQuality,
                            rng: inout SeededGenerator, threshold: Double) -> Bool {
        let n = cg.n
        let gamma = cg.penaltyScale(quality)
        var total = [Double](repeating: 0, count: n)  // A_C
        for v in 0..<n { total[labels[v]] += cg.a[v] }
        var linkTo = [Double](repeating: 0, count: n)
        var touched: [Int] = []
        var anyMove = false
        var order = Array(0..<n)
        while true {
            order.shuffle(using: &rng)
            var gain = 0.0
            var movedThisPass = false
            for v in order {
                let old = labels[v]
                touched.removeAll(keepingCapacity: true)
                for e in cg.offsets[v]..<cg.offsets[v + 1] {
                    let c = labels[Int(cg.nbr[e])]
                    if linkTo[c] == 0 { touched.append(c) }
                    linkTo[c] += cg.w[e]
                }
                total[old] -= cg.a[v]
                let av = cg.a[v]
                var best = old
                var bestGain = linkTo[old] - gamma * av * total[old]
                let stay = bestGain
                for c in touched where c != old {
                    let g = linkTo[c] - gamma * av * total[c]
                    if g > bestGain { bestGain = g; best = c }
                }
                total[best] += av
                labels[v] = best
                if best != old { movedThisPass = true; anyMove = true; gain += bestGain - stay }
                for c in touched { linkTo[c] = 0 }
                linkTo[old] = 0
            }
            let scale: Double
            switch quality { case .modularity: scale = cg.m > 0 ? 1 / cg.m : 0; case .cpm: scale = 1 }
            if !movedThisPass || gain * scale < threshold { break }
        }
        return anyMove
    }
}
