import Foundation

/// Text escaping, one function per target language. Every writer of this package goes through
/// these: CSV (``CSVOut``, with the one spreadsheet-formula guard), XML and HTML
/// (``Escape/xml(_:)``), Markdown (``Escape/markdown(_:)``), terminal text
/// (``Escape/terminal(_:)``); DOT quoting is ``DOTWriter/quote(_:)`` and JSON strings
/// ``JSONValue/escape(_:)``.
public enum Escape {
    /// XML and HTML text (element content and attribute values): `& < > " '` as entities, and
    /// the characters XML 1.0 forbids (C0 controls but tab, LF, CR; U+FFFE, U+FFFF) removed.
    public static func xml(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                let v = ch.value
                if v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D { continue }
                if v == 0xFFFE || v == 0xFFFF { continue }
                out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// Markdown text from data (ids, names, group names): HTML is escaped as in ``xml(_:)`` (a
    /// Markdown viewer would otherwise run `<script>` or `<img onerror>`), and the characters
    /// that start Markdown syntax inline (`\ ` * _ [ ] | #`) are backslash-escaped; line breaks
    /// become spaces so a value stays in its table cell or paragraph.
    public static func markdown(_ s: String) -> String {
        var out = ""
        for ch in xml(s).unicodeScalars {
            switch ch {
            case "\\", "`", "*", "_", "[", "]", "|", "#": out += "\\"; out.unicodeScalars.append(ch)
            case "\n", "\r", "\t": out += " "
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// Text for a terminal: C0 and C1 control characters (escape sequences among them) and
    /// DEL shown as `?`, so data cannot move the cursor, recolour or retitle the terminal.
    public static func terminal(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: isControl) else { return s }
        var out = ""
        for ch in s.unicodeScalars { if isControl(ch) { out += "?" } else { out.unicodeScalars.append(ch) } }
        return out
    }

    /// Control characters (C0, DEL, C1: ESC, BEL, …) and the bidirectional overrides and
    /// isolates that reorder what a terminal shows (U+202A–202E, U+2066–2069, U+200E/F, U+061C).
    static func isControl(_ c: Unicode.Scalar) -> Bool {
        c.value < 0x20 || (0x7F...0x9F).contains(c.value) || (0x202A...0x202E).contains(c.value)
            || (0x2066...0x2069).contains(c.value) || c.value == 0x200E || c.value == 0x200F || c.value == 0x061C
    }

    /// Text for a terminal: like ``terminal(_:)`` line by line, keeping line breaks and tabs.
    public static func terminalText(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { isControl($0) && $0 != "\n" && $0 != "\t" }) else { return s }
        var out = ""
        for ch in s.unicodeScalars {
            if isControl(ch) && ch != "\n" && ch != "\t" { out += "?" } else { out.unicodeScalars.append(ch) }
        }
        return out
    }
}

/// CSV output: RFC 4180 quoting, and cells that a spreadsheet would run as a formula
/// (`=`, `+`, `-`, `@`, tab, CR at the start) prefixed with `'` when they are not numbers.
/// The one CSV writer of the package: every CSV output goes through ``row(_:)``.
public enum CSVOut {
    public static func cell(_ s: String) -> String { cell(s, guardingFormulas: true) }

    /// `guardingFormulas: false` for files only a loader reads (neo4j-admin import), where a
    /// value must come back exactly as written.
    public static func cell(_ s: String, guardingFormulas: Bool) -> String {
        var v = s
        if guardingFormulas, let f = v.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(f), Double(v) == nil {
            v = "'" + v
        }
        var quote = false, inner = false
        for b in v.utf8 {
            if b == UInt8(ascii: "\"") { quote = true; inner = true } else if b == UInt8(ascii: ",") || b == 0x0A || b == 0x0D { quote = true }
        }
        guard quote else { return v }
        // Quotes doubled byte by byte (no Foundation bridging: evidence cells are long and many).
        var out: [UInt8] = [UInt8(ascii: "\"")]
        out.reserveCapacity(v.utf8.count + 8)
        for b in v.utf8 {
            out.append(b)
            if inner && b == UInt8(ascii: "\"") { out.append(b) }
        }
        out.append(UInt8(ascii: "\""))
        return String(decoding: out, as: UTF8.self)
    }

    public static func row(_ cells: [String]) -> String { cells.map(cell).joined(separator: ",") + "\n" }
}

/// A value as written to CSV and JSON: counts as integers, other values as shortest round-trip
/// decimals, NaN as empty.
public func formatValue(_ v: Double, integral: Bool) -> String {
    if integral, v.isFinite, v == v.rounded() { return String(Int64(v)) }
    if v.isNaN { return "" }
    return "\(v)"
}

/// A value as shown in a table for people: at most 6 significant decimals, NaN as `-`.
public func displayValue(_ v: Double, integral: Bool) -> String {
    if integral, v.isFinite, v == v.rounded() { return String(Int64(v)) }
    if v.isNaN { return "-" }
    if v == 0 { return "0" }
    var s = String(format: "%.6f", v)
    while s.hasSuffix("0") { s.removeLast() }
    if s.hasSuffix(".") { s.removeLast() }
    return s
}
