import ArgumentParser
import Foundation
import Network
import Screening
import Store

struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "The log in the store: as of a day, a person's history, changes between days, size over time.",
        discussion: """
        The log is the sequence of decided changes (and the first pull's log.csv as baseline); `sna decide` is the only way it changes. Ids are pseudonymous; persons under 18 are flagged.

        Examples:
          sna log show --as-of 2015-12-31
          sna log history P0012
          sna log diff --from 2015-12-31 --to 2016-03-31
          sna log stats
          sna log pulls
          sna log proposals
          sna log agreement
          sna log review --as-of 2016-06-30
          sna log evaluation --from 2013-06-01 --to 2015-12-31
        """,
        subcommands: [Show.self, History.self, Diff.self, Stats.self, Evaluation.self, Composition.self, Pulls.self, Proposals.self, Agreement.self, Review.self]
    )

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The log as of a day (default: with every decision so far).",
            discussion: "CSV header: person_id,category,area,since,age,minor,deprived_of_liberty,routes")
        @OptionGroup var store: StoreOptions
        @Option(name: .customLong("as-of"), help: ArgumentHelp("Day (YYYY-MM-DD).", valueName: "date")) var asOf: String?
        @Option(name: .long, help: "Output format: table, csv or json.") var format: ClusterFormat = .table
        @OptionGroup var output: OutputOptions

        func validate() throws {
            if let asOf, Day(iso: asOf) == nil { throw ValidationError("--as-of '\(asOf)' is not a date; write YYYY-MM-DD.") }
        }

        func run() throws {
            try reportingErrors {
                let s = try store.open(readOnly: true)
                let day = asOf.flatMap(Day.init(iso:))
                let state = try s.logState(asOf: day)
                let facts = try PersonFacts(store: s, on: day)
                let header = ["person_id", "category", "area", "since", "age", "minor", "deprived_of_liberty", "routes"]
                let rows: [[String]] = state.keys.sorted().map { id in
                    let e = state[id]!
                    let f = facts.of(id)
                    return [id, e.category.rawValue, e.category.area.rawValue, e.since.description, f.age.map(String.init) ?? "",
                            f.minor ? "yes" : "no", f.deprived ? "yes" : "no", e.routes.map(\.rawValue).joined(separator: ";")]
                }
                try output.emitRows(header: header, rows: rows, format: format,
                                           title: "log as of \(day?.description ?? "now (all decisions)"): \(rows.count) persons; facts from \(facts.label)")
            }
        }
    }

    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A person's log history: every change with who decided it and why, and every proposal about them.")
        @Argument(help: "Person id.") var person: String
        @OptionGroup var store: StoreOptions
        @Option(name: .long, help: "Output format: table, csv or json.") var format: ClusterFormat = .table
        @OptionGroup var output: OutputOptions

        func run() throws {
            try reportingErrors {
                let s = try store.open(readOnly: true)
                let events = try s.history(person: person)
                let proposals = try s.proposals(person: person)
                if events.isEmpty && proposals.isEmpty { throw CLIError("\(person): never on the log and never proposed in \(s.path)") }
                // A correction reads as one: its row names the revoker and the revocation's reason,
                // and `revokes` says what it undid (the decision, who took it, why).
                let header = ["effective", "event", "category", "note", "decided_by", "reason", "proposal_id", "revokes"]
                let rows = events.map { e in
                    e.isCorrection
                        ? [e.effective.description, "revoked " + e.kind.rawValue, e.category?.rawValue ?? "", e.note, e.revokedBy ?? "", e.revocationReason ?? "", e.proposalID ?? "",
                           "\(e.revokedWhat ?? "decision") by \(e.decidedBy ?? "?"): \(e.decisionReason ?? "")"]
                        : [e.effective.description, e.kind.rawValue, e.category?.rawValue ?? "", e.note, e.decidedBy ?? "(baseline)", e.decisionReason ?? "", e.proposalID ?? "", ""]
                }
                var text = formatRows(header: header, rows: rows, format: format, title: format == .table ? "log history of \(person)" : nil)
                if format == .table && !proposals.isEmpty {
                    var t = TextTable(header: ["proposal", "as_of", "action", "cat", "reason", "decision", "by", "why", "revoked"])
                    t.rows = proposals.map { p in
                        [p.id, p.asOf.description, p.action.rawValue, p.category?.rawValue ?? "", p.reason.rawValue, p.verdict?.rawValue ?? "open", p.decidedBy ?? "", p.decisionReason ?? "",
                         p.revokedBy.map { "by \($0) from \(p.revokedEffective?.description ?? "?"): \(p.revocationReason ?? "")" } ?? ""]
                    }
                    text += "\nproposals about \(person)\n" + t.render()
                }
                if format == .csv || format == .xlsx { try output.emitTable(text, xlsx: format == .xlsx) } else { try output.emit(text) }
            }
        }
    }

    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "What changed on the log between two days: who entered, left or changed category.",
            discussion: "CSV header: person_id,change,from_category,to_category")
        @OptionGroup var store: StoreOptions
        @Option(name: .long, help: ArgumentHelp("Earlier day (YYYY-MM-DD).", valueName: "date")) var from: String
        @Option(name: .long, help: ArgumentHelp("Later day (default: now, all decisions).", valueName: "date")) var to: String?
        @Option(name: .long, help: "Output format: table, csv or json.") var format: ClusterFormat = .table
        @OptionGroup var output: OutputOptions

        func validate() throws {
            if Day(iso: from) == nil { throw ValidationError("--from '\(from)' is not a date; write YYYY-MM-DD.") }
            if let to, Day(iso: to) == nil { throw ValidationError("--to '\(to)' is not a date; write YYYY-MM-DD.") }
        }

        func run() throws {
            try reportingErrors {
                let s = try store.open(readOnly: true)
                let a = try s.logState(asOf: Day(iso: from)!)
                let b = try s.logState(asOf: to.flatMap(Day.init(iso:)))
                var rows: [[String]] = []
                for id in Set(a.keys).union(b.keys).sorted() {
                    switch (a[id], b[id]) {
                    case (nil, let y?): rows.append([id, "entered", "", y.category.rawValue])
                    case (let x?, nil): rows.append([id, "left", x.category.rawValue, ""])
                    case (let x?, let y?) where x.category != y.category: rows.append([id, "recategorized", x.category.rawValue, y.category.rawValue])
                    case (let x?, let y?) where x.routes != y.routes:
                        rows.append([id, "routed " + y.routes.dropFirst(x.routes.count).map(\.rawValue).joined(separator: ";"), x.category.rawValue, y.category.rawValue])
                    default: break
                    }
                }
                try output.emitRows(header: ["person_id", "change", "from_category", "to_category"], rows: rows, format: format,
                                           title: "log \(from) (\(a.count) persons) → \(to ?? "now") (\(b.count) persons): \(rows.count) changes")
            }
        }
    }

    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The log's size over time, per category, under-18s and the share deprived of liberty against the goal.",
            discussion: """
            One row per pull date and per day a decision took effect, and the day before the first decision (the log before any screening); --monthly adds every month's end since the log's first entry. Ages and custody status come from the latest pull on or before each day (the first pull for earlier days).
            CSV header: date,size,A1,A2,B1,B2,under_18,deprived_of_liberty,deprived_share,goal
            """)
        @OptionGroup var store: StoreOptions
        @Option(name: .long, help: "Goal for the share deprived of liberty, in percent (default: the policy's deprived_goal).") var goal: Double?
        @Option(name: .long, help: ArgumentHelp("Policy file (YAML): deprived_goal and youth_age.", valueName: "file")) var policy: String?
        @Flag(name: .long, help: "Also a row for every month's end since the log's first entry.") var monthly = false
        @Option(name: .long, help: "Output format: table, csv or json.") var format: ClusterFormat = .table
        @OptionGroup var output: OutputOptions

        func run() throws {
            try reportingErrors {
                let rules = try loadPolicyFile(policy)
                let goal = self.goal ?? Double(rules.deprivedGoal)
                let s = try store.open(readOnly: true)
                let stats = try LogStatRow.compute(store: s, monthly: monthly, policy: rules)
                let rows: [[String]] = stats.map { r in
                    [r.day.description, String(r.size)] + ["A1", "A2", "B1", "B2"].map { String(r.perCategory[$0] ?? 0) }
                        + [String(r.minors), String(r.deprived), formatNumber((r.deprivedShare * 10).rounded() / 10), formatNumber(goal)]
                }
                var title: String?
                if format == .table, let first = rows.first, let last = rows.last {
                    let shareNow = Double(last[8]) ?? 0
                    title = "log size \(first[1]) on \(first[0]) → \(last[1]) on \(last[0]); deprived of liberty \(last[8]) % "
                        + (shareNow >= goal ? "(goal \(formatNumber(goal)) % met)" : "(goal \(formatNumber(goal)) %: \(formatNumber(((goal - shareNow) * 10).rounded() / 10)) points short)")
                }
                try output.emitRows(header: ["date", "size", "A1", "A2", "B1", "B2", "under_18", "deprived_of_liberty", "deprived_share", "goal"],
                                           rows: rows, format: format, title: title)
            }
        }
    }

    struct Evaluation: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The evaluation's figures for a period, from the store: the log, the coordination meetings, SSP+ and DKS.",
            discussion: """
            One row per indicator, computed from the store's decisions, meetings and follow-ups for the period [--from, --to] (both days included). Counts are persons unless the unit says otherwise; shares are percent to one decimal, empty when nothing fell due. SSP+ statuses are the latest on --to of the persons handed over in the period; youth_decisions_on_time_share counts the decisions due in the period taken within youth_decision_hours of the gang case; follow_ups_on_time_share the home-visit follow-ups due in the period done within follow_up_days. Goals come from the policy (deprived_goal, screening_goal). README "Follow-up and the evaluation" has the definitions.

            CSV header: indicator,value,goal,unit

            Examples:
              sna log evaluation --from 2013-06-01 --to 2015-12-31
              sna log evaluation --from 2015-01-01 --to 2015-12-31 --format csv
            """)
        @OptionGroup var store: StoreOptions
        @Option(name: .long, help: ArgumentHelp("First day of the period (YYYY-MM-DD).", valueName: "date")) var from: String
        @Option(name: .long, help: ArgumentHelp("Last day of the period (YYYY-MM-DD).", valueName: "date")) var to: String
        @Option(name: .long, help: ArgumentHelp("Policy file (YAML): the goals and deadlines.", valueName: "file")) var policy: String?
        @Option(name: .long, help: "Output format: table, csv or json.") var format: ClusterFormat = .table
        @OptionGroup var output: OutputOptions

        func validate() throws {
            guard let f = Day(iso: from) else { throw ValidationError("--from '\(from)' is not a date; write YYYY-MM-DD.") }
            guard let t = Day(iso: to) else { throw ValidationError("--to '\(to)' is not a date; write YYYY-MM-DD.") }
            if t < f { throw ValidationError("--to \(t) is before --from \(f).") }
        }

        func run() throws {
            try reportingErrors {
                let rules = try loadPolicyFile(policy)
                let s = try store.open(readOnly: true)
                let rows = try LogEvaluation.compute(store: s, from: Day(iso: from)!, to: Day(iso: to)!, policy: rules)
                switch format {
                case .csv, .json, .xlsx:
                    try output.emitRows(header: ["indicator", "value", "goal", "unit"],
                                               rows: rows.map { [$0.key, Indicator.format($0.value), Indicator.format($0.goal), $0.unit] }, format: format)
                case .table:
                    var text = "evaluation \(from) – \(to) from \(s.path)\n"
                    for g in Indicator.Group.allCases {
                        let mine = rows.filter { $0.group == g }
                        guard !mine.isEmpty else { continue }
                        var t = TextTable(header: ["indicator", "value", "goal", "unit", "meaning"])
                        t.rows = mine.map { r in
                            [r.key, r.value == nil ? "–" : Indicator.format(r.value), r.goal.map { g in
                                Indicator.format(g) + (r.value.map { $0 >= g ? " (met)" : " (short)" } ?? "") } ?? "", r.unit, r.meaning]
                        }
                        t.rightAligned = [1]
                        text += "\n" + g.rawValue + "\n" + t.render()
                    }
                    try output.emit(text)
                }
            }
        }
    }

    struct Composition: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The log's composition against the persons in the data: by age band, district, category and subject category, per pull.",
            discussion: """
            For each pull (a period: the log on its as-of day against that pull's persons) and each dimension, how many persons of each value are on the log (on_log) and in the data (in_data): a group the log holds far more of than the data is the disparity a data-protection authority asks about (ICO 2018, the Gangs Matrix). Age bands 0-14, 15-17, 18-24, 25-34, 35+ and unknown (no birth date: never counted as an adult); category `none` is off the log; a person on the log who is absent from the pull counts in on_log only, under `unknown`. The table adds each value's share of the log and of the data.

            CSV header: period,dimension,value,on_log,in_data

            Examples:
              sna log composition
              sna log composition --as-of 2015-12-31 --format csv
            """)
        @OptionGroup var store: StoreOptions
        @Option(name: .customLong("as-of"), help: ArgumentHelp("One period only: the log on this day against the latest pull on or before it.", valueName: "date")) var asOf: String?
        @Option(name: .long, help: "Output format: table, csv or json.") var format: ClusterFormat = .table
        @OptionGroup var output: OutputOptions

        func validate() throws {
            if let asOf, Day(iso: asOf) == nil { throw ValidationError("--as-of '\(asOf)' is not a date; write YYYY-MM-DD.") }
        }

        func run() throws {
            try reportingErrors {
                let s = try store.open(readOnly: true)
                let rows = try LogComposition.compute(store: s, asOf: asOf.flatMap(Day.init(iso:)))
                if rows.isEmpty { throw CLIError("\(s.path): no pull\(asOf.map { " on or before \($0)" } ?? "") to compare the log with") }
                switch format {
                case .table:
                    var text = ""
                    for period in Array(Set(rows.map(\.period))).sorted() {
                        text += "\nthe log on \(period) against the persons in the data\n"
                        for dim in LogComposition.dimensions {
                            let mine = rows.filter { $0.period == period && $0.dimension == dim }
                            let logTotal = mine.reduce(0) { $0 + $1.onLog }, dataTotal = mine.reduce(0) { $0 + $1.inData }
                            var t = TextTable(header: [dim, "on_log", "share_of_log", "in_data", "share_of_data"])
                            t.rows = mine.map { r in
                                [r.value, String(r.onLog), logTotal == 0 ? "" : formatNumber((Double(r.onLog) / Double(logTotal) * 1000).rounded() / 10) + " %",
                                 String(r.inData), dataTotal == 0 ? "" : formatNumber((Double(r.inData) / Double(dataTotal) * 1000).rounded() / 10) + " %"]
                            }
                            t.rightAligned = [1, 2, 3, 4]
                            text += "\n" + t.render()
                        }
                    }
                    try output.emit(String(text.dropFirst()))
                default:
                    try output.emitRows(header: ["period", "dimension", "value", "on_log", "in_data"],
                                        rows: rows.map { [$0.period.description, $0.dimension, $0.value, String($0.onLog), String($0.inData)] }, format: format)
                }
            }
        }
    }

    struct Pulls: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The pulls in the store.")
        @OptionGroup var store: StoreOptions
        @Option(name: .long, help: "Output format: table, csv or json.") var format: ClusterFormat = .table
        @OptionGroup var output: OutputOptions

        func run() throws {
            try reportingErrors {
                let rows = try store.open(readOnly: true).pulls().map { p in
                    [String(p.id), p.asOf.description, String(p.persons), String(p.cases), String(p.logEntries), p.source, p.ingestedBy, p.ingestedAt]
                }
                try output.emitRows(header: ["pull", "as_of", "persons", "cases", "log_csv_entries", "source", "by", "at"], rows: rows, format: format)
            }
        }
    }

    struct Proposals: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The stored proposals of a run (default the latest) and what was decided.",
            discussion: "CSV header: proposal_id,person_id,action,category,reason,evidence,decision,decided_by,decision_reason")
        @OptionGroup var store: StoreOptions
        @Option(name: .customLong("run"), help: "Proposal run (default: the latest).") var runID: Int64?
        @Flag(name: .long, help: "Only proposals nobody has decided on yet.") var open = false
        @Option(name: .long, help: "Output format: table, csv or json.") var format: ClusterFormat = .table
        @OptionGroup var output: OutputOptions

        func run() throws {
            try reportingErrors {
                var ps = try store.open(readOnly: true).proposals(run: runID)
                if open { ps = ps.filter { $0.verdict == nil } }
                let rows = ps.map { p in
                    [p.id, p.personID, p.action.rawValue, p.category?.rawValue ?? "", p.reason.rawValue, p.evidence, p.verdict?.rawValue ?? "open", p.decidedBy ?? "", p.decisionReason ?? "", p.strength?.rawValue ?? ""]
                }
                try output.emitRows(header: ["proposal_id", "person_id", "action", "category", "reason", "evidence", "decision", "decided_by", "decision_reason", "strength"],
                                           rows: rows, format: format, truncate: ["evidence": 70, "decision_reason": 40])
            }
        }
    }

    struct Agreement: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Per rule (action and reason): how often the group accepted, rejected, later revoked or left open its proposals.",
            discussion: """
            Counts every stored proposal of every run (keep rows aside). A rule the group often rejects is the rule to revisit in the policy. A proposal left open and then superseded by a newer run counts as undecided.

            CSV header: action,reason,proposed,accepted,rejected,undecided,accepted_share,revoked (accepted_share: share of decided, in percent; revoked: decisions later corrected, counted in accepted or rejected as first decided)

            Examples:
              sna log agreement --store sna.sqlite
              sna log agreement --format csv
            """)
        @OptionGroup var store: StoreOptions
        @Option(name: .long, help: "Output format: table, csv or json.") var format: ClusterFormat = .table
        @OptionGroup var output: OutputOptions

        func run() throws {
            try reportingErrors {
                let all = try store.open(readOnly: true).allProposals().filter { $0.action != .keep }
                var rows: [[String]] = []
                for action in ProposalAction.allCases where action != .keep {
                    for reason in ProposalReason.allCases {
                        let ps = all.filter { $0.action == action && $0.reason == reason }
                        guard !ps.isEmpty else { continue }
                        let acc = ps.filter { $0.verdict == .accept }.count, rej = ps.filter { $0.verdict == .reject }.count
                        let share = acc + rej == 0 ? "" : String(format: "%.1f", Double(acc) / Double(acc + rej) * 100)
                        rows.append([action.rawValue, reason.rawValue, String(ps.count), String(acc), String(rej), String(ps.count - acc - rej), share,
                                     String(ps.filter(\.revoked).count)])
                    }
                }
                if rows.isEmpty && format == .table {
                    try output.emit("no proposals in the store yet (sna propose STORE)\n")
                    return
                }
                try output.emitRows(header: ["action", "reason", "proposed", "accepted", "rejected", "undecided", "accepted_share", "revoked"],
                                           rows: rows, format: format)
            }
        }
    }

    struct Review: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Persons on the log due for review: no decision has confirmed their entry for review_months (policy, default 12).",
            discussion: """
            The periodic review of the Law Enforcement Directive (2016/680, Art. 5): for each person on the log, the last review is the latest decision about them (any proposal accepted or rejected, not revoked) or, without one, the day they entered. Those older than the policy's review_months are listed with their current evidence (the latest pull, screened as of its date), for the group to confirm (e.g. by deciding a keep) or remove.

            CSV header: person_id,category,since,last_review,months_since_review,evidence

            Examples:
              sna log review --store sna.sqlite
              sna log review --as-of 2016-06-30 --format csv
            """)
        @OptionGroup var store: StoreOptions
        @Option(name: .customLong("as-of"), help: ArgumentHelp("Day of the review (default: the latest pull's date).", valueName: "date")) var asOf: String?
        @Option(name: .long, help: ArgumentHelp("Policy file (review_months and the screening).", valueName: "file")) var policy: String?
        @Option(name: .long, help: "Output format: table, csv or json.") var format: ClusterFormat = .table
        @OptionGroup var output: OutputOptions

        func validate() throws {
            if let asOf, Day(iso: asOf) == nil { throw ValidationError("--as-of '\(asOf)' is not a date; write YYYY-MM-DD.") }
        }

        func run() throws {
            try reportingErrors {
                let s = try store.open(readOnly: true)
                let rules = try loadPolicyFile(policy)
                let (pull, ds) = try s.dataset()
                let day = asOf.flatMap(Day.init(iso:)) ?? pull.asOf
                let state = try s.logState(asOf: day)
                let decisions = try s.pastDecisions()
                let assessed = Dictionary(uniqueKeysWithValues: try Screening.assess(ds, asOf: min(day, pull.asOf), policy: rules).map { ($0.personID, $0) })
                let cutoff = day.adding(months: -rules.reviewMonths)
                var rows: [[String]] = []
                for id in state.keys.sorted() {
                    let e = state[id]!
                    let last = ([e.since] + (decisions[id] ?? []).map(\.effective).filter { $0 <= day }).max()!
                    guard last <= cutoff else { continue }
                    var months = (day.year - last.year) * 12 + (day.month - last.month)
                    if day.day < last.day { months -= 1 }
                    rows.append([id, e.category.rawValue, e.since.description, last.description, String(months), CandidatePool.evidence(assessed[id])])
                }
                if rows.isEmpty && format == .table {
                    try output.emit("no entry is due for review on \(day) (review every \(rules.reviewMonths) months)\n")
                    return
                }
                try output.emitRows(header: ["person_id", "category", "since", "last_review", "months_since_review", "evidence"], rows: rows,
                                           format: format, truncate: ["evidence": 70],
                                           title: format == .table ? "\(rows.count) of \(state.count) entries due for review on \(day) (last reviewed \(rules.reviewMonths)+ months ago)" : nil)
            }
        }
    }
}
