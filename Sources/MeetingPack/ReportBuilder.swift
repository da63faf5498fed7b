import Foundation
import Network
import Rendering
import Screening
import Store

/// What the report is drawn from and how.
public struct ReportOptions: Sendable {
    public init() {}
    /// The network the pack ranks and draws: by default co-offending and the analysts' links
    /// (co-sightings, most of the ties in police data, are presence rather than joint crime:
    /// `--links` adds them). `from`, `to` and `periods` scope it in time.
    public var build: BuildOptions = {
        var o = BuildOptions()
        o.links = LinkSelection(parsing: "co-offending,analyst")
        return o
    }()
    /// How the network was chosen, in words (page 1 says it).
    public var networkLabel = "co-offending and analyst links (the default)"
    public var seed: UInt64 = 1
    /// Leiden runs from `seed` (the best by modularity is kept), as `sna clusters --runs`.
    public var clusterRuns = 1
    public var top = 10
    /// Whole-network and cluster images label this many persons by the size measure.
    public var labelTop = 15
    public var names = false
    public var showMinors = false
    public var candidates = 10
    public var robustnessRuns = 50
    public var sizeBy = "betweenness"
    public var colorBy = "cluster"
    public var goal = 25.0
    public var windowWeeks = 8
    public var maxClusterImages = 4
    public var generated = ""
    public var policy = Policy.default
    /// The unit's column mapping for a folder (`--columns`).
    public var columns = ColumnMap.none
    /// The tool version printed under "Provenance".
    public var toolVersion = ""
    /// Who the pack is for: only the persons this profile admits are in it.
    public var recipient: Recipient?
}

/// Gathers the meeting pack's content: data, indicators, network, centrality with robustness,
/// clusters, core/periphery and brokers, proposals and candidates, method notes.
public struct ReportBuilder {
    var ds: Dataset
    /// The persons in the pack when a recipient profile restricted it (nil: everyone).
    public let sentPersons: [String]?
    /// Requests restricting a person left out of the pack (an open contest, rectification or
    /// erasure request), by person.
    public let restrictedOut: [(person: String, request: PersonRequest)]
    /// Everyone in the data the pack leaves out (restricted, or not admitted for the
    /// recipient): their ids are redacted from stored evidence text.
    let hiddenIDs: Set<String>
    let net: PersonNetwork
    let store: Store?
    public let pull: Pull?
    let options: ReportOptions
    let asOf: Day
    let progress: any ProgressSink
    let digest: String

    public init(folder: String?, store: Store?, pull pullID: Int64?, options: ReportOptions, progress: any ProgressSink) throws {
        self.options = options
        self.progress = progress
        self.store = store
        progress.step("reading the data")
        if let store {
            let (p, data) = try store.dataset(pull: pullID)
            pull = p
            ds = data
            asOf = p.asOf
            digest = try store.pullDigest(p.id)
        } else {
            let path = folder!
            ds = try DatasetLoader.load(path, columns: options.columns)
            pull = nil
            guard let last = ds.period?.last ?? ds.log.compactMap(\.since).max() else {
                throw InputError(file: path, "no dated events: the report needs cases, sightings or log dates")
            }
            asOf = last
            digest = ReportBuilder.folderDigest(path)
        }
        let everyone = Set(ds.persons.map(\.id))
        var sent: [String]?
        if let r = options.recipient, r.rule != .all {
            let admitted = try r.admitted(ds, asOf: asOf, policy: options.policy, seed: options.seed)
            ds = ds.restricted(to: Set(admitted))
            sent = admitted
        }
        // A restricted entry is not processed: the person is left out of the whole pack.
        let restricted = try store?.restricted() ?? [:]
        let out = ds.persons.map(\.id).filter { restricted[$0] != nil }.sorted()
        restrictedOut = out.map { ($0, restricted[$0]!) }
        if !out.isEmpty {
            let keep = Set(ds.persons.map(\.id)).subtracting(out)
            ds = ds.restricted(to: keep)
            sent = (sent ?? ds.persons.map(\.id)).filter { keep.contains($0) }
        }
        sentPersons = sent
        hiddenIDs = everyone.subtracting(ds.persons.map(\.id))
        var build = options.build
        build.initiative = options.policy.initiativeRule
        net = try NetworkBuilder.build(ds, options: build)
    }

    static func folderDigest(_ path: String) -> String {
        var isDir: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: path, isDirectory: &isDir)
        let names = isDir.boolValue ? DatasetLoader.datasetFileNames + ["nodes.csv", "edges.csv"] : [""]
        var parts: [String] = []
        for name in names.sorted() {
            let url = name.isEmpty ? URL(fileURLWithPath: path) : URL(fileURLWithPath: path).appendingPathComponent(name)
            if let data = try? Data(contentsOf: url) { parts.append("\(name.isEmpty ? url.lastPathComponent : name) \(Store.sha256(data))") }
        }
        return Store.sha256(Data(parts.joined(separator: "\n").utf8))
    }

    var g: Graph { net.graph }

    /// `make` for each item, two at a time, the results in the items' order. Graphviz lays out
    /// one image at a time (``GraphvizRenderer`` holds a lock), so what overlaps is one image's
    /// DOT writing, tie routing and SVG work with the other's layout. `make` only reads the
    /// builder. Progress is reported as items finish, in order of finishing; the first error
    /// (by item order) is thrown.
    func inOrder<Item, Result>(_ items: [Item], step: String, _ make: (Item) throws -> Result) throws -> [Result] {
        let slots = OrderedSlots<Result>(items.count)
        let progress = self.progress
        return try withoutActuallyEscaping(make) { make in
            let work = UncheckedWork { (_: Int) in
                while let i = slots.take() {
                    let r = Swift.Result { try make(items[i]) }
                    let done = slots.put(i, r)
                    slots.lock.withLock { progress.step("\(step) (\(done)/\(items.count))") }
                }
            }
            let threads = min(2, items.count, Parallel.threads)
            if threads <= 1 { work.body(0) } else { DispatchQueue.concurrentPerform(iterations: threads) { work.body($0) } }
            return try slots.results.map { try $0!.get() }
        }
    }
    /// Every person the pack holds (its record names them).
    public var personsInPack: [String] { ds.persons.map(\.id) }
    /// Hover text per node in every image (set by ``build()``).
    final class Hover: @unchecked Sendable { var text: [String?]? }
    let hover = Hover()
    var tooltips: [String?]? { hover.text }

    /// A person as shown: the pseudonymous id, or id and name with --names (minors stay "minor"
    /// unless --show-minors).
    /// `also`: the day of what the row shows (an older run's proposal): a person who was a minor
    /// then stays unnamed too. A person of unknown age is taken for a minor.
    func who(_ id: String, also: Day? = nil) -> String {
        guard options.names, let i = ds.personIndex[id] else { return id }
        let p = ds.persons[i]
        if !options.showMinors, ([asOf] + [also].compactMap { $0 }).contains(where: { p.isMinor(on: $0, under: options.policy.youthAge) != false }) {
            return "\(id) (minor)"
        }
        return p.name.map { "\(id) \($0)" } ?? id
    }

    public func build() throws -> ReportDocument {
        var files: [(String, String)] = []
        let stats = NetworkStatistics(net, asOf: asOf)
        let partition = Consensus.leiden(g, seed: options.seed, runs: options.clusterRuns).partition
        // Each measure once: the table's four, and the image size from them when it is one.
        let scores = try Measures.compute(ReportBuilder.measures, on: g)
        let sizeScores = try scores.first { $0.name == options.sizeBy } ?? Measures.compute([options.sizeBy], on: g)[0]
        let betweenness = scores[ReportBuilder.measures.firstIndex(of: "betweenness")!]
        // Hover text of every image: a person's key figures.
        var figures: [(name: String, values: [String?])] = scores.map { sc in (sc.name, sc.values.map { significant($0, integral: sc.isIntegral) }) }
        figures.append(("cluster", partition.membership.map { partition.clusters[$0].count > 1 ? String($0) : nil }))
        figures.append(("log", NodeColouring.category(net).values))
        hover.text = NetworkImage.keyFigures(g, figures)
        var sections: [ReportSection] = []
        sections.append(try summarySection())
        sections.append(dataSection(stats))
        sections.append(try indicatorSection(&files))
        if store != nil { sections.append(try followUpSection(&files)) }
        progress.step("drawing the network")
        sections.append(try networkSection(partition, sizeScores))
        sections.append(try centralitySection(scores, &files))
        sections.append(try clusterSection(partition, sizeScores, &files))
        sections.append(try overTimeSection(&files))
        sections.append(try crimeSection(&files))
        sections.append(try proposalSection(sizeScores, betweenness: betweenness, &files))
        sections.append(methodSection())
        var subtitle = ["Input: \(ds.location)" + (pull.map { " (pull \($0.id) as of \($0.asOf))" } ?? "") + "; as of \(asOf)",
                        "Generated \(options.generated) by sna \(options.toolVersion); " + (options.names ? "NAMES SHOWN — handle accordingly" : "persons are shown by pseudonymous id")]
        subtitle.append("Proposals and candidates are assessments for the target-selection group to decide on; nothing here is a decision.")
        return ReportDocument(title: "Network analysis for the target-selection meeting", subtitle: subtitle, sections: sections,
                              files: files.map { (name: $0.0, text: $0.1) })
    }

    // MARK: 1. Data

    func dataSection(_ s: NetworkStatistics) -> ReportSection {
        var figures: [(label: String, value: String)] = []
        if let p = s.period { figures.append(("period of the data", "\(p.first) – \(p.last)")) }
        if let pull { figures.append(("pull", "\(pull.id), as of \(pull.asOf)")) }
        figures.append(("persons", String(s.persons)))
        figures.append(("cases", "\(s.cases - s.initiativeCases) (+\(s.initiativeCases) initiative)"))
        figures.append(("network shown", options.networkLabel))
        if options.build.from != nil || options.build.to != nil || options.build.periods != nil {
            figures.append(("scope", [options.build.from.map { "from \($0)" }, options.build.to.map { "to \($0)" },
                                      options.build.periods.map { "period \($0.joined(separator: ", "))" }].compactMap { $0 }.joined(separator: " ")))
        }
        figures.append(("ties in the network", String(s.edges)))
        for k in s.edgesByKind { figures.append(("ties: \(k.kind)", String(k.count))) }
        figures.append(("groups (affiliations)", String(Set(ds.affiliations.map(\.group)).count)))
        figures.append(("persons on the log", String(ds.log.count)))
        figures.append(("components", "\(s.components) (largest \(s.largestComponent))"))
        figures.append(("isolated persons", String(s.isolates)))
        let victims = ds.participations.filter { $0.role != .suspect }.count
        let excluded = [
            "\(s.initiativeCases) initiative cases (crime codes 61600–62230, e.g. stop-and-search) are counted apart and create no co-offending ties: they record police activity, not joint crime.",
            "\(victims) case participations as victim or witness create no ties and are never evidence for the log.",
            "Ties: \(options.networkLabel). Co-offending: suspects in the same non-initiative case (weight = shared cases)"
                + (options.build.links.location ? "; location: seen at the same place on the same day" : "; co-sightings (seen at the same place on the same day) are presence, not joint crime, and are not ties here (--links co-offending,location,analyst adds them)")
                + (options.build.links.analyst ? "; the analysts' own links" : "") + ". Affiliations place persons in groups but are not ties here.",
            "\(s.isolates) persons have no tie in this network; they appear in counts and tables but not in the images.",
        ]
        return ReportSection(id: "data", title: "Data", blocks: [.keyFigures(figures), .subheading("What is left out, and why"), .list(excluded)])
    }

    // MARK: 2. Indicators

    func indicatorSection(_ files: inout [(String, String)]) throws -> ReportSection {
        progress.step("log indicators")
        var blocks: [ReportBlock] = []
        let goal = options.goal
        if let store {
            let rows = try LogStatRow.compute(store: store, monthly: true, policy: options.policy)
            guard let now = rows.last, let first = rows.first else {
                return ReportSection(id: "indicators", title: "Indicators", blocks: [.paragraph("The store's log is empty.")])
            }
            blocks.append(.keyFigures(figures(size: now.size, perCategory: now.perCategory, minors: now.minors, deprived: now.deprived, on: now.day)))
            let xs = (first.day, now.day)
            func pts(_ f: (LogStatRow) -> Double) -> [(x: Double, y: Double)] { rows.map { (Double($0.day.ordinal), f($0)) } }
            blocks.append(.chart(name: "log-size", svg: SVGChart.lines([
                .init(label: "on the log", color: "#0b5cad", points: pts { Double($0.size) }),
                .init(label: "core (A1+B1)", color: "#D55E00", points: pts { Double(($0.perCategory["A1"] ?? 0) + ($0.perCategory["B1"] ?? 0)) }),
                .init(label: "peripheral (A2+B2)", color: "#009E73", points: pts { Double(($0.perCategory["A2"] ?? 0) + ($0.perCategory["B2"] ?? 0)) }),
            ], xDays: xs, yLabel: "persons on the log"), caption: "Persons on the log over time (month ends, pull dates and decision days; from the store's decided history)."))
            blocks.append(.chart(name: "deprived-share", svg: SVGChart.lines([
                .init(label: "share deprived of liberty (%)", color: "#0b5cad", points: pts { $0.deprivedShare }),
                .init(label: "goal \(formatNumber(goal)) %", color: "#CC79A7", points: [(Double(first.day.ordinal), goal), (Double(now.day.ordinal), goal)], dashed: true),
            ], xDays: xs, yLabel: "percent", yMax: goal * 1.2), caption: "Share of the log in custody or serving a sentence, against the goal. Custody status from the latest pull on or before each day."))
            var csv = CSVOut.row(["date", "size", "A1", "A2", "B1", "B2", "under_18", "deprived_of_liberty", "deprived_share", "goal"])
            for r in rows {
                csv += CSVOut.row([r.day.description, String(r.size)] + ["A1", "A2", "B1", "B2"].map { String(r.perCategory[$0] ?? 0) }
                                  + [String(r.minors), String(r.deprived), formatNumber((r.deprivedShare * 10).rounded() / 10), formatNumber(goal)])
            }
            files.append(("log-stats.csv", csv))
        } else {
            var perCategory: [String: Int] = [:]
            var minors = 0, deprived = 0
            for e in ds.log {
                perCategory[e.category, default: 0] += 1
                if let i = ds.personIndex[e.personID] {
                    let p = ds.persons[i]
                    if p.isMinor(on: asOf, under: options.policy.youthAge) == true { minors += 1 }
                    if p.status?.isDeprivedOfLiberty == true { deprived += 1 }
                }
            }
            blocks.append(.keyFigures(figures(size: ds.log.count, perCategory: perCategory, minors: minors, deprived: deprived, on: asOf)))
            let since = ds.log.compactMap(\.since).sorted()
            if let first = since.first {
                var days: [Day] = []
                var d = Day(year: first.year, month: first.month, day: 1)!.adding(months: 1).adding(days: -1)
                while d < asOf { days.append(d); d = d.adding(days: 1).adding(months: 1).adding(days: -1) }
                days.append(asOf)
                var k = 0
                var points: [(x: Double, y: Double)] = []
                for day in days {
                    while k < since.count && since[k] <= day { k += 1 }
                    points.append((Double(day.ordinal), Double(k)))
                }
                blocks.append(.chart(name: "log-size", svg: SVGChart.lines([.init(label: "entries of today's log, by the day they joined", color: "#0b5cad", points: points)],
                                                                      xDays: (first, asOf), yLabel: "persons"),
                                     caption: "When today's log entries joined (log.csv 'since'). A folder holds only the current log, so persons who left are not shown: ingest the pulls into a store for the full history (`sna ingest`)."))
            }
        }
        blocks.append(.paragraph("Under-18s are routed to youth screening (and a new gang case against a minor needs a decision on a concern talk within 24 hours). The share deprived of liberty counts persons on the log in custody or serving a sentence."))
        return ReportSection(id: "indicators", title: "Indicators", blocks: blocks)
    }

    /// Follow-up and goals (a store only): the evaluation's figures since the first pull, the
    /// open deadlines on the as-of day, and the figures quarter by quarter.
    func followUpSection(_ files: inout [(String, String)]) throws -> ReportSection {
        guard let store else { return ReportSection(id: "followup", title: "Follow-up and goals", blocks: []) }
        progress.step("follow-up and goals")
        let policy = options.policy
        let from = try store.pulls().first?.asOf ?? asOf
        var blocks: [ReportBlock] = []
        let ind = try LogEvaluation.compute(store: store, from: from, to: asOf, policy: policy)
        blocks.append(.paragraph("The evaluation's figures from \(from) (the first pull) to \(asOf), as `sna log evaluation --from \(from) --to \(asOf)` gives them: decided changes, coordination meetings and their outcomes, SSP+ statuses and DKS deadlines recorded with `sna followup`."))
        for g in Indicator.Group.allCases {
            let mine = ind.filter { $0.group == g }
            blocks.append(.table(ReportTable(
                header: ["indicator", "value", "goal", "meaning"],
                rows: mine.map { r in
                    [r.key, r.value == nil ? "–" : Indicator.format(r.value) + (r.unit == "percent" ? " %" : ""),
                     r.goal.map { gl in Indicator.format(gl) + (r.value.map { $0 >= gl ? " (met)" : " (short)" } ?? "") } ?? "", r.meaning]
                },
                numeric: [1], caption: g.rawValue)))
        }
        var csv = CSVOut.row(["indicator", "value", "goal", "unit"])
        for r in ind { csv += CSVOut.row([r.key, Indicator.format(r.value), Indicator.format(r.goal), r.unit]) }
        files.append(("evaluation.csv", csv))

        // What is overdue or due within a week on the as-of day (persons of the pack only).
        var due = try store.dueItems(asOf: asOf, within: 7, policy: policy)
        if let sent = sentPersons.map(Set.init) { due = due.filter { sent.contains($0.personID) } }
        blocks.append(.subheading("Overdue and due within 7 days (as of \(asOf))"))
        if due.isEmpty {
            blocks.append(.paragraph("Nothing is overdue or due within 7 days."))
        } else {
            blocks.append(.table(ReportTable(
                header: ["item", "person", "kind", "due", "days overdue", "from"],
                rows: due.map { [$0.item, who($0.personID), $0.kind.rawValue, $0.due.description, String($0.daysOverdue), $0.from] },
                numeric: [4], sortable: true,
                caption: "Youth decisions (within \(policy.youthDecisionHours) h of the gang case), home-visit follow-ups (within \(policy.followUpDays) days) and meeting outcomes still open; negative days are days left. `sna followup due` lists them, `sna followup ITEM STATUS` records what happened.")))
        }

        // Quarter by quarter: cumulative meeting figures, SSP+ statuses, DKS deadlines met.
        let ends = ReportBuilder.quarterEnds(from: from, to: asOf)
        guard ends.count >= 2 else { return ReportSection(id: "followup", title: "Follow-up and goals", blocks: blocks) }
        // Since the first pull up to each quarter's end, and each quarter on its own.
        let starts = [from] + ends.dropLast().map { $0.adding(days: 1) }
        let figures = try LogEvaluation.series(store: store, periods: ends.map { (from, $0) } + zip(starts, ends).map { ($0, $1) }, policy: policy)
        func byKey(_ f: [Indicator]) -> [String: Double?] { Dictionary(uniqueKeysWithValues: f.map { ($0.key, $0.value) }) }
        let cumulative = zip(ends, figures.prefix(ends.count)).map { ($0, byKey($1)) }
        let quarterly = zip(ends, figures.suffix(ends.count)).map { ($0, byKey($1)) }
        func pts(_ rows: [(Day, [String: Double?])], _ key: String) -> [(x: Double, y: Double)] {
            rows.compactMap { d, v in (v[key] ?? nil).map { (Double(d.ordinal), $0) } }
        }
        let xs = (from, asOf)
        let goal = Double(policy.screeningGoal)
        blocks.append(.chart(name: "followup-meetings", svg: SVGChart.lines([
            .init(label: "put forward", color: "#0b5cad", points: pts(cumulative, "put_forward")),
            .init(label: "screened", color: "#009E73", points: pts(cumulative, "screened")),
            .init(label: "concern letters sent", color: "#D55E00", points: pts(cumulative, "letters_sent")),
            .init(label: "goal \(formatNumber(goal))", color: "#CC79A7", points: [(Double(from.ordinal), goal), (Double(asOf.ordinal), goal)], dashed: true),
        ], xDays: xs, yLabel: "persons (cumulative)"), caption: "Coordination meetings since \(from), cumulative at each quarter's end: persons put forward, screened and sent a concern letter, against the screening goal."))
        blocks.append(.chart(name: "followup-ssp", svg: SVGChart.lines([
            .init(label: "handed over", color: "#0b5cad", points: pts(cumulative, "handed_over_ssp")),
            .init(label: "contacted", color: "#009E73", points: pts(cumulative, "ssp_contacted")),
            .init(label: "awaiting the letter", color: "#E69F00", points: pts(cumulative, "ssp_awaiting_letter")),
            .init(label: "no contact", color: "#D55E00", points: pts(cumulative, "ssp_no_contact")),
        ], xDays: xs, yLabel: "persons"), caption: "SSP+ hand-overs since \(from) and their latest status at each quarter's end."))
        blocks.append(.chart(name: "followup-dks", svg: SVGChart.lines([
            .init(label: "youth decisions on time (%)", color: "#0b5cad", points: pts(quarterly, "youth_decisions_on_time_share")),
            .init(label: "home-visit follow-ups on time (%)", color: "#009E73", points: pts(quarterly, "follow_ups_on_time_share")),
        ], xDays: xs, yLabel: "percent", yMax: 100), caption: "DKS deadlines met per quarter: decisions within \(policy.youthDecisionHours) h of the gang case, follow-ups within \(policy.followUpDays) days of the home visit (quarters with no deadline have no point)."))
        return ReportSection(id: "followup", title: "Follow-up and goals", blocks: blocks)
    }

    /// Over time and groups: what changed since the last pull (a store with two or more), who
    /// is rising (small multiples), the group network, and exposure to violence as a prevention
    /// signal.
    func overTimeSection(_ files: inout [(String, String)]) throws -> ReportSection {
        progress.step("over time and groups")
        var blocks: [ReportBlock] = []
        let policy = options.policy
        // 1. Since the last pull.
        if let store, let pull, let previous = try store.pulls().last(where: { $0.asOf < pull.asOf }) {
            func view(_ p: Pull) throws -> PersonNetwork {
                var o = options.build
                o.to = p.asOf
                o.from = p.asOf.adding(months: -policy.evidenceMonths).adding(days: 1)
                o.initiative = policy.initiativeRule
                let data = try store.dataset(pull: p.id).1
                return try NetworkBuilder.build(sentPersons.map { data.restricted(to: Set($0)) } ?? data, options: o).activeOnly()
            }
            let c = try NetworkChanges.compare(view(previous), view(pull), measures: ["betweenness"], seed: options.seed)
            blocks.append(.subheading("What changed since the last pull (pull \(previous.id), \(previous.asOf) → pull \(pull.id), \(pull.asOf))"))
            blocks.append(.keyFigures([("entered the network", String(c.entered.count)), ("left it", String(c.left.count)),
                                       ("new ties", String(c.newTies.count)), ("ended ties", String(c.endedTies.count)),
                                       ("clusters split", String(c.splits.count)), ("clusters merged", String(c.merges.count))]))
            let moves = c.moves[0].rows
            let rises = moves.filter { $0.after > $0.before }.prefix(8)
            if !rises.isEmpty {
                blocks.append(.table(ReportTable(header: ["person", "betweenness before", "after", "change"],
                                                 rows: rises.map { [who($0.id), significant($0.before), significant($0.after), "+" + significant($0.after - $0.before)] },
                                                 numeric: [1, 2, 3],
                                                 caption: "Largest rises in betweenness between the two pulls (each the network of the \(policy.evidenceMonths) months up to its pull; persons in both). `sna changes STORE --since \(previous.id)` lists the new ties with their evidence and the clusters matched.")))
            }
            if !c.newTies.isEmpty {
                blocks.append(.table(ReportTable(header: ["person", "person", "evidence"],
                                                 rows: c.newTies.prefix(10).map { [who($0.a), who($0.b), $0.evidence.prefix(2).joined(separator: "; ")] },
                                                 caption: "New ties (first 10 of \(c.newTies.count)).")))
            }
        }
        // 2. Who is rising: betweenness over the last quarters, the current top six.
        if let span = ds.period {
            let ends = Array(ReportBuilder.quarterEnds(from: span.first, to: asOf).suffix(8))
            if ends.count >= 3 {
                var series: [String: [(x: Double, y: Double)]] = [:]
                var csv = CSVOut.row(["id", "period", "betweenness"])
                for e in ends {
                    var o = options.build
                    o.to = e
                    o.from = e.adding(months: -12).adding(days: 1)
                    o.initiative = policy.initiativeRule
                    guard let n = try? NetworkBuilder.build(ds, options: o).activeOnly() else { continue }
                    let b = try Measures.compute(["betweenness"], on: n.graph)[0]
                    for v in 0..<n.graph.nodeCount where n.personOfNode[v] != nil {
                        series[n.graph.labels[v], default: []].append((Double(e.ordinal), b.values[v]))
                        csv += CSVOut.row([n.graph.labels[v], e.description, formatValue(b.values[v], integral: false)])
                    }
                }
                files.append(("timeline.csv", csv))
                let last = Double(ends.last!.ordinal)
                let top = series.filter { $0.value.last?.x == last }.sorted { ($0.value.last!.y, $1.key) > ($1.value.last!.y, $0.key) }.prefix(6)
                if !top.isEmpty {
                    let yMax = top.flatMap { $0.value.map(\.y) }.max() ?? 1
                    let rows = (top.count + 1) / 2
                    var grid = "<svg class=\"chart\" viewBox=\"0 0 720 \(rows * 190)\" role=\"img\" aria-label=\"betweenness over time\">"
                    for (i, t) in top.enumerated() {
                        let chart = SVGChart.lines([.init(label: who(t.key), color: "#0b5cad", points: t.value)], xDays: (ends.first!, ends.last!),
                                                   yLabel: "betweenness", yMax: yMax, width: 360, height: 180, yFloor: 0.001)
                        grid += "<svg x=\"\(i % 2 * 360)\" y=\"\(i / 2 * 190)\" width=\"360\" height=\"180\" viewBox=\"0 0 360 180\">" + chart.replacingOccurrences(of: "<svg class=\"chart\" ", with: "<svg ") + "</svg>"
                    }
                    grid += "</svg>"
                    blocks.append(.subheading("Who is rising"))
                    blocks.append(.chart(name: "rising", svg: grid, caption: "Betweenness of today's six most central persons at each quarter's end over the last \(ends.count) quarters, each quarter the network of the 12 months before it (persons active in it); one small chart per person, same scale. `sna timeline INPUT --by quarter --window 12` gives every person (timeline.csv beside this pack)."))
                }
            }
        }
        // 3. Groups.
        if !ds.groups.isEmpty {
            let ties = policy.groupTies(ds, to: asOf)
            let groups = ds.groups.map { (name: $0, members: GroupNetwork.members(ds, group: $0, to: asOf).count) }
            blocks.append(.subheading("Groups: alliance and conflict"))
            var svg: String?
            if GraphvizRenderer.isAvailable {
                let dot = GroupNetwork.dot(groups: groups, ties: ties, title: "Group network", subtitle: ["cases up to \(asOf)"])
                let data = try GraphvizRenderer.shared.render(dot: dot, engine: .fdp, format: .svg)
                svg = ReportBuilder.inlineSVG(String(decoding: data, as: UTF8.self), idPrefix: "groups")
            }
            blocks.append(.image(ReportImage(name: "groups", caption: "Groups (members by affiliation) and their ties: alliance (solid blue) when persons of both groups are suspects in one case; conflict (dashed red) when a suspect of one and a victim of the other meet in one case, or in a \(policy.gangConflictTag) case; line width: number of cases.", svg: svg)))
            blocks.append(.table(ReportTable(header: ["group", "group", "kind", "cases", "first", "last"],
                                             rows: ties.map { [$0.a, $0.b, $0.kind.rawValue, String($0.weight), $0.first.description, $0.last.description] },
                                             numeric: [3], caption: "`sna groups INPUT --ties` lists the cases; `sna groups INPUT --call-in N` the most central members of each group.")))
        }
        // 4. Exposure: a prevention signal.
        let exposure = policy.exposure(ds, asOf: asOf)
        let exposed = ds.persons.map(\.id).filter { (exposure.exposure[$0] ?? 0) > 0 }
            .sorted { (exposure.exposure[$0]!, exposure.share[$0]!, $1) > (exposure.exposure[$1]!, exposure.share[$1]!, $0) }
        blocks.append(.subheading("Exposure to violence: a prevention signal"))
        blocks.append(.paragraph("Persons whose co-offenders were recently the victim of violence are themselves more likely to be victimized (Papachristos & Wildeman 2014; Green, Horel & Papachristos 2017). The list below is for prevention — a concern talk by DKS (under \(policy.youthAge)) or SSP — and is not a reason for enforcement: it says who is at risk, not who did anything. Exposure counts the co-offenders who were the victim of a violent case (\(policy.violentCodes.joined(separator: ", "))) in the \(policy.exposureMonths) months up to \(asOf)."))
        if exposed.isEmpty {
            blocks.append(.paragraph("No person is exposed as of \(asOf)."))
        } else {
            blocks.append(.table(ReportTable(header: ["person", "exposure", "share of co-offenders", "evidence: victim (shared case; violent case)"],
                                             rows: exposed.prefix(15).map { id in
                                                 [who(id), String(exposure.exposure[id]!), formatNumber((exposure.share[id]! * 100).rounded()) + " %",
                                                  (exposure.evidence[id] ?? []).map { "\(who($0.neighbour)) (\($0.sharedCase); \($0.victimCase) \($0.victimDate))" }.joined(separator: "; ")]
                                             },
                                             numeric: [1], caption: "\(exposed.count) persons exposed; the 15 most exposed. `sna centrality INPUT --measures exposure,exposure_share,exposure2` gives every person.")))
        }
        return ReportSection(id: "over-time", title: "Over time, groups and exposure", blocks: blocks)
    }

    /// The end of every calendar quarter from the one holding `from` up to (not including) the
    /// quarter holding `to`, then `to` itself.
    static func quarterEnds(from: Day, to: Day) -> [Day] {
        var ends: [Day] = []
        var q = Day(year: from.year, month: ((from.month - 1) / 3) * 3 + 1, day: 1)!.adding(months: 3).adding(days: -1)
        while q < to { ends.append(q); q = q.adding(days: 1).adding(months: 3).adding(days: -1) }
        return ends + [to]
    }

    func figures(size: Int, perCategory: [String: Int], minors: Int, deprived: Int, on day: Day) -> [(label: String, value: String)] {
        let share = size == 0 ? 0 : Double(deprived) / Double(size) * 100
        let shareText = formatNumber((share * 10).rounded() / 10) + " %"
        let verdict = share >= options.goal ? "goal \(formatNumber(options.goal)) % met" : "goal \(formatNumber(options.goal)) %: \(formatNumber(((options.goal - share) * 10).rounded() / 10)) points short"
        return [("on the log (\(day))", String(size))]
            + ["A1", "A2", "B1", "B2"].map { ("category \($0)", String(perCategory[$0] ?? 0)) }
            + [("under \(options.policy.youthAge)", String(minors)), ("deprived of liberty", "\(deprived) (\(shareText))"), ("against the goal", verdict)]
    }

    // MARK: 3. Network

    /// The colour legend of a view, as the image draws it: each value shown with its colour
    /// (colours follow the dataset's values, so they agree across images), then "no value".
    func legend(keep: [Bool], colouring: NodeColouring) -> [(color: String, label: String)] {
        var w = DOTWriter()
        w.fill(colouring)
        let map = w.colorMap(keep: keep)
        var out = w.colorOrder(keep: keep).map { (color: map[$0] ?? DOTWriter.noValueColor, label: $0) }
        if (0..<g.nodeCount).contains(where: { keep[$0] && colouring.values[$0] == nil && g.kinds[$0] != .group }) {
            out.append((DOTWriter.noValueColor, colouring.noValueLabel ?? "no value"))
        }
        return out
    }

    /// The printed box of each kind of image on an A4 page (inches, "width,height"), as the
    /// pack's print style sets it: Graphviz fits the drawing to it, so its scale is the print's
    /// and labels are sized to print at 6 pt or more.
    enum PrintBox {
        /// A full-width image: 186 mm × 105 mm.
        static let full = "7.3,4.1"
        /// The image of a person's card: 88 mm × 44 mm.
        static let cardImage = "3.4,1.7"
        /// The overview: 186 mm × 60 mm.
        static let overview = "7.3,2.35"
        /// A card, two to a row: 90 mm × 70 mm.
        static let card = "3.5,2.75"
        /// A profile's ego image: 120 mm × 70 mm.
        static let profile = "4.7,2.75"
    }

    /// Labels in the pack print at this size or more.
    static let minLabelPoints = 6.0

    /// Renders a view to inline SVG (nil without Graphviz), as `sna render` draws it.
    func image(_ name: String, view: NetworkView, title: String, colouring: NodeColouring, sizeBy: NodeScores, caption: String,
               card: Bool = false, pageSize: String? = nil) throws -> ReportImage {
        var w = DOTWriter(names: options.names)
        let shown = view.shown
        w.show(view)
        w.routeAroundNodes = view.canRouteAroundNodes(g)
        w.legend = true
        w.pageSize = pageSize ?? (card ? PrintBox.card : PrintBox.full)
        w.showMinors = options.showMinors
        w.minorsAsOf = asOf
        w.youthAge = options.policy.youthAge
        w.labels = true
        w.sizeBy = sizeBy
        w.fill(colouring)
        w.tooltips = tooltips
        w.title = title
        // The legend is drawn in HTML beside the image, large enough to read on paper.
        w.legendInImage = false
        // Cards (clusters, candidates) come in series: their "how to read" is said once above them.
        var img = ReportImage(name: name, caption: card ? caption : caption + " How to read: " + view.howToRead, svg: nil,
                              legend: legend(keep: view.keep, colouring: colouring))
        guard GraphvizRenderer.isAvailable else { return img }
        let engine: LayoutEngine = shown > LayoutDefaults.sfdpAbove ? .sfdp : .neato
        do {
            let drawn = try NetworkImage.render(w, net, engine: engine, format: .svg, minLabelPoints: Self.minLabelPoints,
                                                mattering: view.mattering(g, by: sizeBy, top: options.labelTop))
            w.droppedLabelsNote = drawn.labelNote
            img.labelled = (drawn.labelled, drawn.mattering, drawn.printedPoints)
            let parts = w.legendParts(net, keep: view.keep)
            img.ties = parts.ties
            if name.hasPrefix("candidate-") || name.hasPrefix("cluster-") {
                // A person's card: the marks that vary from card to card, the labels in brief
                // (the cards' paragraph says how to read them).
                let brief = drawn.labelled < drawn.mattering ? "labels: the \(drawn.labelled) of \(drawn.mattering) that matter most (more would print under 6 pt)" : "labels: all \(drawn.mattering) that matter"
                let keepMarks = parts.marks.filter { $0.hasPrefix("double border") || $0.hasPrefix("red outline") || $0.hasPrefix("box:") || $0 == "heavy black border: core" }
                img.marks = [(keepMarks + [brief]).joined(separator: " · ")]
            } else {
                img.marks = card ? [(parts.marks + parts.tieNotes).joined(separator: " · ")] : parts.marks + parts.tieNotes
            }
            img.svg = ReportBuilder.inlineSVG(String(decoding: drawn.data, as: UTF8.self), idPrefix: name)
            return img
        } catch let e as RenderError {
            throw InputError(file: ds.location, "rendering '\(title)' failed: \(e.description)")
        }
    }

    /// The cluster-level overview as inline SVG.
    func overviewImage(_ partition: Partition) throws -> String? {
        guard GraphvizRenderer.isAvailable else { return nil }
        let groups = NodeAttributes.values(net, "group", area: options.policy.areaLabel)
        do {
            let data = try ClusterOverview.render(net, partition, title: "Overview by cluster", subtitle: [], groups: groups,
                                                  pageSize: PrintBox.overview, legendInImage: false, format: .svg, minLabelPoints: Self.minLabelPoints)
            return ReportBuilder.inlineSVG(String(decoding: data, as: UTF8.self), idPrefix: "overview")
        } catch let e as RenderError {
            throw InputError(file: ds.location, "rendering the overview failed: \(e.description)")
        }
    }

    /// Graphviz's SVG made fit for inline use: no XML prolog, DOCTYPE, comments or namespace
    /// URLs (HTML places inline <svg> in the SVG namespace itself), no fixed size (the viewBox
    /// stays, so it scales to the page), and ids made unique per image.
    static func inlineSVG(_ svg: String, idPrefix: String) -> String {
        let b = Array(svg.utf8)
        let n = b.count
        func matches(_ at: Int, _ lit: [UInt8]) -> Bool {
            at + lit.count <= n && b[at..<(at + lit.count)].elementsEqual(lit)
        }
        let svgOpen = Array("<svg".utf8), commentOpen = Array("<!--".utf8), commentClose = Array("-->".utf8)
        let idAttr = Array(" id=\"".utf8), prefix = Array("\(idPrefix)-".utf8)
        guard var i = (0..<n).first(where: { matches($0, svgOpen) }) else { return "" }
        // The opening tag: drop namespace URLs and the fixed size (the viewBox stays).
        var j = i
        while j < n && b[j] != UInt8(ascii: ">") { j += 1 }
        var tag = String(decoding: b[i..<min(j + 1, n)], as: UTF8.self)
        for pattern in [#" xmlns(:xlink)?="[^"]*""#, #" width="[^"]*""#, #" height="[^"]*""#] {
            tag = tag.replacingOccurrences(of: pattern, with: "", options: .regularExpression)
        }
        var out = Array(tag.utf8)
        out.reserveCapacity(n)
        i = j + 1
        while i < n {
            if b[i] == UInt8(ascii: "<"), matches(i, commentOpen) {
                var k = i + 4
                while k < n && !matches(k, commentClose) { k += 1 }
                i = min(n, k + 3)
                continue
            }
            if b[i] == UInt8(ascii: " "), matches(i, idAttr) {
                out += idAttr
                out += prefix
                i += idAttr.count
                continue
            }
            out.append(b[i])
            i += 1
        }
        while let last = out.last, last == 0x0A || last == 0x20 { out.removeLast() }
        return String(decoding: out, as: UTF8.self)
    }

    func colouring(_ partition: Partition) -> NodeColouring {
        NodeColouring.named(options.colorBy, net: net, policy: options.policy, partition: { partition },
                            split: { CorePeriphery.discrete(g, seed: options.seed) }, seed: options.seed)
            ?? NodeColouring.cluster(partition, seed: options.seed)
    }

    func networkSection(_ partition: Partition, _ sizeScores: NodeScores) throws -> ReportSection {
        let view = NetworkView.whole(g, dropIsolates: true)
        let colours = colouring(partition)
        let overview = try overviewImage(partition)
        let whole = try image("network", view: view, title: "Whole network (persons with at least one tie)", colouring: colours, sizeBy: sizeScores,
                              caption: "Every person with a tie. Zoom with the buttons, Ctrl+wheel or a double click, drag to move, hover a person for the key figures. Colour: \(colours.name); size: \(options.sizeBy).")
        return ReportSection(id: "network", title: "Network", blocks: [
            .image(ReportImage(name: "overview", caption: "The network by cluster. How to read: each circle is a cluster of persons (size: members; colour: the cluster's colour in the other images), each line the person-to-person ties between two clusters (width and number: how many). The clusters are those of the Clusters section and of `sna clusters --seed \(options.seed) --runs \(options.clusterRuns)`; \(partition.clusters.filter { $0.count == 1 }.count) persons without ties inside a cluster are not drawn.", svg: overview,
                               legend: legend(keep: partition.membership.map { partition.clusters[$0].count > 1 }, colouring: NodeColouring.cluster(partition, seed: options.seed)))),
            .image(whole),
        ])
    }

    // MARK: 4. Centrality

    /// The measures of the centrality table.
    static let measures = ["degree", "betweenness", "closeness", "eigenvector"]

    func centralitySection(_ scores: [NodeScores], _ files: inout [(String, String)]) throws -> ReportSection {
        let measures = ReportBuilder.measures
        var robust: [[Robustness.RankSummary]] = []
        for (i, m) in measures.enumerated() {
            progress.step("robustness of \(m) (\(i + 1)/\(measures.count))")
            robust.append(try Robustness.ranks(g, measure: m, dropNodes: 0.1, dropTies: 0.1, runs: options.robustnessRuns, topK: options.top, seed: options.seed))
        }
        let persons = (0..<g.nodeCount).filter { g.kinds[$0] == .person }
        var chosen = Set<Int>()
        for (i, _) in measures.enumerated() {
            let ranked = persons.sorted { robust[i][$0].rank != robust[i][$1].rank ? robust[i][$0].rank < robust[i][$1].rank : g.labels[$0] < g.labels[$1] }
            chosen.formUnion(ranked.prefix(options.top))
        }
        let rowsOrder = chosen.sorted { robust[1][$0].rank != robust[1][$1].rank ? robust[1][$0].rank < robust[1][$1].rank : g.labels[$0] < g.labels[$1] }
        var category: [String: String] = [:]
        for e in ds.log { category[e.personID] = e.category }
        var header = ["person", "log"]
        var numeric = Set<Int>()
        for m in measures {
            numeric.insert(header.count); header.append(m)
            numeric.insert(header.count); header.append("\(m) rank")
        }
        var rows: [[String]] = [], keys: [[String]] = []
        for v in rowsOrder {
            var r = [who(g.labels[v]), category[g.labels[v]] ?? ""]
            var k = [g.labels[v], category[g.labels[v]] ?? ""]
            for (i, sc) in scores.enumerated() {
                let val = significant(sc.values[v], integral: sc.isIntegral)
                r.append(val); k.append(formatValue(sc.values[v], integral: sc.isIntegral))
                let rs = robust[i][v]
                r.append(rs.runs > 0 ? "\(rs.rank) (\(rs.low)–\(rs.high))" : "\(rs.rank)")
                k.append(String(rs.rank))
            }
            rows.append(r); keys.append(k)
        }
        var csv = CSVOut.row(["id"] + measures)
        for v in 0..<g.nodeCount { csv += CSVOut.row([g.labels[v]] + scores.map { formatValue($0.values[v], integral: $0.isIntegral) }) }
        files.append(("scores.csv", csv))
        return ReportSection(id: "centrality", title: "Centrality", blocks: [
            .paragraph("The persons in the top \(options.top) by any of four measures (click a column to sort). Degree: how many others a person is tied to — with police data also how visible the person is to the police. Betweenness: how often a person lies on the shortest paths between others (normalized, as networkx). Closeness: how near a person is to everyone they can reach (Wasserman–Faust). Eigenvector: ties to well-tied persons."),
            .paragraph("Robustness: after each rank, the 5th–95th percentile of the person's rank over \(options.robustnessRuns) re-runs with 10 % of persons and 10 % of ties deleted at random (seed \(options.seed)). A narrow range means the rank does not hang on a few records; a wide one means missing data could change it."),
            .table(ReportTable(header: header, rows: rows, numeric: numeric, sortKeys: keys, sortable: true,
                               caption: "Top persons by degree, betweenness, closeness and eigenvector centrality, ordered by betweenness; each rank with its 5th–95th percentile range under missing data")),
        ])
    }

    // MARK: 5. Clusters, core/periphery, brokers

    func clusterSection(_ partition: Partition, _ sizeScores: NodeScores, _ files: inout [(String, String)]) throws -> ReportSection {
        progress.step("clusters, core/periphery, brokers")
        let groups = NodeAttributes.values(net, "group", area: options.policy.areaLabel)
        let summaries = ClusterSummary.all(partition, in: g, groups: groups)
        let split = CorePeriphery.discrete(g, seed: options.seed)
        let coreness = CorePeriphery.continuous(g).coreness
        var blocks: [ReportBlock] = []
        let multi = summaries.filter { $0.size > 1 }
        blocks.append(.paragraph("Leiden clustering (modularity, seed \(options.seed)) finds \(multi.count) clusters of two or more persons (\(summaries.count - multi.count) persons stand alone); modularity \(formatNumber((Modularity.of(partition, in: g) * 1000).rounded() / 1000))."))
        var rows: [[String]] = []
        var csv = CSVOut.row(["cluster", "size", "density", "internal_ties", "external_ties", "dominant_group", "dominant_share", "core_members"])
        for c in multi {
            let members = partition.clusters[c.cluster]
            let inCore = members.filter { split.core[$0] }.count
            let share = formatNumber((c.dominantShare * 100).rounded()) + " %"
            rows.append([String(c.cluster), String(c.size), significant(c.density), String(c.internalTies), String(c.externalTies),
                         c.dominantGroup.map { "\($0) (\(share))" } ?? "", String(inCore)])
            csv += CSVOut.row([String(c.cluster), String(c.size), formatValue(c.density, integral: false), String(c.internalTies), String(c.externalTies),
                               c.dominantGroup ?? "", formatValue(c.dominantShare, integral: false), String(inCore)])
        }
        files.append(("clusters.csv", csv))
        blocks.append(.table(ReportTable(header: ["cluster", "size", "density", "ties inside", "ties out", "dominant group", "in the core"],
                                         rows: rows, numeric: [0, 1, 2, 3, 4, 6], sortable: true, caption: "Clusters")))
        let shownClusters = multi.filter { $0.size >= 3 }.sorted { $0.size != $1.size ? $0.size > $1.size : $0.cluster < $1.cluster }.prefix(options.maxClusterImages)
        if !shownClusters.isEmpty {
            blocks.append(.paragraph("The largest clusters. How to read: \(NetworkView.cluster(partition, 0).howToRead) Colours are the primary groups, the same in every image."))
        }
        let clusterImages = try inOrder(Array(shownClusters), step: "cluster images") { c in
            let view = NetworkView.cluster(partition, c.cluster, core: split.core)
            let byGroup = NodeColouring(name: "primary group", values: groups, noValueLabel: "no group", palette: DOTWriter.Palette.groups)
            return try image("cluster-\(c.cluster)", view: view, title: "Cluster \(c.cluster): \(c.size) persons\(c.dominantGroup.map { g in c.dominantShare >= 0.5 ? ", \(g) \(Int((c.dominantShare * 100).rounded())) %" : ", mixed" } ?? "")",
                             colouring: byGroup, sizeBy: sizeScores,
                             caption: "Cluster \(c.cluster) (\(c.size) persons, density \(significant(c.density))); colour: primary group; size: \(options.sizeBy).", card: true)
        }
        blocks += clusterImages.map { .image($0) }
        if multi.count > shownClusters.count {
            blocks.append(.paragraph("Images are drawn for the \(shownClusters.count) largest clusters; `sna render INPUT --view cluster:N` draws any other."))
        }
        // Core / periphery.
        blocks.append(.subheading("Core and periphery"))
        let core = split.coreMembers.sorted { coreness[$0] != coreness[$1] ? coreness[$0] > coreness[$1] : g.labels[$0] < g.labels[$1] }
        blocks.append(.paragraph("Borgatti–Everett core/periphery model of the whole network (seed \(options.seed)): \(core.count) persons form the core (fit \(formatNumber((split.fit * 1000).rounded() / 1000)), the correlation between the network and an ideal core/periphery pattern). The log's core/peripheral categories are assessed per group (see the proposals); this split is the whole network's."))
        blocks.append(.columns(core.map { "\(who(g.labels[$0])) \(significant(coreness[$0]))\(groups[$0].map { " \($0)" } ?? "")" },
                               caption: "The core (\(core.count) persons) by continuous coreness, with the primary group (`sna core-periphery INPUT` lists every person)"))
        // Brokers.
        blocks.append(.subheading("Brokers between groups"))
        let codes = NodeAttributes.codes(groups)
        let roles = Brokerage.roles(g, groups: codes)
        let ranked = (0..<g.nodeCount).filter { g.kinds[$0] == .person && roles[$0].reduce(0, +) > 0 }
            .sorted { let a = roles[$0].reduce(0, +), b = roles[$1].reduce(0, +); return a != b ? a > b : g.labels[$0] < g.labels[$1] }
        var brokerCSV = CSVOut.row(["id", "group"] + Brokerage.roles + ["total"])
        for v in ranked { brokerCSV += CSVOut.row([g.labels[v], groups[v] ?? ""] + roles[v].map(String.init) + [String(roles[v].reduce(0, +))]) }
        files.append(("brokers.csv", brokerCSV))
        blocks.append(.paragraph("Gould–Fernandez brokerage against the primary group: for each open two-path a – b – c, broker b is a coordinator (all in one group), itinerant (a and c in one group, b in another), representative or gatekeeper (b shares a group with one side), or liaison (three groups). Liaisons and gatekeepers are the persons who connect groups."))
        blocks.append(.table(ReportTable(header: ["person", "group"] + Brokerage.roles + ["total"],
                                         rows: ranked.prefix(options.top).map { v in [who(g.labels[v]), groups[v] ?? "(none)"] + roles[v].map(String.init) + [String(roles[v].reduce(0, +))] },
                                         numeric: Set(2...7), sortable: true, caption: "Top \(min(options.top, ranked.count)) brokers by total brokerage")))
        return ReportSection(id: "clusters", title: "Clusters, core and periphery, brokers", blocks: blocks)
    }

    // MARK: 6. Proposals and candidates

    func proposalSection(_ sizeScores: NodeScores, betweenness: NodeScores, _ files: inout [(String, String)]) throws -> ReportSection {
        progress.step("proposals and candidates")
        let assessed = try Screening.assess(ds, asOf: asOf, policy: options.policy, seed: options.seed)
        var blocks: [ReportBlock] = []
        var rows: [[String]] = []
        var personOfProposal: [(String, String)] = []
        var csv = CSVOut.row(["proposal_id", "person_id", "action", "category", "reason", "evidence", "strength"])
        if let store {
            let left = Set(restrictedOut.map(\.person))
            // A recipient's pack holds the proposals about the persons it admits only; a
            // restricted person is out of the pack, and out of others' evidence too.
            let admitted = sentPersons.map(Set.init)
            let open = try store.proposals().filter { $0.verdict == nil && $0.action != .keep && !left.contains($0.personID) && (admitted?.contains($0.personID) ?? true) }
                .map { p -> StoredProposal in
                    // Persons the pack leaves out (restricted, or not the recipient's) are not
                    // named in the evidence either.
                    var p = p
                    p.evidence = Store.redact(p.evidence, ids: hiddenIDs, as: "another person")
                    return p
                }
            if !restrictedOut.isEmpty {
                blocks.append(.paragraph(restrictedNote))
            }
            if open.isEmpty {
                blocks.append(.paragraph("No proposals await a decision in the store (`sna propose \(store.path)` makes a new run)."))
            } else {
                blocks.append(.paragraph("\(open.count) proposals of run \(open[0].runID) (as of \(open[0].asOf)) await a decision: `sna decide ID accept|reject --reason …` records it."))
            }
            for p in open {
                personOfProposal.append((p.id, p.personID))
                rows.append([p.id, who(p.personID, also: p.asOf), p.action.rawValue, p.category?.rawValue ?? "", p.currentCategory?.rawValue ?? "", p.reason.rawValue, p.evidence, p.strength?.rawValue ?? ""])
                csv += CSVOut.row([p.id, p.personID, p.action.rawValue, p.category?.rawValue ?? "", p.reason.rawValue, p.evidence, p.strength?.rawValue ?? ""])
            }
        } else {
            let proposals = try Screening.propose(ds, asOf: asOf, policy: options.policy, seed: options.seed, assessments: assessed)
                .filter { $0.action != .keep }
            blocks.append(.paragraph("A one-shot screening of the folder as of \(asOf) against its log.csv: \(proposals.count) proposals (not saved; ingest the data into a store to record decisions)."))
            for p in proposals {
                personOfProposal.append((p.id, p.personID))
                rows.append([p.id, who(p.personID), p.action.rawValue, p.category?.rawValue ?? "", p.currentCategory?.rawValue ?? "", p.reason.rawValue, p.summary, p.strength.rawValue])
                csv += CSVOut.row([p.id, p.personID, p.action.rawValue, p.category?.rawValue ?? "", p.reason.rawValue, p.summary, p.strength.rawValue])
            }
        }
        files.append(("proposals.csv", csv))
        let proposalPerson = Dictionary(personOfProposal, uniquingKeysWith: { a, _ in a })
        let cardedProposals = Set(rows.filter { ["add", "recategorize"].contains($0[2]) && $0[7] == EvidenceStrength.strong.rawValue }.map { $0[0] })
        // One table per action, in the order a meeting takes them; within each, the strongest
        // proposals first (stable: screening order within a strength).
        let rank = Dictionary(uniqueKeysWithValues: EvidenceStrength.allCases.enumerated().map { ($1.rawValue, $0) })
        for (action, title) in [("add", "Add to the log"), ("remove", "Remove from the log"), ("recategorize", "Change category"),
                                ("review", "Review: the data cannot decide (accepting keeps the entry, rejecting removes it)"),
                                ("route", "Route (youth screening, SSP+ hand-over)")] {
            let these = rows.enumerated().filter { $0.element[2] == action }
                .sorted { (rank[$0.element[7]] ?? 3, $0.offset) < (rank[$1.element[7]] ?? 3, $1.offset) }.map(\.element)
            guard !these.isEmpty else { continue }
            // Columns empty in every row of this table (no "now" for additions, no "proposed"
            // for removals and routes) are left out.
            // Old before new, as the evidence reads ("A2 → B2").
            let columns = [(0, "id"), (1, "person"), (4, "category now"), (3, "proposed category"), (5, "reason"), (7, "strength"), (6, "evidence")]
                .filter { c in c.0 < 3 || c.0 >= 5 || these.contains { !$0[c.0].isEmpty } }
            // A route's evidence is its person's entry evidence again: the table keeps the
            // route's own lead (who and why), proposals.csv the whole line.
            let shown = these.map { r in
                var r = r
                if action == "route" {
                    r[6] = r[6].components(separatedBy: "; ").prefix(1).joined(separator: "; ")
                } else if cardedProposals.contains(r[0]) {
                    // A strong proposal has a card of its own below, with the whole evidence.
                    r[6] = (r[6].components(separatedBy: "; ").first ?? "") + " … (the whole evidence on the person's card below)"
                }
                return r
            }
            blocks.append(.table(ReportTable(header: columns.map(\.1),
                                             rows: shown.map { r in columns.map { r[$0.0] } },
                                             sortable: true, caption: "\(title): \(these.count)"
                                                + (action == "route" ? " (evidence: the route's lead; the whole line is in proposals.csv)" : ""))))
        }
        // Candidates.
        let assessments = Dictionary(uniqueKeysWithValues: assessed.map { ($0.personID, $0) })
        var excluded = Set<String>()
        if let store, options.windowWeeks > 0 { excluded = try store.recentlyPutForward(before: asOf, weeks: options.windowWeeks) }
        let chosen = CandidatePool.pool(ds, graph: g, assessments: assessments, scores: betweenness, filter: CandidatePool.Filter(excluded: excluded)).prefix(options.candidates)
        blocks.append(.subheading("Candidates for the next coordination meeting"))
        blocks.append(.paragraph("The \(chosen.count) persons on the log with the highest betweenness, leaving out persons deprived of liberty\(store != nil && options.windowWeeks > 0 ? " and persons put forward in the last \(options.windowWeeks) weeks" : ""). `sna candidates` draws other lists (by category, area, age, measure)."))
        var candCSV = CSVOut.row(["rank", "person_id", "category", "area", "age", "betweenness", "evidence"])
        var candRows: [[String]] = []
        for (i, c) in chosen.enumerated() {
            let age = c.a?.age.map(String.init) ?? ""
            candRows.append([String(i + 1), who(c.entry.personID), c.entry.category, String(c.entry.category.prefix(1)), age,
                             significant(c.score), CandidatePool.evidence(c.a)])
            candCSV += CSVOut.row([String(i + 1), c.entry.personID, c.entry.category, String(c.entry.category.prefix(1)), age,
                                   formatValue(c.score, integral: false), CandidatePool.evidence(c.a)])
        }
        files.append(("candidates.csv", candCSV))
        blocks.append(.table(ReportTable(header: ["candidate rank", "person", "category", "area", "age", "betweenness", "evidence"], rows: candRows,
                                         numeric: [0, 4, 5], caption: "Candidate list")))
        // Cards: a short profile per candidate and per strong proposal to add or change a category.
        let ctx = try profileContext()
        let strong = rows.filter { ["add", "recategorize"].contains($0[2]) && $0[7] == EvidenceStrength.strong.rawValue }
        var carded = Set(chosen.map(\.entry.personID))
        var strongIDs: [String] = []
        for r in strong {
            let id = r[0].isEmpty ? "" : proposalPerson[r[0]] ?? ""
            if !id.isEmpty, carded.insert(id).inserted { strongIDs.append(id) }
        }
        if !chosen.isEmpty || !strongIDs.isEmpty {
            blocks.append(.subheading("Cards: the candidates and the strong proposals"))
            blocks.append(.paragraph("One card per candidate (with the direct contacts) and per strong proposal to add or change a category: who, the category and its evidence, the position in the network, the newest events. How to read the images: strong lines are the person's own ties (the heavy border); colours are log categories, the same in every image. `sna profile ID INPUT` prints a person's whole page."))
        }
        let cards = try inOrder(Array(chosen.enumerated()), step: "candidate cards") { (i, c) -> ReportBlock? in
            guard ds.personIndex[c.entry.personID] != nil else { return nil }
            return .card(title: "Candidate \(i + 1): \(who(c.entry.personID)) (\(c.entry.category))",
                         blocks: try profileBlocks(c.entry.personID, ctx, image: true, imageName: "candidate-\(i + 1)", imageBox: PrintBox.cardImage, events: 3, byCategory: true))
        }
        blocks += cards.compactMap { $0 }
        for id in strongIDs where ds.personIndex[id] != nil {
            let pr = strong.first { proposalPerson[$0[0]] == id }!
            blocks.append(.card(title: "\(pr[2] == "add" ? "Add" : "Change category"): \(who(id))\(pr[4].isEmpty ? "" : " \(pr[4]) →") \(pr[3])",
                                blocks: try profileBlocks(id, ctx, image: false, events: 2)))
        }
        return ReportSection(id: "proposals", title: "Proposals and candidates", blocks: blocks)
    }

    /// What the pack leaves out for the persons' rights, said where it matters.
    var restrictedNote: String {
        let n = restrictedOut.count
        return "\(n) person\(n == 1 ? " is" : "s are") left out of this pack: their entr\(n == 1 ? "y is" : "ies are") restricted by an open request (contest, rectification or erasure) until it is resolved: "
            + restrictedOut.map { "request \($0.request.id) (\($0.request.kind.rawValue), due \($0.request.due))" }.joined(separator: ", ") + ". `sna request list --open` shows them."
    }

    // MARK: 7. Method notes

    func methodSection() -> ReportSection {
        let conventions = [
            "Ties are undirected; weights count shared cases or sightings. Path measures ignore weights (every tie has length 1).",
            "Betweenness is normalized by (n−1)(n−2)/2 as in networkx; closeness follows Wasserman–Faust on networks with several components; eigenvector centrality is computed per networkx conventions (unit Euclidean norm).",
            "Clusters: Leiden (Traag, Waltman & van Eck 2019), modularity, seed \(options.seed). Core/periphery: Borgatti & Everett (2000). Brokerage: Gould & Fernandez (1989). Robustness: re-runs with random deletions (Ficara et al. 2021).",
            "Same input and seed give the same report, byte for byte (set SOURCE_DATE_EPOCH to fix the generation date).",
        ]
        let caveats = (restrictedOut.isEmpty ? [] : [restrictedNote]) + [
            "Initiative cases (crime codes 61600–62230) are excluded from co-offending ties: they reflect police activity, not joint crime.",
            "Police data show what the police saw: a high degree is also visibility, and a person with few records may be well hidden rather than peripheral.",
            "Missing data are the rule in criminal networks; the robustness ranges show how much each rank depends on it.",
            "Proposals follow the policy below; they are assessments for the target-selection group, who decide. Persons under 18 go to youth screening.",
        ]
        return ReportSection(id: "method", title: "Method notes", blocks: [
            .subheading("Conventions"), .list(conventions),
            .subheading("Caveats"), .list(caveats),
            .subheading("Policy in force"),
            .paragraph("Every key and its value; `sna policy` prints each with its meaning, `sna policy --markdown` as a table."),
            .preformatted(options.policy.keyValueLines),
            .subheading("Provenance"),
            .list(["Tool: sna \(options.toolVersion)", "Input: \(ds.location)" + (pull.map { ", pull \($0.id) as of \($0.asOf), ingested \($0.ingestedAt) by \($0.ingestedBy)" } ?? ""),
                   "Input digest (SHA-256 over the input files): `\(digest)`", "Seed: \(options.seed)", "Generated: \(options.generated)"]),
        ])
    }
}

/// Where the builder reports its steps (the CLI draws a progress bar on a terminal).
/// Results of work handed out to threads one item at a time (``ReportBuilder/inOrder(_:step:_:)``).
final class OrderedSlots<R>: @unchecked Sendable {
    let lock = NSLock()
    private(set) var results: [Result<R, any Error>?]
    private var next = 0, done = 0
    init(_ n: Int) { results = Array(repeating: nil, count: n) }
    /// The next item to make, or nil when all are taken.
    func take() -> Int? {
        lock.withLock {
            guard next < results.count else { return nil }
            next += 1
            return next - 1
        }
    }
    /// Stores item `i`'s result; how many are done.
    func put(_ i: Int, _ r: Result<R, any Error>) -> Int {
        lock.withLock {
            results[i] = r
            done += 1
            return done
        }
    }
}

/// A closure run on several threads whose captures the caller keeps safe (read-only, or behind
/// a lock).
struct UncheckedWork: @unchecked Sendable {
    let body: (Int) -> Void
}

public protocol ProgressSink: AnyObject {
    func step(_ what: String)
}
