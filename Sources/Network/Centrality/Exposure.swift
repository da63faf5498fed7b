/// Exposure to violence in the co-offending network (Papachristos & Wildeman 2014; Green, Horel
/// & Papachristos 2017): how many of a person's co-offenders were recently the **victim** of a
/// violent case. A prevention signal — a reason for a concern talk (DKS, SSP) — never a reason
/// for enforcement.
///
/// For person v as of `asOf`: the co-offending neighbours are the other suspects of the
/// non-initiative cases v was a suspect in, dated on or before `asOf` (and on or after `from`);
/// a neighbour is *exposing* when they were a victim in a case with a violent crime code dated
/// after `asOf − months` and on or before `asOf`.
/// - `exposure`: the number of distinct exposing neighbours;
/// - `exposure_share`: that number over the number of distinct neighbours (0 without any);
/// - `exposure2`: the number of distinct exposing persons at co-offending distance exactly 2
///   (neighbours of neighbours, not v and not a neighbour).
public enum Exposure {
    /// The crime codes counted as violent by default (the source document's violence codes).
    public static let defaultViolentCodes = ["73111", "73112", "73131", "73241", "73251", "76319"]

    /// The measure keys, in the order `sna centrality` lists them.
    public static let keys = ["exposure", "exposure_share", "exposure2"]

    public static func isKey(_ name: String) -> Bool { keys.contains(name) }

    /// One exposing tie: the neighbour, the case that made them co-offenders, and the violent
    /// case in which the neighbour was the victim.
    public struct Evidence: Sendable, Equatable {
        public var neighbour: String
        public var sharedCase: String
        public var victimCase: String
        public var victimDate: Day
        public init(neighbour: String, sharedCase: String, victimCase: String, victimDate: Day) {
            self.neighbour = neighbour; self.sharedCase = sharedCase; self.victimCase = victimCase; self.victimDate = victimDate
        }
    }

    public struct Result: Sendable {
        /// Per person id.
        public var exposure: [String: Int]
        public var share: [String: Double]
        public var exposure2: [String: Int]
        /// Per person id, the exposing neighbours with their cases (neighbour order: id).
        public var evidence: [String: [Evidence]]

        /// Scores for the nodes of `g` (group nodes and persons outside the data: 0).
        public func scores(_ key: String, on g: Graph) -> NodeScores {
            let values: [Double] = g.labels.map { id in
                switch key {
                case "exposure": Double(exposure[id] ?? 0)
                case "exposure_share": share[id] ?? 0
                default: Double(exposure2[id] ?? 0)
                }
            }
            return NodeScores(name: key, values: values, isIntegral: key != "exposure_share")
        }
    }

    public static func compute(_ ds: Dataset, asOf: Day, from: Day? = nil, months: Int = 12, violentCodes: [String],
                               initiative: InitiativeRule = .default) -> Result {
        let windowStart = asOf.adding(months: -months)
        let ranges = violentCodes.compactMap(InitiativeRule.range)
        func violent(_ code: String) -> Bool { Int(code).map { c in ranges.contains { $0.contains(c) } } ?? violentCodes.contains(code) }
        var suspects: [String: [String]] = [:]
        var victims: [String: [String]] = [:]
        for p in ds.participations {
            if p.role == .suspect { suspects[p.caseID, default: []].append(p.personID) }
            if p.role == .victim { victims[p.caseID, default: []].append(p.personID) }
        }
        // Co-offending neighbours with the (first) shared case, and recent violent victimizations.
        var neighbours: [String: [String: String]] = [:]
        var victimOf: [String: (caseID: String, date: Day)] = [:]
        for c in ds.cases.sorted(by: { ($0.date, $0.id) < ($1.date, $1.id) }) {
            if c.date > asOf { continue }
            if violent(c.crimeCode) && c.date > windowStart {
                for v in victims[c.id] ?? [] { victimOf[v] = (c.id, c.date) }  // the latest
            }
            if let from, c.date < from { continue }
            if initiative.matches(c, ds.crimeCodes) { continue }
            let s = Array(Set(suspects[c.id] ?? [])).sorted()
            guard s.count > 1 else { continue }
            for a in s { for b in s where a != b { if neighbours[a]?[b] == nil { neighbours[a, default: [:]][b] = c.id } } }
        }
        var result = Result(exposure: [:], share: [:], exposure2: [:], evidence: [:])
        for p in ds.persons {
            let n = neighbours[p.id] ?? [:]
            let exposing = n.keys.filter { victimOf[$0] != nil }.sorted()
            result.exposure[p.id] = exposing.count
            result.share[p.id] = n.isEmpty ? 0 : Double(exposing.count) / Double(n.count)
            if !exposing.isEmpty {
                result.evidence[p.id] = exposing.map { u in
                    Evidence(neighbour: u, sharedCase: n[u]!, victimCase: victimOf[u]!.caseID, victimDate: victimOf[u]!.date)
                }
            }
            var second = Set<String>()
            for u in n.keys { for w in (neighbours[u] ?? [:]).keys where w != p.id && n[w] == nil { second.insert(w) } }
            result.exposure2[p.id] = second.filter { victimOf[$0] != nil }.count
        }
        return result
    }
}
