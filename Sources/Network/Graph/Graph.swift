/// A node's kind: a person, or a group (a gang) that persons are affiliated with.
public enum NodeKind: String, Sendable {
    case person, group
}

/// An immutable graph with dense integer node indices, interned labels and aggregated edges.
///
/// ## Storage
/// Nodes are `0..<nodeCount`; `labels[i]` is node `i`'s id and `index(of:)` finds a node in
/// O(1) through a hash index built once. Edges are kept in first-appearance order as parallel
/// arrays (`edgeSource`, `edgeTarget`, `edgeWeight`), one entry per distinct pair: parallel
/// input lines are merged and their weights **summed**; in an undirected graph `a–b` and `b–a`
/// are the same edge. A self-loop is one edge. Algorithms run on ``CSR`` adjacency built once
/// (`out`, and `in` for directed graphs; the same arrays when undirected).
///
/// - Complexity: building is O(m log d) (d the largest degree); memory is (n+1)·4 + 2m·4
///   bytes for the adjacency plus m·8 bytes for the edge arrays, and m·8 + 2m·8 bytes more for
///   weights when they are not all 1 (see ``EdgeWeights``, ``CSR``).
public struct Graph: Sendable {
    public let directed: Bool
    public let labels: [String]
    public let kinds: [NodeKind]
    public let edgeSource: [Int32]
    public let edgeTarget: [Int32]
    public let edgeWeight: EdgeWeights
    /// Out-adjacency (undirected: all neighbours).
    public let out: CSR
    /// In-adjacency (undirected: identical to `out`).
    public let `in`: CSR
    private let labelIndex: IDInterner

    public var nodeCount: Int { labels.count }
    /// The label index (shared, not copied, by a dataset read with the graph).
    var labelInterner: IDInterner { labelIndex }
    /// Distinct edges (self-loops included).
    public var edgeCount: Int { edgeSource.count }

    /// Creates a graph from nodes and already aggregated edges (see ``GraphBuilder``).
    init(directed: Bool, labels: [String], kinds: [NodeKind], labelIndex: IDInterner,
         edgeSource: [Int32], edgeTarget: [Int32], edgeWeight: EdgeWeights) {
        self.directed = directed
        self.labels = labels
        self.kinds = kinds
        self.labelIndex = labelIndex
        self.edgeSource = edgeSource
        self.edgeTarget = edgeTarget
        self.edgeWeight = edgeWeight
        let n = labels.count
        if directed {
            self.out = CSR(nodeCount: n, sources: edgeSource, targets: edgeTarget, weights: edgeWeight, symmetric: false)
            self.in = CSR(nodeCount: n, sources: edgeTarget, targets: edgeSource, weights: edgeWeight, symmetric: false)
        } else {
            let csr = CSR(nodeCount: n, sources: edgeSource, targets: edgeTarget, weights: edgeWeight, symmetric: true)
            self.out = csr
            self.in = csr
        }
    }

    /// The index of the node with id `label`, or `nil`. O(1).
    public func index(of label: String) -> Int? { labelIndex.index(of: label).map(Int.init) }

    /// Number of self-loops.
    public var selfLoopCount: Int {
        var c = 0
        for i in 0..<edgeCount where edgeSource[i] == edgeTarget[i] { c += 1 }
        return c
    }

    /// Sum of all edge weights.
    public var totalWeight: Double { edgeWeight.reduce(0, +) }

    /// Density: 2m/(n(n−1)) undirected, m/(n(n−1)) directed, m counting self-loops (networkx);
    /// 0 when n ≤ 1.
    public var density: Double {
        let n = Double(nodeCount)
        guard nodeCount > 1 else { return 0 }
        let m = Double(edgeCount)
        return directed ? m / (n * (n - 1)) : 2 * m / (n * (n - 1))
    }
}

/// Builds a ``Graph``: interns labels once, merges parallel edges by summing weights.
///
/// Edges are added as rows; ``build()`` merges rows of the same pair by sorting (no hash
/// table), numbers the distinct edges in order of first appearance and sums each edge's
/// weights in row order. Weights cost no memory while every one is 1.
///
/// - Complexity: 8 bytes a row (16 with weights) while adding; building adds 8 bytes a row
///   for the sort, freed before the adjacency is made.
public struct GraphBuilder {
    public let directed: Bool
    private(set) var kinds: [NodeKind] = []
    private var labelIndex: IDInterner
    private var src: [Int32] = []
    private var dst: [Int32] = []
    /// Row weights; empty while every weight is 1.
    private var wts: [Double] = []

    public init(directed: Bool, expectedNodes: Int = 0, expectedEdges: Int = 0) {
        self.directed = directed
        kinds.reserveCapacity(expectedNodes)
        labelIndex = IDInterner(capacity: expectedNodes)
        src.reserveCapacity(expectedEdges)
        dst.reserveCapacity(expectedEdges)
    }

    /// Adds a node (or returns the existing one with that id).
    @discardableResult
    public mutating func addNode(_ label: String, kind: NodeKind = .person) -> Int32 {
        let (i, inserted) = labelIndex.intern(label)
        if inserted { kinds.append(kind) }
        return i
    }

    /// Adds a person node by the UTF-8 bytes of its id (or returns the existing one); `make`
    /// gives the id as text, and runs only for a new node.
    @inline(__always)
    mutating func addNode(utf8 bytes: UnsafeRawBufferPointer, make: () throws -> String) rethrows -> Int32 {
        let (i, inserted) = try labelIndex.intern(utf8: bytes, make: make)
        if inserted { kinds.append(.person) }
        return i
    }

    public func index(of label: String) -> Int32? { labelIndex.index(of: label) }

    public var nodeCount: Int { labelIndex.count }

    /// Node ids in index order.
    var labels: [String] { labelIndex.ids }
    /// Reserves room for `rows` rows.
    public mutating func reserveRows(_ rows: Int) {
        src.reserveCapacity(rows); dst.reserveCapacity(rows)
    }

    /// Rows added so far (before parallel rows are merged).
    public var rowCount: Int { src.count }
    /// The weight of row `r`.
    func rowWeight(_ r: Int) -> Double { wts.isEmpty ? 1 : wts[r] }

    /// Adds a row: weight `w` on the edge `u–v` (`u→v` when directed). Returns the row's
    /// index; ``build(rowMap:)`` tells which edge each row became.
    @discardableResult
    public mutating func addEdge(_ u: Int32, _ v: Int32, weight w: Double = 1) -> Int {
        var a = u, b = v
        if !directed && a > b { swap(&a, &b) }
        let r = src.count
        src.append(a)
        dst.append(b)
        if w != 1 || !wts.isEmpty {
            if wts.isEmpty { wts.reserveCapacity(src.capacity); wts = [Double](repeating: 1, count: r) }
            wts.append(w)
        }
        return r
    }

    /// Moves the builder out of `b` (left empty), so that building, which compacts the rows in
    /// place, owns them alone: a builder that closures have captured would otherwise be copied.
    public static func take(_ b: inout GraphBuilder) -> GraphBuilder {
        var out = GraphBuilder(directed: b.directed)
        swap(&out, &b)
        return out
    }

    /// Builds the graph.
    public consuming func build() -> Graph { build(rowMap: false).graph }

    /// Builds the graph and, when `rowMap`, the edge each row became.
    ///
    /// Rows are bucketed by first endpoint (a stable counting sort), each bucket sorted by
    /// second endpoint then row; the first row of a run of equal pairs stands for the edge.
    /// Edges are numbered in the order of those first rows, and the rows' arrays are compacted
    /// in place into the edge arrays.
    public consuming func build(rowMap: Bool) -> (graph: Graph, edgeOfRow: [Int32]) {
        let n = labelIndex.count, rows = src.count
        precondition(rows < Int(Int32.max), "too many rows for 32-bit edge indices")
        var edgeOf = [Int32](repeating: 0, count: rows)
        do {
            var start = [Int32](repeating: 0, count: n + 1)
            for r in 0..<rows { start[Int(src[r]) + 1] += 1 }
            for v in 0..<n { start[v + 1] += start[v] }
            var perm = [Int32](repeating: 0, count: rows)
            var fill = start
            for r in 0..<rows { let a = Int(src[r]); perm[Int(fill[a])] = Int32(r); fill[a] += 1 }
            fill = []
            let dst = self.dst
            perm.withUnsafeMutableBufferPointer { p in
                for v in 0..<n {
                    let lo = Int(start[v]), hi = Int(start[v + 1])
                    if hi - lo > 1 {
                        // Sort by (second endpoint, row): rows are unique, so any sort is stable.
                        var slice = UnsafeMutableBufferPointer(rebasing: p[lo..<hi])
                        if hi - lo <= 16 {
                            for k in 1..<slice.count {
                                let x = slice[k]
                                var j = k - 1
                                while j >= 0 && (dst[Int(slice[j])], slice[j]) > (dst[Int(x)], x) { slice[j + 1] = slice[j]; j -= 1 }
                                slice[j + 1] = x
                            }
                        } else {
                            slice.sort { (dst[Int($0)], $0) < (dst[Int($1)], $1) }
                        }
                    }
                    // Runs of one pair: every row points at the run's first (smallest) row.
                    var k = lo
                    while k < hi {
                        let first = p[k], b = dst[Int(first)]
                        edgeOf[Int(first)] = first
                        var j = k + 1
                        while j < hi && dst[Int(p[j])] == b { edgeOf[Int(p[j])] = first; j += 1 }
                        k = j
                    }
                }
            }
        }
        // Number the edges by first row; compact rows into edges (an edge's index ≤ its row's).
        var m = 0
        var weighted = !wts.isEmpty
        for r in 0..<rows {
            let first = Int(edgeOf[r])
            if first == r {
                edgeOf[r] = Int32(m)
                src[m] = src[r]; dst[m] = dst[r]
                if weighted { wts[m] = wts[r] }
                m += 1
            } else {
                let e = Int(edgeOf[first])
                edgeOf[r] = Int32(e)
                // A repeated pair sums its rows' weights: 1 + 1 = 2 even when every row says 1.
                if !weighted { wts = [Double](repeating: 1, count: rows); weighted = true }
                wts[e] += wts[r]
            }
        }
        src.removeLast(rows - m); dst.removeLast(rows - m)
        if weighted { wts.removeLast(rows - m) }
        if m < rows - rows / 4 { src = Array(src); dst = Array(dst); if weighted { wts = Array(wts) } }  // give back the slack
        if !rowMap { edgeOf = [] }
        let weights = weighted && wts.contains(where: { $0 != 1 }) ? EdgeWeights(wts) : EdgeWeights(count: m)
        wts = []
        let graph = Graph(directed: directed, labels: labelIndex.ids, kinds: kinds, labelIndex: labelIndex,
                          edgeSource: src, edgeTarget: dst, edgeWeight: weights)
        return (graph, edgeOf)
    }
}
