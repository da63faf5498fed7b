import Network

/// The persons for the next coordination meeting: entries of the current log that match the
/// filters, ranked by a network measure.
public enum CandidatePool {
    public typealias Pick = (entry: LogEntry, a: Assessment?, score: Double)

    /// Filters on the pool. Categories and area are typed; nil means "any".
    public struct Filter: Sendable {
        public var categories: Set<LogCategory>?
        public var area: LogCategory.Area?
        public var minAge: Int?
        public var maxAge: Int?
        public var includeDeprived = false
        public var excluded: Set<String> = []
        public init(categories: Set<LogCategory>? = nil, area: LogCategory.Area? = nil, minAge: Int? = nil, maxAge: Int? = nil,
                    includeDeprived: Bool = false, excluded: Set<String> = []) {
            self.categories = categories; self.area = area; self.minAge = minAge; self.maxAge = maxAge
            self.includeDeprived = includeDeprived; self.excluded = excluded
        }
    }

    /// The log entries that match the filter, best score first (ties by id).
    public static func pool(_ ds: Dataset, graph: Graph, assessments: [String: Assessment], scores: NodeScores,
                            filter: Filter = Filter()) -> [Pick] {
        var pool: [Pick] = []
        for e in ds.log {
            let category = LogCategory(rawValue: e.category)
            if let wanted = filter.categories, !(category.map(wanted.contains) ?? false) { continue }
            if filter.excluded.contains(e.personID) { continue }
            let a = assessments[e.personID]
            if !filter.includeDeprived && a?.deprived == true { continue }
            if let area = filter.area, category?.area != area { continue }
            if let minAge = filter.minAge, (a?.age ?? -1) < minAge { continue }
            if let maxAge = filter.maxAge, (a?.age ?? Int.max) > maxAge { continue }
            let v = graph.index(of: e.personID).map { scores.values[$0] } ?? 0
            pool.append((e, a, v))
        }
        pool.sort { $0.score != $1.score ? $0.score > $1.score : $0.entry.personID < $1.entry.personID }
        return pool
    }

    /// The screening's evidence for a candidate, in one line.
    public static func evidence(_ a: Assessment?) -> String {
        guard let a else { return "" }
        var parts: [String] = []
        if !a.casesInWindow.isEmpty { parts.append("\(a.casesInWindow.count) case\(a.casesInWindow.count == 1 ? "" : "s") in window (latest \(a.casesInWindow[0].id) \(a.casesInWindow[0].date))") }
        if !a.affiliations.isEmpty { parts.append("affiliation " + a.affiliations.map { "\($0.group) \($0.confidence?.rawValue ?? "")" }.joined(separator: ", ")) }
        parts.append(a.tier.word)
        if a.minor { parts.append("minor") }
        return parts.joined(separator: "; ")
    }
}
