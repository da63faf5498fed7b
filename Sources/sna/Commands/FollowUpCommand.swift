import ArgumentParser
import Foundation
import Network
import Screening
import Store

extension FollowUpStatus: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased().replacingOccurrences(of: "-", with: "_")) }
}

struct FollowUp: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "followup",
        abstract: "Record what followed a decided route or a meeting's candidate; list what is due.",
        discussion: """
        An ITEM is a decided route's proposal id (R1-012: youth screening or SSP+ hand-over) or
        LIST/PERSON for a person on a recorded candidate list (3/P0012). Statuses:
          youth screening (DKS):  decision talk|no_talk, home_visit, follow_up
          SSP+ hand-over:         awaiting_letter, contacted, positive_development, concern,
                                  no_contact custody|moved|declined|<other reason>
          candidate of a meeting: screened, letter_sent, not_relevant, referred <to whom>
        A decision is due within youth_decision_hours (policy, default 24) of the gang case that triggered the youth screening (else of the route's decision), a follow-up within follow_up_days (default 14) of a home visit, a candidate's outcome on the meeting day. Deadlines run on calendar days: a case on a Sunday has its decision due on Monday.

        Examples:
          sna followup R1-012 decision talk --on 2015-03-02 --actor DKS
          sna followup R1-012 home_visit --on 2015-03-05 --actor DKS
          sna followup R1-020 no_contact custody --actor "SSP+"
          sna followup 3/P0012 letter_sent --actor "coordination group 2015-11-25"
          sna followup --batch followups.csv --actor DKS
          sna followup due --within 7
          sna followup list R1-012
        """,
        subcommands: [Record.self, Due.self, List.self],
        defaultSubcommand: Record.self
    )
}

extension FollowUp {
    struct Record: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record one follow-up (the default), or a batch from CSV.",
            discussion: """
            Batch form: --batch FILE, a CSV with columns item,status[,detail][,on][,note][,by]. The batch is all or nothing: one refused row and none is recorded; the error names the file and line. A status that cannot follow the item's last ones (a home visit before a decision to talk, a positive development before contact, a letter after "not relevant") is refused with the reason.
            """)

        @Argument(help: "The item: a decided route's proposal id (R1-012) or LIST/PERSON (3/P0012).")
        var item: String?

        @Argument(help: "The status (see `sna followup --help`).")
        var status: FollowUpStatus?

        @Argument(help: "The status's detail: talk|no_talk for a decision, the reason for no_contact, to whom for referred.")
        var detail: String?

        @Option(name: .long, help: ArgumentHelp("The day it happened (default: today).", valueName: "date"))
        var on: String?

        @Option(name: .long, help: ArgumentHelp("A note (goes into the store and the audit trail).", valueName: "text"))
        var note: String = ""

        @Option(name: .long, help: ArgumentHelp("CSV of follow-ups: item,status[,detail][,on][,note][,by].", valueName: "file"))
        var batch: String?

        @OptionGroup var store: StoreOptions
        @OptionGroup var actor: ActorOptions

        func validate() throws {
            if batch == nil {
                guard item != nil, status != nil else {
                    throw ValidationError("Give an ITEM and a STATUS (e.g. sna followup R1-012 decision talk), or --batch FILE.")
                }
            } else if item != nil {
                throw ValidationError("Give either an item or --batch, not both.")
            }
            if let on, Day(iso: on) == nil { throw ValidationError("--on '\(on)' is not a date; write YYYY-MM-DD.") }
        }

        func run() throws {
            try reportingErrors {
                let s = try store.open()
                var requests: [Store.FollowUpRequest] = []
                if let batch {
                    let csv = try CSVReader(url: URL(fileURLWithPath: batch), file: batch)
                    try csv.require(["item", "status"])
                    let ic = csv.column("item")!, sc = csv.column("status")!
                    let dc = csv.column("detail"), oc = csv.column("on"), nc = csv.column("note"), bc = csv.column("by")
                    try csv.forEachRecord { rec in
                        let id = rec.fields[ic].trimmingCharacters(in: .whitespaces)
                        if id.isEmpty { throw InputError(file: batch, line: rec.line, field: "item", "empty") }
                        guard let st = FollowUpStatus(argument: rec.fields[sc].trimmingCharacters(in: .whitespaces)) else {
                            throw InputError(file: batch, line: rec.line, field: "status",
                                             "'\(rec.fields[sc])' is not a status (\(FollowUpStatus.allCases.map(\.rawValue).joined(separator: ", ")))")
                        }
                        var day = on.flatMap(Day.init(iso:))
                        if let oc, !rec.fields[oc].isEmpty {
                            guard let d = Day(iso: rec.fields[oc].trimmingCharacters(in: .whitespaces)) else {
                                throw InputError(file: batch, line: rec.line, field: "on", "'\(rec.fields[oc])' is not a date (YYYY-MM-DD)")
                            }
                            day = d
                        }
                        let who = bc.map { rec.fields[$0] }.flatMap { $0.isEmpty ? nil : $0 } ?? actor.actor
                        requests.append(.init(item: id, status: st, detail: dc.map { rec.fields[$0] } ?? "", day: day,
                                              note: nc.map { rec.fields[$0] } ?? note, by: who, origin: "\(batch):\(rec.line)"))
                    }
                    if requests.isEmpty { throw CLIError("\(batch): no follow-ups in the file") }
                } else {
                    requests = [.init(item: item!, status: status!, detail: detail ?? "", day: on.flatMap(Day.init(iso:)), note: note, by: actor.actor)]
                }
                let done = try s.recordFollowUps(requests, purpose: actor.purpose)
                print(done.map { "recorded: \($0)" }.joined(separator: "\n"))
            }
        }
    }

    struct Due: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "What is overdue or due soon: youth decisions, home-visit follow-ups, meeting outcomes, persons' requests.",
            discussion: """
            One row per open deadline on the as-of day (default today): overdue ones and those due within --within days, oldest deadline first. days_overdue is the number of days past the deadline (0: due today; negative: days left). A recorded decision takes a youth item off the list, a follow-up its home visit, any outcome (screened, letter_sent, not_relevant, referred) a candidate, `sna request resolve` a request (kind `request`, item `request N`, due request_days after it was received). Ids are pseudonymous; --names adds names (minors stay unnamed without --show-minors) and needs --purpose, which the audit records.

            CSV header: item,person_id,kind,due,days_overdue (+ name with --names)
            """)

        @Option(name: .long, help: ArgumentHelp("Also what falls due within this many days.", valueName: "days"))
        var within: Int = 7

        @Option(name: .customLong("as-of"), help: ArgumentHelp("The day to judge on (default: today).", valueName: "date"))
        var asOf: String?

        @Option(name: .long, help: ArgumentHelp("Policy file (YAML): youth_decision_hours and follow_up_days.", valueName: "file"))
        var policy: String?

        @Option(name: .long, help: "Output format: table, csv or json.") var format: ClusterFormat = .table
        @OptionGroup var disclosure: DisclosureOptions
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var actor: ActorOptions

        func validate() throws {
            if within < 0 { throw ValidationError("--within must be 0 or more days.") }
            if let asOf, Day(iso: asOf) == nil { throw ValidationError("--as-of '\(asOf)' is not a date; write YYYY-MM-DD.") }
            try actor.requirePurpose(disclosure)
        }

        func run() throws {
            try reportingErrors {
                let rules = try loadPolicyFile(policy)
                let s = try store.open(readOnly: true)
                let day = asOf.flatMap(Day.init(iso:)) ?? s.today
                // The follow-up deadlines and the persons' open requests (due request_days after
                // they were received), oldest deadline first.
                typealias Row = (item: String, personID: String, kind: String, due: Day, daysOverdue: Int, track: String, from: String, made: Day?)
                var due: [Row] = try s.dueItems(asOf: day, within: within, policy: rules).map {
                    ($0.item, $0.personID, $0.kind.rawValue, $0.due, $0.daysOverdue, $0.track.rawValue, $0.from, $0.made)
                }
                for q in try s.requests() where q.outcome == nil && q.due <= day.adding(days: within) {
                    due.append(("request \(q.id)", q.personID, "request", q.due, day.ordinal - q.due.ordinal, "rights",
                                "\(q.kind.rawValue) received \(q.received)\(q.kind.restricts ? " (entry restricted)" : "")", q.received))
                }
                due.sort { ($0.due, $0.item) < ($1.due, $1.item) }
                var names: [String: String] = [:]
                if disclosure.names, !due.isEmpty {
                    let ds = try s.dataset(pull: nil).1
                    // Age on the day the item was made (and on the day judged): who was a
                    // minor when the route or list was decided stays unnamed.
                    for d in due {
                        let p = ds.personIndex[d.personID].map { ds.persons[$0] }
                        let young = [d.made, day].compactMap { $0 }.map { disclosure.shown(p, disclosure.rule(asOf: $0, policy: rules)) }
                        names[d.personID] = young.contains("(minor)") ? "(minor)" : young.last ?? ""
                    }
                }
                let header = ["item", "person_id"] + (disclosure.names ? ["name"] : []) + ["kind", "due", "days_overdue"]
                    + (format == .csv ? [] : ["track", "from"])
                let rows = due.map { d in
                    [d.item, d.personID] + (disclosure.names ? [names[d.personID] ?? ""] : []) + [d.kind, d.due.description, String(d.daysOverdue)]
                        + (format == .csv ? [] : [d.track, d.from])
                }
                let late = due.filter { $0.daysOverdue > 0 }.count
                let rec: Recorder? = disclosure.discloses ? {
                    try actor.record(store: store.path, action: .disclose, what: "followup due as of \(day): \(due.count) items (\(disclosure.described))",
                                     persons: due.map(\.personID))
                } : nil
                try output.emitRows(header: header, rows: rows, format: format,
                                           title: "as of \(day): \(late) overdue, \(due.count - late) due within \(within) days", record: rec)
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Every item with its latest status, or one item's history.",
            discussion: """
            CSV header (all items): item,person_id,track,start,status,status_day
            CSV header (one item): day,status,detail,note,recorded_by,recorded_at
            """)

        @Argument(help: "An item (R1-012 or 3/P0012): its history.")
        var item: String?

        @Option(name: .long, help: "Only this track: youth, ssp or candidate.")
        var track: String?

        @Option(name: .long, help: "Output format: table, csv or json.") var format: ClusterFormat = .table
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            if let track, FollowUpTrack(rawValue: track) == nil { throw ValidationError("--track must be youth, ssp or candidate.") }
        }

        func run() throws {
            try reportingErrors {
                let s = try store.open(readOnly: true)
                if let item {
                    let it = try s.followUpItem(item)
                    let rows = it.events.map { [$0.day.description, $0.status.rawValue, $0.detail, $0.note, $0.recordedBy, $0.recordedAt] }
                    let from = it.triggerDay.map { ", gang case \(it.triggerCase ?? "") on \($0)" } ?? ""
                    try output.emitRows(header: ["day", "status", "detail", "note", "recorded_by", "recorded_at"], rows: rows, format: format,
                                               title: "\(it.item) \(it.personID): \(it.track.label) from \(it.start)\(from)")
                    return
                }
                let items = try s.followUpItems().filter { i in track.map { i.track.rawValue == $0 } ?? true }
                let rows = items.map { i in
                    [i.item, i.personID, i.track.rawValue, i.start.description, i.latest.map { $0.status.rawValue + ($0.detail.isEmpty ? "" : " (\($0.detail))") } ?? "",
                     i.latest?.day.description ?? ""]
                }
                try output.emitRows(header: ["item", "person_id", "track", "start", "status", "status_day"], rows: rows, format: format,
                                           title: "\(items.count) items")
            }
        }
    }
}

struct MeetingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "meeting",
        abstract: "The coordination group's meetings: the next date and its persons, record one, list them.",
        discussion: """
        The coordination group (EAS, DKS, SSP, EKP) meets every meeting_every_weeks weeks (policy, default 8); beforehand the analysts send the persons chosen from the log. `sna candidates STORE --record` attaches its list to the next meeting (or to --meeting DATE); what the meeting did with each person is recorded with `sna followup LIST/PERSON`.

        Examples:
          sna meeting next
          sna meeting add 2016-01-20 --actor analyst
          sna meeting list --format csv
        """,
        subcommands: [Next.self, Add.self, List.self],
        defaultSubcommand: Next.self
    )

    struct Next: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The next meeting's date (the cadence from the last one) and the persons put forward to it.",
            discussion: "Without a list recorded for it, a preview of `sna candidates` on the store's latest pull (--record there saves it).")

        @Option(name: .customLong("as-of"), help: ArgumentHelp("From this day (default: today).", valueName: "date"))
        var asOf: String?

        @Option(name: .long, help: ArgumentHelp("Policy file (YAML): meeting_every_weeks and the screening rules for the preview.", valueName: "file"))
        var policy: String?

        @OptionGroup var store: StoreOptions

        func validate() throws {
            if let asOf, Day(iso: asOf) == nil { throw ValidationError("--as-of '\(asOf)' is not a date; write YYYY-MM-DD.") }
        }

        func run() throws {
            try reportingErrors {
                let rules = try loadPolicyFile(policy)
                let s = try store.open(readOnly: true)
                let from = asOf.flatMap(Day.init(iso:)) ?? s.today
                let next = try s.nextMeeting(from: from, everyWeeks: rules.meetingEveryWeeks)
                print("next meeting: \(next.day) (\(next.basis))")
                if let m = next.recorded, !m.lists.isEmpty {
                    for id in m.lists {
                        guard let l = try s.candidateList(id) else { continue }
                        print("list \(l.id) as of \(l.asOf) by \(l.createdBy) (\(l.criteria)): \(l.personIDs.count) persons")
                        var t = TextTable(header: ["rank", "item", "person_id"])
                        t.rows = l.personIDs.enumerated().map { [String($0.offset + 1), "\(l.id)/\($0.element)", $0.element] }
                        t.rightAligned = [0]
                        print(t.render(), terminator: "")
                    }
                    return
                }
                print("no list recorded for it yet; a preview (sna candidates \(s.path) --record saves one):")
                var args = [s.path]
                if let policy { args += ["--policy", policy] }
                var pick = try Candidates.Pick.parse(args)
                try pick.run()
            }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a meeting on a day.")
        @Argument(help: "The meeting's day (YYYY-MM-DD).") var day: String
        @OptionGroup var store: StoreOptions
        @OptionGroup var actor: ActorOptions

        func validate() throws {
            if Day(iso: day) == nil { throw ValidationError("'\(day)' is not a date; write YYYY-MM-DD.") }
        }

        func run() throws {
            try reportingErrors {
                let s = try store.open()
                let id = try s.addMeeting(Day(iso: day)!, by: actor.actor, purpose: actor.purpose)
                print("meeting \(id) on \(day) recorded")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The recorded meetings with their lists and outcomes.",
            discussion: "CSV header: meeting,day,lists,put_forward,outcomes,letters_sent")
        @Option(name: .long, help: "Output format: table, csv or json.") var format: ClusterFormat = .table
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            try reportingErrors {
                let s = try store.open(readOnly: true)
                let items = try s.followUpItems().filter { $0.track == .candidate }
                let outcomes: Set<FollowUpStatus> = [.screened, .letterSent, .notRelevant, .referred]
                let rows = try s.meetings().map { m -> [String] in
                    let mine = items.filter { i in m.lists.contains { i.item.hasPrefix("\($0)/") } }
                    return [String(m.id), m.day.description, m.lists.map(String.init).joined(separator: " "), String(m.putForward),
                            String(mine.filter { $0.events.contains { outcomes.contains($0.status) } }.count),
                            String(mine.filter { $0.events.contains { $0.status == .letterSent } }.count)]
                }
                try output.emitRows(header: ["meeting", "day", "lists", "put_forward", "outcomes", "letters_sent"], rows: rows, format: format)
            }
        }
    }
}
