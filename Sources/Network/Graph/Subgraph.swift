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
    /// The subgraph induced by `nodes` (any order, repeats ignored), in O(k log k + the
    /// degrees of the nodes) rather than O(n + m): nodes in index order, edges in edge order,
    /// exactly as ``subgraph(keepNode:keepEdge:)`` makes it from the same nodes. For the many
    /// small neighbourhoods of one large graph (a split per group).
    public func subgraph(nodes: [Int]) -> (graph: Graph, original: [Int]) {
        let original = Array(Set(nodes)).sorted()
        var newIndex: [Int32: Int32] = [:]
        newIndex.reserveCapacity(original.count)
        var b = GraphBuilder(directed: directed, expectedNodes: original.count, expectedEdges: original.count * 4)
        for v in original { newIndex[Int32(v)] = b.addNode(labels[v], kind: kinds[v]) }
        let ids = out.edges
        var edges: [Int32] = []
        for v in original {
            for k in Int(out.offsets[v])..<Int(out.offsets[v + 1]) where newIndex[out.targets[k]] != nil { edges.append(ids[k]) }
        }
        edges.sort()
        var last: Int32 = -1
        for e in edges where e != last {
            last = e
            b.addEdge(newIndex[edgeSource[Int(e)]]!, newIndex[edgeTarget[Int(e)]]!, weight: edgeWeight[Int(e)])
        }
        return (b.build(), original)
    }

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
