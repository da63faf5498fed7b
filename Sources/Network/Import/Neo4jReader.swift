import Foundation

/// Reads a folder of `neo4j-admin import` CSV files: what `sna export --format neo4j` writes, or
/// a POLE-model export (Persons, Objects, Locations, Events: Neo4j's crime-investigation
/// example), into a dataset.
///
/// Each `.csv` file's header says what it holds (Neo4j's CSV header format): a node file has an
/// ID column (`:ID`, `name:ID(Space)`), a relationship file `:START_ID` and `:END_ID`; labels
/// come from a `:LABEL` column (`;`-separated) or else the file name's last dotted part
/// (`crime-investigation.nodes.Person.csv` → `Person`), types from `:TYPE` or the file name.
/// Property columns are `name` or `name:type` with a type of Neo4j's (`string`, `int`, `long`,
/// `float`, `double`, `boolean`, `date`, …, `type[]` for `;`-separated arrays).
///
/// What is read (labels and types in any case):
/// - `Person` → persons (`name`, with `surname` appended when there is one; `birth_date`,
///   `municipality`, `district`, `status`, `subject_category`; any other property becomes an
///   attribute, except identity numbers such as `nhs_no`, which are left out, and sna's own
///   measure names, which sna recomputes);
/// - `Group`/`Gang`/`Organisation` → groups; `Case`/`Crime`/`Event`/`Incident` → cases (`date`
///   as ISO or day/month/year, `crime_code` or else `type`, `place`, `tags`);
///   `Place`/`Location`/`Address` → places (`name`, or `address` and `postcode`; `district`, or
///   the `Area` it is in; coordinates);
/// - Person→Case → a case role (`role`, or suspect when the export gives none: POLE's
///   `PARTY_TO`); Person→Group → an affiliation (`confidence`, `since`, `until`,
///   `source_info`); Person→Place with a `date` → a sighting; Case→Place → the case's place;
///   Place→Area → the place's district; Person→Person → an analyst link (`link_type`, or the
///   relationship type in lower case; `FAMILY_REL` → `family`, its `rel_type` kept as source
///   info), except `CO_OFFENDED_WITH`, which sna derives from the case roles.
///
/// Everything else (phones, vehicles, officers, addresses without a date…) is left and
/// counted in ``Dataset/loadNotes``. A relationship whose end is not a node of the folder is an
/// error naming file, line and field, as is a node id given twice in one ID space.
public enum Neo4jReader {
    enum ColumnKind: Equatable {
        case id(space: String), start(space: String), end(space: String), label, type, ignore
        case property(name: String, array: Bool)
    }

    static let dataTypes: Set<String> = ["string", "int", "long", "float", "double", "boolean", "byte", "short", "char",
                                         "point", "date", "localtime", "time", "localdatetime", "datetime", "duration"]

    /// The meaning of each header field, or an error naming the field.
    static func parseHeader(_ header: [String], file: String, line: Int) throws -> [ColumnKind] {
        try header.map { raw in
            let field = raw.trimmingCharacters(in: .whitespaces)
            guard let colon = field.lastIndex(of: ":") else { return .property(name: field, array: false) }
            let name = String(field[..<colon])
            var spec = String(field[field.index(after: colon)...]).lowercased()
            var space = ""
            if let open = spec.firstIndex(of: "("), spec.hasSuffix(")") {
                space = String(spec[spec.index(after: open)..<spec.index(before: spec.endIndex)])
                spec = String(spec[..<open])
            }
            switch spec {
            case "id": return .id(space: space)
            case "start_id": return .start(space: space)
            case "end_id": return .end(space: space)
            case "label": return .label
            case "type": return .type
            case "ignore": return .ignore
            default:
                let array = spec.hasSuffix("[]")
                let base = array ? String(spec.dropLast(2)) : spec
                guard dataTypes.contains(base), space.isEmpty else {
                    throw InputError(file: file, line: line, field: raw,
                                     "unknown column type '\(spec)' (neo4j-admin's header format: name:TYPE with a type such as string, int, double, boolean, date, or :ID, :START_ID, :END_ID, :LABEL, :TYPE)")
                }
                return .property(name: name, array: array)
            }
        }
    }

    /// Whether `dir` holds no sna dataset but at least one CSV file with a neo4j-admin header.
    public static func isImportFolder(_ dir: URL) -> Bool {
        guard let items = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { return false }
        for name in items.sorted() where name.lowercased().hasSuffix(".csv") {
            guard let h = try? FileHandle(forReadingFrom: dir.appendingPathComponent(name)) else { continue }
            let head = String(decoding: h.readData(ofLength: 4096), as: UTF8.self).lowercased()
            try? h.close()
            let first = head.split(separator: "\n", maxSplits: 1).first ?? ""
            if first.contains(":id") || first.contains(":start_id") { return true }
        }
        return false
    }

    enum Kind: String { case person, group, `case`, place, area, other }

    static func kind(_ labels: [String]) -> Kind {
        for l in labels {
            switch l.lowercased() {
            case "person": return .person
            case "group", "gang", "organisation", "organization": return .group
            case "case", "crime", "event", "incident": return .case
            case "place", "location", "address": return .place
            case "area", "district": return .area
            default: continue
            }
        }
        return .other
    }

    struct Node {
        let row: SourceRow
        let id: String
        let labels: [String]
        let kind: Kind
        var props: [(String, String)]
        func prop(_ names: String...) -> String? {
            for n in names { if let v = props.first(where: { $0.0 == n })?.1, !v.isEmpty { return v } }
            return nil
        }
    }

    struct Relationship {
        let row: SourceRow
        let type: String
        let start: Int, end: Int
        let props: [(String, String)]
        func prop(_ name: String) -> String? { props.first(where: { $0.0 == name }).map(\.1).flatMap { $0.isEmpty ? nil : $0 } }
    }

    /// Property names never read into a person: identity numbers (a pseudonymous analysis
    /// needs none).
    static let identityNumbers: Set<String> = ["nhs_no", "nhs_number", "ssn", "social_security_number", "cpr", "cpr_nr", "cprnr",
                                               "national_id", "national_insurance_number", "ni_number", "passport", "passport_no",
                                               "personnummer", "driving_licence", "driver_license"]

    public static func load(dir: URL, display: String) throws -> Dataset {
        let names = (try FileManager.default.contentsOfDirectory(atPath: dir.path)).filter { $0.lowercased().hasSuffix(".csv") }.sorted()
        var nodes: [Node] = []
        var index: [String: Int] = [:]          // "space\u{0}id" → node
        var rels: [Relationship] = []
        var notes: [String] = []
        var relFiles: [(CSVReader, [ColumnKind], String)] = []
        func stem(_ name: String) -> String { String(name.dropLast(4).split(separator: ".").last ?? "") }
        for name in names {
            let csv = try CSVReader(url: dir.appendingPathComponent(name), file: display + "/" + name)
            let cols = try parseHeader(csv.header, file: csv.file, line: csv.headerLine)
            let idCol = cols.firstIndex { if case .id = $0 { return true } else { return false } }
            let hasStart = cols.contains { if case .start = $0 { return true } else { return false } }
            let hasEnd = cols.contains { if case .end = $0 { return true } else { return false } }
            if hasStart || hasEnd {
                guard hasStart && hasEnd else {
                    throw InputError(file: csv.file, line: csv.headerLine, field: hasStart ? ":END_ID" : ":START_ID",
                                     "a relationship file needs both :START_ID and :END_ID")
                }
                relFiles.append((csv, cols, stem(name)))
                continue
            }
            guard let idCol, case let .id(space) = cols[idCol] else {
                notes.append("\(csv.file): not read (its header has no :ID, :START_ID or :END_ID column)")
                continue
            }
            let labelCol = cols.firstIndex(of: .label)
            let fileLabel = stem(name)
            try csv.forEachRecord { rec in
                let id = try DatasetLoader.required(rec, idCol, csv.header[idCol], csv.file)
                var labels = labelCol.map { rec.fields[$0].split(separator: ";").map { String($0).trimmingCharacters(in: .whitespaces) } } ?? []
                if labels.isEmpty { labels = [fileLabel] }
                var props: [(String, String)] = []
                for (i, c) in cols.enumerated() {
                    switch c {
                    case .property(let n, _) where !n.isEmpty: props.append((n.lowercased(), rec.fields[i]))
                    case .id where i == idCol:
                        let n = csv.header[i].split(separator: ":").first.map(String.init) ?? ""
                        if !n.isEmpty && n.lowercased() != "id" { props.append((n.lowercased(), rec.fields[i])) }
                    default: break
                    }
                }
                let key = space + "\u{0}" + id
                if let first = index[key] {
                    throw InputError(file: csv.file, line: rec.line, field: csv.header[idCol],
                                     "node id '\(id)' is given twice in ID space \(space.isEmpty ? "(global)" : space) (first at \(nodes[first].row))")
                }
                index[key] = nodes.count
                nodes.append(Node(row: SourceRow(file: csv.file, line: rec.line), id: id, labels: labels, kind: kind(labels), props: props))
            }
        }
        for (csv, cols, fileType) in relFiles {
            var startCol = 0, endCol = 0, startSpace = "", endSpace = ""
            for (i, c) in cols.enumerated() {
                if case let .start(s) = c { startCol = i; startSpace = s }
                if case let .end(s) = c { endCol = i; endSpace = s }
            }
            let typeCol = cols.firstIndex(of: .type)
            try csv.forEachRecord { rec in
                func node(_ col: Int, _ space: String) throws -> Int {
                    let id = try DatasetLoader.required(rec, col, csv.header[col], csv.file)
                    guard let n = index[space + "\u{0}" + id] else {
                        throw InputError(file: csv.file, line: rec.line, field: csv.header[col],
                                         "no node with id '\(id)' in ID space \(space.isEmpty ? "(global)" : space) in this folder (a dangling relationship)", reference: id)
                    }
                    return n
                }
                let s = try node(startCol, startSpace), e = try node(endCol, endSpace)
                let type = typeCol.map { rec.fields[$0] }.flatMap { $0.isEmpty ? nil : $0 } ?? fileType
                var props: [(String, String)] = []
                for (i, c) in cols.enumerated() { if case let .property(n, _) = c, !n.isEmpty { props.append((n.lowercased(), rec.fields[i])) } }
                rels.append(Relationship(row: SourceRow(file: csv.file, line: rec.line), type: type, start: s, end: e, props: props))
            }
        }
        return try dataset(nodes: nodes, rels: rels, notes: notes, display: display)
    }

    /// Day/month/year or month/day/year for a file's dates: day first unless a second part
    /// above 12 shows month first (UK and Danish exports write day first).
    static func slashOrder(_ texts: [String]) -> (dayFirst: Bool, ambiguous: Bool) {
        var dayFirst = false, monthFirst = false
        for t in texts {
            let p = t.split(separator: " ").first.map { $0.split(separator: "/") } ?? []
            guard p.count == 3, let a = Int(p[0]), let b = Int(p[1]) else { continue }
            if a > 12 { dayFirst = true }
            if b > 12 { monthFirst = true }
        }
        return (!monthFirst || dayFirst, !dayFirst && !monthFirst)
    }

    static func parseDay(_ text: String, dayFirst: Bool) -> Day? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.count >= 10, let d = Day(iso: t.prefix(10)) { return d }
        let p = (t.split(separator: " ").first ?? "").split(separator: "/")
        guard p.count == 3, let a = Int(p[0]), let b = Int(p[1]), var y = Int(p[2]) else { return nil }
        if p[2].count == 2 { y += 2000 }
        return dayFirst ? Day(year: y, month: b, day: a) : Day(year: y, month: a, day: b)
    }

    static func dataset(nodes: [Node], rels: [Relationship], notes startNotes: [String], display: String) throws -> Dataset {
        var notes = startNotes
        var left: [String: Int] = [:]
        func leave(_ what: String) { left[what, default: 0] += 1 }
        // Persons.
        var persons: [Person] = []
        var droppedKeys = Set<String>(), scoreKeys = Set<String>()
        var personColumns = ["id"]
        for n in nodes where n.kind == .person {
            var p = Person(id: n.id, source: n.row)
            let surname = n.prop("surname", "last_name", "family_name")
            for (k, v) in n.props where !v.isEmpty {
                if identityNumbers.contains(k) { droppedKeys.insert(k); continue }
                if Measures.isKnown(k) { scoreKeys.insert(k); continue }
                if ["surname", "last_name", "family_name", "id"].contains(k) { continue }
                if k == "name" || k == "first_name" {
                    p.name = surname.map { v + " " + $0 } ?? v
                    continue
                }
                try p.set(k, v, file: n.row.file, line: n.row.line, field: k)
                if !personColumns.contains(k) { personColumns.append(k) }
            }
            if p.name == nil, let s = surname { p.name = s }
            if p.name != nil && !personColumns.contains("name") { personColumns.append("name") }
            persons.append(p)
        }
        if !persons.isEmpty && !personColumns.contains("birth_date") {
            notes.append("no birth_date on the persons\(personColumns.contains("age") ? " (an age without the day it was given is not one)" : ""): every person's age is unknown and none is treated as an adult")
        }
        if !droppedKeys.isEmpty { notes.append("left out of the persons: \(droppedKeys.sorted().joined(separator: ", ")) (identity numbers: sna works with pseudonymous ids)") }
        if !scoreKeys.isEmpty { notes.append("not read: \(scoreKeys.sorted().joined(separator: ", ")) on persons (scores: sna computes them again)") }
        // Groups, areas, places.
        func nodeName(_ n: Node) -> String { n.prop("name") ?? n.id }
        var districtOf: [Int: String] = [:]
        for r in rels where nodes[r.start].kind == .place && nodes[r.end].kind == .area {
            districtOf[r.start] = nodes[r.end].prop("district", "areacode", "area_code", "name") ?? nodes[r.end].id
        }
        var placeName: [Int: String] = [:]
        var places: [Place] = []
        for (i, n) in nodes.enumerated() where n.kind == .place {
            var name = n.prop("name") ?? n.prop("address").map { a in n.prop("postcode", "post_code").map { a + ", " + $0 } ?? a } ?? n.id
            if name.isEmpty { name = n.id }
            placeName[i] = name
            if let d = n.prop("district") ?? districtOf[i] {
                places.append(Place(name: name, district: d, latitude: n.prop("latitude").flatMap(Double.init), longitude: n.prop("longitude").flatMap(Double.init)))
            }
        }
        // Cases.
        var caseAt: [Int: String] = [:]
        for r in rels where nodes[r.start].kind == .case && nodes[r.end].kind == .place { caseAt[r.start] = placeName[r.end] }
        var crimeCodes = CrimeCodeTable.builtIn
        var cases: [Case] = []
        let caseNodes = nodes.indices.filter { nodes[$0].kind == .case }
        var dateOrder: [String: Bool] = [:]
        for file in Set(caseNodes.map { nodes[$0].row.file }).sorted() {
            let texts = caseNodes.filter { nodes[$0].row.file == file }.compactMap { nodes[$0].prop("date") }.filter { $0.contains("/") }
            let order = slashOrder(texts)
            dateOrder[file] = order.dayFirst
            if !texts.isEmpty { notes.append("\(file): dates read as \(order.dayFirst ? "day/month/year" : "month/day/year")\(order.ambiguous ? " (no date shows which: day first assumed)" : "")") }
        }
        var codeFromType = 0
        for i in caseNodes {
            let n = nodes[i]
            guard let text = n.prop("date") else { throw InputError(file: n.row.file, line: n.row.line, field: "date", "empty (a case needs its date)") }
            guard let day = parseDay(text, dayFirst: dateOrder[n.row.file] ?? true) else {
                throw InputError(file: n.row.file, line: n.row.line, field: "date", Day.invalidMessage(text))
            }
            guard let code = n.prop("crime_code") ?? n.prop("type", "crime_type", "offence", "offense") else {
                throw InputError(file: n.row.file, line: n.row.line, field: "crime_code", "empty (a case needs its crime code, or a type)")
            }
            if n.prop("crime_code") == nil { codeFromType += 1 }
            if let label = n.prop("crime_label") {
                let entry = CrimeCodeTable.Entry(label: label, initiative: n.prop("initiative") == "true", serious: n.prop("serious") == "true")
                if crimeCodes.entry(for: code) != entry { crimeCodes.set(code, entry) }
            }
            let tags = n.prop("tags").map { $0.split(separator: ";").map(String.init) } ?? []
            cases.append(Case(id: n.id, date: day, crimeCode: code, place: n.prop("place") ?? caseAt[i], tags: tags, source: n.row))
        }
        if codeFromType > 0 { notes.append("\(codeFromType) cases: the crime type read as the crime code (no crime_code property)") }
        // Relationships.
        var participations: [CaseParticipation] = []
        var affiliations: [Affiliation] = []
        var sightings: [Sighting] = []
        var links = LinkTable(file: rels.first?.row.file ?? display, personIDs: persons.map(\.id))
        let personIndex = PersonIndex(persons)
        var roleless = 0, directed = false, derivedCoOffending = 0
        for r in rels {
            let a = nodes[r.start], b = nodes[r.end]
            func day(_ name: String) throws -> Day? {
                guard let t = r.prop(name) else { return nil }
                guard let d = parseDay(t, dayFirst: true) else { throw InputError(file: r.row.file, line: r.row.line, field: name, Day.invalidMessage(t)) }
                return d
            }
            switch (a.kind, b.kind) {
            case (.person, .case):
                var role = CaseRole.suspect
                if let t = r.prop("role") {
                    guard let x = CaseRole(rawValue: t.lowercased()) else {
                        throw InputError(file: r.row.file, line: r.row.line, field: "role", "unknown value '\(t)' (expected suspect, victim, witness or other)")
                    }
                    role = x
                } else {
                    roleless += 1
                }
                participations.append(CaseParticipation(caseID: b.id, personID: a.id, role: role, source: r.row))
            case (.person, .group):
                var conf: AffiliationConfidence?
                if let t = r.prop("confidence") {
                    guard let x = AffiliationConfidence(rawValue: t.lowercased()) else {
                        throw InputError(file: r.row.file, line: r.row.line, field: "confidence", "unknown value '\(t)' (expected confirmed, probable or possible)")
                    }
                    conf = x
                }
                affiliations.append(Affiliation(personID: a.id, group: nodeName(b), since: try day("since"), until: try day("until"),
                                                sourceInfo: r.prop("source_info"), confidence: conf, source: r.row))
            case (.person, .place):
                if let d = try day("date") {
                    sightings.append(Sighting(personID: a.id, place: placeName[r.end] ?? b.id, date: d, source: r.row))
                } else {
                    leave("\(r.type) (\(a.labels.first ?? "")→\(b.labels.first ?? ""), no date: not a sighting)")
                }
            case (.person, .person):
                if r.type.uppercased() == "CO_OFFENDED_WITH" { derivedCoOffending += 1; continue }
                let t = r.prop("link_type") ?? (r.type.uppercased() == "FAMILY_REL" ? "family" : r.type.lowercased())
                var w = 1.0
                if let x = r.prop("weight") { w = try DatasetLoader.parseWeight(x, file: r.row.file, line: r.row.line, decimalComma: false) }
                if r.prop("directed")?.lowercased() == "true" { directed = true }
                let info = r.prop("source_info") ?? r.prop("rel_type").map { "rel_type \($0)" }
                links.append(source: Int32(personIndex[a.id]!), target: Int32(personIndex[b.id]!), type: t, weight: w, line: r.row.line,
                             date: try day("date"), sourceInfo: info, period: r.prop("period"), file: r.row.file)
            case (.case, .place), (.place, .area):
                break   // read above: the case's place, the place's district
            default:
                leave("\(r.type) (\(a.labels.first ?? "")→\(b.labels.first ?? ""))")
            }
        }
        if roleless > 0 { notes.append("\(roleless) person–case relationships without a role read as suspect (POLE's PARTY_TO does not say)") }
        if derivedCoOffending > 0 { notes.append("CO_OFFENDED_WITH (\(derivedCoOffending)): not read, sna derives co-offending from the case roles") }
        var leftNodes: [String: Int] = [:]
        for n in nodes where n.kind == .other || n.kind == .area { leftNodes[n.labels.first ?? "?", default: 0] += 1 }
        if !leftNodes.isEmpty {
            notes.append("nodes not read: " + leftNodes.keys.sorted().map { "\($0) (\(leftNodes[$0]!))" }.joined(separator: ", ")
                         + (leftNodes["Area"] != nil ? "; areas give their places' districts" : ""))
        }
        if !left.isEmpty { notes.append("relationships not read: " + left.keys.sorted().map { "\($0): \(left[$0]!)" }.joined(separator: ", ")) }
        var ds = Dataset(location: display, layout: .dataset, persons: persons, cases: cases, participations: participations,
                         affiliations: affiliations, sightings: sightings, links: links, crimeCodes: crimeCodes, declaredDirected: directed)
        ds.places = places
        ds.loadNotes = notes
        ds.headers["persons.csv"] = personColumns
        if !cases.isEmpty { ds.headers["cases.csv"] = ["case_id", "date", "crime_code", "place", "tags"] }
        return ds
    }
}
