import Foundation
import Network

/// Small self-contained SVG line charts for the report (no script, no external font).
enum SVGChart {
    struct Series {
        var label: String
        var color: String
        var points: [(x: Double, y: Double)]
        var dashed = false
    }

    /// A line chart over days: `series` share the axes; x labels are the first and last day and
    /// year starts in between; y runs from 0 to a round maximum.
    /// `bands`: spans shaded behind the lines, each labelled at its top (the project's phases).
    static func lines(_ series: [Series], xDays: (first: Day, last: Day), yLabel: String, yMax: Double? = nil,
                      width: Double = 720, height: Double = 260, yFloor: Double = 1,
                      bands: [(label: String, from: Day, to: Day)] = []) -> String {
        let left = 52.0, right = 16.0, top = 16.0, bottom = 44.0
        let plotW = width - left - right, plotH = height - top - bottom
        let x0 = Double(xDays.first.ordinal), x1 = Double(max(xDays.last.ordinal, xDays.first.ordinal + 1))
        let dataMax = series.flatMap { $0.points.map(\.y) }.max() ?? 1
        let top0 = niceCeiling(max(yMax ?? 0, dataMax, yFloor))
        func px(_ x: Double) -> Double { left + (x - x0) / (x1 - x0) * plotW }
        func py(_ y: Double) -> Double { top + plotH - y / top0 * plotH }
        func f(_ v: Double) -> String { String(format: "%.1f", v) }
        var s = "<svg class=\"chart\" viewBox=\"0 0 \(f(width)) \(f(height))\" role=\"img\" aria-label=\"\(esc(yLabel))\">"
        s += "<rect x=\"0\" y=\"0\" width=\"\(f(width))\" height=\"\(f(height))\" fill=\"#fff\"/>"
        // Phases: alternate light bands, each labelled inside its top edge.
        for (i, b) in bands.enumerated() {
            let a = px(Double(max(b.from.ordinal, xDays.first.ordinal))), z = px(Double(min(b.to.ordinal + 1, xDays.last.ordinal)))
            guard z > a else { continue }
            s += "<rect x=\"\(f(a))\" y=\"\(f(top))\" width=\"\(f(z - a))\" height=\"\(f(plotH))\" fill=\"\(i % 2 == 0 ? "#f1f4f8" : "#e4eaf2")\"/>"
            s += "<text x=\"\(f(a + 4))\" y=\"\(f(top + 12))\" font-size=\"10\" fill=\"#556\">\(esc(b.label))</text>"
        }
        // Y grid and labels.
        for i in 0...4 {
            let v = top0 * Double(i) / 4
            let y = py(v)
            s += "<line x1=\"\(f(left))\" y1=\"\(f(y))\" x2=\"\(f(width - right))\" y2=\"\(f(y))\" stroke=\"#ddd\" stroke-width=\"1\"/>"
            s += "<text x=\"\(f(left - 6))\" y=\"\(f(y + 4))\" font-size=\"11\" text-anchor=\"end\" fill=\"#333\">\(tick(v, top0))</text>"
        }
        // X labels: first, last, and 1 January of each year between.
        var ticks: [Day] = [xDays.first]
        for year in (xDays.first.year + 1)...max(xDays.first.year + 1, xDays.last.year) {
            if let d = Day(year: year, month: 1, day: 1), d > xDays.first, d < xDays.last,
               px(Double(d.ordinal)) - px(x0) > 60, px(x1) - px(Double(d.ordinal)) > 60 { ticks.append(d) }
        }
        if xDays.last > xDays.first { ticks.append(xDays.last) }
        for (i, d) in ticks.enumerated() {
            let x = px(Double(d.ordinal))
            let anchor = i == 0 ? "start" : (i == ticks.count - 1 ? "end" : "middle")
            s += "<line x1=\"\(f(x))\" y1=\"\(f(top + plotH))\" x2=\"\(f(x))\" y2=\"\(f(top + plotH + 4))\" stroke=\"#333\"/>"
            s += "<text x=\"\(f(x))\" y=\"\(f(top + plotH + 17))\" font-size=\"11\" text-anchor=\"\(anchor)\" fill=\"#333\">\(d)</text>"
        }
        s += "<line x1=\"\(f(left))\" y1=\"\(f(top + plotH))\" x2=\"\(f(width - right))\" y2=\"\(f(top + plotH))\" stroke=\"#333\"/>"
        // Series.
        for sr in series where !sr.points.isEmpty {
            let pts = sr.points.map { "\(f(px($0.x))),\(f(py($0.y)))" }.joined(separator: " ")
            s += "<polyline fill=\"none\" stroke=\"\(sr.color)\" stroke-width=\"2\"\(sr.dashed ? " stroke-dasharray=\"6 4\"" : "") points=\"\(pts)\"/>"
            if sr.points.count <= 40 && !sr.dashed {
                for p in sr.points { s += "<circle cx=\"\(f(px(p.x)))\" cy=\"\(f(py(p.y)))\" r=\"2.5\" fill=\"\(sr.color)\"/>" }
            }
        }
        // Legend along the bottom.
        var lx = left
        for sr in series {
            let y = height - 10
            s += "<line x1=\"\(f(lx))\" y1=\"\(f(y - 4))\" x2=\"\(f(lx + 22))\" y2=\"\(f(y - 4))\" stroke=\"\(sr.color)\" stroke-width=\"2\"\(sr.dashed ? " stroke-dasharray=\"6 4\"" : "")/>"
            s += "<text x=\"\(f(lx + 28))\" y=\"\(f(y))\" font-size=\"11\" fill=\"#333\">\(esc(sr.label))</text>"
            lx += 40 + Double(sr.label.count) * 6.2
        }
        s += "</svg>"
        return s
    }

    /// A y-axis label with the fewest decimals that show every tick of the axis exactly
    /// (steps of 0.25 show two, of 0.05 two, of 25 none).
    static func tick(_ v: Double, _ top: Double) -> String {
        let step = top / 4
        var decimals = 0
        while decimals < 6 {
            let scaled = step * pow(10, Double(decimals))
            if abs(scaled - scaled.rounded()) < 1e-9 * max(1, scaled) { break }
            decimals += 1
        }
        let scale = pow(10, Double(decimals))
        return formatNumber((v * scale).rounded() / scale)
    }

    static func niceCeiling(_ v: Double) -> Double {
        let p = pow(10, floor(log10(v)))
        for m in [1.0, 2, 2.5, 5, 10] where m * p >= v { return m * p }
        return 10 * p
    }

    static func esc(_ s: String) -> String { Escape.xml(s) }
}
