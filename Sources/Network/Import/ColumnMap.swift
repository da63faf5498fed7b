/// How a unit's own column headers map onto the columns a dataset folder is read by: the
/// `columns.yaml` a unit writes once (file → our column → their header), plus the common Danish
/// headers, recognised without a file. A header is renamed only where the file lacks our column;
/// columns nothing maps stay attributes, as always.
public struct ColumnMap: Sendable, Equatable {
    /// File name (`persons.csv`) → our column (`birth_date`) → their header (`fødselsdato`).
    public var entries: [String: [String: String]]
    /// Where the mapping came from (a file path), for notes.
    public var source: String?

    public init(entries: [String: [String: String]] = [:], source: String? = nil) {
        self.entries = entries.mapValues { m in Dictionary(uniqueKeysWithValues: m.map { ($0.key, Self.normal($0.value)) }) }
        self.source = source
    }

    public static let none = ColumnMap()

    /// A header as the reader compares it: trimmed, lower-case.
    static func normal(_ s: String) -> String { s.trimmingCharacters(in: .whitespaces).lowercased() }

    /// Our columns of each file of a dataset folder, in the order README "Input" lists them.
    public static let columns: [String: [String]] = [
        "persons.csv": ["id", "name", "birth_date", "municipality", "district", "status", "status_since", "subject_category"],
        "cases.csv": ["case_id", "date", "crime_code", "place", "tags"],
        "case_persons.csv": ["case_id", "person_id", "role"],
        "affiliations.csv": ["person_id", "group", "since", "until", "source", "confidence"],
        "sightings.csv": ["person_id", "place", "date"],
        "links.csv": ["source", "target", "type", "weight", "date", "source_info", "period", "directed"],
        "log.csv": ["person_id", "category", "since"],
        "crime_codes.csv": ["code", "label", "initiative", "serious"],
    ]

    /// The Danish headers of the case system's and the register's exports, recognised without
    /// a mapping file (our column → their headers, first match wins).
    public static let danish: [String: [String: [String]]] = [
        "persons.csv": ["name": ["navn", "fulde navn"], "birth_date": ["fødselsdato", "foedselsdato", "fødselsdag"],
                        "municipality": ["kommune", "bopælskommune"], "district": ["bydel"], "status": ["frihedsstatus"],
                        "status_since": ["status_fra", "frihedsberøvet_fra"], "subject_category": ["kategori", "registreringskategori"]],
        "cases.csv": ["case_id": ["sagsnummer", "journalnummer", "sags_id"], "date": ["dato", "gerningsdato"],
                      "crime_code": ["gerningskode"], "place": ["sted", "gerningssted"], "tags": ["nøgleord", "noegleord"]],
        "case_persons.csv": ["case_id": ["sagsnummer", "journalnummer", "sags_id"], "person_id": ["person", "personid"], "role": ["rolle"]],
        "affiliations.csv": ["person_id": ["person", "personid"], "group": ["gruppe", "gruppering"], "since": ["fra", "fra_dato"],
                             "until": ["til", "til_dato"], "source": ["kilde"], "confidence": ["sikkerhed", "vurdering"]],
        "sightings.csv": ["person_id": ["person", "personid"], "place": ["sted"], "date": ["dato"]],
        "links.csv": ["type": ["relation", "relationstype"], "weight": ["vægt"], "date": ["dato"], "source_info": ["kildeoplysning"]],
        "log.csv": ["person_id": ["person", "personid"], "category": ["kategori"], "since": ["siden", "optaget"]],
        "crime_codes.csv": ["code": ["gerningskode", "kode"], "label": ["tekst", "betegnelse"]],
    ]

    /// The renames for one file's header: (index, our column, their header, from the unit's
    /// file or built in). A mapping naming a header the file does not have is an error naming
    /// both, since the unit meant that column to be read.
    public func renames(for name: String, header: [String], file: String, line: Int) throws -> [(index: Int, ours: String, theirs: String, builtIn: Bool)] {
        var out: [(Int, String, String, Bool)] = []
        var taken = Set(header)
        for (ours, theirs) in (entries[name] ?? [:]).sorted(by: { $0.key < $1.key }) where !taken.contains(ours) || theirs == ours {
            guard theirs != ours else { continue }
            guard let i = header.firstIndex(of: theirs) else {
                throw InputError(file: file, line: line, field: ours,
                                 "the column mapping\(source.map { " (\($0))" } ?? "") reads it from '\(theirs)', which the header does not have (header has: \(header.joined(separator: ", ")))")
            }
            out.append((i, ours, theirs, false))
            taken.insert(ours)
        }
        for ours in Self.columns[name] ?? [] where !taken.contains(ours) {
            guard let theirs = Self.danish[name]?[ours]?.first(where: { header.contains($0) }),
                  let i = header.firstIndex(of: theirs), !out.contains(where: { $0.0 == i }) else { continue }
            out.append((i, ours, theirs, true))
            taken.insert(ours)
        }
        return out.sorted { $0.0 < $1.0 }
    }
}
