/// Per-node values of a person attribute, used to partition persons for brokerage, cluster
/// summaries and per-group core/periphery.
public enum NodeAttributes {
    /// Values of `name` per node (nil when missing):
    /// - `group`: the person's primary group — the affiliation with the highest confidence
    ///   (confirmed > probable > possible > unstated), the earliest row on ties, among
    ///   affiliations that overlap the network's period; a group node is its own group;
    /// - `area`: what `area` says of the person (the screening policy's areas: `A`, `B`,
    ///   `outside`); nil for every node when no `area` rule is given (the graph library knows
    ///   no areas);
    /// - `district`, `municipality`, `status`, `subject_category`, `name`, or any other
    ///   `persons.csv` column.
    public static func values(_ net: PersonNetwork, _ name: String,
                              area: ((Person) -> String?)? = nil) -> [String?] {
        let g = net.graph
        switch name {
        case "group":
            var best: [String: (rank: Int, group: String)] = [:]
            for a in net.dataset.affiliations where a.overlaps(from: net.options.from, to: net.options.to) {
                let rank = a.confidence.map { [.confirmed: 0, .probable: 1, .possible: 2][$0]! } ?? 3
                if let b = best[a.personID], b.rank <= rank { continue }
                best[a.personID] = (rank, a.group)
            }
            return (0..<g.nodeCount).map { v in
                g.kinds[v] == .group ? g.labels[v] : best[g.labels[v]]?.group
            }
        case "area":
            guard let area else { return [String?](repeating: nil, count: g.nodeCount) }
            return (0..<g.nodeCount).map { v in net.person(v).flatMap(area) }
        default:
            return (0..<g.nodeCount).map { v in
                guard let p = net.person(v) else { return nil }
                switch name {
                case "district": return p.district
                case "municipality": return p.municipality
                case "status": return p.status?.rawValue
                case "subject_category": return p.subjectCategory?.rawValue
                case "name": return p.name
                default: return p.attributes.first { $0.key == name }?.value
                }
            }
        }
    }

    /// Attribute names with at least one value, for error messages: the built-in ones that
    /// apply, then extra `persons.csv` columns in file order.
    public static func available(_ net: PersonNetwork) -> [String] {
        var out: [String] = []
        for name in ["group", "area", "district", "municipality", "status", "subject_category"] where isKnown(net, name) {
            out.append(name)
        }
        var seen = Set<String>()
        for p in net.dataset.persons { for (k, _) in p.attributes where seen.insert(k).inserted { out.append(k) } }
        return out
    }

    /// Whether any node has a value for `name`.
    public static func isKnown(_ net: PersonNetwork, _ name: String) -> Bool {
        values(net, name).contains { $0 != nil }
    }

    /// Integer codes for values (missing values share the code of "(none)"), in order of first appearance.
    public static func codes(_ values: [String?]) -> [Int] {
        var map: [String: Int] = [:]
        return values.map { v in
            let key = v ?? "\u{0}(none)"
            if let c = map[key] { return c }
            map[key] = map.count
            return map[key]!
        }
    }
}
