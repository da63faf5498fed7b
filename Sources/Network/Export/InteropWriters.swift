/// Writers for the formats other tools read: GraphML (Gephi, yEd, Cytoscape, networkx, igraph),
/// Pajek `.net`, and plain CSV edge lists. Node order and edge order follow the network.
public enum InteropWriters {
    /// XML text escaping: ``Escape/xml(_:)``.
    public static func xml(_ s: String) -> String { Escape.xml(s) }

    /// GraphML with typed keys: node `kind` and every person attribute (string), `name` only
    /// with `names`; edge `weight` (double) and `type` (the kinds, `+`-joined).
    /// `scores`: measures written as node attributes of type double (`attr.type="double"`),
    /// so Gephi, networkx and igraph read them as numbers.
    public static func graphML(_ net: PersonNetwork, disclosure: Disclosure = .pseudonymous, scores: [NodeScores] = []) -> String {
        let g = net.graph
        var attrKeys: [String] = ["kind"]
        var seen: Set<String> = ["kind", "id"]
        func addKey(_ k: String) { if seen.insert(k).inserted { attrKeys.append(k) } }
        if disclosure.names { addKey("name") }
        for k in [disclosure.birthKey, "municipality", "district", "status", "subject_category"] { addKey(k) }
        for p in net.dataset.persons { for (k, _) in disclosure.project(p)!.attributes { addKey(k) } }
        attrKeys.removeAll { k in scores.contains { $0.name == k } }
        func values(_ v: Int) -> [String: String] {
            var out: [String: String] = ["kind": g.kinds[v].rawValue]
            guard let p = disclosure.project(net.person(v)) else { return out }
            if let n = disclosure.name(p) { out["name"] = n }
            if let b = disclosure.birth(p) { out[b.key] = b.value }
            if let m = p.municipality { out["municipality"] = m }
            if let d = p.district { out["district"] = d }
            if let s = p.status { out["status"] = s.rawValue }
            if let s = p.subjectCategory { out["subject_category"] = s.rawValue }
            for (k, x) in p.attributes { out[k] = x }
            return out
        }
        var s = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        s += "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
        s += "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
        for (i, k) in attrKeys.enumerated() {
            s += "  <key id=\"d\(i)\" for=\"node\" attr.name=\"\(xml(k))\" attr.type=\"string\"/>\n"
        }
        let sk = attrKeys.count
        for (i, sc) in scores.enumerated() {
            s += "  <key id=\"d\(sk + i)\" for=\"node\" attr.name=\"\(xml(sc.name))\" attr.type=\"double\"/>\n"
        }
        let wk = attrKeys.count + scores.count, tk = wk + 1
        s += "  <key id=\"d\(wk)\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n"
        s += "  <key id=\"d\(tk)\" for=\"edge\" attr.name=\"type\" attr.type=\"string\"/>\n"
        s += "  <graph id=\"G\" edgedefault=\"\(g.directed ? "directed" : "undirected")\">\n"
        for v in 0..<g.nodeCount {
            let vals = values(v)
            s += "    <node id=\"\(xml(g.labels[v]))\">"
            for (i, k) in attrKeys.enumerated() { if let x = vals[k] { s += "<data key=\"d\(i)\">\(xml(x))</data>" } }
            for (i, sc) in scores.enumerated() where v < sc.values.count && sc.values[v].isFinite {
                s += "<data key=\"d\(sk + i)\">\(formatValue(sc.values[v], integral: false))</data>"
            }
            s += "</node>\n"
        }
        for e in 0..<g.edgeCount {
            s += "    <edge source=\"\(xml(g.labels[Int(g.edgeSource[e])]))\" target=\"\(xml(g.labels[Int(g.edgeTarget[e])]))\">"
            s += "<data key=\"d\(wk)\">\(formatNumber(g.edgeWeight[e]))</data>"
            if e < net.edgeKinds.count { s += "<data key=\"d\(tk)\">\(xml(net.edgeKinds[e].map(\.kind.description).joined(separator: "+")))</data>" }
            s += "</edge>\n"
        }
        s += "  </graph>\n</graphml>\n"
        return s
    }

    /// Pajek `.net`: `*Vertices n` with quoted ids (1-based), then `*Edges` or `*Arcs` with weights.
    /// Pajek `.net`: `*Vertices` with quoted ids, then `*Edges` (or `*Arcs`) with weights; with
    /// ties of several kinds, each edge's kind as its label (`l "kind"`).
    public static func pajek(_ net: PersonNetwork) -> String {
        let g = net.graph
        var s = "*Vertices \(g.nodeCount)\n"
        for v in 0..<g.nodeCount {
            let label = g.labels[v].replacingOccurrences(of: "\"", with: "'").replacingOccurrences(of: "\n", with: " ")
            s += "\(v + 1) \"\(label)\"\n"
        }
        // Ties of several kinds: each edge line carries its kind as the edge label
        // (`1 2 3 l "co-offending"`), which Pajek, igraph and networkx read; one kind keeps
        // the plain list.
        var kinds = Set<String>()
        let kindOf: [String] = (0..<g.edgeCount).map { e in
            let k = e < net.edgeKinds.count ? net.edgeKinds[e].map(\.kind.description).joined(separator: "+") : "link"
            kinds.insert(k)
            return k
        }
        s += g.directed ? "*Arcs\n" : "*Edges\n"
        for e in 0..<g.edgeCount {
            s += "\(g.edgeSource[e] + 1) \(g.edgeTarget[e] + 1) \(formatNumber(g.edgeWeight[e]))"
            s += kinds.count > 1 ? " l \"\(kindOf[e].replacingOccurrences(of: "\"", with: "'"))\"\n" : "\n"
        }
        return s
    }

    /// Spark GraphFrames' two tables: `vertices.csv` (`id`, then each of `scores`) and
    /// `edges.csv` (`src,dst,weight,type`), in node and edge order. Written row by row into one
    /// buffer each: a 10^6-edge graph is two plain files.
    public static func graphFrames(_ net: PersonNetwork, scores: [NodeScores] = []) -> (vertices: String, edges: String) {
        let g = net.graph
        var v = CSVOut.row(["id"] + scores.map(\.name))
        for i in 0..<g.nodeCount {
            v += CSVOut.row([g.labels[i]] + scores.map { i < $0.values.count && $0.values[i].isFinite ? formatValue($0.values[i], integral: false) : "" })
        }
        var e = "src,dst,weight,type\n"
        e.reserveCapacity(g.edgeCount * 24)
        for k in 0..<g.edgeCount {
            let type = k < net.edgeKinds.count ? net.edgeKinds[k].map(\.kind.description).joined(separator: "+") : "link"
            e += [g.labels[Int(g.edgeSource[k])], g.labels[Int(g.edgeTarget[k])], formatNumber(g.edgeWeight[k]), type].map(CSVOut.cell).joined(separator: ",") + "\n"
        }
        return (v, e)
    }

    /// A CSV edge list `source,target,weight,type` (readable by every `sna` command).
    public static func edgeList(_ net: PersonNetwork) -> String {
        let g = net.graph
        var s = "source,target,weight,type\n"
        for e in 0..<g.edgeCount {
            let type = e < net.edgeKinds.count ? net.edgeKinds[e].map(\.kind.description).joined(separator: "+") : "link"
            s += [g.labels[Int(g.edgeSource[e])], g.labels[Int(g.edgeTarget[e])], formatNumber(g.edgeWeight[e]), type].map(CSVOut.cell).joined(separator: ",") + "\n"
        }
        return s
    }
}

extension InteropWriters {
    /// GEXF 1.3 with the viz module: node colour by `colors` (hex `#rrggbb`, e.g. by cluster),
    /// size by `sizes`; attributes as in GraphML; edge weight and type. Opens in Gephi.
    public static func gexf(_ net: PersonNetwork, disclosure: Disclosure = .pseudonymous, colors: [String?]? = nil, sizes: [Double]? = nil,
                            scores: [NodeScores] = []) -> String {
        let g = net.graph
        var attrKeys: [String] = ["kind"]
        var seen: Set<String> = ["kind"]
        func addKey(_ k: String) { if seen.insert(k).inserted { attrKeys.append(k) } }
        for k in ["district", "municipality", "status", "subject_category", disclosure.birthKey] { addKey(k) }
        for p in net.dataset.persons { for (k, _) in p.attributes { addKey(k) } }
        attrKeys.removeAll { k in scores.contains { $0.name == k } }
        let sk = attrKeys.count
        var s = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        s += "<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\" version=\"1.3\">\n"
        s += "  <meta><creator>sna</creator><description>\(xml(net.dataset.location))</description></meta>\n"
        s += "  <graph defaultedgetype=\"\(g.directed ? "directed" : "undirected")\" mode=\"static\">\n"
        s += "    <attributes class=\"node\">\n"
        for (i, k) in attrKeys.enumerated() { s += "      <attribute id=\"\(i)\" title=\"\(xml(k))\" type=\"string\"/>\n" }
        for (i, sc) in scores.enumerated() { s += "      <attribute id=\"\(sk + i)\" title=\"\(xml(sc.name))\" type=\"double\"/>\n" }
        s += "    </attributes>\n    <attributes class=\"edge\">\n      <attribute id=\"type\" title=\"type\" type=\"string\"/>\n    </attributes>\n"
        s += "    <nodes>\n"
        let maxSize = sizes?.filter { $0.isFinite }.max() ?? 0
        for v in 0..<g.nodeCount {
            let p = disclosure.project(net.person(v))
            let label = disclosure.name(p) ?? g.labels[v]
            s += "      <node id=\"\(xml(g.labels[v]))\" label=\"\(xml(label))\">\n        <attvalues>"
            var vals: [String: String] = ["kind": g.kinds[v].rawValue]
            if let p {
                if let x = p.district { vals["district"] = x }
                if let x = p.municipality { vals["municipality"] = x }
                if let x = p.status { vals["status"] = x.rawValue }
                if let x = p.subjectCategory { vals["subject_category"] = x.rawValue }
                if let b = disclosure.birth(p) { vals[b.key] = b.value }
                for (k, x) in p.attributes { vals[k] = x }
            }
            for (i, k) in attrKeys.enumerated() { if let x = vals[k] { s += "<attvalue for=\"\(i)\" value=\"\(xml(x))\"/>" } }
            for (i, sc) in scores.enumerated() where v < sc.values.count && sc.values[v].isFinite {
                s += "<attvalue for=\"\(sk + i)\" value=\"\(formatValue(sc.values[v], integral: false))\"/>"
            }
            s += "</attvalues>\n"
            if let c = colors?[v], c.count == 7, let rgb = Int(c.dropFirst(), radix: 16) {
                s += "        <viz:color r=\"\(rgb >> 16 & 255)\" g=\"\(rgb >> 8 & 255)\" b=\"\(rgb & 255)\"/>\n"
            }
            if let sizes, maxSize > 0, sizes[v].isFinite {
                s += "        <viz:size value=\"\(formatNumber(((4 + 26 * sizes[v] / maxSize) * 100).rounded() / 100))\"/>\n"
            }
            s += "      </node>\n"
        }
        s += "    </nodes>\n    <edges>\n"
        for e in 0..<g.edgeCount {
            let type = e < net.edgeKinds.count ? net.edgeKinds[e].map(\.kind.description).joined(separator: "+") : "link"
            s += "      <edge id=\"\(e)\" source=\"\(xml(g.labels[Int(g.edgeSource[e])]))\" target=\"\(xml(g.labels[Int(g.edgeTarget[e])]))\" weight=\"\(formatNumber(g.edgeWeight[e]))\">"
            s += "<attvalues><attvalue for=\"type\" value=\"\(xml(type))\"/></attvalues></edge>\n"
        }
        s += "    </edges>\n  </graph>\n</gexf>\n"
        return s
    }
}
