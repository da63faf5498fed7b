import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Rendering
import Testing

/// Checks that every element opened in an HTML document is closed, in order (void elements,
/// self-closing SVG elements, comments, and the contents of <script> and <style> aside).
/// Returns the first problem, or nil.
func htmlBalanceProblem(_ html: String) -> String? {
    let void: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]
    var stack: [String] = []
    let b = Array(html.utf8)
    var i = 0
    func lower(_ s: ArraySlice<UInt8>) -> String { String(decoding: s, as: UTF8.self).lowercased() }
    while i < b.count {
        guard b[i] == UInt8(ascii: "<") else { i += 1; continue }
        if b[i...].starts(with: Array("<!--".utf8)) {
            guard let end = findBytes(b, Array("-->".utf8), from: i) else { return "unclosed comment" }
            i = end + 3; continue
        }
        if b[i...].starts(with: Array("<!".utf8)) { while i < b.count && b[i] != UInt8(ascii: ">") { i += 1 }; continue }
        var j = i + 1
        let closing = j < b.count && b[j] == UInt8(ascii: "/")
        if closing { j += 1 }
        var k = j
        while k < b.count, b[k] != UInt8(ascii: ">"), b[k] != UInt8(ascii: " "), b[k] != UInt8(ascii: "\n"), b[k] != UInt8(ascii: "/") { k += 1 }
        let name = lower(b[j..<k])
        guard !name.isEmpty else { return "stray '<' at byte \(i)" }
        var end = k
        var quote: UInt8? = nil
        while end < b.count {
            if let q = quote { if b[end] == q { quote = nil } } else if b[end] == UInt8(ascii: "\"") || b[end] == UInt8(ascii: "'") { quote = b[end] } else if b[end] == UInt8(ascii: ">") { break }
            end += 1
        }
        guard end < b.count else { return "unterminated tag <\(name)>" }
        let selfClosing = b[end - 1] == UInt8(ascii: "/")
        if closing {
            guard let top = stack.popLast(), top == name else { return "</\(name)> at byte \(i) closes <\(stack.last ?? "nothing")>" }
        } else if !selfClosing && !void.contains(name) {
            stack.append(name)
            if name == "script" || name == "style" {
                guard let close = findBytes(b, Array("</\(name)>".utf8), from: end) else { return "unclosed <\(name)>" }
                stack.removeLast()
                i = close + name.count + 3
                continue
            }
        }
        i = end + 1
    }
    return stack.isEmpty ? nil : "unclosed <\(stack.last!)>"
}

func findBytes(_ b: [UInt8], _ needle: [UInt8], from: Int) -> Int? {
    guard needle.count <= b.count else { return nil }
    var i = from
    while i + needle.count <= b.count {
        if b[i] == needle[0] && b[i..<(i + needle.count)].elementsEqual(needle) { return i }
        i += 1
    }
    return nil
}

/// The inline <svg>…</svg> blocks of a page.
func inlineSVGs(_ html: String) -> [String] {
    var out: [String] = []
    var rest = html[...]
    while let s = rest.range(of: "<svg"), let e = rest.range(of: "</svg>", range: s.upperBound..<rest.endIndex) {
        out.append(String(rest[s.lowerBound..<e.upperBound]))
        rest = rest[e.upperBound...]
    }
    return out
}

final class XMLCheck: NSObject, XMLParserDelegate {
    var root: String?
    var viewBox: String?
    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        if root == nil { root = name; viewBox = attributes["viewBox"] }
    }
}

@Suite("sna report", .serialized)
struct ReportTests {
    let sample = "samples/noerrebro"

    func names() throws -> [String] {
        let text = try String(contentsOf: repoRoot.appendingPathComponent("samples/noerrebro/persons.csv"), encoding: .utf8)
        let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let col = try #require(lines[0].firstIndex(of: "name"))
        return lines.dropFirst().map { $0[col] }.filter { !$0.isEmpty }
    }

    @Test("self-contained HTML: parses, every section, valid inline SVG, no external URL, no names; CSVs beside it; deterministic")
    func html() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("report")
        let r = try sna(["report", sample, "-o", out.path, "--generated", "2026-01-01", "--robustness-runs", "10"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == out.appendingPathComponent("index.html").path)
        let html = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(htmlBalanceProblem(html) == nil, "\(htmlBalanceProblem(html) ?? "")")
        #expect(htmlBalanceProblem("<div><p>x</div>") != nil && htmlBalanceProblem("<p><svg><g/></svg></p>") == nil)
        for (id, title) in [("data", "Data"), ("indicators", "Indicators"), ("network", "Network"), ("centrality", "Centrality"),
                            ("clusters", "Clusters, core and periphery, brokers"), ("over-time", "Over time, groups and exposure"),
                            ("proposals", "Proposals and candidates"), ("method", "Method notes")] {
            #expect(html.contains("<section id=\"\(id)\">") && html.contains(". \(title)</h2>"), "section \(id)")
        }
        // No external resource of any kind.
        for bad in ["http://", "https://", "src=", "<link", "@import", "url(", "//fonts", "<iframe"] {
            #expect(!html.lowercased().contains(bad), "found \(bad)")
        }
        // Every inline SVG is well-formed XML with a viewBox (Graphviz images when available, charts always).
        let svgs = inlineSVGs(html)
        let graphImages = svgs.filter { $0.contains("class=\"graph\"") }
        #expect(svgs.count >= 1)
        if GraphvizRenderer.isAvailable {
            #expect(graphImages.count >= 1 + 3 + 10, "network, clusters and 10 candidates: \(graphImages.count)")
        } else {
            #expect(html.contains("Image not drawn"))
        }
        for svg in svgs {
            let p = XMLParser(data: Data(svg.replacingOccurrences(of: "<svg", with: "<svg xmlns:xlink=\"x\"", options: .anchored).utf8))
            let check = XMLCheck()
            p.delegate = check
            #expect(p.parse(), "inline SVG does not parse: \(p.parserError.map { "\($0)" } ?? "") \(svg.prefix(200))")
            #expect(check.root == "svg" && check.viewBox != nil)
        }
        // Pseudonymous: no name from persons.csv anywhere in the report or its files.
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(files == ["brokers.csv", "candidates.csv", "clusters.csv", "crimes.csv", "index.html", "proposals.csv", "scores.csv", "timeline.csv"])
        #expect(html.contains("not a reason for enforcement") && html.contains("Who is rising") && html.contains("alliance"))
        let everything = try files.map { try String(contentsOf: out.appendingPathComponent($0), encoding: .utf8) }.joined()
        for name in try names() { #expect(!everything.contains(name), "name in a names-free report: \(name)") }
        #expect(try String(contentsOf: out.appendingPathComponent("proposals.csv"), encoding: .utf8).hasPrefix("proposal_id,person_id,action,category,reason,evidence,strength\n"))
        // Same input and seed: the same bytes.
        let again = dir.appendingPathComponent("again")
        _ = try sna(["report", sample, "-o", again.path, "--generated", "2026-01-01", "--robustness-runs", "10"])
        #expect(try Data(contentsOf: again.appendingPathComponent("index.html")) == Data(contentsOf: out.appendingPathComponent("index.html")))
    }

    @Test("--names shows names but keeps minors unnamed; Markdown with image files")
    func namesAndMarkdown() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("md")
        let r = try sna(["report", sample, "-o", out.path, "--format", "md", "--names", "--purpose", "test", "--robustness-runs", "5"])
        #expect(r.status == 0, "\(r.stderr)")
        let md = try String(contentsOf: out.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(md.contains("## 2. Data") && md.contains("## 1. Summary for the chair") && md.contains("## 8. Crime picture") && md.contains("## 10. Method notes") && md.contains("(minor)"))
        #expect(try names().contains { md.contains($0) }, "names shown with --names")
        if GraphvizRenderer.isAvailable {
            let images = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("images").path)
            #expect(images.contains("network.svg") && images.count >= 10)
            #expect(md.contains("](images/network.svg)"))
        }
    }

    @Test("a progress bar on a terminal, nothing on a pipe", .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func progress() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        // `script` gives the command a pseudo-terminal.
        let cmd = "\(snaBinary().path) report \(sample) -o \(dir.appendingPathComponent("tty").path) --robustness-runs 1 --candidates 1"
        let out = Pipe()
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        p.arguments = ["-qec", cmd, "/dev/null"]
        p.currentDirectoryURL = repoRoot
        p.standardOutput = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0 && text.contains("[#") && text.contains("robustness of"), "\(text.prefix(400))")
        let piped = try sna(["report", sample, "-o", dir.appendingPathComponent("pipe").path, "--robustness-runs", "1", "--candidates", "1"])
        #expect(piped.status == 0 && !piped.stderr.contains("[#"))
    }

    @Test("from a store: indicators over time, open proposals, audited; names need a purpose")
    func fromStore() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("sna.sqlite").path
        #expect(try sna(["ingest", sample, "--as-of", "2015-12-31", "--store", db]).status == 0)
        #expect(try sna(["propose", db]).status == 0)
        let out = dir.appendingPathComponent("r")
        #expect(try sna(["report", "--store", db, "-o", out.path, "--names"]).status != 0)
        let r = try sna(["report", "--store", db, "-o", out.path, "--robustness-runs", "5", "--by", "analyst1"])
        #expect(r.status == 0, "\(r.stderr)")
        let html = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.contains("await a decision") && html.contains("Persons on the log over time"))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("log-stats.csv").path))
        let audit = try sna(["audit", "show", "--store", db, "--format", "csv"])
        #expect(audit.stdout.contains("analyst1,report,"))
    }
}
