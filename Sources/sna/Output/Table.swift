import Network

/// Plain-text tables for people: columns aligned, numbers right-aligned.
struct TextTable {
    var header: [String]
    var rows: [[String]] = []
    var rightAligned: Set<Int> = []

    func render() -> String {
        var widths = header.map(\.count)
        for r in rows { for (i, c) in r.enumerated() { widths[i] = max(widths[i], c.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in
                let pad = String(repeating: " ", count: widths[i] - c.count)
                return rightAligned.contains(i) ? pad + c : c + pad
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        var out = line(header) + "\n"
        out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for r in rows { out += line(r) + "\n" }
        return out
    }
}

/// CSV output: RFC 4180 quoting, and cells that a spreadsheet would run as a formula
/// (`=`, `+`, `-`, `@`, tab, CR at the start) prefixed with `'` when they are not numbers.
enum CSVOut {
    static func cell(_ s: String) -> String {
        var v = s
        if let f = v.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(f), Double(v) == nil {
            v = "'" + v
        }
        if v.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return v
    }

    static func row(_ cells: [String]) -> String { cells.map(cell).joined(separator: ",") + "\n" }
}

/// A value as printed: counts as integers, other values as shortest round-trip decimals.
func formatValue(_ v: Double, integral: Bool) -> String {
    if integral, v.isFinite, v == v.rounded() { return String(Int64(v)) }
    if v.isNaN { return "" }
    return "\(v)"
}

/// A value as shown in a table for people: at most 6 significant decimals.
func displayValue(_ v: Double, integral: Bool) -> String {
    if integral, v.isFinite, v == v.rounded() { return String(Int64(v)) }
    if v.isNaN { return "-" }
    if v == 0 { return "0" }
    var s = String(format: "%.6f", v)
    while s.hasSuffix("0") { s.removeLast() }
    if s.hasSuffix(".") { s.removeLast() }
    return s
}
