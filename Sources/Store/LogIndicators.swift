import Network
import Screening

/// Age and custody status of persons on a day, from the latest pull on or before it (the first
/// pull for earlier days).
public struct PersonFacts: Sendable {
    public var label: String
    public var day: Day?
    var births: [String: Day] = [:]
    var deprived: Set<String> = []
    var policy = Policy.default

    public func of(_ id: String) -> (age: Int?, minor: Bool, deprived: Bool) {
        let age = day.flatMap { d in births[id].map { $0.age(on: d) } }
        return (age, policy.isMinor(age: age), deprived.contains(id))
    }

    public init(store: Store, on day: Day?, policy: Policy = .default) throws {
        let pulls = try store.pulls()
        guard let pull = day.flatMap({ d in pulls.last { $0.asOf <= d } }) ?? (day == nil ? pulls.last : pulls.first) else {
            self.init(label: "no pull")
            self.policy = policy
            return
        }
        try self.init(store: store, pull: pull, policy: policy)
        self.day = day ?? pull.asOf
    }

    init(label: String) { self.label = label }

    public init(store: Store, pull: Pull, policy: Policy = .default) throws {
        self.policy = policy
        label = "pull \(pull.id) (\(pull.asOf))"
        let (_, ds) = try store.dataset(pull: pull.id)
        for p in ds.persons {
            if let b = p.birthDate { births[p.id] = b }
            if p.status?.isDeprivedOfLiberty == true { deprived.insert(p.id) }
        }
    }

    static func cached(store: Store, pulls: [Pull], on day: Day, policy: Policy, cache: inout [Int64: PersonFacts]) throws -> PersonFacts {
        guard let pull = pulls.last(where: { $0.asOf <= day }) ?? pulls.first else { return try PersonFacts(store: store, on: day, policy: policy) }
        var f: PersonFacts
        if let c = cache[pull.id] { f = c } else { f = try PersonFacts(store: store, pull: pull, policy: policy); cache[pull.id] = f }
        f.day = day
        return f
    }
}

/// One row of `sna log stats` (and the report's indicators).
public struct LogStatRow: Sendable {
    public var day: Day
    public var size: Int
    public var perCategory: [String: Int]
    public var minors: Int
    public var deprived: Int
    /// Percent of the log deprived of liberty.
    public var deprivedShare: Double { size == 0 ? 0 : Double(deprived) / Double(size) * 100 }

    /// One row per pull date and per day a decision took effect (and, with `monthly`, every
    /// month's end since the log's first entry).
    public static func compute(store s: Store, monthly: Bool, policy: Policy = .default) throws -> [LogStatRow] {
        let decisionDays = try s.logChangeDays(decisionsOnly: true)
        let pulls = try s.pulls()
        var days = Set(pulls.map(\.asOf)).union(decisionDays)
        // The day before the first decision: the log as it stood before any screening.
        if let first = decisionDays.first { days.insert(first.adding(days: -1)) }
        if monthly, let first = try s.logChangeDays().first, let last = days.max() {
            var d = Day(year: first.year, month: first.month, day: 1)!.adding(months: 1).adding(days: -1)
            while d < last {
                days.insert(d)
                d = d.adding(days: 1).adding(months: 1).adding(days: -1)
            }
        }
        var rows: [LogStatRow] = []
        var cache: [Int64: PersonFacts] = [:]
        for d in days.sorted() {
            let state = try s.logState(asOf: d)
            let facts = try PersonFacts.cached(store: s, pulls: pulls, on: d, policy: policy, cache: &cache)
            var row = LogStatRow(day: d, size: state.count, perCategory: [:], minors: 0, deprived: 0)
            for (id, e) in state {
                row.perCategory[e.category.rawValue, default: 0] += 1
                let f = facts.of(id)
                if f.minor { row.minors += 1 }
                if f.deprived { row.deprived += 1 }
            }
            rows.append(row)
        }
        return rows
    }
}
