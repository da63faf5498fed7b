import Foundation
import Network
import Testing

/// The group network and exposure on hand-built cases, each figure counted by hand.
@Suite("groups and exposure")
struct GroupExposureTests {
    /// Groups A, B, C. A1 switches from A to C on 2014-01-01. D1 is in A and B (both sides).
    static let files = [
        "persons.csv": "id,name\nA1,x\nA2,x\nB1,x\nB2,x\nC1,x\nD1,x\nN1,x\nV1,x\n",
        "affiliations.csv": """
            person_id,group,since,until,source,confidence
            A1,A,2010-01-01,2013-12-31,EAS,confirmed
            A1,C,2014-01-01,,EAS,probable
            A2,A,2010-01-01,,EAS,confirmed
            B1,B,2010-01-01,,EAS,confirmed
            B2,B,2010-01-01,,EAS,possible
            C1,C,2010-01-01,,EAS,confirmed
            D1,A,2010-01-01,,EAS,probable
            D1,B,2010-01-01,,EAS,probable

            """,
        "cases.csv": """
            case_id,date,crime_code,place,tags
            K1,2013-03-01,84110,P,
            K2,2013-06-01,73241,P,
            K3,2014-02-01,73251,P,Bandekonflikt
            K4,2014-03-01,61615,P,
            K5,2014-04-01,84111,P,
            K6,2014-05-01,73241,P,

            """,
        "case_persons.csv": """
            case_id,person_id,role
            K1,A1,suspect
            K1,B1,suspect
            K1,D1,suspect
            K2,A2,suspect
            K2,B2,victim
            K3,A1,suspect
            K3,B1,suspect
            K4,A2,suspect
            K4,C1,suspect
            K5,N1,suspect
            K5,A2,suspect
            K5,B1,suspect
            K6,V1,suspect
            K6,N1,victim

            """,
    ]

    @Test("alliance: co-suspects of two groups; conflict: suspect against victim, and co-suspects in a gang-conflict case; affiliations on the case date; initiative cases and shared groups make no tie")
    func groupTies() throws {
        let t = try TempDataset(Self.files)
        defer { t.cleanup() }
        let ds = try DatasetLoader.load(t.path)
        let ties = GroupNetwork.ties(ds)
        let got = ties.map { "\($0.a)-\($0.b) \($0.kind.rawValue) \($0.weight) \($0.first)…\($0.last) \($0.cases.map(\.id).joined(separator: "|"))" }
        // K1: A1 (A) with B1 (B): alliance A-B; D1 (A and B) shares a group with each, no tie.
        // K2: A2 (A) suspect, B2 (B) victim: conflict A-B.
        // K3 (tagged, 2014): A1 is in C by then, B1 in B: conflict B-C.
        // K4: initiative (61615): nothing. K5: A2 and B1 co-suspects: alliance A-B (N1 has no group).
        #expect(got == [
            "A-B alliance 2 2013-03-01…2014-04-01 K1|K5",
            "A-B conflict 1 2013-06-01…2013-06-01 K2",
            "B-C conflict 1 2014-02-01…2014-02-01 K3",
        ], "\(got)")
        // Members: the strongest confidence, A1 counted in A only while the affiliation ran.
        #expect(GroupNetwork.members(ds, group: "A").map(\.person) == ["A1", "A2", "D1"])
        #expect(GroupNetwork.members(ds, group: "A", from: Day(iso: "2014-06-01")).map(\.person) == ["A2", "D1"])
        #expect(GroupNetwork.members(ds, group: "C").map { "\($0.person) \($0.confidence!.rawValue)" } == ["A1 probable", "C1 confirmed"])
        // From a date: K1 and K2 drop out.
        #expect(GroupNetwork.ties(ds, from: Day(iso: "2014-01-01")).map(\.cases.count) == [1, 1])
    }

    @Test("exposure: co-offenders who were victims of violence in the window; its share; at distance two")
    func exposure() throws {
        let t = try TempDataset(Self.files)
        defer { t.cleanup() }
        let ds = try DatasetLoader.load(t.path)
        let r = Exposure.compute(ds, asOf: Day(iso: "2014-06-30")!, months: 12, violentCodes: Exposure.defaultViolentCodes)
        // N1 was the victim of K6 (73241, 2014-05-01). N1's co-offenders (K5): A2, B1.
        #expect(r.exposure["A2"] == 1 && r.exposure["B1"] == 1)
        // A2's neighbours: N1, B1 (K5); K2 is A2 alone as suspect; K4 is initiative: share 1/2.
        #expect(r.share["A2"] == 0.5)
        // B1's neighbours: A1, D1 (K1), A1 (K3), N1, A2 (K5) → A1, A2, D1, N1: 1/4.
        #expect(r.share["B1"] == 0.25)
        #expect(r.evidence["B1"] == [.init(neighbour: "N1", sharedCase: "K5", victimCase: "K6", victimDate: Day(iso: "2014-05-01")!)])
        // B2 was a victim of K2 (2013-06-01): outside 12 months of 2014-06-30, inside 13.
        #expect(r.exposure["N1"] == 0 && r.exposure["A1"] == 0)
        // Distance two: A1's neighbours B1, D1; their neighbours A2, N1 (via B1): N1 exposes.
        #expect(r.exposure2["A1"] == 1 && r.exposure2["N1"] == 0)
        let r13 = Exposure.compute(ds, asOf: Day(iso: "2014-06-30")!, months: 13, violentCodes: Exposure.defaultViolentCodes)
        #expect(r13.exposure.values.reduce(0, +) == r.exposure.values.reduce(0, +))  // B2 never co-offended
        // As of a day before K6, nobody is exposed; a code list without 73241 sees nothing.
        #expect(Exposure.compute(ds, asOf: Day(iso: "2014-04-30")!, violentCodes: Exposure.defaultViolentCodes).exposure.values.allSatisfy { $0 == 0 })
        #expect(Exposure.compute(ds, asOf: Day(iso: "2014-06-30")!, violentCodes: ["73251"]).exposure.values.allSatisfy { $0 == 0 })
        #expect(Exposure.compute(ds, asOf: Day(iso: "2014-06-30")!, violentCodes: ["73000-73999"]).exposure["A2"] == 1)
    }
}
