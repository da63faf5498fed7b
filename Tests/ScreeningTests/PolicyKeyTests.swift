import Foundation
import Network
import Testing
@testable import Screening

let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// One row per policy key: a valid value that is not the default, a value out of range (or of
/// the wrong kind), and what the key changes in the policy.
struct KeyCase: Sendable, CustomStringConvertible {
    let key: String
    let valid: String
    let invalid: String
    let check: @Sendable (Policy) -> Bool
    var description: String { key }
}

@Suite("Policy keys")
struct PolicyKeyTests {
    static let cases: [KeyCase] = [
        KeyCase(key: "eligible_municipalities", valid: "[København, Frederiksberg]", invalid: "[\"\"]") { $0.eligibleMunicipalities == ["København", "Frederiksberg"] },
        KeyCase(key: "focus_districts", valid: "Nordvest", invalid: "{a: b}") { $0.focusDistricts == ["Nordvest"] },
        KeyCase(key: "inactivity_months", valid: "12", invalid: "0") { $0.inactivityMonths == 12 },
        KeyCase(key: "evidence_months", valid: "36", invalid: "121") { $0.evidenceMonths == 36 },
        KeyCase(key: "persistence_months", valid: "60", invalid: "0") { $0.persistenceMonths == 60 },
        KeyCase(key: "core_min_serious_group_cases", valid: "4", invalid: "0") { $0.coreMinSeriousGroupCases == 4 },
        KeyCase(key: "core_min_half_years", valid: "3", invalid: "many") { $0.coreMinHalfYears == 3 },
        KeyCase(key: "core_min_serious_cases_with_core", valid: "3", invalid: "-1") { $0.coreMinSeriousCasesWithCore == 3 },
        KeyCase(key: "core_min_serious_cases_if_confirmed", valid: "3", invalid: "two") { $0.coreMinSeriousCasesIfConfirmed == 3 },
        KeyCase(key: "core_min_coreness", valid: "0.25", invalid: "1.5") { $0.coreMinCoreness == 0.25 },
        KeyCase(key: "min_affiliation_confidence", valid: "possible", invalid: "sure") { $0.minAffiliationConfidence == .possible },
        KeyCase(key: "copresence_min_days", valid: "5", invalid: "0") { $0.copresenceMinDays == 5 },
        KeyCase(key: "core_min_member_contacts", valid: "6", invalid: "0") { $0.coreMinMemberContacts == 6 },
        KeyCase(key: "young_adult_age", valid: "21", invalid: "99") { $0.youngAdultAge == 21 },
        KeyCase(key: "location_max_persons", valid: "30", invalid: "1") { $0.locationMaxPersons == 30 },
        KeyCase(key: "youth_age", valid: "15", invalid: "99") { $0.youthAge == 15 },
        KeyCase(key: "youth_decision_hours", valid: "48", invalid: "0") { $0.youthDecisionHours == 48 },
        KeyCase(key: "follow_up_days", valid: "10", invalid: "0") { $0.followUpDays == 10 },
        KeyCase(key: "meeting_every_weeks", valid: "6", invalid: "53") { $0.meetingEveryWeeks == 6 },
        KeyCase(key: "deprived_goal", valid: "30", invalid: "101") { $0.deprivedGoal == 30 },
        KeyCase(key: "screening_goal", valid: "60", invalid: "-1") { $0.screeningGoal == 60 },
        KeyCase(key: "exposure_months", valid: "6", invalid: "0") { $0.exposureMonths == 6 },
        KeyCase(key: "violent_codes", valid: "[73241, 73251]", invalid: "[violence]") { $0.violentCodes == ["73241", "73251"] },
        KeyCase(key: "gang_conflict_tag", valid: "gang_conflict", invalid: "[a, b]") { $0.gangConflictTag == "gang_conflict" },
        KeyCase(key: "review_months", valid: "6", invalid: "0") { $0.reviewMonths == 6 },
        KeyCase(key: "retention_months", valid: "36", invalid: "-1") { $0.retentionMonths == 36 },
        KeyCase(key: "recipients", valid: "[\"dks: minors\", \"partner: peripheral_adults\"]", invalid: "[\"dks: everybody\"]") {
            $0.recipientProfiles == [Recipient(name: "dks", rule: .minors), Recipient(name: "partner", rule: .peripheralAdults)]
        },
        KeyCase(key: "code_groups", valid: "[\"violence: 73241 73251\", \"drugs: 84110-84119\"]", invalid: "[\"violence: 73x41\"]") {
            $0.codeGroupList.map(\.name) == ["violence", "drugs"] && $0.codeGroupList[1].contains("84115") && !$0.codeGroupList[0].contains("76319")
        },
        KeyCase(key: "phases", valid: "[\"before: 2012-01-01..2012-12-31\", \"after: 2013-01-01..2014-06-30\"]", invalid: "[\"before: 2012-12-31..2012-01-01\"]") {
            $0.phaseList.map(\.name) == ["before", "after"] && $0.phaseList[1].to == Day(iso: "2014-06-30")
        },
        KeyCase(key: "roles", valid: "[\"analyst: anna bo\", \"decider: carl\"]", invalid: "[\"boss: carl\"]") {
            $0.accounts(for: .analyst) == ["anna", "bo"] && $0.allows("carl", as: .decider) && !$0.allows("anna", as: .decider) && $0.allows("anyone", as: .purger)
        },
        KeyCase(key: "two_person_rule", valid: "false", invalid: "maybe") { !$0.twoPersonRule },
        KeyCase(key: "request_days", valid: "14", invalid: "0") { $0.requestDays == 14 },
        KeyCase(key: "audits_per_year", valid: "4", invalid: "-1") { $0.auditsPerYear == 4 },
        KeyCase(key: "initiative_codes", valid: "[61600-62230, 84110]", invalid: "[61600-]") { $0.initiativeCodes == ["61600-62230", "84110"] },
        KeyCase(key: "initiative_tags", valid: "[stop_search]", invalid: "{a: b}") { $0.initiativeTags == ["stop_search"] },
    ]

    @Test("every declared key has a row here, and every row a declared key")
    func complete() {
        #expect(Self.cases.map(\.key) == Policy.keys.map(\.name))
    }

    @Test("a key reads, changes only itself, survives the printed YAML and JSON, and refuses bad values", arguments: cases)
    func key(_ c: KeyCase) throws {
        let p = try Policy(yaml: "# a comment\n\(c.key): \(c.valid)\n", file: "p.yaml")
        #expect(c.check(p), "\(c.key): \(p.values.first { $0.key == c.key }!.value)")
        #expect(!c.check(.default), "the valid value must differ from the default")
        // Only this key changed.
        let changed = zip(p.values, Policy.default.values).filter { $0.1 != $1.1 }.map(\.0.key)
        #expect(changed == [c.key])
        // Round trips: the YAML `sna policy` prints, and Codable.
        #expect(try Policy(yaml: p.yaml, file: "p.yaml") == p)
        #expect(try JSONDecoder().decode(Policy.self, from: JSONEncoder().encode(p)) == p)
        // A bad value is an error naming the file, the line and the key.
        do {
            _ = try Policy(yaml: "# line 1\n\(c.key): \(c.invalid)\n", file: "policy.yaml")
            Issue.record("\(c.key): '\(c.invalid)' accepted")
        } catch let e as InputError {
            #expect(e.file == "policy.yaml" && e.line == 2 && e.field == c.key, "\(e)")
            #expect(e.message.hasPrefix("expected "), "\(e)")
        }
    }

    @Test("the README's policy table is `sna policy --markdown`")
    func readme() throws {
        let readme = try String(contentsOf: repoRoot.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains(Policy.default.markdownTable), "regenerate the table with `sna policy --markdown`")
    }

    @Test("JSON with an unknown key or a value out of range is refused")
    func codable() {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Policy.self, from: Data(#"{"youth_agee": 18}"#.utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Policy.self, from: Data(#"{"youth_age": 2}"#.utf8)) }
    }

    @Test("one definition of minor and of area")
    func minorAndArea() {
        var p = Policy.default
        #expect(p.isMinor(age: 17) && !p.isMinor(age: 18) && !p.isMinor(age: nil))
        p.youthAge = 16
        #expect(!p.isMinor(age: 17))
        #expect(p.area(municipality: "København", district: "Indre Nørrebro") == .a)
        #expect(p.area(municipality: "København", district: "Vesterbro") == .b)
        #expect(p.area(municipality: "Gladsaxe", district: "Indre Nørrebro") == nil)
        #expect(p.areaLabel(Person(id: "x", municipality: "Gladsaxe")) == "outside")
        #expect(p.areaLabel(Person(id: "x")) == nil)
    }
}

@Suite("Vocabulary")
struct VocabularyTests {
    @Test("categories, reasons, routes and flags read back from their contract strings")
    func roundTrip() {
        for c in LogCategory.all { #expect(LogCategory(rawValue: c.rawValue) == c) }
        #expect(LogCategory.all.map(\.rawValue) == ["A1", "A2", "B1", "B2"])
        #expect(LogCategory(rawValue: "a1") == LogCategory(area: .a, tier: .core))
        for bad in ["C1", "A3", "A", "", "A12"] { #expect(LogCategory(rawValue: bad) == nil) }
        for r in ProposalReason.allCases { #expect(ProposalReason(rawValue: r.rawValue) == r) }
        for r in RouteKind.allCases { #expect(r.reason.route == r) }
        for f in [ProposalFlag.minor, .deprivedOfLiberty, .decisionWithin(hours: 24)] { #expect(ProposalFlag(rawValue: f.rawValue) == f) }
        #expect(ProposalFlag.decisionWithin(hours: 24).rawValue == "decision_within_24h")
    }
}
