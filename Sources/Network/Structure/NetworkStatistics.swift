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
        period = ds.period
        let day = asOf ?? period?.last
        self.asOf = day
        if let day {
            minors = ds.persons.filter { $0.isMinor(on: day) == true }.count
        } else {
            minors = 0
        }
        personsWithStatus = ds.persons.filter { $0.status != nil }.count
        deprivedOfLiberty = ds.persons.filter { $0.status?.isDeprivedOfLiberty == true }.count
    }
}
