import Foundation

extension Communities {
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
            let refined = refine(cg, p, count: k, quality: quality, theta: theta, rng: &rng)
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

    /// Rounds of local moving decided a colour at a time; later rounds decide one node at a time.
    static let batchedRounds = 32

    /// Queue-based local moving, decided a colour at a time.
    ///
    /// Nodes are visited in seeded random order, grouped by colour of a proper colouring
    /// (`greedyColouring`); when a node moves, its neighbours outside its new cluster are queued
    /// again (in this round when their colour comes later, else in the next). The queued nodes
    /// of one colour decide their best cluster together, in parallel, from the same state; the
    /// moves are then made in queue order. No two nodes of a colour are neighbours, so each sees
    /// its exact links to every cluster; only the clusters' total weights are those from before
    /// the step. Every decision depends on that state alone, so the result is the same on any
    /// number of threads. Because a step's moves can undo part of each other's gain, rounds
    /// after `batchedRounds` decide one node at a time (each move then strictly improves the
    /// quality, so local moving ends). (Colour-based parallel local moving: H. Lu,
    /// M. Halappanavar, A. Kalyanaraman, "Parallel heuristics for scalable community detection",
    /// Parallel Computing 47 (2015) 19–37. doi:10.1016/j.parco.2015.03.003)
    static func moveNodesFast(_ cg: ClusterGraph, _ labelsArray: inout [Int], quality: CommunityQuality, rng: inout SeededGenerator) {
        let n = cg.n
        guard n > 1 else { return }
        let gamma = cg.penaltyScale(quality)
        var totalArray = [Double](repeating: 0, count: n)
        var sizeArray = [Int](repeating: 0, count: n)
        for v in 0..<n { totalArray[labelsArray[v]] += cg.a[v]; sizeArray[labelsArray[v]] += 1 }
        // Labels not in use, taken (last first) by a node that does best alone.
        var empty: [Int] = (0..<n).filter { sizeArray[$0] == 0 }.reversed()
        let (colour, colours) = cg.greedyColouring()
        var order = Array(0..<n)
        order.shuffle(using: &rng)
        var current = [[Int32]](repeating: [], count: colours)
        var upcoming = [[Int32]](repeating: [], count: colours)
        for v in order { current[Int(colour[v])].append(Int32(v)) }
        var inQueue = [Bool](repeating: true, count: n)
        let threads = Parallel.threads
        // Per thread: the link weight to each cluster, and the clusters touched.
        let linkTos = (0..<threads).map { _ in SharedBuffer<Double>(repeating: 0, count: n) }
        let toucheds = (0..<threads).map { _ in SharedBuffer<Int32>(repeating: 0, count: n) }
        let stepNodes = SharedBuffer<Int32>(repeating: 0, count: n)
        let decision = SharedBuffer<Int32>(repeating: 0, count: n)
        var rounds = 0
        labelsArray.withUnsafeMutableBufferPointer { labels in
        totalArray.withUnsafeMutableBufferPointer { total in
        sizeArray.withUnsafeMutableBufferPointer { size in
        inQueue.withUnsafeMutableBufferPointer { inQueue in
        cg.offsets.withUnsafeBufferPointer { offsets in
        cg.nbr.withUnsafeBufferPointer { nbr in
        cg.w.withUnsafeBufferPointer { w in
        cg.a.withUnsafeBufferPointer { a in
            let state = UnsafeSendable((labels: UnsafeBufferPointer(labels), total: UnsafeBufferPointer(total),
                                        offsets: offsets, nbr: nbr, w: w, a: a))
            // The best cluster for v from the current state: a cluster, or -1 for "alone".
            @Sendable func decide(_ v: Int, _ linkTo: UnsafeMutableBufferPointer<Double>,
                                  _ touchedList: UnsafeMutableBufferPointer<Int32>) -> Int32 {
                let st = state.value
                var touched = 0
                for e in st.offsets[v]..<st.offsets[v + 1] {
                    let c = st.labels[Int(st.nbr[e])]
                    if linkTo[c] == 0 { touchedList[touched] = Int32(c); touched += 1 }
                    linkTo[c] += st.w[e]
                }
                let old = st.labels[v], av = st.a[v]
                var best = old
                var bestGain = linkTo[old] - gamma * av * (st.total[old] - av)
                for i in 0..<touched {
                    let c = Int(touchedList[i])
                    if c == old { continue }
                    let g = linkTo[c] - gamma * av * st.total[c]
                    if g > bestGain { bestGain = g; best = c }
                }
                for i in 0..<touched { linkTo[Int(touchedList[i])] = 0 }
                linkTo[old] = 0
                return bestGain < 0 ? -1 : Int32(best)
            }
            var pending = true
            while pending {
                rounds += 1
                let step = rounds <= batchedRounds ? n : 1
                for c in 0..<colours {
                    var i = 0
                    while i < current[c].count {
                        let m = min(step, current[c].count - i)
                        var edges = 0  // decides whether the step is worth running in parallel
                        for j in 0..<m {
                            let v = Int(current[c][i + j])
                            stepNodes.pointer[j] = Int32(v)
                            edges += offsets[v + 1] - offsets[v]
                        }
                        i += m
                        // Decide: in parallel when the step is worth it, each thread taking
                        // the next 64 nodes until none are left.
                        if threads == 1 || edges < 2_000 {
                            for j in 0..<m { decision.pointer[j] = decide(Int(stepNodes.pointer[j]), linkTos[0].pointer, toucheds[0].pointer) }
                        } else {
                            let next = WorkCounter()
                            Parallel.forEachChunk(threads) { part in
                                let linkTo = linkTos[part].pointer, touchedList = toucheds[part].pointer
                                while true {
                                    let lo = next.take(64)
                                    if lo >= m { break }
                                    for j in lo..<min(lo + 64, m) { decision.pointer[j] = decide(Int(stepNodes.pointer[j]), linkTo, touchedList) }
                                }
                            }
                        }
                        // Move, in queue order.
                        for j in 0..<m {
                            let v = Int(stepNodes.pointer[j])
                            inQueue[v] = false
                            let old = labels[v]
                            let best: Int
                            if decision.pointer[j] < 0 {
                                if size[old] == 1 { continue }
                                guard let e = empty.popLast() else { continue }
                                best = e
                            } else {
                                best = Int(decision.pointer[j])
                                if best == old { continue }
                            }
                            let av = a[v]
                            total[old] -= av
                            size[old] -= 1
                            if size[old] == 0 { empty.append(old) }
                            total[best] += av
                            size[best] += 1
                            labels[v] = best
                            for e in offsets[v]..<offsets[v + 1] {
                                let u = Int(nbr[e])
                                if labels[u] != best && !inQueue[u] {
                                    inQueue[u] = true
                                    let cu = Int(colour[u])
                                    if cu > c { current[cu].append(Int32(u)) } else { upcoming[cu].append(Int32(u)) }
                                }
                            }
                        }
                    }
                    current[c].removeAll(keepingCapacity: true)
                }
                swap(&current, &upcoming)
                pending = current.contains { !$0.isEmpty }
            }
        }}}}}}}}
    }

    /// Leiden refinement: inside each cluster, start from singletons and merge well-connected
    /// nodes into well-connected sub-clusters, choosing randomly in proportion to exp(gain/θ).
    ///
    /// Clusters are refined independently, in parallel; each draws its visiting order and its
    /// choices from its own generator, seeded from `rng` and the cluster's number, so the result
    /// is the same on any number of threads.
    static func refine(_ cg: ClusterGraph, _ p: [Int], count k: Int, quality: CommunityQuality, theta: Double,
                       rng: inout SeededGenerator) -> [Int] {
        let n = cg.n
        let gamma = cg.penaltyScale(quality)
        let scale: Double
        switch quality { case .modularity: scale = cg.m > 0 ? 1 / cg.m : 1; case .cpm: scale = 1 }
        let seedBase = rng.next()
        let (start, memberList) = ClusterGraph.members(p, count: k)
        let refined = SharedBuffer<Int>(repeating: 0, count: n)
        for v in 0..<n { refined.pointer[v] = v }
        let local = SharedBuffer<Int32>(repeating: 0, count: n)  // a node's place in its cluster
        let env = UnsafeSendable((cg: cg, p: p, start: start, memberList: memberList))
        @Sendable func refineCluster(_ s: Int) {
            let (cg, p, start, memberList) = env.value
            let lo = start[s], ns = start[s + 1] - lo
            guard ns > 1 else { return }
            var rng = SeededGenerator(seed: seedBase &+ UInt64(s) &* 0x9E37_79B9_7F4A_7C15)
            // Local arrays indexed by place in the cluster; sub-clusters are named by a place.
            var sub = Array(0..<ns)
            var total = [Double](repeating: 0, count: ns)   // A of each sub-cluster
            var toOwn = [Double](repeating: 0, count: ns)   // links to the rest of the cluster
            var single = [Bool](repeating: true, count: ns)
            var clusterA = 0.0
            for i in 0..<ns {
                let v = memberList[lo + i]
                local.pointer[v] = Int32(i)
                total[i] = cg.a[v]
                clusterA += cg.a[v]
            }
            // The cluster's own edges in local numbering: the loops below read only these.
            var rowStart = [Int](repeating: 0, count: ns + 1)
            var adj: [Int32] = [], adjW: [Double] = []
            for i in 0..<ns {
                let v = memberList[lo + i]
                for e in cg.offsets[v]..<cg.offsets[v + 1] {
                    let u = Int(cg.nbr[e])
                    if p[u] == s { adj.append(local.pointer[u]); adjW.append(cg.w[e]); toOwn[i] += cg.w[e] }
                }
                rowStart[i + 1] = adj.count
            }
            var extLink = toOwn  // a sub-cluster's links to the rest of the cluster
            var order = Array(0..<ns)
            order.shuffle(using: &rng)
            var linkTo = [Double](repeating: 0, count: ns)
            var touched: [Int] = []
            var cand: [Int] = [], weights: [Double] = []
            for i in order {
                guard single[i] else { continue }
                let v = memberList[lo + i]
                let av = cg.a[v]
                // v must be well connected to its cluster.
                if toOwn[i] < gamma * av * (clusterA - av) { continue }
                touched.removeAll(keepingCapacity: true)
                for e in rowStart[i]..<rowStart[i + 1] {
                    let c = sub[Int(adj[e])]
                    if linkTo[c] == 0 { touched.append(c) }
                    linkTo[c] += adjW[e]
                }
                cand.removeAll(keepingCapacity: true)
                weights.removeAll(keepingCapacity: true)
                var bestGain = -Double.infinity
                for c in touched where c != sub[i] {
                    // Only well-connected target sub-clusters.
                    if extLink[c] < gamma * total[c] * (clusterA - total[c]) { continue }
                    let gain = linkTo[c] - gamma * av * total[c]
                    if gain >= 0 {
                        cand.append(c); weights.append(gain)
                        bestGain = max(bestGain, gain)
                    }
                }
                for c in touched { linkTo[c] = 0 }
                guard !cand.isEmpty else { continue }
                // Sample ∝ exp((gain − best)/θ), gains scaled to quality units.
                var sum = 0.0
                for j in weights.indices { weights[j] = exp((weights[j] - bestGain) * scale / theta); sum += weights[j] }
                var x = rng.unit() * sum
                var chosen = cand[cand.count - 1]
                for j in cand.indices {
                    x -= weights[j]
                    if x < 0 { chosen = cand[j]; break }
                }
                // Move v into `chosen`.
                let old = sub[i]
                sub[i] = chosen
                total[old] -= av
                total[chosen] += av
                single[i] = false
                single[chosen] = false
                // extLink of `chosen` gains v's links to the cluster outside `chosen`, loses links between them.
                var between = 0.0
                for e in rowStart[i]..<rowStart[i + 1] where Int(adj[e]) != i && sub[Int(adj[e])] == chosen {
                    between += adjW[e]
                }
                extLink[chosen] += toOwn[i] - 2 * between
                extLink[old] = 0
            }
            for i in 0..<ns { refined.pointer[memberList[lo + i]] = memberList[lo + sub[i]] }
        }
        if cg.offsets[n] < 50_000 {
            for s in 0..<k { refineCluster(s) }
        } else {
            Parallel.forEachChunk(k) { refineCluster($0) }
        }
        return refined.array
    }
}
