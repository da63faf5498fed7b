/// The words of the screening, as types. Their raw values are the strings of the CSV contracts
/// and the store; nothing else in the code spells them.

/// A log category: area (A inside the focus area, B elsewhere in an eligible municipality) ×
/// tier (1 stamperson, a regular and persistent member; 2 bobler, on the edge and at risk).
public struct LogCategory: Hashable, Sendable, Comparable, CustomStringConvertible {
    public enum Area: String, Sendable, CaseIterable, Comparable {
        case a = "A", b = "B"
        public static func < (l: Area, r: Area) -> Bool { l.rawValue < r.rawValue }
    }
    public enum Tier: Int, Sendable, CaseIterable, Comparable {
        /// "Stamperson": a regular, persistent member of the milieu.
        case core = 1
        /// "Bobler": on the edge of the milieu, at risk of being drawn in.
        case peripheral = 2
        public static func < (l: Tier, r: Tier) -> Bool { l.rawValue < r.rawValue }
        public var word: String { self == .core ? "core" : "peripheral" }
    }

    public var area: Area
    public var tier: Tier

    public init(area: Area, tier: Tier) { self.area = area; self.tier = tier }

    /// "A1", "A2", "B1" or "B2" (case-insensitive); nil otherwise.
    public init?(rawValue: String) {
        let s = rawValue.uppercased()
        guard s.count == 2, let a = Area(rawValue: String(s.prefix(1))),
              let t = Int(String(s.suffix(1))).flatMap(Tier.init(rawValue:)) else { return nil }
        self.init(area: a, tier: t)
    }

    public var rawValue: String { area.rawValue + String(tier.rawValue) }
    public var description: String { rawValue }
    public static let all: [LogCategory] = Area.allCases.flatMap { a in Tier.allCases.map { LogCategory(area: a, tier: $0) } }
    public static func < (l: LogCategory, r: LogCategory) -> Bool { l.rawValue < r.rawValue }
}

/// What a proposal asks the target-selection group to do.
public enum ProposalAction: String, Sendable, CaseIterable {
    case add, remove, recategorize, route, keep
    /// The data can neither support keeping nor removing an entry: the group decides
    /// (accepting keeps the entry as a confirmation, rejecting removes it).
    case review
}

/// Why: the rule that fired, as the short code in the CSV contract's `reason` column.
public enum ProposalReason: String, Sendable, CaseIterable {
    case core, peripheral
    case notEligible = "not_eligible"
    case inactive
    case noEvidence = "no_evidence"
    case youthScreening = "youth_screening"
    case sspHandover = "ssp_handover"
    case unchanged
    /// Review: some contact with the milieu, none that ties.
    case weakEvidence = "weak_evidence"
    /// Review: no municipality or district recorded.
    case residenceUnknown = "residence_unknown"

    /// The route a routing reason names.
    public var route: RouteKind? { RouteKind(rawValue: rawValue) }
}

/// Where a route sends a person.
public enum RouteKind: String, Sendable, CaseIterable {
    /// DKS youth screening (persons under the youth age).
    case youthScreening = "youth_screening"
    /// SSP+ hand-over (peripheral persons of the youth age or older).
    case sspHandover = "ssp_handover"

    public var reason: ProposalReason { ProposalReason(rawValue: rawValue)! }
}

/// A mark for the people deciding.
public enum ProposalFlag: Hashable, Sendable, CustomStringConvertible {
    /// Under the youth age on the as-of date.
    case minor
    /// In custody or serving a sentence.
    case deprivedOfLiberty
    /// A gang case against a minor: a concern-talk decision is due within this many hours.
    case decisionWithin(hours: Int)
    /// Another id may be the same person (same name and birth date, or close birth dates in
    /// the same district): check before deciding; nothing is merged.
    case possibleDuplicate
    /// The group decided on this person before (see the evidence for when and what).
    case decidedBefore
    /// No readable birth date: a possible minor (never routed to SSP+, unnamed without
    /// --show-minors); check the birth date before deciding.
    case ageUnknown

    public init?(rawValue: String) {
        switch rawValue {
        case "minor": self = .minor
        case "deprived_of_liberty": self = .deprivedOfLiberty
        case "possible_duplicate": self = .possibleDuplicate
        case "decided_before": self = .decidedBefore
        case "age_unknown": self = .ageUnknown
        default:
            guard rawValue.hasPrefix("decision_within_"), rawValue.hasSuffix("h"),
                  let h = Int(rawValue.dropFirst("decision_within_".count).dropLast()) else { return nil }
            self = .decisionWithin(hours: h)
        }
    }

    public var rawValue: String {
        switch self {
        case .minor: return "minor"
        case .deprivedOfLiberty: return "deprived_of_liberty"
        case let .decisionWithin(h): return "decision_within_\(h)h"
        case .possibleDuplicate: return "possible_duplicate"
        case .decidedBefore: return "decided_before"
        case .ageUnknown: return "age_unknown"
        }
    }

    public var description: String { rawValue }
}
