import Foundation
import Yams

extension Policy {
    /// The keys of a policy file, in the order `yaml` writes them.
    public static let keys = ["eligible_municipalities", "focus_districts", "inactivity_months", "evidence_months",
                              "core_min_serious_cases_with_core", "core_min_serious_cases_if_confirmed", "core_min_coreness",
                              "min_affiliation_confidence", "youth_age", "youth_decision_hours"]

    /// Reads a YAML policy file: any subset of ``keys``; missing keys keep their defaults.
    /// Errors name the file, the line and the key, and say what was expected.
    public init(yamlFile url: URL, file: String) throws {
        guard let data = try? Data(contentsOf: url), let text = String(data: data, encoding: .utf8) else {
            throw InputError(file: file, "file not found or not UTF-8 text")
        }
        try self.init(yaml: text, file: file)
    }

    public init(yaml text: String, file: String) throws {
        self.init()
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let e as YamlError {
            throw InputError(file: file, line: Self.line(of: e), "not valid YAML (\(e))")
        }
        guard let root else { return }  // an empty file: all defaults
        guard let mapping = root.mapping else {
            throw InputError(file: file, line: root.mark.map { $0.line }, "expected key: value lines at the top level")
        }
        for (keyNode, value) in mapping {
            guard let key = keyNode.string else { continue }
            let line = keyNode.mark?.line
            func fail(_ expected: String) -> InputError {
                InputError(file: file, line: line, field: key, "expected \(expected), got \(value.string.map { "'\($0)'" } ?? "a list or mapping")")
            }
            func int(_ range: ClosedRange<Int>) throws -> Int {
                guard let s = value.scalar?.string, let v = Int(s), range.contains(v) else {
                    throw fail("a whole number from \(range.lowerBound) to \(range.upperBound)")
                }
                return v
            }
            func list() throws -> [String] {
                if let seq = value.sequence {
                    return try seq.map { n in
                        guard let s = n.string, !s.isEmpty else { throw fail("a list of names") }
                        return s
                    }
                }
                if let s = value.string, !s.isEmpty { return [s] }
                throw fail("a list of names")
            }
            switch key {
            case "eligible_municipalities": eligibleMunicipalities = try list()
            case "focus_districts": focusDistricts = try list()
            case "inactivity_months": inactivityMonths = try int(1...120)
            case "evidence_months": evidenceMonths = try int(1...120)
            case "core_min_serious_cases_with_core": coreMinSeriousCasesWithCore = try int(0...100)
            case "core_min_serious_cases_if_confirmed": coreMinSeriousCasesIfConfirmed = try int(0...100)
            case "core_min_coreness":
                guard let s = value.scalar?.string, let v = Double(s), (0...1).contains(v) else { throw fail("a number from 0 to 1") }
                coreMinCoreness = v
            case "min_affiliation_confidence":
                guard let s = value.string, let c = AffiliationConfidence(rawValue: s) else { throw fail("confirmed, probable or possible") }
                minAffiliationConfidence = c
            case "youth_age": youthAge = try int(10...30)
            case "youth_decision_hours": youthDecisionHours = try int(1...720)
            default:
                throw InputError(file: file, line: line, field: key, "unknown key (known: \(Self.keys.joined(separator: ", ")))")
            }
        }
    }

    static func line(of e: YamlError) -> Int? {
        switch e {
        case let .scanner(_, _, mark, _), let .parser(_, _, mark, _), let .composer(_, _, mark, _): return mark.line
        default: return nil
        }
    }

    /// The policy as a documented YAML file (what `sna policy` prints).
    public var yaml: String {
        func list(_ xs: [String]) -> String { "[" + xs.map { "\"\($0)\"" }.joined(separator: ", ") + "]" }
        return """
        # sna policy: the rules behind `sna propose`. Every key is optional; missing keys keep these defaults.
        # Residents of these municipalities can be on the log; others are proposed for removal (not_eligible).
        eligible_municipalities: \(list(eligibleMunicipalities))
        # Residents of these districts are category A (focus area); other eligible residents B.
        focus_districts: \(list(focusDistricts))
        # No case as suspect for this many months -> propose removal, unless deprived of liberty.
        inactivity_months: \(inactivityMonths)
        # Evidence window (months before --as-of) for cases, co-offending and core/periphery.
        evidence_months: \(evidenceMonths)
        # Core (1, stamperson): in the group's core (or coreness >= core_min_coreness) and at least
        # this many serious co-offending cases with core persons in the window ...
        core_min_serious_cases_with_core: \(coreMinSeriousCasesWithCore)
        # ... or this many with a confirmed affiliation. Otherwise peripheral (2, bobler).
        core_min_serious_cases_if_confirmed: \(coreMinSeriousCasesIfConfirmed)
        core_min_coreness: \(formatNumber(coreMinCoreness))
        # Weakest affiliation (confirmed, probable, possible) that counts as evidence on its own.
        min_affiliation_confidence: \(minAffiliationConfidence.rawValue)
        # Younger than this on the as-of date -> youth screening (DKS).
        youth_age: \(youthAge)
        # Hours for the concern-talk decision after a gang case against a minor.
        youth_decision_hours: \(youthDecisionHours)

        """
    }
}
