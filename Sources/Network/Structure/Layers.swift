/// The layers of a multiplex network: the same persons meet, phone, offend together, share a
/// group. One layer per kind of tie (``LinkKind``: co-offending, location, affiliation and each
/// `links.csv` type), read from the kinds behind every aggregated tie.
///
/// Conventions: a person is in a layer when it has at least one tie of that kind; a tie (an
/// unordered pair, or an ordered one in a directed graph) is in a layer when one of the rows
/// behind it is of that kind. Overlap of two layers: the persons (ties) in both, and the
/// Jaccard share, both over either.
public struct Layers: Sendable {
    public struct Layer: Sendable, Equatable {
        public var name: String
        public var persons: Int
        public var ties: Int
    }

    public struct Overlap: Sendable, Equatable {
        public var a: String
        public var b: String
        public var persons: Int
        public var personsJaccard: Double
        public var ties: Int
        public var tiesJaccard: Double
    }

    /// In the graph's kind order (as the network was built).
    public let layers: [Layer]
    /// Every pair of layers, in layer order.
    public let overlaps: [Overlap]
    /// `member[l][v]`: node v has a tie of layer l.
    public let member: [[Bool]]
    /// Per node and layer: the number of distinct neighbours in that layer.
    public let degree: [[Int]]

    /// - Complexity: O(L · (n + m)) for L layers.
    public init(_ net: PersonNetwork) {
        let g = net.graph
        let kinds = net.edgeKinds.kinds
        let L = kinds.count, n = g.nodeCount
        var index: [LinkKind: Int] = [:]
        for (i, k) in kinds.enumerated() { index[k] = i }
        var member = [[Bool]](repeating: [Bool](repeating: false, count: n), count: L)
        var deg = [[Int]](repeating: [Int](repeating: 0, count: L), count: n)
        var onEdge = [[Bool]](repeating: [Bool](repeating: false, count: g.edgeCount), count: L)
        for e in 0..<g.edgeCount {
            let u = Int(g.edgeSource[e]), v = Int(g.edgeTarget[e])
            var seen = [Bool](repeating: false, count: L)
            for (k, _) in net.edgeKinds[e] {
                guard let l = index[k], !seen[l] else { continue }
                seen[l] = true
                onEdge[l][e] = true
                member[l][u] = true
                member[l][v] = true
                deg[u][l] += 1
                if u != v { deg[v][l] += 1 }
            }
        }
        layers = (0..<L).map { l in
            Layer(name: kinds[l].description, persons: member[l].lazy.filter { $0 }.count, ties: onEdge[l].lazy.filter { $0 }.count)
        }
        var overlaps: [Overlap] = []
        for a in 0..<L {
            for b in (a + 1)..<max(a + 1, L) {
                var p = 0, pEither = 0, t = 0, tEither = 0
                for v in 0..<n {
                    if member[a][v] && member[b][v] { p += 1 }
                    if member[a][v] || member[b][v] { pEither += 1 }
                }
                for e in 0..<g.edgeCount {
                    if onEdge[a][e] && onEdge[b][e] { t += 1 }
                    if onEdge[a][e] || onEdge[b][e] { tEither += 1 }
                }
                overlaps.append(Overlap(a: kinds[a].description, b: kinds[b].description, persons: p,
                                        personsJaccard: pEither > 0 ? Double(p) / Double(pEither) : 0,
                                        ties: t, tiesJaccard: tEither > 0 ? Double(t) / Double(tEither) : 0))
            }
        }
        self.overlaps = overlaps
        self.member = member
        self.degree = deg
    }

    /// Guimerà & Amaral's participation coefficient over layers, per node: 1 − Σ_l (k_l / k)²,
    /// with k_l the node's ties in layer l and k their sum (0 for a node without ties). 0: all
    /// of a person's ties in one layer; near 1 − 1/L: spread evenly.
    public var participation: [Double] {
        degree.map { d in
            let k = Double(d.reduce(0, +))
            return k > 0 ? 1 - d.reduce(0.0) { $0 + (Double($1) / k) * (Double($1) / k) } : 0
        }
    }

    /// One layer as a graph over all of the network's nodes (same indices), each tie weighted
    /// by that kind's share of it (the weight its rows of that kind add up to).
    ///
    /// - Complexity: O(n + m).
    public static func graph(_ net: PersonNetwork, kind: LinkKind) -> Graph {
        let g = net.graph
        var b = GraphBuilder(directed: g.directed, expectedNodes: g.nodeCount, expectedEdges: g.edgeCount)
        for v in 0..<g.nodeCount { _ = b.addNode(g.labels[v], kind: g.kinds[v]) }
        for e in 0..<g.edgeCount {
            let w = net.edgeKinds[e].filter { $0.kind == kind }.reduce(0.0) { $0 + $1.weight }
            if w > 0 { b.addEdge(g.edgeSource[e], g.edgeTarget[e], weight: w) }
        }
        return b.build()
    }
}
