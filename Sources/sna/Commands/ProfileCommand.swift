import ArgumentParser
import Foundation
import MeetingPack
import Network
import Screening
import Store

/// `sna profile ID INPUT`: one person on one A4 page.
struct ProfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile",
        abstract: "One person on one printable A4 page: who, category and evidence, position, ego network, timeline, follow-ups.",
        discussion: """
        The subject profile of the National Intelligence Model: who (pseudonym, age band, district, subject category), the log category and the screening's evidence, the position in the network (degree and betweenness with ranks, cluster, primary group, core or periphery), the ego network, and a timeline of cases, sightings, decisions and follow-ups (newest first). Pseudonymous unless --names (with --purpose); on a store the profile is recorded before it is written.

        Examples:
          sna profile P0012 samples/noerrebro -o P0012.html
          sna profile P0012 sna.sqlite --links co-offending -o P0012.html
        """)

    @Argument(help: "The person's id.") var person: String
    @Argument(help: "Dataset folder or a store.") var input: String
    @Option(name: .long, help: ArgumentHelp("With a store: the pull (default the latest).", valueName: "id")) var pull: Int64?
    @Option(name: .long, help: ArgumentHelp("Kinds of tie, as `sna report --links` (default co-offending,analyst).", valueName: "kinds")) var links: String?
    @Option(name: .long, help: ArgumentHelp("Policy file (YAML).", valueName: "file")) var policy: String?
    @Option(name: .long, help: "Seed for clusters and core/periphery.") var seed: UInt64 = 1
    @OptionGroup var columns: ColumnOptions
    @OptionGroup var disclosure: DisclosureOptions
    @OptionGroup var actor: ActorOptions
    @OptionGroup var output: OutputOptions

    func validate() throws { try actor.requirePurpose(disclosure) }

    func run() throws {
        try reportingErrors {
            var o = ReportOptions()
            o.columns = try columns.map()
            o.seed = seed
            o.names = disclosure.names
            o.showMinors = disclosure.showMinors
            o.generated = snaGenerationDay(nil)
            o.toolVersion = snaVersion
            o.robustnessRuns = 0
            if let policy { o.policy = try Policy(yamlFile: URL(fileURLWithPath: policy), file: policy) }
            o.build.locationMaxPersons = o.policy.locationMaxPersons
            if let links {
                o.build.links = LinkSelection(parsing: links)
                o.networkLabel = "ties of kind \(links) (--links)"
            }
            let isStore = Store.isStore(input)
            if pull != nil && !isStore { throw CLIError("--pull needs a store as input (\(input) is not one)") }
            let s: Store? = isStore ? try Store(path: input, readOnly: !Store.isWritable(input)) : nil
            final class Quiet: ProgressSink { func step(_ what: String) {} }
            let builder = try ReportBuilder(folder: isStore ? nil : input, store: s, pull: pull, options: o, progress: Quiet())
            if builder.restrictedOut.contains(where: { $0.person == person }) {
                throw CLIError("\(person)'s entry is restricted by an open request (`sna request list --open`): no profile is made until it is resolved")
            }
            let doc = try builder.profileDocument(person)
            let html = Data(HTMLReport.write(doc).utf8)
            let what = "profile of \(person)\(disclosure.discloses ? " (\(disclosure.described))" : " (pseudonymous)") to \(output.output ?? "stdout")"
            let rec: Recorder? = isStore ? { try actor.record(store: input, action: .disclose, what: what, persons: [person]) } : nil
            try output.emit(html, record: rec)
        }
    }
}
