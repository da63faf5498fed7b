/// Compressed sparse row adjacency: the form every hot algorithm runs on.
///
/// The neighbours of node `v` are `targets[offsets[v]..<offsets[v+1]]`, with the matching
/// weights in `weights` and the index of the underlying edge in `edges`. Neighbours are sorted
/// by index, so traversal order (and with it every floating-point sum) is deterministic.
/// In a symmetric (undirected) CSR every edge `u–v` appears at `u` and at `v`; a self-loop
/// appears once.
///
/// - Complexity: O(n + m) to build (counting sort); (n+1)·4 + 2m·(4+8+4) bytes.
public struct CSR: Sendable {
    public let offsets: [Int32]
    public let targets: [Int32]
    public let weights: [Double]
    /// Index into the graph's edge arrays for each adjacency entry.
    public let edges: [Int32]

    public var nodeCount: Int { offsets.count - 1 }

    init(nodeCount n: Int, sources: [Int32], targets: [Int32], weights: [Double], symmetric: Bool,
         edgeIndex: [Int32]? = nil) {
        let m = sources.count
        var count = [Int32](repeating: 0, count: n + 1)
        for i in 0..<m {
            count[Int(sources[i]) + 1] += 1
            if symmetric && sources[i] != targets[i] { count[Int(targets[i]) + 1] += 1 }
        }
        for v in 0..<n { count[v + 1] += count[v] }
        let total = Int(count[n])
        precondition(total < Int(Int32.max), "graph too large for 32-bit CSR offsets")
        var fill = count
        var tgt = [Int32](repeating: 0, count: total)
        var wt = [Double](repeating: 0, count: total)
        var eid = [Int32](repeating: 0, count: total)
        // Edges are visited in index order; a stable counting sort then sorts rows by neighbour.
        // Rows are filled in edge order; sort each row by neighbour afterwards.
        for i in 0..<m {
            let u = Int(sources[i]), v = Int(targets[i])
            var p = Int(fill[u]); fill[u] += 1
            tgt[p] = Int32(v); wt[p] = weights[i]; eid[p] = edgeIndex?[i] ?? Int32(i)
            if symmetric && u != v {
                p = Int(fill[v]); fill[v] += 1
                tgt[p] = Int32(u); wt[p] = weights[i]; eid[p] = edgeIndex?[i] ?? Int32(i)
            }
        }
        // Sort every row by target (rows are short: insertion sort for small, sort otherwise).
        tgt.withUnsafeMutableBufferPointer { tp in
            wt.withUnsafeMutableBufferPointer { wp in
                eid.withUnsafeMutableBufferPointer { ep in
                    for v in 0..<n {
                        let lo = Int(count[v]), hi = Int(count[v + 1])
                        if hi - lo < 2 { continue }
                        var sorted = true
                        for k in (lo + 1)..<hi where tp[k - 1] > tp[k] { sorted = false; break }
                        if sorted { continue }
                        if hi - lo <= 32 {
                            for k in (lo + 1)..<hi {
                                let t = tp[k], w = wp[k], e = ep[k]
                                var j = k - 1
                                while j >= lo && tp[j] > t {
                                    tp[j + 1] = tp[j]; wp[j + 1] = wp[j]; ep[j + 1] = ep[j]
                                    j -= 1
                                }
                                tp[j + 1] = t; wp[j + 1] = w; ep[j + 1] = e
                            }
                        } else {
                            var row = (lo..<hi).map { (tp[$0], wp[$0], ep[$0]) }
                            row.sort { $0.0 < $1.0 }
                            for (k, r) in row.enumerated() { tp[lo + k] = r.0; wp[lo + k] = r.1; ep[lo + k] = r.2 }
                        }
                    }
                }
            }
        }
        self.offsets = count
        self.targets = tgt
        self.weights = wt
        self.edges = eid
    }

    /// Number of adjacency entries of `v` (a self-loop counts once here).
    @inline(__always) public func count(_ v: Int) -> Int { Int(offsets[v + 1] - offsets[v]) }

    /// The same adjacency with nodes renumbered: new node `i` is old node `newToOld[i]`.
    /// Rows are sorted by the new numbers; weights and edge indices follow their entries.
    func renumbered(newToOld: [Int32]) -> CSR {
        let n = nodeCount
        var oldToNew = [Int32](repeating: 0, count: n)
        for (i, old) in newToOld.enumerated() { oldToNew[Int(old)] = Int32(i) }
        var src = [Int32](), tgt = [Int32](), wt = [Double](), eid = [Int32]()
        src.reserveCapacity(targets.count); tgt.reserveCapacity(targets.count)
        wt.reserveCapacity(targets.count); eid.reserveCapacity(targets.count)
        for v in 0..<n {
            for k in Int(offsets[v])..<Int(offsets[v + 1]) {
                src.append(oldToNew[v]); tgt.append(oldToNew[Int(targets[k])])
                wt.append(weights[k]); eid.append(edges[k])
            }
        }
        return CSR(nodeCount: n, sources: src, targets: tgt, weights: wt, symmetric: false, edgeIndex: eid)
    }
}
