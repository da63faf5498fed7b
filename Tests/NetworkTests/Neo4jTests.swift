import Foundation
import Testing
@testable import Network

@Suite("neo4j-admin import folders, POLE, scores on exports, GraphFrames tables")
struct Neo4jTests {
    static func options() -> BuildOptions {
        var o = BuildOptions()
        o.links = .all
        return o
    }

    static func write(_ files: [Neo4jWriter.File]) throws -> TempDataset {
        var m: [String: String] = [:]
        for f in files { m[f.name] = f.text }
        return try TempDataset(m)
    }

    /// Measures by id.
    static func scores(_ net: PersonNetwork, _ names: [String]) throws -> [String: [Double]] {
        let s = try Measures.compute(names, on: net.graph)
        var out: [String: [Double]] = [:]
        for v in 0..<net.graph.nodeCount { out[net.graph.labels[v]] = s.map { $0.values[v] } }
        return out
    }

    @Test("sample → neo4j files → sna: the same persons, ties, weights, kinds and measures")
    func roundTrip() throws {
        let ds = try DatasetLoader.load(InteropTests.samplePath)
        let net = try NetworkBuilder.build(ds, options: Self.options())
        let tmp = try Self.write(Neo4jWriter.files(net, scores: try Measures.compute(["betweenness"], on: net.graph)))
        defer { tmp.cleanup() }
        let back = try DatasetLoader.load(tmp.path)
        #expect(back.persons.map(\.id) == ds.persons.map(\.id))
        #expect(back.cases.count == ds.cases.count && back.participations.count == ds.participations.count)
        #expect(back.affiliations.count == ds.affiliations.count && back.sightings.count == ds.sightings.count)
        #expect(back.links.count == ds.links.count && back.links.types.sorted() == ds.links.types.sorted())
        let net2 = try NetworkBuilder.build(back, options: Self.options())
        #expect(net2.graph.labels == net.graph.labels)
        #expect(InteropTests.edgeMap(net2.graph) == InteropTests.edgeMap(net.graph))
        func kinds(_ n: PersonNetwork) -> [String: String] {
            var m: [String: String] = [:]
            for e in 0..<n.graph.edgeCount {
                let a = n.graph.labels[Int(n.graph.edgeSource[e])], b = n.graph.labels[Int(n.graph.edgeTarget[e])]
                m[min(a, b) + "|" + max(a, b)] = n.edgeKinds[e].map { "\($0.kind)=\($0.weight)" }.sorted().joined(separator: ",")
            }
            return m
        }
        #expect(kinds(net2) == kinds(net))
        let measures = ["degree", "betweenness", "closeness", "pagerank"]
        let a = try Self.scores(net, measures), b = try Self.scores(net2, measures)
        for (id, x) in a { #expect(zip(x, b[id]!).allSatisfy { close($0, $1) }, "\(id)") }
        // Evidence comes back with the ties: the case ids of every co-offending tie.
        #expect(net2.evidence.count == net.evidence.count)
        for e in 0..<net.graph.edgeCount { #expect(net2.evidence[e].count == net.evidence[e].count) }
        // Provenance: a link's row points at the relationship file it came from.
        #expect(back.links.indices.allSatisfy { back.links[$0].source.file.hasSuffix(".csv") && back.links[$0].source.file != tmp.path })
        // The crime-code table (labels, seriousness) survives.
        for c in Set(ds.cases.map(\.crimeCode)) { #expect(back.crimeCodes.entry(for: c) == ds.crimeCodes.entry(for: c)) }
    }

    /// A check of neo4j-admin's documented header grammar, independent of ``Neo4jReader``.
    static func checkGrammar(_ files: [Neo4jWriter.File]) throws -> [String] {
        var problems: [String] = []
        let types: Set<String> = ["string", "int", "long", "float", "double", "boolean", "byte", "short", "char",
                                  "point", "date", "localtime", "time", "localdatetime", "datetime", "duration"]
        var ids: [String: Set<String>] = [:]   // space → ids
        var rels: [(String, Int, String, String, String, String)] = []
        for f in files where f.name.hasSuffix(".csv") {
            let csv = try CSVReader(data: Data(f.text.utf8), file: f.name)
            var idCol: Int?, idSpace = "", start: (Int, String)?, end: (Int, String)?
            var typed: [(Int, String)] = []
            for (i, h) in csv.header.enumerated() {
                let parts = h.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                guard parts.count == 2 else { continue }
                var t = parts[1].lowercased(), space = ""
                if let o = t.firstIndex(of: "("), t.hasSuffix(")") { space = String(t[t.index(after: o)..<t.index(before: t.endIndex)]); t = String(t[..<o]) }
                switch t {
                case "id": idCol = i; idSpace = space
                case "start_id": start = (i, space)
                case "end_id": end = (i, space)
                case "label", "type", "ignore": break
                default:
                    let base = t.hasSuffix("[]") ? String(t.dropLast(2)) : t
                    if !types.contains(base) { problems.append("\(f.name): column \(h): unknown type") }
                    typed.append((i, base))
                }
            }
            if (idCol == nil) == (start == nil || end == nil) { problems.append("\(f.name): neither a node nor a relationship file") }
            try csv.forEachRecord { rec in
                for (i, t) in typed where !rec.fields[i].isEmpty {
                    let vals = csv.header[i].hasSuffix("[]") ? rec.fields[i].split(separator: ";").map(String.init) : [rec.fields[i]]
                    for v in vals {
                        let ok: Bool
                        switch t {
                        case "double", "float": ok = Double(v) != nil
                        case "int", "long": ok = Int(v) != nil
                        case "boolean": ok = v == "true" || v == "false"
                        case "date": ok = Day(iso: v) != nil
                        default: ok = true
                        }
                        if !ok { problems.append("\(f.name):\(rec.line): '\(v)' is not a \(t)") }
                    }
                }
                if let idCol {
                    if !ids[idSpace, default: []].insert(rec.fields[idCol]).inserted { problems.append("\(f.name):\(rec.line): id \(rec.fields[idCol]) twice") }
                } else if let start, let end {
                    rels.append((f.name, rec.line, start.1, rec.fields[start.0], end.1, rec.fields[end.0]))
                }
            }
        }
        for r in rels {
            if ids[r.2]?.contains(r.3) != true { problems.append("\(r.0):\(r.1): START_ID \(r.3) dangles in \(r.2)") }
            if ids[r.4]?.contains(r.5) != true { problems.append("\(r.0):\(r.1): END_ID \(r.5) dangles in \(r.4)") }
        }
        return problems
    }

    @Test("the files follow neo4j-admin's header grammar: typed columns, ID spaces, no dangling ends; import.sh names every file")
    func grammar() throws {
        let net = try NetworkBuilder.build(try DatasetLoader.load(InteropTests.samplePath), options: Self.options())
        let files = Neo4jWriter.files(net, scores: try Measures.compute(["pagerank"], on: net.graph))
        #expect(try Self.checkGrammar(files) == [])
        let names = files.map(\.name)
        for n in ["Person.csv", "Group.csv", "Case.csv", "Place.csv", "PARTY_TO.csv", "MEMBER_OF.csv", "SEEN_AT.csv", "CO_OFFENDED_WITH.csv", "FAMILY.csv", "import.sh"] {
            #expect(names.contains(n), "\(n)")
        }
        let script = files.first { $0.name == "import.sh" }!.text
        #expect(script.contains("neo4j-admin database import full"))
        for n in names where n.hasSuffix(".csv") { #expect(script.contains("=\(n)"), "\(n) in import.sh") }
        // Every relationship carries its provenance.
        for f in files where f.text.hasPrefix(":START_ID") {
            let csv = try CSVReader(data: Data(f.text.utf8), file: f.name)
            let s = csv.column("source")!
            try csv.forEachRecord { #expect(!$0.fields[s].isEmpty, "\(f.name):\($0.line)") }
        }
        #expect(Neo4jWriter.relationshipType("co-worker") == "CO_WORKER")
        #expect(Neo4jWriter.relationshipType("party_to") == "LINK_PARTY_TO")
        #expect(Neo4jWriter.relationshipType("1st") == "LINK_1ST")
    }

    @Test("the disclosure rule: no names by default; with names, a minor's and an unknown age's name stay out")
    func disclosure() throws {
        let tmp = try TempDataset(["persons.csv": "id,name,birth_date\nA,Anna Adult,1980-01-01\nM,Mia Minor,2010-01-01\nU,Uwe Unknown,\n",
                                   "links.csv": "source,target,type\nA,M,family\nM,U,family\n"])
        defer { tmp.cleanup() }
        let net = try NetworkBuilder.build(try DatasetLoader.load(tmp.path))
        func person(_ d: Disclosure) -> String { Neo4jWriter.files(net, disclosure: d).first { $0.name == "Person.csv" }!.text }
        let plain = person(.pseudonymous)
        #expect(!plain.contains("Anna") && !plain.contains("Mia") && !plain.hasPrefix("id:ID(Person),name"))
        #expect(plain.contains("1980") && !plain.contains("1980-01-01"), "birth year only")
        let named = person(Disclosure(names: true, asOf: Day(iso: "2020-01-01")))
        #expect(named.contains("Anna Adult") && !named.contains("Mia") && !named.contains("Uwe"))
    }

    @Test("POLE (Neo4j's crime-investigation example): persons, crimes and relationships convert; degree equals networkx")
    func pole() throws {
        let ds = try DatasetLoader.load(fixture("pole"))
        let ref = try readJSON(fixture("pole/reference.json"))
        let degree = ref["degree"] as! [String: Int]
        #expect(ds.persons.count == 369 && ds.cases.count == 55 && ds.participations.count == 55)
        #expect(ds.persons.allSatisfy { p in !p.attributes.contains { $0.key == "nhs_no" } }, "identity numbers are left out")
        #expect(ds.persons.allSatisfy { $0.birthDate == nil }, "POLE gives no birth dates: every age unknown")
        #expect(ds.persons.first { $0.id == "0" }?.name == "Todd Hamilton")
        #expect(ds.links.types.sorted() == ["family", "knows", "knows_lw", "knows_phone", "knows_sn"])
        #expect(ds.cases.allSatisfy { $0.place != nil }, "places from OCCURRED_AT")
        #expect(ds.places.count > 0 && ds.places.allSatisfy { !$0.district.isEmpty }, "districts from the areas")
        #expect(ds.cases.first { $0.id == "1325" }?.date == Day(iso: "2017-08-24"), "day/month/year")
        #expect(ds.loadNotes.contains { $0.contains("CURRENT_ADDRESS") }, "what is left is said")
        let net = try NetworkBuilder.build(ds)
        #expect(net.graph.nodeCount == ref["nodes"] as! Int && net.graph.edgeCount == ref["edges"] as! Int)
        let d = Degree.degree(net.graph)
        for v in 0..<net.graph.nodeCount { #expect(Int(d[v]) == degree[net.graph.labels[v]], "\(net.graph.labels[v])") }
    }

    @Test("bad neo4j folders: a dangling relationship, an id twice, an unknown column type — each named by file, line and field")
    func bad() throws {
        let cases: [([String: String], String)] = [
            (["P.csv": "id:ID(Person),:LABEL\na,Person\n", "R.csv": ":START_ID(Person),:END_ID(Person),:TYPE\na,b,KNOWS\n"],
             "R.csv:2: field ':end_id(person)': no node with id 'b'"),
            (["P.csv": "id:ID(Person),:LABEL\na,Person\na,Person\n"], "P.csv:3: field 'id:id(person)': node id 'a' is given twice"),
            (["P.csv": "id:ID(Person),age:integer,:LABEL\na,3,Person\n"], "P.csv:1: field 'age:integer': unknown column type 'integer'"),
            (["P.csv": "id:ID(Person),:LABEL\na,Person\n", "R.csv": ":START_ID(Person),:TYPE\na,KNOWS\n"], "needs both :START_ID and :END_ID"),
            (["C.csv": ":ID,date,type,:LABEL\nc1,31/02/2017,Burglary,Crime\n"], "C.csv:2: field 'date': '31/02/2017' is not a valid date"),
        ]
        for (files, message) in cases {
            let tmp = try TempDataset(files)
            defer { tmp.cleanup() }
            do {
                _ = try DatasetLoader.load(tmp.path)
                Issue.record("no error for \(message)")
            } catch let e as InputError {
                #expect(e.description.contains(message), "\(e.description)")
            }
        }
    }

    @Test("--with-scores: GraphML, GEXF and JSON carry the measures as typed numbers equal to centrality's; GraphFrames tables round-trip")
    func scoresAndTables() throws {
        let net = try NetworkBuilder.build(try DatasetLoader.load(InteropTests.samplePath))
        let s = try Measures.compute(["betweenness", "pagerank"], on: net.graph)
        let gml = InteropWriters.graphML(net, scores: s)
        #expect(gml.contains("attr.name=\"betweenness\" attr.type=\"double\"") && gml.contains("attr.name=\"pagerank\" attr.type=\"double\""))
        let gexf = InteropWriters.gexf(net, scores: s)
        #expect(gexf.contains("title=\"pagerank\" type=\"double\""))
        let json = NodeLinkJSON.write(net, scores: s).serialized()
        let obj = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        let nodes = obj["nodes"] as! [[String: Any]]
        for (v, n) in nodes.enumerated() { #expect(close(n["pagerank"] as! Double, s[1].values[v])) }
        let t = InteropWriters.graphFrames(net, scores: s)
        #expect(t.vertices.hasPrefix("id,betweenness,pagerank\n") && t.edges.hasPrefix("src,dst,weight,type\n"))
        let tmp = try TempDataset(["vertices.csv": t.vertices, "edges.csv": t.edges])
        defer { tmp.cleanup() }
        let back = try NetworkBuilder.build(try DatasetLoader.load(tmp.path))
        #expect(Set(back.graph.labels) == Set(net.graph.labels))
        #expect(InteropTests.edgeMap(back.graph) == InteropTests.edgeMap(net.graph))
    }

    @Test("GraphML with --with-scores loads in networkx with the measures as floats equal to sna's",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") || FileManager.default.isExecutableFile(atPath: "/usr/local/bin/python3")))
    func networkxScores() throws {
        let net = try NetworkBuilder.build(try DatasetLoader.load(InteropTests.samplePath))
        let s = try Measures.compute(["betweenness", "pagerank"], on: net.graph)
        let tmp = try TempDataset([:])
        defer { tmp.cleanup() }
        let gml = tmp.url.appendingPathComponent("s.graphml"), out = tmp.url.appendingPathComponent("s.json")
        try Data(InteropWriters.graphML(net, scores: s).utf8).write(to: gml)
        let status = try runPython("""
            import sys, json
            try:
                import networkx as nx
            except ImportError:
                sys.exit(3)
            g = nx.read_graphml(sys.argv[1])
            out = {v: [d["betweenness"], d["pagerank"]] for v, d in g.nodes(data=True)}
            assert all(isinstance(x, float) for xs in out.values() for x in xs), "floats"
            out = {v: [repr(x) for x in xs] for v, xs in out.items()}   # exact: Python's shortest repr
            json.dump(out, open(sys.argv[2], "w"))
            """, [gml.path, out.path])
        if status == 3 { print("networkx not installed: GraphML scores through networkx skipped"); return }
        #expect(status == 0)
        let read = try readJSON(out.path) as! [String: [String]]
        for v in 0..<net.graph.nodeCount {
            let x = read[net.graph.labels[v]]!.map { Double($0)! }
            #expect(x[0] == s[0].values[v] && x[1] == s[1].values[v], "\(net.graph.labels[v])")
        }
    }
}
