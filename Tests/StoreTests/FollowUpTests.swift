import Foundation
import Network
import Screening
import Store
import Testing

/// A hand-built store: a small folder (persons, one gang case on a Sunday, a log of four), a
/// proposal run made by hand, every proposal accepted. Each figure below is counted by hand.
private struct Fixture {
    let store: Store
    let dir: URL
    /// Proposal ids by what they are.
    var ids: [String: String] = [:]

    static let runDay = Day(iso: "2015-03-31")!

    init(youthDecisionHours: Int = 24) throws {
        let (s, d) = try tempStore()
        store = s; dir = d
        let folder = d.appendingPathComponent("pull")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        func write(_ name: String, _ text: String) throws { try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        try write("persons.csv", """
            id,name,birth_date,municipality,district,status
            L1,Lone Log,1990-01-01,København,Indre Nørrebro,
            L2,Lars Log,1990-01-01,Gladsaxe,,
            L3,Lise Log,1990-01-01,København,Indre Nørrebro,custody
            L4,Leif Log,1990-01-01,København,Indre Nørrebro,
            N1,Nina New,1992-01-01,København,Indre Nørrebro,
            Y1,Yrsa Young,2000-06-01,København,Indre Nørrebro,
            S1,Sune Ssp,1994-01-01,København,Indre Nørrebro,
            S2,Sara Ssp,1994-01-01,København,Indre Nørrebro,
            S3,Sten Ssp,1994-01-01,København,Indre Nørrebro,

            """)
        try write("cases.csv", "case_id,date,crime_code,place,tags\nC1,2015-03-01,73241,Folkets Park,Bandekonflikt\n")
        try write("case_persons.csv", "case_id,person_id,role\nC1,Y1,suspect\nC1,L1,suspect\n")
        try write("log.csv", "person_id,category,since\nL1,A2,2015-01-01\nL2,B2,2015-01-01\nL3,A1,2015-01-01\nL4,A2,2015-01-01\n")
        try store.ingest(folder: folder.path, asOf: Self.runDay, by: "analyst", purpose: nil)
        var policy = Policy.default
        policy.youthDecisionHours = youthDecisionHours
        func p(_ person: String, _ action: ProposalAction, _ category: String?, _ reason: ProposalReason, current: String?) -> Proposal {
            Proposal(id: "", personID: person, action: action, category: category.flatMap(LogCategory.init(rawValue:)), reason: reason,
                     summary: "hand-made", rule: "test", figures: [], cases: [], affiliations: [],
                     currentCategory: current.flatMap(LogCategory.init(rawValue:)), flags: [])
        }
        var youth = p("Y1", .route, nil, .youthScreening, current: nil)
        youth.trigger = CaseRef(id: "C1", date: Day(iso: "2015-03-01")!, crimeCode: "73241")
        let proposals = [
            p("N1", .add, "A2", .peripheral, current: nil),
            p("L2", .remove, nil, .notEligible, current: "B2"),
            p("L4", .remove, nil, .inactive, current: "A2"),
            youth,
            p("S1", .route, nil, .sspHandover, current: nil),
            p("S2", .route, nil, .sspHandover, current: nil),
            p("S3", .route, nil, .sspHandover, current: nil),
        ]
        let pull = try store.pulls()[0]
        let saved = try store.saveProposals(proposals, pull: pull, policy: policy, by: "analyst", purpose: nil) { _ in "{}" }
        for (key, q) in zip(["add", "not_eligible", "inactive", "youth", "s1", "s2", "s3"], saved.proposals) { ids[key] = q.id }
        _ = try store.opened(as: "decider").decide(saved.proposals.map { .init(proposalID: $0.id, verdict: .accept, by: "TSG", reason: "agreed", attestation: "read") }, purpose: nil)
    }

    func record(_ item: String, _ status: FollowUpStatus, _ detail: String = "", on: String) throws {
        try store.recordFollowUps([.init(item: item, status: status, detail: detail, day: Day(iso: on)!, by: "tester")], purpose: nil)
    }

    func refusal(_ item: String, _ status: FollowUpStatus, _ detail: String = "", on: String) -> String? {
        do {
            try record(item, status, detail, on: on)
            return nil
        } catch let e as StoreError {
            return e.description
        } catch {
            return "\(error)"
        }
    }
}

@Suite("follow-up, meetings and the evaluation")
struct FollowUpTests {
    @Test("a youth decision is due 24 hours after the gang case, on calendar days: a Sunday case is due Monday")
    func decisionDeadline() throws {
        let f = try Fixture()
        defer { try? FileManager.default.removeItem(at: f.dir) }
        let y = try #require(f.ids["youth"])
        // The case C1 is dated Sunday 2015-03-01: due Monday 2015-03-02.
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC")!
        #expect(cal.component(.weekday, from: cal.date(from: DateComponents(year: 2015, month: 3, day: 1))!) == 1)  // Sunday
        let onDue = try f.store.dueItems(asOf: Day(iso: "2015-03-02")!, within: 0, policy: .default).filter { $0.item == y }
        #expect(onDue.map(\.kind) == [.decision] && onDue.first?.due == Day(iso: "2015-03-02") && onDue.first?.daysOverdue == 0)
        // Not yet due the day before unless --within reaches it.
        #expect(try f.store.dueItems(asOf: Day(iso: "2015-02-28")!, within: 1, policy: .default).filter { $0.item == y }.isEmpty)
        let next = try f.store.dueItems(asOf: Day(iso: "2015-03-03")!, within: 0, policy: .default).first { $0.item == y }
        #expect(next?.daysOverdue == 1)
        // 36 hours run into the second day.
        var p = Policy.default
        p.youthDecisionHours = 36
        #expect(try f.store.dueItems(asOf: Day(iso: "2015-03-03")!, within: 0, policy: p).first { $0.item == y }?.daysOverdue == 0)
        // A recorded decision takes the item off the list; exactly on the deadline is on time.
        try f.record(y, .decision, "talk", on: "2015-03-02")
        #expect(try f.store.dueItems(asOf: Day(iso: "2015-04-30")!, within: 0, policy: .default).filter { $0.item == y }.isEmpty)
        let ind = try LogEvaluation.compute(store: f.store, from: Day(iso: "2015-01-01")!, to: Day(iso: "2015-12-31")!)
        #expect(ind.first { $0.key == "youth_decisions_on_time_share" }?.value == 100)
    }

    @Test("a decision a day late is late; a follow-up is due exactly 14 days after the home visit")
    func followUpDeadline() throws {
        let f = try Fixture()
        defer { try? FileManager.default.removeItem(at: f.dir) }
        let y = try #require(f.ids["youth"])
        try f.record(y, .decision, "talk", on: "2015-03-03")
        try f.record(y, .homeVisit, on: "2015-03-05")
        let due = try f.store.dueItems(asOf: Day(iso: "2015-03-19")!, within: 0, policy: .default).filter { $0.item == y }
        #expect(due.map(\.kind) == [.followUp] && due.first?.due == Day(iso: "2015-03-19") && due.first?.daysOverdue == 0)
        #expect(try f.store.dueItems(asOf: Day(iso: "2015-03-20")!, within: 0, policy: .default).first { $0.item == y }?.daysOverdue == 1)
        try f.record(y, .followUp, on: "2015-03-20")
        #expect(try f.store.dueItems(asOf: Day(iso: "2015-04-30")!, within: 0, policy: .default).filter { $0.item == y }.isEmpty)
        let ind = try LogEvaluation.compute(store: f.store, from: Day(iso: "2015-01-01")!, to: Day(iso: "2015-12-31")!)
        #expect(ind.first { $0.key == "youth_decisions_on_time_share" }?.value == 0)
        #expect(ind.first { $0.key == "follow_ups_on_time_share" }?.value == 0)
        // On the 14th day it is on time.
        let g = try Fixture()
        defer { try? FileManager.default.removeItem(at: g.dir) }
        let y2 = try #require(g.ids["youth"])
        try g.record(y2, .decision, "talk", on: "2015-03-02")
        try g.record(y2, .homeVisit, on: "2015-03-05")
        try g.record(y2, .followUp, on: "2015-03-19")
        let ind2 = try LogEvaluation.compute(store: g.store, from: Day(iso: "2015-01-01")!, to: Day(iso: "2015-12-31")!)
        #expect(ind2.first { $0.key == "follow_ups_on_time_share" }?.value == 100)
        // A period that no deadline falls in has no share.
        let none = try LogEvaluation.compute(store: g.store, from: Day(iso: "2016-01-01")!, to: Day(iso: "2016-12-31")!)
        #expect(none.first { $0.key == "follow_ups_on_time_share" }?.value == nil)
    }

    @Test("statuses that cannot follow each other are refused with the reason; a refused batch records nothing")
    func refusedOrders() throws {
        let f = try Fixture()
        defer { try? FileManager.default.removeItem(at: f.dir) }
        let y = f.ids["youth"]!, s1 = f.ids["s1"]!, add = f.ids["add"]!
        #expect(f.refusal(y, .homeVisit, on: "2015-03-05")?.contains("no decision recorded yet") == true)
        #expect(f.refusal(y, .followUp, on: "2015-03-05")?.contains("no home visit recorded") == true)
        #expect(f.refusal(y, .decision, "maybe", on: "2015-03-02")?.contains("talk or no_talk") == true)
        #expect(f.refusal(y, .decision, "talk", on: "2015-02-27")?.contains("before the gang case C1") == true)
        #expect(f.refusal(y, .contacted, on: "2015-03-02")?.contains("youth screening") == true)
        try f.record(y, .decision, "no_talk", on: "2015-03-02")
        #expect(f.refusal(y, .homeVisit, on: "2015-03-05")?.contains("no talk") == true)
        #expect(f.refusal(y, .decision, "talk", on: "2015-03-06")?.contains("recorded already") == true)
        // SSP+.
        #expect(f.refusal(s1, .positiveDevelopment, on: "2015-04-10")?.contains("follows a contact") == true)
        #expect(f.refusal(s1, .noContact, on: "2015-04-10")?.contains("needs the reason") == true)
        #expect(f.refusal(s1, .contacted, on: "2015-03-30")?.contains("before the route's decision") == true)
        try f.record(s1, .contacted, on: "2015-04-10")
        #expect(f.refusal(s1, .awaitingLetter, on: "2015-04-11")?.contains("awaited before contact") == true)
        #expect(f.refusal(s1, .contacted, on: "2015-04-11")?.contains("contacted already") == true)
        #expect(f.refusal(s1, .concern, on: "2015-04-09")?.contains("before the item's last follow-up") == true)
        #expect(f.refusal(s1, .concern, on: "2099-01-01")?.contains("after today") == true)
        // Not an item.
        #expect(f.refusal(add, .contacted, on: "2015-04-10")?.contains("not a route") == true)
        #expect(f.refusal("9/P1", .screened, on: "2015-04-10")?.contains("no candidate list 9") == true)
        // A batch with one refused row records none of it.
        let before = try f.store.followUpItem(s1).events.count
        #expect(throws: StoreError.self) {
            try f.store.recordFollowUps([.init(item: s1, status: .positiveDevelopment, day: Day(iso: "2015-05-01")!, by: "x", origin: "b.csv:2"),
                                         .init(item: s1, status: .positiveDevelopment, day: Day(iso: "2015-05-02")!, by: "x", origin: "b.csv:3")], purpose: nil)
        }
        #expect(try f.store.followUpItem(s1).events.count == before)
        #expect(try f.store.verifyAudit().problems.isEmpty)
    }

    @Test("every indicator of a hand-built store equals its hand count")
    func indicators() throws {
        let f = try Fixture()
        defer { try? FileManager.default.removeItem(at: f.dir) }
        let y = f.ids["youth"]!
        try f.record(y, .decision, "talk", on: "2015-03-02")
        try f.record(y, .homeVisit, on: "2015-03-05")
        try f.record(y, .followUp, on: "2015-03-19")
        try f.record(f.ids["s1"]!, .contacted, on: "2015-04-10")
        try f.record(f.ids["s1"]!, .positiveDevelopment, on: "2015-06-10")
        try f.record(f.ids["s2"]!, .awaitingLetter, on: "2015-04-10")
        try f.record(f.ids["s3"]!, .noContact, "custody", on: "2015-04-10")
        // A meeting with a list of three: all screened, one letter, one not relevant.
        let saved = try f.store.saveCandidateList(["L1", "L3", "N1"], asOf: Fixture.runDay, criteria: "test", by: "a", purpose: nil, names: false,
                                                  meeting: Day(iso: "2015-04-15")!)
        #expect(saved.meeting == Day(iso: "2015-04-15"))
        for id in ["L1", "L3", "N1"] { try f.record("\(saved.list)/\(id)", .screened, on: "2015-04-15") }
        try f.record("\(saved.list)/L1", .letterSent, on: "2015-04-15")
        try f.record("\(saved.list)/N1", .notRelevant, on: "2015-04-15")
        #expect(f.refusal("\(saved.list)/N1", .letterSent, on: "2015-04-16")?.contains("not relevant") == true)
        #expect(f.refusal("\(saved.list)/L1", .screened, on: "2015-04-16")?.contains("screened already") == true)
        // The next meeting follows the cadence; a new list goes to it.
        let next = try f.store.nextMeeting(from: Day(iso: "2015-05-01")!, everyWeeks: 8)
        #expect(next.day == Day(iso: "2015-06-10") && next.recorded == nil)
        let ind = try LogEvaluation.compute(store: f.store, from: Day(iso: "2015-01-01")!, to: Day(iso: "2015-12-31")!)
        let v = Dictionary(uniqueKeysWithValues: ind.map { ($0.key, $0.value) })
        let contract = ["log_size_start", "log_size_end", "log_size_min", "log_size_max", "deprived_share", "removed_not_eligible", "removed_inactive",
                        "added", "put_forward", "screened", "letters_sent", "handed_over_ssp", "ssp_contacted", "ssp_positive", "ssp_concern",
                        "ssp_awaiting_letter", "ssp_no_contact", "youth_decisions", "youth_decisions_on_time_share", "follow_ups_on_time_share"]
        #expect(Array(ind.map(\.key).prefix(contract.count)) == contract)
        let hand: [String: Double] = [
            "log_size_start": 4, "log_size_end": 3, "log_size_min": 3, "log_size_max": 4,
            "deprived_share": 100.0 / 3,  // L3 in custody, of L1, L3, N1
            "removed_not_eligible": 1, "removed_inactive": 1, "added": 1,
            "put_forward": 3, "screened": 3, "letters_sent": 1,
            "handed_over_ssp": 3, "ssp_contacted": 1, "ssp_positive": 1, "ssp_concern": 0, "ssp_awaiting_letter": 1, "ssp_no_contact": 1,
            "youth_decisions": 1, "youth_decisions_on_time_share": 100, "follow_ups_on_time_share": 100, "meetings": 1, "home_visits": 1,
        ]
        for (k, x) in hand { #expect(abs(((v[k] ?? nil) ?? -1) - x) < 1e-9, "\(k): \(String(describing: v[k] ?? nil)) ≠ \(x)") }
        #expect(ind.first { $0.key == "deprived_share" }?.goal == 25 && ind.first { $0.key == "letters_sent" }?.goal == 40)
        #expect(Indicator.format(v["deprived_share"]!) == "33.3")
        // On a day before the decisions the log is the baseline.
        let early = try LogEvaluation.compute(store: f.store, from: Day(iso: "2015-01-01")!, to: Day(iso: "2015-03-30")!)
        #expect(early.first { $0.key == "log_size_end" }?.value == 4 && early.first { $0.key == "handed_over_ssp" }?.value == 0)
        #expect(try f.store.verifyAudit().problems.isEmpty)
    }

    @Test("a purge leaves no trace of the person in the follow-ups; the audit chain still verifies")
    func purgeFollowUps() throws {
        let f = try Fixture()
        defer { try? FileManager.default.removeItem(at: f.dir) }
        try f.record(f.ids["s3"]!, .noContact, "moved to Sten's aunt in Aarhus", on: "2015-04-10")
        let saved = try f.store.saveCandidateList(["S3", "L1"], asOf: Fixture.runDay, criteria: "test", by: "a", purpose: nil, names: false)
        try f.record("\(saved.list)/S3", .referred, "Sten's probation officer", on: saved.meeting.description)
        let plan = PurgePlan(persons: [(id: "S3", since: Fixture.runDay, why: "test")], cutoff: Fixture.runDay)
        try f.store.purge(plan, by: "dpo", purpose: "retention")
        let items = try f.store.followUpItems()
        #expect(!items.contains { $0.personID == "S3" || $0.item.contains("S3") })
        #expect(!items.flatMap(\.events).contains { $0.detail.contains("Sten") || $0.note.contains("Sten") })
        #expect(items.contains { $0.item == "\(saved.list)/purged-1" && $0.events.count == 1 })
        #expect(try f.store.verifyAudit().problems.isEmpty)
    }
}
