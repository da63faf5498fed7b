/// Burt's structural-hole measures: constraint and effective size (networkx semantics).
///
/// With mutual weight m_ij = a_ij + a_ji (a = 1 per arc when unweighted, w when weighted),
/// p_ij = m_ij / Σ_k m_ik over the in- and out-neighbours k of i (self-loops ignored):
/// - constraint c_i = Σ_{j ∈ N(i)} (p_ij + Σ_{q ≠ i,j} p_iq p_qj)²;
/// - effective size e_i = Σ_{j ∈ N(i)} (1 − Σ_q p_iq · m_jq / max_k m_qk); for undirected
///   unweighted graphs this equals Borgatti's n_i − 2t_i/n_i (t_i = ties among the alters).
///
/// **networkx quirk kept on purpose:** Burt's redundancy divides m_jq by the largest mutual
/// weight of *j* (max_k m_jk). networkx 3.6.1's all-nodes code path (sparse matrices, the one
/// `effective_size(G)` takes and the golden values record) divides by the largest mutual weight
/// of *q* instead (a broadcasting slip). The two agree on undirected unweighted graphs and
/// differ on weighted or directed ones; we follow networkx so results match it to 1e-9.
/// A node without any neighbour (self-loops ignored) gets NaN, as networkx.
///
/// - Complexity: O(Σ_i Σ_{j∈N(i)} d(j)) ≈ O(Σ d²); parallel over nodes.
/// - Reference: R. S. Burt, Structural Holes, Harvard University Press, 1992;
///   S. P. Borgatti, "Structural holes: unpacking Burt's redundancy measures", Connections 20, 1997.
public enum StructuralHoles {
    /// Mutual-weight neighbourhoods: for each node, neighbours (sorted, no self) and m_ij.
    struct Mutual {
        var offsets: [Int]
        var nbr: [Int32]
        var weight: [Double]
        var total: [Double]
        var maxW: [Double]

        init(_ g: Graph, weighted: Bool) {
            let n = g.nodeCount
            offsets = [0]
            nbr = []; weight = []
            total = [Double](repeating: 0, count: n)
            maxW = [Double](repeating: 0, count: n)
            var acc = [Double](repeating: 0, count: n)
            var touched: [Int32] = []
            for v in 0..<n {
                touched.removeAll(keepingCapacity: true)
                func visit(_ adj: CSR, _ factor: Double) {
                    for k in Int(adj.offsets[v])..<Int(adj.offsets[v + 1]) {
                        let u = Int(adj.targets[k])
                        if u == v { continue }
                        if acc[u] == 0 { touched.append(Int32(u)) }
                        acc[u] += (weighted ? adj.weights[k] : 1) * factor
                    }
                }
                if g.directed {
                    visit(g.out, 1); visit(g.in, 1)
                } else {
                    visit(g.out, 2)
                }
                touched.sort()
                var t = 0.0, mx = 0.0
                for u in touched {
                    nbr.append(u); weight.append(acc[Int(u)])
                    t += acc[Int(u)]; mx = max(mx, acc[Int(u)])
                    acc[Int(u)] = 0
                }
                total[v] = t; maxW[v] = mx
                offsets.append(nbr.count)
            }
        }
    }

    /// The structural-holes loop shared by constraint and effective size: for each node i
    /// with ties, p_i· (i's mutual weights over its total) is spread into a scratch row, and
    /// `term(j, indirect)` is summed over i's neighbours j, where `indirect` =
    /// Σ_q p_iq·w_qj/`scale`(q) over q adjacent to both (q ≠ i when `skipSelf`). Nodes without
    /// ties get NaN. Parallel over nodes, each task writing only its own nodes.
    static func egoSums(_ mu: Mutual, nodeCount n: Int, skipSelf: Bool, scale: @Sendable (Int) -> Double,
                        term: @Sendable (_ pij: Double, _ indirect: Double) -> Double) -> [Double] {
        let result = SharedBuffer<Double>(repeating: .nan, count: n)
        let chunks = Parallel.chunkCount(n, maxChunks: 64)
        Parallel.forEachChunk(chunks) { c in
            var pi = [Double](repeating: 0, count: n)  // p_iq for the current i
            for i in Parallel.range(chunk: c, of: chunks, count: n) {
                if mu.total[i] == 0 { continue }
                let lo = mu.offsets[i], hi = mu.offsets[i + 1]
                for k in lo..<hi { pi[Int(mu.nbr[k])] = mu.weight[k] / mu.total[i] }
                var sum = 0.0
                for k in lo..<hi {
                    let j = Int(mu.nbr[k])
                    var indirect = 0.0
                    for l in mu.offsets[j]..<mu.offsets[j + 1] {
                        let q = Int(mu.nbr[l])
                        if skipSelf && q == i { continue }
                        let piq = pi[q]
                        if piq != 0 { indirect += piq * (mu.weight[l] / scale(q)) }
                    }
                    sum += term(pi[j], indirect)
                }
                result.pointer[i] = sum
                for k in lo..<hi { pi[Int(mu.nbr[k])] = 0 }
            }
        }
        return result.array
    }

    /// Burt's constraint: Σ_j (p_ij + Σ_q p_iq p_qj)².
    public static func constraint(_ g: Graph, weighted: Bool = false) -> [Double] {
        let mu = Mutual(g, weighted: weighted)
        return egoSums(mu, nodeCount: g.nodeCount, skipSelf: true, scale: { mu.total[$0] }) { pij, indirect in
            let x = pij + indirect
            return x * x
        }
    }

    /// Burt's effective size: Σ_j (1 − Σ_q p_iq·m_jq), m_jq the mutual weight over q's largest (networkx).
    public static func effectiveSize(_ g: Graph, weighted: Bool = false) -> [Double] {
        let mu = Mutual(g, weighted: weighted)
        return egoSums(mu, nodeCount: g.nodeCount, skipSelf: false, scale: { mu.maxW[$0] }) { _, r in 1 - r }
    }
}
