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

/// Community detection: Louvain (`Louvain.swift`), Leiden (`Leiden.swift`) and label
/// propagation (`LabelPropagation.swift`), all seeded; their quality is `Modularity.swift`'s.
///
/// Graphs are read as undirected (a directed graph's arcs are merged, weights summed).
/// `weighted` uses edge weights as strengths. Results are canonical ``Partition``s and are the
/// same for a seed on any machine (randomness comes only from ``SeededGenerator``).
public enum Communities {
}
