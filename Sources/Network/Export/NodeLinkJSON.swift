/// Writes a network as node-link JSON in networkx's layout (`networkx.node_link_data`,
/// `edges="links"`): `{"directed", "multigraph", "graph", "nodes": [{"id", …}], "links":
/// [{"source", "target", "weight", "type", …}]}`. Readable with
/// `networkx.node_link_graph(data, edges="links")`.
public enum NodeLinkJSON {
    /// `scores`: measures as numeric node attributes.
    public static func write(_ net: PersonNetwork, disclosure: Disclosure = .pseudonymous, scores: [NodeScores] = []) -> JSONValue {
        let g = net.graph
        var nodes: [JSONValue] = []
        for v in 0..<g.nodeCount {
            var o: [(String, JSONValue)] = [("id", .string(g.labels[v])), ("kind", .string(g.kinds[v].rawValue))]
            if let p = disclosure.project(net.person(v)) {
                if let n = disclosure.name(p) { o.append(("name", .string(n))) }
                if let b = disclosure.birth(p) { o.append((b.key, .string(b.value))) }
                if let m = p.municipality { o.append(("municipality", .string(m))) }
                if let d = p.district { o.append(("district", .string(d))) }
                if let s = p.status { o.append(("status", .string(s.rawValue))) }
                if let s = p.subjectCategory { o.append(("subject_category", .string(s.rawValue))) }
                for (k, val) in p.attributes where !scores.contains(where: { $0.name == k }) { o.append((k, .string(val))) }
            }
            for sc in scores where v < sc.values.count && sc.values[v].isFinite { o.append((sc.name, .number(sc.values[v]))) }
            nodes.append(.object(o))
        }
        var links: [JSONValue] = []
        for e in 0..<g.edgeCount {
            var o: [(String, JSONValue)] = [
                ("source", .string(g.labels[Int(g.edgeSource[e])])),
                ("target", .string(g.labels[Int(g.edgeTarget[e])])),
                ("weight", .number(g.edgeWeight[e])),
            ]
            if e < net.edgeKinds.count {
                o.append(("type", .string(net.edgeKinds[e].map(\.kind.description).joined(separator: "+"))))
                o.append(("kinds", .object(net.edgeKinds[e].map { ($0.kind.description, .number($0.weight)) })))
            }
            if e < net.evidence.count, !net.evidence[e].isEmpty {
                o.append(("evidence", .array(net.evidence[e].map(evidenceJSON))))
            }
            links.append(.object(o))
        }
        return .object([
            ("directed", .bool(g.directed)),
            ("multigraph", .bool(false)),
            ("graph", .object([("source", .string(net.dataset.location))])),
            ("nodes", .array(nodes)),
            ("links", .array(links)),
        ])
    }

    public static func evidenceJSON(_ ev: Evidence) -> JSONValue {
        switch ev {
        case let .coOffending(caseID, date, code):
            return .object([("kind", .string("co-offending")), ("case_id", .string(caseID)),
                            ("date", .string(date.description)), ("crime_code", .string(code))])
        case let .location(place, dates):
            return .object([("kind", .string("location")), ("place", .string(place)),
                            ("dates", .array(dates.map { .string($0.description) }))])
        case let .link(type, weight, date, info, row):
            var o: [(String, JSONValue)] = [("kind", .string("link")), ("type", .string(type)), ("weight", .number(weight))]
            if let date { o.append(("date", .string(date.description))) }
            if let info { o.append(("source_info", .string(info))) }
            o.append(("row", .string(row.description)))
            return .object(o)
        case let .affiliation(group, conf, since, until):
            var o: [(String, JSONValue)] = [("kind", .string("affiliation")), ("group", .string(group))]
            if let conf { o.append(("confidence", .string(conf.rawValue))) }
            if let since { o.append(("since", .string(since.description))) }
            if let until { o.append(("until", .string(until.description))) }
            return .object(o)
        }
    }
}
