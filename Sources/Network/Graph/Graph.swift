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
/// - Complexity: building is O(n + m) expected; memory is (n+1)·4 + 2m·(4+8) bytes for the
///   adjacency plus m·16 bytes for the edge arrays.
public struct Graph: Sendable {
    public let directed: Bool
    public let labels: [String]
    public let kinds: [NodeKind]
    public let edgeSource: [Int32]
    public let edgeTarget: [Int32]
    public let edgeWeight: [Double]
    /// Out-adjacency (undirected: all neighbours).
    public let out: CSR
    /// In-adjacency (undirected: identical to `out`).
    public let `in`: CSR
    private let labelIndex: IDInterner

    public var nodeCount: Int { labels.count }
    /// Distinct edges (self-loops included).
    public var edgeCount: Int { edgeSource.count }

    /// Creates a graph from nodes and already aggregated edges (see ``GraphBuilder``).
    init(directed: Bool, labels: [String], kinds: [NodeKind], labelIndex: IDInterner,
         edgeSource: [Int32], edgeTarget: [Int32], edgeWeight: [Double]) {
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
public struct GraphBuilder {
    public let directed: Bool
    private(set) var kinds: [NodeKind] = []
    private var labelIndex: IDInterner
    private var edgeIndex: PairTable
    private var src: [Int32] = []
    private var dst: [Int32] = []
    private var wts: [Double] = []

    public init(directed: Bool, expectedNodes: Int = 0, expectedEdges: Int = 0) {
        self.directed = directed
        kinds.reserveCapacity(expectedNodes)
        labelIndex = IDInterner(capacity: expectedNodes)
        edgeIndex = PairTable(capacity: expectedEdges)
        src.reserveCapacity(expectedEdges)
        dst.reserveCapacity(expectedEdges)
        wts.reserveCapacity(expectedEdges)
    }

    /// Adds a node (or returns the existing one with that id).
    @discardableResult
    public mutating func addNode(_ label: String, kind: NodeKind = .person) -> Int32 {
        let (i, inserted) = labelIndex.intern(label)
        if inserted { kinds.append(kind) }
        return i
    }

    public func index(of label: String) -> Int32? { labelIndex.index(of: label) }

    public var nodeCount: Int { labelIndex.count }

    /// Node ids in index order.
    var labels: [String] { labelIndex.ids }
    public var edgeCount: Int { src.count }
    /// Current (summed) weight of each edge so far.
    public var edgeWeights: [Double] { wts }

    /// Adds weight `w` to the edge `u–v` (`u→v` when directed), creating it if needed.
    /// Returns the edge's index.
    @discardableResult
    public mutating func addEdge(_ u: Int32, _ v: Int32, weight w: Double = 1) -> Int {
        var a = u, b = v
        if !directed && a > b { swap(&a, &b) }
        let key = UInt64(UInt32(bitPattern: a)) << 32 | UInt64(UInt32(bitPattern: b))
        let e = Int32(src.count)
        if let existing = edgeIndex.findOrInsert(key, e) {
            wts[Int(existing)] += w
            return Int(existing)
        }
        src.append(a)
        dst.append(b)
        wts.append(w)
        return Int(e)
    }

    /// Builds the graph. `consuming`: when the builder is not used afterwards its storage is
    /// handed over and the edge hash index is freed before the CSR arrays are allocated; a
    /// builder used again keeps its own copy.
    public consuming func build() -> Graph {
        edgeIndex = PairTable()
        return Graph(directed: directed, labels: labelIndex.ids, kinds: kinds, labelIndex: labelIndex,
                     edgeSource: src, edgeTarget: dst, edgeWeight: wts)
    }
}
