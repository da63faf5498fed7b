extension Graph {
    /// The graph without some nodes and/or edges, with the map from new to old node indices.
    /// Node and edge order are kept.
    ///
    /// - Parameters:
    ///   - keepNode: `keepNode[v]` false removes v and its edges.
    ///   - keepEdge: optional per-edge filter.
    /// - Complexity: O(n + m).
    public func subgraph(keepNode: [Bool], keepEdge: [Bool]? = nil) -> (graph: Graph, original: [Int]) {
        var b = GraphBuilder(directed: directed, expectedNodes: nodeCount, expectedEdges: edgeCount)
        var newIndex = [Int32](repeating: -1, count: nodeCount)
        var original: [Int] = []
        for v in 0..<nodeCount where keepNode[v] {
            newIndex[v] = b.addNode(labels[v], kind: kinds[v])
            original.append(v)
        }
        for e in 0..<edgeCount {
            if let keepEdge, !keepEdge[e] { continue }
            let u = newIndex[Int(edgeSource[e])], v = newIndex[Int(edgeTarget[e])]
            if u >= 0 && v >= 0 { b.addEdge(u, v, weight: edgeWeight[e]) }
        }
        return (b.build(), original)
    }
}

extension Graph {
    /// This graph read as undirected: arcs u→v and v→u merge into one edge (weights summed),
    /// optionally without self-loops and with every line counting 1. Returns `self` when
    /// nothing changes.
    ///
    /// - Complexity: O(n + m).
    public func undirected(keepSelfLoops: Bool = true, unitWeights: Bool = false) -> Graph {
        if !directed && (keepSelfLoops || selfLoopCount == 0) && (!unitWeights || edgeWeight.isUniform) { return self }
        var b = GraphBuilder(directed: false, expectedNodes: nodeCount, expectedEdges: edgeCount)
        for v in 0..<nodeCount { b.addNode(labels[v], kind: kinds[v]) }
        for e in 0..<edgeCount where keepSelfLoops || edgeSource[e] != edgeTarget[e] {
            b.addEdge(edgeSource[e], edgeTarget[e], weight: unitWeights ? 1 : edgeWeight[e])
        }
        return b.build()
    }
}
