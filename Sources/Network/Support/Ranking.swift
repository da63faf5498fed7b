/// The package's orderings, each defined once.
public enum Ranking {
    /// Indices ordered by value, highest first; equal values by index (input order); NaN
    /// (a value a measure does not define, e.g. constraint of an isolate) always last.
    public static func order(_ values: [Double]) -> [Int] {
        values.indices.sorted { a, b in
            let x = values[a], y = values[b]
            if x.isNaN != y.isNaN { return y.isNaN }
            if x != y && !x.isNaN { return x > y }
            return a < b
        }
    }

    /// Competition ranks ("1224"): 1 for the highest value, equal values share the best rank.
    /// NaN values come after every number and share the rank after the last number's.
    public static func competition(_ values: [Double]) -> [Int] {
        let order = order(values)
        var rank = [Int](repeating: 0, count: values.count)
        for (i, v) in order.enumerated() {
            if i > 0 {
                let p = values[order[i - 1]], x = values[v]
                if p == x || (p.isNaN && x.isNaN) { rank[v] = rank[order[i - 1]]; continue }
            }
            rank[v] = i + 1
        }
        return rank
    }

    /// Numbers groups 0, 1, 2, … by size, largest first; equal sizes by `before` (a strict
    /// order on group indices, e.g. by smallest member). Returns each node's number and the
    /// groups in their new order. Components, strong components and clusters use this one
    /// numbering.
    public static func largestFirst(_ groups: [[Int]], nodeCount: Int,
                                    tieBreak before: (Int, Int) -> Bool) -> (membership: [Int], members: [[Int]]) {
        let order = groups.indices.sorted { a, b in
            groups[a].count != groups[b].count ? groups[a].count > groups[b].count : before(a, b)
        }
        var membership = [Int](repeating: 0, count: nodeCount)
        var members: [[Int]] = []
        members.reserveCapacity(groups.count)
        for (c, i) in order.enumerated() {
            for v in groups[i] { membership[v] = c }
            members.append(groups[i])
        }
        return (membership, members)
    }
}
