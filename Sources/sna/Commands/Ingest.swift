import ArgumentParser
import Foundation
import Network
import Store

struct Ingest: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load a dataset folder into the store as a pull (a dated snapshot).",
        discussion: """
        The folder is checked in full first (as `sna validate` does); then its files are kept in the store, in one transaction: killed at any point, the store holds the previous state and nothing else. Every pull is kept, so the network can be rebuilt as of any pull (`--pull N` on any analysing command with the store as INPUT). Unchanged files are stored once. The first pull's log.csv becomes the log; later log.csv files are compared with the store's log and differences reported, since the log changes only by decisions. The store is created (mode 0600, WAL) if it does not exist.

        Examples:
          sna ingest samples/noerrebro --as-of 2015-12-31
          sna ingest pulls/2016-01 --as-of 2016-01-31 --store /secure/gang.sqlite
        """
    )

    @Argument(help: "Dataset folder (persons.csv, cases.csv, …, log.csv).")
    var folder: String

    @Option(name: .customLong("as-of"), help: ArgumentHelp("The pull's date (YYYY-MM-DD).", valueName: "date"))
    var asOf: String

    @Flag(name: .long, help: "Ingest even when the latest pull holds the same files as of the same day (a deliberate second pull).")
    var force = false

    @OptionGroup var columns: ColumnOptions
    @OptionGroup var store: StoreOptions
    @OptionGroup var actor: ActorOptions

    func validate() throws {
        if Day(iso: asOf) == nil { throw ValidationError("--as-of '\(asOf)' is not a date; write YYYY-MM-DD.") }
    }

    func run() throws {
        try reportingErrors {
            let r: IngestResult
            let s = try store.open(create: true)
            do {
                r = try s.ingest(folder: folder, asOf: Day(iso: asOf)!, by: actor.actor, purpose: actor.purpose, force: force, columns: try columns.map())
            } catch {
                // A store this run created, for a pull that failed, is removed again — only while
                // it is still empty (another run may have opened it since).
                if s.created, (try? s.pulls().isEmpty) == true {
                    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: store.path + suffix) }
                }
                throw error
            }
            var text = "pull \(r.pull.id) as of \(r.pull.asOf): \(r.pull.persons) persons, \(r.pull.cases) cases into \(s.path)"
            if !r.unchangedFiles.isEmpty { text += " (unchanged since an earlier pull: \(r.unchangedFiles.joined(separator: ", ")))" }
            text += "\n"
            if r.baselineEntries > 0 { text += "log: \(r.baselineEntries) entries from log.csv as the baseline\n" }
            if r.baselineAfterPull > 0 {
                text += "note: \(r.baselineAfterPull) log.csv entr\(r.baselineAfterPull == 1 ? "y is" : "ies are") dated after --as-of: taken as on the log on \(r.pull.asOf)\n"
            }
            if !r.logDifferences.isEmpty {
                text += "log.csv differs from the store's log in \(r.logDifferences.count) entr\(r.logDifferences.count == 1 ? "y" : "ies") (not applied: the log changes only by decisions):\n"
                text += r.logDifferences.prefix(20).map { "  \($0)\n" }.joined()
                if r.logDifferences.count > 20 { text += "  …\n" }
            }
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }
}
