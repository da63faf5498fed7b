import ArgumentParser
import Foundation
import MeetingPack
import Network
import Screening
import Rendering
import Store

enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case html, md
}

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the meeting pack: one self-contained HTML report (or Markdown) with the CSV files it summarises.",
        discussion: """
        Sections: 1 data (period, counts, what was left out and why), 2 indicators (log size over time, A1/A2/B1/B2, under-18s, share deprived of liberty against the goal), 3 the network image, 4 centrality (top persons by four measures, sortable, with a robustness range beside each rank), 5 clusters, core/periphery and brokers, 6 proposals awaiting decision and the candidate list with each candidate's ego network, 7 method notes (conventions, policy, caveats, version, input digest).

        index.html has inline CSS and SVG and a small inline script (table sorting); it fetches nothing and prints on A4. Beside it: scores.csv, clusters.csv, brokers.csv, proposals.csv, candidates.csv (and log-stats.csv from a store). --format md writes report.md with the images as SVG files in images/.

        Persons appear by pseudonymous id; --names adds names (persons under 18 stay unnamed unless --show-minors) and, on a store, needs --purpose and is audited.

        Examples:
          sna report samples/noerrebro -o report
          sna report --store sna.sqlite -o report --actor analyst7
          sna report samples/noerrebro --format md -o report-md
        """
    )

    @Argument(help: "Dataset folder, or a store (default: --store, else ./sna.sqlite).")
    var input: String?

    @Option(name: .long, help: ArgumentHelp("The store to report on (instead of a folder).", valueName: "file"))
    var store: String?

    @Option(name: .long, help: ArgumentHelp("With a store: the pull to report on (default: the latest).", valueName: "id"))
    var pull: Int64?

    @Option(name: [.short, .long], help: ArgumentHelp("Output folder (created if missing).", valueName: "folder"))
    var output: String = "report"

    @Option(name: .long, help: "html (one self-contained file) or md (Markdown with image files).")
    var format: ReportFormat = .html

    @Option(name: .long, help: "Persons per measure in the centrality table, and brokers listed.")
    var top: Int = 10

    @Option(name: .long, help: "Candidates for the next meeting.")
    var candidates: Int = 10

    @Option(name: .customLong("robustness-runs"), help: "Re-runs with random deletions behind each rank's range.")
    var robustnessRuns: Int = 50

    @Option(name: .customLong("color-by"), help: "Colour of the network image: cluster, category, group, area, district.")
    var colorBy: String = "cluster"

    @Option(name: .customLong("size-by"), help: "Measure behind node size in the images.")
    var sizeBy: String = "betweenness"

    @Option(name: .long, help: ArgumentHelp("Policy file for the screening (YAML; see `sna policy`).", valueName: "file"))
    var policy: String?

    @Option(name: .long, help: "Goal for the share deprived of liberty, in percent.")
    var goal: Double = 25

    @Option(name: .long, help: "Seed for clusters, core/periphery and robustness.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "Leiden runs from --seed, the best kept: the pack's clusters are those of sna clusters --seed S --runs R.")
    var runs: Int = 1

    @Option(name: .long, help: ArgumentHelp("Generation date printed in the report (default: today, or SOURCE_DATE_EPOCH).", valueName: "date"))
    var generated: String?

    @Option(name: .long, help: ArgumentHelp("Kinds of tie the pack ranks and draws, comma-separated: co-offending, location (co-sightings), affiliation, analyst, a links.csv type, or all (default: co-offending,analyst).", valueName: "kinds"))
    var links: String?

    @Option(name: .long, help: ArgumentHelp("Only events on or after this day (YYYY-MM-DD).", valueName: "date"))
    var from: String?

    @Option(name: .long, help: ArgumentHelp("Only events on or before this day (YYYY-MM-DD).", valueName: "date"))
    var to: String?

    @Option(name: .long, help: ArgumentHelp("Only links whose links.csv period is one of these values (comma-separated).", valueName: "values"))
    var period: String?

    @OptionGroup var columns: ColumnOptions
    @OptionGroup var disclosure: DisclosureOptions
    @OptionGroup var recipient: RecipientOptions

    @OptionGroup var actor: ActorOptions

    var storePath: String? {
        if let store { return store }
        if let input { return Store.isStore(input) ? input : nil }
        return StoreOptions.defaultPath
    }

    func validate() throws {
        if input != nil && store != nil { throw ValidationError("Give either a folder or --store, not both.") }
        if runs < 1 || runs > 10_000 { throw ValidationError("--runs must be from 1 to 10000 (each run is a whole Leiden search).") }
        if top < 1 || candidates < 0 || robustnessRuns < 0 { throw ValidationError("--top must be at least 1; --candidates and --robustness-runs 0 or more.") }
        if !Measures.isKnown(sizeBy) { throw ValidationError("Unknown measure '\(sizeBy)' for --size-by.") }
        try actor.requirePurpose(disclosure)
        if pull != nil && storePath == nil { throw ValidationError("--pull needs a store.") }
        if let from, Day(iso: from) == nil { throw ValidationError("--from '\(from)' is not a date; write YYYY-MM-DD.") }
        if let to, Day(iso: to) == nil { throw ValidationError("--to '\(to)' is not a date; write YYYY-MM-DD.") }
        if let f = from.flatMap(Day.init(iso:)), let t = to.flatMap(Day.init(iso:)), t < f { throw ValidationError("--to \(t) is before --from \(f).") }
    }

    func generationDay() -> String { snaGenerationDay(generated) }

    func run() throws {
        try reportingErrors {
            var o = ReportOptions()
            o.columns = try columns.map()
            o.seed = seed; o.clusterRuns = runs; o.top = top; o.names = disclosure.names; o.showMinors = disclosure.showMinors; o.candidates = candidates
            o.robustnessRuns = robustnessRuns; o.sizeBy = sizeBy; o.colorBy = colorBy; o.goal = goal
            o.generated = generationDay()
            o.toolVersion = snaVersion
            if let policy { o.policy = try Policy(yamlFile: URL(fileURLWithPath: policy), file: policy) }
            o.build.locationMaxPersons = o.policy.locationMaxPersons
            if let links {
                o.build.links = LinkSelection(parsing: links)
                o.networkLabel = "ties of kind \(links) (--links)"
            }
            o.build.from = from.flatMap(Day.init(iso:))
            o.build.to = to.flatMap(Day.init(iso:))
            o.build.periods = period.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
            o.recipient = try recipient.resolve(o.policy)
            let folder = input.flatMap { Store.isStore($0) ? nil : $0 }
            if input == nil && store == nil, let path = storePath, !FileManager.default.fileExists(atPath: path) {
                throw CLIError("no input: give a dataset folder (sna report samples/noerrebro -o report) or a store (--store FILE); \(path) does not exist")
            }
            let s: Store? = folder == nil ? try Store(path: storePath!) : nil
            let progress = Progress(total: 14 + candidates + 6)
            let builder = try ReportBuilder(folder: folder, store: s, pull: pull, options: o, progress: progress)
            let doc = try builder.build()
            progress.done()
            if !builder.restrictedOut.isEmpty {
                note("note: \(builder.restrictedOut.count) person\(builder.restrictedOut.count == 1 ? " is" : "s are") left out of the pack, restricted by an open request: "
                     + builder.restrictedOut.map { "\($0.person) (request \($0.request.id), \($0.request.kind.rawValue))" }.joined(separator: ", "))
            }
            // Everything is computed before anything is written; the folder is written beside
            // its place, the report recorded, and only then the folder swapped in whole.
            let folderOut = try ReportFolder(output)
            let dir = folderOut.target
            var written: [String] = []
            do {
                switch format {
                case .html:
                    try folderOut.write(Data(HTMLReport.write(doc).utf8), "index.html")
                    written.append("index.html")
                case .md:
                    let (md, images) = MarkdownReport.write(doc)
                    for img in images { try folderOut.write(Data(img.svg.utf8), img.name) }
                    try folderOut.write(Data(md.utf8), "report.md")
                    written.append("report.md")
                    if !images.isEmpty { written.append("images/ (\(images.count) SVG)") }
                }
                for f in doc.files {
                    try folderOut.write(Data(f.text.utf8), f.name)
                    written.append(f.name)
                }
                if let s {
                    let sent = o.recipient.map { r in "; for \(r.name)" + (builder.sentPersons.map { ": \($0.count) persons: \($0.joined(separator: " "))" } ?? "") } ?? ""
                    try s.recordAction(by: actor.actor, action: .report,
                                       what: "report (\(format.rawValue)) to \(output) on pull \(builder.pull?.id ?? 0)\(disclosure.discloses ? ", " + disclosure.described : "")\(sent); policy sha256:\(Store.sha256(Data(o.policy.yaml.utf8)).prefix(16))",
                                       purpose: actor.purpose, persons: builder.sentPersons ?? builder.personsInPack)
                }
            } catch {
                folderOut.discard()
                throw error
            }
            try folderOut.commit()
            let main = dir.appendingPathComponent(format == .html ? "index.html" : "report.md").path
            note("wrote \(written.joined(separator: ", ")) in \(dir.path)")
            print(main)
        }
    }
}
