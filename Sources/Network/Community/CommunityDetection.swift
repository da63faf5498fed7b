import Foundation

/// What a community partition optimizes.
public enum CommunityQuality: Sendable, Equatable {
    /// Modularity with resolution γ (1 = Newman–Girvan).
    case modularity(resolution: Double)
    /// Constant Potts model with resolution γ: Σ_c [E_c − γ·n_c(n_c−1)/2]; γ is a density
    /// threshold (clusters denser than γ inside, sparser than γ between).
    case cpm(resolution: Double)
}

/// A weighted undirected graph that can be aggregated: the working form of Louvain and Leiden.
struct ClusterGraph {
    var n: Int
    var offsets: [Int]
    var nbr: [Int32]
    var w: [Double]
    /// Weight of edges inside the node (self-loops of the aggregate), each counted once.
    var selfW: [Double]
    /// Node weight in the penalty term: strength (modularity) or original-node count (CPM).
    var a: [Double]
    /// Total edge weight m of the original graph.
    var m: Double

    init(_ g: Graph, weighted: Bool, quality: CommunityQuality) {
        n = g.nodeCount
        var deg = [Int](repeating: 0, count: n)
        var loops = [Double](repeating: 0, count: n)
        var total = 0.0
        for e in 0..<g.edgeCount {
            let u = Int(g.edgeSource[e]), v = Int(g.edgeTarget[e])
            let x = weighted ? g.edgeWeight[e] : 1
            total += x
            if u == v { loops[u] += x } else { deg[u] += 1; deg[v] += 1 }
        }
        // Undirected reading: merge u→v and v→u of a directed graph; loops are kept apart.
        let u = g.undirected(keepSelfLoops: false, unitWeights: !weighted)
        offsets = u.out.offsets.map(Int.init)
        nbr = u.out.targets
        w = u.out.weights.array
        selfW = loops
        m = total
        var strength = [Double](repeating: 0, count: n)
        for v in 0..<n {
            var s = 2 * loops[v]
            for k in offsets[v]..<offsets[v + 1] { s += w[k] }
            strength[v] = s
        }
        switch quality {
        case .modularity: a = strength
        case .cpm: a = [Double](repeating: 1, count: n)
        }
    }

    init(n: Int, offsets: [Int], nbr: [Int32], w: [Double], selfW: [Double], a: [Double], m: Double) {
        self.n = n; self.offsets = offsets; self.nbr = nbr; self.w = w; self.selfW = selfW; self.a = a; self.m = m
    }

    /// γ' such that the penalty for putting weights a_v and A_C together is γ'·a_v·A_C.
    func penaltyScale(_ q: CommunityQuality) -> Double {
        switch q {
        case .modularity(let r): return m > 0 ? r / (2 * m) : 0
        case .cpm(let r): return r
        }
    }

    /// The graph of the clusters of `labels` (labels 0..<k): members summed into one node.
    ///
    /// A cluster's row lists its neighbour clusters in order of first touch (members in node
    /// order, each member's neighbours in row order), so it depends on nothing but the input.
    /// Clusters are cut into ranges done in parallel and joined in cluster order: the result
    /// is the same on any number of threads.
    func aggregate(_ labels: [Int], count k: Int) -> ClusterGraph {
        // Members of each cluster by a counting sort (in node order), not k small arrays.
        var start = [Int](repeating: 0, count: k + 1)
        for v in 0..<n { start[labels[v] + 1] += 1 }
        for c in 0..<k { start[c + 1] += start[c] }
        var memberList = [Int](repeating: 0, count: n)
        do {
            var fill = start
            for v in 0..<n { memberList[fill[labels[v]]] = v; fill[labels[v]] += 1 }
        }
        let sw = SharedBuffer<Double>(repeating: 0, count: k)
        let aa = SharedBuffer<Double>(repeating: 0, count: k)
        let chunks = n < 50_000 ? 1 : Parallel.chunkCount(k, maxChunks: 8)
        final class Part: @unchecked Sendable { var nb: [Int32] = []; var ws: [Double] = []; var rowEnd: [Int] = [] }
        let parts = (0..<chunks).map { _ in Part() }
        let me = UnsafeSendable(self), lab = UnsafeSendable(labels), mem = UnsafeSendable(memberList), st = UnsafeSendable(start)
        Parallel.forEachChunk(chunks) { ch in
            let cg = me.value, labels = lab.value, memberList = mem.value, start = st.value
            var nbOut: [Int32] = [], wsOut: [Double] = [], rowEnd: [Int] = []
            var acc = [Double](repeating: 0, count: k)
            var seen = [Bool](repeating: false, count: k)
            var touched: [Int] = []
            for c in Parallel.range(chunk: ch, of: chunks, count: k) {
                touched.removeAll(keepingCapacity: true)
                var s = 0.0, av = 0.0
                for i in start[c]..<start[c + 1] {
                    let u = memberList[i]
                    s += cg.selfW[u]
                    av += cg.a[u]
                    for e in cg.offsets[u]..<cg.offsets[u + 1] {
                        let d = labels[Int(cg.nbr[e])]
                        if d == c { s += cg.w[e] / 2; continue }
                        if !seen[d] { seen[d] = true; touched.append(d) }
                        acc[d] += cg.w[e]
                    }
                }
                sw.pointer[c] = s
                aa.pointer[c] = av
                for d in touched { nbOut.append(Int32(d)); wsOut.append(acc[d]); acc[d] = 0; seen[d] = false }
                rowEnd.append(nbOut.count)
            }
            let part = parts[ch]
            part.nb = nbOut; part.ws = wsOut; part.rowEnd = rowEnd
        }
        var offs = [0]
        offs.reserveCapacity(k + 1)
        var nb: [Int32] = [], ws: [Double] = []
        nb.reserveCapacity(parts.reduce(0) { $0 + $1.nb.count }); ws.reserveCapacity(nb.capacity)
        for part in parts {
            let base = nb.count
            for e in part.rowEnd { offs.append(base + e) }
            nb += part.nb; ws += part.ws
        }
        return ClusterGraph(n: k, offsets: offs, nbr: nb, w: ws, selfW: sw.array, a: aa.array, m: m)
    }
}

/// Renumbers labels to 0..<k in order of first appearance.
func compact(_ labels: [Int]) -> (labels: [Int], count: Int) {
    // Labels are small non-negative integers here (cluster numbers): an array is the map.
    if let hi = labels.max(), let lo = labels.min(), lo >= 0, hi < 4 * labels.count + 16 {
        var map = [Int](repeating: -1, count: hi + 1)
        var out = [Int](repeating: 0, count: labels.count)
        var k = 0
        for (i, l) in labels.enumerated() {
            if map[l] < 0 { map[l] = k; k += 1 }
            out[i] = map[l]
        }
        return (out, k)
    }
    var map = [Int: Int]()
    var out = [Int](repeating: 0, count: labels.count)
    for (i, l) in labels.enumerated() {
        if let x = map[l] { out[i] = x } else { out[i] = map.count; map[l] = out[i] }
    }
    return (out, map.count)
}

/// Community detection: Louvain, Leiden and label propagation, all seeded.
///
/// Graphs are read as undirected (a directed graph's arcs are merged, weights summed).
/// `weighted` uses edge weights as strengths. Results are canonical ``Partition``s and are the
/// same for a seed on any machine (randomness comes only from ``SeededGenerator``).
public enum Communities {
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

    /// Leiden (Traag, Waltman & van Eck 2019): fast local moving with a queue, refinement
    /// of every cluster into well-connected sub-clusters (randomness θ = 0.01), aggregation of
    /// the refined partition with the unrefined one as the starting point, until nothing
    /// changes. Every cluster it returns is connected.
    ///
    /// - Parameter iterations: full Leiden iterations, each starting from the last partition
    ///   (2, igraph's default); `nil` iterates until an iteration changes nothing (leidenalg's
    ///   `n_iterations=-1`, at most 50).
    /// - Complexity: about O(m) per level in practice.
    /// - Reference: V. A. Traag, L. Waltman, N. J. van Eck, "From Louvain to Leiden: guaranteeing
    ///   well-connected communities", Sci. Rep. 9, 5233 (2019). doi:10.1038/s41598-019-41695-z
    public static func leiden(_ g: Graph, quality: CommunityQuality = .modularity(resolution: 1), weighted: Bool = false,
                              seed: UInt64 = 1, iterations: Int? = 2, theta: Double = 0.01) -> Partition {
        var rng = SeededGenerator(seed: seed)
        let base = ClusterGraph(g, weighted: weighted, quality: quality)
        var labels = Array(0..<g.nodeCount)
        var it = 0
        while true {
            let before = labels
            labels = leidenIteration(base, start: labels, quality: quality, theta: theta, rng: &rng)
            it += 1
            if let iterations, it >= iterations { break }
            if Partition(labels: labels) == Partition(labels: before) || it >= 50 { break }
        }
        return Partition(labels: labels)
    }

    static func leidenIteration(_ base: ClusterGraph, start: [Int], quality: CommunityQuality, theta: Double,
                                rng: inout SeededGenerator) -> [Int] {
        var cg = base
        var (p, _) = compact(start)  // partition of the current aggregate's nodes
        var nodeOf = Array(0..<base.n)
        while true {
            moveNodesFast(cg, &p, quality: quality, rng: &rng)
            let (pc, k) = compact(p)
            p = pc
            if k == cg.n { break }
            let refined = refine(cg, p, quality: quality, theta: theta, rng: &rng)
            var (rc, rk) = compact(refined)
            // Nothing could be refined: aggregate by the clusters themselves so the loop progresses.
            if rk == cg.n { rc = p; rk = k }
            // Starting partition of the aggregate: each refined cluster goes where its members were.
            var next = [Int](repeating: 0, count: rk)
            for v in 0..<cg.n { next[rc[v]] = p[v] }
            for v in 0..<nodeOf.count { nodeOf[v] = rc[nodeOf[v]] }
            cg = cg.aggregate(rc, count: rk)
            p = next
        }
        return nodeOf.map { p[$0] }
    }

    /// Queue-based local moving: visit nodes in random order; when a node moves, its
    /// neighbours outside its new cluster are queued again.
    static func moveNodesFast(_ cg: ClusterGraph, _ labelsArray: inout [Int], quality: CommunityQuality, rng: inout SeededGenerator) {
        let n = cg.n
        let gamma = cg.penaltyScale(quality)
        var totalArray = [Double](repeating: 0, count: n + 1)
        var sizeArray = [Int](repeating: 0, count: n + 1)
        for v in 0..<n { totalArray[labelsArray[v]] += cg.a[v]; sizeArray[labelsArray[v]] += 1 }
        var empty: [Int] = (0..<n).filter { sizeArray[$0] == 0 }.reversed()
        var queue = Array(0..<n)
        queue.shuffle(using: &rng)
        var inQueueArray = [Bool](repeating: true, count: n)
        var head = 0
        var linkToArray = [Double](repeating: 0, count: n + 1)
        var touched: [Int] = []
        // Raw buffers in the loop: no bounds or uniqueness checks on the hot path.
        labelsArray.withUnsafeMutableBufferPointer { labels in
        totalArray.withUnsafeMutableBufferPointer { total in
        sizeArray.withUnsafeMutableBufferPointer { size in
        inQueueArray.withUnsafeMutableBufferPointer { inQueue in
        linkToArray.withUnsafeMutableBufferPointer { linkTo in
        cg.offsets.withUnsafeBufferPointer { offsets in
        cg.nbr.withUnsafeBufferPointer { nbr in
        cg.w.withUnsafeBufferPointer { w in
        cg.a.withUnsafeBufferPointer { a in
            while head < queue.count {
                let v = queue[head]; head += 1
                inQueue[v] = false
                if head > 4 * n { queue.removeFirst(head); head = 0 }
                let old = labels[v]
                touched.removeAll(keepingCapacity: true)
                for e in offsets[v]..<offsets[v + 1] {
                    let c = labels[Int(nbr[e])]
                    if linkTo[c] == 0 { touched.append(c) }
                    linkTo[c] += w[e]
                }
                let av = a[v]
                total[old] -= av
                size[old] -= 1
                if size[old] == 0 { empty.append(old) }
                var best = old
                var bestGain = linkTo[old] - gamma * av * total[old]
                for c in touched where c != old {
                    let g = linkTo[c] - gamma * av * total[c]
                    if g > bestGain { bestGain = g; best = c }
                }
                // An empty cluster (staying alone) gains 0.
                if bestGain < 0, let e = empty.last { best = e; bestGain = 0 }
                if size[best] == 0, let i = empty.lastIndex(of: best) { empty.remove(at: i) }
                total[best] += av
                size[best] += 1
                labels[v] = best
                if best != old {
                    for e in offsets[v]..<offsets[v + 1] {
                        let u = Int(nbr[e])
                        if labels[u] != best && !inQueue[u] { inQueue[u] = true; queue.append(u) }
                    }
                }
                for c in touched { linkTo[c] = 0 }
                linkTo[old] = 0
            }
        }}}}}}}}}
    }

    /// Leiden refinement: inside each cluster, start from singletons and merge well-connected
    /// nodes into well-connected sub-clusters, choosing randomly in proportion to exp(gain/θ).
    static func refine(_ cg: ClusterGraph, _ p: [Int], quality: CommunityQuality, theta: Double,
                       rng: inout SeededGenerator) -> [Int] {
        let n = cg.n
        let gamma = cg.penaltyScale(quality)
        var refined = Array(0..<n)
        var total = cg.a                       // A of each refined cluster
        var single = [Bool](repeating: true, count: n)
        // A_S of each cluster and each node's link weight to the rest of its cluster.
        var clusterA = [Double](repeating: 0, count: n)
        for v in 0..<n { clusterA[p[v]] += cg.a[v] }
        var toOwn = [Double](repeating: 0, count: n)
        for v in 0..<n {
            for e in cg.offsets[v]..<cg.offsets[v + 1] where p[Int(cg.nbr[e])] == p[v] { toOwn[v] += cg.w[e] }
        }
        // External link weight of each refined cluster to the rest of its cluster S.
        var extLink = toOwn
        var order = Array(0..<n)
        order.shuffle(using: &rng)
        var linkTo = [Double](repeating: 0, count: n)
        var touched: [Int] = []
        var cand: [Int] = [], weights: [Double] = []
        for v in order {
            guard single[v] else { continue }
            let s = p[v]
            let av = cg.a[v]
            // v must be well connected to its cluster.
            if toOwn[v] < gamma * av * (clusterA[s] - av) { continue }
            touched.removeAll(keepingCapacity: true)
            for e in cg.offsets[v]..<cg.offsets[v + 1] {
                let u = Int(cg.nbr[e])
                if p[u] != s { continue }
                let c = refined[u]
                if linkTo[c] == 0 { touched.append(c) }
                linkTo[c] += cg.w[e]
            }
            cand.removeAll(keepingCapacity: true)
            weights.removeAll(keepingCapacity: true)
            var bestGain = -Double.infinity
            for c in touched where c != refined[v] {
                // Only well-connected target sub-clusters.
                if extLink[c] < gamma * total[c] * (clusterA[s] - total[c]) { continue }
                let gain = linkTo[c] - gamma * av * total[c]
                if gain >= 0 {
                    cand.append(c); weights.append(gain)
                    bestGain = max(bestGain, gain)
                }
            }
            for c in touched { linkTo[c] = 0 }
            guard !cand.isEmpty else { continue }
            // Sample ∝ exp((gain − best)/θ), gains scaled to quality units.
            let scale: Double
            switch quality { case .modularity: scale = cg.m > 0 ? 1 / cg.m : 1; case .cpm: scale = 1 }
            var sum = 0.0
            for i in weights.indices { weights[i] = exp((weights[i] - bestGain) * scale / theta); sum += weights[i] }
            var x = rng.unit() * sum
            var chosen = cand[cand.count - 1]
            for i in cand.indices {
                x -= weights[i]
                if x < 0 { chosen = cand[i]; break }
            }
            // Move v into `chosen`.
            let old = refined[v]
            refined[v] = chosen
            total[old] -= av
            total[chosen] += av
            single[v] = false
            single[chosen] = false
            // extLink of `chosen` gains v's links to S outside `chosen`, loses links between them.
            var between = 0.0
            for e in cg.offsets[v]..<cg.offsets[v + 1] where refined[Int(cg.nbr[e])] == chosen && Int(cg.nbr[e]) != v {
                between += cg.w[e]
            }
            extLink[chosen] += toOwn[v] - 2 * between
            extLink[old] = 0
        }
        return refined
    }

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
