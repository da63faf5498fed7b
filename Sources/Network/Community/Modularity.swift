import Foundation

/// Modularity and related partition quality measures.
public enum Modularity {
    /// Newman–Girvan modularity with resolution γ:
    /// Q = Σ_c [ L_c/m − γ (d_c / 2m)² ], L_c the weight inside cluster c, d_c its total degree
    /// (strength), m the total weight; a self-loop counts once in L_c and twice in d_c
    /// (networkx `community.modularity`). Undirected reading of directed graphs.
    ///
    /// - Complexity: O(n + m).
    public static func of(_ p: Partition, in g: Graph, resolution: Double = 1, weighted: Bool = false) -> Double {
        let k = p.count
        var inside = [Double](repeating: 0, count: k)
        var degree = [Double](repeating: 0, count: k)
        var m = 0.0
        for e in 0..<g.edgeCount {
            let u = Int(g.edgeSource[e]), v = Int(g.edgeTarget[e])
            let w = weighted ? g.edgeWeight[e] : 1
            m += w
            degree[p.membership[u]] += w
            degree[p.membership[v]] += w
            if p.membership[u] == p.membership[v] { inside[p.membership[u]] += w }
        }
        guard m > 0 else { return 0 }
        var q = 0.0
        for c in 0..<k { q += inside[c] / m - resolution * (degree[c] / (2 * m)) * (degree[c] / (2 * m)) }
        return q
    }

    /// Directed modularity (Leicht & Newman 2008), networkx `community.modularity` on a
    /// directed graph: Q = Σ_c [ L_c/m − γ · out_c · in_c / m² ], L_c the weight of the arcs
    /// inside c, out_c and in_c the out- and in-strength of its nodes, m the total weight.
    ///
    /// - Reference: E. A. Leicht, M. E. J. Newman, "Community structure in directed networks",
    ///   Phys. Rev. Lett. 100, 118703 (2008). doi:10.1103/PhysRevLett.100.118703
    /// - Complexity: O(n + m).
    public static func directed(_ p: Partition, in g: Graph, resolution: Double = 1, weighted: Bool = false) -> Double {
        let k = p.count
        var inside = [Double](repeating: 0, count: k)
        var out = [Double](repeating: 0, count: k), inc = [Double](repeating: 0, count: k)
        var m = 0.0
        for e in 0..<g.edgeCount {
            let u = Int(g.edgeSource[e]), v = Int(g.edgeTarget[e])
            let w = weighted ? g.edgeWeight[e] : 1
            m += w
            out[p.membership[u]] += w
            inc[p.membership[v]] += w
            if p.membership[u] == p.membership[v] { inside[p.membership[u]] += w }
        }
        guard m > 0 else { return 0 }
        var q = 0.0
        for c in 0..<k { q += inside[c] / m - resolution * out[c] * inc[c] / (m * m) }
        return q
    }

    /// Normalized mutual information between two labellings (arithmetic normalization,
    /// 2·I(A;B)/(H(A)+H(B)); 1 when both have a single cluster).
    public static func nmi(_ a: [Int], _ b: [Int]) -> Double {
        precondition(a.count == b.count)
        let n = Double(a.count)
        var joint: [Int: [Int: Int]] = [:]
        var ca: [Int: Int] = [:], cb: [Int: Int] = [:]
        for i in 0..<a.count {
            joint[a[i], default: [:]][b[i], default: 0] += 1
            ca[a[i], default: 0] += 1
            cb[b[i], default: 0] += 1
        }
        func entropy(_ c: [Int: Int]) -> Double {
            c.values.sorted().reduce(0) { h, x in let p = Double(x) / n; return h - p * log(p) }
        }
        let ha = entropy(ca), hb = entropy(cb)
        var mi = 0.0
        for (x, row) in joint.sorted(by: { $0.key < $1.key }) {
            for (y, c) in row.sorted(by: { $0.key < $1.key }) {
                let pxy = Double(c) / n
                mi += pxy * log(pxy / (Double(ca[x]!) / n * Double(cb[y]!) / n))
            }
        }
        if ha + hb == 0 { return 1 }
        return 2 * mi / (ha + hb)
    }
}
