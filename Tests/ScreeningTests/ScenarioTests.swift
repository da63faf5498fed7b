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
    /// Generated alongside the rules (`scripts/make-scenarios.py`) and, blind to the rules, by
    /// three other authors: `sim*` (`make-simulation.py`), `blind*` (`make-underrecorded.py`:
    /// heavy under-recording, leaders who order, a split with switchers) and `agents*`
    /// (`make-agentworld.py`: agents with a separate recording layer).
    static let names = ["hierarchy", "cells", "stopsearch", "mixed", "sim1", "sim2", "blind1", "blind2", "agents1", "agents2"]
    static let underRecorded: Set<String> = ["blind1", "blind2", "agents1", "agents2"]
    static let root = repoRoot.appendingPathComponent("samples/scenarios")

    struct Result {
        var evaluation: Evaluation
        var proposedLog: [String: LogCategory]
        var reviewed: Set<String>
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
            roles[f[0]] = String(f[1].split(separator: " ").first ?? "")
        }
        let assessments = try Screening.assess(ds, asOf: asOf, policy: policy)
        let proposals = try Screening.propose(ds, asOf: asOf, policy: policy)
        let e = Evaluation(ds, proposals: proposals, assessments: assessments, truth: truth)
        return Result(evaluation: e, proposedLog: Evaluation.proposedLog(ds, proposals),
                      reviewed: Set(proposals.filter { $0.action == .review }.map(\.personID)), roles: roles)
    }

    /// Floors, not fitted targets: the recording-faithful families must hold the bars they were
    /// built with; the under-recorded ones (where half the violence is never reported and
    /// leaders are rarely suspects) hold lower floors, and every scenario must end with a log
    /// better than the stale one, most removals right and few reviews. The README's evaluation
    /// table gives every figure.
    @Test("recall, precision, removals, reviews, and a log better than the stale one", arguments: names)
    func figures(_ name: String) throws {
        let r = try Self.run(name)
        let e = r.evaluation
        let why = e.disagreements.map { "\($0.personID) true \($0.truth?.rawValue ?? "-") proposed \($0.proposed?.rawValue ?? "-"): \($0.evidence)" }
            .joined(separator: "\n")
        let under = Self.underRecorded.contains(name)
        #expect((e.coreRecall.value ?? 0) >= (under ? 0.70 : 0.90), "\(name) core recall \(e.coreRecall)\n\(why)")
        #expect((e.peripheralRecall.value ?? 0) >= (under ? 0.55 : 0.80), "\(name) peripheral recall \(e.peripheralRecall)\n\(why)")
        #expect((e.logPrecision.value ?? 0) >= (under ? 0.75 : 0.90), "\(name) log precision \(e.logPrecision)\n\(why)")
        if !under { #expect((e.coreExact.value ?? 0) >= 0.85, "\(name) exact category \(e.coreExact)") }
        #expect((e.removalPrecision.value ?? 1) >= 0.70, "\(name) removal precision \(e.removalPrecision)\n\(why)")
        #expect((e.reviews.value ?? 0) <= 0.30, "\(name) review share \(e.reviews)")
        #expect((e.proposed.f1 ?? 0) >= (e.stale.f1 ?? 1), "\(name): the proposed log (F1 \(e.proposed.f1 ?? 0)) is not better than the stale one (\(e.stale.f1 ?? 0))")
        #expect(e.coreRecall.of > 0 && e.peripheralRecall.of > 0)
    }

    @Test("no person whose only contacts are police activity or victim/witness roles, and no ineligible person, on the proposed log", arguments: names)
    func noWrongPersons(_ name: String) throws {
        let r = try Self.run(name)
        let forbidden: Set<String> = ["victim_witness", "initiative_only", "stop_only", "ineligible", "police_contact_only"]
        // Added or kept as they are; a review is the group's open question (the README counts it).
        let wrong = r.proposedLog.keys.filter { forbidden.contains(r.roles[$0] ?? "") && !r.reviewed.contains($0) }.sorted()
        #expect(wrong.isEmpty, "\(name): \(wrong.map { "\($0) (\(r.roles[$0]!))" })")
        #expect(r.roles.values.contains { forbidden.contains($0) }, "the scenario plants such persons")
    }
}
