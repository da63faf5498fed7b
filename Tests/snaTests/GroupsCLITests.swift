import Foundation
import Testing

@Suite("groups and exposure from the command line")
struct GroupsCLITests {
    @Test("the sample's groups: LTF and BGP mostly allied, both mostly in conflict with Værebro (the generator's design); the CSV contract")
    func sampleTies() throws {
        let r = try sna(["groups", "samples/noerrebro", "--ties", "--format", "csv"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "group_a,group_b,kind,weight,first,last,cases")
        var weight: [String: Int] = [:]
        for l in lines.dropFirst() {
            let f = l.split(separator: ",").map(String.init)
            #expect(f[0] < f[1] && ["alliance", "conflict"].contains(f[2]))
            #expect(f[6].split(separator: "|").count == Int(f[3]))
            weight["\(f[0])-\(f[1]) \(f[2])"] = Int(f[3])
        }
        #expect(weight["BGP-LTF alliance", default: 0] > weight["BGP-LTF conflict", default: 0])
        #expect(weight["BGP-Værebro conflict", default: 0] > weight["BGP-Værebro alliance", default: 0])
        #expect(weight["LTF-Værebro conflict", default: 0] > weight["LTF-Værebro alliance", default: 0])
    }

    @Test("rosters with core and periphery; call-in lists keep minors unnamed without --show-minors")
    func rostersAndCallIn() throws {
        var r = try sna(["groups", "samples/noerrebro", "--format", "csv"])
        #expect(r.status == 0 && r.stdout.hasPrefix("group,person_id,confidence,position,coreness\n"), "\(r.stderr)")
        #expect(r.stdout.contains(",core,") && r.stdout.contains(",periphery,"))
        r = try sna(["groups", "samples/noerrebro", "--call-in", "40", "--format", "csv"])
        #expect(r.stdout.hasPrefix("group,rank,person_id,confidence,betweenness,age,minor\n"))
        let minors = r.stdout.split(separator: "\n").filter { $0.hasSuffix(",yes") }
        #expect(!minors.isEmpty)
        r = try sna(["groups", "samples/noerrebro", "--call-in", "40", "--names"])
        #expect(r.status != 0 && r.stderr.contains("--purpose"))
        r = try sna(["groups", "samples/noerrebro", "--call-in", "40", "--names", "--purpose", "call-in", "--format", "csv"])
        let rows = r.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.filter { $0.last == "yes" }.allSatisfy { $0[3] == "(minor)" } && rows.contains { $0.last == "no" && !$0[3].isEmpty && $0[3] != "(minor)" })
    }

    @Test("exposure is a centrality measure key with --as-of; the report says it is a prevention signal")
    func exposureCLI() throws {
        let r = try sna(["centrality", "samples/noerrebro", "--measures", "exposure,exposure_share,exposure2", "--as-of", "2014-12-31", "--format", "csv"])
        #expect(r.status == 0 && r.stdout.hasPrefix("id,exposure,exposure_share,exposure2\n"), "\(r.stderr)")
        let values = r.stdout.split(separator: "\n").dropFirst().map { Int($0.split(separator: ",")[1])! }
        #expect(values.contains { $0 > 0 })
        let t = try sna(["timeline", "samples/noerrebro", "--by", "year", "--measures", "exposure", "--format", "csv"])
        #expect(t.status == 0 && t.stdout.hasPrefix("id,period,exposure\n"), "\(t.stderr)")
    }

    @Test("render --view groups: one node per group, conflict dashed red, alliance solid blue; no persons")
    func renderGroups() throws {
        let r = try sna(["render", "samples/noerrebro", "--view", "groups", "--format", "dot"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("LTF\\n58 members") || r.stdout.contains("LTF\\n"))
        let conflict = r.stdout.split(separator: "\n").filter { $0.contains("label=\"conflict") }
        let alliance = r.stdout.split(separator: "\n").filter { $0.contains("label=\"alliance") }
        #expect(conflict.count == 3 && conflict.allSatisfy { $0.contains("style=dashed") && $0.contains("#D55E00") })
        #expect(alliance.count == 3 && alliance.allSatisfy { $0.contains("style=solid") && $0.contains("#0072B2") })
        #expect(!r.stdout.contains("P0"))
    }
}
