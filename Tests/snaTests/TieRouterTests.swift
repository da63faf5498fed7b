import Foundation
import Testing
import Rendering

/// Ties routed around the persons they do not join, after the layout (``TieRouter``).
@Suite("tie router")
struct TieRouterTests {
    typealias P = TieRouter.Point

    /// Whether a drawn route (cubic Bézier control points) passes inside an ellipse.
    static func passesInside(_ r: TieRouter.Route, _ o: TieRouter.Obstacle) -> Bool {
        let c = r.points
        for i in stride(from: 0, to: c.count - 3, by: 3) {
            for k in 0...40 {
                let t = Double(k) / 40, u = 1 - t
                let x = u * u * u * c[i].x + 3 * u * u * t * c[i + 1].x + 3 * u * t * t * c[i + 2].x + t * t * t * c[i + 3].x
                let y = u * u * u * c[i].y + 3 * u * u * t * c[i + 1].y + 3 * u * t * t * c[i + 2].y + t * t * t * c[i + 3].y
                if pow((x - o.centre.x) / o.rx, 2) + pow((y - o.centre.y) / o.ry, 2) < 1 { return true }
            }
        }
        return false
    }

    @Test("a tie under a third person is routed around it; clear ties are left alone")
    func aroundOne() {
        let nodes = [TieRouter.Obstacle(centre: P(0, 0), rx: 10, ry: 10),
                     TieRouter.Obstacle(centre: P(100, 0), rx: 10, ry: 10),
                     TieRouter.Obstacle(centre: P(50, 2), rx: 12, ry: 8),
                     TieRouter.Obstacle(centre: P(50, 80), rx: 10, ry: 10)]
        let ties = [TieRouter.Tie(tail: 0, head: 1), TieRouter.Tie(tail: 0, head: 3), TieRouter.Tie(tail: 2, head: 3)]
        let routes = TieRouter.route(nodes, ties, margin: 2)
        #expect(routes.keys.sorted() == [0])
        let r = try! #require(routes[0])
        #expect(!Self.passesInside(r, nodes[2]))
        #expect((r.points.count - 1) % 3 == 0 && r.points.count >= 7)
        // It starts and ends on the two persons' outlines.
        #expect(abs(r.points[0].distance(nodes[0].centre) - 10) < 1e-6)
        #expect(abs(r.points.last!.distance(nodes[1].centre) - 10) < 1e-6)
        // Same input, same drawing.
        #expect(TieRouter.route(nodes, ties, margin: 2)[0] == r)
    }

    @Test("a row of persons and boxes: the tie finds a way round all of them, arrowheads kept")
    func aroundMany() {
        var nodes = [TieRouter.Obstacle(centre: P(0, 0), rx: 8, ry: 8), TieRouter.Obstacle(centre: P(300, 0), rx: 8, ry: 8)]
        for k in 1...9 { nodes.append(TieRouter.Obstacle(centre: P(Double(k) * 30, Double(k % 3) * 4 - 4), rx: 9, ry: 7, box: k == 5)) }
        let routes = TieRouter.route(nodes, [TieRouter.Tie(tail: 0, head: 1, endArrow: 10)], margin: 2)
        let r = try! #require(routes[0])
        for o in nodes.dropFirst(2) where !o.box { #expect(!Self.passesInside(r, o)) }
        // The arrow's tip is on the head's outline, the curve stops an arrowhead short of it.
        let tip = try! #require(r.endTip)
        #expect(abs(tip.distance(nodes[1].centre) - 8) < 1e-6)
        #expect(abs(r.points.last!.distance(tip) - 10) < 1e-6)
        #expect(r.graphvizPos.hasPrefix("e,"))
    }

    @Test("Graphviz: a laid-out tie under a person is redrawn around it, the positions kept", .enabled(if: GraphvizRenderer.isAvailable))
    func graphviz() throws {
        // Pinned positions: a -- c runs straight through b.
        let dot = """
        graph t { node [shape=ellipse, width=0.5, height=0.5, fixedsize=true];
          a [pos="0,0!"]; b [pos="1.5,0.05!"]; c [pos="3,0!"]; d [pos="1.5,1.5!"];
          a -- c [color="#333333:#0072B2"]; a -- d; b -- d; }
        """
        let straight = String(decoding: try GraphvizRenderer.shared.render(dot: dot, engine: .neato, format: .svg), as: UTF8.self)
        #expect(MeetingViewTests.crossings(straight) == 1)
        let routed = String(decoding: try GraphvizRenderer.shared.render(dot: dot, engine: .neato, format: .svg, routeTiesWithMargin: 2), as: UTF8.self)
        #expect(MeetingViewTests.crossings(routed) == 0)
        // Each node is where the layout put it (the drawing may grow to hold a detour, which
        // moves the origin, not the persons relative to each other).
        func centres(_ svg: String) -> [[Double]] {
            let c = svg.components(separatedBy: "<ellipse").dropFirst().map { e in
                ["cx", "cy"].map { Double(e.components(separatedBy: "\($0)=\"")[1].prefix(while: { $0 != "\"" }))! }
            }
            return c.map { [$0[0] - c[0][0], $0[1] - c[0][1]] }
        }
        #expect(centres(straight) == centres(routed) && centres(routed).count == 4)
        // A tie of two kinds is still two parallel lines.
        #expect(routed.components(separatedBy: "stroke=\"#0072b2\"").count + routed.components(separatedBy: "stroke=\"#0072B2\"").count - 2 >= 1)
        // Directed ties keep their arrowheads.
        let di = dot.replacingOccurrences(of: "graph t", with: "digraph t").replacingOccurrences(of: " -- ", with: " -> ")
        let arrows = String(decoding: try GraphvizRenderer.shared.render(dot: di, engine: .neato, format: .svg, routeTiesWithMargin: 2), as: UTF8.self)
        #expect(arrows.components(separatedBy: "<polygon").count - 1 >= 4)
    }
}
