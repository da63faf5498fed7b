import Foundation

/// Reads a dataset from disk: a dataset folder, a `nodes.csv` + `edges.csv` folder, or a single
/// edge-list file, and checks every reference between files.
///
/// Every problem is an ``InputError`` naming the file, the line and the field. Nothing is
/// written anywhere.
///
/// Layouts (see README "Input"):
/// - folder with `persons.csv` (required) and optional `cases.csv`, `case_persons.csv`,
///   `affiliations.csv`, `sightings.csv`, `links.csv`, `log.csv`, `crime_codes.csv`;
/// - folder with `nodes.csv` (`id` + attributes) and `edges.csv` (`source,target[,weight]`);
/// - a file `source,target[,weight]` (nodes are created in order of first appearance).
public enum DatasetLoader {
    /// Loads the dataset at `path` (a folder or a file).
    public static func load(_ path: String, columns: ColumnMap = .none, collect: InputErrorCollector? = nil) throws -> Dataset {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
            throw InputError(file: path, "not found (expected a dataset folder or an edge-list file)")
        }
        let display = path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path
        if !isDir.boolValue {
            let url = URL(fileURLWithPath: path)
            switch url.pathExtension.lowercased() {
            case "graphml", "xml": return try InteropReaders.graphML(url: url, file: display)
            case "gexf": return try InteropReaders.gexf(url: url, file: display)
            case "net", "paj": return try InteropReaders.pajek(url: url, file: display)
            case "dl": return try InteropReaders.ucinetDL(url: url, file: display)
            case "json": return try InteropReaders.nodeLinkJSON(url: url, file: display)
            default: return try loadEdgeList(url: url, file: display)
            }
        }
        let dir = URL(fileURLWithPath: path, isDirectory: true)
        func exists(_ name: String) -> Bool { fm.fileExists(atPath: dir.appendingPathComponent(name).path) }
        if exists("persons.csv") {
            return try loadDatasetFolder(dir: dir, display: display, columns: columns, collect: collect)
        }
        if exists("nodes.csv") || exists("edges.csv") || exists("vertices.csv") {
            return try loadNodesEdges(dir: dir, display: display)
        }
        if Neo4jReader.isImportFolder(dir) {
            return try Neo4jReader.load(dir: dir, display: display)
        }
        throw InputError(file: display + "/persons.csv",
                         "file not found (a dataset folder needs persons.csv; a graph folder needs nodes.csv and edges.csv; a neo4j-admin import folder needs CSV files with :ID or :START_ID headers)")
    }

    /// Whether `path` is a file that ``load(_:)`` reads as an edge-list CSV (not a folder,
    /// not GraphML, GEXF, Pajek, UCINET DL or node-link JSON).
    public static func isEdgeListFile(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue else { return false }
        return !["graphml", "xml", "gexf", "net", "paj", "dl", "json"].contains(URL(fileURLWithPath: path).pathExtension.lowercased())
    }

    // MARK: - Dataset folder

    /// The files of a dataset folder, by name (`persons.csv`, `cases.csv`, …).
    public static let datasetFileNames = ["persons.csv", "cases.csv", "case_persons.csv", "affiliations.csv",
                                          "sightings.csv", "links.csv", "log.csv", "crime_codes.csv",
                                          "places.csv", "districts.csv"]

    static func loadDatasetFolder(dir: URL, display: String, columns: ColumnMap, collect: InputErrorCollector? = nil) throws -> Dataset {
        try loadDataset(display: display, columns: columns, collect: collect) { name in
            let url = dir.appendingPathComponent(name)
            guard try isPresent(url, display: display + "/" + name) else { return nil }
            return try CSVReader(url: url, file: display + "/" + name)
        }
    }

    /// Whether a file of a dataset folder is there: false only when nothing has that name. A
    /// name that is there but is not a readable regular file — a dangling or looping symbolic
    /// link, a FIFO, a device, a folder — is an error naming it, never "absent" (a broken link
    /// to `links.csv` must not make the analyst's ties silently disappear).
    public static func isPresent(_ url: URL, display: String) throws -> Bool {
        var l = stat()
        guard lstat(url.path, &l) == 0 else {
            if errno == ENOENT { return false }
            throw InputError(file: display, "cannot be read (\(String(cString: strerror(errno))))")
        }
        var st = stat()
        guard stat(url.path, &st) == 0 else {
            let why = errno == ELOOP ? "a symbolic link that loops" : "a symbolic link to a file that does not exist"
            throw InputError(file: display, "\(why): fix or remove the link")
        }
        let kind = st.st_mode & S_IFMT
        guard kind == S_IFREG else {
            let what = kind == S_IFDIR ? "a folder" : kind == S_IFIFO ? "a FIFO (named pipe)" : kind == S_IFCHR || kind == S_IFBLK ? "a device" : "not a regular file"
            throw InputError(file: display, "is \(what), not a CSV file")
        }
        return true
    }

    /// Loads a dataset from the bytes of its files (as kept by a store's pull), with the same
    /// checks as a folder on disk. `location` names it in errors (`location/persons.csv:12: …`).
    public static func loadDataset(files: [String: Data], location: String, columns: ColumnMap = .none) throws -> Dataset {
        try loadDataset(display: location, columns: columns) { name in
            guard let data = files[name] else { return nil }
            return try CSVReader(data: data, file: location + "/" + name)
        }
    }

    static func loadDataset(display: String, columns: ColumnMap = .none, collect: InputErrorCollector? = nil,
                            open: (String) throws -> CSVReader?) throws -> Dataset {
        var opened: [CSVReader] = []
        var mappingNotes: [String] = []
        var headers: [String: [String]] = [:]
        func reader(_ name: String, required: Bool = false) throws -> CSVReader? {
            if var r = try open(name) {
                // The unit's own headers, then the common Danish ones, read as ours.
                for m in try columns.renames(for: name, header: r.header, file: r.file, line: r.headerLine) {
                    r.rename(m.index, to: m.ours)
                    mappingNotes.append("\(r.file): column '\(m.theirs)' read as \(m.ours)" + (m.builtIn ? " (a Danish header sna knows)" : " (\(columns.source ?? "the column mapping"))"))
                }
                headers[name] = r.header
                r.collector = collect
                opened.append(r)
                return r
            }
            if required { throw InputError(file: display + "/" + name, "file not found (a dataset folder needs \(name))") }
            return nil
        }
        var crimeCodes = CrimeCodeTable.builtIn
        if let csv = try reader("crime_codes.csv") {
            try readCrimeCodes(csv, into: &crimeCodes)
        }
        let persons = try readPersons(try reader("persons.csv", required: true)!)
        var dataset = Dataset(location: display, layout: .dataset, persons: persons, crimeCodes: crimeCodes)
        var caseIndex: [String: Int] = [:]
        // Collecting (`sna validate`): a file that cannot be read at all is one error, and the
        // files after it are still read.
        func step(_ f: () throws -> Void) throws {
            guard let collect else { return try f() }
            do { try f() } catch let e as InputError { collect.add(e) }
        }
        try step {
            if let csv = try reader("cases.csv") {
                dataset.cases = try readCases(csv)
                for (i, c) in dataset.cases.enumerated() { caseIndex[c.id] = i }
            }
        }
        try step {
            if let csv = try reader("case_persons.csv") {
                dataset.participations = try readParticipations(csv, cases: caseIndex, persons: dataset.personIndex)
            }
        }
        try step { if let csv = try reader("affiliations.csv") { dataset.affiliations = try readAffiliations(csv, persons: dataset.personIndex) } }
        try step { if let csv = try reader("sightings.csv") { dataset.sightings = try readSightings(csv, persons: dataset.personIndex) } }
        try step {
            if let csv = try reader("links.csv") {
                let (links, directed) = try readLinks(csv, persons: dataset.persons, index: dataset.personIndex, unknownHint: "persons.csv")
                dataset.links = links
                dataset.declaredDirected = directed
            }
        }
        try step { if let csv = try reader("log.csv") { dataset.log = try readLog(csv, persons: dataset.personIndex) } }
        try step { if let csv = try reader("places.csv") { dataset.places = try readPlaces(csv) } }
        try step { if let csv = try reader("districts.csv") { dataset.populations = try readPopulations(csv) } }
        dataset.loadNotes = mappingNotes + opened.compactMap(Self.emptyRowNote)
        dataset.columnNotes = mappingNotes
        dataset.headers = headers
        return dataset
    }

    /// "persons.csv:281: 3 empty rows skipped (…)", or nil.
    static func emptyRowNote(_ csv: CSVReader) -> String? {
        let e = csv.emptyRows
        guard e.count > 0, let line = e.firstLine else { return nil }
        return "\(csv.file):\(line): \(e.count) empty row\(e.count == 1 ? "" : "s") (only delimiters, as a spreadsheet leaves them) skipped"
    }

    /// `nodes.csv` + `edges.csv`, or GraphFrames' `vertices.csv` + `edges.csv` (`src`, `dst`
    /// read as source and target).
    static func loadNodesEdges(dir: URL, display: String) throws -> Dataset {
        let nodeFile = FileManager.default.fileExists(atPath: dir.appendingPathComponent("nodes.csv").path) ? "nodes.csv" : "vertices.csv"
        let nodes = try CSVReader(url: dir.appendingPathComponent(nodeFile), file: display + "/" + nodeFile)
        let persons = try readPersons(nodes)
        var dataset = Dataset(location: display, layout: .nodesEdges, persons: persons)
        var edges = try CSVReader(url: dir.appendingPathComponent("edges.csv"), file: display + "/edges.csv")
        if edges.column("source") == nil, edges.column("target") == nil, let s = edges.column("src"), let d = edges.column("dst") {
            edges.rename(s, to: "source")
            edges.rename(d, to: "target")
        }
        let (links, directed) = try readLinks(edges, persons: dataset.persons, index: dataset.personIndex, unknownHint: nodeFile)
        dataset.links = links
        dataset.declaredDirected = directed
        dataset.loadNotes = [nodes, edges].compactMap(Self.emptyRowNote)
        return dataset
    }

    static func loadEdgeList(url: URL, file: String) throws -> Dataset {
        let csv = try CSVReader(url: url, file: file)
        var interner = IDInterner(capacity: 1024)
        var firstLine: [Int] = []
        var links = LinkTable(file: file)
        links.reserveCapacity(csv.estimatedRecords)
        try readEdgeRows(csv, intern: { id, line in
            let (i, inserted) = interner.intern(id)
            if inserted { firstLine.append(line) }
            return i
        }) { r in
            if r.date != nil || r.period != nil {
                links.append(source: r.u, target: r.v, type: r.type ?? "link", weight: r.weight, line: r.line, date: r.date, period: r.period)
            } else {
                links.append(source: r.u, target: r.v, type: r.type ?? "link", weight: r.weight, line: r.line)
            }
        }
        let ids = interner.ids
        let persons = ids.indices.map { Person(id: ids[$0], source: SourceRow(file: file, line: firstLine[$0])) }
        links.setPersonIDs(ids)
        var dataset = Dataset(location: file, layout: .edgeList, persons: persons)
        dataset.links = links
        dataset.loadNotes = [csv].compactMap(Self.emptyRowNote)
        return dataset
    }

    /// One row of an edge-list CSV, its ends already interned.
    struct EdgeRow {
        var u: Int32, v: Int32
        var weight: Double
        /// The `type` value, nil when empty or absent (the type is then `link`).
        var type: String?
        var date: Day?
        var period: String?
        var line: Int
    }

    /// The columns an edge list may have; `source` and `target` are required.
    static let edgeListColumns = ["source", "target", "weight", "type", "date", "period"]

    /// Reads the rows of an edge-list CSV in file order: ends interned through `intern(id, line)`
    /// (in order of first appearance, source before target), weights strict decimals.
    static func readEdgeRows(_ csv: CSVReader, intern: (String, Int) -> Int32, _ body: (EdgeRow) throws -> Void) throws {
        let file = csv.file
        try csv.require(["source", "target"])
        let s = csv.column("source")!, t = csv.column("target")!
        let w = csv.column("weight"), ty = csv.column("type"), dc = csv.column("date"), pc = csv.column("period")
        let decimalComma = csv.delimiter != UInt8(ascii: ",")
        try csv.forEachRecord { rec in
            let a = rec.fields[s], b = rec.fields[t]
            if a.isEmpty { throw emptyEnd("source", file: file, line: rec.line) }
            if b.isEmpty { throw emptyEnd("target", file: file, line: rec.line) }
            let u = intern(a, rec.line), v = intern(b, rec.line)
            var weight = 1.0
            if let w, !rec.fields[w].isEmpty {
                weight = try parseWeight(rec.fields[w], file: file, line: rec.line, decimalComma: decimalComma)
            }
            let type = ty.map { rec.fields[$0] }.flatMap { $0.isEmpty ? nil : $0 }
            try body(EdgeRow(u: u, v: v, weight: weight, type: type, date: try day(rec, dc, "date", file),
                             period: value(rec, pc), line: rec.line))
        }
    }

    // MARK: - Field helpers

    /// The error for an edge row whose `source` or `target` is empty.
    static func emptyEnd(_ field: String, file: String, line: Int) -> InputError {
        InputError(file: file, line: line, field: field, "empty (a node id is required)")
    }


    static func value(_ rec: CSVRecord, _ col: Int?) -> String? {
        guard let col else { return nil }
        let v = rec.fields[col]
        return v.isEmpty ? nil : v
    }

    static func required(_ rec: CSVRecord, _ col: Int, _ name: String, _ file: String) throws -> String {
        let v = rec.fields[col]
        if v.isEmpty { throw InputError(file: file, line: rec.line, field: name, "empty (a value is required)") }
        return v
    }

    static func day(_ rec: CSVRecord, _ col: Int?, _ name: String, _ file: String) throws -> Day? {
        guard let v = value(rec, col) else { return nil }
        guard let d = Day(iso: v) else {
            throw InputError(file: file, line: rec.line, field: name, Day.invalidMessage(v))
        }
        return d
    }

    static func choice<E: RawRepresentable & CaseIterable>(_ rec: CSVRecord, _ col: Int?, _ name: String, _ file: String,
                                                           as: E.Type) throws -> E? where E.RawValue == String {
        guard let v = value(rec, col) else { return nil }
        if let e = E(rawValue: v.lowercased()) { return e }
        let expected = E.allCases.map(\.rawValue)
        throw InputError(file: file, line: rec.line, field: name,
                         "unknown value '\(v)' (expected \(expected.dropLast().joined(separator: ", ")) or \(expected.last!))")
    }

    static func bool(_ rec: CSVRecord, _ col: Int?, _ name: String, _ file: String) throws -> Bool? {
        guard let v = value(rec, col) else { return nil }
        switch v.lowercased() {
        case "true", "yes", "1", "ja", "y": return true
        case "false", "no", "0", "nej", "n": return false
        default:
            throw InputError(file: file, line: rec.line, field: name, "'\(v)' is not a yes/no value (expected true or false)")
        }
    }

    static func parseWeight(_ text: String, file: String, line: Int, decimalComma: Bool) throws -> Double {
        var t = text
        if decimalComma && t.contains(",") && !t.contains(".") { t = t.replacingOccurrences(of: ",", with: ".") }
        guard let v = StrictNumber.parse(t) else {
            throw InputError(file: file, line: line, field: "weight", "'\(text)' is not a number (write a decimal number such as 2 or 0.5)")
        }
        return v
    }

    static func person(_ rec: CSVRecord, _ col: Int, _ name: String, _ file: String, _ persons: PersonIndex,
                       hint: String = "persons.csv") throws -> String {
        let id = try required(rec, col, name, file)
        guard persons[id] != nil else {
            throw InputError(file: file, line: rec.line, field: name, "unknown person '\(id)' (not in \(hint))", reference: id)
        }
        return id
    }

    // MARK: - Files

    static let personColumns: Set<String> = ["id", "name", "birth_date", "municipality", "district", "status", "subject_category"]

    static func readPersons(_ csv: CSVReader) throws -> [Person] {
        try csv.require(["id"])
        let file = csv.file
        let id = csv.column("id")!
        let name = csv.column("name"), birth = csv.column("birth_date"), mun = csv.column("municipality")
        let dis = csv.column("district"), status = csv.column("status"), subj = csv.column("subject_category")
        let extra = csv.header.enumerated().filter { !personColumns.contains($0.element) }
        var persons: [Person] = []
        var firstLine: [String: Int] = [:]
        try csv.forEachRecord { rec in
            let pid = try required(rec, id, "id", file)
            if let first = firstLine[pid] {
                throw InputError(file: file, line: rec.line, field: "id", "duplicate person id '\(pid)' (first on line \(first))")
            }
            firstLine[pid] = rec.line
            var p = Person(id: pid, source: SourceRow(file: file, line: rec.line))
            p.name = value(rec, name)
            p.birthDate = try csv.soft { try day(rec, birth, "birth_date", file) }
            p.municipality = value(rec, mun)
            p.district = value(rec, dis)
            p.status = try csv.soft { try choice(rec, status, "status", file, as: CustodyStatus.self) }
            p.subjectCategory = try csv.soft { try choice(rec, subj, "subject_category", file, as: SubjectCategory.self) }
            p.attributes = extra.compactMap { col in
                let v = rec.fields[col.offset]
                return v.isEmpty ? nil : (key: col.element, value: v)
            }
            persons.append(p)
        }
        if persons.isEmpty {
            throw InputError(file: file, line: csv.headerLine, "no persons (the file has a header but no rows)")
        }
        return persons
    }

    static func readCrimeCodes(_ csv: CSVReader, into table: inout CrimeCodeTable) throws {
        try csv.require(["code", "label"])
        let file = csv.file
        let code = csv.column("code")!, label = csv.column("label")!
        let ini = csv.column("initiative"), ser = csv.column("serious")
        try csv.forEachRecord { rec in
            let c = try required(rec, code, "code", file)
            let l = try required(rec, label, "label", file)
            let initiative = try bool(rec, ini, "initiative", file) ?? table.isInitiative(c)
            let serious = try bool(rec, ser, "serious", file) ?? false
            table.set(c, .init(label: l, initiative: initiative, serious: serious))
        }
    }

    static func readCases(_ csv: CSVReader) throws -> [Case] {
        try csv.require(["case_id", "date", "crime_code"])
        let file = csv.file
        let id = csv.column("case_id")!, date = csv.column("date")!, code = csv.column("crime_code")!
        let place = csv.column("place"), tags = csv.column("tags")
        var cases: [Case] = []
        var firstLine: [String: Int] = [:]
        try csv.forEachRecord { rec in
            let cid = try required(rec, id, "case_id", file)
            if let first = firstLine[cid] {
                throw InputError(file: file, line: rec.line, field: "case_id", "duplicate case id '\(cid)' (first on line \(first))")
            }
            firstLine[cid] = rec.line
            guard let d = try day(rec, date, "date", file) else {
                throw InputError(file: file, line: rec.line, field: "date", "empty (a value is required)")
            }
            let c = try required(rec, code, "crime_code", file)
            let tagList = value(rec, tags).map {
                $0.split(whereSeparator: { $0 == "|" }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            } ?? []
            cases.append(Case(id: cid, date: d, crimeCode: c, place: value(rec, place), tags: tagList,
                              source: SourceRow(file: file, line: rec.line)))
        }
        return cases
    }

    static func readParticipations(_ csv: CSVReader, cases: [String: Int], persons: PersonIndex) throws -> [CaseParticipation] {
        try csv.require(["case_id", "person_id", "role"])
        let file = csv.file
        let cid = csv.column("case_id")!, pid = csv.column("person_id")!, role = csv.column("role")!
        var out: [CaseParticipation] = []
        try csv.forEachRecord { rec in
            let c = try required(rec, cid, "case_id", file)
            guard cases[c] != nil else {
                throw InputError(file: file, line: rec.line, field: "case_id", "unknown case '\(c)' (not in cases.csv)", reference: c)
            }
            let p = try person(rec, pid, "person_id", file, persons)
            guard let r = try choice(rec, role, "role", file, as: CaseRole.self) else {
                throw InputError(file: file, line: rec.line, field: "role", "empty (expected suspect, victim, witness or other)")
            }
            out.append(CaseParticipation(caseID: c, personID: p, role: r, source: SourceRow(file: file, line: rec.line)))
        }
        return out
    }

    static func readAffiliations(_ csv: CSVReader, persons: PersonIndex) throws -> [Affiliation] {
        try csv.require(["person_id", "group"])
        let file = csv.file
        let pid = csv.column("person_id")!, group = csv.column("group")!
        let since = csv.column("since"), until = csv.column("until"), src = csv.column("source"), conf = csv.column("confidence")
        var out: [Affiliation] = []
        try csv.forEachRecord { rec in
            let p = try person(rec, pid, "person_id", file, persons)
            let g = try required(rec, group, "group", file)
            let s = try day(rec, since, "since", file), u = try day(rec, until, "until", file)
            if let s, let u, u < s {
                throw InputError(file: file, line: rec.line, field: "until", "\(u) is before since \(s)")
            }
            let c = try choice(rec, conf, "confidence", file, as: AffiliationConfidence.self)
            out.append(Affiliation(personID: p, group: g, since: s, until: u, sourceInfo: value(rec, src), confidence: c,
                                   source: SourceRow(file: file, line: rec.line)))
        }
        return out
    }

    /// `places.csv`: `place,district[,latitude,longitude]`; a place once.
    static func readPlaces(_ csv: CSVReader) throws -> [Place] {
        try csv.require(["place", "district"])
        let file = csv.file
        let pc = csv.column("place")!, dc = csv.column("district")!
        let lat = csv.column("latitude"), lon = csv.column("longitude")
        let decimalComma = csv.delimiter != UInt8(ascii: ",")
        var seen: [String: Int] = [:]
        var out: [Place] = []
        func coordinate(_ rec: CSVRecord, _ col: Int?, _ name: String, _ range: ClosedRange<Double>) throws -> Double? {
            guard let v = value(rec, col) else { return nil }
            let text = decimalComma ? v.replacingOccurrences(of: ",", with: ".") : v
            guard let d = Double(text), range.contains(d) else {
                throw InputError(file: file, line: rec.line, field: name, "'\(v)' is not a \(name) (a number from \(Int(range.lowerBound)) to \(Int(range.upperBound)))")
            }
            return d
        }
        try csv.forEachRecord { rec in
            let name = try required(rec, pc, "place", file)
            if let first = seen[name] {
                throw InputError(file: file, line: rec.line, field: "place", "'\(name)' is listed twice (first on line \(first)): a place has one district")
            }
            seen[name] = rec.line
            out.append(Place(name: name, district: try required(rec, dc, "district", file),
                             latitude: try coordinate(rec, lat, "latitude", -90...90), longitude: try coordinate(rec, lon, "longitude", -180...180)))
        }
        return out
    }

    /// `districts.csv`: `district,population[,year]`; a district once per year.
    static func readPopulations(_ csv: CSVReader) throws -> [DistrictPopulation] {
        try csv.require(["district", "population"])
        let file = csv.file
        let dc = csv.column("district")!, pc = csv.column("population")!, yc = csv.column("year")
        var seen: [String: Int] = [:]
        var out: [DistrictPopulation] = []
        try csv.forEachRecord { rec in
            let d = try required(rec, dc, "district", file)
            let ptext = try required(rec, pc, "population", file)
            guard let p = Int(ptext.replacingOccurrences(of: " ", with: "")), p >= 0 else {
                throw InputError(file: file, line: rec.line, field: "population", "'\(ptext)' is not a number of residents (a whole number, 0 or more)")
            }
            var year: Int?
            if let y = value(rec, yc) {
                guard let v = Int(y), (1900...2200).contains(v) else { throw InputError(file: file, line: rec.line, field: "year", "'\(y)' is not a year") }
                year = v
            }
            let key = "\(d)|\(year.map(String.init) ?? "*")"
            if let first = seen[key] {
                throw InputError(file: file, line: rec.line, field: "district", "'\(d)'\(year.map { " in \($0)" } ?? "") is listed twice (first on line \(first))")
            }
            seen[key] = rec.line
            out.append(DistrictPopulation(district: d, population: p, year: year))
        }
        return out
    }

    static func readSightings(_ csv: CSVReader, persons: PersonIndex) throws -> [Sighting] {
        try csv.require(["person_id", "place", "date"])
        let file = csv.file
        let pid = csv.column("person_id")!, place = csv.column("place")!, date = csv.column("date")!
        var out: [Sighting] = []
        try csv.forEachRecord { rec in
            let p = try person(rec, pid, "person_id", file, persons)
            let pl = try required(rec, place, "place", file)
            guard let d = try day(rec, date, "date", file) else {
                throw InputError(file: file, line: rec.line, field: "date", "empty (a value is required)")
            }
            out.append(Sighting(personID: p, place: pl, date: d, source: SourceRow(file: file, line: rec.line)))
        }
        return out
    }

    static func readLinks(_ csv: CSVReader, persons: [Person], index: PersonIndex, unknownHint: String) throws -> (LinkTable, Bool) {
        try csv.require(["source", "target"])
        let file = csv.file
        let s = csv.column("source")!, t = csv.column("target")!
        let type = csv.column("type"), weight = csv.column("weight"), date = csv.column("date")
        let info = csv.column("source_info"), period = csv.column("period"), directed = csv.column("directed")
        let decimalComma = csv.delimiter != UInt8(ascii: ",")
        var out = LinkTable(file: file, personIDs: persons.map(\.id))
        out.reserveCapacity(csv.estimatedRecords)
        var anyDirected = false
        try csv.forEachRecord { rec in
            let a = try person(rec, s, "source", file, index, hint: unknownHint)
            let b = try person(rec, t, "target", file, index, hint: unknownHint)
            var w = 1.0
            if let v = value(rec, weight) { w = try parseWeight(v, file: file, line: rec.line, decimalComma: decimalComma) }
            if try bool(rec, directed, "directed", file) == true { anyDirected = true }
            out.append(source: Int32(index[a]!), target: Int32(index[b]!), type: value(rec, type) ?? "link", weight: w,
                       line: rec.line, date: try day(rec, date, "date", file), sourceInfo: value(rec, info),
                       period: value(rec, period))
        }
        return (out, anyDirected)
    }

    static let logCategories = ["A1", "A2", "B1", "B2"]

    static func readLog(_ csv: CSVReader, persons: PersonIndex) throws -> [LogEntry] {
        try csv.require(["person_id", "category"])
        let file = csv.file
        let pid = csv.column("person_id")!, cat = csv.column("category")!, since = csv.column("since")
        var out: [LogEntry] = []
        var firstLine: [String: Int] = [:]
        try csv.forEachRecord { rec in
            let p = try person(rec, pid, "person_id", file, persons)
            if let first = firstLine[p] {
                throw InputError(file: file, line: rec.line, field: "person_id", "person '\(p)' is on the log twice (first on line \(first))")
            }
            firstLine[p] = rec.line
            let c = try required(rec, cat, "category", file).uppercased()
            guard logCategories.contains(c) else {
                throw InputError(file: file, line: rec.line, field: "category", "unknown value '\(rec.fields[cat])' (expected A1, A2, B1 or B2)")
            }
            out.append(LogEntry(personID: p, category: c, since: try day(rec, since, "since", file),
                                source: SourceRow(file: file, line: rec.line)))
        }
        return out
    }
}
