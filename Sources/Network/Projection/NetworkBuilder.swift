import Foundation

/// The kinds of tie the analysed graph can be made of.
public enum LinkKind: Hashable, Sendable, CustomStringConvertible {
    /// Two persons both `suspect` in the same (non-initiative) case.
    case coOffending
    /// Person–group membership from the affiliation register.
    case affiliation
    /// Two persons seen at the same place within the location window.
    case location
    /// An analyst-entered tie from `links.csv`, by its `type`.
    case analyst(String)

    public var description: String {
        switch self {
        case .coOffending: "co-offending"
        case .affiliation: "affiliation"
        case .location: "location"
        case .analyst(let t): t
        }
    }
}

/// Which kinds of tie form the analysed graph (`--links`).
///
/// Tokens: `co-offending`, `affiliation`, `location`, `analyst` (every `links.csv` type), or a
/// single `links.csv` type such as `family`. The default is every person–person kind:
/// co-offending, location and all analyst links; `affiliation` (which adds group nodes) is
/// opt-in because group nodes would sit between every pair of members.
public struct LinkSelection: Sendable, Equatable {
    public var coOffending: Bool
    public var affiliation: Bool
    public var location: Bool
    /// `nil` = every analyst link type.
    public var analystTypes: Set<String>?
    public var analyst: Bool

    public static let `default` = LinkSelection(coOffending: true, affiliation: false, location: true, analystTypes: nil, analyst: true)
    public static let all = LinkSelection(coOffending: true, affiliation: true, location: true, analystTypes: nil, analyst: true)

    public init(coOffending: Bool, affiliation: Bool, location: Bool, analystTypes: Set<String>?, analyst: Bool) {
        self.coOffending = coOffending
        self.affiliation = affiliation
        self.location = location
        self.analystTypes = analystTypes
        self.analyst = analyst
    }

    /// Parses a comma-separated list; unknown analyst types are checked against the data later.
    public init(parsing text: String) {
        self.init(coOffending: false, affiliation: false, location: false, analystTypes: [], analyst: false)
        for raw in text.split(separator: ",") {
            let t = raw.trimmingCharacters(in: .whitespaces)
            switch t.lowercased() {
            case "co-offending", "cooffending", "co_offending_cases": coOffending = true
            case "affiliation", "affiliations": affiliation = true
            case "location", "locations", "co-presence": location = true
            case "analyst", "links", "all-links": analyst = true; analystTypes = nil
            case "all": self = .all; return
            case "": continue
            default:
                analyst = true
                if analystTypes != nil { analystTypes!.insert(t) }
            }
        }
    }

    func includes(analystType t: String) -> Bool {
        analyst && (analystTypes == nil || analystTypes!.contains(t))
    }
}

/// How a case with k suspects weighs the co-offending tie of each pair of them.
public enum CoOffendingWeight: String, CaseIterable, Sendable {
    /// 1 per shared case: the tie's weight is the number of cases the two share.
    case count
    /// Newman's collaboration weight (Phys. Rev. E 64, 016132, 2001): 1/(k−1) per shared
    /// case, so each suspect's ties from one case add up to 1 and a large case says less of
    /// each pair (networkx's `collaboration_weighted_projected_graph`).
    case newman
}

/// Options for turning a ``Dataset`` into a graph.
public struct BuildOptions: Sendable {
    /// The weight a shared case gives a co-offending tie.
    public var coOffendingWeight: CoOffendingWeight = .count
    public var links: LinkSelection = .default
    /// Keep only events on or after this day (cases, sightings, dated links; affiliations that overlap).
    public var from: Day?
    /// Keep only events on or before this day.
    public var to: Day?
    /// `nil`: directed if the data declares it (a `directed` column), else undirected.
    public var directed: Bool?
    /// Let initiative cases (see ``initiative``) create co-offending ties.
    public var includeInitiativeCases = false
    /// Which cases are initiative cases (codes, ranges and case tags).
    public var initiative = InitiativeRule.default
    /// Persons seen at the same place at most this many days apart are tied (0 = same day).
    public var locationWindowDays = 0
    /// A place-day with more persons seen than this (a concert, a festival, a stop-and-search
    /// sweep) makes no location ties: its co-presence says nothing of the persons, and as a
    /// clique it costs the square of its size. nil: no cap. The policy's `location_max_persons`.
    public var locationMaxPersons: Int? = 50
    /// Reject ties whose weight is ≤ 0 (weights used as distances or strengths).
    public var requirePositiveWeights = false
    /// Keep the evidence behind every tie (cases, sightings, link rows).
    public var keepEvidence = true
    /// Keep only links whose `period` is one of these values (nil: no period filter). When every
    /// value is an ISO date (a year, month or day), cases and sightings are kept by date too.
    public var periods: [String]?

    public init() {}
}

/// One fact behind a tie: what a meeting is shown when it asks "why are these two linked?".
public enum Evidence: Sendable, Equatable {
    case coOffending(caseID: String, date: Day, crimeCode: String)
    case location(place: String, dates: [Day])
    case link(type: String, weight: Double, date: Day?, sourceInfo: String?, row: SourceRow)
    case affiliation(group: String, confidence: AffiliationConfidence?, since: Day?, until: Day?)
}

/// What was used and left out while building a network: shown by `sna stats` and reports.
public struct BuildSummary: Sendable, Equatable {
    public var casesUsed = 0
    public var initiativeCasesExcluded = 0
    public var casesOutsidePeriod = 0
    public var sightingsOutsidePeriod = 0
    public var linksOutsidePeriod = 0
    public var affiliationsOutsidePeriod = 0
    /// Place-days left out of the location ties for holding more persons than
    /// ``BuildOptions/locationMaxPersons`` (busiest first), and the sightings they held.
    public var cappedPlaceDays: [(place: String, day: Day, persons: Int)] = []
    public var cappedSightings: Int { cappedPlaceDays.reduce(0) { $0 + $1.persons } }
    /// Tie count (before aggregation across kinds) per kind, in a stable order.
    public var tiesByKind: [(kind: String, count: Int)] = []
    /// The first and last day of the events that made ties (cases, sightings, dated links and
    /// links with an ISO `period`): the period actually analysed.
    public var analysed: (first: Day, last: Day)?

    public static func == (a: BuildSummary, b: BuildSummary) -> Bool {
        a.casesUsed == b.casesUsed && a.initiativeCasesExcluded == b.initiativeCasesExcluded
            && a.casesOutsidePeriod == b.casesOutsidePeriod && a.tiesByKind.map(\.kind) == b.tiesByKind.map(\.kind)
            && a.tiesByKind.map(\.count) == b.tiesByKind.map(\.count)
    }
}

/// A typed, attributed network: the graph plus, per edge, the kinds and the evidence behind it.
public struct PersonNetwork: Sendable {
    public let dataset: Dataset
    public let graph: Graph
    public let options: BuildOptions
    /// For each node, the index of its person in `dataset.persons` (`nil` for group nodes).
    public let personOfNode: [Int?]
    /// For each edge, the kinds that make it up with the weight each contributes, in a stable order.
    public let edgeKinds: EdgeKinds
    /// For each edge, its evidence (empty when `options.keepEvidence` is false).
    public let evidence: EdgeEvidence
    public let summary: BuildSummary

    /// The person behind node `v`, if it is a person.
    public func person(_ v: Int) -> Person? { personOfNode[v].map { dataset.persons[$0] } }
}

/// Builds a ``PersonNetwork`` from a ``Dataset``: projects cases to co-offending ties,
/// sightings to co-presence ties, affiliations to person–group ties, and adds analyst links.
///
/// Weights: co-offending = number of shared cases; location = number of co-sightings (pairs of
/// sightings at the same place within the window); analyst links = their `weight`;
/// affiliation = 1. When several kinds (or several rows) tie the same pair, the aggregated
/// edge's weight is their **sum** (the convention of `golden/multiedge`).
///
/// - Complexity: O(P + S·k + L) with P case participations, S sightings (k = sightings of the
///   same place within the window) and L links.
public enum NetworkBuilder {
    public static func build(_ dataset: Dataset, options: BuildOptions = BuildOptions()) throws -> PersonNetwork {
        let directed = options.directed ?? dataset.declaredDirected
        let from = options.from, to = options.to
        // --period: the values asked for; date-range values also select cases and sightings.
        let periodSet = options.periods.map { Set($0.map { $0.trimmingCharacters(in: .whitespaces) }) }
        let periodRanges = options.periods?.compactMap(PeriodValue.range) ?? []
        let datedPeriods = options.periods.map { !$0.isEmpty && periodRanges.count == $0.count } ?? false
        func inPeriod(_ d: Day) -> Bool {
            (from.map { d >= $0 } ?? true) && (to.map { d <= $0 } ?? true)
                && (!datedPeriods || periodRanges.contains { d >= $0.first && d <= $0.last })
        }
        var lo: Day?, hi: Day?
        func used(_ a: Day, _ b: Day) {
            if lo == nil || a < lo! { lo = a }
            if hi == nil || b > hi! { hi = b }
        }
        var periodMatches = 0

        // Check the analyst link types the selection names against the data.
        if let wanted = options.links.analystTypes, options.links.analyst {
            var known = Set(dataset.links.types)
            known.formUnion(["link"])
            for t in wanted.sorted() where !known.contains(t) {
                let available = dataset.links.types.sorted()
                throw InputError(file: dataset.location, field: "links",
                                 "the link selection names an unknown link kind '\(t)' (expected co-offending, affiliation, location, analyst\(available.isEmpty ? "" : ", or a links.csv type: " + available.joined(separator: ", ")))")
            }
        }

        var b = GraphBuilder(directed: directed, expectedNodes: dataset.persons.count,
                             expectedEdges: dataset.links.count + dataset.participations.count)
        var personOfNode: [Int?] = []
        personOfNode.reserveCapacity(dataset.persons.count)
        for (i, p) in dataset.persons.enumerated() {
            b.addNode(p.id, kind: .person)
            personOfNode.append(i)
        }
        var kinds = EdgeKinds.Builder()
        var evidence = EdgeEvidence.Builder()
        let keepEvidence = options.keepEvidence && dataset.layout == .dataset
        var summary = BuildSummary()
        var kindCounts: [String: Int] = [:]
        var kindOrder: [String] = []

        func add(_ u: Int32, _ v: Int32, _ w: Double, _ kind: LinkKind, _ ev: Evidence?, both: Bool) {
            func one(_ a: Int32, _ c: Int32) {
                let r = b.addEdge(a, c, weight: w)
                kinds.add(row: r, kind: kind, weight: w, rowWeight: b.rowWeight)
                if keepEvidence, let ev { evidence.add(row: r, ev) }
            }
            one(u, v)
            if directed && both && u != v { one(v, u) }
            let name = kind.description
            if kindCounts[name] == nil { kindOrder.append(name) }
            kindCounts[name, default: 0] += 1
        }
        func node(_ personID: String) -> Int32 { b.index(of: personID)! }

        // Co-offending: suspects of the same case.
        if options.links.coOffending && !dataset.cases.isEmpty {
            var suspects: [String: [String]] = [:]
            for p in dataset.participations where p.role == .suspect {
                if suspects[p.caseID]?.contains(p.personID) == true { continue }
                suspects[p.caseID, default: []].append(p.personID)
            }
            for c in dataset.cases {
                if !inPeriod(c.date) { summary.casesOutsidePeriod += 1; continue }
                if !options.includeInitiativeCases && options.initiative.matches(c, dataset.crimeCodes) {
                    summary.initiativeCasesExcluded += 1
                    continue
                }
                summary.casesUsed += 1
                if datedPeriods { periodMatches += 1 }
                used(c.date, c.date)
                guard let s = suspects[c.id], s.count > 1 else { continue }
                let w = options.coOffendingWeight == .newman ? 1 / Double(s.count - 1) : 1
                for i in 0..<s.count {
                    for j in (i + 1)..<s.count {
                        add(node(s[i]), node(s[j]), w, .coOffending,
                            .coOffending(caseID: c.id, date: c.date, crimeCode: c.crimeCode), both: true)
                    }
                }
            }
        }

        // Location: co-presence at a place within the window.
        if options.links.location && !dataset.sightings.isEmpty {
            var byPlace: [String: [(date: Day, person: String)]] = [:]
            var placeOrder: [String] = []
            var seen = Set<String>()
            for s in dataset.sightings {
                if !inPeriod(s.date) { summary.sightingsOutsidePeriod += 1; continue }
                let key = "\(s.personID)\u{1F}\(s.place)\u{1F}\(s.date)"
                if !seen.insert(key).inserted { continue }
                if byPlace[s.place] == nil { placeOrder.append(s.place) }
                byPlace[s.place, default: []].append((s.date, s.personID))
            }
            let window = max(0, options.locationWindowDays)
            var capped: [(place: String, day: Day, persons: Int)] = []
            for place in placeOrder {
                var list = byPlace[place]!.sorted { ($0.date, $0.person) < ($1.date, $1.person) }
                // Busy place-days (more persons than the cap) make no ties: counted, left out.
                if let cap = options.locationMaxPersons {
                    var kept: [(date: Day, person: String)] = []
                    kept.reserveCapacity(list.count)
                    var i = 0
                    while i < list.count {
                        var j = i
                        while j < list.count && list[j].date == list[i].date { j += 1 }
                        if j - i > cap { capped.append((place, list[i].date, j - i)) } else { kept += list[i..<j] }
                        i = j
                    }
                    list = kept
                }
                let ords = list.map(\.date.ordinal)
                for i in 0..<list.count {
                    var j = i + 1
                    while j < list.count && ords[j] - ords[i] <= window {
                        if list[i].person != list[j].person {
                            let dates = list[i].date == list[j].date ? [list[i].date] : [list[i].date, list[j].date]
                            used(list[i].date, list[j].date)
                            if datedPeriods { periodMatches += 1 }
                            add(node(list[i].person), node(list[j].person), 1, .location,
                                .location(place: place, dates: dates), both: true)
                        }
                        j += 1
                    }
                }
            }
            summary.cappedPlaceDays = capped.sorted { ($1.persons, $0.place, $0.day) < ($0.persons, $1.place, $1.day) }
        }

        // Analyst links (node index = person index: persons were added first, in order).
        if options.links.analyst {
            let t = dataset.links
            let typeKinds = t.types.map { kinds.id(of: LinkKind.analyst($0)) }
            let wanted = t.types.map { options.links.includes(analystType: $0) }
            var typeCounts = [Int](repeating: 0, count: t.types.count)
            for i in t.indices where wanted[Int(t.typeID[i])] {
                let period = t.period(i)?.trimmingCharacters(in: .whitespaces)
                if let periodSet {
                    guard let period, periodSet.contains(period) else { summary.linksOutsidePeriod += 1; continue }
                    periodMatches += 1
                }
                if let d = t.date(i) {
                    if !((from.map { d >= $0 } ?? true) && (to.map { d <= $0 } ?? true)) { summary.linksOutsidePeriod += 1; continue }
                    used(d, d)
                } else if let period, let r = PeriodValue.range(period) {
                    // An ISO period stands for the link's date: --from/--to keep it when they overlap.
                    if let from, r.last < from { summary.linksOutsidePeriod += 1; continue }
                    if let to, r.first > to { summary.linksOutsidePeriod += 1; continue }
                    used(r.first, r.last)
                }
                let w = t.weight[i]
                if options.requirePositiveWeights && !(w > 0) {
                    throw InputError(file: t.file, line: Int(t.line[i]), field: "weight",
                                     "\(formatNumber(w)) is not positive (weights are used as distances or strengths here; build without weights to ignore them)")
                }
                let tid = Int(t.typeID[i])
                let u = t.source[i], v = t.target[i]
                let r = b.addEdge(u, v, weight: w)
                kinds.add(row: r, id: typeKinds[tid], weight: w, rowWeight: b.rowWeight)
                if keepEvidence {
                    evidence.add(row: r, .link(type: t.types[tid], weight: w, date: t.date(i), sourceInfo: t.sourceInfo(i),
                                                row: SourceRow(file: t.file, line: Int(t.line[i]))))
                }
                typeCounts[tid] += 1
            }
            for (tid, c) in typeCounts.enumerated() where c > 0 {
                let name = t.types[tid]
                if kindCounts[name] == nil { kindOrder.append(name) }
                kindCounts[name, default: 0] += c
            }
        }

        // Affiliation: person–group ties; groups become nodes after all persons.
        if options.links.affiliation {
            for a in dataset.affiliations {
                if !a.overlaps(from: from, to: to) { summary.affiliationsOutsidePeriod += 1; continue }
                if let i = b.index(of: a.group), b.kinds[Int(i)] == .person {
                    throw InputError(file: a.source.file, line: a.source.line, field: "group",
                                     "group '\(a.group)' has the same id as a person (rename the group)")
                }
                let g = b.addNode(a.group, kind: .group)
                if Int(g) == personOfNode.count { personOfNode.append(nil) }
                add(node(a.personID), g, 1, .affiliation,
                    .affiliation(group: a.group, confidence: a.confidence, since: a.since, until: a.until), both: false)
            }
        }

        if let periods = options.periods, periodMatches == 0 {
            let existing = dataset.periodValues
            throw InputError(file: dataset.location, field: "period",
                             "--period \(periods.joined(separator: ",")) matches nothing"
                                + (existing.isEmpty ? " (the links have no period values" + (datedPeriods ? ", and no case or sighting falls in it)" : ")")
                                   : "; the data's periods: " + existing.prefix(30).joined(separator: ", ") + (existing.count > 30 ? ", …" : "")))
        }
        if let lo, let hi { summary.analysed = (lo, hi) }
        summary.tiesByKind = kindOrder.map { ($0, kindCounts[$0]!) }
        let (graph, edgeOfRow) = GraphBuilder.take(&b).build(rowMap: kinds.needsRowMap || evidence.needsRowMap)
        let edgeCount = graph.edgeCount
        return PersonNetwork(dataset: dataset, graph: graph, options: options, personOfNode: personOfNode,
                             edgeKinds: kinds.finish(edgeCount: edgeCount, edgeOfRow: edgeOfRow, edgeWeights: graph.edgeWeight),
                             evidence: evidence.finish(edgeCount: edgeCount, edgeOfRow: edgeOfRow), summary: summary)
    }
}

/// Formats a number as the shortest decimal that reads back to the same `Double`, integers
/// without a fractional part (`3`, `0.1`, `1e-05`).
public func formatNumber(_ v: Double) -> String {
    if v.isNaN { return "nan" }
    if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
    return "\(v)"
}

extension PersonNetwork {
    /// Persons with at least one tie to another person in this network (a tie to a group node
    /// does not count): the persons active in its period.
    public var activePersonIDs: Set<String> {
        var out = Set<String>()
        let g = graph
        for v in 0..<g.nodeCount where personOfNode[v] != nil {
            search: for csr in g.directed ? [g.out, g.in] : [g.out] {
                for k in Int(csr.offsets[v])..<Int(csr.offsets[v + 1]) {
                    let u = Int(csr.targets[k])
                    if u != v && personOfNode[u] != nil { out.insert(g.labels[v]); break search }
                }
            }
        }
        return out
    }

    /// The network of the persons active in it (``activePersonIDs``), rebuilt with the same
    /// options, so that a period's figures are normalized over the persons of that period.
    public func activeOnly() throws -> PersonNetwork {
        let active = activePersonIDs
        if active.count == dataset.persons.count { return self }
        return try NetworkBuilder.build(dataset.restricted(to: active), options: options)
    }
}

extension NetworkBuilder {
    /// The network of an edge-list CSV read straight into the graph, or `nil` when the file or
    /// the options need the general path.
    ///
    /// This is the path for large plain edge lists (`source,target[,weight]`): ids are interned
    /// once, into the graph's own index; rows go into the graph builder, which merges
    /// duplicates by sorting; no link table is kept and weights that are all 1 take no memory.
    /// The network equals ``build(_:options:)`` of the loaded dataset (same nodes, edges,
    /// weights, errors and notes), except that its dataset holds no link rows
    /// (`dataset.links` is empty): use it when only the graph and the persons are needed.
    /// Errors name the same file, line and field; a file with several faults reports the first
    /// row's here (a weight ≤ 0 with weights in use is found while reading, not after).
    ///
    /// It applies when the header has no `type`, `date` or `period` column and the options
    /// select analyst links without a period or date filter; otherwise it returns `nil` before
    /// reading a row.
    public static func edgeList(url: URL, file: String, options: BuildOptions = BuildOptions()) throws -> PersonNetwork? {
        guard options.periods == nil, options.from == nil, options.to == nil,
              options.links.analyst, options.links.includes(analystType: "link") else { return nil }
        let directed = options.directed ?? false
        var b = GraphBuilder(directed: directed, expectedNodes: 1024)
        var firstLine: [Int32] = []
        var rows = 0
        // The reader (and with it the mapped file) is gone before the graph is built.
        let notes: [String]? = try {
            let csv = try CSVReader(url: url, file: file)
            guard csv.header.allSatisfy({ ["source", "target", "weight"].contains($0) }) else { return nil }
            try csv.require(["source", "target"])
            let s = csv.column("source")!, t = csv.column("target")!, w = csv.column("weight")
            let decimalComma = csv.delimiter != UInt8(ascii: ",")
            let fields = csv.header.count
            b.reserveRows(csv.estimatedRecords)
            // Fields stay bytes: an id seen before is found by its bytes, and only a new id
            // becomes a string. Checks and errors come in the general path's order: every
            // field as text, then empty ends, then the weight.
            try csv.forEachRawRecord { rec in
                for i in 0..<fields { try rec.check(i) }
                let sb = rec.bytes(s), tb = rec.bytes(t)
                if sb.isEmpty { throw DatasetLoader.emptyEnd("source", file: file, line: rec.line) }
                if tb.isEmpty { throw DatasetLoader.emptyEnd("target", file: file, line: rec.line) }
                let line = Int32(clamping: rec.line)
                var before = b.nodeCount
                let u = b.addNode(utf8: sb) { String(decoding: sb, as: UTF8.self) }
                if b.nodeCount > before { firstLine.append(line) }
                before = b.nodeCount
                let v = b.addNode(utf8: tb) { String(decoding: tb, as: UTF8.self) }
                if b.nodeCount > before { firstLine.append(line) }
                var weight = 1.0
                if let w, !rec.bytes(w).isEmpty {
                    weight = try DatasetLoader.parseWeight(rec.string(w), file: file, line: rec.line, decimalComma: decimalComma)
                }
                if options.requirePositiveWeights && !(weight > 0) {
                    throw InputError(file: file, line: rec.line, field: "weight",
                                     "\(formatNumber(weight)) is not positive (weights are used as distances or strengths here; build without weights to ignore them)")
                }
                b.addEdge(u, v, weight: weight)
                rows += 1
            }
            return [csv].compactMap(DatasetLoader.emptyRowNote)
        }()
        guard let notes else { return nil }
        let n = b.nodeCount
        var kinds = EdgeKinds.Builder()
        if rows > 0 { kinds.add(row: 0, kind: .analyst("link"), weight: b.rowWeight(0), rowWeight: b.rowWeight) }
        let ids = b.labels
        let graph = GraphBuilder.take(&b).build()
        let persons = (0..<n).map { Person(id: ids[$0], source: SourceRow(file: file, line: Int(firstLine[$0]))) }
        var dataset = Dataset(location: file, layout: .edgeList, persons: persons, links: LinkTable(file: file, personIDs: ids),
                              index: graph.labelInterner)
        dataset.loadNotes = notes
        var summary = BuildSummary()
        if rows > 0 { summary.tiesByKind = [("link", rows)] }
        return PersonNetwork(dataset: dataset, graph: graph, options: options, personOfNode: (0..<n).map { $0 },
                             edgeKinds: kinds.finish(edgeCount: graph.edgeCount, edgeOfRow: [], edgeWeights: graph.edgeWeight),
                             evidence: EdgeEvidence.Builder().finish(edgeCount: graph.edgeCount, edgeOfRow: []), summary: summary)
    }
}
