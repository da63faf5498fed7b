/// Writes a ``PersonNetwork`` as Graphviz DOT (pure Swift; no Graphviz needed).
///
/// Every id and label is written as a double-quoted DOT string through ``DOTWriter/quote(_:)``,
/// so quotes, backslashes, line breaks, `<`/`>`, braces and non-ASCII names can never end a
/// string early or be read as HTML. Persons are labelled by their id (a pseudonym) unless
/// `names` is set. Edge style encodes the kind of tie: co-offending solid, affiliation dashed,
/// location dotted, analyst links bold; pen width grows with weight.
public struct DOTWriter: Sendable {
    public var names = false
    public var title: String?
    /// Optional per-node values written as a `score` attribute and used for node size.
    public var sizeBy: NodeScores?

    public init(names: Bool = false, title: String? = nil, sizeBy: NodeScores? = nil) {
        self.names = names
        self.title = title
        self.sizeBy = sizeBy
    }

    /// Quotes `s` as a DOT string: `"` and `\` are escaped, line breaks become `\n` (a DOT
    /// centred line break), other control characters are dropped. The result is always one
    /// well-formed quoted ID whatever `s` holds.
    public static func quote(_ s: String) -> String {
        var out = "\""
        out.reserveCapacity(s.utf8.count + 2)
        var previousCR = false
        for ch in s.unicodeScalars {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": if !previousCR { out += "\\n" }
            case "\r": out += "\\n"
            default:
                if ch.value < 0x20 || ch.value == 0x7F || (0x80...0x9F).contains(ch.value)
                    || ch.value == 0x2028 || ch.value == 0x2029 {
                    break
                }
                out.unicodeScalars.append(ch)
            }
            previousCR = ch == "\r"
        }
        return out + "\""
    }

    public func write(_ net: PersonNetwork) -> String {
        let g = net.graph
        var s = g.directed ? "digraph sna {\n" : "graph sna {\n"
        s += "  graph [charset=\"UTF-8\", overlap=false, outputorder=edgesfirst"
        if let title { s += ", label=\(Self.quote(title)), labelloc=t" }
        s += "];\n"
        s += "  node [fontname=\"Helvetica\", fontsize=10, style=filled, fillcolor=\"#dfe8f5\"];\n"
        s += "  edge [color=\"#55555588\"];\n"
        var maxScore = 0.0
        if let sizeBy { maxScore = sizeBy.values.filter { $0.isFinite }.max() ?? 0 }
        for v in 0..<g.nodeCount {
            var attrs: [String] = []
            let person = net.person(v)
            let label = names ? (person?.name ?? g.labels[v]) : g.labels[v]
            attrs.append("label=\(Self.quote(label))")
            if g.kinds[v] == .group {
                attrs.append("shape=box")
                attrs.append("fillcolor=\"#f5d5a8\"")
            } else {
                attrs.append("shape=ellipse")
                if person?.status?.isDeprivedOfLiberty == true { attrs.append("peripheries=2") }
            }
            attrs.append("kind=\(Self.quote(g.kinds[v].rawValue))")
            if let sizeBy, v < sizeBy.values.count {
                let x = sizeBy.values[v]
                attrs.append("score=\(Self.quote(formatNumber(x)))")
                if maxScore > 0, x.isFinite {
                    let size = 0.3 + 1.2 * (x / maxScore)
                    attrs.append("width=\(formatNumber((size * 1000).rounded() / 1000))")
                }
            }
            s += "  \(Self.quote(g.labels[v])) [\(attrs.joined(separator: ", "))];\n"
        }
        let arrow = g.directed ? " -> " : " -- "
        let maxW = g.edgeWeight.max() ?? 1
        for e in 0..<g.edgeCount {
            let u = Int(g.edgeSource[e]), v = Int(g.edgeTarget[e])
            let w = g.edgeWeight[e]
            let kinds = e < net.edgeKinds.count ? net.edgeKinds[e].map(\.kind) : []
            var attrs = ["weight=\(Self.quote(formatNumber(w)))"]
            attrs.append("type=\(Self.quote(kinds.map(\.description).joined(separator: "+")))")
            let style: String
            switch kinds.first {
            case .coOffending?: style = "solid"
            case .affiliation?: style = "dashed"
            case .location?: style = "dotted"
            case .analyst?: style = "bold"
            case nil: style = "solid"
            }
            attrs.append("style=\(style)")
            if maxW > 0, w > 0 {
                attrs.append("penwidth=\(formatNumber(((0.5 + 3.5 * w / maxW) * 100).rounded() / 100))")
            }
            s += "  \(Self.quote(g.labels[u]))\(arrow)\(Self.quote(g.labels[v])) [\(attrs.joined(separator: ", "))];\n"
        }
        s += "}\n"
        return s
    }
}
