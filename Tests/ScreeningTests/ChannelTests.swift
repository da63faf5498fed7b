import Foundation
import Testing
import Network
@testable import Screening

/// The evidence channels beyond cases as suspect (issue 25), each on a hand-made record whose
/// answer follows from the domain: a leader who orders rather than acts, an at-risk youth who
/// offends with friends, a hanger-on shown only by meetings, a bystander stopped with members,
/// a switcher, a person with no address, and a former member with no contact since.
@Suite("Evidence channels")
struct ChannelTests {
    static let asOf = Day(iso: "2015-12-31")!

    static func dataset() throws -> TempDataset {
        var persons = "id,name,birth_date,municipality,district,status\n"
        for k in 1...4 { persons += "M\(k),Member \(k),1990-01-0\(k),København,Indre Nørrebro,free\n" }
        persons += "L,Leader,1980-02-02,København,Indre Nørrebro,free\n"
        persons += "Y,Youth,1999-03-03,København,Nordvest,free\n"
        persons += "H,Hanger,1995-04-04,København,Nordvest,free\n"
        persons += "B,Bystander,1985-05-05,København,Indre Nørrebro,free\n"
        persons += "W,Switcher,1992-06-06,København,Indre Nørrebro,free\n"
        persons += "U,Unknown,1993-07-07,,,free\n"
        persons += "F,Former,1991-08-08,København,Vesterbro,free\n"
        var cases = "case_id,date,crime_code,place,tags\n"
        var roles = "case_id,person_id,role\n"
        var n = 0
        func add(_ date: String, _ code: String, _ people: [(String, String)]) {
            n += 1
            cases += "C\(n),\(date),\(code),Folkets Park,\n"
            for (p, r) in people { roles += "C\(n),\(p),\(r)\n" }
        }
        // The members offend together, seriously and often.
        for (m, d) in ["2014-03-01", "2014-09-01", "2015-03-01", "2015-09-01"].enumerated() {
            add(d, "73251", [("M1", "suspect"), ("M2", "suspect"), ("M\(m % 2 + 3)", "suspect")])
        }
        // The youth robs with a friend who is no member.
        add("2015-05-05", "76319", [("Y", "suspect")])
        // The bystander is stopped with members, twice, and never charged.
        add("2015-06-01", "61615", [("B", "suspect"), ("M1", "suspect")])
        add("2015-07-01", "61615", [("B", "suspect"), ("M2", "suspect")])
        // The switcher, after leaving BGP, offends with an LTF member.
        add("2015-04-01", "84111", [("W", "suspect"), ("M3", "suspect")])
        // The former member's last case, long ago.
        add("2012-01-01", "73241", [("F", "suspect"), ("M1", "suspect")])
        var sightings = "person_id,place,date\n"
        for d in ["2015-02-01", "2015-05-01", "2015-08-01", "2015-11-01"] {
            sightings += "L,Café,\(d)\nM1,Café,\(d)\nM2,Café,\(d)\n"
            sightings += "Y,Square,\(d)\nM3,Square,\(d)\n"
            sightings += "H,Club,\(d)\nM4,Club,\(d)\n"
        }
        // A sighting on the day of a stop is the stop's own record.
        sightings += "B,Folkets Park,2015-06-01\nM1,Folkets Park,2015-06-01\n"
        sightings += "B,Folkets Park,2015-07-01\nM2,Folkets Park,2015-07-01\n"
        sightings += "B,Folkets Park,2015-08-01\nM2,Folkets Park,2015-08-01\n"
        var links = "source,target,type,date,source_info\n"
        links += "L,M1,communication,2015-06-01,phone records\nL,M2,communication,2015-07-01,phone records\n"
        links += "L,M3,family,2014-01-01,register\nL,M4,communication,2015-09-01,informant\n"
        var affiliations = "person_id,group,since,until,source,confidence\n"
        for k in 1...4 { affiliations += "M\(k),LTF,2012-01-01,,EAS,confirmed\n" }
        affiliations += "L,LTF,2012-01-01,,EAS,confirmed\n"
        affiliations += "W,BGP,2012-01-01,2014-12-31,EAS,probable\n"
        affiliations += "F,LTF,2011-01-01,2012-06-30,EAS,probable\n"
        let log = "person_id,category,since\nL,A1,2014-01-01\nH,B2,2014-06-01\nB,A2,2014-06-01\nU,B2,2014-06-01\nF,B1,2013-01-01\n"
        return try TempDataset(["persons.csv": persons, "cases.csv": cases, "case_persons.csv": roles, "sightings.csv": sightings,
                                "links.csv": links, "affiliations.csv": affiliations, "log.csv": log])
    }

    @Test("leader kept core by position, youth at risk, hanger-on reviewed, bystander and former member removed, switcher added, no address reviewed; strengths")
    func channels() throws {
        let tmp = try Self.dataset()
        defer { tmp.cleanup() }
        let ds = try DatasetLoader.load(tmp.path)
        let ps = try Screening.propose(ds, asOf: Self.asOf, includeKeep: true)
        func entry(_ id: String) -> Proposal? { ps.first { $0.personID == id && $0.action != .route } }
        // The leader: no case as suspect at all, yet active (links, meetings) and central.
        let l = try #require(entry("L"))
        #expect(l.action == .keep && l.category?.rawValue == "A1", "\(l.action) \(l.summary)")
        #expect(l.channels.contains { $0.channel == .links && $0.text.contains("linked to 4 members") })
        let la = try Screening.assess(ds, asOf: Self.asOf).first { $0.personID == "L" }!
        #expect(la.coreBy == .position && la.memberContacts >= 4)
        // The youth: a serious case with a friend and meetings with a member: a bobler, youth route.
        let y = try #require(entry("Y"))
        #expect(y.action == .add && y.category?.rawValue == "B2", "\(y.summary)")
        #expect(ps.contains { $0.personID == "Y" && $0.route == .youthScreening })
        // The hanger-on: shown only by meetings with a member: the group reviews.
        let h = try #require(entry("H"))
        #expect(h.action == .review && h.reason == .weakEvidence && h.strength == .weak, "\(h.action) \(h.summary)")
        #expect(h.category?.rawValue == "B2")
        // The bystander: stopped with members, seen only on the stop days and once more: never
        // a tie, never activity enough; removed.
        let b = try #require(entry("B"))
        #expect(b.action == .remove, "\(b.action) \(b.summary)")
        #expect(b.channels.contains { $0.channel == .coPresence && $0.text.contains("2 in initiative cases") })
        // The switcher: BGP ended, then a case with an LTF member: a group case, read as a switch.
        let w = try #require(entry("W"))
        #expect(w.action == .add, "\(w.summary)")
        #expect(w.channels.contains { $0.channel == .affiliation && $0.text.contains("reads as a switch") }, "\(w.channels.map(\.text))")
        // No address: eligibility cannot be judged, so no removal.
        let u = try #require(entry("U"))
        #expect(u.action == .review && u.reason == .residenceUnknown)
        // The former member: affiliation ended 2012, silent since: removed, strongly.
        let f = try #require(entry("F"))
        #expect(f.action == .remove && f.reason == .inactive && f.strength == .strong, "\(f.action) \(f.reason) \(f.summary)")
        // The members: core by persistence, strong.
        #expect(entry("M1")?.category?.tier == .core && entry("M1")?.strength == .strong)
    }

    @Test("a place-day with more persons than location_max_persons gives no co-presence")
    func crowd() throws {
        let tmp = try Self.dataset()
        defer { tmp.cleanup() }
        let ds = try DatasetLoader.load(tmp.path)
        var policy = Policy.default
        let before = try Screening.assess(ds, asOf: Self.asOf, policy: policy).first { $0.personID == "H" }!
        #expect(before.coPresenceDays == 4)
        policy.locationMaxPersons = 1
        let after = try Screening.assess(ds, asOf: Self.asOf, policy: policy).first { $0.personID == "H" }!
        #expect(after.coPresenceDays == 0)
    }

    @Test("the evaluation counts removals, reviews and both logs' F1")
    func evaluation() throws {
        let tmp = try Self.dataset()
        defer { tmp.cleanup() }
        let ds = try DatasetLoader.load(tmp.path)
        let ps = try Screening.propose(ds, asOf: Self.asOf)
        var truth: [String: LogCategory?] = [:]
        for id in ["M1", "M2", "M3", "M4", "L"] { truth[id] = LogCategory(rawValue: "A1") }
        truth["Y"] = LogCategory(rawValue: "B2")
        truth["H"] = LogCategory(rawValue: "B2")
        truth["W"] = LogCategory(rawValue: "A2")
        let e = Evaluation(ds, proposals: ps, assessments: try Screening.assess(ds, asOf: Self.asOf), truth: truth)
        #expect(e.removalPrecision.hits == e.removalPrecision.of && e.removalPrecision.of >= 2)
        #expect(e.reviews.hits == 2)
        #expect((e.proposed.f1 ?? 0) > (e.stale.f1 ?? 1))
        #expect(e.byStrength.map(\.strength) == [.strong, .moderate, .weak])
    }
}
