/// Crime codes (Danish "gerningskoder"): label, whether the case is an initiative case, and
/// whether it counts as serious.
///
/// **Initiative cases** are raised by the police themselves (inquiries, stop-and-search): they
/// measure police effort, not crime, so by default they create no co-offending ties. The
/// built-in table holds the codes named in the 2015 evaluation; the whole range 61600–62230
/// (police business, chapter 8) is treated as initiative. A dataset folder may hold
/// `crime_codes.csv` (`code,label,initiative,serious`) to add or override codes.
public struct CrimeCodeTable: Sendable {
    public struct Entry: Sendable, Equatable {
        public var label: String
        public var initiative: Bool
        public var serious: Bool
        public init(label: String, initiative: Bool, serious: Bool) {
            self.label = label
            self.initiative = initiative
            self.serious = serious
        }
    }

    public private(set) var entries: [String: Entry]

    public init(entries: [String: Entry]) { self.entries = entries }

    /// The codes named in the source document.
    public static let builtIn = CrimeCodeTable(entries: [
        "73111": Entry(label: "manslaughter", initiative: false, serious: true),
        "73112": Entry(label: "attempted manslaughter", initiative: false, serious: true),
        "73131": Entry(label: "killing on request", initiative: false, serious: true),
        "73241": Entry(label: "violence", initiative: false, serious: true),
        "73251": Entry(label: "aggravated violence", initiative: false, serious: true),
        "76319": Entry(label: "street robbery", initiative: false, serious: true),
        "84110": Entry(label: "narcotics possession", initiative: false, serious: false),
        "84111": Entry(label: "narcotics sale", initiative: false, serious: true),
        "61600": Entry(label: "inquiry - event without case", initiative: true, serious: false),
        "61615": Entry(label: "stop-and-search without case", initiative: true, serious: false),
    ])

    /// The police-business range treated as initiative cases when a code is not in the table.
    public static let initiativeRange = 61600...62230

    public mutating func set(_ code: String, _ entry: Entry) { entries[code] = entry }

    public func entry(for code: String) -> Entry? { entries[code] }

    public func label(for code: String) -> String? { entries[code]?.label }

    public func isInitiative(_ code: String) -> Bool {
        if let e = entries[code] { return e.initiative }
        if let v = Int(code) { return Self.initiativeRange.contains(v) }
        return false
    }

    public func isSerious(_ code: String) -> Bool { entries[code]?.serious ?? false }

    /// Codes in ascending order, for listings.
    public var codes: [String] { entries.keys.sorted() }
}

/// Which cases are initiative cases (police activity, not crime): a code the crime-code table
/// marks as initiative (the built-in table, or `crime_codes.csv`), a code in `codes` (single
/// codes or ranges, default the police-business range 61600–62230), or a case carrying one of
/// `tags` (e.g. a unit's `stop_search` tag on a possession find). Initiative cases make no
/// co-offending tie and count as no evidence.
public struct InitiativeRule: Sendable, Equatable {
    public var codes: [ClosedRange<Int>]
    public var tags: Set<String>

    public init(codes: [ClosedRange<Int>] = [CrimeCodeTable.initiativeRange], tags: Set<String> = []) {
        self.codes = codes
        self.tags = tags
    }

    public static let `default` = InitiativeRule()

    /// Whether `c` is an initiative case under this rule and `table`.
    public func matches(_ c: Case, _ table: CrimeCodeTable) -> Bool {
        let entry = table.entry(for: c.crimeCode)
        if entry?.initiative == true { return true }
        if let v = Int(c.crimeCode), codes.contains(where: { $0.contains(v) }) {
            // `crime_codes.csv` may declare a code of the default range a crime; a unit's own
            // list of codes wins over the table.
            let tableSaysCrime = entry.map { !$0.initiative } ?? false
            if !(tableSaysCrime && codes == [CrimeCodeTable.initiativeRange]) { return true }
        }
        return !tags.isEmpty && c.tags.contains(where: tags.contains)
    }

    /// Parses "61600-62230" or "84110" (whitespace allowed around the dash); nil otherwise.
    public static func range(_ text: String) -> ClosedRange<Int>? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard (1...2).contains(parts.count), let lo = Int(parts[0]), lo >= 0 else { return nil }
        let hi = parts.count == 2 ? Int(parts[1]) : lo
        guard let hi, hi >= lo else { return nil }
        return lo...hi
    }
}
