import Foundation
import Testing
@testable import Network

/// The lean load path (issue 18): rows merged by sorting, weights that are all 1 stored
/// nowhere, columns stored only when they vary, and an edge list read straight into the graph.
@Suite("Lean loading")
struct LeanLoadTests {
    /// Duplicates both ways, a self-loop, a blank line, a quoted multi-line-free id, a repeated
    /// self-loop: every case the merge has to get right.
    static let edgeList = """
    source,target
    a,b
    b,c
    b,a
    c,c

    d,a
    a,b
    c,c
    e,f
    """

    func write(_ text: String, name: String = "edges.csv") throws -> (TempDataset, String) {
        let t = try TempDataset([name: text])
        return (t, t.url.appendingPathComponent(name).path)
    }

    @Test("repeated rows sum their weights even when every row says 1 (a–b twice is weight 2)")
    func duplicatesSum() throws {
        var b = GraphBuilder(directed: false)
        for id in ["a", "b", "c"] { b.addNode(id) }
        b.addEdge(0, 1); b.addEdge(1, 2); b.addEdge(1, 0); b.addEdge(2, 2); b.addEdge(2, 2)
        let g = b.build()
        #expect(g.edgeCount == 3)
        #expect(Array(g.edgeSource) == [0, 1, 2] && Array(g.edgeTarget) == [1, 2, 2])
        #expect(Array(g.edgeWeight) == [2, 1, 2])
        #expect(!g.edgeWeight.isUniform)
        #expect(Array(g.out.weights) == [2, 2, 1, 1, 2])
    }

    @Test("edges are numbered by first appearance; weights sum in row order; unweighted graphs store no weights")
    func firstAppearance() throws {
        var b = GraphBuilder(directed: true)
        for i in 0..<5 { b.addNode("n\(i)") }
        b.addEdge(3, 1, weight: 0.1); b.addEdge(0, 4, weight: 0.2); b.addEdge(3, 1, weight: 0.2); b.addEdge(1, 3, weight: 0.3)
        let (g, rowMap) = b.build(rowMap: true)
        #expect(rowMap == [0, 1, 0, 2])
        #expect(Array(g.edgeSource) == [3, 0, 1] && Array(g.edgeTarget) == [1, 4, 3])
        #expect(g.edgeWeight[0] == 0.1 + 0.2)
        var u = GraphBuilder(directed: false)
        for i in 0..<4 { u.addNode("n\(i)") }
        u.addEdge(0, 1); u.addEdge(2, 3)
        let ug = u.build()
        #expect(ug.edgeWeight.isUniform && ug.out.weights.isUniform)
        #expect(ug.out.edges == [0, 0, 1, 1])   // built on first use
    }

    @Test("link columns that do not vary take no memory and still read back row by row")
    func lazyColumns() throws {
        var t = LinkTable(file: "x.csv")
        t.append(source: 0, target: 1, type: "link", weight: 1, line: 2)
        t.append(source: 1, target: 2, type: "link", weight: 1, line: 3)
        #expect(Array(t.weight) == [1, 1] && Array(t.typeID) == [0, 0] && Array(t.line) == [2, 3])
        t.append(source: 2, target: 3, type: "family", weight: 2.5, line: 7)
        #expect(Array(t.weight) == [1, 1, 2.5])
        #expect(Array(t.typeID) == [0, 0, 1])
        #expect(Array(t.line) == [2, 3, 7])
        #expect(t.types == ["link", "family"])
    }

    @Test("an edge list read straight into the graph equals the general path (undirected and directed)")
    func straightEqualsGeneral() throws {
        for (text, directed) in [(Self.edgeList, false), (Self.edgeList, true),
                                 ("source,target,weight\nx,y,2\ny,x,0.5\nx,y,1\nz,x,\n", false)] {
            let (t, path) = try write(text)
            defer { t.cleanup() }
            var o = BuildOptions()
            o.directed = directed
            let general = try NetworkBuilder.build(try DatasetLoader.load(path), options: o)
            let straight = try #require(try NetworkBuilder.edgeList(url: URL(fileURLWithPath: path), file: path, options: o))
            let a = general.graph, b = straight.graph
            #expect(a.labels == b.labels && a.directed == b.directed)
            #expect(a.edgeSource == b.edgeSource && a.edgeTarget == b.edgeTarget)
            #expect(Array(a.edgeWeight) == Array(b.edgeWeight))
            #expect(a.out.targets == b.out.targets && a.out.offsets == b.out.offsets && a.out.edges == b.out.edges)
            #expect(general.dataset.persons.map(\.id) == straight.dataset.persons.map(\.id))
            #expect(general.dataset.persons.map(\.source) == straight.dataset.persons.map(\.source))
            #expect(general.summary == straight.summary)
            #expect(general.dataset.loadNotes == straight.dataset.loadNotes)
            #expect(straight.dataset.links.isEmpty)
            #expect(straight.dataset.personIndex["b"] == general.dataset.personIndex["b"])
            #expect(try Measures.compute(["pagerank", "betweenness"], on: a).map(\.values)
                    == Measures.compute(["pagerank", "betweenness"], on: b).map(\.values))
        }
    }

    @Test("the straight path steps aside for typed, dated or period links and for period filters")
    func stepsAside() throws {
        for text in ["source,target,type\na,b,family\n", "source,target,date\na,b,2020-01-01\n", "source,target,period\na,b,1\n"] {
            let (t, path) = try write(text)
            defer { t.cleanup() }
            #expect(try NetworkBuilder.edgeList(url: URL(fileURLWithPath: path), file: path) == nil)
        }
        let (t, path) = try write(Self.edgeList)
        defer { t.cleanup() }
        var o = BuildOptions()
        o.from = Day(iso: "2020-01-01")
        #expect(try NetworkBuilder.edgeList(url: URL(fileURLWithPath: path), file: path, options: o) == nil)
    }

    @Test("the straight path gives the general path's errors: line and field")
    func errors() throws {
        let (t, path) = try write("source,target,weight\na,b,1\nb,,1\n")
        defer { t.cleanup() }
        #expect(throws: InputError(file: path, line: 3, field: "target", "empty (a node id is required)")) {
            try NetworkBuilder.edgeList(url: URL(fileURLWithPath: path), file: path)
        }
        let (t2, path2) = try write("source,target,weight\na,b,1\nb,c,0\n")
        defer { t2.cleanup() }
        var o = BuildOptions()
        o.requirePositiveWeights = true
        #expect(throws: InputError.self) { try NetworkBuilder.edgeList(url: URL(fileURLWithPath: path2), file: path2, options: o) }
        do {
            _ = try NetworkBuilder.edgeList(url: URL(fileURLWithPath: path2), file: path2, options: o)
        } catch let e as InputError {
            #expect(e.line == 3 && e.field == "weight")
        }
    }

    @Test("ids interned from bytes: 7- and 8-byte ids, non-ASCII, empty, growth; text and bytes find the same index")
    func internFromBytes() {
        var t = IDInterner(capacity: 2)
        let ids = ["", "a", "abcdefg", "abcdefgh", "abcdefg\u{0}", "æøå", "Åse", "P0140", "1234567", "12345678",
                   "a very long id that is not packed"] + (0..<5000).map { "n\($0)" } + (0..<500).map { "person number \($0)" }
        var made = 0
        for (i, id) in ids.enumerated() {
            var text = id
            let r = text.withUTF8 { buf in t.intern(utf8: UnsafeRawBufferPointer(buf)) { made += 1; return id } }
            #expect(r.index == Int32(i) && r.inserted, "\(id)")
        }
        #expect(made == ids.count && t.ids == ids)
        for (i, id) in ids.enumerated() {
            #expect(t.index(of: id) == Int32(i))
            #expect(t.intern(id) == (Int32(i), false))
            var text = id
            let again = text.withUTF8 { buf in t.intern(utf8: UnsafeRawBufferPointer(buf)) { Issue.record("made twice"); return id } }
            #expect(again.index == Int32(i) && !again.inserted)
        }
        #expect(t.index(of: "abcdefgh ") == nil && t.index(of: "abcdef") == nil && t.index(of: "n5000") == nil)
    }

    @Test("records as bytes decode to the records as text: quoted, padded, multi-line, semicolons, blank rows")
    func rawRecords() throws {
        let text = "id;name\r\n 1 ; \"a;b\" \r\n2;\"x\"\"y\"\n;\n3;\"two\nlines\"\n\"4\";  \n"
        let csv = try CSVReader(data: Data(text.utf8), file: "t.csv")
        var decoded: [[String]] = [], lines: [Int] = []
        try csv.forEachRecord { decoded.append($0.fields); lines.append($0.line) }
        var raw: [[String]] = [], rawLines: [Int] = []
        try csv.forEachRawRecord { rec in
            rawLines.append(rec.line)
            raw.append(try (0..<2).map { i in
                try rec.check(i)
                return String(decoding: rec.bytes(i), as: UTF8.self)
            })
        }
        #expect(decoded == [["1", "a;b"], ["2", "x\"y"], ["3", "two\nlines"], ["4", ""]])
        #expect(raw == decoded && rawLines == lines && lines == [2, 3, 5, 7])
        #expect(csv.emptyRows.count == 2 && csv.emptyRows.firstLine == 4)   // line 4, once per pass
    }

    @Test("the straight path reports a row's faults in the general path's order (text, then empty ends, then weight)")
    func faultOrder() throws {
        // Row 3: an empty source and a NUL byte in the weight: the text check comes first.
        for text in ["source,target,weight\na,b,1\n,c,1\u{0}\n", "source,target,weight\na,b,1\nb,,x\n",
                     "source,target\na,b\nc\n", "source,target\na,b\n\"c,d\n"] {
            let (t, path) = try write(text)
            defer { t.cleanup() }
            var general: InputError?, straight: InputError?
            do { _ = try NetworkBuilder.build(try DatasetLoader.load(path)) } catch let e as InputError { general = e }
            do { _ = try NetworkBuilder.edgeList(url: URL(fileURLWithPath: path), file: path) } catch let e as InputError { straight = e }
            #expect(general != nil && general == straight, "\(text)")
        }
    }

    @Test("a person's attributes live in one shared box; setting one keeps the others")
    func personDetails() {
        var p = Person(id: "P1", name: "Anna", birthDate: Day(iso: "2008-05-01"), district: "Nord")
        let q = p
        p.municipality = "Aarhus"
        p.name = nil
        #expect(p.birthDate == Day(iso: "2008-05-01") && p.district == "Nord" && p.municipality == "Aarhus" && p.name == nil)
        #expect(q.name == "Anna" && q.municipality == nil)   // the copy is untouched
        #expect(MemoryLayout<Person>.stride <= 48)
        p.attributes = [("gang", "G1")]
        #expect(p.attributes.map(\.value) == ["G1"])
    }
}
