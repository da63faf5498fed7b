/// Connected components (weakly connected for directed graphs).
public struct Components: Sendable {
    /// Component index per node. Components are numbered by size, largest first; ties by the
    /// smallest node id in string order (the golden files' convention).
    public let membership: [Int]
    /// Node indices of each component, each list in node order.
    public let members: [[Int]]

    public var count: Int { members.count }

    /// Union–find over the edges, ignoring direction.
    ///
    /// - Complexity: O(n + m·α(n)).
    public init(_ g: Graph) {
        let n = g.nodeCount
        var parent = Array(0..<n)
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        for e in 0..<g.edgeCount {
            let a = find(Int(g.edgeSource[e])), b = find(Int(g.edgeTarget[e]))
            if a != b { if a < b { parent[b] = a } else { parent[a] = b } }
        }
        var rootIndex = [Int](repeating: -1, count: n)
        var groups: [[Int]] = []
        for v in 0..<n {
            let r = find(v)
            if rootIndex[r] < 0 { rootIndex[r] = groups.count; groups.append([]) }
            groups[rootIndex[r]].append(v)
        }
        let minLabel = groups.map { $0.map { g.labels[$0] }.min()! }
        let order = groups.indices.sorted { a, b in
            if groups[a].count != groups[b].count { return groups[a].count > groups[b].count }
            return minLabel[a] < minLabel[b]
        }
        var membership = [Int](repeating: 0, count: n)
        var members: [[Int]] = []
        for (c, gi) in order.enumerated() {
            for v in groups[gi] { membership[v] = c }
            members.append(groups[gi])
        }
        self.membership = membership
        self.members = members
    }
}
