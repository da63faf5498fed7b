import Network

/// Who an output goes to, and so which persons it may hold (data minimisation): the built-in
/// recipient profiles of the partnership. `--for NAME` on `candidates` and `export` applies one,
/// and the audit records the recipient and exactly which persons went out.
public enum Recipient: String, Sendable, CaseIterable {
    /// DKS (crime prevention): persons under the youth age only, for youth screening.
    case dks
    /// SSP+: peripheral persons of the youth age or older, free (hand-over candidates).
    case ssp
    /// The police (the target-selection group): everyone.
    case police

    /// What the profile admits, in words (for help and the audit).
    public var admits: String {
        switch self {
        case .dks: return "persons under the youth age"
        case .ssp: return "peripheral persons of the youth age or older, not deprived of liberty"
        case .police: return "all persons"
        }
    }

    /// Whether the profile admits a person, given the screening's assessment and the person's
    /// category on the log (if any).
    public func admits(_ a: Assessment?, category: LogCategory?) -> Bool {
        switch self {
        case .police: return true
        case .dks: return a?.minor == true
        case .ssp:
            guard let a, !a.minor, !a.deprived else { return false }
            return (category?.tier ?? a.tier) == .peripheral
        }
    }
}
