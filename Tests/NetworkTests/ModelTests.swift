import Foundation
import Testing
@testable import Network

/// Every policy window rests on `Day` arithmetic: month steps clamp to the month's end, leap
/// years, negative steps across year boundaries.
@Suite("Day")
struct DayTests {
    @Test("adding months clamps to the month's end and crosses years", arguments: [
        ("2016-03-31", -1, "2016-02-29"), ("2015-03-31", -1, "2015-02-28"), ("2015-01-31", 1, "2015-02-28"),
        ("2016-01-31", 1, "2016-02-29"), ("2015-12-31", -24, "2013-12-31"), ("2015-12-31", -18, "2014-06-30"),
        ("2014-06-30", 18, "2015-12-30"), ("2015-01-15", -13, "2013-12-15"), ("2000-02-29", 12, "2001-02-28"),
        ("2000-02-29", 48, "2004-02-29"), ("2015-05-31", 0, "2015-05-31"), ("2015-11-30", 2, "2016-01-30"),
    ])
    func months(_ from: String, _ months: Int, _ expected: String) {
        #expect(Day(iso: from)!.adding(months: months).description == expected)
    }

    @Test("days and ordinals round-trip; differences are exact")
    func ordinals() {
        var d = Day(iso: "1899-12-25")!
        for _ in 0..<(366 * 130) {
            let next = d.adding(days: 1)
            #expect(next.ordinal == d.ordinal + 1 && next > d)
            d = next
        }
        #expect(d.description == "2030-04-02")  // Python: date(1899,12,25) + timedelta(366*130)
        #expect(Day(iso: "1970-01-01")!.ordinal == 0)
        #expect(Day(iso: "2016-03-01")!.ordinal - Day(iso: "2016-02-28")!.ordinal == 2)
        #expect(Day(iso: "2015-03-01")!.ordinal - Day(iso: "2015-02-28")!.ordinal == 1)
    }

    @Test("parsing is exact; invalid days are nil", arguments: ["2015-02-29", "2015-13-01", "2015-1-01", "15-01-01", "2015/01/01", "2015-01-00", ""])
    func invalid(_ text: String) {
        #expect(Day(iso: text) == nil)
    }

    @Test("age on a day: the birthday counts, a 29 February birthday ages on 1 March")
    func age() {
        let b = Day(iso: "1997-12-31")!
        #expect(b.age(on: Day(iso: "2015-12-30")!) == 17)
        #expect(b.age(on: Day(iso: "2015-12-31")!) == 18)
        let leap = Day(iso: "2000-02-29")!
        #expect(leap.age(on: Day(iso: "2018-02-28")!) == 17)
        #expect(leap.age(on: Day(iso: "2018-03-01")!) == 18)
        let p = Person(id: "P", birthDate: b)
        #expect(p.isMinor(on: Day(iso: "2015-12-30")!) == true)
        #expect(p.isMinor(on: Day(iso: "2015-12-31")!) == false)
        #expect(p.isMinor(on: Day(iso: "2015-12-31")!, under: 21) == true)
        #expect(Person(id: "Q").isMinor(on: Day(iso: "2015-12-31")!) == nil)
    }
}

@Suite("Node attributes")
struct NodeAttributeTests {
    static func network() throws -> (PersonNetwork, () -> Void) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sna-attr-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let files = [
            "persons.csv": "id,municipality,district,status,team\nA,København,Indre Nørrebro,free,x\nB,København,Vesterbro,custody,\nC,Gladsaxe,Gladsaxe,free,y\nD,,,,\n",
            "affiliations.csv": "person_id,group,since,until,source,confidence\nA,BGP,2012-01-01,,EAS,possible\nA,LTF,2013-01-01,,EAS,confirmed\nB,LTF,2012-01-01,,EAS,probable\nB,BGP,2011-01-01,,EAS,probable\nC,Værebro,2010-01-01,2011-01-01,EAS,confirmed\n",
            "links.csv": "source,target,type,weight,date\nA,B,family,1,2014-01-01\nC,D,family,1,2014-01-01\n",
        ]
        for (name, text) in files { try Data(text.utf8).write(to: dir.appendingPathComponent(name)) }
        var o = BuildOptions()
        o.links = LinkSelection(parsing: "analyst")
        o.from = Day(iso: "2014-01-01")
        let net = try NetworkBuilder.build(try DatasetLoader.load(dir.path), options: o)
        return (net, { try? FileManager.default.removeItem(at: dir) })
    }

    @Test("group: the most confident affiliation in the period, the earliest row on ties; none outside the period")
    func group() throws {
        let (net, done) = try Self.network()
        defer { done() }
        #expect(NodeAttributes.values(net, "group") == ["LTF", "LTF", nil, nil])
    }

    @Test("area comes from the caller's rule (the library knows no areas); other columns as written")
    func areaAndColumns() throws {
        let (net, done) = try Self.network()
        defer { done() }
        #expect(NodeAttributes.values(net, "area") == [nil, nil, nil, nil])
        let rule: (Person) -> String? = { p in p.municipality == nil ? nil : p.municipality == "København" ? (p.district == "Indre Nørrebro" ? "A" : "B") : "outside" }
        #expect(NodeAttributes.values(net, "area", area: rule) == ["A", "B", "outside", nil])
        #expect(NodeAttributes.values(net, "status") == ["free", "custody", "free", nil])
        #expect(NodeAttributes.values(net, "team") == ["x", nil, "y", nil])
        #expect(NodeAttributes.available(net).contains("team"))
        #expect(NodeAttributes.codes(["a", nil, "b", "a"]).count == 4)
    }
}

@Suite("Person fields")
struct PersonFieldTests {
    @Test("every reader validates status, subject category and birth date like persons.csv", arguments: [
        ("status", "jail", "unknown value 'jail'"), ("subject_category", "boss", "unknown value 'boss'"),
        ("birth_date", "23-02-1990", "not a valid date"),
    ])
    func invalid(_ key: String, _ value: String, _ message: String) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sna-pf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let json = dir.appendingPathComponent("g.json")
        try Data(#"{"directed": false, "nodes": [{"id": "A", "\#(key)": "\#(value)"}, {"id": "B"}], "links": [{"source": "A", "target": "B"}]}"#.utf8).write(to: json)
        let gml = dir.appendingPathComponent("g.graphml")
        try Data("""
            <?xml version="1.0" encoding="UTF-8"?>
            <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
            <key id="d0" for="node" attr.name="\(key)" attr.type="string"/>
            <graph edgedefault="undirected"><node id="A"><data key="d0">\(value)</data></node><node id="B"/><edge source="A" target="B"/></graph>
            </graphml>
            """.utf8).write(to: gml)
        let csv = dir.appendingPathComponent("persons")
        try FileManager.default.createDirectory(at: csv, withIntermediateDirectories: true)
        try Data("id,\(key)\nA,\(value)\n".utf8).write(to: csv.appendingPathComponent("persons.csv"))
        for path in [json.path, gml.path, csv.path] {
            do {
                _ = try DatasetLoader.load(path)
                Issue.record("\(path): \(key) '\(value)' accepted")
            } catch let e as InputError {
                #expect(e.message.contains(message) && e.field?.hasSuffix(key) == true, "\(path): \(e)")
            }
        }
    }
}

@Suite("Initiative rule")
struct InitiativeRuleTests {
    static func c(_ code: String, _ tags: [String] = []) -> Case {
        Case(id: "C", date: Day(iso: "2015-01-01")!, crimeCode: code, place: nil, tags: tags, source: SourceRow(file: "f", line: 1))
    }

    @Test("codes, ranges and tags; crime_codes.csv may declare a code of the default range a crime")
    func matches() {
        let t = CrimeCodeTable.builtIn
        let rule = InitiativeRule.default
        #expect(rule.matches(Self.c("61615"), t) && rule.matches(Self.c("62000"), t) && !rule.matches(Self.c("84110"), t))
        #expect(!rule.matches(Self.c("84110", ["stop_search"]), t))
        let tagged = InitiativeRule(tags: ["stop_search"])
        #expect(tagged.matches(Self.c("84110", ["stop_search"]), t) && !tagged.matches(Self.c("84110", ["Bandekonflikt"]), t))
        let codes = InitiativeRule(codes: [61600...62230, 84110...84110])
        #expect(codes.matches(Self.c("84110"), t))
        var table = t
        table.set("61700", .init(label: "a crime here", initiative: false, serious: false))
        #expect(!rule.matches(Self.c("61700"), table))
        #expect(InitiativeRule.range("61600-62230") == 61600...62230 && InitiativeRule.range("84110") == 84110...84110)
        #expect(InitiativeRule.range("62230-61600") == nil && InitiativeRule.range("x") == nil && InitiativeRule.range("1-") == nil)
    }
}
