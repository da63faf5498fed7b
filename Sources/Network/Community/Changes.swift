/// What changed between two views of the network (two periods, two pulls): who entered and
/// left, which ties are new (with their evidence), who rose and fell on each measure, and how
/// the clusters carried over (matched by Jaccard overlap, with splits and merges named).
public struct NetworkChanges: Sendable {
    /// Persons active in the later view only / in the earlier view only (input order).
    public var entered: [String]
    public var left: [String]
    /// Person pairs tied in the later view and not in the earlier one, with the evidence.
    public var newTies: [(a: String, b: String, evidence: [String])]
    /// Pairs tied in the earlier view and not in the later one.
    public var endedTies: [(a: String, b: String)]
    /// Per measure, the persons in both views by change (largest rise first).
    public var moves: [(measure: String, rows: [(id: String, before: Double, after: Double)])]
    /// Cluster i of the later view ↔ cluster j of the earlier view, with the Jaccard overlap.
    public var matches: [(before: Int, after: Int, jaccard: Double)]
    /// An earlier cluster whose persons went to several later clusters.
    public var splits: [(before: Int, into: [Int])]
    /// A later cluster that gathers persons of several earlier clusters.
    public var merges: [(after: Int, from: [Int])]
    /// The clusters' members (person ids, input order).
    public var clustersBefore: [[String]]
    public var clustersAfter: [[String]]

    /// Share of an earlier (later) cluster's carried-over persons that makes a part of a split
    /// (merge): at least this, and at least two persons.
    public static let partShare = 0.25
    /// Smallest Jaccard overlap that matches two clusters.
    public static let matchJaccard = 0.3

    /// Compares `before` with `after` (persons are matched by id). Clusters by Leiden (`seed`);
    /// clusters of one person are left out of matching.
    public static func compare(_ before: PersonNetwork, _ after: PersonNetwork, measures: [String], seed: UInt64 = 1) throws -> NetworkChanges {
        func persons(_ n: PersonNetwork) -> [String] { (0..<n.graph.nodeCount).filter { n.personOfNode[$0] != nil }.map { n.graph.labels[$0] } }
        let a = persons(before), b = persons(after)
        let aSet = Set(a), bSet = Set(b)
        func pairs(_ n: PersonNetwork) -> [String: (String, String, Int)] {
            var out: [String: (String, String, Int)] = [:]
            let g = n.graph
            for e in 0..<g.edgeCount {
                let u = Int(g.edgeSource[e]), v = Int(g.edgeTarget[e])
                guard u != v, n.personOfNode[u] != nil, n.personOfNode[v] != nil else { continue }
                let (x, y) = g.labels[u] < g.labels[v] ? (g.labels[u], g.labels[v]) : (g.labels[v], g.labels[u])
                if out["\(x)\u{1F}\(y)"] == nil { out["\(x)\u{1F}\(y)"] = (x, y, e) }
            }
            return out
        }
        let pa = pairs(before), pb = pairs(after)
        let newTies = pb.keys.filter { pa[$0] == nil }.sorted().map { k -> (a: String, b: String, evidence: [String]) in
            let (x, y, e) = pb[k]!
            let ev = after.evidence[e].map { ev -> String in
                switch ev {
                case let .coOffending(id, date, code): return "case \(id) \(date) \(code)"
                case let .location(place, dates): return "seen together at \(place) \(dates.map(\.description).joined(separator: ", "))"
                case let .link(type, _, date, info, row): return "\(type) link\(date.map { " \($0)" } ?? "")\(info.map { " (\($0))" } ?? "") \(row.file):\(row.line)"
                case let .affiliation(group, _, _, _): return "affiliation \(group)"
                }
            }
            return (x, y, ev)
        }
        let ended = pa.keys.filter { pb[$0] == nil }.sorted().map { (a: pa[$0]!.0, b: pa[$0]!.1) }
        var moves: [(measure: String, rows: [(id: String, before: Double, after: Double)])] = []
        for m in measures {
            let sa = try Measures.compute([m], on: before.graph)[0], sb = try Measures.compute([m], on: after.graph)[0]
            var rows: [(id: String, before: Double, after: Double)] = []
            for id in b where aSet.contains(id) {
                rows.append((id, sa.values[before.graph.index(of: id)!], sb.values[after.graph.index(of: id)!]))
            }
            rows.sort { ($0.after - $0.before, $1.id) > ($1.after - $1.before, $0.id) }
            moves.append((m, rows))
        }
        func clusters(_ n: PersonNetwork) -> [[String]] {
            let p = Communities.leiden(n.graph, seed: seed)
            return p.clusters.map { $0.filter { n.personOfNode[$0] != nil }.map { n.graph.labels[$0] } }.filter { $0.count > 1 }
        }
        let ca = clusters(before), cb = clusters(after)
        var matches: [(before: Int, after: Int, jaccard: Double)] = []
        let sa = ca.map(Set.init), sb = cb.map(Set.init)
        func jaccard(_ x: Set<String>, _ y: Set<String>) -> Double { Double(x.intersection(y).count) / Double(max(1, x.union(y).count)) }
        for j in cb.indices {
            let best = ca.indices.map { (i: $0, v: jaccard(sa[$0], sb[j])) }.max { ($0.v, -$0.i) < ($1.v, -$1.i) }
            if let best, best.v >= matchJaccard {
                let back = cb.indices.map { (k: $0, v: jaccard(sa[best.i], sb[$0])) }.max { ($0.v, -$0.k) < ($1.v, -$1.k) }
                if back?.k == j { matches.append((best.i, j, best.v)) }
            }
        }
        // A cluster of one view whose carried-over persons went to two or more clusters of the
        // other (a split read forwards, a merge read backwards).
        func divided(_ from: [Set<String>], into to: [Set<String>], present: Set<String>) -> [(Int, [Int])] {
            from.indices.compactMap { i in
                let carried = from[i].intersection(present)
                let parts = to.indices.filter { j in
                    let n = to[j].intersection(carried).count
                    return n >= 2 && Double(n) >= partShare * Double(carried.count)
                }
                return parts.count >= 2 ? (i, parts) : nil
            }
        }
        let splits = divided(sa, into: sb, present: bSet).map { (before: $0.0, into: $0.1) }
        let merges = divided(sb, into: sa, present: aSet).map { (after: $0.0, from: $0.1) }
        return NetworkChanges(entered: b.filter { !aSet.contains($0) }, left: a.filter { !bSet.contains($0) }, newTies: newTies, endedTies: ended,
                              moves: moves, matches: matches, splits: splits, merges: merges, clustersBefore: ca, clustersAfter: cb)
    }
}
