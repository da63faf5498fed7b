import Foundation
import Network
import Screening

/// A period of the crime picture: a month, a quarter or a year.
public struct CrimePeriod: Sendable, Hashable, Comparable {
    public enum Unit: String, Sendable, CaseIterable { case month, quarter, year }
    public var unit: Unit
    public var year: Int
    /// Month 1–12, quarter 1–4, or 0 for a year.
    public var index: Int

    public init(_ unit: Unit, year: Int, index: Int) { self.unit = unit; self.year = year; self.index = index }

    /// The period holding `day`.
    public init(_ unit: Unit, containing day: Day) {
        self.unit = unit
        year = day.year
        index = switch unit { case .month: day.month; case .quarter: (day.month - 1) / 3 + 1; case .year: 0 }
    }

    public var start: Day {
        switch unit {
        case .month: Day(year: year, month: index, day: 1)!
        case .quarter: Day(year: year, month: 3 * (index - 1) + 1, day: 1)!
        case .year: Day(year: year, month: 1, day: 1)!
        }
    }

    public var next: CrimePeriod {
        switch unit {
        case .month: index == 12 ? CrimePeriod(unit, year: year + 1, index: 1) : CrimePeriod(unit, year: year, index: index + 1)
        case .quarter: index == 4 ? CrimePeriod(unit, year: year + 1, index: 1) : CrimePeriod(unit, year: year, index: index + 1)
        case .year: CrimePeriod(unit, year: year + 1, index: 0)
        }
    }

    public var end: Day { next.start.adding(days: -1) }
    public var days: Int { end.ordinal - start.ordinal + 1 }

    /// "2012", "2012Q1", "2012-01".
    public var label: String {
        switch unit {
        case .month: String(format: "%04d-%02d", year, index)
        case .quarter: "\(year)Q\(index)"
        case .year: String(year)
        }
    }

    public static func < (a: CrimePeriod, b: CrimePeriod) -> Bool { (a.year, a.index) < (b.year, b.index) }
}

/// A span of days given as `2012`, `2012Q1`, `2012-03`, `2012-03-15`, or `A..B` of those
/// (both ends included): the baseline and the --from/--to bounds.
public struct DaySpan: Sendable, Equatable {
    public var from: Day
    public var to: Day
    public init(from: Day, to: Day) { self.from = from; self.to = to }

    public init?(_ text: String) {
        let parts = text.components(separatedBy: "..").map { $0.trimmingCharacters(in: .whitespaces) }
        guard (1...2).contains(parts.count), let a = DaySpan.bounds(parts[0]), let b = DaySpan.bounds(parts.last!) else { return nil }
        guard a.from <= b.to else { return nil }
        from = a.from; to = b.to
    }

    /// The first and last day of one written period.
    static func bounds(_ s: String) -> (from: Day, to: Day)? {
        if let d = Day(iso: s) { return (d, d) }
        if s.count == 4, let y = Int(s), (1900...2200).contains(y) { let p = CrimePeriod(.year, year: y, index: 0); return (p.start, p.end) }
        let q = s.uppercased().split(separator: "Q")
        if q.count == 2, let y = Int(q[0]), let i = Int(q[1]), (1...4).contains(i), (1900...2200).contains(y) {
            let p = CrimePeriod(.quarter, year: y, index: i); return (p.start, p.end)
        }
        let m = s.split(separator: "-")
        if m.count == 2, let y = Int(m[0]), let i = Int(m[1]), (1...12).contains(i), (1900...2200).contains(y) {
            let p = CrimePeriod(.month, year: y, index: i); return (p.start, p.end)
        }
        return nil
    }

    public func contains(_ d: Day) -> Bool { d >= from && d <= to }
    public var days: Int { to.ordinal - from.ordinal + 1 }
}

/// The crime picture: cases per period, area and code group, with initiative cases (police
/// business) apart, the share carrying a tag, and the change against a baseline tested.
///
/// Conventions (README "The crime picture"):
/// - a case counts once per group its code is in (groups may overlap: homicide is also
///   violence); `cases` never holds an initiative case (policy `initiative_codes`,
///   `initiative_tags`, `crime_codes.csv`): those are `initiative`;
/// - areas: `all` (every case), `focus` (cases at a place whose district is one of
///   `focus_districts`, by `places.csv`), `compare` (the districts given), or a district
///   (`byDistrict`); a case whose place is empty or not in `places.csv` counts in `all` only;
/// - the baseline of a period is the count in the baseline span's periods of the same kind and
///   season (a quarter against the same quarter; their mean when the baseline spans several
///   years), else the whole baseline scaled by length; Z = 2(√now − √baseline), the E-test's p
///   with the real lengths, percent change only beside them and empty when the baseline or
///   the period's count is 0;
/// - periods in the baseline, or before its end, carry no test.
public struct CrimePicture: Sendable {
    public struct Options: Sendable {
        public var unit: CrimePeriod.Unit = .year
        public var from: Day?
        public var to: Day?
        /// The baseline span; `seasonal`: every earlier year's same period instead.
        public var baseline: DaySpan?
        public var seasonal = false
        public var compare: [String] = []
        public var byDistrict = false
        /// The tag whose share is counted (default: the policy's gang-conflict tag).
        public var tag: String?
        public var topPlaces = 0
        public init() {}
    }

    public struct Row: Sendable, Equatable {
        public var period: CrimePeriod
        public var area: String
        public var group: String
        public var cases: Int
        public var initiative: Int
        public var tagged: Int
        /// The baseline count for a period like this one (nil: no test).
        public var baseline: Double?
        public var z: Double?
        public var p: Double?
        public var pctChange: Double?
        public var phase: String?
        public var population: Int?
        /// Cases per 1,000 residents in the period.
        public var rate: Double? { population.flatMap { $0 > 0 ? Double(cases) / Double($0) * 1000 : nil } }
    }

    /// The weighted displacement difference of the focus area against the comparison area.
    public struct Displacement: Sendable, Equatable {
        public var period: CrimePeriod
        public var group: String
        public var t0: Double, t1: Double, c0: Double, c1: Double
        public var wdd: Double, se: Double, z: Double
    }

    public struct TopPlaces: Sendable, Equatable {
        public var group: String
        public var total: Int
        public var places: [(place: String, cases: Int)]
        /// How many places make up 80 % of the group's cases.
        public var placesFor80: Int
        public static func == (a: TopPlaces, b: TopPlaces) -> Bool {
            a.group == b.group && a.total == b.total && a.placesFor80 == b.placesFor80 && a.places.map(\.place) == b.places.map(\.place) && a.places.map(\.cases) == b.places.map(\.cases)
        }
    }

    public var rows: [Row] = []
    public var displacement: [Displacement] = []
    public var topPlaces: [TopPlaces] = []
    public var groups: [String] = []
    public var areas: [String] = []
    public var periods: [CrimePeriod] = []
    public var tag: String
    public var baseline: DaySpan?
    public var seasonal: Bool
    public var phases: [Phase]
    /// The policy's focus districts (area `focus`).
    public var focusDistricts: [String] = []
    /// Cases counted in `all` only: no place recorded, or a place `places.csv` does not know.
    public var noPlace = 0
    public var unknownPlace: [String: Int] = [:]
    /// Cases outside --from/--to.
    public var outside = 0
    /// What the picture could not do, in words (no places file, an empty baseline, …).
    public var notes: [String] = []

    public init(_ ds: Dataset, policy: Policy, options o: Options = Options()) throws {
        tag = o.tag ?? policy.gangConflictTag
        phases = policy.phaseList
        focusDistricts = policy.focusDistricts
        seasonal = o.seasonal
        let groupList = policy.codeGroupList
        groups = groupList.map(\.name)
        let initiative = policy.initiativeRule
        let districtOf = Dictionary(ds.places.map { ($0.name, $0.district) }, uniquingKeysWith: { a, _ in a })
        if !o.compare.isEmpty && ds.places.isEmpty {
            throw InputError(file: ds.location + "/places.csv", "--compare needs places.csv (place,district): without it no case has a district")
        }
        let known = Set(ds.places.map(\.district))
        for d in o.compare where !known.contains(d) {
            throw InputError(file: ds.location + "/places.csv", field: "district", "no place is in district '\(d)' (districts: \(known.sorted().joined(separator: ", ")))")
        }
        if let both = o.compare.first(where: policy.focusDistricts.contains) {
            throw InputError(file: ds.location + "/places.csv", field: "district", "'\(both)' is a focus district (policy focus_districts): a comparison area is another place than the area it is compared with")
        }
        var seenGroups = Set<String>()
        for g in groupList where !seenGroups.insert(g.name).inserted {
            throw InputError(file: "policy", field: "code_groups", "the code group '\(g.name)' is declared twice: give each group once, with all its codes")
        }
        areas = ["all"] + (ds.places.isEmpty ? [] : ["focus"]) + (o.compare.isEmpty ? [] : ["compare"])
            + (o.byDistrict ? known.sorted() : [])
        if ds.places.isEmpty { notes.append("no places.csv: cases are counted for the whole data only (area all); places.csv (place,district) gives the focus and comparison areas") }
        // The span: --from/--to, else the cases' first and last day, in whole periods.
        let dated = ds.cases.map(\.date)
        guard let dataFirst = dated.min(), let dataLast = dated.max() else {
            notes.append("no case in the data")
            baseline = o.baseline
            return
        }
        // The shown span in whole periods (a period is counted whole or not at all), and only
        // where the data has days: before the first case or after the last, a 0 is no data, not
        // no crime.
        let first = max(CrimePeriod(o.unit, containing: o.from ?? dataFirst).start, CrimePeriod(o.unit, containing: dataFirst).start)
        let last = min(CrimePeriod(o.unit, containing: o.to ?? dataLast).end, CrimePeriod(o.unit, containing: dataLast).end)
        if let f = o.from, f < first { notes.append("the data begins on \(dataFirst): nothing is shown before \(first)") }
        if let t = o.to, t > last { notes.append("the data ends on \(dataLast): nothing is shown after \(last)") }
        if let f = o.from, f != CrimePeriod(o.unit, containing: f).start, f >= first { notes.append("--from \(f) is counted from the start of its \(o.unit.rawValue) (\(CrimePeriod(o.unit, containing: f).start)): periods are counted whole") }
        if let t = o.to, t != CrimePeriod(o.unit, containing: t).end, t <= last { notes.append("--to \(t) is counted to the end of its \(o.unit.rawValue) (\(CrimePeriod(o.unit, containing: t).end)): periods are counted whole") }
        // A lone date far from the rest (a typing error) stretches every table: said.
        let sortedDays = dated.sorted()
        if sortedDays.count > 10 {
            if sortedDays[1].ordinal - sortedDays[0].ordinal > 365 { notes.append("the first case (\(sortedDays[0])) lies more than a year before the next (\(sortedDays[1])): check its date, or give --from") }
            let n = sortedDays.count
            if sortedDays[n - 1].ordinal - sortedDays[n - 2].ordinal > 365 { notes.append("the last case (\(sortedDays[n - 1])) lies more than a year after the one before (\(sortedDays[n - 2])): check its date, or give --to") }
        }
        // Every period of the data is counted (the baseline may lie outside the span shown).
        var allPeriods: [CrimePeriod] = []
        var p = CrimePeriod(o.unit, containing: dataFirst)
        while p.start <= dataLast { allPeriods.append(p); p = p.next }
        let index = Dictionary(uniqueKeysWithValues: allPeriods.enumerated().map { ($1, $0) })
        periods = allPeriods.filter { $0.start >= first && $0.end <= last }
        if periods.isEmpty { notes.append("no whole period of the data lies between \(o.from?.description ?? "its start") and \(o.to?.description ?? "its end")") }
        // Counts: [area][group][period] → (cases, initiative, tagged).
        var counts = [[[(c: Int, i: Int, t: Int)]]](repeating: [[(Int, Int, Int)]](repeating: [(Int, Int, Int)](repeating: (0, 0, 0), count: allPeriods.count), count: groupList.count), count: areas.count)
        let areaIndex = Dictionary(uniqueKeysWithValues: areas.enumerated().map { ($1, $0) })
        let focus = Set(policy.focusDistricts), compare = Set(o.compare)
        var badCodes: [String] = []
        for c in ds.cases {
            guard let pi = index[CrimePeriod(o.unit, containing: c.date)] else { continue }
            if c.date < first || c.date > last { outside += 1 }
            if Int(c.crimeCode.trimmingCharacters(in: .whitespaces)) == nil { badCodes.append(c.id) }
            var inAreas = [0]
            let place = c.place?.trimmingCharacters(in: .whitespaces) ?? ""
            if !ds.places.isEmpty {
                if place.isEmpty { noPlace += 1 }
                else if let d = districtOf[place] {
                    if focus.contains(d) { inAreas.append(areaIndex["focus"]!) }
                    if compare.contains(d) { inAreas.append(areaIndex["compare"]!) }
                    if o.byDistrict, let a = areaIndex[d] { inAreas.append(a) }
                } else { unknownPlace[place, default: 0] += 1 }
            }
            let isInitiative = initiative.matches(c, ds.crimeCodes)
            let tagged = c.tags.contains(tag)
            for (gi, g) in groupList.enumerated() where g.contains(c.crimeCode) {
                for a in inAreas {
                    if isInitiative { counts[a][gi][pi].i += 1 } else {
                        counts[a][gi][pi].c += 1
                        if tagged { counts[a][gi][pi].t += 1 }
                    }
                }
            }
        }
        if !badCodes.isEmpty {
            notes.append("\(badCodes.count) case\(badCodes.count == 1 ? " has" : "s have") a crime code that is not a number, so in no code group (first: \(badCodes[0]))")
        }
        if !ds.places.isEmpty && !policy.focusDistricts.contains(where: known.contains) {
            notes.append("no place of places.csv is in the focus district\(policy.focusDistricts.count == 1 ? "" : "s") (\(policy.focusDistricts.joined(separator: ", "))): area focus holds nothing")
        }
        if noPlace > 0 || !unknownPlace.isEmpty {
            let unknown = unknownPlace.values.reduce(0, +)
            notes.append("\(noPlace + unknown) cases are counted in area all only: \(noPlace) with no place, \(unknown) at a place places.csv does not list"
                         + (unknownPlace.isEmpty ? "" : " (\(unknownPlace.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(5).map { "\($0.key): \($0.value)" }.joined(separator: ", ")))"))
        }
        if initiative.codes.isEmpty && initiative.tags.isEmpty { notes.append("no initiative rule: police business cannot be told from crime") }
        // The baseline.
        var base = o.baseline
        if base == nil && !o.seasonal, let b = phases.first { base = DaySpan(from: b.from, to: b.to) }
        baseline = base
        if let b = base, !ds.cases.contains(where: { b.contains($0.date) }) {
            notes.append("the baseline \(b.from)..\(b.to) holds no case: no change is tested (give --baseline)")
            base = nil
            baseline = nil
        }
        if base == nil && !o.seasonal && o.baseline == nil && phases.isEmpty {
            notes.append("no baseline: the policy has no phases; give --baseline SPAN or --baseline seasonal to test the change")
        }
        for (i, a) in phases.enumerated() {
            for b in phases[(i + 1)...] where a.from <= b.to && b.from <= a.to {
                notes.append("the phases \(a.name) and \(b.name) overlap: a period is labelled with the first")
            }
        }
        if !ds.populations.isEmpty {
            let listed = Set(ds.populations.map(\.district))
            let missing = known.subtracting(listed).sorted()
            if !missing.isEmpty {
                notes.append("districts.csv lists no residents for \(missing.count) district\(missing.count == 1 ? "" : "s") of places.csv (\(missing.prefix(4).joined(separator: ", "))\(missing.count > 4 ? ", …" : "")): the rate of area all counts the listed districts' residents only, and no rate is given where a district's residents are missing")
            }
        }
        // Populations per district and year.
        func population(_ area: String, _ year: Int) -> Int? {
            guard !ds.populations.isEmpty else { return nil }
            let districts: Set<String> = switch area {
            case "all": Set(ds.populations.map(\.district))
            case "focus": focus
            case "compare": compare
            default: [area]
            }
            var total = 0
            for d in districts.sorted() {
                guard let v = ds.populations.first(where: { $0.district == d && $0.year == year })?.population
                        ?? ds.populations.first(where: { $0.district == d && $0.year == nil })?.population else { return nil }
                total += v
            }
            return total
        }
        // Baseline counts for a period: the matching periods (same kind and season) in the
        // baseline span, else the span scaled by length.
        var spanCounts: [String: Int] = [:]
        func baselineOf(_ a: Int, _ g: Int, _ p: CrimePeriod) -> (count: Int, t0: Double, expected: Double)? {
            if o.seasonal {
                let matched = allPeriods.filter { $0.index == p.index && $0.year < p.year }
                guard !matched.isEmpty else { return nil }
                let n = matched.reduce(0) { $0 + counts[a][g][index[$1]!].c }
                return (n, Double(matched.count), Double(n) / Double(matched.count))
            }
            guard let b = base, p.start > b.to else { return nil }
            var q = CrimePeriod(o.unit, containing: b.from)
            var matched: [CrimePeriod] = []
            while q.start <= b.to {
                if q.index == p.index && q.start >= b.from && q.end <= b.to { matched.append(q) }
                q = q.next
            }
            if !matched.isEmpty && matched.allSatisfy({ index[$0] != nil }) {
                let n = matched.reduce(0) { $0 + counts[a][g][index[$1]!].c }
                return (n, Double(matched.count), Double(n) / Double(matched.count))
            }
            // The whole span, counted from the cases (once per area and group), scaled to the
            // period's length.
            let n: Int
            if let known = spanCounts["\(a)|\(g)"] { n = known } else {
                n = ds.cases.filter { c in b.contains(c.date) && groupList[g].contains(c.crimeCode) && !initiative.matches(c, ds.crimeCodes) && inArea(c, areas[a]) }.count
                spanCounts["\(a)|\(g)"] = n
            }
            let ratio = Double(p.days) / Double(b.days)
            return (n, 1 / ratio, Double(n) * ratio)
        }
        func inArea(_ c: Case, _ area: String) -> Bool {
            if area == "all" { return true }
            guard let d = c.place.flatMap({ districtOf[$0.trimmingCharacters(in: .whitespaces)] }) else { return false }
            switch area {
            case "focus": return focus.contains(d)
            case "compare": return compare.contains(d)
            default: return d == area
            }
        }
        for period in periods {
            let pi = index[period]!
            let phase = phases.first { $0.from <= period.start && period.end <= $0.to }?.name
                ?? phases.first { $0.from <= period.end && period.start <= $0.to }?.name
            for (ai, area) in areas.enumerated() {
                for (gi, g) in groupList.enumerated() {
                    let k = counts[ai][gi][pi]
                    var row = Row(period: period, area: area, group: g.name, cases: k.c, initiative: k.i, tagged: k.t, phase: phase,
                                  population: population(area, period.year))
                    if let b = baselineOf(ai, gi, period) {
                        row.baseline = b.expected
                        row.z = CountTest.poissonZ(now: Double(k.c), before: b.expected)
                        row.p = CountTest.eTest(x1: k.c, t1: 1, x0: b.count, t0: b.t0)
                        // From or to nothing a percent says nothing the test does not (2 → 0 is
                        // not "−100 %"): empty, as where the baseline is 0.
                        row.pctChange = b.count == 0 || k.c == 0 ? nil : (Double(k.c) - b.expected) / b.expected * 100
                    }
                    rows.append(row)
                }
            }
        }
        // Displacement: the focus area against the comparison area.
        if let fi = areas.firstIndex(of: "focus"), let ci = areas.firstIndex(of: "compare") {
            for period in periods {
                let pi = index[period]!
                for (gi, g) in groupList.enumerated() {
                    guard let tb = baselineOf(fi, gi, period), let cb = baselineOf(ci, gi, period) else { continue }
                    let t1 = Double(counts[fi][gi][pi].c), c1 = Double(counts[ci][gi][pi].c)
                    let w = CountTest.wdd(t0: tb.expected, t1: t1, c0: cb.expected, c1: c1)
                    displacement.append(Displacement(period: period, group: g.name, t0: tb.expected, t1: t1, c0: cb.expected, c1: c1, wdd: w.wdd, se: w.se, z: w.z))
                }
            }
        }
        // Where cases concentrate, per group (crime only, within the span).
        if o.topPlaces > 0 {
            for g in groupList {
                var byPlace: [String: Int] = [:]
                for c in ds.cases where c.date >= first && c.date <= last && g.contains(c.crimeCode) && !initiative.matches(c, ds.crimeCodes) {
                    byPlace[c.place.flatMap { $0.isEmpty ? nil : $0 } ?? "(no place)", default: 0] += 1
                }
                let sorted = byPlace.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
                let total = sorted.reduce(0) { $0 + $1.value }
                var acc = 0, n80 = 0
                for (_, v) in sorted where Double(acc) < 0.8 * Double(total) { acc += v; n80 += 1 }
                topPlaces.append(TopPlaces(group: g.name, total: total, places: sorted.prefix(o.topPlaces).map { ($0.key, $0.value) }, placesFor80: n80))
            }
        }
    }

    /// The row for a period, area and group.
    public func row(_ period: CrimePeriod, _ area: String, _ group: String) -> Row? {
        rows.first { $0.period == period && $0.area == area && $0.group == group }
    }

    /// A change in words: "violence in the focus area rose from 24 to 47, 2012 → 2015: Z = +3.91, a signal".
    public static func sentence(_ r: Row, baselineLabel: String, areaName: String) -> String? {
        guard let b = r.baseline, let z = r.z else { return nil }
        let verb = Double(r.cases) > b ? "rose" : Double(r.cases) < b ? "fell" : "stayed"
        let signal = abs(z) >= 3 ? "a signal" : abs(z) >= 2 ? "a weaker signal" : "within chance"
        let from = b == b.rounded() ? String(Int(b)) : formatNumber((b * 10).rounded() / 10)
        let zText = (z >= 0 ? "+" : "−") + formatNumber((abs(z) * 100).rounded() / 100)
        let pText = r.p.map { p in p < 0.001 ? "p < 0.001" : "p = " + formatNumber((p * 1000).rounded() / 1000) } ?? ""
        return "\(r.group.replacingOccurrences(of: "_", with: " ")) \(areaName) \(verb) \(verb == "stayed" ? "at" : "from") \(from)\(verb == "stayed" ? "" : " to \(r.cases)"), \(baselineLabel) → \(r.period.label): Z = \(zText), \(pText), \(signal)"
    }
}
