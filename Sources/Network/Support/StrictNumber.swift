/// Numbers as people write them in data files: decimal only.
///
/// Swift's `Double(_:)` also reads `0x10` (16), `inf`, `nan` and `0x1p3`; a data file where a
/// weight reads `0x10` has an error in it, not a weight of 16. Accepted: an optional sign,
/// digits with an optional decimal point (`3`, `-2.5`, `.5`, `4.`), an optional exponent
/// (`1e-3`, `2E+4`); the value must be finite. Everything else is nil.
public enum StrictNumber {
    public static func parse<S: StringProtocol>(_ text: S) -> Double? {
        var digits = 0, i = text.utf8.startIndex
        let u = text.utf8
        if i < u.endIndex, u[i] == UInt8(ascii: "+") || u[i] == UInt8(ascii: "-") { i = u.index(after: i) }
        while i < u.endIndex, (48...57).contains(u[i]) { digits += 1; i = u.index(after: i) }
        if i < u.endIndex, u[i] == UInt8(ascii: ".") {
            i = u.index(after: i)
            while i < u.endIndex, (48...57).contains(u[i]) { digits += 1; i = u.index(after: i) }
        }
        guard digits > 0 else { return nil }
        if i < u.endIndex, u[i] == UInt8(ascii: "e") || u[i] == UInt8(ascii: "E") {
            i = u.index(after: i)
            if i < u.endIndex, u[i] == UInt8(ascii: "+") || u[i] == UInt8(ascii: "-") { i = u.index(after: i) }
            var expDigits = 0
            while i < u.endIndex, (48...57).contains(u[i]) { expDigits += 1; i = u.index(after: i) }
            guard expDigits > 0 else { return nil }
        }
        guard i == u.endIndex, let v = Double(String(text)), v.isFinite else { return nil }
        return v
    }
}
