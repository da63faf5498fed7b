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

    /// Breadth-first search over the out- and in-adjacency (direction ignored).
    ///
    /// - Complexity: O(n + m).
    public init(_ g: Graph) {
        let n = g.nodeCount
        var comp = [Int32](repeating: -1, count: n)
        var sizes: [Int] = []
        var queue = [Int32](repeating: 0, count: n)
        func sweep(_ adj: CSR, _ comp: UnsafeMutableBufferPointer<Int32>, _ queue: UnsafeMutableBufferPointer<Int32>,
                   _ id: Int32, _ tail: inout Int, _ v: Int) {
            adj.offsets.withUnsafeBufferPointer { off in
                adj.targets.withUnsafeBufferPointer { tgt in
                    for k in Int(off[v])..<Int(off[v + 1]) {
                        let w = Int(tgt[k])
                        if comp[w] < 0 { comp[w] = id; queue[tail] = Int32(w); tail += 1 }
                    }
                }
            }
        }
        comp.withUnsafeMutableBufferPointer { comp in
            queue.withUnsafeMutableBufferPointer { queue in
                for root in 0..<n where comp[root] < 0 {
                    let id = Int32(sizes.count)
                    comp[root] = id
                    queue[0] = Int32(root)
                    var head = 0, tail = 1
                    while head < tail {
                        let v = Int(queue[head]); head += 1
                        sweep(g.out, comp, queue, id, &tail, v)
                        if g.directed { sweep(g.in, comp, queue, id, &tail, v) }
                    }
                    sizes.append(tail)
                }
            }
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
        let order = groups.indices.sorted { a, b in
            if groups[a].count != groups[b].count { return groups[a].count > groups[b].count }
            return minLabel(a) < minLabel(b)
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
