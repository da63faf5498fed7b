/// Strongly connected components of a directed graph (of an undirected one: its components).
public struct StrongComponents: Sendable {
    /// Component index per node: largest first, ties by smallest node id in string order.
    public let membership: [Int]
    public let members: [[Int]]
    public var count: Int { members.count }

    /// Iterative Tarjan.
    ///
    /// - Complexity: O(n + m).
    /// - Reference: R. Tarjan, "Depth-first search and linear graph algorithms", SIAM J.
    ///   Comput. 1(2), 1972. doi:10.1137/0201010
    public init(_ g: Graph) {
        let n = g.nodeCount
        let adj = g.out
        var index = [Int](repeating: -1, count: n)
        var low = [Int](repeating: 0, count: n)
        var onStack = [Bool](repeating: false, count: n)
        var stack: [Int] = []
        var comps: [[Int]] = []
        var counter = 0
        var call: [(v: Int, next: Int)] = []
        for root in 0..<n where index[root] < 0 {
            call.append((root, Int(adj.offsets[root])))
            index[root] = counter; low[root] = counter; counter += 1
            stack.append(root); onStack[root] = true
            while !call.isEmpty {
                let (v, k) = call[call.count - 1]
                if k < Int(adj.offsets[v + 1]) {
                    call[call.count - 1].next = k + 1
                    let w = Int(adj.targets[k])
                    if index[w] < 0 {
                        index[w] = counter; low[w] = counter; counter += 1
                        stack.append(w); onStack[w] = true
                        call.append((w, Int(adj.offsets[w])))
                    } else if onStack[w] {
                        low[v] = min(low[v], index[w])
                    }
                } else {
                    call.removeLast()
                    if let parent = call.last { low[parent.v] = min(low[parent.v], low[v]) }
                    if low[v] == index[v] {
                        var comp: [Int] = []
                        while true {
                            let w = stack.removeLast()
                            onStack[w] = false
                            comp.append(w)
                            if w == v { break }
                        }
                        comps.append(comp.sorted())
                    }
                }
            }
        }
        let minLabel = comps.map { $0.map { g.labels[$0] }.min()! }
        let (membership, members) = Ranking.largestFirst(comps, nodeCount: n) { minLabel[$0] < minLabel[$1] }
        self.membership = membership
        self.members = members
    }
}
