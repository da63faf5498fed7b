import Foundation

/// Routes the ties that would run under an unrelated person around them, after the layout.
///
/// Graphviz's own router (`splines=true`) builds a visibility graph over every node's polygon
/// and routes every tie through it: on a 34-person ego view with 216 ties it took 0.6 s of a
/// 0.02 s drawing, and it is what made the pack slow. Most ties of a force-directed layout
/// already run clear, so this router leaves them straight and reroutes only the ties that pass
/// under a third person: for each, a shortest path through the corners of octagons drawn just
/// outside the persons near the tie (a local visibility graph, widened when no path is found),
/// drawn as a smooth curve through those corners when the curve stays clear and as straight
/// pieces otherwise. Pure geometry in Graphviz's coordinates (points); deterministic.
public enum TieRouter {
    public struct Point: Equatable, Sendable {
        public var x: Double
        public var y: Double
        public init(_ x: Double, _ y: Double) { self.x = x; self.y = y }
        static func + (a: Point, b: Point) -> Point { Point(a.x + b.x, a.y + b.y) }
        static func - (a: Point, b: Point) -> Point { Point(a.x - b.x, a.y - b.y) }
        static func * (a: Point, s: Double) -> Point { Point(a.x * s, a.y * s) }
        public func distance(_ b: Point) -> Double { ((x - b.x) * (x - b.x) + (y - b.y) * (y - b.y)).squareRoot() }
    }

    /// A drawn node: an ellipse (circle) or a box, centre and half sizes in points.
    public struct Obstacle: Sendable {
        public var centre: Point
        public var rx: Double
        public var ry: Double
        public var box: Bool
        public init(centre: Point, rx: Double, ry: Double, box: Bool = false) {
            self.centre = centre; self.rx = rx; self.ry = ry; self.box = box
        }
    }

    /// A drawn tie between two obstacles (indices), with the arrowhead lengths Graphviz drew
    /// at its ends (0: none).
    public struct Tie: Sendable {
        public var tail: Int
        public var head: Int
        public var startArrow: Double
        public var endArrow: Double
        public init(tail: Int, head: Int, startArrow: Double = 0, endArrow: Double = 0) {
            self.tail = tail; self.head = head; self.startArrow = startArrow; self.endArrow = endArrow
        }
    }

    /// A tie's new drawing: the cubic Bézier control points (3k + 1) and the arrow tips.
    public struct Route: Equatable, Sendable {
        public var points: [Point]
        public var startTip: Point?
        public var endTip: Point?

        /// Graphviz's `pos` for an edge: `[s,x,y] [e,x,y] p0 p1 … p3k`.
        public var graphvizPos: String {
            func f(_ p: Point) -> String { "\(num(p.x)),\(num(p.y))" }
            var parts: [String] = []
            if let s = startTip { parts.append("s," + f(s)) }
            if let e = endTip { parts.append("e," + f(e)) }
            return (parts + points.map(f)).joined(separator: " ")
        }

        private func num(_ v: Double) -> String { String(format: "%.2f", v) }
    }

    /// Whether the straight line from `a` to `b` comes within `margin` of obstacle `o`.
    static func hits(_ a: Point, _ b: Point, _ o: Obstacle, margin: Double) -> Bool {
        if o.box {
            return segmentHitsBox(a, b, lo: Point(o.centre.x - o.rx - margin, o.centre.y - o.ry - margin),
                                  hi: Point(o.centre.x + o.rx + margin, o.centre.y + o.ry + margin))
        }
        // In the ellipse's own scale the inflated ellipse is the unit circle.
        let sx = o.rx + margin, sy = o.ry + margin
        let p = Point((a.x - o.centre.x) / sx, (a.y - o.centre.y) / sy)
        let q = Point((b.x - o.centre.x) / sx, (b.y - o.centre.y) / sy)
        let d = q - p
        let len2 = d.x * d.x + d.y * d.y
        var t = len2 > 0 ? -(p.x * d.x + p.y * d.y) / len2 : 0
        t = min(1, max(0, t))
        let c = p + d * t
        return c.x * c.x + c.y * c.y < 1 - 1e-9
    }

    static func segmentHitsBox(_ a: Point, _ b: Point, lo: Point, hi: Point) -> Bool {
        var t0 = 0.0, t1 = 1.0
        let d = b - a
        for (p, q) in [(-d.x, a.x - lo.x), (d.x, hi.x - a.x), (-d.y, a.y - lo.y), (d.y, hi.y - a.y)] {
            if p == 0 {
                if q <= 0 { return false }
            } else {
                let r = q / p
                if p < 0 { if r > t1 { return false }; if r > t0 { t0 = r } }
                else { if r < t0 { return false }; if r < t1 { t1 = r } }
            }
        }
        return t1 - t0 > 1e-9
    }

    static func inside(_ p: Point, _ o: Obstacle, margin: Double) -> Bool {
        let dx = (p.x - o.centre.x) / (o.rx + margin), dy = (p.y - o.centre.y) / (o.ry + margin)
        return o.box ? abs(dx) < 1 && abs(dy) < 1 : dx * dx + dy * dy < 1
    }

    /// Obstacles by grid cell, so a segment is tested against the obstacles near it only.
    struct Grid {
        var cell: Double
        var lo: Point
        var columns: Int, rows: Int
        var buckets: [[Int]]
        let obstacles: [Obstacle]
        let margin: Double

        init(_ obstacles: [Obstacle], margin: Double) {
            self.obstacles = obstacles
            self.margin = margin
            var lx = Double.infinity, ly = Double.infinity, hx = -Double.infinity, hy = -Double.infinity
            var size = 0.0
            for o in obstacles {
                lx = min(lx, o.centre.x - o.rx); ly = min(ly, o.centre.y - o.ry)
                hx = max(hx, o.centre.x + o.rx); hy = max(hy, o.centre.y + o.ry)
                size += 2 * max(o.rx, o.ry)
            }
            if obstacles.isEmpty { lx = 0; ly = 0; hx = 1; hy = 1 }
            lo = Point(lx - margin, ly - margin)
            cell = max(1, 2 * size / Double(max(1, obstacles.count)))
            columns = max(1, min(512, Int(((hx - lx + 2 * margin) / cell).rounded(.up))))
            rows = max(1, min(512, Int(((hy - ly + 2 * margin) / cell).rounded(.up))))
            cell = max(cell, (hx - lx + 2 * margin) / Double(columns), (hy - ly + 2 * margin) / Double(rows))
            buckets = Array(repeating: [], count: columns * rows)
            for (i, o) in obstacles.enumerated() {
                let (c0, r0) = index(Point(o.centre.x - o.rx - margin, o.centre.y - o.ry - margin))
                let (c1, r1) = index(Point(o.centre.x + o.rx + margin, o.centre.y + o.ry + margin))
                for r in r0...r1 { for c in c0...c1 { buckets[r * columns + c].append(i) } }
            }
        }

        func index(_ p: Point) -> (Int, Int) {
            (min(columns - 1, max(0, Int((p.x - lo.x) / cell))), min(rows - 1, max(0, Int((p.y - lo.y) / cell))))
        }

        /// An obstacle other than `a` and `b` the segment comes within the margin of, or nil
        /// (the first found, cells visited along the segment in order: deterministic).
        func blocker(_ p: Point, _ q: Point, except a: Int, _ b: Int, margin m: Double? = nil) -> Int? {
            let m = m ?? margin
            let minX = min(p.x, q.x) - m, maxX = max(p.x, q.x) + m, minY = min(p.y, q.y) - m, maxY = max(p.y, q.y) + m
            func test(_ i: Int) -> Bool {
                guard i != a && i != b else { return false }
                let o = obstacles[i]
                // The boxes first: most obstacles in a cell are nowhere near the segment.
                guard o.centre.x + o.rx >= minX, o.centre.x - o.rx <= maxX, o.centre.y + o.ry >= minY, o.centre.y - o.ry <= maxY else { return false }
                return TieRouter.hits(p, q, o, margin: m)
            }
            let (c0, _) = index(Point(minX, 0)), (c1, _) = index(Point(maxX, 0))
            let dx = q.x - p.x
            // Column by column, the rows the segment (widened by the margin) passes through.
            for c in c0...c1 {
                let x0 = max(minX, lo.x + Double(c) * cell), x1 = min(maxX, lo.x + Double(c + 1) * cell)
                var y0: Double, y1: Double
                if abs(dx) < 1e-12 {
                    y0 = minY; y1 = maxY
                } else {
                    let ya = p.y + (q.y - p.y) * (min(max(x0, min(p.x, q.x)), max(p.x, q.x)) - p.x) / dx
                    let yb = p.y + (q.y - p.y) * (min(max(x1, min(p.x, q.x)), max(p.x, q.x)) - p.x) / dx
                    y0 = min(ya, yb) - m; y1 = max(ya, yb) + m
                }
                let (_, r0) = index(Point(0, y0)), (_, r1) = index(Point(0, y1))
                for r in r0...r1 {
                    for i in buckets[r * columns + c] where test(i) { return i }
                }
            }
            return nil
        }

        func insideAny(_ p: Point, except a: Int, _ b: Int) -> Bool {
            let (c, r) = index(p)
            return buckets[r * columns + c].contains { $0 != a && $0 != b && TieRouter.inside(p, obstacles[$0], margin: margin * 0.999) }
        }
    }

    /// New drawings for the ties that pass within `margin` of an obstacle other than their two
    /// ends, keyed by the tie's index; ties that run clear (and ties no route is found for)
    /// are not in the result.
    public static func route(_ obstacles: [Obstacle], _ ties: [Tie], margin: Double) -> [Int: Route] {
        let grid = Grid(obstacles, margin: margin)
        var out: [Int: Route] = [:]
        for (k, t) in ties.enumerated() where t.tail != t.head {
            let a = obstacles[t.tail].centre, b = obstacles[t.head].centre
            // A tie is redrawn when it runs under a person, not when it only grazes the margin.
            guard grid.blocker(a, b, except: t.tail, t.head, margin: 0) != nil,
                  let path = shortestPath(grid, t.tail, t.head) else { continue }
            out[k] = drawing(path, t, grid)
        }
        return out
    }

    /// The octagon corners just outside obstacle `i` (the octagon holds the inflated shape).
    static func corners(_ o: Obstacle, margin: Double) -> [Point] {
        if o.box {
            let dx = o.rx + margin * 1.5, dy = o.ry + margin * 1.5
            return [Point(-dx, -dy), Point(dx, -dy), Point(dx, dy), Point(-dx, dy)].map { o.centre + $0 }
        }
        let k = 1.5 / cos(Double.pi / 8)
        return (0..<8).map { j in
            let a = Double(j) * Double.pi / 4 + Double.pi / 8
            return Point(o.centre.x + (o.rx + margin) * k * cos(a), o.centre.y + (o.ry + margin) * k * sin(a))
        }
    }

    /// The shortest clear polyline between the two ends' centres through obstacle corners near
    /// the tie, or nil.
    static func shortestPath(_ grid: Grid, _ s: Int, _ e: Int) -> [Point]? {
        let obstacles = grid.obstacles
        let a = obstacles[s].centre, b = obstacles[e].centre
        let length = a.distance(b)
        // Start with the persons close to the line (about two persons' widths), then widen.
        var reach = min(max(length * 0.35, 4 * grid.margin), max(grid.cell, 4 * grid.margin))
        for _ in 0..<4 {
            // Obstacles near the straight line (within `reach` of it).
            var near: [Int] = []
            let d = b - a
            let len2 = max(1e-12, d.x * d.x + d.y * d.y)
            for (i, o) in obstacles.enumerated() where i != s && i != e {
                var t = ((o.centre.x - a.x) * d.x + (o.centre.y - a.y) * d.y) / len2
                t = min(1, max(0, t))
                let c = a + d * t
                if c.distance(o.centre) - max(o.rx, o.ry) <= reach { near.append(i) }
            }
            var points = [a, b]
            for i in near {
                for p in corners(obstacles[i], margin: grid.margin) where !grid.insideAny(p, except: s, e) { points.append(p) }
            }
            if let path = dijkstra(points, grid, s, e) { return path }
            reach *= 2.5
        }
        return nil
    }

    /// Dijkstra over the visibility graph of `points` (0: start, 1: end), edges tested lazily.
    static func dijkstra(_ points: [Point], _ grid: Grid, _ s: Int, _ e: Int) -> [Point]? {
        let n = points.count
        var dist = [Double](repeating: .infinity, count: n)
        var prev = [Int](repeating: -1, count: n)
        var done = [Bool](repeating: false, count: n)
        dist[0] = 0
        while true {
            var u = -1
            // A*: the straight distance to the end never overestimates what is left.
            var best = Double.infinity
            for i in 0..<n where !done[i] && dist[i] < .infinity {
                let f = dist[i] + points[i].distance(points[1])
                if f < best { best = f; u = i }
            }
            if u < 0 { return nil }
            if u == 1 { break }
            done[u] = true
            for v in 0..<n where !done[v] {
                let w = dist[u] + points[u].distance(points[v])
                if w < dist[v] - 1e-9, grid.blocker(points[u], points[v], except: s, e) == nil {
                    dist[v] = w
                    prev[v] = u
                }
            }
        }
        var path: [Point] = []
        var v = 1
        while v >= 0 { path.append(points[v]); v = prev[v] }
        return path.reversed()
    }

    /// Where the line from the centre of `o` towards `p` leaves its shape.
    static func boundary(_ o: Obstacle, towards p: Point) -> Point {
        let d = p - o.centre
        if d.x == 0 && d.y == 0 { return o.centre }
        let t: Double
        if o.box {
            t = 1 / max(abs(d.x) / max(o.rx, 1e-9), abs(d.y) / max(o.ry, 1e-9))
        } else {
            t = 1 / ((d.x / o.rx) * (d.x / o.rx) + (d.y / o.ry) * (d.y / o.ry)).squareRoot()
        }
        return o.centre + d * min(1, t)
    }

    /// The drawing of a routed path: clipped at both ends' outlines (less the arrowheads), a
    /// Catmull–Rom curve through the corners when it stays clear of every other obstacle,
    /// straight pieces otherwise.
    static func drawing(_ path: [Point], _ t: Tie, _ grid: Grid) -> Route {
        let obstacles = grid.obstacles
        var pts = path
        pts[0] = boundary(obstacles[t.tail], towards: pts[1])
        pts[pts.count - 1] = boundary(obstacles[t.head], towards: pts[pts.count - 2])
        var startTip: Point?, endTip: Point?
        func shorten(_ tip: Point, _ toward: Point, by len: Double) -> Point {
            let d = toward - tip
            let l = tip.distance(toward)
            return l > len ? tip + d * (len / l) : tip + d * 0.5
        }
        if t.startArrow > 0 { startTip = pts[0]; pts[0] = shorten(pts[0], pts[1], by: t.startArrow) }
        if t.endArrow > 0 { endTip = pts[pts.count - 1]; pts[pts.count - 1] = shorten(pts[pts.count - 1], pts[pts.count - 2], by: t.endArrow) }
        for tension in [1.0, 0.5] {
            let curve = catmullRom(pts, tension: tension)
            if clear(curve, t, grid) { return Route(points: curve, startTip: startTip, endTip: endTip) }
        }
        // Straight pieces with rounded corners (the corner cut shorter until it stays clear).
        for cut in [0.45, 0.25, 0.1] {
            let curve = rounded(pts, cut: cut)
            if clear(curve, t, grid) { return Route(points: curve, startTip: startTip, endTip: endTip) }
        }
        return Route(points: catmullRom(pts, tension: 0), startTip: startTip, endTip: endTip)
    }

    /// Cubic Bézier control points for the polyline `pts` with each corner rounded: the corner
    /// replaced by a curve from `cut` of the way along the piece before it to `cut` of the way
    /// along the piece after it (a quadratic curve with the corner as its control point).
    static func rounded(_ pts: [Point], cut: Double) -> [Point] {
        guard pts.count > 2 else { return catmullRom(pts, tension: 0) }
        var out = [pts[0]]
        func line(to p: Point) {
            let a = out[out.count - 1]
            out.append(a + (p - a) * (1.0 / 3))
            out.append(a + (p - a) * (2.0 / 3))
            out.append(p)
        }
        for i in 1..<(pts.count - 1) {
            let w = pts[i]
            let into = w + (pts[i - 1] - w) * cut, outOf = w + (pts[i + 1] - w) * cut
            line(to: into)
            out.append(into + (w - into) * (2.0 / 3))
            out.append(outOf + (w - outOf) * (2.0 / 3))
            out.append(outOf)
        }
        line(to: pts[pts.count - 1])
        return out
    }

    /// Cubic Bézier control points through `pts` (tension 0: straight pieces).
    static func catmullRom(_ pts: [Point], tension: Double) -> [Point] {
        var out = [pts[0]]
        for i in 0..<(pts.count - 1) {
            let p0 = pts[max(0, i - 1)], p1 = pts[i], p2 = pts[i + 1], p3 = pts[min(pts.count - 1, i + 2)]
            if tension == 0 {
                out.append(p1 + (p2 - p1) * (1.0 / 3))
                out.append(p1 + (p2 - p1) * (2.0 / 3))
            } else {
                out.append(p1 + (p2 - p0) * (tension / 6))
                out.append(p2 - (p3 - p1) * (tension / 6))
            }
            out.append(p2)
        }
        return out
    }

    /// Whether a Bézier curve stays off every obstacle but its ends (sampled).
    static func clear(_ ctrl: [Point], _ t: Tie, _ grid: Grid) -> Bool {
        var last = ctrl[0]
        for i in stride(from: 0, to: ctrl.count - 3, by: 3) {
            let p0 = ctrl[i], p1 = ctrl[i + 1], p2 = ctrl[i + 2], p3 = ctrl[i + 3]
            for k in 1...16 {
                let u = Double(k) / 16, v = 1 - u
                let q = p0 * (v * v * v) + p1 * (3 * v * v * u) + p2 * (3 * v * u * u) + p3 * (u * u * u)
                if grid.blocker(last, q, except: t.tail, t.head, margin: grid.margin * 0.5) != nil { return false }
                last = q
            }
        }
        return true
    }
}
