import ArgumentParser
import Foundation
#if os(Linux)
/// glibc's `mallopt` (malloc.h is not in the Glibc module).
@_silgen_name("mallopt") private func mallopt(_ parameter: Int32, _ value: Int32) -> Int32
private let M_MMAP_THRESHOLD: Int32 = -3
#endif
import Network
import Screening

@main
struct SNA: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sna",
        abstract: "Social-network analysis for crime analysis: persons, cases, gangs and places as a typed network.",
        discussion: """
        INPUT is a dataset folder (persons.csv plus optional cases.csv, case_persons.csv, affiliations.csv, sightings.csv, links.csv, log.csv), a folder with nodes.csv and edges.csv, or a single edge-list CSV (source,target[,weight]). See README.md.

        A store (sna.sqlite, made by `sna ingest`) keeps every pull, the log with its decided history, proposal runs, candidate lists and a hash-chained audit trail; every analysing command also takes a store as INPUT.

        Examples:
          sna report samples/noerrebro -o report          # the meeting pack
          sna ingest samples/noerrebro --as-of 2015-12-31  # start ./sna.sqlite
          sna propose sna.sqlite
          sna decide R1-003 accept --actor TSG --reason "agreed"
          sna log stats
          sna validate samples/noerrebro
          sna stats samples/noerrebro
          sna centrality samples/noerrebro --measures degree,betweenness --top 20
          sna centrality samples/noerrebro --format csv > scores.csv
          sna export samples/noerrebro --format dot > network.dot
        """,
        version: snaVersion,
        subcommands: [Validate.self, Stats.self, CrimesCommand.self, ProfileCommand.self, Centrality.self, Timeline.self, ChangesCommand.self, Groups.self, PersonCommand.self, Path.self, Ego.self, Clusters.self, CorePeripheryCommand.self,
                      BrokerageCommand.self, KeyPlayersCommand.self, DisruptionCommand.self, LeadsCommand.self, ReachCommand.self, RobustnessCommand.self, Report.self, Ingest.self, Propose.self, Decide.self, LogCommand.self, PolicyCommand.self, Candidates.self, MeetingCommand.self, FollowUp.self, RequestCommand.self, AuditCommand.self, PurgeCommand.self, Render.self, Export.self, Convert.self]
    )
}

let snaVersion = "0.1.0"

extension SNA {
    /// Parses and runs; every error is one `error:` line (ArgumentParser's own messages
    /// included), and a mistyped command gets a suggestion.
    static func main() {
        #if os(Linux)
        // Large arrays (a million-edge graph's columns) are mapped and unmapped one by one: a
        // fixed threshold stops glibc from raising it after the first big free and then keeping
        // freed megabytes in the heap (it kept 7 MB of the 1M-edge PageRank run's peak).
        _ = mallopt(M_MMAP_THRESHOLD, 256 * 1024)
        #endif
        let args = Array(CommandLine.arguments.dropFirst())
        do {
            var command = try parseAsRoot(args)
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            var message = fullMessage(for: error)
            if message.hasPrefix("Error: ") { message = "error: " + message.dropFirst("Error: ".count) }
            if let first = args.first, !first.hasPrefix("-"), let hint = suggestion(for: first) { message += "\n" + hint }
            if !message.isEmpty { FileHandle.standardError.write(Data((message.hasSuffix("\n") ? message : message + "\n").utf8)) }
            Foundation.exit(code.rawValue)
        }
    }

    /// "did you mean 'report'?" for a first word that is not a command but close to one.
    static func suggestion(for word: String) -> String? {
        let names = configuration.subcommands.map { $0._commandName }
        guard !names.contains(word), !FileManager.default.fileExists(atPath: word) else { return nil }
        func distance(_ a: String, _ b: String) -> Int {
            let x = Array(a), y = Array(b)
            var row = Array(0...y.count)
            for i in 1...max(1, x.count) where !x.isEmpty {
                var prev = row[0]
                row[0] = i
                for j in 1...max(1, y.count) where !y.isEmpty {
                    let cur = row[j]
                    row[j] = min(row[j] + 1, row[j - 1] + 1, prev + (x[i - 1] == y[j - 1] ? 0 : 1))
                    prev = cur
                }
            }
            return row[y.count]
        }
        let best = names.map { ($0, distance(word.lowercased(), $0)) }.min { ($0.1, $0.0) < ($1.1, $1.0) }
        guard let best, best.1 <= max(1, best.0.count / 3) else { return nil }
        return "did you mean 'sna \(best.0)'?"
    }
}
