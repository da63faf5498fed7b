import Foundation
import Network
import Rendering
import Screening
import Store

/// The subject profile (the National Intelligence Model's): one person on one A4 page — who,
/// the category and its evidence, the position in the network, the ego image, a timeline of
/// cases, co-presence and decisions, and the follow-ups.
public struct ProfileContext {
    let partition: Partition
    let scores: [NodeScores]
    let split: CorePeriphery.Split
    let assessed: [String: Assessment]
    let proposals: [String: Proposal]
    let groups: [String?]
}

extension ReportBuilder {
    /// What every profile of this data shares (computed once for a pack's many cards).
    func profileContext() throws -> ProfileContext {
        let partition = Consensus.leiden(g, seed: options.seed, runs: options.clusterRuns).partition
        let scores = try Measures.compute(["degree", "betweenness"], on: g)
        let split = CorePeriphery.discrete(g, seed: options.seed)
        let assessed = try Screening.assess(ds, asOf: asOf, policy: options.policy, seed: options.seed)
        let proposals = try Screening.propose(ds, asOf: asOf, policy: options.policy, seed: options.seed, assessments: assessed)
        var byPerson: [String: Proposal] = [:]
        for p in proposals where byPerson[p.personID] == nil || p.action != .route { byPerson[p.personID] = p }
        return ProfileContext(partition: partition, scores: scores, split: split,
                              assessed: Dictionary(uniqueKeysWithValues: assessed.map { ($0.personID, $0) }), proposals: byPerson,
                              groups: NodeAttributes.values(net, "group", area: options.policy.areaLabel))
    }

    /// A profile as a document of its own (`sna profile`), printable on one A4 page.
    public func profileDocument(_ id: String) throws -> ReportDocument {
        guard ds.personIndex[id] != nil else { throw InputError(file: ds.location + "/persons.csv", "no person '\(id)'") }
        let ctx = try profileContext()
        let blocks = try profileBlocks(id, ctx, image: true)
        return ReportDocument(title: "Profile: \(who(id))", subtitle: ["\(ds.location), as of \(asOf); generated \(options.generated) by sna \(options.toolVersion)",
                                                                        "An assessment aid for the target-selection group, not a finding: the group decides."],
                              sections: [ReportSection(id: "profile-\(id)", title: who(id), blocks: blocks)], files: [])
    }

    /// The blocks of one person's profile; `image`: with the ego network.
    /// A card's image is named `imageName` and fits `imageBox`; it lists `events` events.
    func profileBlocks(_ id: String, _ ctx: ProfileContext, image: Bool, imageName: String? = nil,
                       imageBox: String = PrintBox.profile, events shownEvents: Int = 8, byCategory: Bool = false) throws -> [ReportBlock] {
        let p = ds.persons[ds.personIndex[id]!]
        let v = g.index(of: id)
        let a = ctx.assessed[id]
        var blocks: [ReportBlock] = []
        // Who.
        let age = p.birthDate.map { $0.age(on: asOf) }
        let band: String = age.map { a in a < 15 ? "under 15" : a < 18 ? "15–17" : a < 25 ? "18–24" : a < 35 ? "25–34" : "35 or older" } ?? "unknown (taken for a minor)"
        var facts: [(label: String, value: String)] = [("age band", band)]
        facts.append(("lives in", [p.district, p.municipality].compactMap { $0 }.first.map { d in d + (options.policy.areaLabel(p).map { " (area \($0))" } ?? "") } ?? "not recorded"))
        facts.append(("subject category · status", [p.subjectCategory?.rawValue ?? "not recorded", p.status?.rawValue ?? "status not recorded"].joined(separator: " · ")))
        let entry = ds.log.first { $0.personID == id }
        var log = entry.map { "\($0.category)\($0.since.map { " since \($0)" } ?? "")" } ?? "not on the log"
        if let pr = ctx.proposals[id] { log += "; proposed: \(pr.action.rawValue)\(pr.category.map { " \($0)" } ?? "") (\(pr.reason.rawValue), \(pr.strength.rawValue))" }
        facts.append(("the log", log))
        blocks.append(.keyFigures(facts))
        // The category and its evidence.
        if let pr = ctx.proposals[id] {
            blocks.append(.paragraph("Evidence (as the screening reads it on \(asOf)): " + pr.summary))
        } else {
            blocks.append(.paragraph("Evidence (as the screening reads it on \(asOf)): " + CandidatePool.evidence(a)))
        }
        // Position.
        if let v {
            let personNodes = (0..<g.nodeCount).filter { net.personOfNode[$0] != nil }
            func rank(_ s: NodeScores) -> String {
                let r = 1 + personNodes.filter { s.values[$0] > s.values[v] }.count
                return "\(significant(s.values[v], integral: s.isIntegral)) (rank \(r) of \(personNodes.count))"
            }
            let c = ctx.partition.membership[v]
            var pos: [[String]] = ctx.scores.map { [$0.name, rank($0)] }
            pos.append(["cluster", ctx.partition.clusters[c].count > 1 ? "cluster \(c) (\(ctx.partition.clusters[c].count) persons)" : "alone"])
            pos.append(["group", ctx.groups[v] ?? "none recorded"])
            pos.append(["core / periphery", ctx.split.core[v] ? "core" : "periphery"])
            blocks.append(.table(ReportTable(header: ["position", "value"], rows: pos, caption: "Position in the network (\(options.networkLabel))")))
            if image {
                let view = NetworkView.ego(g, focus: [v], radius: 1, focusName: id)
                blocks.append(.image(try self.image(imageName ?? "profile-\(id)", view: view, title: "\(who(id)) and direct contacts",
                                                    colouring: byCategory ? NodeColouring.category(net) : NodeColouring(name: "primary group", values: ctx.groups, noValueLabel: "no group", palette: DOTWriter.Palette.groups),
                                                    sizeBy: ctx.scores[1], caption: "The person (heavy border) and their direct ties; colour: \(byCategory ? "log category" : "primary group").", card: true,
                                                    pageSize: imageBox)))
            }
        } else {
            blocks.append(.paragraph("No tie in this network (\(options.networkLabel))."))
        }
        // Timeline: cases, co-presence, decisions.
        var events: [(day: Day, what: String)] = []
        let caseIndex = Dictionary(uniqueKeysWithValues: ds.cases.enumerated().map { ($1.id, $0) })
        let initiative = options.policy.initiativeRule
        for r in ds.participations where r.personID == id {
            guard let ci = caseIndex[r.caseID] else { continue }
            let c = ds.cases[ci]
            let others = ds.participations.filter { $0.caseID == c.id && $0.personID != id && $0.role == .suspect }.count
            events.append((c.date, "case \(c.id) \(c.crimeCode) as \(r.role.rawValue)\(others > 0 ? " with \(others) other suspect\(others == 1 ? "" : "s")" : "")\(initiative.matches(c, ds.crimeCodes) ? " (initiative: no evidence)" : "")"))
        }
        var seen: [Day: Set<String>] = [:]
        for s in ds.sightings where s.personID == id { seen[s.date, default: []].insert(s.place) }
        for (d, places) in seen { events.append((d, "seen at \(places.sorted().joined(separator: ", "))")) }
        if let store {
            for e in try store.history(person: id) {
                events.append((e.effective, e.isCorrection ? "log: revoked \(e.proposalID ?? "") (\(e.revocationReason ?? ""))" : "log: \(e.kind.rawValue)\(e.category.map { " \($0)" } ?? "") \(e.decidedBy.map { "by \($0)" } ?? "(baseline)")"))
            }
            for it in try store.followUpItems() where it.personID == id {
                for ev in it.events { events.append((ev.day, "\(it.track.label): \(ev.summary)")) }
            }
        }
        events.sort { ($0.day, $0.what) > ($1.day, $1.what) }
        if !events.isEmpty {
            blocks.append(.table(ReportTable(header: ["date", "event"], rows: events.prefix(shownEvents).map { [$0.day.description, $0.what] },
                                             caption: "Timeline, newest first (\(min(shownEvents, events.count)) of \(events.count)): cases, sightings, decisions and follow-ups")))
        }
        return blocks
    }
}
