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
    /// Values colours are assigned over (nil: every value of `colorBy` in the network).
    public var colorDomain: [String]?
    /// What a node without a `colorBy` value means, for the legend ("single-person cluster").
    public var noValueLabel: String?
    /// What the focus nodes are, for the legend ("the person asked about", "candidate").
    public var focusName = "focus"
    /// Hop distance from the focus (ego views): the focus's own ties are drawn strong, persons
    /// two or more steps away pale and labelled with whom they are reached through (`via`).
    public var distance: [Int]?
    public var via: [String?]?
    /// Nodes marked with a heavy border and drawn closer together (the core).
    public var marked: (name: String, nodes: [Bool])?
    /// Hover text per node (SVG tooltips): key figures.
    public var tooltips: [String?]?
    /// One sentence on how to read the image, printed in the legend.
    public var howToRead: String?
    /// Route edges around nodes (`splines=true`) so no tie runs under an unrelated person;
    /// costly on large drawings.
    public var routeAroundNodes = false
    /// Point size of the legend text (raised when the drawing is scaled down to fit).
    public var legendFontSize = 10.0
    /// Draw the legend inside the image (the meeting pack draws it in HTML beside the image).
    public var legendInImage = true
    /// Said in the legend when labels were dropped.
    public var droppedLabelsNote: String?
    /// Labels by importance: when set, only these nodes are labelled (at `labelFontSize`);
    /// the others are drawn small and unlabelled (their id in the tooltip).
    public var labelled: [Bool]?
    /// Point size of node labels before Graphviz scales the drawing (the focus: 1.4 times).
    public var labelFontSize = 10.0
    /// Start positions ("x,y" in points, by node name, as a finished layout wrote them): neato
    /// then starts from them instead of from scratch (`inputscale=72`), which makes a second
    /// layout of the same persons with other label sizes cheaper and keeps it close to the first.
    public var startPositions: [String: String]?

    public init(names: Bool = false, title: String? = nil, sizeBy: NodeScores? = nil) {
        self.names = names
        self.title = title
        self.sizeBy = sizeBy
    }

    /// Colour-blind-safe palette (Okabe–Ito, then Tol's muted), assigned to values in order of
    /// first appearance.
    public static let palette = Palette.clusters

    /// One palette family per meaning (clusters, groups, log categories and areas,
    /// core/periphery, any other attribute), no colour shared between two: within one pack a
    /// colour means one thing. All colour-blind-safe sets (Okabe–Ito, Paul Tol's).
    public enum Palette {
        /// Clusters: Okabe–Ito, then Tol's light set.
        public static let clusters = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7",
                                      "#77AADD", "#EE8866", "#EEDD88", "#FFAABB", "#44BB99", "#BBCC33", "#AAAA00"]
        /// Groups (gangs): Tol's muted set.
        public static let groups = ["#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499"]
        /// Log categories A1, A2, B1, B2: area A purple, B brown; core dark, peripheral light.
        public static let categories = ["#54278F", "#9E9AC8", "#8C510A", "#DFC27D"]
        /// Areas A, B, outside: the categories' hues, other shades.
        public static let areas = ["#6A51A3", "#A6611A", "#969696"]
        /// Core and periphery: dark and light grey.
        public static let core = ["#252525", "#F0F0F0"]
        /// Any other attribute (district, status, …): Tol's bright set.
        public static let other = ["#4477AA", "#EE6677", "#228833", "#CCBB44", "#66CCEE", "#AA3377", "#BBBBBB"]
        public static let all: [(meaning: String, colours: [String])] = [("clusters", clusters), ("groups", groups), ("categories", categories),
                                                                          ("areas", areas), ("core", core), ("other", other)]
    }

    /// The palette of the current colouring (its meaning's family).
    public var colorPalette: [String] = Palette.clusters
    public static let noValueColor = "#d4d4d4"
    static let minorColor = "#c0392b"

    /// Escapes text for an HTML-like Graphviz label (read by an XML parser): the package's one
    /// XML/HTML escaper, ``Escape/xml(_:)``, with line breaks and tabs as spaces (a label line
    /// breaks only where the writer puts `<br/>`).
    public static func html(_ s: String) -> String {
        var flat = String.UnicodeScalarView()
        for ch in s.unicodeScalars { flat.append(ch == "\n" || ch == "\r" || ch == "\t" ? " " : ch) }
        return Escape.xml(String(flat))
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

    /// How a kind of tie is drawn: line style and colour. Co-offending is solid dark grey,
    /// affiliation dashed brown, location dotted light grey; each analyst link type (in the
    /// order of `links.csv`, so stable for a dataset) gets a colour of its own and a solid line.
    /// An edge made of several kinds is drawn as parallel lines, one colour per kind.
    public static func tieStyle(_ kind: LinkKind, analystTypes: [String]) -> (style: String, color: String) {
        switch kind {
        case .coOffending: return ("solid", "#333333")
        case .affiliation: return ("dashed", "#8C510A")
        case .location: return ("dotted", "#9A9A9A")
        case .analyst(let t):
            let colors = ["#CC79A7", "#0072B2", "#D55E00", "#009E73", "#7B3294", "#B8860B"]
            let i = analystTypes.firstIndex(of: t) ?? 0
            return ("solid", colors[i % colors.count])
        }
    }

    /// The drawing order of kinds on one edge: analyst links (named relationships such as
    /// family) first, then co-offending, affiliation, location.
    static func priority(_ k: LinkKind) -> Int {
        switch k {
        case .analyst: 0
        case .coOffending: 1
        case .affiliation: 2
        case .location: 3
        }
    }

    /// Whether black text would be hard to read on `#RRGGBB` (relative luminance under 0.2).
    static func isDark(_ color: String) -> Bool {
        guard color.count >= 7, color.hasPrefix("#"), let v = UInt32(color.dropFirst().prefix(6), radix: 16) else { return false }
        func channel(_ c: UInt32) -> Double {
            let x = Double(c) / 255
            return x <= 0.03928 ? x / 12.92 : pow((x + 0.055) / 1.055, 2.4)
        }
        let l = 0.2126 * channel(v >> 16 & 0xFF) + 0.7152 * channel(v >> 8 & 0xFF) + 0.0722 * channel(v & 0xFF)
        return l < 0.2
    }

    /// `#RRGGBB` made lighter by an alpha channel (second-step persons and ties of ego views).
    static func faded(_ color: String, _ alpha: String = "55") -> String {
        color.count == 7 ? color + alpha : color
    }

    /// "x,y" with two numbers and nothing else (a position without the pin mark `!`).
    static func isPosition(_ p: String) -> Bool {
        let parts = p.split(separator: ",", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { "0123456789.-e+".contains($0) } }
    }

    public func write(_ net: PersonNetwork) -> String {
        let g = net.graph
        let keep = self.keep ?? [Bool](repeating: true, count: g.nodeCount)
        let analystTypes = net.dataset.links.types
        var s = g.directed ? "digraph sna {\n" : "graph sna {\n"
        s += "  graph [charset=\"UTF-8\", overlap=false, outputorder=edgesfirst"
        if routeAroundNodes { s += ", splines=true" }
        if startPositions != nil { s += ", inputscale=72" }
        if legend {
            // Fits an A4/A3 page or a meeting screen; Graphviz only scales down.
            s += ", size=\"\(pageSize)\", pad=0.3" + (dpi.map { ", dpi=\($0)" } ?? "")
            if legendInImage {
                s += ", label=<\(legendTable(net, keep: keep))>, labelloc=b, labeljust=l, fontname=\"Helvetica\""
                s += ", fontsize=\(formatNumber(legendFontSize))"
            }
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
            let far = (distance?[v] ?? 0) >= 2
            var label = g.labels[v]
            // A person of unknown age is never named as an adult would be.
            let ageUnknown = minorsAsOf != nil && person != nil && person?.birthDate == nil
            if names, let name = person?.name { label = (minor || ageUnknown) && !showMinors ? (minor ? "minor" : "age unknown") : name }
            if minor && !names { label += "\n(minor)" }
            if far, let via = via?[v] { label += "\nvia \(via)" }
            let small = labels && labelled.map { !$0[v] } == true
            attrs.append("label=\(Self.quote(labels && !small ? label : ""))")
            if let tip = tooltips?[v] {
                // An unlabelled person two steps out keeps "via" in the tooltip.
                let via = small && far ? self.via?[v].map { " · via \($0)" } ?? "" : ""
                attrs.append("tooltip=\(Self.quote(tip + via))")
            } else if !labels || small {
                attrs.append("tooltip=\(Self.quote(label))")
            }
            var fill: String?
            if g.kinds[v] == .group {
                attrs.append("shape=box")
                fill = "#f5d5a8"
            } else {
                attrs.append("shape=ellipse")
                if person?.status?.isDeprivedOfLiberty == true { attrs.append("peripheries=2") }
            }
            if let colorBy, g.kinds[v] != .group {
                fill = colorBy.values[v].flatMap { colors[$0] } ?? Self.noValueColor
            }
            if let f = fill ?? (far ? "#dfe8f5" : nil) { attrs.append("fillcolor=\"\(far ? Self.faded(f, "66") : f)\"") }
            if far {
                attrs.append("fontcolor=\"#555555\"")
            } else if let f = fill, Self.isDark(f) {
                // Dark fills (the core, deep palette entries) carry white text.
                attrs.append("fontcolor=\"#ffffff\"")
            }
            let isMarked = marked?.nodes[v] == true
            if minor {
                attrs.append("color=\"\(Self.minorColor)\", penwidth=\(focus.contains(v) || isMarked ? 4 : 2.5)")
            } else if focus.contains(v) || isMarked {
                attrs.append("color=\"#000000\", penwidth=3")
            } else if far {
                attrs.append("color=\"#999999\"")
            }
            if focus.contains(v) {
                attrs.append("fontsize=\(formatNumber((labelFontSize * 14).rounded() / 10))")
            } else if labelFontSize != 10 {
                // Rounded up: a label never prints smaller than asked.
                attrs.append("fontsize=\(formatNumber((labelFontSize * 10).rounded(.up) / 10))")
            }
            if labelFontSize > 10 && !small { attrs.append("margin=\"0.04,0.02\"") }
            attrs.append("kind=\(Self.quote(g.kinds[v].rawValue))")
            if small {
                attrs.append("fixedsize=true")
                if sizeBy == nil { attrs.append("width=0.2, height=0.16") }
            }
            if let sizeBy, v < sizeBy.values.count {
                let x = sizeBy.values[v]
                attrs.append("score=\(Self.quote(formatNumber(x)))")
                if small {
                    let size = 0.12 + 0.3 * (maxScore > 0 && x.isFinite ? x / maxScore : 0)
                    attrs.append("width=\(formatNumber((size * 1000).rounded() / 1000))")
                    attrs.append("height=\(formatNumber((size * 0.8 * 1000).rounded() / 1000))")
                } else if maxScore > 0, x.isFinite {
                    let size = 0.3 + 0.8 * (x / maxScore)
                    attrs.append("width=\(formatNumber((size * 1000).rounded() / 1000))")
                    attrs.append("height=\(formatNumber((size * 0.7 * 1000).rounded() / 1000))")
                }
            }
            if let p = startPositions?[g.labels[v]], Self.isPosition(p) { attrs.append("pos=\"\(p)\"") }
            s += "  \(Self.quote(g.labels[v])) [\(attrs.joined(separator: ", "))];\n"
        }
        let arrow = g.directed ? " -> " : " -- "
        var maxW = 0.0
        for e in 0..<g.edgeCount where keep[Int(g.edgeSource[e])] && keep[Int(g.edgeTarget[e])] { maxW = max(maxW, g.edgeWeight[e]) }
        for e in 0..<g.edgeCount {
            let u = Int(g.edgeSource[e]), v = Int(g.edgeTarget[e])
            guard keep[u] && keep[v] else { continue }
            let w = g.edgeWeight[e]
            let listed = e < net.edgeKinds.count ? net.edgeKinds[e].map(\.kind) : []
            var kinds: [LinkKind] = []
            for k in listed.sorted(by: { Self.priority($0) < Self.priority($1) }) where !kinds.contains(k) { kinds.append(k) }
            var attrs = ["weight=\(Self.quote(formatNumber(w)))"]
            attrs.append("type=\(Self.quote(listed.map(\.description).joined(separator: "+")))")
            // Ego views: ties of the focus person drawn strong, the others light.
            let touchesFocus = focus.contains(u) || focus.contains(v)
            let light = distance != nil && !touchesFocus
            let styles = kinds.isEmpty ? [("solid", "#333333")] : kinds.map { Self.tieStyle($0, analystTypes: analystTypes) }
            attrs.append("style=\(styles[0].0)")
            let palette = styles.map { light ? Self.faded($0.1, "66") : $0.1 }
            attrs.append("color=\"\(palette.joined(separator: ":"))\"")
            if marked.map({ $0.nodes[u] && $0.nodes[v] }) == true { attrs.append("len=0.6") }
            if maxW > 0, w > 0 {
                var width = 0.5 + 3.5 * w / maxW
                if distance != nil && touchesFocus { width += 1.5 }
                attrs.append("penwidth=\(formatNumber((width * 100).rounded() / 100))")
            }
            s += "  \(Self.quote(g.labels[u]))\(arrow)\(Self.quote(g.labels[v])) [\(attrs.joined(separator: ", "))];\n"
        }
        s += "}\n"
        return s
    }

    /// The values colours are assigned over: `colorDomain`, else every value of `colorBy` in
    /// the whole network (not only the nodes drawn), in natural order ("cluster 2" before
    /// "cluster 10"). A value therefore keeps its colour in every image of the same data.
    public func domain() -> [String] {
        if let colorDomain { return colorDomain }
        guard let colorBy else { return [] }
        var seen = Set<String>()
        for x in colorBy.values { if let x { seen.insert(x) } }
        return seen.sorted { $0.compare($1, options: .numeric) == .orderedAscending }
    }

    /// Colour of each `colorBy` value: its position in ``domain()`` picks the palette entry;
    /// values beyond the palette share the "other" grey.
    public func colorMap(keep: [Bool]) -> [String: String] {
        var map: [String: String] = [:]
        for (i, x) in domain().enumerated() {
            map[x] = i < colorPalette.count ? colorPalette[i] : Self.noValueColor
        }
        return map
    }

    /// The values of kept nodes, in domain order.
    public func colorOrder(keep: [Bool]) -> [String] {
        guard let colorBy else { return [] }
        var present = Set<String>()
        for (v, x) in colorBy.values.enumerated() where keep[v] { if let x { present.insert(x) } }
        return domain().filter { present.contains($0) }
    }

    /// What a legend says besides the fills: the marks used in the image (size, borders,
    /// outlines), each kind of tie drawn (its line style and colour), and notes on lines.
    /// Only what the kept part of the network actually shows is listed.
    public func legendParts(_ net: PersonNetwork, keep: [Bool]) -> (marks: [String], ties: [(style: String, color: String, label: String)], tieNotes: [String]) {
        let g = net.graph
        var marks: [String] = []
        if let sizeBy { marks.append("size: \(sizeBy.name)") }
        if !focus.isEmpty { marks.append("heavy black border: \(focusName)") }
        if let marked, marked.nodes.enumerated().contains(where: { keep[$0.offset] && $0.element }) {
            marks.append("heavy black border: \(marked.name)")
        }
        if let distance, distance.enumerated().contains(where: { keep[$0.offset] && $0.element >= 2 }) {
            marks.append("pale: reached in two or more steps (via whom)")
        }
        if (0..<g.nodeCount).contains(where: { keep[$0] && g.kinds[$0] == .group }) { marks.append("box: group") }
        if (0..<g.nodeCount).contains(where: { keep[$0] && net.person($0)?.status?.isDeprivedOfLiberty == true }) {
            marks.append("double border: in custody or sentenced")
        }
        if let day = minorsAsOf, (0..<g.nodeCount).contains(where: { keep[$0] && net.person($0)?.isMinor(on: day, under: youthAge) == true }) {
            marks.append("red outline: under \(youthAge)")
        }
        if let droppedLabelsNote { marks.append(droppedLabelsNote) }
        var present = Set<String>(), order: [LinkKind] = [], multi = false
        for e in 0..<g.edgeCount where keep[Int(g.edgeSource[e])] && keep[Int(g.edgeTarget[e])] {
            let ks = e < net.edgeKinds.count ? net.edgeKinds[e].map(\.kind) : []
            if Set(ks.map(\.description)).count > 1 { multi = true }
            for k in ks where present.insert(k.description).inserted { order.append(k) }
        }
        order.sort { Self.priority($0) != Self.priority($1) ? Self.priority($0) < Self.priority($1) : $0.description < $1.description }
        let ties = order.map { k -> (style: String, color: String, label: String) in
            let (style, color) = Self.tieStyle(k, analystTypes: net.dataset.links.types)
            return (style, color, k.description)
        }
        var notes = ["width: weight"]
        if multi { notes.append("parallel lines: several kinds") }
        if distance != nil && !focus.isEmpty { notes.append("strong: ties of \(focusName)") }
        return (marks, ties, notes)
    }

    /// The legend: title, subtitle lines, a "how to read" line, then only what the image holds:
    /// fill colours with swatches, marks, and each kind of tie drawn with its own line sample.
    func legendTable(_ net: PersonNetwork, keep: [Bool]) -> String {
        let g = net.graph
        var rows: [String] = []
        func row(_ cells: String) { rows.append("<tr>\(cells)</tr>") }
        func cell(_ text: String) -> String { "<td align=\"left\">\(text)</td>" }
        func swatch(_ color: String, _ text: String) -> String {
            // A coloured block character: nested tables and fixed-size cells get centred in a
            // widened column by Graphviz.
            "<font color=\"\(color)\" point-size=\"\(formatNumber(legendFontSize * 1.5))\">\u{25A0}</font> \(text)"
        }
        if let title { row(cell("<b>\(Self.html(title))</b>")) }
        for line in subtitle { row(cell(Self.html(line))) }
        if let howToRead { row(cell("<i>How to read: \(Self.html(howToRead))</i>")) }
        if let colorBy {
            let colors = colorMap(keep: keep)
            let order = colorOrder(keep: keep)
            var swatches = order.map { ($0, colors[$0] ?? Self.noValueColor) }
            let coloured = swatches.filter { $0.1 != Self.noValueColor }
            let others = swatches.count - coloured.count
            swatches = coloured
            let missing = (0..<g.nodeCount).contains { keep[$0] && colorBy.values[$0] == nil && g.kinds[$0] != .group }
            var items = swatches.map { swatch($0.1, Self.html($0.0)) }
            if others > 0 || missing {
                let what = [others > 0 ? "\(others) more values" : nil, missing ? (noValueLabel ?? "no value") : nil].compactMap { $0 }
                items.append(swatch(Self.noValueColor, Self.html(what.joined(separator: ", "))))
            }
            // Several swatches to a line (one cell of text: nested tables get stretched).
            var i = 0
            var first = true
            while i < items.count {
                let lead = first ? "<i>fill: \(Self.html(colorBy.name))</i>   " : ""
                row(cell(lead + items[i..<min(i + 7, items.count)].joined(separator: "   ")))
                i += 7
                first = false
            }
        }
        let parts = legendParts(net, keep: keep)
        // Marks three to a line, so the legend is not wider than the drawing.
        var m = 0
        while m < parts.marks.count {
            row(cell(Self.html(parts.marks[m..<min(m + 3, parts.marks.count)].joined(separator: " · "))))
            m += 3
        }
        if !parts.ties.isEmpty {
            let samples = parts.ties.map { t -> String in
                let line = t.style == "dashed" ? "\u{2012} \u{2012} \u{2012}" : t.style == "dotted" ? "\u{00B7}\u{00B7}\u{00B7}\u{00B7}\u{00B7}\u{00B7}" : "\u{2014}\u{2014}\u{2014}"
                return "<font color=\"\(t.color)\"><b>\(line)</b></font> \(Self.html(t.label))"
            }
            row(cell("<i>ties:</i>   " + samples.joined(separator: "   ")))
            row(cell(Self.html(parts.tieNotes.joined(separator: " · "))))
        }
        return "<table border=\"0\" cellborder=\"0\" cellspacing=\"2\" cellpadding=\"1\">" + rows.joined() + "</table>"
    }
}
