/// Degree and strength (weighted degree).
///
/// networkx conventions: a self-loop adds 2 to the degree and 2w to the strength of its node;
/// in a directed graph `degree` = in + out. `degree_centrality` = degree/(n−1) (1 when n ≤ 1
/// is undefined in networkx; we return the degree itself then).
///
/// - Complexity: O(n + m).
public enum Degree {
    public enum Mode: Sendable { case all, incoming, outgoing }

    public static func degree(_ g: Graph, mode: Mode = .all) -> [Double] {
        sum(g, mode: mode) { _ in 1 }
    }

    public static func strength(_ g: Graph, mode: Mode = .all) -> [Double] {
        sum(g, mode: mode) { g.edgeWeight[$0] }
    }

    public static func centrality(_ g: Graph, mode: Mode = .all) -> [Double] {
        let d = degree(g, mode: mode)
        guard g.nodeCount > 1 else { return d }
        let s = 1 / Double(g.nodeCount - 1)
        return d.map { $0 * s }
    }

    static func sum(_ g: Graph, mode: Mode, _ value: (Int) -> Double) -> [Double] {
        var out = [Double](repeating: 0, count: g.nodeCount)
        for e in 0..<g.edgeCount {
            let u = Int(g.edgeSource[e]), v = Int(g.edgeTarget[e])
            let w = value(e)
            if !g.directed {
                out[u] += w
                out[v] += w
            } else {
                if mode != .incoming { out[u] += w }
                if mode != .outgoing { out[v] += w }
            }
        }
        return out
    }
}
