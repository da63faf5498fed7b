/// The files of a `neo4j-admin database import` (Neo4j 5; `neo4j-admin import` in 4.x): one
/// CSV per node label and per relationship type, with the documented header grammar, and an
/// `import.sh` with the exact command.
///
/// Grammar (Neo4j's "CSV header format"): a node file's ID column is `name:ID(Space)` (the
/// property `name` is stored, the ID space `Space` keeps ids of different labels apart), a
/// relationship file has `:START_ID(Space)`, `:END_ID(Space)` and `:TYPE`; other columns are
/// `name:type` with type `string` (the default, written bare), `int`, `double`, `boolean` or
/// `date`, and `type[]` for arrays whose elements are separated by `;` (the tool's default
/// `--array-delimiter`). Fields are quoted as RFC 4180 (`"`, the default `--quote`).
///
/// Nodes: `Person` (id, the disclosed fields, any `scores`), `Group`, `Case` (date, crime code
/// with its label, serious and initiative flags, place, tags) and `Place` (district,
/// coordinates). Relationships: `PARTY_TO` (Person→Case, with the role), `MEMBER_OF`
/// (Person→Group, with confidence and period), `SEEN_AT` (Person→Place, with the day),
/// `OCCURRED_AT` (Case→Place), `CO_OFFENDED_WITH` (Person→Person: the network's co-offending
/// ties with their weight, case ids, dates and crime codes) and one type per analyst link type
/// (`links.csv` `family` → `FAMILY`, the original type kept as `link_type`). Every relationship
/// carries `source`: the input row it comes from (`case_persons.csv:12`), or for a derived tie
/// what it was derived from.
///
/// Only what `disclosure` admits of a person is written (pseudonymous ids by default).
public enum Neo4jWriter {
    /// One file of the export.
    public struct File: Sendable {
        public let name: String
        public let text: String
    }

    /// The relationship types sna writes itself; an analyst link type of the same name is
    /// written as `LINK_…`.
    public static let ownTypes = ["PARTY_TO", "MEMBER_OF", "SEEN_AT", "OCCURRED_AT", "CO_OFFENDED_WITH"]

    /// The relationship type for an analyst link type: upper case, anything but A–Z, 0–9 and
    /// `_` as `_`, never one of ``ownTypes`` and never starting with a digit.
    public static func relationshipType(_ linkType: String) -> String {
        var t = String(linkType.uppercased().unicodeScalars.map { ("A"..."Z").contains($0) || ("0"..."9").contains($0) ? Character($0) : "_" })
        if t.isEmpty || t.first!.isNumber || ownTypes.contains(t) { t = "LINK_" + t }
        return t
    }

    /// Plain RFC 4180 cells (no spreadsheet formula guard: these files are read by a loader,
    /// and a value must come back as written).
    static func row(_ cells: [String]) -> String { cells.map { CSVOut.cell($0, guardingFormulas: false) }.joined(separator: ",") + "\n" }

    /// An array property: elements joined by `;` (a `;` inside an element becomes `,`).
    static func array(_ xs: [String]) -> String { xs.map { $0.replacingOccurrences(of: ";", with: ",") }.joined(separator: ";") }

    /// The export of `net` (its dataset and its co-offending ties), `scores` as `name:double`
    /// properties of the persons.
    public static func files(_ net: PersonNetwork, disclosure: Disclosure = .pseudonymous, scores: [NodeScores] = []) -> [File] {
        let ds = net.dataset
        let g = net.graph
        var out: [File] = []
        // Persons: the columns every writer uses, then attributes in order of first appearance.
        var attrKeys: [String] = []
        var seen = Set<String>()
        let projected = ds.persons.map { disclosure.project($0)! }
        for p in projected { for (k, _) in p.attributes where seen.insert(k).inserted { attrKeys.append(k) } }
        let reserved: Set<String> = ["id", "name", "birth_date", "birth_year", "municipality", "district", "status", "subject_category"]
        attrKeys = attrKeys.filter { !reserved.contains($0) && !scores.map(\.name).contains($0) }
        let birthColumn = disclosure.birthDates ? "birth_date:date" : "birth_year:int"
        var header = ["id:ID(Person)"]
        if disclosure.names { header.append("name") }
        header += [birthColumn, "municipality", "district", "status", "subject_category"]
        header += attrKeys
        header += scores.map { "\($0.name):double" }
        header.append(":LABEL")
        var nodeOfPerson = [Int?](repeating: nil, count: ds.persons.count)
        for v in 0..<g.nodeCount { if let i = net.personOfNode[v] { nodeOfPerson[i] = v } }
        var s = row(header)
        for (i, p) in projected.enumerated() {
            var cells = [p.id]
            if disclosure.names { cells.append(disclosure.name(p) ?? "") }
            cells.append(disclosure.birth(p)?.value ?? "")
            cells += [p.municipality ?? "", p.district ?? "", p.status?.rawValue ?? "", p.subjectCategory?.rawValue ?? ""]
            let attrs = Dictionary(p.attributes.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
            cells += attrKeys.map { attrs[$0] ?? "" }
            for sc in scores {
                if let v = nodeOfPerson[i], v < sc.values.count, sc.values[v].isFinite {
                    cells.append(formatValue(sc.values[v], integral: false))
                } else {
                    cells.append("")
                }
            }
            cells.append("Person")
            s += row(cells)
        }
        out.append(File(name: "Person.csv", text: s))

        // Groups.
        s = row(["name:ID(Group)", ":LABEL"])
        for group in ds.groups { s += row([group, "Group"]) }
        out.append(File(name: "Group.csv", text: s))

        // Places: places.csv's, then any other place a case or sighting names.
        var placeNames: [String] = []
        var placeSeen = Set<String>()
        var placeRow: [String: Place] = [:]
        for p in ds.places where placeSeen.insert(p.name).inserted { placeNames.append(p.name); placeRow[p.name] = p }
        for c in ds.cases { if let p = c.place, placeSeen.insert(p).inserted { placeNames.append(p) } }
        for x in ds.sightings where placeSeen.insert(x.place).inserted { placeNames.append(x.place) }
        s = row(["name:ID(Place)", "district", "latitude:double", "longitude:double", ":LABEL"])
        for name in placeNames {
            let p = placeRow[name]
            s += row([name, p?.district ?? "", p?.latitude.map { formatValue($0, integral: false) } ?? "",
                      p?.longitude.map { formatValue($0, integral: false) } ?? "", "Place"])
        }
        out.append(File(name: "Place.csv", text: s))

        // Cases, with the crime code's table entry (so codes of the unit's own table survive).
        s = row(["case_id:ID(Case)", "date:date", "crime_code", "crime_label", "serious:boolean", "initiative:boolean",
                 "place", "tags:string[]", "source", ":LABEL"])
        var occurred = row([":START_ID(Case)", ":END_ID(Place)", "source", ":TYPE"])
        for c in ds.cases {
            let entry = ds.crimeCodes.entry(for: c.crimeCode)
            s += row([c.id, c.date.description, c.crimeCode, entry?.label ?? "", entry.map { String($0.serious) } ?? "",
                      entry.map { String($0.initiative) } ?? "", c.place ?? "", array(c.tags), c.source.description, "Case"])
            if let p = c.place { occurred += row([c.id, p, c.source.description, "OCCURRED_AT"]) }
        }
        out.append(File(name: "Case.csv", text: s))
        out.append(File(name: "OCCURRED_AT.csv", text: occurred))

        s = row([":START_ID(Person)", ":END_ID(Case)", "role", "source", ":TYPE"])
        for p in ds.participations { s += row([p.personID, p.caseID, p.role.rawValue, p.source.description, "PARTY_TO"]) }
        out.append(File(name: "PARTY_TO.csv", text: s))

        s = row([":START_ID(Person)", ":END_ID(Group)", "confidence", "since:date", "until:date", "source_info", "source", ":TYPE"])
        for a in ds.affiliations {
            s += row([a.personID, a.group, a.confidence?.rawValue ?? "", a.since?.description ?? "", a.until?.description ?? "",
                      a.sourceInfo ?? "", a.source.description, "MEMBER_OF"])
        }
        out.append(File(name: "MEMBER_OF.csv", text: s))

        s = row([":START_ID(Person)", ":END_ID(Place)", "date:date", "source", ":TYPE"])
        for x in ds.sightings { s += row([x.personID, x.place, x.date.description, x.source.description, "SEEN_AT"]) }
        out.append(File(name: "SEEN_AT.csv", text: s))

        // The network's co-offending ties (after its options: initiative cases, period, weight).
        s = row([":START_ID(Person)", ":END_ID(Person)", "weight:double", "cases:string[]", "dates:date[]", "crime_codes:string[]", "source", ":TYPE"])
        for e in 0..<g.edgeCount where e < net.edgeKinds.count {
            guard let w = net.edgeKinds[e].first(where: { $0.kind == .coOffending })?.weight,
                  let a = net.personOfNode[Int(g.edgeSource[e])], let b = net.personOfNode[Int(g.edgeTarget[e])] else { continue }
            var cases: [String] = [], dates: [String] = [], codes: [String] = []
            if e < net.evidence.count {
                for case let .coOffending(id, date, code) in net.evidence[e] { cases.append(id); dates.append(date.description); codes.append(code) }
            }
            s += row([ds.persons[a].id, ds.persons[b].id, formatValue(w, integral: false), array(cases), array(dates), array(codes),
                      "derived: suspects in the same case (case_persons.csv)", "CO_OFFENDED_WITH"])
        }
        out.append(File(name: "CO_OFFENDED_WITH.csv", text: s))

        // Analyst links, one file per relationship type, in order of first appearance.
        var byType: [String: String] = [:]
        var typeOrder: [String] = []
        let linkHeader = row([":START_ID(Person)", ":END_ID(Person)", "link_type", "weight:double", "date:date", "source_info", "period", "directed:boolean", "source", ":TYPE"])
        let directed = ds.declaredDirected
        for i in ds.links.indices {
            let l = ds.links[i]
            let t = relationshipType(l.type)
            if byType[t] == nil { byType[t] = linkHeader; typeOrder.append(t) }
            byType[t]! += row([l.sourceID, l.targetID, l.type, formatValue(l.weight, integral: false), l.date?.description ?? "",
                               l.sourceInfo ?? "", l.period ?? "", String(directed), l.source.description, t])
        }
        for t in typeOrder { out.append(File(name: "\(t).csv", text: byType[t]!)) }
        out.append(File(name: "import.sh", text: importScript(out.map(\.name))))
        return out
    }

    /// The `neo4j-admin` command for the files (labels and types come from the `:LABEL` and
    /// `:TYPE` columns).
    static func importScript(_ names: [String]) -> String {
        let nodes = ["Person.csv", "Group.csv", "Case.csv", "Place.csv"].filter(names.contains)
        let rels = names.filter { $0.hasSuffix(".csv") && !nodes.contains($0) }
        var s = """
        #!/bin/sh
        # Loads this folder into a new Neo4j database (written by sna export --format neo4j).
        # Neo4j 5:   sh import.sh [DATABASE]   (default: neo4j; the database must not exist yet)
        # Neo4j 4.x: neo4j-admin import --database=DATABASE with the same --nodes and
        #            --relationships options.
        # Headers follow neo4j-admin's CSV header format: ID spaces Person, Group, Case, Place;
        # arrays separated by ';'.
        set -e
        cd "$(dirname "$0")"
        neo4j-admin database import full \\
          --id-type=string --array-delimiter=';' --delimiter=',' --quote='"' \\

        """
        for n in nodes { s += "  --nodes=\(n) \\\n" }
        for r in rels { s += "  --relationships=\(r) \\\n" }
        s += "  \"${1:-neo4j}\"\n"
        return s
    }
}
