import ArgumentParser
import Foundation
import Network
import Store

enum Verdict: String, ExpressibleByArgument, CaseIterable {
    case accept, reject, revoke
}

struct Decide: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Record the target-selection group's decision on proposals; accepted ones change the log.",
        discussion: """
        Nothing enters or leaves the log without a decision. A proposal is decided once, only while its proposal run is the latest, and only while the log still reads as it did when the proposal was made (otherwise it is stale: run `sna propose` again). The change takes effect on the proposal's as-of date unless --effective says otherwise.

        Who acts: the account running sna must hold the decider role (policy `roles`), and under the two-person rule (policy `two_person_rule`, on by default) it may not be the account that made the proposal run. --attest is the decider's statement that they have read the evidence; it is kept with each decision and in its audit record, with the account.

        `revoke` corrects an earlier decision: a new event reverses what it did to the log (an add becomes a leave, a removal an entry in the earlier category, a change of category the category before, a route no longer counts); the decision stays in the history beside its revocation, and `log history` shows the revoker and the reason. A revoked rejection lets the screening propose the same again.

        Batch form: --batch FILE, a CSV with columns proposal_id,decision[,reason][,by][,effective] (decision accept or reject). The batch is all or nothing: one bad row and no decision of it is recorded; the error names the file, line and field.

        Examples:
          sna decide R1-004 accept --actor "TSG 2016-01-12" --reason "minutes §3" --attest
          sna decide R1-007 reject --actor "TSG 2016-01-12" --reason "has a job" --attest
          sna decide --batch decisions.csv --actor "TSG meeting 2016-01-12" --attest
          sna decide R1-004 revoke --actor "TSG 2016-03-08" --reason "namesake"
        """
    )

    @Argument(help: "The proposal id (e.g. R1-004).")
    var proposal: String?

    @Argument(help: "accept, reject, or revoke (an earlier decision).")
    var verdict: Verdict?

    @Option(name: .long, help: ArgumentHelp("Why (required; goes into the log history and the audit trail).", valueName: "text"))
    var reason: String?

    @Option(name: .long, help: ArgumentHelp("Day the change takes effect (default: the proposal's as-of date).", valueName: "date"))
    var effective: String?

    @Option(name: .long, help: ArgumentHelp("CSV of decisions: proposal_id,decision[,reason][,by][,effective].", valueName: "file"))
    var batch: String?

    @Flag(name: .long, help: "I have read the evidence of each proposal decided (required for accept and reject; kept with the decision).")
    var attest = false

    @OptionGroup var store: StoreOptions
    @OptionGroup var actor: ActorOptions

    func validate() throws {
        if batch == nil {
            guard proposal != nil, verdict != nil else { throw ValidationError("Give a proposal id and accept|reject, or --batch FILE.") }
            if (reason ?? "").trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("Say why with --reason \"...\".") }
        } else if proposal != nil {
            throw ValidationError("Give either a proposal id or --batch, not both.")
        }
        if verdict != .revoke && !attest {
            throw ValidationError("A decision carries your attestation that you have read the evidence: add --attest (kept with the decision and in the audit trail).")
        }
        if let effective, Day(iso: effective) == nil { throw ValidationError("--effective '\(effective)' is not a date; write YYYY-MM-DD.") }
    }

    /// The decider's statement, as kept with the decision.
    func attestation(_ id: String, by who: String? = nil) -> String { "\(who ?? actor.actor) has read the evidence of \(id)" }

    func run() throws {
        try reportingErrors {
            let s = try store.open()
            var requests: [Store.DecisionRequest] = []
            if let batch {
                let csv = try CSVReader(url: URL(fileURLWithPath: batch), file: batch)
                try csv.require(["proposal_id", "decision"])
                let pid = csv.column("proposal_id")!, dec = csv.column("decision")!
                let why = csv.column("reason"), by = csv.column("by"), eff = csv.column("effective")
                try csv.forEachRecord { rec in
                    let id = rec.fields[pid].trimmingCharacters(in: .whitespaces)
                    if id.isEmpty { throw InputError(file: batch, line: rec.line, field: "proposal_id", "empty") }
                    guard let v = Verdict(rawValue: rec.fields[dec].trimmingCharacters(in: .whitespaces).lowercased()), v != .revoke else {
                        throw InputError(file: batch, line: rec.line, field: "decision", "'\(rec.fields[dec])' is not accept or reject (revoke one decision at a time)")
                    }
                    let r = why.map { rec.fields[$0] }.flatMap { $0.isEmpty ? nil : $0 } ?? reason
                    guard let r, !r.trimmingCharacters(in: .whitespaces).isEmpty else {
                        throw InputError(file: batch, line: rec.line, field: "reason", "empty (say why, or give --reason for the whole batch)")
                    }
                    var day = effective.flatMap(Day.init(iso:))
                    if let eff, !rec.fields[eff].isEmpty {
                        guard let d = Day(iso: rec.fields[eff]) else {
                            throw InputError(file: batch, line: rec.line, field: "effective", "'\(rec.fields[eff])' is not a date (YYYY-MM-DD)")
                        }
                        day = d
                    }
                    let who = by.map { rec.fields[$0] }.flatMap { $0.isEmpty ? nil : $0 } ?? actor.actor
                    requests.append(.init(proposalID: id, verdict: v == .accept ? .accept : .reject, by: who, reason: r, effective: day,
                                          origin: "\(batch):\(rec.line)", attestation: attestation(id, by: who)))
                }
                if requests.isEmpty { throw CLIError("\(batch): no decisions in the file") }
            } else if verdict == .revoke {
                print(try s.revoke(proposal!, by: actor.actor, reason: reason!, effective: effective.flatMap(Day.init(iso:)), purpose: actor.purpose))
                return
            } else {
                requests = [.init(proposalID: proposal!, verdict: verdict! == .accept ? .accept : .reject, by: actor.actor, reason: reason!,
                                  effective: effective.flatMap(Day.init(iso:)), attestation: attestation(proposal!))]
            }
            let done = try s.decide(requests, purpose: actor.purpose)
            print(done.joined(separator: "\n"))
        }
    }
}
