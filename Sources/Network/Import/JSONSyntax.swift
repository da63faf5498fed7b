import Foundation

/// A strict JSON (RFC 8259) syntax check that says where the first error is, in words.
///
/// Foundation's parser reports "the data couldn't be read" without a position, and on Linux
/// it accepts some invalid input (a trailing comma before `]`). This pass runs first: one scan,
/// no recursion (a stack of open brackets, at most `maxDepth` deep), no allocation per value.
public enum JSONSyntax {
    public struct Problem: Error, Equatable, Sendable {
        public let line: Int
        public let column: Int
        public let message: String
    }

    public static let maxDepth = 512

    /// The first syntax error in `data`, or nil when it is one valid JSON text.
    public static func check(_ data: Data) -> Problem? {
        let b = [UInt8](data)
        var i = 0, line = 1, lineStart = 0
        func problem(_ message: String) -> Problem { Problem(line: line, column: i - lineStart + 1, message: message) }
        func skipSpace() {
            while i < b.count {
                switch b[i] {
                case 0x20, 0x09, 0x0D: i += 1
                case 0x0A: i += 1; line += 1; lineStart = i
                default: return
                }
            }
        }
        func describe(_ c: UInt8) -> String {
            if c == 0 { return "a NUL byte" }
            if c < 0x20 { return "a control character" }
            if c < 0x80 { return "'\(Character(UnicodeScalar(c)))'" }
            return "a non-ASCII character"
        }
        func literal(_ word: String) -> Bool {
            let w = Array(word.utf8)
            guard i + w.count <= b.count, Array(b[i..<(i + w.count)]) == w else { return false }
            i += w.count
            return true
        }
        func string() -> Problem? {
            i += 1  // opening quote
            while i < b.count {
                let c = b[i]
                if c == UInt8(ascii: "\"") { i += 1; return nil }
                if c == UInt8(ascii: "\\") {
                    guard i + 1 < b.count else { break }
                    let e = b[i + 1]
                    if e == UInt8(ascii: "u") {
                        guard i + 6 <= b.count, b[(i + 2)..<(i + 6)].allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 | 0x20 >= 97 && $0 | 0x20 <= 102) }) else {
                            return problem("\\u must be followed by four hexadecimal digits")
                        }
                        i += 6
                        continue
                    }
                    guard "\"\\/bfnrt".utf8.contains(e) else { return problem("unknown escape '\\\(Character(UnicodeScalar(e)))' in a string") }
                    i += 2
                    continue
                }
                if c < 0x20 {
                    return problem(c == 0x0A ? "a string is not closed before the end of the line" : "\(describe(c)) inside a string (write it escaped)")
                }
                i += 1
            }
            return problem("a string is never closed")
        }
        func number() -> Problem? {
            let start = i
            if b[i] == UInt8(ascii: "-") { i += 1 }
            func digits() -> Int { let s = i; while i < b.count, b[i] >= 48, b[i] <= 57 { i += 1 }; return i - s }
            guard i < b.count, b[i] >= 48, b[i] <= 57 else { return problem("a number needs digits") }
            if b[i] == 48 { i += 1; if i < b.count, b[i] >= 48, b[i] <= 57 { return problem("a number cannot start with 0 followed by digits") } } else { _ = digits() }
            if i < b.count, b[i] == UInt8(ascii: ".") { i += 1; guard digits() > 0 else { return problem("digits expected after the decimal point") } }
            if i < b.count, b[i] | 0x20 == UInt8(ascii: "e") {
                i += 1
                if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
                guard digits() > 0 else { return problem("digits expected in the exponent") }
            }
            _ = start
            return nil
        }
        // Containers: a stack of "{" / "[" and what may come next.
        enum Expect { case value, valueOrClose, key, keyOrClose, colon, commaOrClose }
        var stack: [UInt8] = []
        var expect = Expect.value
        if b.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
        skipSpace()
        if i >= b.count { return problem("the file is empty (expected a JSON value)") }
        while true {
            skipSpace()
            guard i < b.count else {
                if stack.isEmpty && expect == .commaOrClose { return nil }
                return problem(stack.last == UInt8(ascii: "{") ? "the file ends inside an object (missing '}')" : stack.isEmpty ? "the file ends before a value" : "the file ends inside an array (missing ']')")
            }
            let c = b[i]
            switch expect {
            case .value, .valueOrClose:
                if expect == .valueOrClose && c == UInt8(ascii: "]") { stack.removeLast(); i += 1; expect = .commaOrClose; continue }
                switch c {
                case UInt8(ascii: "{"):
                    guard stack.count < maxDepth else { return problem("nested more than \(maxDepth) deep") }
                    stack.append(c); i += 1; expect = .keyOrClose; continue
                case UInt8(ascii: "["):
                    guard stack.count < maxDepth else { return problem("nested more than \(maxDepth) deep") }
                    stack.append(c); i += 1; expect = .valueOrClose; continue
                case UInt8(ascii: "\""): if let p = string() { return p }
                case UInt8(ascii: "-"), 48...57: if let p = number() { return p }
                case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
                    guard literal("true") || literal("false") || literal("null") else { return problem("expected a value (true, false and null are written in lower case, strings in double quotes)") }
                case UInt8(ascii: "T"), UInt8(ascii: "F"), UInt8(ascii: "N"):
                    return problem("expected a value, found \(describe(c)) (true, false and null are written in lower case, strings in double quotes)")
                case UInt8(ascii: "]") where expect == .value && stack.last == UInt8(ascii: "["):
                    return problem("a trailing comma before ']'")
                default:
                    return problem("expected a value, found \(describe(c))\(c == UInt8(ascii: "'") ? " (strings take double quotes)" : "")")
                }
                expect = .commaOrClose
            case .key, .keyOrClose:
                if c == UInt8(ascii: "}") {
                    guard expect == .keyOrClose else { return problem("a trailing comma before '}'") }
                    stack.removeLast(); i += 1; expect = .commaOrClose; continue
                }
                guard c == UInt8(ascii: "\"") else { return problem("expected a name in double quotes, found \(describe(c))") }
                if let p = string() { return p }
                expect = .colon
            case .colon:
                guard c == UInt8(ascii: ":") else { return problem("expected ':' after a name, found \(describe(c))") }
                i += 1; expect = .value
            case .commaOrClose:
                if stack.isEmpty { return problem("extra content after the JSON value: \(describe(c))") }
                if c == UInt8(ascii: ",") { i += 1; expect = stack.last == UInt8(ascii: "{") ? .key : .value; continue }
                if c == UInt8(ascii: "}") && stack.last == UInt8(ascii: "{") || c == UInt8(ascii: "]") && stack.last == UInt8(ascii: "[") {
                    stack.removeLast(); i += 1; continue
                }
                return problem("expected ',' or '\(stack.last == UInt8(ascii: "{") ? "}" : "]")', found \(describe(c))")
            }
        }
    }
}
