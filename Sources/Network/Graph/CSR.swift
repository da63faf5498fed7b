import Foundation

/// Compressed sparse row adjacency: the form every hot algorithm runs on.
///
/// The neighbours of node `v` are `targets[offsets[v]..<offsets[v+1]]`, with the matching
/// weights in `weights` and the index of the underlying edge in `edges`. Neighbours are sorted
/// by index, so traversal order (and with it every floating-point sum) is deterministic.
/// In a symmetric (undirected) CSR every edge `u–v` appears at `u` and at `v`; a self-loop
/// appears once.
///
/// Memory: `offsets` and `targets` always, (n+1)·4 + 2m·4 bytes. Weights take no memory when
/// every weight is 1 (``EdgeWeights``). The edge index of each entry (2m·4 bytes) is built on
/// first use of `edges`, which most measures never make.
///
/// - Complexity: O(n + m) to build (counting sort, then rows sorted by neighbour).
public struct CSR: Sendable {
    public let offsets: [Int32]
    public let targets: [Int32]
    public let weights: EdgeWeights
    private let edgeIndex: EdgeIndexBox

    public var nodeCount: Int { offsets.count - 1 }

    /// Index into the graph's edge arrays for each adjacency entry (built on first use, once;
    /// read it into a local before a loop).
    public var edges: [Int32] { edgeIndex.value }

    /// Builds the adjacency of edges `sources[i]`→`targets[i]` (both ways when `symmetric`).
    /// Rows must not hold the same neighbour twice (the graph's edges are distinct pairs), so
    /// that the edge index, rebuilt on first use by the same sort, matches the rows.
    init(nodeCount n: Int, sources: [Int32], targets: [Int32], weights: EdgeWeights, symmetric: Bool) {
        let (offsets, tgt, wt, _) = Self.fill(nodeCount: n, sources: sources, targets: targets, weights: weights,
                                              symmetric: symmetric, withEdges: false)
        self.offsets = offsets
        self.targets = tgt
        self.weights = wt
        self.edgeIndex = EdgeIndexBox {
            Self.fill(nodeCount: n, sources: sources, targets: targets, weights: EdgeWeights(count: sources.count),
                      symmetric: symmetric, withEdges: true).3!
        }
    }

    /// Counting sort of the entries into rows, then each row sorted by neighbour; weights and
    /// edge indices (when asked for) follow their entries.
    private static func fill(nodeCount n: Int, sources: [Int32], targets: [Int32], weights: EdgeWeights, symmetric: Bool,
                             withEdges: Bool)
        -> ([Int32], [Int32], EdgeWeights, [Int32]?) {
        let m = sources.count
        var count = [Int32](repeating: 0, count: n + 1)
        for i in 0..<m {
            count[Int(sources[i]) + 1] += 1
            if symmetric && sources[i] != targets[i] { count[Int(targets[i]) + 1] += 1 }
        }
        for v in 0..<n { count[v + 1] += count[v] }
        let total = Int(count[n])
        precondition(total < Int(Int32.max), "graph too large for 32-bit CSR offsets")
        let weighted = !weights.isUniform
        var fill = count
        var tgt = [Int32](repeating: 0, count: total)
        var wt = [Double](repeating: 0, count: weighted ? total : 0)
        var eid = [Int32](repeating: 0, count: withEdges ? total : 0)
        for i in 0..<m {
            let u = Int(sources[i]), v = Int(targets[i])
            let e = Int32(i)
            var p = Int(fill[u]); fill[u] += 1
            tgt[p] = Int32(v)
            if weighted { wt[p] = weights[i] }
            if withEdges { eid[p] = e }
            if symmetric && u != v {
                p = Int(fill[v]); fill[v] += 1
                tgt[p] = Int32(u)
                if weighted { wt[p] = weights[i] }
                if withEdges { eid[p] = e }
            }
        }
        // Sort every row by neighbour (rows are short: insertion sort; long rows through a
        // permutation). Stable, so equal neighbours keep edge order.
        fill.removeAll()
        tgt.withUnsafeMutableBufferPointer { tp in
            wt.withUnsafeMutableBufferPointer { wp in
                eid.withUnsafeMutableBufferPointer { ep in
                    var perm: [Int] = []
                    for v in 0..<n {
                        let lo = Int(count[v]), hi = Int(count[v + 1])
                        if hi - lo < 2 { continue }
                        var sorted = true
                        for k in (lo + 1)..<hi where tp[k - 1] > tp[k] { sorted = false; break }
                        if sorted { continue }
                        if hi - lo <= 32 {
                            for k in (lo + 1)..<hi {
                                let t = tp[k]
                                let w = weighted ? wp[k] : 0, e = withEdges ? ep[k] : 0
                                var j = k - 1
                                while j >= lo && tp[j] > t {
                                    tp[j + 1] = tp[j]
                                    if weighted { wp[j + 1] = wp[j] }
                                    if withEdges { ep[j + 1] = ep[j] }
                                    j -= 1
                                }
                                tp[j + 1] = t
                                if weighted { wp[j + 1] = w }
                                if withEdges { ep[j + 1] = e }
                            }
                        } else {
                            perm.removeAll(keepingCapacity: true)
                            perm.append(contentsOf: lo..<hi)
                            perm.sort { tp[$0] != tp[$1] ? tp[$0] < tp[$1] : $0 < $1 }
                            let t = perm.map { tp[$0] }
                            for (k, x) in t.enumerated() { tp[lo + k] = x }
                            if weighted {
                                let w = perm.map { wp[$0] }
                                for (k, x) in w.enumerated() { wp[lo + k] = x }
                            }
                            if withEdges {
                                let e = perm.map { ep[$0] }
                                for (k, x) in e.enumerated() { ep[lo + k] = x }
                            }
                        }
                    }
                }
            }
        }
        return (count, tgt, weighted ? EdgeWeights(wt) : EdgeWeights(count: total), withEdges ? eid : nil)
    }

    /// Number of adjacency entries of `v` (a self-loop counts once here).
    @inline(__always) public func count(_ v: Int) -> Int { Int(offsets[v + 1] - offsets[v]) }
}

/// Edge weights: stored, or all 1 and then taking no memory (an unweighted edge list).
public struct EdgeWeights: RandomAccessCollection, Sendable, Equatable {
    private let stored: [Double]
    public let count: Int

    /// `count` weights of 1.
    public init(count: Int) { stored = []; self.count = count }
    /// These weights (kept even when all are 1: callers that know use ``init(count:)``).
    public init(_ values: [Double]) { stored = values; count = values.count }

    /// True when every weight is 1 and none is stored.
    public var isUniform: Bool { stored.isEmpty }
    public var startIndex: Int { 0 }
    public var endIndex: Int { count }
    @inline(__always) public subscript(i: Int) -> Double { stored.isEmpty ? 1 : stored[i] }
    /// The weights as an array (allocated when uniform).
    public var array: [Double] { stored.isEmpty ? [Double](repeating: 1, count: count) : stored }
}

/// The edge index of a CSR, given or built on first use under a lock.
private final class EdgeIndexBox: @unchecked Sendable {
    private let lock = NSLock()
    private var built: [Int32]?
    private let make: @Sendable () -> [Int32]

    init(_ make: @escaping @Sendable () -> [Int32]) { self.make = make }

    var value: [Int32] {
        lock.lock(); defer { lock.unlock() }
        if let built { return built }
        let v = make()
        built = v
        return v
    }
}
