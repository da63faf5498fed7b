import Network

/// The rules that turn network evidence into proposals for the log. Every threshold and name
/// the screening uses lives here, and each is declared once, in ``Policy/keys``: its YAML key,
/// its documentation, its range and where it is stored. The policy file parser, the YAML that
/// `sna policy` prints, `Codable` and the README's policy table all come from that one list.
///
/// Defaults follow the 2015 evaluation (see README "The log"): the Municipality of Copenhagen
/// is eligible, Indre Nørrebro is the focus area (A) and the rest of the municipality is B;
/// 18 months without activity proposes removal unless the person is deprived of liberty;
/// persons under 18 go to youth screening; peripheral persons of 18 or more are SSP+
/// hand-over candidates.
public struct Policy: Sendable, Equatable {
    public var eligibleMunicipalities: [String] = ["København"]
    public var focusDistricts: [String] = ["Indre Nørrebro"]
    public var inactivityMonths = 18
    public var evidenceMonths = 24
    public var persistenceMonths = 48
    public var coreMinSeriousGroupCases = 3
    public var coreMinHalfYears = 2
    public var coreMinSeriousCasesWithCore = 2
    public var coreMinSeriousCasesIfConfirmed = 2
    public var coreMinCoreness = 0.5
    public var initiativeCodes: [String] = ["61600-62230"]
    public var initiativeTags: [String] = []
    public var minAffiliationConfidence: AffiliationConfidence = .probable
    public var copresenceMinDays = 3
    public var coreMinMemberContacts = 4
    public var youngAdultAge = 25
    public var locationMaxPersons = 50
    public var youthAge = 18
    public var youthDecisionHours = 24
    public var followUpDays = 14
    public var meetingEveryWeeks = 8
    public var deprivedGoal = 25
    public var screeningGoal = 40
    public var exposureMonths = 12
    public var violentCodes: [String] = Exposure.defaultViolentCodes
    /// The case tag that marks a gang-conflict case (the source's "Bandekonflikt").
    public var gangConflictTag = "Bandekonflikt"
    public var reviewMonths = 12
    public var retentionMonths = 60
    public var recipients: [String] = ["dks: minors", "ssp: peripheral_adults", "police: all"]
    public var roles: [String] = ["analyst: *", "decider: *", "purger: *"]
    public var codeGroups: [String] = ["homicide: 73111 73112 73131", "violence: 73111 73112 73131 73241 73251", "robbery: 76319",
                                       "narcotics: 84110 84111", "police_business: 61600-62230"]
    public var phases: [String] = ["baseline: 2012-01-01..2012-12-31", "implementation: 2013-01-01..2013-12-31", "operation: 2014-01-01..2015-12-31"]
    public var twoPersonRule = true
    public var requestDays = 30
    public var auditsPerYear = 3

    public init() {}

    /// The built-in policy.
    public static let `default` = Policy()

    /// Which cases are initiative cases (police activity): the policy's codes and tags.
    public var initiativeRule: InitiativeRule {
        InitiativeRule(codes: initiativeCodes.compactMap(InitiativeRule.range), tags: Set(initiativeTags))
    }

    /// Whether a person of `age` (nil: unknown) is under the youth age. The one place that says
    /// who counts as a minor.
    public func isMinor(age: Int?) -> Bool { age.map { $0 < youthAge } ?? false }

    /// The area label of a person for partitions and colours: `A`, `B`, `outside` (resident
    /// of a municipality that is not eligible), or nil when the person's residence is unknown.
    public func areaLabel(_ p: Person) -> String? {
        guard p.municipality != nil || p.district != nil else { return nil }
        return area(municipality: p.municipality, district: p.district)?.rawValue ?? "outside"
    }

    /// The log area of a resident: `.a` in a focus district, `.b` elsewhere in an eligible
    /// municipality, nil when not eligible. The one definition of "area".
    public func area(municipality: String?, district: String?) -> LogCategory.Area? {
        guard let m = municipality, eligibleMunicipalities.contains(m) else { return nil }
        return district.map { focusDistricts.contains($0) } == true ? .a : .b
    }
}

extension Policy {
    /// Exposure to violence under this policy's window (`exposure_months`), violent codes and
    /// initiative rule: the one place that wires them to ``Exposure``.
    public func exposure(_ ds: Dataset, asOf: Day, from: Day? = nil) -> Exposure.Result {
        Exposure.compute(ds, asOf: asOf, from: from, months: exposureMonths, violentCodes: violentCodes, initiative: initiativeRule)
    }

    /// The group network under this policy's initiative rule and gang-conflict tag.
    public func groupTies(_ ds: Dataset, from: Day? = nil, to: Day? = nil, includeInitiative: Bool = false) -> [GroupNetwork.Tie] {
        GroupNetwork.ties(ds, from: from, to: to, initiative: initiativeRule, includeInitiative: includeInitiative, conflictTag: gangConflictTag)
    }
}

/// One key of the policy file: its name, what it means (the comment `sna policy` prints and the
/// README table shows), and how it is read from and written to YAML.
public struct PolicyKey: Sendable {
    public let name: String
    public let doc: String
    /// The allowed values in words ("a whole number from 1 to 120").
    public let expected: String
    let get: @Sendable (Policy) -> PolicyValue
    let set: @Sendable (inout Policy, PolicyValue) -> Bool

    /// The value of this key in `policy`, as YAML.
    public func yaml(_ policy: Policy) -> String { get(policy).yaml }

    static func int(_ name: String, _ path: WritableKeyPath<Policy, Int> & Sendable, _ range: ClosedRange<Int>, _ doc: String) -> PolicyKey {
        PolicyKey(name: name, doc: doc, expected: "a whole number from \(range.lowerBound) to \(range.upperBound)",
                  get: { .int($0[keyPath: path]) },
                  set: { p, v in
                      guard case let .int(x) = v, range.contains(x) else { return false }
                      p[keyPath: path] = x
                      return true
                  })
    }

    static func fraction(_ name: String, _ path: WritableKeyPath<Policy, Double> & Sendable, _ doc: String) -> PolicyKey {
        PolicyKey(name: name, doc: doc, expected: "a number from 0 to 1",
                  get: { .number($0[keyPath: path]) },
                  set: { p, v in
                      let x: Double
                      switch v {
                      case let .number(d): x = d
                      case let .int(i): x = Double(i)
                      default: return false
                      }
                      guard (0...1).contains(x) else { return false }
                      p[keyPath: path] = x
                      return true
                  })
    }

    static func list(_ name: String, _ path: WritableKeyPath<Policy, [String]> & Sendable, allowEmpty: Bool = false, _ doc: String) -> PolicyKey {
        PolicyKey(name: name, doc: doc, expected: allowEmpty ? "a list of names (may be empty)" : "a list of names",
                  get: { .list($0[keyPath: path]) },
                  set: { p, v in
                      switch v {
                      case let .list(xs) where (allowEmpty || !xs.isEmpty) && !xs.contains(where: \.isEmpty): p[keyPath: path] = xs
                      case let .string(s) where !s.isEmpty: p[keyPath: path] = [s]
                      default: return false
                      }
                      return true
                  })
    }

    static func codes(_ name: String, _ path: WritableKeyPath<Policy, [String]> & Sendable, _ doc: String) -> PolicyKey {
        PolicyKey(name: name, doc: doc, expected: "a list of crime codes or ranges such as 61600-62230",
                  get: { .list($0[keyPath: path]) },
                  set: { p, v in
                      let xs: [String]
                      switch v {
                      case let .list(l): xs = l
                      case let .string(s): xs = [s]
                      case let .int(i): xs = [String(i)]
                      default: return false
                      }
                      guard xs.allSatisfy({ InitiativeRule.range($0) != nil }) else { return false }
                      p[keyPath: path] = xs
                      return true
                  })
    }

    static func recipients(_ name: String, _ path: WritableKeyPath<Policy, [String]> & Sendable, _ doc: String) -> PolicyKey {
        PolicyKey(name: name, doc: doc, expected: "a list of \"name: rule\" (rule minors, peripheral_adults or all)",
                  get: { .list($0[keyPath: path]) },
                  set: { p, v in
                      guard case let .list(xs) = v, !xs.isEmpty, xs.allSatisfy({ Recipient(declaration: $0) != nil }) else { return false }
                      p[keyPath: path] = xs
                      return true
                  })
    }

    static func declarations(_ name: String, _ path: WritableKeyPath<Policy, [String]> & Sendable, expected: String, allowEmpty: Bool = false,
                             valid: @escaping @Sendable (String) -> Bool, _ doc: String) -> PolicyKey {
        PolicyKey(name: name, doc: doc, expected: expected,
                  get: { .list($0[keyPath: path]) },
                  set: { p, v in
                      let xs: [String]
                      switch v {
                      case let .list(l): xs = l
                      case let .string(s): xs = [s]
                      default: return false
                      }
                      guard allowEmpty || !xs.isEmpty, xs.allSatisfy(valid) else { return false }
                      p[keyPath: path] = xs
                      return true
                  })
    }

    static func flag(_ name: String, _ path: WritableKeyPath<Policy, Bool> & Sendable, _ doc: String) -> PolicyKey {
        PolicyKey(name: name, doc: doc, expected: "true or false",
                  get: { .string($0[keyPath: path] ? "true" : "false") },
                  set: { p, v in
                      guard case let .string(s) = v, let b = ["true": true, "yes": true, "false": false, "no": false][s.lowercased()] else { return false }
                      p[keyPath: path] = b
                      return true
                  })
    }

    static func name(_ name: String, _ path: WritableKeyPath<Policy, String> & Sendable, _ doc: String) -> PolicyKey {
        PolicyKey(name: name, doc: doc, expected: "a name",
                  get: { .string($0[keyPath: path]) },
                  set: { p, v in
                      guard case let .string(s) = v, !s.isEmpty else { return false }
                      p[keyPath: path] = s
                      return true
                  })
    }

    static func confidence(_ name: String, _ path: WritableKeyPath<Policy, AffiliationConfidence> & Sendable, _ doc: String) -> PolicyKey {
        PolicyKey(name: name, doc: doc, expected: "confirmed, probable or possible",
                  get: { .string($0[keyPath: path].rawValue) },
                  set: { p, v in
                      guard case let .string(s) = v, let c = AffiliationConfidence(rawValue: s) else { return false }
                      p[keyPath: path] = c
                      return true
                  })
    }
}

/// A policy value as it appears in a file: a whole number, a number, a name or a list of names.
public enum PolicyValue: Sendable, Equatable {
    case int(Int)
    case number(Double)
    case string(String)
    case list([String])

    var yaml: String {
        switch self {
        case let .int(i): return String(i)
        case let .number(d): return formatNumber(d)
        case let .string(s): return s
        case let .list(xs): return "[" + xs.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
        }
    }
}

extension Policy {
    /// Every key of the policy file, in the order `sna policy` prints them: the single
    /// declaration of each threshold's name, meaning and range.
    public static let keys: [PolicyKey] = [
        .list("eligible_municipalities", \.eligibleMunicipalities,
              "Residents of these municipalities can be on the log; others are proposed for removal (not_eligible)."),
        .list("focus_districts", \.focusDistricts,
              "Residents of these districts are category A (focus area); other eligible residents B."),
        .int("inactivity_months", \.inactivityMonths, 1...120,
             "Silent on every channel for this many months (no case in any role but victim or witness, initiative cases aside; no dated link; co-presence with members on fewer than copresence_min_days days) -> propose removal as inactive, unless deprived of liberty."),
        .int("evidence_months", \.evidenceMonths, 1...120,
             "Evidence window (months before --as-of; for a person deprived of liberty, before custody began: status_since, else the last activity) for co-offending ties, group cases and the core/periphery split."),
        .int("persistence_months", \.persistenceMonths, 1...240,
             "Window for persistence: serious group cases this many months before as-of (for a person deprived of liberty, before custody began)."),
        .int("core_min_serious_group_cases", \.coreMinSeriousGroupCases, 1...100,
             "Core (1, stamperson) by persistence: at least this many serious cases as suspect together with members of the person's own group (by affiliation) in the persistence window ..."),
        .int("core_min_half_years", \.coreMinHalfYears, 1...40,
             "... spread over at least this many calendar half-years. Persistence alone makes a person core; structure is not needed."),
        .int("core_min_serious_cases_with_core", \.coreMinSeriousCasesWithCore, 1...100,
             "Core by structure and offending: in the discrete core of the group's co-offending neighbourhood (or coreness >= core_min_coreness) and at least this many serious group cases in the evidence window, over core_min_half_years half-years ..."),
        .int("core_min_serious_cases_if_confirmed", \.coreMinSeriousCasesIfConfirmed, 1...100,
             "... or this many, at any time in the window, with a confirmed affiliation. Anyone else on the log is peripheral (2, bobler)."),
        .fraction("core_min_coreness", \.coreMinCoreness,
                  "Continuous coreness within the group's neighbourhood (1 = most core) that counts as a core position even outside the discrete core."),
        .confidence("min_affiliation_confidence", \.minAffiliationConfidence,
                    "Weakest affiliation (confirmed, probable, possible) that counts as evidence on its own."),
        .int("copresence_min_days", \.copresenceMinDays, 1...100,
             "Repeated co-presence: seen with members (sightings at one place on one day) on at least this many distinct days in the evidence window; initiative cases naming the person with members are listed as co-presence, never counted. Presence in the milieu, never crime: it shows activity and supports a core position or an at-risk youth's tie, never ties a person on its own. Members: an affiliation of at least min_affiliation_confidence, or core on the current log."),
        .int("core_min_member_contacts", \.coreMinMemberContacts, 1...1000,
             "Core by position (a leader who orders rather than acts): no case as suspect in the evidence window, an affiliation of at least min_affiliation_confidence and at least this many distinct members reached by links or repeated co-presence (two days or more), one of them by a link; for a stamperson already on the log, the count alone keeps the category (the log's call stands in for the affiliation)."),
        .int("young_adult_age", \.youngAdultAge, 15...40,
             "At-risk youth: a person under this age with a serious case as suspect in the evidence window (with anyone) and repeated co-presence with members is tied as peripheral (bobler), routed by age."),
        .int("location_max_persons", \.locationMaxPersons, 2...100000,
             "A place-day with more persons seen than this (a concert, a sweep) gives no co-presence and no location ties (validate and stats count them): being in a crowd is not being with someone, and a crowd as a clique costs the square of its size."),
        .int("youth_age", \.youthAge, 15...18,
             "Younger than this on the as-of date -> youth screening (DKS); a minor's name needs --show-minors. Between 15 (the age of criminal responsibility) and 18 (majority): a policy cannot make a child an adult."),
        .int("youth_decision_hours", \.youthDecisionHours, 1...720,
             "Hours for the concern-talk decision after a gang case against a minor."),
        .int("follow_up_days", \.followUpDays, 1...365,
             "Days within which a home visit's follow-up is due (DKS checks the initiatives started); `sna followup due` lists what is late."),
        .int("meeting_every_weeks", \.meetingEveryWeeks, 1...52,
             "The coordination group's cadence: `sna meeting next` gives the date this many weeks after the last meeting."),
        .int("deprived_goal", \.deprivedGoal, 0...100,
             "Goal for the share of the log deprived of liberty, in percent (`sna log stats`, `sna log evaluation`)."),
        .int("screening_goal", \.screeningGoal, 0...10000,
             "Goal for persons screened at coordination meetings and, where relevant, sent a concern letter, in the period `sna log evaluation` covers."),
        .int("exposure_months", \.exposureMonths, 1...120,
             "Exposure (measures exposure, exposure_share, exposure2): a co-offender who was the victim of a violent case in this many months before the as-of date exposes the person (a prevention signal, not a reason for enforcement)."),
        .codes("violent_codes", \.violentCodes,
               "Crime codes (or ranges) of violent cases, for exposure."),
        .name("gang_conflict_tag", \.gangConflictTag,
              "The case tag that marks a gang-conflict case (the source's keyword)."),
        .int("review_months", \.reviewMonths, 1...120,
             "Periodic review (LED 2016/680 Art. 5): a person whose entry no decision has confirmed for this many months is listed by `sna log review` for the group to confirm or remove."),
        .int("retention_months", \.retentionMonths, 0...240,
             "Retention (LED 2016/680 Art. 5, time limits; set it to the period your national law allows): `sna purge` removes persons off the log (or never on it) longer than this with no later evidence."),
        .recipients("recipients", \.recipients,
                    "Recipient profiles for --for NAME (\"name: rule\", rule minors, peripheral_adults or all): who an export, candidate list or pack for that recipient may hold."),
        .declarations("code_groups", \.codeGroups, expected: "a list of \"name: codes\" (codes and ranges such as 61600-62230, separated by spaces)",
                      valid: { CodeGroup(declaration: $0) != nil },
                      "The crime picture's code groups (`sna crimes`, the pack's crime picture): a name and its crime codes or ranges. A case counts in every group its code is in; initiative cases (initiative_codes, initiative_tags) are counted apart (police business), never as crime."),
        .declarations("phases", \.phases, expected: "a list of \"name: YYYY-MM-DD..YYYY-MM-DD\"", allowEmpty: true,
                      valid: { Phase(declaration: $0) != nil },
                      "The project's phases (the source's 2012 baseline, 2013 implementation, 2014-2015 operation): they label the crime picture's periods, and the first one is its default baseline."),
        .declarations("roles", \.roles, expected: "a list of \"role: accounts\" (roles analyst, decider, purger; accounts separated by spaces, * for any)",
                      valid: { Roles.parse($0) != nil },
               "Who may act, by operating-system account (\"role: accounts\", * for any): analyst (ingest, propose, candidate lists, requests, quality audits), decider (decide, revoke, resolve requests), purger (purge). A command outside its role is refused. Read from the latest proposal run's policy (the roles in force) and, for a command given --policy, from that file too."),
        .flag("two_person_rule", \.twoPersonRule,
              "A decision by the account that made the proposal run is refused (the run's policy decides); false allows one account to do both (a trial on one machine)."),
        .int("request_days", \.requestDays, 1...365,
             "Days to answer a person's request (access, contest, rectification, erasure: LED Arts. 14-16; CalGang: 30 days, then deemed denied); `sna followup due` lists the open ones, a contested entry is restricted until resolved."),
        .int("audits_per_year", \.auditsPerYear, 0...52,
             "Goal for quality audits a year (`sna audit sample`: a random sample of log entries for peer review; CalGang: at least 3); `sna log evaluation` counts them."),
        .codes("initiative_codes", \.initiativeCodes,
               "Initiative cases (police activity, not crime: no co-offending tie, no evidence): crime codes and ranges, besides those crime_codes.csv marks."),
        .list("initiative_tags", \.initiativeTags, allowEmpty: true,
              "Case tags that make a case an initiative case (e.g. a possession find on stop-and-search tagged stop_search); `sna validate` lists the tags in the data."),
    ]

    /// The key named `name`, if any.
    public static func key(_ name: String) -> PolicyKey? { keys.first { $0.name == name } }

    /// The policy as a documented YAML file (what `sna policy` prints), from ``keys``.
    public var yaml: String {
        var out = "# sna policy: the rules behind `sna propose`. Every key is optional; missing keys keep these defaults.\n"
        for k in Self.keys {
            out += "# " + k.doc + "\n"
            out += "\(k.name): \(k.yaml(self))\n"
        }
        return out
    }

    /// Every key and its value, one to a line, without the explanations (the meeting pack's
    /// method notes; `yaml` has each key's meaning).
    public var keyValueLines: String {
        Self.keys.map { "\($0.name): \($0.yaml(self))" }.joined(separator: "\n") + "\n"
    }

    /// The keys as a Markdown table (`sna policy --markdown`; the README's policy table is
    /// this text, checked by a test).
    public var markdownTable: String {
        var out = "| key | value | meaning |\n|---|---|---|\n"
        for k in Self.keys {
            out += "| `\(k.name)` | `\(k.yaml(self))` | \(k.doc.replacingOccurrences(of: "|", with: "\\|")) |\n"
        }
        return out
    }

    /// The policy's values by key, e.g. for storing beside a proposal run.
    public var values: [(key: String, value: PolicyValue)] { Self.keys.map { ($0.name, $0.get(self)) } }

    /// Sets one key; false when the value is not of the key's kind or out of its range.
    public mutating func set(_ key: PolicyKey, _ value: PolicyValue) -> Bool { key.set(&self, value) }
}

extension Policy: Codable {
    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Decodes the keys that are present (missing keys keep their defaults); an unknown key or a
    /// value out of range is an error naming the key.
    public init(from decoder: Decoder) throws {
        self.init()
        let c = try decoder.container(keyedBy: Key.self)
        for k in c.allKeys {
            guard let key = Self.key(k.stringValue) else {
                throw DecodingError.dataCorruptedError(forKey: k, in: c, debugDescription: "unknown policy key")
            }
            let v: PolicyValue
            if let i = try? c.decode(Int.self, forKey: k) { v = .int(i) }
            else if let d = try? c.decode(Double.self, forKey: k) { v = .number(d) }
            else if let s = try? c.decode(String.self, forKey: k) { v = .string(s) }
            else { v = .list(try c.decode([String].self, forKey: k)) }
            guard set(key, v) else {
                throw DecodingError.dataCorruptedError(forKey: k, in: c, debugDescription: "expected \(key.expected)")
            }
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        for (name, v) in values {
            let k = Key(stringValue: name)
            switch v {
            case let .int(i): try c.encode(i, forKey: k)
            case let .number(d): try c.encode(d, forKey: k)
            case let .string(s): try c.encode(s, forKey: k)
            case let .list(xs): try c.encode(xs, forKey: k)
            }
        }
    }
}

/// The policy's roles: who may act, by operating-system account.
public enum Role: String, Sendable, CaseIterable {
    /// Ingest, propose, candidate lists, requests, quality audits.
    case analyst
    /// Decide, revoke, resolve requests and quality findings.
    case decider
    /// Purge.
    case purger
}

public enum Roles {
    /// A declaration "role: account account …" (`*`: any account), or nil.
    public static func parse(_ declaration: String) -> (role: Role, accounts: [String])? {
        let parts = declaration.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let role = Role(rawValue: parts[0].lowercased()) else { return nil }
        let accounts = parts[1].split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        guard !accounts.isEmpty else { return nil }
        return (role, accounts)
    }
}

extension Policy {
    /// The accounts that hold `role` (nil: any account; a role the policy does not list is
    /// open to any account).
    public func accounts(for role: Role) -> [String]? {
        let decl = roles.compactMap(Roles.parse).filter { $0.role == role }
        guard !decl.isEmpty else { return nil }
        let all = decl.flatMap(\.accounts)
        return all.contains("*") ? nil : all
    }

    /// Whether `account` may act as `role`.
    public func allows(_ account: String, as role: Role) -> Bool { accounts(for: role).map { $0.contains(account) } ?? true }
}

/// A named set of crime codes (`code_groups`: "violence: 73111 73112 73131 73241 73251").
public struct CodeGroup: Sendable, Equatable {
    public var name: String
    public var codes: [ClosedRange<Int>]

    public init?(declaration: String) {
        let parts = declaration.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, !parts[0].isEmpty, !parts[0].contains(",") else { return nil }
        let items = parts[1].split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        let ranges = items.compactMap(InitiativeRule.range)
        guard !items.isEmpty, ranges.count == items.count else { return nil }
        name = parts[0]
        codes = ranges
    }

    /// Whether the group holds `code` (a crime code as written in cases.csv).
    public func contains(_ code: String) -> Bool {
        guard let v = Int(code.trimmingCharacters(in: .whitespaces)) else { return false }
        return codes.contains { $0.contains(v) }
    }
}

/// A phase of the project ("operation: 2014-01-01..2015-12-31").
public struct Phase: Sendable, Equatable {
    public var name: String
    public var from: Day
    public var to: Day

    public init?(declaration: String) {
        let parts = declaration.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, !parts[0].isEmpty else { return nil }
        let days = parts[1].components(separatedBy: "..").map { $0.trimmingCharacters(in: .whitespaces) }
        guard days.count == 2, let a = Day(iso: days[0]), let b = Day(iso: days[1]), a <= b else { return nil }
        name = parts[0]; from = a; to = b
    }
}

extension Policy {
    public var codeGroupList: [CodeGroup] { codeGroups.compactMap(CodeGroup.init(declaration:)) }
    public var phaseList: [Phase] { phases.compactMap(Phase.init(declaration:)) }
}
