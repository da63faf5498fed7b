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

    /// Whether ties are routed around persons: up to `limit` drawn ties (default 5,000). The
    /// drawing reroutes only the ties that run under a third person (``TieRouter``: a 249-person
    /// view with about 1,000 ties in a few milliseconds, where Graphviz's own router took
    /// seconds beyond 120 ties); `sna render --format dot` asks Graphviz to route instead.
    public func canRouteAroundNodes(_ g: Graph, limit: Int = 5_000) -> Bool {
        var drawn = 0
        for e in 0..<g.edgeCount where keep[Int(g.edgeSource[e])] && keep[Int(g.edgeTarget[e])] {
            drawn += 1
            if drawn > limit { return false }
        }
        return true
    }

    /// The persons this view labels, most important first, and what they are (for the legend):
    /// an ego or candidate view the focus then the direct contacts; a core view every core
    /// member; any other view the `top` persons by `scores` (with the focus and the marked,
    /// first). A view of at most 25 persons labels everyone.
    public func mattering(_ g: Graph, by scores: NodeScores?, top: Int) -> (order: [Int], what: String) {
        let shown = (0..<g.nodeCount).filter { keep[$0] }
        func score(_ v: Int) -> Double { scores.map { v < $0.values.count && $0.values[v].isFinite ? $0.values[v] : -.infinity } ?? 0 }
        func ranked(_ vs: [Int]) -> [Int] { vs.sorted { score($0) != score($1) ? score($0) > score($1) : g.labels[$0] < g.labels[$1] } }
        let focusFirst = focus.sorted { g.labels[$0] < g.labels[$1] }
        let isMarked = { (v: Int) in self.marked?.nodes[v] == true }
        if shown.count <= 25 {
            let rest = ranked(shown.filter { !focus.contains($0) })
            return (focusFirst + rest.filter(isMarked) + rest.filter { !isMarked($0) }, "everyone drawn")
        }
        if let distance {
            let direct = ranked(shown.filter { distance[$0] == 1 && !focus.contains($0) })
            return (focusFirst + direct, focus.count == 1 ? "the person and direct contacts" : "\(focusName)s and their direct contacts")
        }
        let markedNodes = ranked(shown.filter { isMarked($0) && !focus.contains($0) })
        if isCoreView { return (focusFirst + markedNodes, "every \(marked!.name) member") }
        let others = ranked(shown.filter { !isMarked($0) && !focus.contains($0) }).prefix(max(0, top))
        var what = "the top \(others.count) by \(scores?.name ?? "degree")"
        if !markedNodes.isEmpty { what = "every \(marked!.name) member and " + what }
        if !focus.isEmpty { what = "\(focusName) · " + what }
        return (focusFirst + markedNodes + others, what)
    }

    /// A core view: the marked persons and their direct contacts, the contacts there for context.
    public var isCoreView = false

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

    /// The members of one cluster; with `core`, its core members marked (heavy border, labelled).
    public static func cluster(_ p: Partition, _ c: Int, core: [Bool]? = nil) -> NetworkView {
        NetworkView(keep: p.membership.map { $0 == c }, marked: core.map { ("core", $0) },
                    howToRead: "each circle is a member of the cluster, each line a tie between members; ties to other clusters are not drawn.")
    }

    /// The discrete core, marked, with its direct contacts.
    public static func core(_ g: Graph, _ split: CorePeriphery.Split) -> NetworkView {
        var keep = split.core
        for v in 0..<g.nodeCount where split.core[v] {
            for k in Int(g.out.offsets[v])..<Int(g.out.offsets[v + 1]) { keep[Int(g.out.targets[k])] = true }
        }
        var view = NetworkView(keep: keep, marked: ("core", split.core),
                           howToRead: "core persons (heavy border, drawn together) are densely tied to each other; the others are their direct contacts in the periphery.")
        view.isCoreView = true
        return view
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
            // The area by the policy in force: without it no person has one.
            let values = NodeAttributes.values(net, key, area: policy.areaLabel)
            guard values.contains(where: { $0 != nil }) else { return nil }
            let palette = key == "group" ? DOTWriter.Palette.groups : key == "area" ? DOTWriter.Palette.areas : DOTWriter.Palette.other
            return NodeColouring(name: key, values: values,
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

    /// What was drawn: the image, and how its labels came out.
    public struct Drawn: Sendable {
        public var data: Data
        /// Every label was dropped (the legend says so).
        public var labelsDropped: Bool
        /// Persons labelled, of the persons that matter for the view.
        public var labelled: Int
        public var mattering: Int
        /// The size labels print at on the output's page (points; nil: not scaled or DOT).
        public var printedPoints: Double?
        /// A sentence for stderr when not every person that matters could be labelled.
        public var shortfall: String?
        /// What the legend says of the labels (the image's own legend already has it).
        public var labelNote: String?
    }

    /// Lays the drawing out to learn how far Graphviz will scale it down to fit the writer's
    /// `pageSize`, then sizes the labels so they print at `minLabelPoints` or more.
    ///
    /// With `mattering` (the view's persons that matter, most important first: see
    /// ``NetworkView/mattering(_:by:top:)``) only those are labelled and the others are drawn
    /// small and unlabelled (ids in the SVG tooltips). Larger labels enlarge their nodes and so
    /// the drawing, so the size is found in a few layouts; when even the largest label size
    /// cannot print at `minLabelPoints`, fewer persons are labelled (the most important first,
    /// never fewer than the focus) and the legend says how many and suggests a split. Without
    /// `mattering` every label is kept or, when too small, all are dropped.
    public static func render(_ writer: DOTWriter, _ net: PersonNetwork, engine: LayoutEngine, format: RenderFormat,
                              minLabelPoints: Double, mattering: (order: [Int], what: String)? = nil) throws -> Drawn {
        var w = writer
        guard format != .dot, GraphvizRenderer.isAvailable else {
            if let mattering { w.labelled = mask(mattering.order, net.graph.nodeCount) }
            return Drawn(data: try GraphvizRenderer.shared.render(dot: w.write(net), engine: engine, format: format), labelsDropped: false,
                         labelled: mattering?.order.count ?? 0, mattering: mattering?.order.count ?? 0, printedPoints: nil, shortfall: nil, labelNote: nil)
        }
        // Each layout made, by its DOT: a trial repeated (the last one kept) and the final image
        // drawn from the trial that found its size take no new layout.
        var laidOut: [String: GraphvizRenderer.Layout] = [:]
        func layout(_ dot: String) throws -> GraphvizRenderer.Layout {
            if let l = laidOut[dot] { return l }
            let l = try GraphvizRenderer.shared.layOut(dot: dot, engine: engine)
            laidOut[dot] = l
            return l
        }
        /// The scale, and the layout it was read from.
        func scaled(_ w: DOTWriter) throws -> (scale: Double, layout: GraphvizRenderer.Layout) {
            // Positions do not depend on how ties are routed: lay out without the router.
            // The scale as the SVG draws it (the viewBox over the drawing), which counts a
            // legend drawn in the image the way the image will.
            var probe = w
            probe.routeAroundNodes = false
            let dot = probe.write(net)
            let l = try layout(dot)
            if let s = drawnScale(l.svg) { return (s, l) }
            return (try GraphvizRenderer.shared.scale(dot: dot, engine: engine), l)
        }
        func scale(_ w: DOTWriter) throws -> Double { try scaled(w).scale }
        /// The image: ties that would run under a third person routed around them (``TieRouter``;
        /// about 1.2 pt clear on the page) when the writer asks for it.
        func draw(_ w: DOTWriter, scale: Double) throws -> Data {
            guard w.routeAroundNodes, engine != .dot else {
                return try GraphvizRenderer.shared.render(dot: w.write(net), engine: engine, format: format)
            }
            var straight = w
            straight.routeAroundNodes = false
            return try GraphvizRenderer.shared.draw(layout(straight.write(net)), format: format,
                                                    routeTiesWithMargin: min(12, max(2, 1.2 / max(scale, 0.01))))
        }
        guard let mattering, w.labels else {
            let scale = try scale(w)
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
            return Drawn(data: try draw(w, scale: scale), labelsDropped: dropped,
                         labelled: 0, mattering: 0, printedPoints: w.labels ? labelPoints * scale : nil, shortfall: nil, labelNote: w.droppedLabelsNote)
        }
        let n = net.graph.nodeCount
        let all = mattering.order.count
        let least = max(1, min(all, w.focus.count))
        // The largest label size written before scaling: beyond it a label outgrows the drawing.
        let largest = 72.0
        var layouts = 0
        var lastScale = 1.0
        let debug = ProcessInfo.processInfo.environment["SNA_DEBUG_LABELS"] != nil  // each layout tried, on stderr
        /// What the legend says of the labels (in every trial: a legend drawn in the image takes room).
        func note(_ count: Int) -> String {
            count == all ? "labels: \(mattering.what); the others small and unlabelled (hover for the id)"
                : "labels: \(count) of \(all) that matter (\(mattering.what)); more would print under \(formatNumber(minLabelPoints)) pt"
        }
        /// The printed label size with the first `count` persons labelled at `font`.
        func trial(_ count: Int, _ font: Double) throws -> (printed: Double, scale: Double) {
            w.labelled = mask(mattering.order.prefix(count), n)
            w.labelFontSize = font
            w.droppedLabelsNote = note(count)
            // The legend drawn in the image grows as the drawing shrinks (and widens it): sized
            // from the last layout's scale, as the image will be drawn.
            w.legendFontSize = min(10 / lastScale, 40).rounded()
            let (s, laid) = try scaled(w)
            if layouts == 0 && engine == .neato {
                // Later trials start from this one's positions: neato's stress layout then
                // starts where it would end, and what is left is mostly the overlap removal for
                // the new label sizes (less than half the time of a layout from scratch).
                w.startPositions = laid.positions
            }
            lastScale = s
            layouts += 1
            if debug { FileHandle.standardError.write(Data("labels: layout \(layouts) count \(count)/\(all) font \(font) scale \(s) printed \(font * s)\n".utf8)) }
            return (font * s, s)
        }
        // 1. Everyone that matters, the labels grown until they print large enough. Larger labels
        //    enlarge the drawing too, so the printed size levels off when the labels fill it.
        var count = all
        var font = labelPoints
        var (printed, scaleNow) = try trial(count, font)
        var previous = (font: 0.0, printed: 0.0)
        while printed < minLabelPoints * 0.995 && font < largest && printed > previous.printed * 1.08 && layouts < 6 {
            if previous.font > 0 {
                // 1/printed ≈ a/font + b (the drawing's size grows with the labels'): the
                // printed size levels off at 1/b. Well below the target, no label size will do:
                // the largest is taken, and step 2 finds how many fit.
                let b = (font / printed - previous.font / previous.printed) / (font - previous.font)
                if b > 0 && 1 / b < minLabelPoints * 0.9 {
                    // The estimate at the largest size (above what a layout gives, so still a
                    // failure) starts step 2 without a layout of its own.
                    let a = font / printed - b * font
                    font = largest
                    printed = font / (a + b * font)
                    break
                }
            }
            previous = (font, printed)
            font = min(largest, font * minLabelPoints / printed * 1.05)
            (printed, scaleNow) = try trial(count, font)
        }
        // 2. Too many labels for the page: the most important that fit. When the labels fill
        //    the drawing, the printed size falls about as a power of how many are labelled
        //    (printed ≈ c · count^−α; α is ½ when the labels fill the drawing, whose side grows
        //    with the root of their area, and nearer 1 when the unlabelled persons take room
        //    too), so each next count is guessed from the last two trials (α from them, ¾ at
        //    first) inside the bracket still open: a failed count above, a fitting one below.
        //    Usually two or three layouts; after five guesses, a bisection.
        //    A count that falls just short gets the label size grown once more.
        if printed < minLabelPoints * 0.995 && count > least {
            let target = minLabelPoints * 0.995
            /// Whether the first `k` fit, at which label size, and the printed size at the
            /// common size (what the guesses are made from).
            func fitting(_ k: Int) throws -> (ok: Bool, font: Double, printed: Double) {
                let t = try trial(k, font)
                if t.printed < target && t.printed >= target * 0.94 && font < largest {
                    let f = min(largest, font * minLabelPoints / t.printed * 1.05)
                    if try trial(k, f).printed >= target { return (true, f, t.printed) }
                }
                return (t.printed >= target, font, t.printed)
            }
            var fits: (count: Int, font: Double)?
            var lo = least - 1, hi = count           // lo fits (or is below the least), hi does not
            var points: [(count: Double, printed: Double)] = [(Double(count), printed)]
            while hi - lo > 1 {
                var alpha = 0.75
                if points.count >= 2 {
                    let a = points[points.count - 2], b = points[points.count - 1]
                    let fitted = -log(b.printed / a.printed) / log(b.count / a.count)
                    if fitted.isFinite && fitted > 0.05 && fitted < 4 { alpha = fitted }
                }
                let last = points[points.count - 1]
                let guess = last.count * pow(last.printed / target, 1 / alpha)
                // Inside the open bracket; a guess at its edge moves one step in.
                let guided = points.count <= 5 && guess.isFinite && guess < Double(Int.max / 2)
                let k = min(hi - 1, max(lo + 1, guided ? Int(guess.rounded(.down)) : (lo + hi + 1) / 2))
                let t = try fitting(k)
                points.append((Double(k), t.printed))
                if t.ok {
                    fits = (k, t.font)
                    lo = k
                } else {
                    hi = k
                }
            }
            count = fits?.count ?? least
            font = fits?.font ?? largest
        }
        // The image is drawn as the last layout that was kept.
        (printed, scaleNow) = try trial(count, font)
        let pt = formatNumber((printed * 10).rounded() / 10)
        var shortfall: String?
        if count < all {
            shortfall = "labelled \(count) of the \(all) persons that matter (\(mattering.what)), the most important first: more labels would print under \(formatNumber(minLabelPoints)) pt at this size; draw a split (by cluster: --view cluster:N; by group: --links or a smaller view) or a larger --size"
        }
        if printed < minLabelPoints * 0.995 {
            shortfall = "labels print at \(pt) pt, under \(formatNumber(minLabelPoints)) pt, even for \(count == 1 ? "the one person that matters" : "the \(count) persons that matter") most: draw a smaller view or a larger --size"
            w.droppedLabelsNote = "labels print at \(pt) pt: the view is too large for its page (draw it split by cluster or group)"
        }
        var data = try draw(w, scale: scaleNow)
        if format == .svg {
            // A detour can widen the drawing a little: the size as printed is the final image's.
            if let s = drawnScale(data) { printed = font * s }
            data = exactScale(data)
        }
        return Drawn(data: data, labelsDropped: false,
                     labelled: count, mattering: all, printedPoints: printed, shortfall: shortfall, labelNote: w.droppedLabelsNote)
    }

    /// Graphviz writes the SVG's scale with two decimals (`scale(0.1 0.1)` for 0.1047), so a
    /// drawing scaled far down is drawn up to 5–10 % smaller than its viewBox and its labels
    /// print smaller than computed. The exact scale is the viewBox width over the background
    /// polygon's width (both exact); this writes it back.
    public static func exactScale(_ data: Data) -> Data {
        let svg = String(decoding: data, as: UTF8.self)
        guard let (exact, tr) = scaleAndTransform(svg) else { return data }
        let text = formatNumber((exact * 1e6).rounded() / 1e6)
        return Data(svg.replacingCharacters(in: tr, with: "transform=\"scale(\(text) \(text))").utf8)
    }

    /// The scale a Graphviz SVG draws at (1: not scaled down), from its viewBox and drawing.
    static func drawnScale(_ data: Data) -> Double? {
        scaleAndTransform(String(decoding: data, as: UTF8.self))?.scale
    }

    static func scaleAndTransform(_ svg: String) -> (scale: Double, transform: Range<String.Index>)? {
        // A byte scan (the SVG is ASCII where these attributes are): the viewBox, the first
        // `transform="scale(a b)` and the white background polygon after it.
        let u = Array(svg.utf8)
        func find(_ needle: String, from: Int) -> Int? {
            let n = Array(needle.utf8)
            guard !n.isEmpty, u.count >= n.count, from <= u.count - n.count else { return nil }
            var i = from
            while i <= u.count - n.count {
                if u[i] == n[0] {
                    var k = 1
                    while k < n.count && u[i + k] == n[k] { k += 1 }
                    if k == n.count { return i }
                }
                i += 1
            }
            return nil
        }
        func until(_ byte: UInt8, from: Int) -> Int? {
            var i = from
            while i < u.count { if u[i] == byte { return i }; i += 1 }
            return nil
        }
        func text(_ a: Int, _ b: Int) -> String { String(decoding: u[a..<b], as: UTF8.self) }
        func isNumber(_ t: String, allowed: String) -> Bool { !t.isEmpty && t.allSatisfy { allowed.contains($0) } }
        guard let vb = find("viewBox=\"", from: 0), let vbEnd = until(UInt8(ascii: "\""), from: vb + 9),
              isNumber(text(vb + 9, vbEnd), allowed: "-0123456789. ") else { return nil }
        // The transform: scale(a b) with a and b plain numbers.
        var trStart = 0, trEnd = 0, from = 0
        while true {
            guard let t = find("transform=\"scale(", from: from) else { return nil }
            if let close = until(UInt8(ascii: ")"), from: t + 17) {
                let inside = text(t + 17, close).split(separator: " ", omittingEmptySubsequences: false)
                if inside.count == 2, inside.allSatisfy({ isNumber(String($0), allowed: "0123456789.") }) {
                    trStart = t; trEnd = close + 1
                    break
                }
            }
            from = t + 1
        }
        // The first white background polygon after it, with its points.
        var points: [Double] = []
        from = trEnd
        while true {
            guard let p = find("<polygon fill=\"white\" stroke=\"", from: from) else { return nil }
            if let q = until(UInt8(ascii: "\""), from: p + 30), u[(p + 30)..<q].allSatisfy({ (97...122).contains($0) }), q > p + 30,
               u.count > q + 10, text(q, q + 10) == "\" points=\"", let r = until(UInt8(ascii: "\""), from: q + 10),
               isNumber(text(q + 10, r), allowed: "-0123456789., ") {
                points = text(q + 10, r).split(separator: " ").compactMap { p in p.split(separator: ",").first.flatMap { Double($0) } }
                break
            }
            from = p + 1
        }
        let box = text(vb + 9, vbEnd).split(separator: " ").compactMap { Double($0) }
        guard box.count == 4, let lo = points.min(), let hi = points.max(), hi > lo, box[2] > 0 else { return nil }
        let exact = box[2] / (hi - lo)
        guard exact.isFinite, exact > 0, exact <= 1.0001 else { return nil }
        let utf8 = svg.utf8
        let range = utf8.index(utf8.startIndex, offsetBy: trStart)..<utf8.index(utf8.startIndex, offsetBy: trEnd)
        return (min(exact, 1), range)
    }

    static func mask<S: Sequence>(_ nodes: S, _ n: Int) -> [Bool] where S.Element == Int {
        var m = [Bool](repeating: false, count: n)
        for v in nodes { m[v] = true }
        return m
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
        s += "  graph [charset=\"UTF-8\", overlap=false, splines=true, forcelabels=true, size=\"\(pageSize)\", pad=0.3, fontname=\"Helvetica\", fontsize=\(formatNumber(legendFontSize))"
        s += legendInImage ? ", label=<\(legend)>, labelloc=b, labeljust=l];\n" : "];\n"
        s += "  node [fontname=\"Helvetica\", fontsize=\(formatNumber(nodeFontSize)), style=filled, shape=circle, color=\"#555555\"];\n"
        s += "  edge [color=\"#33333399\", fontname=\"Helvetica\", fontsize=\(formatNumber(nodeFontSize * 0.85))];\n"
        for c in shown {
            let members = p.clusters[c]
            var counts: [String: Int] = [:]
            for v in members { if let x = groups[v] { counts[x, default: 0] += 1 } }
            let label = "cluster \(c)\n\(members.count) persons\n" + ClusterOverview.majority(counts, of: members.count)
            // Area follows members: the diameter grows with the square root, the size fixed
            // whatever the label's size; a label that does not fit its circle is set beside it.
            let size = 2.4 * (Double(members.count) / Double(maxSize)).squareRoot()
            let fill = colours["cluster \(c)"] ?? DOTWriter.noValueColor
            // A circle too small for its label shows its number only (the rest in the tooltip
            // and the Clusters table); one too small even for that has the number beside it.
            func fits(_ text: String) -> Bool {
                let lines = text.split(separator: "\n")
                let width = Double(lines.map(\.count).max() ?? 0) * 0.52 * nodeFontSize / 72
                let height = Double(lines.count) * 1.2 * nodeFontSize / 72
                return (width * width + height * height).squareRoot() <= size * 0.98
            }
            let text = fits(label) ? "label=\(DOTWriter.quote(label))"
                : fits(String(c)) ? "label=\"\(c)\"" : "label=\"\", xlabel=\"\(c)\""
            s += "  \"c\(c)\" [\(text), width=\(formatNumber((size * 1000).rounded() / 1000)), fixedsize=true, fillcolor=\"\(fill)\", tooltip=\(DOTWriter.quote(label.replacingOccurrences(of: "\n", with: " · ")))];\n"
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
                              pageSize: String, legendInImage: Bool = true, engine: LayoutEngine = .neato, format: RenderFormat,
                              minLabelPoints: Double = 6) throws -> Data {
        func make(_ scale: Double, _ font: Double) -> String {
            dot(net, p, title: title, subtitle: subtitle, groups: groups, pageSize: pageSize,
                legendFontSize: min(10 / scale, 40).rounded(), nodeFontSize: font.rounded(), legendInImage: legendInImage)
        }
        guard format != .dot, GraphvizRenderer.isAvailable else {
            return try GraphvizRenderer.shared.render(dot: make(1, 12), engine: engine, format: format)
        }
        // Labels grown until they print at `minLabelPoints` (larger labels enlarge the circles
        // and so the drawing: a few layouts).
        var font = 12.0, scale = try GraphvizRenderer.shared.scale(dot: make(1, font), engine: engine)
        for _ in 0..<4 where font * scale < minLabelPoints && font < 72 {
            font = min(72, font * minLabelPoints / (font * scale) * 1.05)
            scale = try GraphvizRenderer.shared.scale(dot: make(scale, font), engine: engine)
        }
        let data = try GraphvizRenderer.shared.render(dot: make(scale, font), engine: engine, format: format)
        return format == .svg ? NetworkImage.exactScale(data) : data
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
