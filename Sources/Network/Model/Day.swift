/// A calendar day (proleptic Gregorian), parsed from and printed as ISO 8601 `YYYY-MM-DD`.
///
/// Dates in the case system carry no time of day; a plain value type keeps comparisons and
/// windows (`--from/--to`, "seen at the same place within N days") exact and time-zone free.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Creates a day, or `nil` when the combination does not exist (e.g. 2015-02-29).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1,
              day <= Day.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD` exactly (four-digit year, two-digit month and day).
    public init?(iso text: some StringProtocol) {
        let u = Array(text.utf8)
        guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-") else { return nil }
        func num(_ r: Range<Int>) -> Int? {
            var v = 0
            for i in r {
                let c = u[i]
                guard c >= 48 && c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            return v
        }
        guard let y = num(0..<4), let m = num(5..<7), let d = num(8..<10) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (negative before), for windows and differences.
    public var ordinal: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// The age in whole years on `date` of a person born on `self`.
    public func age(on date: Day) -> Int {
        var a = date.year - year
        if (date.month, date.day) < (month, day) { a -= 1 }
        return a
    }

    public static func < (a: Day, b: Day) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

    public var description: String {
        func pad(_ v: Int, _ w: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, w - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
}

extension Day {
    /// The same day `months` months later (earlier when negative), clamped to the month's end
    /// (2016-03-31 minus one month is 2016-02-29).
    public func adding(months: Int) -> Day {
        let total = year * 12 + (month - 1) + months
        let y = total / 12, m = total % 12 + 1
        return Day(year: y, month: m, day: min(day, Day.daysIn(month: m, year: y)))!
    }
}

extension Day {
    /// The day with this ordinal (days since 1970-01-01).
    public init(ordinal z0: Int) {
        // Howard Hinnant's civil_from_days.
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self = Day(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)!
    }

    /// The day `days` days later (earlier when negative).
    public func adding(days: Int) -> Day { Day(ordinal: ordinal + days) }
}

extension Day {
    /// Why `text` is not a date, with a hint when it looks like a spreadsheet's local format:
    /// "'23-02-1990' is not a valid date (expected YYYY-MM-DD; …)".
    public static func invalidMessage(_ text: String) -> String {
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == "/" || $0 == "." }).map(String.init)
        var hint = ""
        if parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }), parts[2].count == 4 || parts[2].count == 2, parts[0].count <= 2 {
            hint = "; it looks like day-month-year or month/day/year as a spreadsheet shows dates: in Excel format the column as yyyy-mm-dd (Format Cells → Custom → yyyy-mm-dd) before saving as CSV"
        } else if let n = Double(text), n > 0, n < 200_000 {
            hint = "; it looks like a spreadsheet's date serial number: in Excel format the column as yyyy-mm-dd before saving as CSV"
        }
        return "'\(text)' is not a valid date (expected YYYY-MM-DD\(hint))"
    }
}
