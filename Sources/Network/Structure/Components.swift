extension Array {
    func reserving(_ n: Int) -> Array {
        var a = self
        a.reserveCapacity(n)
        return a
    }
}

/// Connected components (weakly connected for directed graphs).
public struct Components: Sendable {
    /// Component index per node. Components are numbered by size, largest first; ties by the
    /// smallest node id in string order (the golden files' convention).
    public let membership: [Int]
    /// Node indices of each component, each list in node order.
    public let members: [[Int]]

    public var count: Int { members.count }

    /// Union–find over the edge list (direction ignored), path halving, the smaller index as
    /// root; then numbered by ``Ranking/largestFirst(_:nodeCount:tieBreak:)``.
    ///
    /// - Complexity: O(m·α(n) + n log n).
    public init(_ g: Graph) {
        let n = g.nodeCount
        // Union–find over the edge list (m sequential reads, half of a BFS over both CSR
        // directions), path halving, the smaller index as root.
        var parent = [Int32](repeating: 0, count: n)
        for v in 0..<n { parent[v] = Int32(v) }
        parent.withUnsafeMutableBufferPointer { p in
            g.edgeSource.withUnsafeBufferPointer { src in
                g.edgeTarget.withUnsafeBufferPointer { dst in
                    @inline(__always) func find(_ x: Int32) -> Int32 {
                        var x = x
                        while p[Int(x)] != x {
                            let gp = p[Int(p[Int(x)])]
                            p[Int(x)] = gp
                            x = gp
                        }
                        return x
                    }
                    for e in 0..<src.count {
                        let a = find(src[e]), b = find(dst[e])
                        if a != b { if a < b { p[Int(b)] = a } else { p[Int(a)] = b } }
                    }
                    for v in 0..<n { p[v] = find(Int32(v)) }
                }
            }
        }
        // Component ids in order of each component's smallest node.
        var comp = [Int32](repeating: -1, count: n)
        var sizes: [Int] = []
        for v in 0..<n {
            let r = Int(parent[v])
            if comp[r] < 0 { comp[r] = Int32(sizes.count); sizes.append(0) }
            comp[v] = comp[r]
            sizes[Int(comp[v])] += 1
        }
        // Members of each component in node order (counting sort by component id).
        var groups: [[Int]] = sizes.map { [Int]().reserving($0) }
        for v in 0..<n { groups[Int(comp[v])].append(v) }
        // Largest first; equal sizes by smallest id in string order.
        func minLabel(_ i: Int) -> String {
            var best = g.labels[groups[i][0]]
            for v in groups[i].dropFirst() where g.labels[v] < best { best = g.labels[v] }
            return best
        }
        let minLabels = groups.indices.map(minLabel)
        let (membership, members) = Ranking.largestFirst(groups, nodeCount: n) { minLabels[$0] < minLabels[$1] }
        self.membership = membership
        self.members = members
    }
}
