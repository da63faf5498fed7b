import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import Rendering

/// `sna render`: images for meetings. Rendering tests need the Graphviz trait; without it the
/// command must fail with a message naming the package to install.
@Suite("sna render")
struct RenderTests {
    let sample = "samples/noerrebro"

    func render(_ args: [String], ext: String) throws -> (Run, Data?) {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("image.\(ext)")
        let r = try sna(["render", sample, "--generated", "2016-01-15", "-o", out.path] + args)
        return (r, try? Data(contentsOf: out))
    }

    @Test("without Graphviz: a clear error naming libgraphviz-dev and suggesting --format dot", .enabled(if: !GraphvizRenderer.isAvailable))
    func unavailable() throws {
        let (r, data) = try render([], ext: "svg")
        #expect(r.status == 1)
        #expect(r.stderr.contains("libgraphviz-dev") && r.stderr.contains("--format dot"))
        #expect(data == nil)
        let (d, dot) = try render([], ext: "dot")
        #expect(d.status == 0)
        #expect(dot.map { String(decoding: $0, as: UTF8.self).hasPrefix("graph sna {") } == true)
    }

    @Test("SVG parses as XML and holds every node of the view; legend, title, period and date", .enabled(if: GraphvizRenderer.isAvailable))
    func svg() throws {
        let (r, data) = try render(["--view", "ego:P0012", "--radius", "2"], ext: "svg")
        #expect(r.status == 0, "\(r.stderr)")
        let svg = try #require(data)
        let doc = try XMLDocument(data: svg)
        let titles = try doc.nodes(forXPath: "//*[local-name()='g'][@class='node']/*[local-name()='title']").compactMap(\.stringValue)
        let ego = try sna(["ego", sample, "P0012", "--radius", "2", "--format", "csv"])
        let expected = Set(ego.stdout.split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[0]) } + ["P0012"])
        #expect(Set(titles) == expected)
        let text = try doc.nodes(forXPath: "//*[local-name()='text']").compactMap(\.stringValue).joined(separator: "\n")
        #expect(text.contains("ego network of P0012"))
        #expect(text.contains("generated 2016-01-15"))
        #expect(text.contains("data 2012-"))
        #expect(text.contains("co-offending"))
    }

    @Test("PNG and PDF start with their magic bytes", .enabled(if: GraphvizRenderer.isAvailable))
    func binary() throws {
        let (p, png) = try render(["--view", "cluster:2"], ext: "png")
        #expect(p.status == 0, "\(p.stderr)")
        #expect(png.map { Array($0.prefix(8)) } == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        let (f, pdf) = try render(["--view", "core"], ext: "pdf")
        #expect(f.status == 0, "\(f.stderr)")
        #expect(pdf.map { String(decoding: $0.prefix(5), as: UTF8.self) } == "%PDF-")
    }

    @Test("hostile labels cannot break DOT or inject into SVG", .enabled(if: GraphvizRenderer.isAvailable))
    func hostile() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let persons = """
        id,name,district
        "a""];x","<script>alert(1)</script>","<b>bold</b> & co"
        "back\\\\slash","line\nbreak","\u{202E}rtl"
        "😀 emoji","Ærø ☃","x"

        """
        try persons.write(to: dir.appendingPathComponent("persons.csv"), atomically: true, encoding: .utf8)
        try "source,target,type\n\"a\"\"];x\",\"back\\\\slash\",\"<i>fam</i>\"\n\"back\\\\slash\",\"😀 emoji\",family\n"
            .write(to: dir.appendingPathComponent("links.csv"), atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("x.svg")
        for extra in [[], ["--names", "--purpose", "test"], ["--names", "--purpose", "test", "--color-by", "district"]] {
            let r = try sna(["render", dir.path, "-o", out.path, "--generated", "2016-01-01"] + extra)
            #expect(r.status == 0, "\(extra): \(r.stderr)")
            let data = try Data(contentsOf: out)
            _ = try XMLDocument(data: data)  // still well-formed XML
            let text = String(decoding: data, as: UTF8.self)
            #expect(!text.contains("<script"), "\(extra)")
            #expect(!text.contains("<b>bold"), "\(extra)")
            let titles = try XMLDocument(data: data).nodes(forXPath: "//*[local-name()='g'][@class='node']/*[local-name()='title']").compactMap(\.stringValue)
            #expect(titles.count == 3, "\(extra): \(titles)")
        }
    }

    @Test("names: minors stay 'minor' unless --show-minors", .enabled(if: GraphvizRenderer.isAvailable))
    func minors() throws {
        let persons = try String(contentsOf: repoRoot.appendingPathComponent("samples/noerrebro/persons.csv"), encoding: .utf8)
        // The youngest person in the sample.
        let rows = persons.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let minor = try #require(rows.filter { $0[2] >= "1998-01-01" }.first)
        let (r, data) = try render(["--view", "ego:\(minor[0])", "--names", "--purpose", "test", "--format", "dot"], ext: "dot")
        #expect(r.status == 0, "\(r.stderr)")
        let dot = String(decoding: try #require(data), as: UTF8.self)
        #expect(!dot.contains(minor[1]))
        #expect(dot.contains("label=\"minor\""))
        let (_, shown) = try render(["--view", "ego:\(minor[0])", "--names", "--show-minors", "--purpose", "test", "--format", "dot"], ext: "dot")
        #expect(String(decoding: try #require(shown), as: UTF8.self).contains(minor[1]))
    }

    @Test("Graphviz syntax errors come back as a typed error with Graphviz's text", .enabled(if: GraphvizRenderer.isAvailable))
    func syntaxError() {
        #expect(throws: RenderError.self) { try GraphvizRenderer.shared.render(dot: "graph { a -- ; }", engine: .neato, format: .svg) }
        do {
            _ = try GraphvizRenderer.shared.render(dot: "graph { a -- ; }", engine: .neato, format: .svg)
        } catch {
            #expect("\(error)".contains("syntax error"), "\(error)")
        }
    }

    @Test("many renders from two threads at once do not crash (calls are serialized)", .enabled(if: GraphvizRenderer.isAvailable))
    func concurrent() throws {
        let dot = "graph { a -- b; b -- c; c -- a; }"
        DispatchQueue.concurrentPerform(iterations: 40) { _ in
            _ = try? GraphvizRenderer.shared.render(dot: dot, engine: .neato, format: .svg)
        }
        let svg = try GraphvizRenderer.shared.render(dot: dot, engine: .neato, format: .svg)
        #expect(String(decoding: svg, as: UTF8.self).contains("</svg>"))
    }

    @Test("render output is deterministic for the same input and --generated date", .enabled(if: GraphvizRenderer.isAvailable))
    func deterministic() throws {
        let (_, a) = try render(["--view", "cluster:1"], ext: "svg")
        let (_, b) = try render(["--view", "cluster:1"], ext: "svg")
        #expect(a != nil && a == b)
    }
}
