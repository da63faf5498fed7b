import Foundation
import Network
import Testing
@testable import MeetingPack

@Suite("Meeting pack writers")
struct WriterTests {
    static let hostile = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "a|b", "*bold* _x_ [l](http://e)", "line\nbreak", "`code`"]

    static func document() -> ReportDocument {
        ReportDocument(title: "T <b>", subtitle: ["s <i>"], sections: [
            ReportSection(id: "s", title: "Section <x>", blocks: [
                .paragraph("person \(hostile[0]) in group \(hostile[1]); run `sna render <in>`"),
                .list(hostile),
                .table(ReportTable(header: ["id", "group"], rows: hostile.map { [$0, $0] })),
                .keyFigures([(label: hostile[1], value: hostile[0])]),
            ]),
        ], files: [])
    }

    @Test("Markdown: HTML from the data is escaped, table cells stay cells, our code spans stay code")
    func markdown() {
        let (md, _) = MarkdownReport.write(Self.document())
        for raw in ["<script", "<img", "<b>", "<i>", "<x>"] { #expect(!md.contains(raw), "raw \(raw) in Markdown") }
        #expect(md.contains("&lt;script&gt;") && md.contains("&lt;img src=x onerror=alert(1)&gt;"))
        #expect(md.contains("`sna render <in>`"), "code spans are literal in Markdown and kept")
        // Every table row has exactly as many cells as the header.
        let rows = md.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| |") }
        #expect(!rows.isEmpty)
        for r in rows {
            let cells = r.replacingOccurrences(of: "\\|", with: "").split(separator: "|", omittingEmptySubsequences: false).count
            #expect(cells == 4, "\(r)")
        }
        #expect(!md.contains("line\nbreak"))
    }

    @Test("HTML: every data string is escaped")
    func html() {
        let html = HTMLReport.write(Self.document())
        #expect(!html.contains("<script>alert") && !html.contains("<img src=x"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    @Test("one escaper per language: XML drops forbidden characters, terminal text loses escape sequences")
    func escapers() {
        #expect(Escape.xml("a\u{1}b&<>\"'") == "ab&amp;&lt;&gt;&quot;&apos;")
        #expect(Escape.terminal("x\u{1B}[31mred\u{7}\u{9B}") == "x?[31mred??")
        #expect(Escape.terminal("plain Ø") == "plain Ø")
        #expect(CSVOut.row(["=HYPERLINK(\"x\")", "@SUM(1)", "-2+3", "\tx", "-2", "+45", "a,b"]) == "\"'=HYPERLINK(\"\"x\"\")\",'@SUM(1),'-2+3,'\tx,-2,+45,\"a,b\"\n")
    }
}
