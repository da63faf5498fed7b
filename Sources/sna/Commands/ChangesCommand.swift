import ArgumentParser
import Foundation
import Network
import Store

/// What changed between two periods or two pulls.
struct ChangesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "changes",
        abstract: "What changed between two periods or since a pull: who entered or left, new ties, rises and falls, clusters split and merged.",
        discussion: """
        --from-period A --to-period B compares the networks of two periods (links.csv period values, or ISO dates such as 2014 and 2015, which select cases and sightings by date); on a store, --since PULL compares that pull with the latest (or --pull): each as the network of the --window months (default: the policy's evidence_months, 24) up to its pull day. Each view holds the persons active in it. Clusters (Leiden, --seed) are matched by Jaccard overlap (at least 0.3, each the other's best); a split is an earlier cluster whose persons went to two or more later clusters (each taking at least a quarter of them, and two persons), a merge the reverse. Ids are pseudonymous.

        Examples:
          sna changes phases/ --from-period 2 --to-period 3
          sna changes samples/noerrebro --from-period 2014 --to-period 2015
          sna changes sna.sqlite --since 3
        """)

    @OptionGroup var input: InputOptions

    @Option(name: .customLong("from-period"), help: ArgumentHelp("The earlier period.", valueName: "value"))
    var fromPeriod: String?

    @Option(name: .customLong("to-period"), help: ArgumentHelp("The later period.", valueName: "value"))
    var toPeriod: String?

    @Option(name: .long, help: ArgumentHelp("On a store: the earlier pull (compared with the latest, or --pull).", valueName: "pull"))
    var since: Int64?

    @Option(name: .long, help: ArgumentHelp("With --since: months of data up to each pull's day (default: evidence_months).", valueName: "months"))
    var window: Int?

    @Option(name: .long, help: ArgumentHelp("Measures for rises and falls.", valueName: "names"))
    var measures: String = "degree,betweenness"

    @Option(name: .long, help: ArgumentHelp("Rows per list in the table.", valueName: "N"))
    var top: Int = 10

    @Option(name: .long, help: "Seed for the clusters.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "Output format: table or json.")
    var format: ClusterFormat = .table

    @OptionGroup var output: OutputOptions

    var measureList: [String] { measures.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }

    func validate() throws {
        if since == nil && (fromPeriod == nil || toPeriod == nil) {
            throw ValidationError("Give --from-period A --to-period B, or --since PULL on a store.")
        }
        if since != nil && (fromPeriod != nil || toPeriod != nil) { throw ValidationError("Use either --since or --from-period/--to-period.") }
        if since != nil && !Store.isStore(input.input) { throw ValidationError("--since PULL needs a store as INPUT.") }
        if input.period != nil { throw ValidationError("--period selects one view; changes compares two (--from-period, --to-period).") }
        for m in measureList where !Measures.isKnown(m) { throw ValidationError("Unknown measure '\(m)'.") }
        if top < 1 { throw ValidationError("--top must be at least 1.") }
        if let window, window < 1 { throw ValidationError("--window must be at least 1 month.") }
        if format == .csv { throw ValidationError("changes prints a table or JSON (--format table|json).") }
    }

    func views() throws -> (NetworkChanges, String, String) {
        let policy = try input.loadPolicy()
        var o = input.buildOptions()
        if let since {
            let store = try Store(path: input.input, readOnly: true)
            let pulls = try store.pulls()
            guard let a = pulls.first(where: { $0.id == since }) else { throw StoreError.noPull(path: input.input, id: since) }
            let later: Pull? = input.pull.map { id in pulls.first { $0.id == id } } ?? pulls.last
            guard let b = later else { throw StoreError.noPull(path: input.input, id: input.pull) }
            guard a.asOf < b.asOf || a.id < b.id else { throw CLIError("pull \(a.id) is not earlier than pull \(b.id)") }
            let months = window ?? policy.evidenceMonths
            func view(_ p: Pull) throws -> PersonNetwork {
                var v = o
                v.to = p.asOf
                v.from = p.asOf.adding(months: -months).adding(days: 1)
                return try NetworkBuilder.build(try store.dataset(pull: p.id).1, options: v).activeOnly()
            }
            return (try NetworkChanges.compare(view(a), view(b), measures: measureList, seed: seed),
                    "pull \(a.id) (\(months) months to \(a.asOf))", "pull \(b.id) (\(months) months to \(b.asOf))")
        }
        let ds = try input.loadDataset()
        func view(_ p: String) throws -> PersonNetwork {
            o.periods = [p]
            return try NetworkBuilder.build(ds, options: o).activeOnly()
        }
        return (try NetworkChanges.compare(view(fromPeriod!), view(toPeriod!), measures: measureList, seed: seed),
                "period \(fromPeriod!)", "period \(toPeriod!)")
    }

    func run() throws {
        try reportingErrors {
            let (c, a, b) = try views()
            if format == .json {
                try output.emit(JSONValue.object([
                    ("before", .string(a)), ("after", .string(b)),
                    ("entered", .array(c.entered.map { .string($0) })), ("left", .array(c.left.map { .string($0) })),
                    ("new_ties", .array(c.newTies.map { t in .object([("a", .string(t.a)), ("b", .string(t.b)), ("evidence", .array(t.evidence.map { .string($0) }))]) })),
                    ("ended_ties", .int(c.endedTies.count)),
                    ("moves", .object(c.moves.map { m in (m.measure, .array(m.rows.map { r in .object([("id", .string(r.id)), ("before", .number(r.before)), ("after", .number(r.after))]) })) })),
                    ("clusters_before", .array(c.clustersBefore.map { .array($0.map { .string($0) }) })),
                    ("clusters_after", .array(c.clustersAfter.map { .array($0.map { .string($0) }) })),
                    ("matches", .array(c.matches.map { .object([("before", .int($0.before)), ("after", .int($0.after)), ("jaccard", .number($0.jaccard))]) })),
                    ("splits", .array(c.splits.map { .object([("before", .int($0.before)), ("into", .array($0.into.map { .int($0) }))]) })),
                    ("merges", .array(c.merges.map { .object([("after", .int($0.after)), ("from", .array($0.from.map { .int($0) }))]) })),
                ]).serialized() + "\n")
                return
            }
            try output.emit(Self.text(c, before: a, after: b, top: top))
        }
    }

    /// The table view (also the meeting pack's wording).
    static func text(_ c: NetworkChanges, before a: String, after b: String, top: Int) -> String {
        func list(_ xs: [String]) -> String { xs.isEmpty ? "none" : xs.prefix(top * 3).joined(separator: " ") + (xs.count > top * 3 ? " … (\(xs.count))" : "") }
        var s = "changes from \(a) to \(b)\n\n"
        s += "entered (\(c.entered.count)): \(list(c.entered))\nleft (\(c.left.count)): \(list(c.left))\n\n"
        s += "new ties: \(c.newTies.count); ended ties: \(c.endedTies.count)\n"
        if !c.newTies.isEmpty {
            var t = TextTable(header: ["person", "person", "evidence"])
            t.rows = c.newTies.prefix(top).map { [$0.a, $0.b, $0.evidence.prefix(3).joined(separator: "; ")] }
            s += t.render() + (c.newTies.count > top ? "… \(c.newTies.count - top) more (--format json lists all)\n" : "")
        }
        for m in c.moves {
            let rises = m.rows.filter { $0.after > $0.before }.prefix(top)
            let falls = m.rows.filter { $0.after < $0.before }.reversed().prefix(top)
            s += "\nlargest rises and falls in \(m.measure) (persons in both views)\n"
            var t = TextTable(header: ["", "id", "before", "after", "change"])
            for r in rises { t.rows.append(["rise", r.id, displayValue(r.before, integral: false), displayValue(r.after, integral: false), "+" + displayValue(r.after - r.before, integral: false)]) }
            for r in falls { t.rows.append(["fall", r.id, displayValue(r.before, integral: false), displayValue(r.after, integral: false), displayValue(r.after - r.before, integral: false)]) }
            t.rightAligned = [2, 3, 4]
            s += t.rows.isEmpty ? "no change\n" : t.render()
        }
        s += "\nclusters: \(c.clustersBefore.count) before, \(c.clustersAfter.count) after (Leiden; clusters of two or more)\n"
        for m in c.matches {
            s += "  cluster \(m.before) → cluster \(m.after) (Jaccard \(formatNumber((m.jaccard * 100).rounded() / 100)); \(c.clustersBefore[m.before].count) → \(c.clustersAfter[m.after].count) persons)\n"
        }
        for x in c.splits { s += "  split: cluster \(x.before) went to clusters \(x.into.map(String.init).joined(separator: ", "))\n" }
        for x in c.merges { s += "  merge: cluster \(x.after) gathers clusters \(x.from.map(String.init).joined(separator: ", "))\n" }
        let matchedAfter = Set(c.matches.map(\.after))
        let fresh = c.clustersAfter.indices.filter { !matchedAfter.contains($0) }
        if !fresh.isEmpty { s += "  without a match before: clusters \(fresh.map(String.init).joined(separator: ", "))\n" }
        return s
    }
}
