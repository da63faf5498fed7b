import Foundation

/// Values of `links.csv`'s `period` column. An ISO date value covers a range of days — `2009`
/// a year, `2009-03` a month, `2009-03-05` a day — and `--from/--to` apply to it; any other
/// value is a label (a phase number `3`, a span `1985_1989`) selected with `--period`.
public enum PeriodValue {
    /// The days an ISO value covers, or nil for a label.
    public static func range(_ raw: String) -> (first: Day, last: Day)? {
        let s = raw.trimmingCharacters(in: .whitespaces)
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count <= 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              parts[0].count == 4, let y = Int(parts[0]) else { return nil }
        switch parts.count {
        case 1:
            guard let a = Day(year: y, month: 1, day: 1), let b = Day(year: y, month: 12, day: 31) else { return nil }
            return (a, b)
        case 2:
            guard parts[1].count == 2, let m = Int(parts[1]), let a = Day(year: y, month: m, day: 1) else { return nil }
            return (a, a.adding(months: 1).adding(days: -1))
        default:
            guard let d = Day(iso: s) else { return nil }
            return (d, d)
        }
    }

    /// `values` (distinct, in order of first appearance) in their natural order: numbers
    /// numerically, then ISO dates chronologically, then labels as written in the data.
    public static func ordered(_ values: [String]) -> [String] {
        let numbers = values.compactMap { v in Double(v).map { (v, $0) } }.filter { range($0.0) == nil || $0.0.count != 4 }
        let numberSet = Set(numbers.map(\.0))
        let dates = values.filter { !numberSet.contains($0) }.compactMap { v in range(v).map { (v, $0) } }
        let dateSet = Set(dates.map(\.0))
        let labels = values.filter { !numberSet.contains($0) && !dateSet.contains($0) }
        return numbers.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.map(\.0)
            + dates.sorted { ($0.1.first, $0.1.last, $0.0) < ($1.1.first, $1.1.last, $1.0) }.map(\.0)
            + labels
    }
}

extension Dataset {
    /// The distinct `period` values of the links, in natural order (``PeriodValue/ordered(_:)``).
    public var periodValues: [String] {
        var seen = Set<String>()
        var out: [String] = []
        for i in links.indices { if let p = links.period(i)?.trimmingCharacters(in: .whitespaces), !p.isEmpty, seen.insert(p).inserted { out.append(p) } }
        return PeriodValue.ordered(out)
    }
}
