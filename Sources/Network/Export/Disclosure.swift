/// What of a person may leave the program: the one disclosure rule every writer and every
/// command applies. By default persons appear by their pseudonymous id only, birth dates as a
/// birth year; names need `names`; a minor's name needs `minorNames` as well; exact birth
/// dates need `birthDates`.
public struct Disclosure: Sendable, Equatable {
    /// Write names (the caller has checked a purpose was given).
    public var names = false
    /// Write minors' names too.
    public var minorNames = false
    /// Write exact birth dates (otherwise the birth year).
    public var birthDates = false
    /// The day on which a person's age decides whether they are a minor (nil: the person's age
    /// is unknown to the writer, so every name is treated as a minor's unless `minorNames`).
    public var asOf: Day?
    /// Younger than this is a minor.
    public var youthAge = Person.ageOfMajority

    public init(names: Bool = false, minorNames: Bool = false, birthDates: Bool = false, asOf: Day? = nil,
                youthAge: Int = Person.ageOfMajority) {
        self.names = names; self.minorNames = minorNames; self.birthDates = birthDates
        self.asOf = asOf; self.youthAge = youthAge
    }

    /// Pseudonymous ids only, birth years only.
    public static let pseudonymous = Disclosure()

    /// Whether `p` counts as a minor here: under the youth age on `asOf`, or of unknown age (a
    /// person without a readable birth date is never treated as an adult); without a day to
    /// judge age on, every person is treated as possibly a minor.
    public func isMinor(_ p: Person) -> Bool {
        guard let asOf else { return true }
        return p.isMinor(on: asOf, under: youthAge) ?? true
    }

    /// Whether `p`'s age is unknown (no readable birth date): such a person is treated as a
    /// possible minor and marked "age unknown".
    public func ageUnknown(_ p: Person) -> Bool { p.birthDate == nil }

    /// The name that may be written for `p`, or nil.
    public func name(_ p: Person?) -> String? {
        guard names, let p, let n = p.name else { return nil }
        if isMinor(p) && !minorNames { return nil }
        return n
    }

    /// The birth attribute that may be written: ("birth_date", YYYY-MM-DD) with `birthDates`,
    /// else ("birth_year", YYYY); nil without a birth date.
    public func birth(_ p: Person?) -> (key: String, value: String)? {
        guard let d = p?.birthDate else { return nil }
        return birthDates ? ("birth_date", d.description) : ("birth_year", String(d.year))
    }

    /// The person fields a recipient may receive besides id and name (`birth`, `municipality`,
    /// `district`, `status`, `subject_category`, or any other attribute); nil: all of them.
    public var fields: Set<String>?

    /// `p` with only the fields `fields` allows (the birth date kept when `birth` is allowed).
    public func project(_ p: Person?) -> Person? {
        guard let p, let fields else { return p }
        var q = p
        if !fields.contains("birth") { q.birthDate = nil }
        if !fields.contains("municipality") { q.municipality = nil }
        if !fields.contains("district") { q.district = nil }
        if !fields.contains("status") { q.status = nil }
        if !fields.contains("subject_category") { q.subjectCategory = nil }
        q.attributes = p.attributes.filter { fields.contains($0.key) }
        return q
    }

    /// The key the birth attribute is written under.
    public var birthKey: String { birthDates ? "birth_date" : "birth_year" }
}
