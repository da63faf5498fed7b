import ArgumentParser
import Foundation
import Network
import Screening
import Store

struct PurgeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "purge",
        abstract: "Remove persons past the retention period from every pull and table of the store (--dry-run shows who).",
        discussion: """
        Retention (LED 2016/680 Art. 5): persons who left the log, or never entered it, longer ago than the policy's retention_months (default 60; set it to what your national law allows) and with no case, sighting, link or ongoing affiliation since, are removed from every pull's files, the log, proposals and candidate lists. A per-person tombstone id stays where a row must (the log's history, decisions), audit records that named them keep their hash as tombstones listed in the purge's own record (so `sna audit verify` still passes), and the file is vacuumed with secure_delete so no copy stays in free pages. Persons on the log are never purged.

        Examples:
          sna purge --store sna.sqlite --dry-run
          sna purge --store sna.sqlite --actor analyst7 --purpose "annual review"
        """
    )

    @OptionGroup var store: StoreOptions

    @Option(name: .long, help: ArgumentHelp("Policy file (retention_months).", valueName: "file"))
    var policy: String?

    @Flag(name: .customLong("dry-run"), help: "List who would be purged; change nothing.")
    var dryRun = false

    @OptionGroup var actor: ActorOptions

    func run() throws {
        try reportingErrors {
            let rules = try loadPolicyFile(policy)
            let s = try store.open(readOnly: dryRun)
            let plan = try s.purgePlan(policy: rules, today: s.today)
            var t = TextTable(header: ["person_id", "why"])
            t.rows = plan.persons.map { [$0.id, $0.why] }
            if plan.persons.isEmpty {
                print("nobody is past the retention period (\(rules.retentionMonths) months: off the log before \(plan.cutoff))")
                return
            }
            if dryRun {
                print("\(plan.persons.count) persons would be purged (off the log before \(plan.cutoff), no later evidence):")
                print(t.render(), terminator: "")
                return
            }
            let tombstones = try s.purge(plan, by: actor.actor, purpose: actor.purpose, policy: policy == nil ? nil : rules)
            print("purged \(plan.persons.count) persons; \(tombstones) audit records kept as tombstones; the store was vacuumed")
        }
    }
}
