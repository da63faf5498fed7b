import Foundation

extension Communities {
    /// Asynchronous label propagation (Raghavan et al. 2007): each node, in seeded random
    /// order, takes the label carrying the most (weighted) ties among its neighbours, ties
    /// broken at random; stops when every node holds a most frequent label (at most 100 rounds).
    ///
    /// - Complexity: O(m) per round.
    /// - Reference: U. N. Raghavan, R. Albert, S. Kumara, Phys. Rev. E 76, 036106 (2007).
    public static func labelPropagation(_ g: Graph, weighted: Bool = false, seed: UInt64 = 1) -> Partition {
        let cg = ClusterGraph(g, weighted: weighted, quality: .cpm(resolution: 0))
        let n = cg.n
        var rng = SeededGenerator(seed: seed)
        var labels = Array(0..<n)
        var order = Array(0..<n)
        var count = [Double](repeating: 0, count: n)
        var touched: [Int] = []
        for _ in 0..<100 {
            order.shuffle(using: &rng)
            for v in order {
                touched.removeAll(keepingCapacity: true)
                for e in cg.offsets[v]..<cg.offsets[v + 1] {
                    let l = labels[Int(cg.nbr[e])]
                    if count[l] == 0 { touched.append(l) }
                    count[l] += cg.w[e]
                }
                if touched.isEmpty { continue }
                let mx = touched.map { count[$0] }.max()!
                let best = touched.filter { count[$0] == mx }.sorted()
                if !best.contains(labels[v]) { labels[v] = best[rng.below(best.count)] }
                for l in touched { count[l] = 0 }
            }
            // Converged when every node's label is among its most frequent.
            var stable = true
            for v in 0..<n {
                touched.removeAll(keepingCapacity: true)
                for e in cg.offsets[v]..<cg.offsets[v + 1] {
                    let l = labels[Int(cg.nbr[e])]
                    if count[l] == 0 { touched.append(l) }
                    count[l] += cg.w[e]
                }
                if !touched.isEmpty {
                    let mx = touched.map { count[$0] }.max()!
                    if count[labels[v]] < mx { stable = false }
                }
                for l in touched { count[l] = 0 }
                if !stable { break }
            }
            if stable { break }
        }
        return Partition(labels: labels)
    }
}
