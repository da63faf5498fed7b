/// Whole-graph measures: transitivity, average clustering, degree assortativity and Freeman
/// centralization.
public enum GraphMeasures {
    /// Transitivity: 3 × triangles / connected triples (self-loops ignored; a directed graph is
    /// read as undirected, as networkx `transitivity`).
    ///
    /// - Complexity: O(Σ d²).
    public static func transitivity(_ g: Graph) -> Double {
        let (tri, triples) = triangleCounts(g)
        return triples == 0 ? 0 : Double(tri) / Double(triples)
    }

    /// Returns (Σ_v 2T(v), Σ_v k_v(k_v−1)) over the undirected simple graph, T(v) = triangles
    /// through v; the number of triangles is Σ_v 2T(v) / 6.
    static func triangleCounts(_ g: Graph) -> (Int, Int) {
        let n = g.nodeCount
        let adj = g.undirected().out
        var mark = [Bool](repeating: false, count: n)
        var twiceT = 0, triples = 0
        for v in 0..<n {
            var k = 0
            for e in Int(adj.offsets[v])..<Int(adj.offsets[v + 1]) where Int(adj.targets[e]) != v {
                mark[Int(adj.targets[e])] = true; k += 1
            }
            for e in Int(adj.offsets[v])..<Int(adj.offsets[v + 1]) {
                let u = Int(adj.targets[e])
                if u == v { continue }
                for f in Int(adj.offsets[u])..<Int(adj.offsets[u + 1]) {
                    let w = Int(adj.targets[f])
                    if w != u && mark[w] { twiceT += 1 }
                }
            }
            triples += k * (k - 1)
            for e in Int(adj.offsets[v])..<Int(adj.offsets[v + 1]) { mark[Int(adj.targets[e])] = false }
        }
        return (twiceT, triples)
    }

    /// Number of triangles (undirected reading, self-loops ignored).
    public static func triangles(_ g: Graph) -> Int { triangleCounts(g).0 / 6 }

    /// Degree assortativity (Pearson correlation of the degrees at the two ends of every edge,
    /// each undirected edge counted in both directions; networkx
    /// `degree_assortativity_coefficient` with its defaults: directed graphs use out-degree of
    /// the source and in-degree of the target). NaN when undefined (all degrees equal).
    ///
    /// - Complexity: O(n + m).
    /// - Reference: M. E. J. Newman, "Mixing patterns in networks", Phys. Rev. E 67, 2003.
    public static func degreeAssortativity(_ g: Graph) -> Double {
        var sx = 0.0, sy = 0.0, sxx = 0.0, syy = 0.0, sxy = 0.0, count = 0.0
        func add(_ x: Double, _ y: Double) {
            sx += x; sy += y; sxx += x * x; syy += y * y; sxy += x * y; count += 1
        }
        if g.directed {
            let outD = Degree.degree(g, mode: .outgoing), inD = Degree.degree(g, mode: .incoming)
            for e in 0..<g.edgeCount { add(outD[Int(g.edgeSource[e])], inD[Int(g.edgeTarget[e])]) }
        } else {
            let d = Degree.degree(g)
            for e in 0..<g.edgeCount {
                let u = Int(g.edgeSource[e]), v = Int(g.edgeTarget[e])
                add(d[u], d[v])
                if u != v { add(d[v], d[u]) }
            }
        }
        guard count > 0 else { return .nan }
        let cov = sxy / count - (sx / count) * (sy / count)
        let vx = sxx / count - (sx / count) * (sx / count)
        let vy = syy / count - (sy / count) * (sy / count)
        return cov / (vx * vy).squareRoot()
    }

    /// Freeman centralization: Σ_v (max − c_v) divided by its largest possible value, reached by
    /// the star on the same number of nodes, for the measures where that maximum is known in
    /// closed form (undirected graphs; for directed degree see
    /// ``directedDegreeCentralization(_:)``): `degree` ((n−1)(n−2)), `degree_centrality` (n−2),
    /// `betweenness` (normalized: n−1), `closeness` ((n−1)(n−2)/(2n−3)), `harmonic`
    /// ((n−1)(n−2)/2), `eigenvector` ((n−1)(1/√2 − 1/√(2(n−1)))). `nil` otherwise or when n < 3.
    ///
    /// - Reference: L. C. Freeman, "Centrality in social networks: conceptual clarification",
    ///   Social Networks 1, 1979. doi:10.1016/0378-8733(78)90021-7
    /// Freeman degree centralization of a directed graph, as igraph's
    /// `centralization.degree(mode=…, loops=FALSE)`: in- and out-degree over their largest
    /// possible sum (n−1)² (the in- or out-star), total degree (in + out) over 2(n−1)(n−2)
    /// (the star with arcs both ways). Each is at most 1; nil when n < 3.
    public static func directedDegreeCentralization(_ g: Graph) -> (incoming: Double, outgoing: Double, total: Double)? {
        let n = g.nodeCount
        guard n >= 3 else { return nil }
        let nn = Double(n)
        func spread(_ d: [Double]) -> Double { let mx = d.max() ?? 0; return d.reduce(0) { $0 + (mx - $1) } }
        return (spread(Degree.degree(g, mode: .incoming)) / ((nn - 1) * (nn - 1)),
                spread(Degree.degree(g, mode: .outgoing)) / ((nn - 1) * (nn - 1)),
                spread(Degree.degree(g, mode: .all)) / (2 * (nn - 1) * (nn - 2)))
    }

    public static func centralization(_ scores: NodeScores, nodeCount n: Int) -> Double? {
        guard n >= 3 else { return nil }
        let nn = Double(n)
        let denominator: Double
        switch scores.name {
        case "degree": denominator = (nn - 1) * (nn - 2)
        case "degree_centrality": denominator = nn - 2
        case "betweenness": denominator = nn - 1
        case "closeness": denominator = (nn - 1) * (nn - 2) / (2 * nn - 3)
        case "harmonic": denominator = (nn - 1) * (nn - 2) / 2
        case "eigenvector": denominator = (nn - 1) * (1 / 2.0.squareRoot() - 1 / (2 * (nn - 1)).squareRoot())
        default: return nil
        }
        let finite = scores.values.filter { $0.isFinite }
        guard let mx = finite.max() else { return nil }
        return finite.reduce(0) { $0 + (mx - $1) } / denominator
    }
}
