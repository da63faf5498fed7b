/// k-core decomposition.
public enum Cores {
    /// Core number of every node: the largest k such that the node belongs to the k-core (the
    /// maximal subgraph where every node has degree ≥ k). Self-loops are ignored; a directed
    /// graph uses in + out degree (networkx `core_number`).
    ///
    /// - Complexity: O(n + m) (Batagelj–Zaveršnik bucket algorithm).
    /// - Reference: V. Batagelj, M. Zaveršnik, "An O(m) algorithm for cores decomposition of
    ///   networks", arXiv:cs/0310049, 2003.
    public static func coreNumber(_ g: Graph) -> [Double] {
        let n = g.nodeCount
        guard n > 0 else { return [] }
        let adjs: [CSR] = g.directed ? [g.out, g.in] : [g.out]
        var deg = [Int](repeating: 0, count: n)
        for adj in adjs {
            for v in 0..<n {
                for k in Int(adj.offsets[v])..<Int(adj.offsets[v + 1]) where Int(adj.targets[k]) != v { deg[v] += 1 }
            }
        }
        let maxDeg = deg.max() ?? 0
        var bin = [Int](repeating: 0, count: maxDeg + 2)
        for d in deg { bin[d] += 1 }
        var start = 0
        for d in 0...maxDeg { let c = bin[d]; bin[d] = start; start += c }
        var pos = [Int](repeating: 0, count: n)
        var vert = [Int](repeating: 0, count: n)
        for v in 0..<n { pos[v] = bin[deg[v]]; vert[pos[v]] = v; bin[deg[v]] += 1 }
        for d in stride(from: maxDeg, through: 1, by: -1) { bin[d] = bin[d - 1] }
        bin[0] = 0
        for i in 0..<n {
            let v = vert[i]
            for adj in adjs {
                for k in Int(adj.offsets[v])..<Int(adj.offsets[v + 1]) {
                    let u = Int(adj.targets[k])
                    if u == v || deg[u] <= deg[v] { continue }
                    let du = deg[u], pu = pos[u]
                    let pw = bin[du], w = vert[pw]
                    if u != w { pos[u] = pw; vert[pu] = w; pos[w] = pu; vert[pw] = u }
                    bin[du] += 1
                    deg[u] -= 1
                }
            }
        }
        return deg.map(Double.init)
    }
}
