import CrimePicture
import Foundation
import Network
import Rendering
import Screening
import Store

extension ReportBuilder {
    /// The chair's page, opening the pack: the log and its change, the proposals by action and
    /// strength, the five persons rising fastest, the crime picture's signals, the open
    /// deadlines.
    func summarySection() throws -> ReportSection {
        progress.step("summary")
        let policy = options.policy
        var figures: [(label: String, value: String)] = [("on the log", String(ds.log.count))]
        if let store, let first = try store.pulls().first {
            let before = try store.logState(asOf: first.asOf).count
            figures.append(("change since \(first.asOf)", (ds.log.count >= before ? "+" : "−") + String(abs(ds.log.count - before))))
        }
        let minors = ds.log.filter { e in ds.personIndex[e.personID].map { ds.persons[$0].isMinor(on: asOf, under: policy.youthAge) != false } ?? true }.count
        figures.append(("under \(policy.youthAge) or of unknown age", String(minors)))
        // Proposals by action and strength.
        var proposals: [(action: String, strength: String)] = []
        if let store {
            let left = hiddenIDs
            proposals = try store.proposals().filter { $0.verdict == nil && $0.action != .keep && !left.contains($0.personID) }
                .map { ($0.action.rawValue, $0.strength?.rawValue ?? "unrated") }
        } else {
            proposals = try Screening.propose(ds, asOf: asOf, policy: policy, seed: options.seed).filter { $0.action != .keep }
                .map { ($0.action.rawValue, $0.strength.rawValue) }
        }
        figures.append(("proposals to decide", String(proposals.count)))
        var blocks: [ReportBlock] = [.keyFigures(figures)]
        let strengths = ["strong", "moderate", "weak"]
        let actions = ["add", "remove", "recategorize", "review", "route"].filter { a in proposals.contains { $0.action == a } }
        if !actions.isEmpty {
            blocks.append(.table(ReportTable(header: ["proposals"] + strengths + ["all"],
                                             rows: actions.map { a in
                                                 [a] + strengths.map { s in String(proposals.filter { $0.action == a && $0.strength == s }.count) }
                                                     + [String(proposals.filter { $0.action == a }.count)]
                                             }, numeric: [1, 2, 3, 4], caption: "Proposals awaiting a decision, by action and strength of evidence (see Proposals and candidates)")))
        }
        // Rising: betweenness in the 12 months to the as-of day against the 12 months to a quarter before.
        var rising: [String] = []
        func window(_ end: Day) throws -> [String: Double] {
            var o = options.build
            o.to = end
            o.from = end.adding(months: -12).adding(days: 1)
            o.initiative = policy.initiativeRule
            guard let n = try? NetworkBuilder.build(ds, options: o).activeOnly() else { return [:] }
            let b = try Measures.compute(["betweenness"], on: n.graph)[0]
            var out: [String: Double] = [:]
            for v in 0..<n.graph.nodeCount where n.personOfNode[v] != nil { out[n.graph.labels[v]] = b.values[v] }
            return out
        }
        let now = try window(asOf), before = try window(asOf.adding(months: -3))
        let rises = now.map { (id: $0.key, rise: $0.value - (before[$0.key] ?? 0)) }.filter { $0.rise > 0 }
            .sorted { ($0.rise, $1.id) > ($1.rise, $0.id) }.prefix(5)
        rising = rises.map { "\(who($0.id)) +\(significant($0.rise))" }
        if !rising.isEmpty {
            blocks.append(.paragraph("Rising fastest (betweenness in the 12 months to \(asOf) against the 12 months to a quarter earlier): " + rising.joined(separator: ", ") + "."))
        }
        // The crime picture's signals.
        if !ds.cases.isEmpty {
            var y = CrimePicture.Options()
            y.unit = .year
            let picture = try CrimePicture(ds, policy: policy, options: y)
            let area = picture.areas.contains("focus") ? "focus" : "all"
            if let last = picture.periods.last, let b = picture.baseline {
                let label = b.from.year == b.to.year ? String(b.from.year) : "\(b.from.year)–\(b.to.year)"
                let signals = picture.rows.filter { $0.period == last && $0.area == area && ($0.z.map { abs($0) >= 2 } ?? false) }
                    .compactMap { CrimePicture.sentence($0, baselineLabel: label, areaName: area == "focus" ? "in the focus area" : "in the data") }
                blocks.append(.paragraph("Crime picture: " + (signals.isEmpty ? "no code group changed beyond chance between \(label) and \(last.label)." : signals.joined(separator: "; ") + ".")))
            }
        }
        // Open deadlines.
        if let store {
            let due = try store.dueItems(asOf: asOf, within: 7, policy: policy).filter { !hiddenIDs.contains($0.personID) }
            let late = due.filter { $0.daysOverdue > 0 }.count
            let requests = try store.requests().filter { $0.outcome == nil }
            blocks.append(.paragraph("Deadlines on \(asOf): \(late) overdue, \(due.count - late) due within 7 days (`sna followup due`); \(requests.count) open request\(requests.count == 1 ? "" : "s") of persons (`sna request list --open`)."))
        }
        return ReportSection(id: "summary", title: "Summary for the chair", blocks: blocks)
    }
}
