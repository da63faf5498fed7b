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

    /// The members of each cluster of `labels` (0..<k) in node order, by a counting sort:
    /// cluster c holds `memberList[start[c]..<start[c + 1]]`.
    static func members(_ labels: [Int], count k: Int) -> (start: [Int], memberList: [Int]) {
        var start = [Int](repeating: 0, count: k + 1)
        for l in labels { start[l + 1] += 1 }
        for c in 0..<k { start[c + 1] += start[c] }
        var memberList = [Int](repeating: 0, count: labels.count)
        var fill = start
        for (v, l) in labels.enumerated() { memberList[fill[l]] = v; fill[l] += 1 }
        return (start, memberList)
    }

    /// A proper colouring (no edge joins two nodes of one colour), greedy in node order with
    /// the smallest free colour: at most max degree + 1 colours.
    func greedyColouring() -> (colour: [Int32], count: Int) {
        var colour = [Int32](repeating: -1, count: n)
        var mark = [Int](repeating: -1, count: n + 1)  // mark[c] == v: a neighbour of v has colour c
        var count = 0
        for v in 0..<n {
            // Colours below 64 in a bit mask; the mark array only when all of those are taken.
            var used: UInt64 = 0
            for e in offsets[v]..<offsets[v + 1] {
                let c = colour[Int(nbr[e])]
                if c >= 0 && c < 64 { used |= 1 << UInt64(c) }
            }
            var c: Int
            if used != .max {
                c = (~used).trailingZeroBitCount
            } else {
                for e in offsets[v]..<offsets[v + 1] {
                    let c = colour[Int(nbr[e])]
                    if c >= 0 { mark[Int(c)] = v }
                }
                c = 64
                while mark[c] == v { c += 1 }
            }
            colour[v] = Int32(c)
            count = max(count, c + 1)
        }
        return (colour, count)
    }

    /// The graph of the clusters of `labels` (labels 0..<k): members summed into one node.
    ///
    /// A cluster's row lists its neighbour clusters in order of first touch (members in node
    /// order, each member's neighbours in row order), so it depends on nothing but the input.
    /// Clusters are cut into ranges done in parallel and joined in cluster order: the result
    /// is the same on any number of threads.
    func aggregate(_ labels: [Int], count k: Int) -> ClusterGraph {
        let (start, memberList) = Self.members(labels, count: k)
        let chunks = offsets[n] < 100_000 ? 1 : Parallel.chunkCount(k, maxChunks: 8)
        // Each range of clusters writes its rows into its own region of the output, as long as
        // its members' rows together; the gaps are closed afterwards, in order.
        var region = [Int](repeating: 0, count: chunks + 1)
        for ch in 0..<chunks {
            let r = Parallel.range(chunk: ch, of: chunks, count: k)
            var d = 0
            for i in start[r.lowerBound]..<start[r.upperBound] { let u = memberList[i]; d += offsets[u + 1] - offsets[u] }
            region[ch + 1] = region[ch] + d
        }
        let bound = region[chunks]
        let sw = SharedBuffer<Double>(repeating: 0, count: k)
        let aa = SharedBuffer<Double>(repeating: 0, count: k)
        let rowEnd = SharedBuffer<Int>(repeating: 0, count: k)
        let used = SharedBuffer<Int>(repeating: 0, count: chunks)
        let me = UnsafeSendable(self), lab = UnsafeSendable(labels), mem = UnsafeSendable(memberList), st = UnsafeSendable(start)
        let reg = region
        var total = 0
        var ws: [Double] = []
        let nb = [Int32](unsafeUninitializedCapacity: bound) { nbBuf, nbCount in
            ws = [Double](unsafeUninitializedCapacity: bound) { wsBuf, wsCount in
                let out = UnsafeSendable((nb: nbBuf, ws: wsBuf))
                Parallel.forEachChunk(chunks) { ch in
                    let cg = me.value, labels = lab.value, memberList = mem.value, start = st.value
                    let nbOut = out.value.nb, wsOut = out.value.ws
                    var pos = reg[ch]
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
                        for d in touched { nbOut[pos] = Int32(d); wsOut[pos] = acc[d]; pos += 1; acc[d] = 0; seen[d] = false }
                        rowEnd.pointer[c] = pos
                    }
                    used.pointer[ch] = pos - reg[ch]
                }
                // Close the gaps; each row's end moves back by its region's shift.
                var to = 0
                for ch in 0..<chunks {
                    let from = reg[ch], len = used.pointer[ch]
                    if from != to && len > 0 {
                        memmove(nbBuf.baseAddress! + to, nbBuf.baseAddress! + from, len * MemoryLayout<Int32>.stride)
                        memmove(wsBuf.baseAddress! + to, wsBuf.baseAddress! + from, len * MemoryLayout<Double>.stride)
                    }
                    for c in Parallel.range(chunk: ch, of: chunks, count: k) { rowEnd.pointer[c] -= from - to }
                    to += len
                }
                total = to
                wsCount = to
            }
            nbCount = total
        }
        var offs = [Int](repeating: 0, count: k + 1)
        for c in 0..<k { offs[c + 1] = rowEnd.pointer[c] }
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
