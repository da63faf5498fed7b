/// Local clustering coefficient.
public enum Clustering {
    /// Unweighted local clustering (networkx `clustering`).
    ///
    /// Undirected: 2T(v)/(k(k−1)) with T(v) the triangles through v and k its degree without
    /// self-loops; 0 when k < 2. Directed: Fagiolo's (2007) directed clustering,
    /// T(v)/(2·(k_tot(k_tot−1) − 2k_↔)), counting every directed triangle through v.
    ///
    /// - Complexity: O(Σ_v d(v)²) time, O(n) scratch per chunk; parallel over nodes.
    /// - Reference: G. Fagiolo, "Clustering in complex directed networks", Phys. Rev. E 76, 2007.
    public static func local(_ g: Graph) -> [Double] {
        let n = g.nodeCount
        let result = SharedBuffer<Double>(repeating: 0, count: n)
        let chunks = Parallel.chunkCount(n, maxChunks: 64)
        let out = g.out, inn = g.in, directed = g.directed
        Parallel.forEachChunk(chunks) { c in
            var markA = [Bool](repeating: false, count: n)  // undirected: neighbour; directed: predecessor
            var markB = [Bool](repeating: false, count: n)  // directed: successor
            for v in Parallel.range(chunk: c, of: chunks, count: n) {
                if !directed {
                    var k = 0
                    for e in Int(out.offsets[v])..<Int(out.offsets[v + 1]) where Int(out.targets[e]) != v {
                        markA[Int(out.targets[e])] = true; k += 1
                    }
                    if k >= 2 {
                        var t = 0
                        for e in Int(out.offsets[v])..<Int(out.offsets[v + 1]) {
                            let u = Int(out.targets[e])
                            if u == v { continue }
                            for f in Int(out.offsets[u])..<Int(out.offsets[u + 1]) {
                                let w = Int(out.targets[f])
                                if w != u && markA[w] { t += 1 }
                            }
                        }
                        result.pointer[v] = Double(t) / Double(k * (k - 1))
                    }
                    for e in Int(out.offsets[v])..<Int(out.offsets[v + 1]) { markA[Int(out.targets[e])] = false }
                } else {
                    var kin = 0, kout = 0, recip = 0
                    for e in Int(inn.offsets[v])..<Int(inn.offsets[v + 1]) where Int(inn.targets[e]) != v {
                        markA[Int(inn.targets[e])] = true; kin += 1
                    }
                    for e in Int(out.offsets[v])..<Int(out.offsets[v + 1]) where Int(out.targets[e]) != v {
                        let u = Int(out.targets[e])
                        markB[u] = true; kout += 1
                        if markA[u] { recip += 1 }
                    }
                    var t = 0
                    func scan(_ j: Int) {
                        for f in Int(inn.offsets[j])..<Int(inn.offsets[j + 1]) {
                            let k = Int(inn.targets[f])
                            if k == j { continue }
                            if markA[k] { t += 1 }
                            if markB[k] { t += 1 }
                        }
                        for f in Int(out.offsets[j])..<Int(out.offsets[j + 1]) {
                            let k = Int(out.targets[f])
                            if k == j { continue }
                            if markA[k] { t += 1 }
                            if markB[k] { t += 1 }
                        }
                    }
                    for e in Int(inn.offsets[v])..<Int(inn.offsets[v + 1]) where Int(inn.targets[e]) != v { scan(Int(inn.targets[e])) }
                    for e in Int(out.offsets[v])..<Int(out.offsets[v + 1]) where Int(out.targets[e]) != v { scan(Int(out.targets[e])) }
                    let dt = kin + kout
                    let denom = Double(dt * (dt - 1) - 2 * recip) * 2
                    if t > 0 && denom > 0 { result.pointer[v] = Double(t) / denom }
                    for e in Int(inn.offsets[v])..<Int(inn.offsets[v + 1]) { markA[Int(inn.targets[e])] = false }
                    for e in Int(out.offsets[v])..<Int(out.offsets[v + 1]) { markB[Int(out.targets[e])] = false }
                }
            }
        }
        return result.array
    }
}
