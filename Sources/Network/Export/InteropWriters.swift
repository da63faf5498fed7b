/// Writers for the formats other tools read: GraphML (Gephi, yEd, Cytoscape, networkx, igraph),
/// Pajek `.net`, and plain CSV edge lists. Node order and edge order follow the network.
public enum InteropWriters {
    /// XML text escaping (also removes characters XML 1.0 forbids).
    public static func xml(_ s: String) -> String {
        var out = ""
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                let v = ch.value
                if v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D { continue }
                if v == 0xFFFE || v == 0xFFFF { continue }
                out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// GraphML with typed keys: node `kind` and every person attribute (string), `name` only
    /// with `names`; edge `weight` (double) and `type` (the kinds, `+`-joined).
    public static func graphML(_ net: PersonNetwork, names: Bool = false) -> String {
        let g = net.graph
        var attrKeys: [String] = ["kind"]
        var seen: Set<String> = ["kind", "id"]
        func addKey(_ k: String) { if seen.insert(k).inserted { attrKeys.append(k) } }
        if names { addKey("name") }
        for k in ["birth_date", "municipality", "district", "status", "subject_category"] { addKey(k) }
        for p in net.dataset.persons { for (k, _) in p.attributes { addKey(k) } }
        func values(_ v: Int) -> [String: String] {
            var out: [String: String] = ["kind": g.kinds[v].rawValue]
            guard let p = net.person(v) else { return out }
            if names, let n = p.name { out["name"] = n }
            if let d = p.birthDate { out["birth_date"] = d.description }
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
        let wk = attrKeys.count, tk = attrKeys.count + 1
        s += "  <key id=\"d\(wk)\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n"
        s += "  <key id=\"d\(tk)\" for=\"edge\" attr.name=\"type\" attr.type=\"string\"/>\n"
        s += "  <graph id=\"G\" edgedefault=\"\(g.directed ? "directed" : "undirected")\">\n"
        for v in 0..<g.nodeCount {
            let vals = values(v)
            s += "    <node id=\"\(xml(g.labels[v]))\">"
            for (i, k) in attrKeys.enumerated() { if let x = vals[k] { s += "<data key=\"d\(i)\">\(xml(x))</data>" } }
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
    public static func pajek(_ net: PersonNetwork) -> String {
        let g = net.graph
        var s = "*Vertices \(g.nodeCount)\n"
        for v in 0..<g.nodeCount {
            let label = g.labels[v].replacingOccurrences(of: "\"", with: "'").replacingOccurrences(of: "\n", with: " ")
            s += "\(v + 1) \"\(label)\"\n"
        }
        s += g.directed ? "*Arcs\n" : "*Edges\n"
        for e in 0..<g.edgeCount {
            s += "\(g.edgeSource[e] + 1) \(g.edgeTarget[e] + 1) \(formatNumber(g.edgeWeight[e]))\n"
        }
        return s
    }

    /// A CSV edge list `source,target,weight,type` (readable by every `sna` command).
    public static func edgeList(_ net: PersonNetwork) -> String {
        let g = net.graph
        func cell(_ x: String) -> String {
            x.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) ? "\"" + x.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : x
        }
        var s = "source,target,weight,type\n"
        for e in 0..<g.edgeCount {
            let type = e < net.edgeKinds.count ? net.edgeKinds[e].map(\.kind.description).joined(separator: "+") : "link"
            s += [g.labels[Int(g.edgeSource[e])], g.labels[Int(g.edgeTarget[e])], formatNumber(g.edgeWeight[e]), type].map(cell).joined(separator: ",") + "\n"
        }
        return s
    }
}
