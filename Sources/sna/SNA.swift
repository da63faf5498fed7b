import ArgumentParser
import Foundation
import Network
import Screening

@main
struct SNA: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sna",
        abstract: "Social-network analysis for crime analysis: persons, cases, gangs and places as a typed network.",
        discussion: """
        INPUT is a dataset folder (persons.csv plus optional cases.csv, case_persons.csv,
        affiliations.csv, sightings.csv, links.csv, log.csv), a folder with nodes.csv and
        edges.csv, or a single edge-list CSV (source,target[,weight]). See README.md.

        A store (sna.sqlite, made by `sna ingest`) keeps every pull, the log with its decided
        history, proposal runs, candidate lists and a hash-chained audit trail; every analysing
        command also takes a store as INPUT.

        Examples:
          sna report samples/noerrebro -o report            # the meeting pack (HTML)
          sna ingest samples/noerrebro --as-of 2015-12-31   # start a store: ./sna.sqlite
          sna propose sna.sqlite && sna decide R1-003 accept --by TSG --reason "agreed"
          sna log stats
          sna validate samples/noerrebro
          sna stats samples/noerrebro
          sna centrality samples/noerrebro --measures degree,betweenness,closeness --top 20
          sna centrality samples/noerrebro --format csv > scores.csv
          sna export samples/noerrebro --format dot > network.dot
        """,
        version: snaVersion,
        subcommands: [Validate.self, Stats.self, Centrality.self, Timeline.self, ChangesCommand.self, Groups.self, Path.self, Ego.self, Clusters.self, CorePeripheryCommand.self,
                      BrokerageCommand.self, KeyPlayersCommand.self, RobustnessCommand.self, Report.self, Ingest.self, Propose.self, Decide.self, LogCommand.self, PolicyCommand.self, Candidates.self, MeetingCommand.self, FollowUp.self, AuditCommand.self, PurgeCommand.self, Render.self, Export.self, Convert.self]
    )
}

let snaVersion = "0.1.0"
