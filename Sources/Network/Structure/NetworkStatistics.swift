/// Whole-network figures for `sna stats` and reports.
public struct NetworkStatistics: Sendable {
    public var nodes: Int
    public var persons: Int
    public var groups: Int
    public var edges: Int
    public var selfLoops: Int
    public var totalWeight: Double
    public var density: Double
    public var components: Int
    public var largestComponent: Int
    public var isolates: Int
    /// Aggregated edges that include each kind, in first-seen order.
    public var edgesByKind: [(kind: String, count: Int)]
    public var cases: Int
    public var initiativeCases: Int
    public var logEntries: Int
    /// Persons under 18 on `asOf` (persons with a birth date only).
    public var minors: Int
    public var personsWithStatus: Int
    public var deprivedOfLiberty: Int
    public var asOf: Day?
    public var period: (first: Day, last: Day)?
    /// Structure (see ``GraphMeasures``, ``CutStructure``, ``Distances``).
    public var transitivity: Double
    public var averageClustering: Double
    public var degreeAssortativity: Double
    /// Freeman degree centralization: undirected, or total degree (in + out) of a directed
    /// graph over 2(n−1)(n−2); directed graphs also give in- and out-degree.
    public var degreeCentralization: Double?
    public var inDegreeCentralization: Double?
    public var outDegreeCentralization: Double?
    public var articulationPoints: Int
    public var bridges: Int
    /// Diameter, radius and average shortest path of the largest component — the largest
    /// *strongly* connected component of a directed graph (where every pair has a path both
    /// ways), the largest component otherwise; `nil` when
    /// n·m is above `distanceLimit` (all-pairs distances would take too long).
    public var distances: Distances.Summary?
    public static let distanceLimit = 5e9

    /// - Parameter asOf: the day ages are computed on; defaults to the last dated event.
    /// - Complexity: O(n + m).
    public init(_ net: PersonNetwork, asOf: Day? = nil) {
        let g = net.graph
        let ds = net.dataset
        nodes = g.nodeCount
        persons = g.kinds.filter { $0 == .person }.count
        groups = nodes - persons
        edges = g.edgeCount
        selfLoops = g.selfLoopCount
        totalWeight = g.totalWeight
        density = g.density
        let comps = Components(g)
        components = comps.count
        largestComponent = comps.members.first?.count ?? 0
        var deg = [Int](repeating: 0, count: nodes)
        for e in 0..<g.edgeCount where g.edgeSource[e] != g.edgeTarget[e] {
            deg[Int(g.edgeSource[e])] += 1
            deg[Int(g.edgeTarget[e])] += 1
        }
        isolates = deg.filter { $0 == 0 }.count
        var counts: [String: Int] = [:]
        var order: [String] = []
        for ks in net.edgeKinds {
            for k in ks {
                let name = k.kind.description
                if counts[name] == nil { order.append(name) }
                counts[name, default: 0] += 1
            }
        }
        edgesByKind = order.map { ($0, counts[$0]!) }
        cases = ds.cases.count
        initiativeCases = ds.cases.filter { ds.crimeCodes.isInitiative($0.crimeCode) }.count
        logEntries = ds.log.count
        // The period analysed: the events that made ties (after --from/--to/--period), else the data's span.
        let filtered = net.options.from != nil || net.options.to != nil || net.options.periods != nil
        period = filtered ? (net.summary.analysed ?? ds.period) : ds.period
        let day = asOf ?? period?.last
        self.asOf = day
        if let day {
            minors = ds.persons.filter { $0.isMinor(on: day) == true }.count
        } else {
            minors = 0
        }
        transitivity = GraphMeasures.transitivity(g)
        averageClustering = nodes > 0 ? Clustering.local(g).reduce(0, +) / Double(nodes) : 0
        degreeAssortativity = GraphMeasures.degreeAssortativity(g)
        if g.directed {
            let c = GraphMeasures.directedDegreeCentralization(g)
            degreeCentralization = c?.total
            inDegreeCentralization = c?.incoming
            outDegreeCentralization = c?.outgoing
        } else {
            degreeCentralization = GraphMeasures.centralization(NodeScores(name: "degree", values: Degree.degree(g)), nodeCount: nodes)
        }
        let cut = CutStructure(g)
        articulationPoints = cut.articulationPoints.count
        bridges = cut.bridges.count
        distances = Double(nodes) * Double(edges) <= Self.distanceLimit ? try? Distances.largestComponentSummary(g) : nil
        personsWithStatus = ds.persons.filter { $0.status != nil }.count
        deprivedOfLiberty = ds.persons.filter { $0.status?.isDeprivedOfLiberty == true }.count
    }
}
