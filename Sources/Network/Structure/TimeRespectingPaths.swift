/// Time-respecting paths: "could information have passed from A to B?" (i2 Analyst's
/// Notebook's Find Path with time order). A dated contact is one fact behind a tie with a day:
/// a shared case, a day two persons were seen at one place, a dated analyst link. A path
/// respects time when each contact is on or after the day of the one before (the same day
/// counts: two contacts on one day may follow each other), and, with `maxGap`, at most that
/// many days after it. Ties without a date (affiliations, undated links) carry nothing.
///
/// The search processes contacts in day order and keeps, per person, the days it was reached;
/// a contact u→v on day t is usable when u is the source or was reached on a day in
/// [t − maxGap, t] (the earliest such arrival is its predecessor). Within one day contacts are repeated until nothing new is reached.
///
/// - Complexity: O(C log C) for C contacts (sorting), plus the same-day repeats.
public enum TimeRespectingPaths {
    public struct Contact: Sendable, Equatable {
        public var from: Int
        public var to: Int
        public var day: Day
        /// The edge the contact is evidence of.
        public var edge: Int
    }

    /// One hop of a time-respecting path.
    public struct Hop: Sendable, Equatable {
        public var from: Int
        public var to: Int
        public var day: Day
        public var edge: Int
    }

    /// The dated contacts behind the network's ties (both directions on an undirected graph).
    public static func contacts(_ net: PersonNetwork, from start: Day? = nil, to end: Day? = nil) -> [Contact] {
        let g = net.graph
        var out: [Contact] = []
        for e in 0..<g.edgeCount {
            let u = Int(g.edgeSource[e]), v = Int(g.edgeTarget[e])
            if u == v { continue }
            var days: [Day] = []
            for ev in net.evidence[e] {
                switch ev {
                case .coOffending(_, let d, _): days.append(d)
                case .location(_, let ds): days.append(contentsOf: ds)
                case .link(_, _, let d, _, _): if let d { days.append(d) }
                case .affiliation: break
                }
            }
            for d in Set(days).sorted() {
                if let start, d < start { continue }
                if let end, d > end { continue }
                out.append(Contact(from: u, to: v, day: d, edge: e))
                if !g.directed { out.append(Contact(from: v, to: u, day: d, edge: e)) }
            }
        }
        return out
    }

    /// Who can be reached from `source` along time-respecting paths: for each reached person
    /// the earliest day, and one time-respecting path arriving that day (not necessarily the
    /// one with the fewest hops).
    public struct Reach: Sendable {
        public let source: Int
        /// Earliest day each node was reached (nil: never; the source: nil).
        public let earliest: [Day?]
        /// Per node, (day reached, contact index, predecessor arrival index) in day order.
        let arrivals: [[(day: Day, contact: Int, pred: Int)]]
        let contacts: [Contact]

        /// The hops of a path to `target` arriving on its earliest day (nil: unreachable).
        public func path(to target: Int) -> [Hop]? {
            guard target != source, !arrivals[target].isEmpty else { return target == source ? [] : nil }
            var hops: [Hop] = []
            var v = target, i = 0
            while v != source {
                let a = arrivals[v][i]
                let c = contacts[a.contact]
                hops.append(Hop(from: c.from, to: c.to, day: c.day, edge: c.edge))
                v = c.from
                i = a.pred
            }
            return hops.reversed()
        }
    }

    public static func reach(_ n: Int, contacts unsorted: [Contact], source: Int, maxGap: Int? = nil) -> Reach {
        let order = unsorted.indices.sorted { unsorted[$0].day != unsorted[$1].day ? unsorted[$0].day < unsorted[$1].day : $0 < $1 }
        var arrivals = [[(day: Day, contact: Int, pred: Int)]](repeating: [], count: n)
        var earliest = [Day?](repeating: nil, count: n)
        var i = 0
        while i < order.count {
            let day = unsorted[order[i]].day
            var j = i
            while j < order.count && unsorted[order[j]].day == day { j += 1 }
            // Same-day contacts: repeat until nothing new is reached on this day.
            var changed = true
            var reachedToday = [Bool](repeating: false, count: n)
            while changed {
                changed = false
                for k in i..<j {
                    let c = unsorted[order[k]]
                    if c.to == source || reachedToday[c.to] { continue }
                    var pred = -1
                    if c.from == source {
                        pred = 0
                    } else if !arrivals[c.from].isEmpty {
                        // The earliest arrival at c.from inside the gap: paths follow the
                        // foremost arrivals (no person twice), any arrival in it is valid.
                        let list = arrivals[c.from]
                        if let gap = maxGap {
                            var lo = 0, hi = list.count
                            while lo < hi {
                                let mid = (lo + hi) / 2
                                if day.ordinal - list[mid].day.ordinal > gap { lo = mid + 1 } else { hi = mid }
                            }
                            if lo < list.count { pred = lo }
                        } else {
                            pred = 0
                        }
                    }
                    guard pred >= 0 else { continue }
                    arrivals[c.to].append((day, order[k], pred))
                    reachedToday[c.to] = true
                    if earliest[c.to] == nil { earliest[c.to] = day }
                    changed = true
                }
            }
            i = j
        }
        return Reach(source: source, earliest: earliest, arrivals: arrivals, contacts: unsorted)
    }
}
