#if Graphviz
import CGraphviz
#endif
import Foundation

/// Output formats Graphviz renders to (DOT needs no Graphviz).
public enum RenderFormat: String, CaseIterable, Sendable {
    case dot, svg, png, pdf
}

/// Graphviz layout engines.
public enum LayoutEngine: String, CaseIterable, Sendable {
    case dot, neato, fdp, sfdp, circo
}

/// Layout choices by image size, shared by `sna render` and the meeting pack.
public enum LayoutDefaults {
    /// Above this many nodes, sfdp (multilevel force-directed) instead of neato.
    public static let sfdpAbove = 150
    /// Above this many nodes, no labels (they would be unreadable).
    public static let unlabelledAbove = 400
    /// Above this many nodes, `sna render` refuses (the image would be a hairball).
    public static let refuseAbove = 5000
}

/// Why a render failed. Graphviz's own text (e.g. `syntax error in line 1 near ';'`) is kept in
/// the message, never printed raw.
public enum RenderError: Error, CustomStringConvertible, Equatable, Sendable {
    case unavailable
    case syntax(String)
    case layout(engine: String, message: String)
    case render(format: String, message: String)

    public var description: String {
        switch self {
        case .unavailable:
            return "this sna was built without Graphviz: install libgraphviz-dev (apt-get install libgraphviz-dev) and rebuild, or use --format dot and render with the dot/sfdp command"
        case .syntax(let m): return "Graphviz could not read the DOT: \(m)"
        case let .layout(e, m): return "Graphviz layout '\(e)' failed: \(m)"
        case let .render(f, m): return "Graphviz could not render \(f): \(m)"
        }
    }
}

/// Renders DOT in-process through libgraphviz (libgvc + libcgraph).
///
/// The wrapper owns every C pointer: it reads the DOT from memory (`agmemread`), lays it out
/// (`gvLayout`), renders to a buffer (`gvRenderData`) and frees the buffer, the layout and the
/// graph before returning. Facts measured with Graphviz 2.42 (Debian 12) shape it:
/// - concurrent renders from two threads crash inside libcgraph, so every call holds one lock;
/// - a fresh `gvContext()` per render leaks a few KB each time, so one context lives for the
///   process;
/// - Graphviz reports errors through a callback (`agseterrf`); the text is captured and
///   returned as a ``RenderError``;
/// - a layout cannot be cancelled once started: callers bound the input instead (see
///   ``LayoutDefaults``).
public final class GraphvizRenderer: @unchecked Sendable {
    public static let shared = GraphvizRenderer()

    /// Whether this build can render (the `Graphviz` package trait).
    public static var isAvailable: Bool {
        #if Graphviz
        return true
        #else
        return false
        #endif
    }

    private let lock = NSLock()
    #if Graphviz
    private let context: OpaquePointer?
    #endif

    private init() {
        #if Graphviz
        context = gvContext()
        #endif
    }

    /// Renders `dot` with `engine` to `format` (svg, png or pdf; dot returns the input).
    public func render(dot: String, engine: LayoutEngine, format: RenderFormat) throws -> Data {
        if format == .dot { return Data(dot.utf8) }
        return try render(dot: dot, engine: engine, formatName: format.rawValue)
    }

    /// How far Graphviz scales the drawing down to fit its `size` attribute (1: not at all),
    /// from one layout (Graphviz's `plain` output starts `graph SCALE WIDTH HEIGHT`).
    public func scale(dot: String, engine: LayoutEngine) throws -> Double {
        let plain = try render(dot: dot, engine: engine, formatName: "plain")
        let first = String(decoding: plain.prefix(200), as: UTF8.self).split(separator: "\n").first ?? ""
        let parts = first.split(separator: " ")
        guard parts.count >= 2, parts[0] == "graph", let s = Double(parts[1]), s > 0, s.isFinite else { return 1 }
        return min(s, 1)
    }

    /// A finished layout: Graphviz's own DOT with every position (`-Tdot`), and the SVG drawn
    /// from it. Drawing it again (``draw(_:format:routeTiesWithMargin:)``) needs no new layout.
    public struct Layout: Sendable {
        public var laidOut: String
        public var svg: Data
        /// Each node's position as Graphviz wrote it ("x,y" in points), by node name: the start
        /// of a warm layout (``DOTWriter/startPositions``).
        public var positions: [String: String] = [:]
    }

    /// Lays `dot` out once and returns both the laid-out DOT and its SVG.
    public func layOut(dot: String, engine: LayoutEngine) throws -> Layout {
        #if Graphviz
        return try withGraph(dot) { context, graph in
            if gvLayout(context, graph, engine.rawValue) != 0 {
                throw RenderError.layout(engine: engine.rawValue, message: GraphvizErrors.text ?? "unknown error")
            }
            defer { gvFreeLayout(context, graph) }
            let laid = try Self.renderData(context, graph, "dot")
            // Rendering as DOT wrote each node's `pos` back as an attribute.
            var positions: [String: String] = [:]
            var node = agfstnode(graph)
            while let n = node {
                if let name = agnameof(UnsafeMutableRawPointer(n)),
                   let pos = "pos".withCString({ agget(UnsafeMutableRawPointer(n), UnsafeMutablePointer(mutating: $0)) }) {
                    positions[String(cString: name)] = String(cString: pos)
                }
                node = agnxtnode(graph, n)
            }
            let svg = try Self.renderData(context, graph, "svg")
            return Layout(laidOut: String(decoding: laid, as: UTF8.self), svg: svg, positions: positions)
        }
        #else
        throw RenderError.unavailable
        #endif
    }

    /// Draws a finished layout as `format` with the positions kept (Graphviz's `nop2`, as
    /// `neato -n2` does); with `margin`, the ties that run under a third person are first
    /// redrawn around it (``TieRouter``, `margin` points clear).
    public func draw(_ layout: Layout, format: RenderFormat, routeTiesWithMargin margin: Double?) throws -> Data {
        if format == .dot { return Data(layout.laidOut.utf8) }
        #if Graphviz
        return try withGraph(layout.laidOut) { context, graph in
            if let margin { Self.reroute(graph, margin: margin) }
            if gvLayout(context, graph, "nop2") != 0 {
                throw RenderError.layout(engine: "nop2", message: GraphvizErrors.text ?? "unknown error")
            }
            defer { gvFreeLayout(context, graph) }
            return try Self.renderData(context, graph, format.rawValue)
        }
        #else
        throw RenderError.unavailable
        #endif
    }

    /// Renders `dot` with `engine`, then redraws the ties that run under a third person around
    /// it (``TieRouter``, `margin` points clear). The DOT must not ask for `splines`: the layout
    /// draws straight ties and only the ones that need it are rerouted.
    public func render(dot: String, engine: LayoutEngine, format: RenderFormat, routeTiesWithMargin margin: Double) throws -> Data {
        if format == .dot { return Data(dot.utf8) }
        return try draw(layOut(dot: dot, engine: engine), format: format, routeTiesWithMargin: margin)
    }

    #if Graphviz
    /// Reads `dot` into a graph and runs `body` on it under the lock, with Graphviz's errors
    /// captured; the graph is closed afterwards.
    private func withGraph<T>(_ dot: String, _ body: (OpaquePointer, UnsafeMutablePointer<Agraph_t>) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        guard let context else { throw RenderError.unavailable }
        GraphvizErrors.reset()
        _ = agseterr(AGERR)
        let previous = agseterrf(graphvizErrorHandler)
        defer { _ = agseterrf(previous) }
        guard let graph = dot.withCString({ agmemread($0) }) else {
            throw RenderError.syntax(GraphvizErrors.text ?? "unreadable input")
        }
        defer { agclose(graph) }
        return try body(context, graph)
    }

    private static func renderData(_ context: OpaquePointer, _ graph: UnsafeMutablePointer<Agraph_t>, _ format: String) throws -> Data {
        var buffer: UnsafeMutablePointer<CChar>?
        var length: UInt32 = 0
        if gvRenderData(context, graph, format, &buffer, &length) != 0 || buffer == nil {
            if let buffer { gvFreeRenderData(buffer) }
            throw RenderError.render(format: format, message: GraphvizErrors.text ?? "no output (is the cairo plugin installed?)")
        }
        defer { gvFreeRenderData(buffer) }
        return Data(bytes: buffer!, count: Int(length))
    }
    #endif

    #if Graphviz
    /// Reads the laid-out nodes and ties from the graph's attributes and writes the rerouted
    /// ties' `pos` back.
    private static func reroute(_ graph: UnsafeMutablePointer<Agraph_t>, margin: Double) {
        func get<T>(_ obj: UnsafeMutablePointer<T>, _ name: String) -> String? {
            name.withCString { n in agget(UnsafeMutableRawPointer(obj), UnsafeMutablePointer(mutating: n)) }.map { String(cString: $0) }
        }
        func numbers(_ s: Substring) -> [Double] { s.split(separator: ",").compactMap { Double($0) } }
        var obstacles: [TieRouter.Obstacle] = []
        var index: [UnsafeMutablePointer<Agnode_t>: Int] = [:]
        var node = agfstnode(graph)
        while let n = node {
            let p = numbers(Substring(get(n, "pos") ?? ""))
            let w = Double(get(n, "width") ?? "") ?? 0, h = Double(get(n, "height") ?? "") ?? 0
            if p.count >= 2 {
                let shape = get(n, "shape") ?? "ellipse"
                index[n] = obstacles.count
                obstacles.append(TieRouter.Obstacle(centre: .init(p[0], p[1]), rx: w * 36, ry: h * 36,
                                                    box: ["box", "rect", "rectangle", "square", "plaintext", "plain", "none", "note", "tab", "folder"].contains(shape)))
            }
            node = agnxtnode(graph, n)
        }
        var edges: [UnsafeMutablePointer<Agedge_t>] = []
        var ties: [TieRouter.Tie] = []
        node = agfstnode(graph)
        while let n = node {
            var edge = agfstout(graph, n)
            while let e = edge {
                if let tn = sna_agtail(e), let hn = sna_aghead(e), let t = index[tn], let h = index[hn], let pos = get(e, "pos") {
                    // "s,x,y" and "e,x,y" are arrow tips; the arrowhead's length is the distance
                    // from the tip to the nearest end of the curve.
                    let parts = pos.split(separator: " ")
                    let curve = parts.filter { !$0.hasPrefix("s,") && !$0.hasPrefix("e,") }.map(numbers)
                    func arrow(_ prefix: String, _ end: [Double]?) -> Double {
                        guard let tip = parts.first(where: { $0.hasPrefix(prefix) }).map({ numbers($0.dropFirst(2)) }),
                              tip.count == 2, let end, end.count == 2 else { return 0 }
                        return ((tip[0] - end[0]) * (tip[0] - end[0]) + (tip[1] - end[1]) * (tip[1] - end[1])).squareRoot()
                    }
                    edges.append(e)
                    ties.append(TieRouter.Tie(tail: t, head: h, startArrow: arrow("s,", curve.first), endArrow: arrow("e,", curve.last)))
                }
                edge = agnxtout(graph, e)
            }
            node = agnxtnode(graph, n)
        }
        let routes = TieRouter.route(obstacles, ties, margin: margin)
        for k in routes.keys.sorted() {
            let value = routes[k]!.graphvizPos
            let object = UnsafeMutableRawPointer(edges[k])
            let name = strdup("pos"), text = strdup(value), empty = strdup("")
            defer { free(name); free(text); free(empty) }
            _ = agsafeset(object, name, text, empty)
        }
    }
    #endif

    private func render(dot: String, engine: LayoutEngine, formatName: String) throws -> Data {
        #if Graphviz
        return try withGraph(dot) { context, graph in
            if gvLayout(context, graph, engine.rawValue) != 0 {
                throw RenderError.layout(engine: engine.rawValue, message: GraphvizErrors.text ?? "unknown error")
            }
            defer { gvFreeLayout(context, graph) }
            return try Self.renderData(context, graph, formatName)
        }
        #else
        throw RenderError.unavailable
        #endif
    }
}

#if Graphviz
/// Graphviz's error text for the render in progress (guarded by the renderer's lock).
enum GraphvizErrors {
    nonisolated(unsafe) static var buffer = ""
    static func reset() { buffer = "" }
    static var text: String? {
        let t = buffer.trimmingCharacters(in: .whitespacesAndNewlines)
        return t.isEmpty ? nil : t
    }
}

/// C callback for `agseterrf`: collects the message instead of printing it.
private let graphvizErrorHandler: @convention(c) (UnsafeMutablePointer<CChar>?) -> Int32 = { message in
    if let message { GraphvizErrors.buffer += String(cString: message) }
    return 0
}
#endif
