import ArgumentParser
import Foundation
import Network

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a dataset: every file, column, value and cross-reference.",
        discussion: """
        Errors (exit 1) name the file, the line and the field. Warnings (exit 0) point at data that loads but may not be what you meant: unknown crime codes, cases without suspects, persons with no tie.

        Example:
          sna validate samples/noerrebro
        """
    )

    @OptionGroup var input: InputOptions

    func run() throws {
        try reportingErrors {
            // A store validates its pull (the latest, or --pull) as the folder it was.
            // Every problem of the run in one pass: up to 50 errors per file (with a count of
            // the rest), then what the data could not say and what follows.
            let collector = InputErrorCollector(limit: 50)
            let ds = try input.loadDataset(notes: false, collect: collector)
            let findings = ds.columnFindings()
            var errors = collector.errors.map { "error: \($0)" } + findings.errors.map { "error: \($0)" }
            errors += collector.more.keys.sorted().map { "error: \($0): \(collector.more[$0]!) more error\(collector.more[$0]! == 1 ? "" : "s") not shown" }
            var warnings = findings.warnings + ds.warnings()
            let net = try NetworkBuilder.build(ds, options: input.buildOptions())
            let stats = NetworkStatistics(net)
            if let w = Self.cappedWarning(net.summary, cap: (try? input.loadPolicy())?.locationMaxPersons ?? 50) { warnings.append(w) }
            if stats.isolates > 0 {
                warnings.append("\(stats.isolates) of \(stats.nodes) nodes have no tie in the analysed graph (links: \(input.links ?? "default"))")
            }
            for n in ds.columnNotes { note("note: \(n)") }
            for e in errors { note(e) }
            for w in warnings { note("warning: \(w)") }
            if !errors.isEmpty {
                throw CLIError("\(ds.location): \(errors.count) error\(errors.count == 1 ? "" : "s") and \(warnings.count) warning\(warnings.count == 1 ? "" : "s") (listed above); nothing else was checked against them")
            }
            // Every possible duplicate (what a meeting must check), namesakes up to 50.
            let identity = ds.identityNotes()
            var namesakes = 0
            for n in identity {
                if n.kind == .possibleDuplicate {
                    note("note: \(n.first) and \(n.second) may be one person (\(n.why)); nothing is merged, evidence stays with each id")
                } else {
                    namesakes += 1
                    if namesakes <= 50 { note("note: \(n.first) and \(n.second) are namesakes (\(n.why)): different persons, do not merge") }
                }
            }
            if namesakes > 50 { note("note: \(namesakes - 50) more namesake pairs (same name, other birth date) not listed") }
            var parts = ["\(ds.persons.count) persons"]
            if !ds.cases.isEmpty { parts.append("\(ds.cases.count) cases") }
            if !ds.participations.isEmpty { parts.append("\(ds.participations.count) case roles") }
            if !ds.affiliations.isEmpty { parts.append("\(ds.affiliations.count) affiliations") }
            if !ds.sightings.isEmpty { parts.append("\(ds.sightings.count) sightings") }
            if !ds.links.isEmpty { parts.append("\(ds.links.count) links") }
            if !ds.log.isEmpty { parts.append("\(ds.log.count) log entries") }
            print("ok: \(ds.location): \(parts.joined(separator: ", ")); network \(stats.nodes) nodes, \(stats.edges) edges; \(warnings.count) warning\(warnings.count == 1 ? "" : "s")")
            let tags = ds.tagCounts()
            if !tags.isEmpty {
                print("case tags: " + tags.map { "\($0.tag) (\($0.cases) case\($0.cases == 1 ? "" : "s"))" }.joined(separator: ", ")
                      + " — a tag for police activity (e.g. stop-and-search) belongs in the policy's initiative_tags")
            }
        }
    }

    /// What the co-presence cap left out, in words (nil: nothing).
    static func cappedWarning(_ summary: BuildSummary, cap: Int) -> String? {
        let c = summary.cappedPlaceDays
        guard !c.isEmpty else { return nil }
        let top = c.prefix(3).map { "\($0.place) \($0.day) (\($0.persons) persons)" }.joined(separator: ", ")
        return "\(c.count) place-day\(c.count == 1 ? "" : "s") with more than \(cap) persons seen made no location ties (\(summary.cappedSightings) sightings; busiest: \(top)): a crowd is not co-presence (policy location_max_persons)"
    }
}
