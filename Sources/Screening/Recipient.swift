import Network

/// Who an output goes to, and so which persons it may hold (data minimisation). The profiles
/// are the policy's `recipients` ("name: rule"); `--for NAME` on `candidates`, `export` and
/// `report` applies one, and the audit records the recipient and exactly which persons went out.
public struct Recipient: Sendable, Equatable {
    /// Which persons a profile admits.
    public enum Rule: String, Sendable, CaseIterable {
        /// Persons under the youth age (DKS youth screening).
        case minors
        /// Peripheral persons of the youth age or older (a known age), not deprived of liberty (SSP+).
        case peripheralAdults = "peripheral_adults"
        /// Everyone (the police's target-selection group).
        case all
    }

    public var name: String
    public var rule: Rule

    public init(name: String, rule: Rule) { self.name = name; self.rule = rule }

    /// "dks: minors" → Recipient; nil when malformed or the rule is unknown.
    public init?(declaration: String) {
        let parts = declaration.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, !parts[0].isEmpty, let r = Rule(rawValue: parts[1]) else { return nil }
        self.init(name: parts[0], rule: r)
    }

    /// The person fields the profile may receive besides the id (nil: all). DKS gets what a
    /// concern talk needs (birth year, district, custody status); SSP+ district and status.
    public var fields: Set<String>? {
        switch rule {
        case .minors: return ["birth", "district", "status"]
        case .peripheralAdults: return ["district", "status"]
        case .all: return nil
        }
    }

    /// What the profile admits, in words (for help and the audit).
    public var admits: String {
        switch rule {
        case .minors: return "persons under the youth age"
        case .peripheralAdults: return "peripheral persons of the youth age or older, not deprived of liberty"
        case .all: return "all persons"
        }
    }

    /// Whether the profile admits a person, given the screening's assessment and the person's
    /// category on the log (if any).
    public func admits(_ a: Assessment?, category: LogCategory?) -> Bool {
        switch rule {
        case .all: return true
        case .minors: return a?.minor == true
        case .peripheralAdults:
            guard let a, !a.minor, !a.ageUnknown, !a.deprived else { return false }
            return (category?.tier ?? a.tier) == .peripheral
        }
    }
}

extension Recipient {
    /// The ids of the persons this profile admits, in input order, screened as of `asOf`.
    public func admitted(_ ds: Dataset, asOf: Day, policy: Policy, seed: UInt64 = 1) throws -> [String] {
        var onLog: [String: LogCategory] = [:]
        for e in ds.log { onLog[e.personID] = LogCategory(rawValue: e.category) }
        return try Screening.assess(ds, asOf: asOf, policy: policy, seed: seed)
            .filter { admits($0, category: onLog[$0.personID]) }.map(\.personID)
    }
}

extension Policy {
    /// The recipient profiles the policy declares.
    public var recipientProfiles: [Recipient] { recipients.compactMap(Recipient.init(declaration:)) }

    /// The profile named `name`, or an error listing the declared ones.
    public func recipient(_ name: String) throws -> Recipient {
        guard let r = recipientProfiles.first(where: { $0.name == name }) else {
            throw InputError(file: "policy", field: "recipients",
                             "no recipient '\(name)' (the policy declares: \(recipientProfiles.map(\.name).joined(separator: ", ")))")
        }
        return r
    }
}
