/// Where a value came from in the user's files: used to point errors and evidence at a row.
public struct SourceRow: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public init(file: String, line: Int) { self.file = file; self.line = line }
    public var description: String { "\(file):\(line)" }
}

/// Custody status of a person (`persons.csv` column `status`).
public enum CustodyStatus: String, CaseIterable, Sendable {
    case free, custody, sentenced
    /// Custody or serving a sentence: "deprived of liberty" in the log's indicators.
    public var isDeprivedOfLiberty: Bool { self != .free }
}

/// How a person is registered in the case system (`persons.csv` column `subject_category`).
public enum SubjectCategory: String, CaseIterable, Sendable {
    case suspect, convicted, victim, witness, associate
}

/// A person: a node of the network with the attributes the analyst's files give.
///
/// Stored in 48 bytes: the id and source row inline, every other attribute in one shared box
/// that a person without attributes (a node of an edge list) does not have.
public struct Person: Sendable {
    public var id: String
    public var source: SourceRow?
    private var box: DetailsBox?

    private struct Details {
        var name: String?
        var birthDate: Day?
        var municipality: String?
        var district: String?
        var status: CustodyStatus?
        var subjectCategory: SubjectCategory?
        var attributes: [(key: String, value: String)] = []
        var isEmpty: Bool {
            name == nil && birthDate == nil && municipality == nil && district == nil && status == nil
                && subjectCategory == nil && attributes.isEmpty
        }
    }
    /// Immutable once made: a change makes a new box (copy on write by hand).
    private final class DetailsBox: @unchecked Sendable {
        let details: Details
        init(_ d: Details) { details = d }
    }
    private var details: Details { box?.details ?? Details() }
    private mutating func update(_ change: (inout Details) -> Void) {
        var d = details
        change(&d)
        box = d.isEmpty ? nil : DetailsBox(d)
    }

    public var name: String? { get { box?.details.name } set { update { $0.name = newValue } } }
    public var birthDate: Day? { get { box?.details.birthDate } set { update { $0.birthDate = newValue } } }
    public var municipality: String? { get { box?.details.municipality } set { update { $0.municipality = newValue } } }
    public var district: String? { get { box?.details.district } set { update { $0.district = newValue } } }
    public var status: CustodyStatus? { get { box?.details.status } set { update { $0.status = newValue } } }
    public var subjectCategory: SubjectCategory? { get { box?.details.subjectCategory } set { update { $0.subjectCategory = newValue } } }
    /// Every other column of `persons.csv`, in file order (empty values left out).
    public var attributes: [(key: String, value: String)] { get { box?.details.attributes ?? [] } set { update { $0.attributes = newValue } } }

    public init(id: String, name: String? = nil, birthDate: Day? = nil, municipality: String? = nil,
                district: String? = nil, status: CustodyStatus? = nil, subjectCategory: SubjectCategory? = nil,
                attributes: [(key: String, value: String)] = [], source: SourceRow? = nil) {
        self.id = id
        self.source = source
        let d = Details(name: name, birthDate: birthDate, municipality: municipality, district: district, status: status,
                        subjectCategory: subjectCategory, attributes: attributes)
        box = d.isEmpty ? nil : DetailsBox(d)
    }

    /// The age of majority (18). Callers that apply a screening policy pass its youth age.
    public static let ageOfMajority = 18

    /// Whether the person is younger than `age` (default: the age of majority) on `date`
    /// (`nil` when the birth date is unknown).
    public func isMinor(on date: Day, under age: Int = Person.ageOfMajority) -> Bool? {
        guard let birthDate else { return nil }
        return birthDate.age(on: date) < age
    }
}

/// A case from the police case system (`cases.csv`).
public struct Case: Sendable {
    public var id: String
    public var date: Day
    public var crimeCode: String
    public var place: String?
    public var tags: [String]
    public var source: SourceRow
}

/// A place cases and sightings name, and its district (`places.csv`).
public struct Place: Sendable, Equatable {
    public var name: String
    public var district: String
    public var latitude: Double?
    public var longitude: Double?
    public init(name: String, district: String, latitude: Double? = nil, longitude: Double? = nil) {
        self.name = name; self.district = district; self.latitude = latitude; self.longitude = longitude
    }
}

/// The residents of a district (`districts.csv`), in one year or (nil) for every year.
public struct DistrictPopulation: Sendable, Equatable {
    public var district: String
    public var population: Int
    public var year: Int?
    public init(district: String, population: Int, year: Int? = nil) { self.district = district; self.population = population; self.year = year }
}

/// A person's role in a case (`case_persons.csv` column `role`).
public enum CaseRole: String, CaseIterable, Sendable {
    case suspect, victim, witness, other
}

/// One person's involvement in one case (`case_persons.csv`).
public struct CaseParticipation: Sendable {
    public var caseID: String
    public var personID: String
    public var role: CaseRole
    public var source: SourceRow
}

/// How sure the register is of an affiliation (`affiliations.csv` column `confidence`).
public enum AffiliationConfidence: String, CaseIterable, Sendable, Comparable {
    case confirmed, probable, possible
    var rank: Int { switch self { case .confirmed: 0; case .probable: 1; case .possible: 2 } }
    public static func < (a: Self, b: Self) -> Bool { a.rank < b.rank }
}

/// A person's affiliation with a group, from the gang-affiliation register (`affiliations.csv`).
public struct Affiliation: Sendable {
    public var personID: String
    public var group: String
    public var since: Day?
    public var until: Day?
    public var sourceInfo: String?
    public var confidence: AffiliationConfidence?
    public var source: SourceRow

    /// Whether the affiliation's period overlaps `[from, to]` (open ends match everything).
    public func overlaps(from: Day?, to: Day?) -> Bool {
        if let to, let since, since > to { return false }
        if let from, let until, until < from { return false }
        return true
    }
}

/// A person observed at a place on a day (`sightings.csv`).
public struct Sighting: Sendable {
    public var personID: String
    public var place: String
    public var date: Day
    public var source: SourceRow
}

/// An analyst-entered tie of any type (`links.csv`).
public struct AnalystLink: Sendable {
    public var sourceID: String
    public var targetID: String
    /// The relation, e.g. `family`, `communication`; `link` when the file has no type.
    public var type: String
    public var weight: Double
    public var date: Day?
    public var sourceInfo: String?
    public var period: String?
    public var source: SourceRow
}

/// A row of the current log (`log.csv`).
public struct LogEntry: Sendable {
    public var personID: String
    public var category: String
    public var since: Day?
    public var source: SourceRow
    public init(personID: String, category: String, since: Day?, source: SourceRow) {
        self.personID = personID; self.category = category; self.since = since; self.source = source
    }
}

/// Everything read from one dataset folder (or edge-list file), validated and cross-checked.
///
/// Persons keep file order: that order is the node order of every network built from the
/// dataset, and so the row order of every per-node output.
public struct Dataset: Sendable {
    /// The folder or file the dataset was read from, as the user named it.
    public var location: String
    public var layout: Layout
    public var persons: [Person]
    public var cases: [Case]
    public var participations: [CaseParticipation]
    public var affiliations: [Affiliation]
    public var sightings: [Sighting]
    public var links: LinkTable
    public var log: [LogEntry]
    public var crimeCodes: CrimeCodeTable
    /// Where case places are (`places.csv`): place name → its district (and coordinates).
    public var places: [Place] = []
    /// Residents per district, per year where given (`districts.csv`).
    public var populations: [DistrictPopulation] = []
    /// What loading skipped or repaired (rows of only delimiters), one line each; shown by
    /// `sna validate` and as a note by every command.
    public var loadNotes: [String] = []
    /// `true` when the input declares itself directed (a `directed` column set to true).
    public var declaredDirected: Bool
    /// Person id → index in `persons`.
    public var personIndex: PersonIndex
    /// Each file's header as read (our column names after any mapping; empty for other
    /// layouts): what the data can and cannot say (no `birth_date`: nobody's age is known).
    public var headers: [String: [String]] = [:]
    /// The headers read under another name (part of ``loadNotes``): notes, not warnings.
    public var columnNotes: [String] = []
    /// The header of `persons.csv` as read.
    public var personColumns: [String] { headers["persons.csv"] ?? [] }

    public enum Layout: String, Sendable {
        /// `persons.csv` plus optional case, affiliation, sighting, link and log files.
        case dataset
        /// `nodes.csv` + `edges.csv` (the layout of the golden reference graphs).
        case nodesEdges = "nodes-edges"
        /// One edge-list file `source,target[,weight]`.
        case edgeList = "edge-list"
        /// A GraphML file.
        case graphML = "graphml"
        /// A GEXF file (Gephi).
        case gexf
        /// A Pajek `.net` file.
        case pajek
        /// A UCINET DL file.
        case ucinetDL = "ucinet-dl"
        /// networkx node-link JSON.
        case nodeLinkJSON = "node-link-json"
    }

    public init(location: String, layout: Layout, persons: [Person] = [], cases: [Case] = [],
                participations: [CaseParticipation] = [], affiliations: [Affiliation] = [],
                sightings: [Sighting] = [], links: LinkTable? = nil, log: [LogEntry] = [],
                crimeCodes: CrimeCodeTable = .builtIn, declaredDirected: Bool = false) {
        self.location = location
        self.layout = layout
        self.persons = persons
        self.cases = cases
        self.participations = participations
        self.affiliations = affiliations
        self.sightings = sightings
        self.links = links ?? LinkTable(personIDs: persons.map(\.id))
        self.log = log
        self.crimeCodes = crimeCodes
        self.declaredDirected = declaredDirected
        self.personIndex = PersonIndex(persons)
    }

    /// A dataset whose persons' ids are `index`'s, in its order (an edge list read into a
    /// graph shares the graph's index instead of building another).
    init(location: String, layout: Layout, persons: [Person], links: LinkTable, index: IDInterner) {
        self.init(location: location, layout: layout, links: links)
        self.persons = persons
        self.personIndex = PersonIndex(index)
    }

    /// Group names from the affiliations, in order of first appearance.
    public var groups: [String] {
        var seen = Set<String>()
        var out: [String] = []
        for a in affiliations where seen.insert(a.group).inserted { out.append(a.group) }
        return out
    }

    /// The earliest and latest dated event (case, sighting, dated link), if any.
    public var period: (first: Day, last: Day)? {
        var lo: Day?
        var hi: Day?
        func see(_ d: Day?) {
            guard let d else { return }
            if lo == nil || d < lo! { lo = d }
            if hi == nil || d > hi! { hi = d }
        }
        cases.forEach { see($0.date) }
        sightings.forEach { see($0.date) }
        if links.hasDates { for i in links.indices { see(links.date(i)) } }
        guard let lo, let hi else { return nil }
        return (lo, hi)
    }
}

extension Person {
    /// Sets one field from text, validated the same way for every input format (CSV,
    /// GraphML, GEXF, node-link JSON): `birth_date` must be a date, `status` and
    /// `subject_category` one of their values; other keys become attributes. Empty text leaves
    /// the field unset. Errors name `file`, `line` (nil when the format has none) and `field`.
    public mutating func set(_ key: String, _ text: String, file: String, line: Int?, field: String? = nil) throws {
        let v = text
        let field = field ?? key
        func choice<E: RawRepresentable & CaseIterable>(_: E.Type) throws -> E? where E.RawValue == String {
            if v.isEmpty { return nil }
            if let e = E(rawValue: v.lowercased()) { return e }
            let expected = E.allCases.map(\.rawValue)
            throw InputError(file: file, line: line, field: field,
                             "unknown value '\(v)' (expected \(expected.dropLast().joined(separator: ", ")) or \(expected.last!))")
        }
        switch key {
        case "id": break
        case "name": name = v.isEmpty ? nil : v
        case "birth_date":
            if v.isEmpty { birthDate = nil; break }
            guard let d = Day(iso: v) else {
                throw InputError(file: file, line: line, field: field, Day.invalidMessage(v))
            }
            birthDate = d
        case "municipality": municipality = v.isEmpty ? nil : v
        case "district": district = v.isEmpty ? nil : v
        case "status": status = try choice(CustodyStatus.self)
        case "subject_category": subjectCategory = try choice(SubjectCategory.self)
        default: attributes.append((key, text))
        }
    }
}

extension Dataset {
    /// The dataset as a recipient may see it: only the persons in `ids` (in input order), their
    /// case roles, affiliations, sightings and log entries, and the links between two of them.
    /// Cases stay (a case is not a person), so shared cases still tie the persons kept.
    public func restricted(to ids: Set<String>) -> Dataset {
        let kept = persons.filter { ids.contains($0.id) }
        var links = LinkTable(file: self.links.file, personIDs: kept.map(\.id))
        var newIndex: [Int32: Int32] = [:]
        for (i, p) in kept.enumerated() { if let old = personIndex[p.id] { newIndex[Int32(old)] = Int32(i) } }
        for i in self.links.indices {
            guard let s = newIndex[self.links.source[i]], let t = newIndex[self.links.target[i]] else { continue }
            links.append(source: s, target: t, type: self.links.types[Int(self.links.typeID[i])], weight: self.links.weight[i],
                         line: Int(self.links.line[i]), date: self.links.date(i), sourceInfo: self.links.sourceInfo(i),
                         period: self.links.period(i), file: self.links.file(i))
        }
        var out = Dataset(location: location, layout: layout, persons: kept, cases: cases,
                          participations: participations.filter { ids.contains($0.personID) },
                          affiliations: affiliations.filter { ids.contains($0.personID) },
                          sightings: sightings.filter { ids.contains($0.personID) }, links: links,
                          log: log.filter { ids.contains($0.personID) }, crimeCodes: crimeCodes, declaredDirected: declaredDirected)
        out.headers = headers
        out.columnNotes = columnNotes
        out.places = places
        out.populations = populations
        return out
    }
}

/// Person id → index in a dataset's `persons` (for an id given twice, its last person).
///
/// Backed by the open-addressing ``IDInterner`` (8 bytes a slot, strings shared with the ids)
/// rather than a `Dictionary`, which took 6 MB for 100,000 persons.
public struct PersonIndex: Sendable {
    private let interner: IDInterner
    /// Later persons with an id already seen: id → their index (usually empty).
    private let repeated: [String: Int]

    init(_ persons: [Person]) {
        var interner = IDInterner(capacity: persons.count)
        var repeated: [String: Int] = [:]
        for (i, p) in persons.enumerated() where !interner.intern(p.id).inserted { repeated[p.id] = i }
        self.interner = interner
        self.repeated = repeated
    }

    init(_ interner: IDInterner) {
        self.interner = interner
        repeated = [:]
    }

    /// The index of the person with id `id`, or `nil`.
    public subscript(id: String) -> Int? {
        if !repeated.isEmpty, let i = repeated[id] { return i }
        return interner.index(of: id).map(Int.init)
    }

    /// Distinct ids.
    public var count: Int { interner.count }
}
