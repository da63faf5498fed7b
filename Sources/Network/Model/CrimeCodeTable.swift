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
