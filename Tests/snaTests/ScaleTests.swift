import Foundation
import Network
import Testing

/// Issue 31: what must hold at a city's scale.
@Suite("scale", .serialized)
struct ScaleTests {
    /// The sample with one busy place-day added: `crowd` persons seen at one place on one day.
    static func sampleWithCrowd(_ crowd: Int) throws -> URL {
        let dir = try tempDir()
        for f in try FileManager.default.contentsOfDirectory(atPath: "samples/noerrebro") where f.hasSuffix(".csv") {
            try FileManager.default.copyItem(atPath: "samples/noerrebro/\(f)", toPath: dir.appendingPathComponent(f).path)
        }
        let persons = try String(contentsOfFile: "samples/noerrebro/persons.csv", encoding: .utf8).split(separator: "\n").dropFirst()
            .map { String($0.split(separator: ",")[0]) }
        var text = try String(contentsOf: dir.appendingPathComponent("sightings.csv"), encoding: .utf8)
        for p in persons.prefix(crowd) { text += "\(p),Fælledparken,2015-06-06\n" }
        try text.write(to: dir.appendingPathComponent("sightings.csv"), atomically: true, encoding: .utf8)
        return dir
    }

    @Test("co-presence is capped: a place-day of more persons than location_max_persons makes no clique, and validate and stats say so")
    func copresenceCap() throws {
        let dir = try Self.sampleWithCrowd(120)
        defer { try? FileManager.default.removeItem(at: dir) }
        let v = try sna(["validate", dir.path])
        #expect(v.status == 0, "\(v.stderr)")
        #expect(v.stderr.contains("1 place-day with more than 50 persons seen made no location ties (120 sightings; busiest: Fælledparken 2015-06-06 (120 persons))"), "\(v.stderr)")
        func locationTies(_ extra: [String]) throws -> Int {
            let json = try sna(["stats", dir.path, "--links", "location", "--format", "json"] + extra).stdout
            let o = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            return o["edges"] as? Int ?? -1
        }
        let base = try locationTies([])
        let plain = try sna(["stats", "samples/noerrebro", "--links", "location", "--format", "json"]).stdout
        let plainEdges = (try JSONSerialization.jsonObject(with: Data(plain.utf8)) as? [String: Any])?["edges"] as? Int
        // The crowd adds no tie at all.
        #expect(base == plainEdges)
        let stats = try sna(["stats", dir.path, "--format", "json"]).stdout
        #expect(stats.contains("\"place_days_capped\":1") || stats.contains("\"place_days_capped\": 1"), "\(stats)")
        // A policy that allows crowds of 200 makes the clique: 120·119/2 pairs, some already tied.
        let policy = dir.appendingPathComponent("policy.yaml")
        try "location_max_persons: 200\n".write(to: policy, atomically: true, encoding: .utf8)
        let allowed = try locationTies(["--policy", policy.path])
        #expect(allowed > base + 5000, "\(allowed) vs \(base)")
    }
}
