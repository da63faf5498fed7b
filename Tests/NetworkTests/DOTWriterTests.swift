import Foundation
import Testing
@testable import Network

@Suite("DOT writer")
struct DOTWriterTests {
    @Test("quote escapes everything that could end or break a DOT string", arguments: [
        ("plain", "\"plain\""),
        ("say \"hi\"", "\"say \\\"hi\\\"\""),
        ("back\\slash", "\"back\\\\slash\""),
        ("two\nlines", "\"two\\nlines\""),
        ("crlf\r\nline", "\"crlf\\nline\""),
        ("<b>html</b>", "\"<b>html</b>\""),
        ("Søren Ærø", "\"Søren Ærø\""),
        ("bell\u{07}tab\tend", "\"belltabend\""),
        ("\\\"", "\"\\\\\\\"\""),
    ])
    func quote(_ input: String, _ expected: String) {
        #expect(DOTWriter.quote(input) == expected)
    }

    @Test("hostile ids and names give a file whose every statement is well formed")
    func hostile() throws {
        let persons = "id,name\n\"a\"\"];evil\",\"x\\\"\n\"b\nc\",\"<td>\"\n"
        let tmp = try TempDataset(["persons.csv": persons, "links.csv": "source,target\n\"a\"\"];evil\",\"b\nc\"\n"])
        defer { tmp.cleanup() }
        let net = try NetworkBuilder.build(try DatasetLoader.load(tmp.path))
        for names in [false, true] {
            let dot = DOTWriter(names: names).write(net)
            // Outside quoted strings there is no stray quote, and every line ends a statement.
            let lines = dot.split(separator: "\n")
            #expect(lines.count == 8)  // graph, 3 defaults, 2 nodes, 1 edge, }
            for line in lines.dropFirst(4).dropLast() {
                var inQuote = false, escaped = false
                for ch in line {
                    if escaped { escaped = false; continue }
                    if ch == "\\" && inQuote { escaped = true; continue }
                    if ch == "\"" { inQuote.toggle() }
                }
                #expect(!inQuote, "unbalanced quotes in: \(line)")
                #expect(line.hasSuffix("];"))
            }
        }
        #expect(!DOTWriter().write(net).contains("x\\\\"), "names are not written without --names")
    }
}

@Suite("terminal escaping")
struct TerminalEscapingTests {
    @Test("ESC, BEL and bidirectional overrides never reach a terminal; line breaks and tabs stay")
    func escaping() {
        let hostile = "Gang\u{1B}[31mRed\u{07}\u{202E}evil\u{2066}x\u{200F}\nnext\tcol"
        let clean = Escape.terminalText(hostile)
        #expect(!clean.unicodeScalars.contains { [0x1B, 0x07, 0x202E, 0x2066, 0x200F].contains($0.value) })
        #expect(clean.contains("\n") && clean.contains("\t"))
        #expect(Escape.terminal("a\u{202D}b") == "a?b")
        #expect(Escape.terminalText("Værebro ÆØÅ") == "Værebro ÆØÅ")
    }
}
