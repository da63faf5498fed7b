import Foundation

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
    /// Lines under the title (data period, generation date, notes).
    public var subtitle: [String] = []
    /// Per-node values written as a `score` attribute and used for node size.
    public var sizeBy: NodeScores?
    /// Fill colour by a per-node value (cluster, log category, group…), with its legend name.
    public var colorBy: (name: String, values: [String?])?
    /// Only these nodes (and the edges among them) are written.
    public var keep: [Bool]?
    /// Write node labels (large graphs drop them).
    public var labels = true
    /// Persons under 18 on this day are marked; their names are never written unless
    /// `showMinors` (their label reads "minor").
    public var minorsAsOf: Day?
    /// Younger than this counts as a minor (the screening policy's youth age).
    public var youthAge = Person.ageOfMajority
    public var showMinors = false
    /// Add a legend (an HTML-like graph label) explaining every encoding used.
    public var legend = false
    /// Nodes drawn with a heavy border and larger label (the ego, the candidates).
    public var focus: Set<Int> = []
    /// Raster resolution (with `legend`): 100 suits PNG; leave nil for SVG and PDF, where
    /// Graphviz mis-scales the drawing when dpi differs from 72.
    public var dpi: Int? = nil
    /// Largest drawing size in inches, "width,height" (with `legend`); Graphviz only scales
    /// down. 16×11 fits a meeting screen or A3; smaller sizes keep labels legible on A4.
    public var pageSize = "16,11"

    public init(names: Bool = false, title: String? = nil, sizeBy: NodeScores? = nil) {
        self.names = names
        self.title = title
        self.sizeBy = sizeBy
    }

    /// Colour-blind-safe palette (Okabe–Ito, then Tol's muted), assigned to values in order of
    /// first appearance.
    public static let palette = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7",
                                 "#88CCEE", "#44AA99", "#DDCC77", "#AA4499", "#999933", "#882255", "#117733"]
    public static let noValueColor = "#eeeeee"
    static let minorColor = "#c0392b"

    /// Escapes text for an HTML-like Graphviz label.
    public static func html(_ s: String) -> String {
        var out = ""
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\n", "\r": out += " "
            default:
                if ch.value < 0x20 || ch.value == 0x7F { continue }
                out.unicodeScalars.append(ch)
            }
        }
        return out
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
        let keep = self.keep ?? [Bool](repeating: true, count: g.nodeCount)
        var s = g.directed ? "digraph sna {\n" : "graph sna {\n"
        s += "  graph [charset=\"UTF-8\", overlap=false, outputorder=edgesfirst"
        if legend {
            // Fits an A4/A3 page or a meeting screen; Graphviz only scales down.
            s += ", size=\"\(pageSize)\", pad=0.3" + (dpi.map { ", dpi=\($0)" } ?? "")
            s += ", label=<\(legendTable(net, keep: keep))>, labelloc=b, labeljust=l, fontname=\"Helvetica\""
        } else if let title {
            s += ", label=\(Self.quote(title)), labelloc=t"
        }
        s += "];\n"
        s += "  node [fontname=\"Helvetica\", fontsize=10, style=filled, fillcolor=\"#dfe8f5\", color=\"#555555\"];\n"
        s += "  edge [color=\"#55555588\"];\n"
        var maxScore = 0.0
        if let sizeBy { maxScore = sizeBy.values.filter { $0.isFinite }.max() ?? 0 }
        let colors = colorMap(keep: keep)
        for v in 0..<g.nodeCount where keep[v] {
            var attrs: [String] = []
            let person = net.person(v)
            let minor = minorsAsOf.flatMap { person?.isMinor(on: $0, under: youthAge) } == true
            var label = g.labels[v]
            if names, let name = person?.name { label = minor && !showMinors ? "minor" : name }
            if minor && !names { label += "\n(minor)" }
            attrs.append("label=\(Self.quote(labels ? label : ""))")
            if !labels { attrs.append("tooltip=\(Self.quote(label))") }
            if g.kinds[v] == .group {
                attrs.append("shape=box")
                attrs.append("fillcolor=\"#f5d5a8\"")
            } else {
                attrs.append("shape=ellipse")
                if person?.status?.isDeprivedOfLiberty == true { attrs.append("peripheries=2") }
            }
            if minor { attrs.append("color=\"\(Self.minorColor)\", penwidth=2.5") }
            if focus.contains(v) { attrs.append("fontsize=14, penwidth=\(minor ? 4 : 3)") }
            if let colorBy, g.kinds[v] != .group {
                attrs.append("fillcolor=\"\(colorBy.values[v].flatMap { colors[$0] } ?? Self.noValueColor)\"")
            }
            attrs.append("kind=\(Self.quote(g.kinds[v].rawValue))")
            if let sizeBy, v < sizeBy.values.count {
                let x = sizeBy.values[v]
                attrs.append("score=\(Self.quote(formatNumber(x)))")
                if maxScore > 0, x.isFinite {
                    let size = 0.3 + 1.2 * (x / maxScore)
                    attrs.append("width=\(formatNumber((size * 1000).rounded() / 1000))")
                    attrs.append("height=\(formatNumber((size * 0.7 * 1000).rounded() / 1000))")
                }
            }
            s += "  \(Self.quote(g.labels[v])) [\(attrs.joined(separator: ", "))];\n"
        }
        let arrow = g.directed ? " -> " : " -- "
        var maxW = 0.0
        for e in 0..<g.edgeCount where keep[Int(g.edgeSource[e])] && keep[Int(g.edgeTarget[e])] { maxW = max(maxW, g.edgeWeight[e]) }
        let analystTypes = analystTypeColors(net)
        for e in 0..<g.edgeCount {
            let u = Int(g.edgeSource[e]), v = Int(g.edgeTarget[e])
            guard keep[u] && keep[v] else { continue }
            let w = g.edgeWeight[e]
            let kinds = e < net.edgeKinds.count ? net.edgeKinds[e].map(\.kind) : []
            var attrs = ["weight=\(Self.quote(formatNumber(w)))"]
            attrs.append("type=\(Self.quote(kinds.map(\.description).joined(separator: "+")))")
            switch kinds.first {
            case .coOffending?, nil: attrs.append("style=solid")
            case .affiliation?: attrs.append("style=dashed")
            case .location?: attrs.append("style=dotted")
            case .analyst(let t)?:
                attrs.append("style=solid")
                if let c = analystTypes[t] { attrs.append("color=\"\(c)\"") }
            }
            if maxW > 0, w > 0 {
                attrs.append("penwidth=\(formatNumber(((0.5 + 3.5 * w / maxW) * 100).rounded() / 100))")
            }
            s += "  \(Self.quote(g.labels[u]))\(arrow)\(Self.quote(g.labels[v])) [\(attrs.joined(separator: ", "))];\n"
        }
        s += "}\n"
        return s
    }

    /// Colour of each `colorBy` value, assigned in ``colorOrder(keep:)``.
    public func colorMap(keep: [Bool]) -> [String: String] {
        var map: [String: String] = [:]
        for (i, x) in colorOrder(keep: keep).enumerated() {
            map[x] = i < Self.palette.count ? Self.palette[i] : Self.noValueColor
        }
        return map
    }

    /// The values of kept nodes in natural order ("cluster 2" before "cluster 10").
    public func colorOrder(keep: [Bool]) -> [String] {
        guard let colorBy else { return [] }
        var seen = Set<String>()
        for (v, x) in colorBy.values.enumerated() where keep[v] { if let x { seen.insert(x) } }
        return seen.sorted { $0.compare($1, options: .numeric) == .orderedAscending }
    }

    /// Analyst link types get muted colours of their own.
    func analystTypeColors(_ net: PersonNetwork) -> [String: String] {
        let muted = ["#7B3294", "#008837", "#A6611A", "#5E3C99", "#018571"]
        var out: [String: String] = [:]
        for (i, t) in net.dataset.links.types.enumerated() { out[t] = muted[i % muted.count] }
        return out
    }

    /// The legend: title, subtitle lines, colours, shapes and marks, edge styles.
    func legendTable(_ net: PersonNetwork, keep: [Bool]) -> String {
        var rows: [String] = []
        func row(_ cells: String) { rows.append("<tr>\(cells)</tr>") }
        func swatch(_ color: String, _ text: String) -> String {
            // A coloured block character in a left-aligned single cell: nested tables and
            // fixed-size cells get centred in a widened column by Graphviz.
            "<td colspan=\"2\" align=\"left\"><font color=\"\(color)\" point-size=\"14\">\u{25A0}</font> \(text)</td>"
        }
        if let title { row("<td colspan=\"2\" align=\"left\"><b>\(Self.html(title))</b></td>") }
        for line in subtitle { row("<td colspan=\"2\" align=\"left\">\(Self.html(line))</td>") }
        if let colorBy {
            let colors = colorMap(keep: keep)
            let order = colorOrder(keep: keep)
            row("<td colspan=\"2\" align=\"left\"><i>fill: \(Self.html(colorBy.name))</i></td>")
            for x in order.prefix(Self.palette.count) {
                row(swatch(colors[x]!, Self.html(x)))
            }
            let rest = order.count > Self.palette.count ? "\(order.count - Self.palette.count) more, or none" : "none"
            row(swatch(Self.noValueColor, rest))
        }
        var marks: [String] = []
        if let sizeBy { marks.append("size: \(sizeBy.name)") }
        if !focus.isEmpty { marks.append("heavy border: focus") }
        if net.graph.kinds.contains(.group) { marks.append("box: group") }
        marks.append("double border: in custody or sentenced")
        if minorsAsOf != nil { marks.append("red outline: under \(youthAge)") }
        row("<td colspan=\"2\" align=\"left\">\(Self.html(marks.joined(separator: " · ")))</td>")
        var edges = ["solid: co-offending", "dashed: affiliation", "dotted: location"]
        for (t, _) in analystTypeColors(net).sorted(by: { $0.key < $1.key }) { edges.append("coloured: \(t)") }
        row("<td colspan=\"2\" align=\"left\">\(Self.html(edges.joined(separator: " · "))); width: weight</td>")
        return "<table border=\"0\" cellborder=\"0\" cellspacing=\"2\" cellpadding=\"1\">" + rows.joined() + "</table>"
    }
}
