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
            let ds = try input.loadDataset(notes: false)
            let net = try NetworkBuilder.build(ds, options: input.buildOptions())
            let stats = NetworkStatistics(net)
            var warnings = ds.warnings()
            if stats.isolates > 0 {
                warnings.append("\(stats.isolates) of \(stats.nodes) nodes have no tie in the analysed graph (links: \(input.links ?? "default"))")
            }
            for w in warnings { note("warning: \(w)") }
            for n in ds.identityNotes() {
                note(n.kind == .possibleDuplicate
                     ? "note: \(n.first) and \(n.second) may be one person (\(n.why)); nothing is merged, evidence stays with each id"
                     : "note: \(n.first) and \(n.second) are namesakes (\(n.why)): different persons, do not merge")
            }
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
}
