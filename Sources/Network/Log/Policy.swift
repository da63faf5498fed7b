/// The rules that turn network evidence into proposals for the log. Every threshold is named
/// so a proposal can quote the rule that fired.
///
/// Defaults follow the 2015 evaluation (see README "The log"): the Municipality of Copenhagen
/// is eligible, Indre Nørrebro is the focus area (A) and the rest of the municipality is B;
/// 18 months without activity proposes removal unless the person is deprived of liberty;
/// persons under 18 go to youth screening; peripheral persons of 18 or more are SSP+
/// hand-over candidates.
public struct Policy: Sendable, Equatable {
    /// Residents of these municipalities can be on the log; others are "not eligible".
    public var eligibleMunicipalities: [String] = ["København"]
    /// Districts of the focus area: residents are category A, other eligible residents B.
    public var focusDistricts: [String] = ["Indre Nørrebro"]
    /// No activity (a non-initiative case as suspect) for this many months → propose removal.
    public var inactivityMonths = 18
    /// Evidence window for core/periphery and co-offending counts, in months before as-of.
    public var evidenceMonths = 24
    /// Core ("stamperson"): in the discrete core of the group's co-offending neighbourhood (or
    /// with coreness ≥ `coreMinCoreness` there) AND at least this many serious co-offending
    /// cases with core persons in the window …
    public var coreMinSeriousCasesWithCore = 2
    /// … or a confirmed affiliation AND at least this many such cases.
    public var coreMinSeriousCasesIfConfirmed = 1
    /// Continuous coreness (within the group's neighbourhood, 1 = most core) that counts as core
    /// position even outside the discrete core.
    public var coreMinCoreness = 0.25
    /// Weakest affiliation that counts as evidence on its own.
    public var minAffiliationConfidence: AffiliationConfidence = .probable
    /// Persons younger than this on the as-of date are routed to youth screening.
    public var youthAge = 18
    /// Hours within which a gang case against a minor must get a decision on a concern talk.
    public var youthDecisionHours = 24

    public init() {}

    /// The built-in policy.
    public static let `default` = Policy()
}
