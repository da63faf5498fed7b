/// Shortest paths between two persons and ego neighbourhoods.
public enum Paths {
    /// One shortest path from `s` to `t` (node indices, both ends included), or `nil` when `t`
    /// is unreachable. Among equally short paths the one through lower node indices is taken
    /// (deterministic). Unweighted by default; see ``PathWeights``.
    ///
    /// - Complexity: O(n + m) unweighted (breadth-first); weighted, Dijkstra with a linear scan
    ///   of the frontier for the nearest node, O(n·f + m) for a frontier of f nodes (one pair
    ///   is asked for at a time, on person networks of thousands of nodes).
    public static func shortestPath(_ g: Graph, from s: Int, to t: Int, weights: PathWeights = .none) throws -> [Int]? {
        try checkPositiveWeights(g, weights)
        let n = g.nodeCount
        var parent = [Int](repeating: -1, count: n)
        let adj = g.out
        if s == t { return [s] }
        if let lengths = pathLengths(adj, weights) {
            var dist = [Double](repeating: .infinity, count: n)
            var done = [Bool](repeating: false, count: n)
            dist[s] = 0
            var heap: [(Double, Int)] = [(0, s)]
            while let (d, v) = heap.min(by: { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }) {
                heap.remove(at: heap.firstIndex(where: { $0 == (d, v) })!)
                if done[v] { continue }
                done[v] = true
                if v == t { break }
                for k in Int(adj.offsets[v])..<Int(adj.offsets[v + 1]) {
                    let w = Int(adj.targets[k])
                    let nd = d + lengths[k]
                    if nd < dist[w] || (nd == dist[w] && !done[w] && v < parent[w]) {
                        dist[w] = nd; parent[w] = v
                        heap.append((nd, w))
                    }
                }
            }
            if dist[t] == .infinity { return nil }
        } else {
            var queue = [s]
            parent[s] = s
            var head = 0
            outer: while head < queue.count {
                let v = queue[head]; head += 1
                for k in Int(adj.offsets[v])..<Int(adj.offsets[v + 1]) {
                    let w = Int(adj.targets[k])
                    if parent[w] < 0 {
                        parent[w] = v
                        if w == t { break outer }
                        queue.append(w)
                    }
                }
            }
            if parent[t] < 0 { return nil }
        }
        var path = [t]
        var v = t
        while v != s { v = parent[v]; path.append(v) }
        return path.reversed()
    }

    /// Nodes within `radius` hops of `ego` (ego excluded) with their distance, in order of
    /// distance then node index. Directed graphs follow arcs in both directions.
    ///
    /// - Complexity: O(size of the neighbourhood's edges).
    public static func neighbourhood(_ g: Graph, of ego: Int, radius: Int) -> [(node: Int, distance: Int)] {
        var dist = [Int: Int]()
        dist[ego] = 0
        var frontier = [ego]
        var out: [(node: Int, distance: Int)] = []
        for d in 1...max(1, radius) where radius >= 1 {
            // Nothing further out: any larger radius gives the same neighbourhood.
            if frontier.isEmpty { break }
            var next: [Int] = []
            for v in frontier {
                for adj in g.directed ? [g.out, g.in] : [g.out] {
                    for k in Int(adj.offsets[v])..<Int(adj.offsets[v + 1]) {
                        let w = Int(adj.targets[k])
                        if dist[w] == nil { dist[w] = d; next.append(w) }
                    }
                }
            }
            next.sort()
            out += next.map { ($0, d) }
            frontier = next
        }
        return out
    }

    /// The edge joining `u` and `v` (either direction when undirected), if any.
    public static func edge(_ g: Graph, _ u: Int, _ v: Int) -> Int? {
        let adj = g.out
        for k in Int(adj.offsets[u])..<Int(adj.offsets[u + 1]) where Int(adj.targets[k]) == v { return Int(adj.edges[k]) }
        return nil
    }
}

extension Evidence {
    /// One line a meeting can read, e.g. `case C2013-0042 2013-05-01 73241 violence`.
    public func summary(codes: CrimeCodeTable) -> String {
        switch self {
        case let .coOffending(caseID, date, code):
            let label = codes.label(for: code).map { " \($0)" } ?? ""
            return "co-offending: case \(caseID) \(date) \(code)\(label)"
        case let .location(place, dates):
            return "location: both at \(place) \(dates.map(\.description).joined(separator: "/"))"
        case let .link(type, weight, date, info, row):
            var s = "\(type) link (weight \(formatNumber(weight)))"
            if let date { s += " \(date)" }
            if let info { s += ", \(info)" }
            return s + " [\(row)]"
        case let .affiliation(group, conf, since, until):
            var s = "affiliation: \(group)"
            if let conf { s += " (\(conf.rawValue))" }
            if since != nil || until != nil { s += " \(since?.description ?? "…")–\(until?.description ?? "")" }
            return s
        }
    }
}
