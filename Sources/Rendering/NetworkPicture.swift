import Foundation
import Network
import Screening

/// What one image of the network shows, shared by `sna render` and the meeting pack so that a
/// view looks the same wherever it is drawn.
public struct NetworkView: Sendable {
    /// The nodes drawn.
    public var keep: [Bool]
    /// Nodes drawn with a heavy border (the person asked about, the candidates).
    public var focus: Set<Int> = []
    public var focusName = "focus"
    /// Ego views: hop distance from the focus and, for persons two or more steps away, the
    /// direct contact they are reached through.
    public var distance: [Int]?
    public var via: [String?]?
    /// Marked nodes (the core), drawn with a heavy border and pulled together.
    public var marked: (name: String, nodes: [Bool])?
    /// One sentence on how to read the image.
    public var howToRead: String

    public var shown: Int { keep.reduce(0) { $0 + ($1 ? 1 : 0) } }

    /// Whether ties can be routed around persons (Graphviz `splines=true`): affordable up to
    /// about 120 drawn ties (0.1 s); the router's cost grows fast (330 ties take 3 s, 518 ties
    /// 6 s), so larger views keep straight lines. Ego and candidate views, where a tie seen
    /// under a person reads as a tie to them, are routed up to `limit` ties (220: under 1 s).
    public func canRouteAroundNodes(_ g: Graph, limit: Int = 120) -> Bool {
        var drawn = 0
        for e in 0..<g.edgeCount where keep[Int(g.edgeSource[e])] && keep[Int(g.edgeTarget[e])] {
            drawn += 1
            if drawn > limit { return false }
        }
        return true
    }

    /// Every node with at least one tie (isolated persons say nothing in a picture).
    public static func whole(_ g: Graph, dropIsolates: Bool = false) -> NetworkView {
        let keep = (0..<g.nodeCount).map { v in
            !dropIsolates || g.out.offsets[v + 1] > g.out.offsets[v] || g.in.offsets[v + 1] > g.in.offsets[v]
        }
        return NetworkView(keep: keep, howToRead: "each circle is a person, each line a tie in the data period; persons drawn close together share many ties.")
    }

    /// The persons within `radius` steps of `focus` (breadth-first, in both directions when
    /// directed). Ties of the focus are drawn strong; persons further out are pale and labelled
    /// "via" the direct contact through which they are first reached (the lowest id when several).
    public static func ego(_ g: Graph, focus: [Int], radius: Int, focusName: String) -> NetworkView {
        let n = g.nodeCount
        var distance = [Int](repeating: Int.max, count: n)
        var through = [Int](repeating: -1, count: n)
        var frontier = focus.sorted()
        for v in frontier { distance[v] = 0; through[v] = v }
        var d = 0
        while !frontier.isEmpty && d < radius {
            d += 1
            var next: [Int] = []
            for v in frontier {
                for adj in g.directed ? [g.out, g.in] : [g.out] {
                    for k in Int(adj.offsets[v])..<Int(adj.offsets[v + 1]) {
                        let w = Int(adj.targets[k])
                        let via = d == 1 ? w : through[v]
                        if distance[w] == Int.max {
                            distance[w] = d; through[w] = via; next.append(w)
                        } else if distance[w] == d, g.labels[via] < g.labels[through[w]] {
                            through[w] = via
                        }
                    }
                }
            }
            next.sort()
            frontier = next
        }
        let keep = distance.map { $0 != Int.max }
        let via: [String?] = (0..<n).map { distance[$0] >= 2 && distance[$0] != Int.max ? g.labels[through[$0]] : nil }
        let far = radius >= 2 ? " Pale persons are reached in two or more steps; \"via\" names the direct contact." : ""
        let who = focus.count == 1 ? "the person with the heavy border" : "the persons with the heavy border"
        return NetworkView(keep: keep, focus: Set(focus), focusName: focusName,
                           distance: distance.map { $0 == Int.max ? -1 : $0 }, via: via,
                           howToRead: "strong lines are the direct ties of \(who).\(far)")
    }

    /// The members of one cluster.
    public static func cluster(_ p: Partition, _ c: Int) -> NetworkView {
        NetworkView(keep: p.membership.map { $0 == c },
                    howToRead: "each circle is a member of the cluster, each line a tie between members; ties to other clusters are not drawn.")
    }

    /// The discrete core, marked, with its direct contacts.
    public static func core(_ g: Graph, _ split: CorePeriphery.Split) -> NetworkView {
        var keep = split.core
        for v in 0..<g.nodeCount where split.core[v] {
            for k in Int(g.out.offsets[v])..<Int(g.out.offsets[v + 1]) { keep[Int(g.out.targets[k])] = true }
        }
        return NetworkView(keep: keep, marked: ("core", split.core),
                           howToRead: "core persons (heavy border, drawn together) are densely tied to each other; the others are their direct contacts in the periphery.")
    }
}

/// Node colourings by name (`--color-by`): the values, the order colours are assigned in (the
/// whole dataset's values, so a value keeps its colour in every image) and what "no value" means.
public struct NodeColouring: Sendable {
    public var name: String
    public var values: [String?]
    public var domain: [String]?
    public var noValueLabel: String?
    /// The palette family of this colouring's meaning (``DOTWriter/Palette``).
    public var palette: [String]

    public init(name: String, values: [String?], domain: [String]? = nil, noValueLabel: String? = nil, palette: [String] = DOTWriter.Palette.other) {
        self.name = name
        self.values = values
        self.domain = domain
        self.noValueLabel = noValueLabel
        self.palette = palette
    }

    /// The names `--color-by` takes besides persons.csv columns.
    public static let builtIn = ["cluster", "category", "core", "group", "area", "district"]

    /// Log categories in the vocabulary's order: A1 has the same colour whatever the data holds.
    public static let categoryDomain = LogCategory.Area.allCases.flatMap { a in LogCategory.Tier.allCases.map { LogCategory(area: a, tier: $0).description } }

    public static func cluster(_ p: Partition, seed: UInt64) -> NodeColouring {
        // Single-person clusters stay grey so the palette goes to real clusters; clusters are
        // numbered largest first, so the largest get the palette.
        NodeColouring(name: "cluster (Leiden, seed \(seed))",
                      values: p.membership.map { p.clusters[$0].count > 1 ? "cluster \($0)" : nil },
                      noValueLabel: "alone", palette: DOTWriter.Palette.clusters)
    }

    public static func category(_ net: PersonNetwork) -> NodeColouring {
        var cat = [String?](repeating: nil, count: net.graph.nodeCount)
        for e in net.dataset.log { if let v = net.graph.index(of: e.personID) { cat[v] = e.category } }
        let extra = Set(cat.compactMap { $0 }).subtracting(categoryDomain).sorted()
        return NodeColouring(name: "log category", values: cat, domain: categoryDomain + extra, noValueLabel: "not on the log",
                             palette: DOTWriter.Palette.categories)
    }

    public static func core(_ split: CorePeriphery.Split) -> NodeColouring {
        NodeColouring(name: "core / periphery", values: split.core.map { $0 ? "core" : "periphery" }, domain: ["core", "periphery"],
                      palette: DOTWriter.Palette.core)
    }

    /// The colouring `key` names, or nil when no person has that attribute.
    public static func named(_ key: String, net: PersonNetwork, policy: Policy, partition: () -> Partition,
                             split: () -> CorePeriphery.Split, seed: UInt64) -> NodeColouring? {
        switch key {
        case "cluster": return cluster(partition(), seed: seed)
        case "category": return category(net)
        case "core": return core(split())
        default:
            guard NodeAttributes.isKnown(net, key) else { return nil }
            let palette = key == "group" ? DOTWriter.Palette.groups : key == "area" ? DOTWriter.Palette.areas : DOTWriter.Palette.other
            return NodeColouring(name: key, values: NodeAttributes.values(net, key, area: policy.areaLabel),
                                 domain: key == "area" ? ["A", "B", "outside"] : nil, noValueLabel: "none recorded", palette: palette)
        }
    }
}

/// Output size for an image (`--size WxH`, `--dpi`).
public struct ImageSize: Sendable, Equatable {
    public var widthInches: Double
    public var heightInches: Double

    public init(widthInches: Double, heightInches: Double) {
        self.widthInches = widthInches
        self.heightInches = heightInches
    }

    /// Parses `WxH` with an optional unit on the whole (`16x11`, `16x11in`, `297x210mm`,
    /// `30x20cm`, `1600x1100px`); inches without a unit; pixels need `dpi`.
    public init?(parsing s: String, dpi: Int) {
        var text = s.lowercased().trimmingCharacters(in: .whitespaces)
        var perInch = 1.0
        for (unit, factor) in [("mm", 25.4), ("cm", 2.54), ("in", 1.0), ("px", Double(dpi))] where text.hasSuffix(unit) {
            text.removeLast(unit.count)
            perInch = factor
            break
        }
        let parts = text.split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2, let w = Double(parts[0]), let h = Double(parts[1]),
              w.isFinite, h.isFinite, w > 0, h > 0 else { return nil }
        widthInches = w / perInch
        heightInches = h / perInch
        guard widthInches >= 1, heightInches >= 1, widthInches <= 100, heightInches <= 100 else { return nil }
    }

    /// Graphviz's `size` attribute.
    public var graphviz: String { "\(formatNumber((widthInches * 100).rounded() / 100)),\(formatNumber((heightInches * 100).rounded() / 100))" }
}

/// Draws a view at a given size, keeping the text legible.
public enum NetworkImage {
    /// Node labels are written at this size (points) before Graphviz scales the drawing down.
    public static let labelPoints = 10.0

    /// Lays the drawing out once to learn how far Graphviz will scale it down to fit the
    /// writer's `pageSize`. Labels that would print smaller than `minLabelPoints` are dropped
    /// (said in the legend; the ids stay in the SVG tooltips) and the legend's text is enlarged
    /// to stay readable at the output size. Then renders.
    public static func render(_ writer: DOTWriter, _ net: PersonNetwork, engine: LayoutEngine, format: RenderFormat,
                              minLabelPoints: Double) throws -> (data: Data, labelsDropped: Bool) {
        var w = writer
        guard format != .dot, GraphvizRenderer.isAvailable else {
            return (try GraphvizRenderer.shared.render(dot: w.write(net), engine: engine, format: format), false)
        }
        let scale = try GraphvizRenderer.shared.scale(dot: w.write(net), engine: engine)
        var dropped = false
        if scale < 1 {
            w.legendFontSize = min(10 / scale, 40).rounded()
            let printed = labelPoints * scale
            if w.labels && printed < minLabelPoints {
                w.labels = false
                dropped = true
                w.droppedLabelsNote = "no labels: at this size they would print at \(formatNumber((printed * 10).rounded() / 10)) pt, under \(formatNumber(minLabelPoints)) pt (hover for ids, or draw a smaller view)"
            }
        }
        return (try GraphvizRenderer.shared.render(dot: w.write(net), engine: engine, format: format), dropped)
    }

    /// Hover text per node: the id, then each figure ("degree 5", "betweenness 0.0123").
    public static func keyFigures(_ g: Graph, _ figures: [(name: String, values: [String?])]) -> [String?] {
        (0..<g.nodeCount).map { v in
            ([g.labels[v]] + figures.compactMap { f in f.values[v].map { $0.hasPrefix(f.name + " ") ? $0 : "\(f.name) \($0)" } }).joined(separator: " · ")
        }
    }

    /// A score shown to people: three significant digits, integers as integers, NaN as "-".
    public static func figure(_ x: Double, integral: Bool) -> String { significant(x, integral: integral) }
}

/// A value with three significant digits (`0.241`, `0.0855`, `0.100`, `12.3`, `1520`), integers as
/// integers when `integral`, NaN as `-`: how the pack and images show scores.
public func significant(_ v: Double, integral: Bool = false, digits: Int = 3) -> String {
    if v.isNaN { return "-" }
    if integral, v.isFinite, v == v.rounded() { return String(Int64(v)) }
    if v == 0 { return "0" }
    if !v.isFinite { return v > 0 ? "inf" : "-inf" }
    let magnitude = Int(floor(log10(abs(v))))
    let decimals = max(0, digits - 1 - magnitude)
    if decimals > 8 { return String(format: "%.\(digits - 1)e", v) }
    return String(format: "%.\(decimals)f", v)
}

/// The whole network at cluster level: one node per cluster of two or more persons, sized by
/// its members and filled with the cluster's colour in every other image (`--color-by
/// cluster`); a line between two clusters for the person-to-person ties that join them, its
/// width by their number (written on the line).
public enum ClusterOverview {
    public static func dot(_ net: PersonNetwork, _ p: Partition, title: String, subtitle: [String],
                           groups: [String?], pageSize: String, legendFontSize: Double = 10, nodeFontSize: Double = 12,
                           legendInImage: Bool = true) -> String {
        let g = net.graph
        let colouring = NodeColouring.cluster(p, seed: 0)
        var w = DOTWriter()
        w.fill(colouring)
        let colours = w.colorMap(keep: [Bool](repeating: true, count: g.nodeCount))
        let shown = (0..<p.count).filter { p.clusters[$0].count > 1 }
        let alone = p.clusters.filter { $0.count == 1 }.count
        var between: [Int: [Int: Int]] = [:]
        for e in 0..<g.edgeCount {
            let a = p.membership[Int(g.edgeSource[e])], b = p.membership[Int(g.edgeTarget[e])]
            guard a != b, p.clusters[a].count > 1, p.clusters[b].count > 1 else { continue }
            between[min(a, b), default: [:]][max(a, b), default: 0] += 1
        }
        let maxTies = between.values.flatMap(\.values).max() ?? 1
        let maxSize = shown.map { p.clusters[$0].count }.max() ?? 1
        var s = "graph overview {\n"
        var legend = "<table border=\"0\" cellborder=\"0\" cellspacing=\"2\" cellpadding=\"1\">"
        legend += "<tr><td align=\"left\"><b>\(DOTWriter.html(title))</b></td></tr>"
        for line in subtitle { legend += "<tr><td align=\"left\">\(DOTWriter.html(line))</td></tr>" }
        legend += "<tr><td align=\"left\"><i>How to read: each circle is a cluster of persons (size: members; colour: the cluster's colour in every other image), each line the ties between two clusters (width and number: how many).</i></td></tr>"
        if alone > 0 { legend += "<tr><td align=\"left\">\(alone) persons without ties inside a cluster are not drawn.</td></tr>" }
        legend += "</table>"
        s += "  graph [charset=\"UTF-8\", overlap=false, splines=true, size=\"\(pageSize)\", pad=0.3, fontname=\"Helvetica\", fontsize=\(formatNumber(legendFontSize))"
        s += legendInImage ? ", label=<\(legend)>, labelloc=b, labeljust=l];\n" : "];\n"
        s += "  node [fontname=\"Helvetica\", fontsize=\(formatNumber(nodeFontSize)), style=filled, shape=circle, color=\"#555555\"];\n"
        s += "  edge [color=\"#33333399\", fontname=\"Helvetica\", fontsize=\(formatNumber(nodeFontSize * 0.85))];\n"
        for c in shown {
            let members = p.clusters[c]
            var counts: [String: Int] = [:]
            for v in members { if let x = groups[v] { counts[x, default: 0] += 1 } }
            let label = "cluster \(c)\n\(members.count) persons\n" + ClusterOverview.majority(counts, of: members.count)
            // Area follows members: the diameter grows with the square root, the shape fixed
            // (its label may run past a small circle, never swell it).
            let size = 2.4 * (Double(members.count) / Double(maxSize)).squareRoot() * nodeFontSize / 12
            let fill = colours["cluster \(c)"] ?? DOTWriter.noValueColor
            s += "  \"c\(c)\" [label=\(DOTWriter.quote(label)), width=\(formatNumber((size * 1000).rounded() / 1000)), fixedsize=shape, fillcolor=\"\(fill)\", tooltip=\(DOTWriter.quote("cluster \(c): \(members.count) persons"))];\n"
        }
        for a in between.keys.sorted() {
            for (b, n) in between[a]!.sorted(by: { $0.key < $1.key }) {
                // Width follows the number of ties (a hairline at least).
                let width = max(0.4, 6 * Double(n) / Double(maxTies))
                s += "  \"c\(a)\" -- \"c\(b)\" [penwidth=\(formatNumber((width * 100).rounded() / 100)), label=\"\(n)\", weight=\(n)];\n"
            }
        }
        s += "}\n"
        return s
    }
}

extension ClusterOverview {
    /// A cluster's group, as the data has it: the largest group and its share of all the
    /// cluster's members ("BGP 64 %"), or "mixed" when no group holds half of them.
    public static func majority(_ counts: [String: Int], of members: Int) -> String {
        guard members > 0, let top = counts.sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }).first else { return "no group" }
        let share = Double(top.value) / Double(members)
        let pct = Int((share * 100).rounded())
        return share >= 0.5 ? "\(top.key) \(pct) %" : "mixed\n(\(top.key) \(pct) %)"
    }

    /// Renders the overview, its text enlarged to stay readable after Graphviz scales the
    /// drawing down to `pageSize` (one probe layout, as ``NetworkImage``).
    public static func render(_ net: PersonNetwork, _ p: Partition, title: String, subtitle: [String], groups: [String?],
                              pageSize: String, legendInImage: Bool = true, engine: LayoutEngine = .neato, format: RenderFormat) throws -> Data {
        func make(_ scale: Double) -> String {
            dot(net, p, title: title, subtitle: subtitle, groups: groups, pageSize: pageSize,
                legendFontSize: min(10 / scale, 40).rounded(), nodeFontSize: min(12 / scale, 30).rounded(), legendInImage: legendInImage)
        }
        guard format != .dot, GraphvizRenderer.isAvailable else {
            return try GraphvizRenderer.shared.render(dot: make(1), engine: engine, format: format)
        }
        let scale = try GraphvizRenderer.shared.scale(dot: make(1), engine: engine)
        return try GraphvizRenderer.shared.render(dot: make(scale), engine: engine, format: format)
    }
}

extension DOTWriter {
    /// Draws `view`: its nodes, focus, ego distances, marks and "how to read" line.
    public mutating func show(_ view: NetworkView) {
        keep = view.keep
        focus = view.focus
        focusName = view.focusName
        distance = view.distance
        via = view.via
        marked = view.marked
        howToRead = view.howToRead
    }

    /// Fills nodes by `colouring`, with its dataset-wide colours and its "no value" meaning.
    public mutating func fill(_ colouring: NodeColouring) {
        colorBy = (colouring.name, colouring.values)
        colorDomain = colouring.domain
        noValueLabel = colouring.noValueLabel
        colorPalette = colouring.palette
    }
}
