import ArgumentParser
import Foundation
import Network
import Screening
import Store

extension RequestKind: ExpressibleByArgument {}
extension RequestOutcome: ExpressibleByArgument {}

/// A person's requests about their entry: access, contest, rectification, erasure.
struct RequestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "request",
        abstract: "A person's requests (access, contest, rectification, erasure): record them, list them, resolve them.",
        discussion: """
        The person's rights under the Law Enforcement Directive (Danish retshåndhævelsesloven): access to what is held about them (Art. 14; `sna person ID --access` writes the report), rectification and erasure (Art. 16). A request is due request_days (policy, default 30) after it was received; `sna followup due` lists the open ones, late ones first. While a contest, rectification or erasure request is open, the person's entry is restricted: left out of candidate lists, meeting packs and recipient exports, and every such omission is said.

        Recording a request needs the analyst role; resolving one the decider role (policy `roles`). Both are recorded in the audit trail with the account.

        Examples:
          sna request add P0012 contest --received 2016-01-20 --note "says he moved away in 2014"
          sna request list --open
          sna request resolve 1 corrected --reason "moved 2014-06: removal decided, R2-014" --day 2016-02-03
        """,
        subcommands: [Add.self, List.self, Resolve.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a request received from a person.")
        @Argument(help: "The person's id.") var person: String
        @Argument(help: "access, contest, rectification or erasure.") var kind: RequestKind
        @Option(name: .long, help: ArgumentHelp("The day it was received (default: today).", valueName: "date")) var received: String?
        @Option(name: .long, help: ArgumentHelp("What the person asks or says.", valueName: "text")) var note: String = ""
        @Option(name: .long, help: ArgumentHelp("Policy file (YAML): request_days.", valueName: "file")) var policy: String?
        @OptionGroup var store: StoreOptions
        @OptionGroup var actor: ActorOptions

        func validate() throws {
            if let received, Day(iso: received) == nil { throw ValidationError("--received '\(received)' is not a date; write YYYY-MM-DD.") }
        }

        func run() throws {
            try reportingErrors {
                let rules = try loadPolicyFile(policy)
                let s = try store.open()
                let q = try s.recordRequest(person: person, kind: kind, received: received.flatMap(Day.init(iso:)) ?? s.today, note: note,
                                            by: actor.actor, purpose: actor.purpose, policy: rules)
                print("request \(q.id): \(q.kind.rawValue) by \(q.personID), received \(q.received), due \(q.due)"
                      + (q.restricting ? "; \(q.personID)'s entry is restricted until it is resolved" : ""))
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The requests, oldest first.",
            discussion: "CSV header: request,person_id,kind,received,due,status,outcome,resolved_on,resolved_by,note")
        @Flag(name: .long, help: "Only the open ones.") var open = false
        @Option(name: .long, help: ArgumentHelp("Only this person's.", valueName: "id")) var person: String?
        @Option(name: .long, help: "Output format: table, csv or json.") var format: ClusterFormat = .table
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            try reportingErrors {
                let s = try store.open(readOnly: true)
                let today = s.today
                let rows = try s.requests(person: person).filter { !open || $0.outcome == nil }.map { q in
                    [String(q.id), q.personID, q.kind.rawValue, q.received.description, q.due.description,
                     q.outcome != nil ? "resolved" : today > q.due ? "late (\(today.ordinal - q.due.ordinal) days)" : "open",
                     q.outcome?.rawValue ?? "", q.resolvedOn?.description ?? "", q.resolvedBy ?? "", q.note]
                }
                if rows.isEmpty && format == .table { note("no request\(open ? " is open" : " is recorded")") }
                try output.emitRows(header: ["request", "person_id", "kind", "received", "due", "status", "outcome", "resolved_on", "resolved_by", "note"],
                                    rows: rows, format: format, truncate: ["note": 50])
            }
        }
    }

    struct Resolve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record what became of a request: answered, granted, refused, corrected or erased.",
            discussion: "An access request is answered (or refused); a contest or rectification granted, corrected or refused; an erasure erased, granted or refused. The correction itself is a decision (`sna decide … revoke`, or a proposal decided); the outcome records the answer to the person. Resolving lifts the restriction.")
        @Argument(help: "The request number (`sna request list`).") var id: Int64
        @Argument(help: "answered, granted, refused, corrected or erased.") var outcome: RequestOutcome
        @Option(name: .long, help: ArgumentHelp("Why (required; the person is told).", valueName: "text")) var reason: String
        @Option(name: .long, help: ArgumentHelp("The day of the answer (default: today).", valueName: "date")) var day: String?
        @OptionGroup var store: StoreOptions
        @OptionGroup var actor: ActorOptions

        func validate() throws {
            if reason.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("Say why with --reason \"...\".") }
            if let day, Day(iso: day) == nil { throw ValidationError("--day '\(day)' is not a date; write YYYY-MM-DD.") }
        }

        func run() throws {
            try reportingErrors {
                let s = try store.open()
                let q = try s.resolveRequest(id, outcome: outcome, reason: reason, day: day.flatMap(Day.init(iso:)) ?? s.today, by: actor.actor, purpose: actor.purpose)
                print("request \(q.id) (\(q.kind.rawValue) by \(q.personID)): \(q.outcome!.rawValue) on \(q.resolvedOn!)"
                      + (q.resolvedOn! > q.due ? ", \(q.resolvedOn!.ordinal - q.due.ordinal) days after it was due" : ""))
            }
        }
    }
}
