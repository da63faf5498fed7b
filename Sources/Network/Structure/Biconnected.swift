/// Articulation points (cut vertices) and bridges (cut edges) of an undirected graph; a
/// directed graph is read as undirected. Self-loops are ignored.
public struct CutStructure: Sendable {
    /// Node indices whose removal disconnects their component, ascending.
    public let articulationPoints: [Int]
    /// Edges whose removal disconnects their component, as (u, v) node indices with u < v,
    /// sorted.
    public let bridges: [(Int, Int)]

    /// Iterative Hopcroft–Tarjan low-link DFS.
    ///
    /// - Complexity: O(n + m).
    /// - Reference: J. Hopcroft, R. Tarjan, "Algorithm 447", Commun. ACM 16(6), 1973.
    ///   doi:10.1145/362248.362272
    public init(_ g: Graph) {
        let n = g.nodeCount
        let adj = g.undirected().out
        var disc = [Int](repeating: -1, count: n)
        var low = [Int](repeating: 0, count: n)
        var isCut = [Bool](repeating: false, count: n)
        var bridges: [(Int, Int)] = []
        var time = 0
        // Stack frames: node, parent edge id, next adjacency position.
        var stack: [(v: Int, parentEdge: Int32, next: Int)] = []
        let edges = adj.edges
        for root in 0..<n where disc[root] < 0 {
            disc[root] = time; low[root] = time; time += 1
            stack.append((root, -1, Int(adj.offsets[root])))
            var rootChildren = 0
            while let top = stack.last {
                let v = top.v
                if top.next < Int(adj.offsets[v + 1]) {
                    stack[stack.count - 1].next += 1
                    let k = top.next
                    let w = Int(adj.targets[k])
                    if w == v || edges[k] == top.parentEdge { continue }
                    if disc[w] < 0 {
                        disc[w] = time; low[w] = time; time += 1
                        if v == root { rootChildren += 1 }
                        stack.append((w, edges[k], Int(adj.offsets[w])))
                    } else {
                        low[v] = min(low[v], disc[w])
                    }
                } else {
                    stack.removeLast()
                    if let parent = stack.last {
                        let p = parent.v
                        low[p] = min(low[p], low[v])
                        if low[v] > disc[p] { bridges.append((min(p, v), max(p, v))) }
                        if p != root && low[v] >= disc[p] { isCut[p] = true }
                    }
                }
            }
            if rootChildren > 1 { isCut[root] = true }
        }
        articulationPoints = (0..<n).filter { isCut[$0] }
        self.bridges = bridges.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
    }
}
