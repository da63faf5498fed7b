import Foundation
import Testing
@testable import Network

/// Hostile or huge input: each case either works within bounded memory or fails with a clear
/// error naming the file (and line); none hangs or crashes. Sizes are real (the files are
/// generated in a temporary folder), so these tests take a few seconds each.
@Suite("limits", .serialized)
struct LimitsTests {
    func tempFile(_ name: String, _ write: (FileHandle) throws -> Void) throws -> (URL, () -> Void) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sna-limits-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        FileManager.default.createFile(atPath: url.path, contents: nil)
        let h = try FileHandle(forWritingTo: url)
        try write(h)
        try h.close()
        return (url, { try? FileManager.default.removeItem(at: dir) })
    }

    /// Peak resident memory of this process so far, in MB (Linux: VmHWM).
    func peakMB() -> Double {
        guard let s = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = s.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kb = Double(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") else { return 0 }
        return kb / 1024
    }

    @Test("a field over 1 MB is an error naming the line and the field (quoted or not)")
    func hugeField() throws {
        let big = String(repeating: "x", count: (1 << 20) + 10)
        for (label, row) in [("unquoted", "P2,\(big)\n"), ("quoted", "P2,\"\(big)\n\(big)\"\n")] {
            let (url, cleanup) = try tempFile("persons.csv") { h in
                try h.write(contentsOf: Data("id,name\nP1,Ann\n\(row)P3,Bo\n".utf8))
            }
            defer { cleanup() }
            do {
                _ = try DatasetLoader.load(url.deletingLastPathComponent().path)
                Issue.record("\(label): no error")
            } catch let e as InputError {
                #expect(e.line == 3 && e.field == "name" && e.message.contains("longer than 1 MB"), "\(label): \(e)")
            }
        }
        // Just under the limit works.
        let (ok, cleanup) = try tempFile("persons.csv") { h in
            try h.write(contentsOf: Data("id,name\nP1,\(String(repeating: "y", count: (1 << 20) - 1))\n".utf8))
        }
        defer { cleanup() }
        #expect(try DatasetLoader.load(ok.deletingLastPathComponent().path).persons[0].name?.utf8.count == (1 << 20) - 1)
    }

    @Test("an edge list of 10 million rows loads, with memory in proportion")
    func tenMillionRows() throws {
        let rows = 10_000_000
        let (url, cleanup) = try tempFile("edges.csv") { h in
            try h.write(contentsOf: Data("source,target\n".utf8))
            var chunk = [UInt8]()
            chunk.reserveCapacity(1 << 22)
            for i in 0..<rows {
                // 20,000 persons, ties spread over them.
                chunk += Array("p\(i % 20_000),p\((i &* 7919 &+ 13) % 20_000)\n".utf8)
                if chunk.count > (1 << 22) - 64 { try h.write(contentsOf: chunk); chunk.removeAll(keepingCapacity: true) }
            }
            try h.write(contentsOf: chunk)
        }
        defer { cleanup() }
        let before = peakMB()
        let ds = try DatasetLoader.load(url.path)
        #expect(ds.links.count == rows && ds.persons.count == 20_000)
        // The link table holds 10^7 rows: stated bound 40 bytes a row (README "Limits").
        let used = peakMB() - before
        #expect(used < 40 * Double(rows) / 1e6 + 200, "peak grew by \(used) MB")
    }

    @Test("a GraphML file with a million nodes loads")
    func millionNodeGraphML() throws {
        let n = 1_000_000
        let (url, cleanup) = try tempFile("big.graphml") { h in
            try h.write(contentsOf: Data("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml><key id=\"w\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/><graph edgedefault=\"undirected\">\n".utf8))
            var chunk = ""
            for i in 0..<n {
                chunk += "<node id=\"n\(i)\"/>\n"
                if i > 0 && i % 2 == 0 { chunk += "<edge source=\"n\(i - 1)\" target=\"n\(i)\"><data key=\"w\">2</data></edge>\n" }
                if chunk.utf8.count > 1 << 20 { try h.write(contentsOf: Data(chunk.utf8)); chunk = "" }
            }
            chunk += "</graph></graphml>\n"
            try h.write(contentsOf: Data(chunk.utf8))
        }
        defer { cleanup() }
        let ds = try DatasetLoader.load(url.path)
        #expect(ds.persons.count == n && ds.links.count == n / 2 - 1 + (n % 2 == 0 ? 0 : 1))
    }

    @Test("XML nested 10,000 deep fails at once with a clear error; billion laughs neither hangs nor expands")
    func hostileXML() throws {
        let deep = "<graphml><graph>" + String(repeating: "<a>", count: 10_000) + String(repeating: "</a>", count: 10_000) + "</graph></graphml>"
        for ext in ["graphml", "gexf"] {
            let (url, cleanup) = try tempFile("deep.\(ext)") { try $0.write(contentsOf: Data(deep.utf8)) }
            defer { cleanup() }
            #expect { _ = try DatasetLoader.load(url.path) } throws: { e in
                "\(e)".contains("nested more than 64 deep") || "\(e)".contains("not well-formed")
            }
        }
        var lol = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
        lol += "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
        for i in 2...9 { lol += "<!ENTITY lol\(i) \"" + String(repeating: "&lol\(i - 1);", count: 10) + "\">" }
        for ext in ["graphml", "gexf"] {
            let doc = lol + "<\(ext == "gexf" ? "gexf" : "graphml")><graph><nodes><node id=\"a\" label=\"&lol9;\"/></nodes>"
                + "<node id=\"b\"><data key=\"d\">&lol9;</data></node></graph></\(ext == "gexf" ? "gexf" : "graphml")>"
            let (url, cleanup) = try tempFile("lol.\(ext)") { try $0.write(contentsOf: Data(doc.utf8)) }
            defer { cleanup() }
            let before = peakMB()
            let start = Date()
            if let ds = try? DatasetLoader.load(url.path) {
                // If the parser accepted it, the expansion stayed bounded (libxml2's limits).
                #expect(ds.persons.allSatisfy { ($0.name?.utf8.count ?? 0) < 1 << 20 })
            }
            #expect(Date().timeIntervalSince(start) < 10)
            #expect(peakMB() - before < 500)
        }
    }

    @Test("no code path opens a network connection: no networking API in the sources")
    func noNetworking() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources")
        let banned = ["URLSession", "URLRequest", "NWConnection", "CFSocket", "socket(", "connect(", "getaddrinfo", "gethostbyname",
                      "Data(contentsOf: URL(string", "FoundationNetworking", "import Network.framework"]
        var checked = 0
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!
        for case let url as URL in files where ["swift", "h", "c"].contains(url.pathExtension) {
            let text = try String(contentsOf: url, encoding: .utf8)
            checked += 1
            for b in banned { #expect(!text.contains(b), "\(url.lastPathComponent) uses \(b)") }
        }
        #expect(checked > 50)
    }
}
