import Foundation
import Testing
import Network
@testable import Screening

/// `Screening.propose` on a hand-made dataset whose right answers are known.
@Suite("Log proposals")
struct ProposalTests {
    /// A clique of core offenders (K1–K5, serious cases together, confirmed LTF), a hanger-on (H,
    /// one serious case with K1), a stop-and-search-only person (S), a victim-only person (V),
    /// a log member who moved out of the municipality (M), an inactive log member (I), an
    /// inactive log member in custody (C), and a 16-year-old co-offender (Y).
    static func dataset() throws -> TempDataset {
        var persons = "id,name,birth_date,municipality,district,status\n"
        for k in 1...5 { persons += "K\(k),Core \(k),1990-01-0\(k),København,Indre Nørrebro,free\n" }
        persons += "H,Hanger On,1995-03-03,København,Nordvest,free\n"
        persons += "S,Stopped Only,1994-04-04,København,Indre Nørrebro,free\n"
        persons += "V,Victim Only,1980-05-05,København,Indre Nørrebro,free\n"
        persons += "M,Moved Away,1991-06-06,Gladsaxe,Gladsaxe,free\n"
        persons += "I,Inactive,1989-07-07,København,Vesterbro,free\n"
        persons += "C,In Custody,1988-08-08,København,Indre Nørrebro,custody\n"
        persons += "Y,Young,1999-09-09,København,Indre Nørrebro,free\n"
        var cases = "case_id,date,crime_code,place,tags\n"
        var roles = "case_id,person_id,role\n"
        var n = 0
        func add(_ date: String, _ code: String, _ people: [(String, String)], tags: String = "") {
            n += 1
            cases += "C\(n),\(date),\(code),Folkets Park,\(tags)\n"
            for (p, r) in people { roles += "C\(n),\(p),\(r)\n" }
        }
        // The core commits serious crimes together, again and again.
        for round in 0..<3 {
            for i in 1...4 { for j in (i + 1)...5 {
                add("2015-0\(round + 1)-1\(i)", "73251", [("K\(i)", "suspect"), ("K\(j)", "suspect")])
            } }
        }
        add("2015-06-01", "73241", [("H", "suspect"), ("K1", "suspect"), ("V", "victim")])
        add("2015-07-01", "61615", [("S", "suspect"), ("K2", "suspect"), ("H", "suspect")])
        add("2015-08-01", "61600", [("S", "suspect")])
        add("2013-01-01", "73241", [("I", "suspect"), ("K3", "suspect")])
        add("2013-02-01", "73241", [("C", "suspect"), ("K4", "suspect")])
        add("2015-09-01", "76319", [("Y", "suspect"), ("K5", "suspect")], tags: "Bandekonflikt")
        add("2015-10-01", "73241", [("M", "suspect"), ("K1", "suspect")])
        var affiliations = "person_id,group,since,until,source,confidence\n"
        for k in 1...5 { affiliations += "K\(k),LTF,2012-01-01,,EAS,confirmed\n" }
        let log = "person_id,category,since\nK1,A2,2014-01-01\nM,A1,2014-01-01\nI,B2,2014-01-01\nC,A1,2014-01-01\nK2,A1,2014-01-01\n"
        return try TempDataset(["persons.csv": persons, "cases.csv": cases, "case_persons.csv": roles,
                                "affiliations.csv": affiliations, "log.csv": log])
    }

    @Test("planted core proposed as core, noise never proposed, ineligible and inactive removed, custody exempt")
    func rules() throws {
        let tmp = try Self.dataset()
        defer { tmp.cleanup() }
        let ds = try DatasetLoader.load(tmp.path)
        let ps = try Screening.propose(ds, asOf: Day(iso: "2015-12-31")!, includeKeep: true)
        func of(_ id: String) -> [Proposal] { ps.filter { $0.personID == id } }
        // Core: K1 recategorized A2 → A1, K2 kept A1, K3–K5 added as A1.
        #expect(of("K1").first?.action == .recategorize && of("K1").first?.category?.rawValue == "A1")
        #expect(of("K2").first?.action == .keep && of("K2").first?.category?.rawValue == "A1")
        for k in ["K3", "K4", "K5"] {
            #expect(of(k).first?.action == .add && of(k).first?.category?.rawValue == "A1", "\(k): \(of(k).map { "\($0.action) \($0.category?.rawValue ?? "") \($0.summary)" })")
        }
        // Hanger-on: added as peripheral B2 (lives outside the focus area), SSP+ route.
        #expect(of("H").map(\.action) == [.add, .route])
        #expect(of("H").first?.category?.rawValue == "B2")
        #expect(of("H").last?.reason == .sspHandover)
        // Noise never proposed.
        #expect(of("S").isEmpty)
        #expect(of("V").isEmpty)
        // Removals.
        #expect(of("M").first?.action == .remove && of("M").first?.reason == .notEligible)
        #expect(of("I").first?.action == .remove && of("I").first?.reason == .inactive)
        #expect(!of("C").contains { $0.reason == .inactive }, "custody exempts from inactivity")
        // Minor: added, routed to youth screening with the 24-hour flag (gang case).
        let y = of("Y")
        #expect(y.contains { $0.action == .route && $0.reason == .youthScreening && $0.flags.contains(.decisionWithin(hours: 24)) })
        // Evidence is carried.
        let k3 = of("K3").first!
        #expect(!k3.cases.isEmpty && k3.summary.contains("serious cases with own group"), "\(k3.summary)")
        #expect(k3.affiliations.first?.group == "LTF")
        #expect(k3.rule.contains("core"))
        // Ids are unique and deterministic.
        #expect(Set(ps.map(\.id)).count == ps.count)
        #expect(try Screening.propose(ds, asOf: Day(iso: "2015-12-31")!, includeKeep: true).map(\.summary) == ps.map(\.summary))
    }
}

@Suite("Assessment")
struct AssessmentTests {
    @Test("Screening.assess: the evidence per person, before any rule turns it into a proposal")
    func assess() throws {
        let tmp = try ProposalTests.dataset()
        defer { tmp.cleanup() }
        let ds = try DatasetLoader.load(tmp.path)
        let all = try Screening.assess(ds, asOf: Day(iso: "2015-12-31")!)
        #expect(all.map(\.personID) == ds.persons.map(\.id))
        let a = Dictionary(uniqueKeysWithValues: all.map { ($0.personID, $0) })
        let k1 = try #require(a["K1"])
        // 4 partners × 3 rounds of serious cases with the core (all within 24 months).
        #expect(k1.seriousGroupCases.count == 12 && k1.halfYears == 1 && k1.isCore && k1.inCore && k1.category?.rawValue == "A1")
        #expect(k1.coreBy == .structure, "12 cases in one half-year: not spread over time, but confirmed and in the core")
        #expect(k1.casesInWindow.first.map { $0.date >= $0.date } == true)
        #expect(zip(k1.casesInWindow, k1.casesInWindow.dropFirst()).allSatisfy { $0.date >= $1.date }, "newest first")
        #expect(k1.strongAffiliation && k1.affiliations.map(\.group) == ["LTF"])
        // Initiative cases are no evidence; victims have none.
        #expect(a["S"]!.casesInWindow.isEmpty && a["S"]!.lastActivity == nil && a["S"]!.inactive && !a["S"]!.hasEvidence)
        #expect(a["V"]!.casesInWindow.isEmpty && !a["V"]!.hasEvidence)
        // Area from the policy: H lives in Nordvest (B); M outside the municipality (not eligible).
        #expect(a["H"]!.area == .b && !a["H"]!.isCore && a["H"]!.groupCases.count == 1 && a["H"]!.seriousGroupCases.count == 1, "no affiliation: a serious case with a member of any group counts")
        #expect(a["M"]!.area == nil && !a["M"]!.eligible)
        // Custody, inactivity, age and the gang-conflict tag.
        #expect(a["C"]!.deprived && a["C"]!.inactive)
        #expect(a["I"]!.inactive && !a["I"]!.deprived && a["I"]!.lastActivity == Day(iso: "2013-01-01"))
        #expect(a["Y"]!.minor && a["Y"]!.age == 16 && a["Y"]!.gangCase)
        #expect(!a["K1"]!.minor && !a["K1"]!.gangCase)
        // The policy is read, not hard-coded: a youth age of 16 makes Y an adult.
        var p = Policy.default
        p.youthAge = 16
        #expect(try Screening.assess(ds, asOf: Day(iso: "2015-12-31")!, policy: p).first { $0.personID == "Y" }!.minor == false)
    }
}

@Suite("Policy file")
struct PolicyFileTests {
    @Test("the printed defaults read back to the defaults; keys change the rules")
    func roundTrip() throws {
        #expect(try Policy(yaml: Policy.default.yaml, file: "p.yaml") == Policy.default)
        let p = try Policy(yaml: "inactivity_months: 60\nfocus_districts: [Indre Nørrebro, Nordvest]\nmin_affiliation_confidence: confirmed\n", file: "p.yaml")
        #expect(p.inactivityMonths == 60 && p.focusDistricts == ["Indre Nørrebro", "Nordvest"] && p.minAffiliationConfidence == .confirmed)
        #expect(try Policy(yaml: "", file: "p.yaml") == Policy.default)
    }

    @Test("errors name the file, the line and the key", arguments: [
        ("youth_age: 18\ninactivty_months: 6\n", 2, "inactivty_months", "unknown key"),
        ("inactivity_months: soon\n", 1, "inactivity_months", "expected a whole number"),
        ("core_min_coreness: 3\n", 1, "core_min_coreness", "from 0 to 1"),
        ("min_affiliation_confidence: sure\n", 1, "min_affiliation_confidence", "confirmed, probable or possible"),
    ])
    func errors(_ text: String, _ line: Int, _ key: String, _ message: String) {
        do {
            _ = try Policy(yaml: text, file: "policy.yaml")
            Issue.record("no error for \(text)")
        } catch let e as InputError {
            #expect(e.file == "policy.yaml" && e.line == line && e.field == key, "\(e)")
            #expect(e.message.contains(message), "\(e)")
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test("malformed YAML is an error with a line")
    func malformed() {
        #expect(throws: InputError.self) { try Policy(yaml: "a: [b\n", file: "p.yaml") }
    }
}

@Suite("Decisions remembered")
struct MemoryTests {
    static func proposal(_ person: String, _ action: ProposalAction, _ category: String?, cases: [CaseRef]) -> Proposal {
        Proposal(id: "x", personID: person, action: action, category: category.flatMap(LogCategory.init(rawValue:)), reason: .peripheral,
                 summary: "s", rule: "r", figures: [], cases: cases, affiliations: [], currentCategory: nil, flags: [])
    }

    @Test("an unchanged rejected proposal is withheld; new evidence brings it back, named; any decision is mentioned")
    func remember() {
        let old = CaseRef(id: "C1", date: Day(iso: "2015-01-01")!, crimeCode: "73241")
        let new = CaseRef(id: "C2", date: Day(iso: "2015-12-01")!, crimeCode: "73241")
        let rejected = PastDecision(proposalID: "R1-001", action: .add, category: LogCategory(rawValue: "A2"), reason: .peripheral,
                                    accepted: false, by: "TSG", effective: Day(iso: "2015-11-03")!, why: "not convinced")
        let route = Proposal(id: "y", personID: "P", action: .route, category: nil, reason: .sspHandover, summary: "s", rule: "r",
                             figures: [], cases: [old], affiliations: [], currentCategory: nil, flags: [])
        let a = Screening.remember([Self.proposal("P", .add, "A2", cases: [old]), route], decisions: ["P": [rejected]])
        #expect(a.kept.isEmpty && a.withheld.count == 1 && a.withheld[0].rejected.proposalID == "R1-001")
        let b = Screening.remember([Self.proposal("P", .add, "A2", cases: [new, old])], decisions: ["P": [rejected]])
        #expect(b.kept.count == 1 && b.kept[0].summary.contains("new since the rejection of 2015-11-03: C2"))
        #expect(b.kept[0].flags.contains(.decidedBefore) && b.kept[0].summary.contains("rejected add A2 2015-11-03 by TSG: not convinced"))
        // A different proposal is made, with the earlier decision mentioned.
        let c = Screening.remember([Self.proposal("P", .add, "A1", cases: [old])], decisions: ["P": [rejected]])
        #expect(c.kept.count == 1 && c.kept[0].flags.contains(.decidedBefore))
        let d = Screening.remember([Self.proposal("Q", .add, "A2", cases: [old])], decisions: ["P": [rejected]])
        #expect(d.kept[0].flags.isEmpty)
    }
}
