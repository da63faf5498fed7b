import Foundation
import Network
import Testing
@testable import Screening

/// The screening on synthetic scenarios made apart from the rules (`scripts/make-scenarios.py`
/// and, written without sight of the rules or that generator, `scripts/make-simulation.py`;
/// each with its true log): the one default policy everywhere, plus the scenario's own
/// `policy.yaml` where its data uses a stop-and-search tag (vocabulary, not thresholds).
@Suite("Scenarios")
struct ScenarioTests {
    static let names = ["hierarchy", "cells", "stopsearch", "mixed", "sim1", "sim2"]
    static let root = repoRoot.appendingPathComponent("samples/scenarios")

    struct Result {
        var evaluation: Evaluation
        var proposedLog: [String: LogCategory]
        var roles: [String: String]
    }

    static func run(_ name: String) throws -> Result {
        let dir = root.appendingPathComponent(name)
        let ds = try DatasetLoader.load(dir.path)
        let asOf = try #require(Day(iso: try String(contentsOf: dir.appendingPathComponent("truth/as-of.txt"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)))
        let policyFile = dir.appendingPathComponent("policy.yaml")
        var policy = Policy.default
        if FileManager.default.fileExists(atPath: policyFile.path) {
            policy = try Policy(yamlFile: policyFile, file: policyFile.path)
            // Only vocabulary may differ from the default policy.
            var check = policy
            check.initiativeTags = Policy.default.initiativeTags
            #expect(check == Policy.default, "\(name)/policy.yaml changes more than initiative_tags")
        }
        var truth: [String: LogCategory?] = [:]
        let truthText = try String(contentsOf: dir.appendingPathComponent("truth/log.csv"), encoding: .utf8)
        for line in truthText.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            truth[f[0]] = f[1].isEmpty ? .some(nil) : LogCategory(rawValue: f[1])
        }
        var roles: [String: String] = [:]
        let rolesText = try String(contentsOf: dir.appendingPathComponent("truth/roles.csv"), encoding: .utf8)
        for line in rolesText.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            roles[f[0]] = f[1]
        }
        let assessments = try Screening.assess(ds, asOf: asOf, policy: policy)
        let proposals = try Screening.propose(ds, asOf: asOf, policy: policy)
        let e = Evaluation(ds, proposals: proposals, assessments: assessments, truth: truth)
        return Result(evaluation: e, proposedLog: Evaluation.proposedLog(ds, proposals), roles: roles)
    }

    @Test("core recall ≥ 0.90, exact category ≥ 0.85, peripheral recall ≥ 0.80, log precision ≥ 0.95", arguments: names)
    func figures(_ name: String) throws {
        let r = try Self.run(name)
        let e = r.evaluation
        let why = e.disagreements.map { "\($0.personID) true \($0.truth?.rawValue ?? "-") proposed \($0.proposed?.rawValue ?? "-"): \($0.evidence)" }
            .joined(separator: "\n")
        #expect((e.coreRecall.value ?? 0) >= 0.90, "\(name) core recall \(e.coreRecall)\n\(why)")
        #expect((e.coreExact.value ?? 0) >= 0.85, "\(name) exact category \(e.coreExact)")
        #expect((e.peripheralRecall.value ?? 0) >= 0.80, "\(name) peripheral recall \(e.peripheralRecall)\n\(why)")
        #expect((e.logPrecision.value ?? 0) >= 0.95, "\(name) log precision \(e.logPrecision)\n\(why)")
        #expect(e.coreRecall.of > 0 && e.peripheralRecall.of > 0)
    }

    @Test("no person whose only contacts are police activity or victim/witness roles, and no ineligible person, on the proposed log", arguments: names)
    func noWrongPersons(_ name: String) throws {
        let r = try Self.run(name)
        let forbidden: Set<String> = ["victim_witness", "initiative_only", "stop_only", "ineligible", "police_contact_only"]
        let wrong = r.proposedLog.keys.filter { forbidden.contains(r.roles[$0] ?? "") }.sorted()
        #expect(wrong.isEmpty, "\(name): \(wrong.map { "\($0) (\(r.roles[$0]!))" })")
        #expect(r.roles.values.contains { forbidden.contains($0) }, "the scenario plants such persons")
    }
}
