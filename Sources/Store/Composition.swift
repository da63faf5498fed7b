import Network
import Screening

/// The log's composition against the persons in the data (ICO 2018 on the Gangs Matrix:
/// disparity): per period and dimension, how many persons of each value are on the log and
/// how many are in the data. A period is a pull's as-of day: the log on that day against that
/// pull's persons.
///
/// Conventions: age on the period's day, in bands `0-14`, `15-17`, `18-24`, `25-34`, `35+`,
/// `unknown` (no birth date); district as recorded (`unknown` when empty); category the log
/// category (`none` off the log); subject category as recorded. `in_data` counts the pull's
/// persons, `on_log` those of them on the log; a person on the log but absent from the pull
/// counts in `on_log` only, under `unknown`. Rows are sorted by period, dimension, value.
public struct CompositionRow: Sendable, Equatable {
    public var period: Day
    public var dimension: String
    public var value: String
    public var onLog: Int
    public var inData: Int
}

public enum LogComposition {
    public static let dimensions = ["age_band", "district", "category", "subject_category"]

    public static func ageBand(_ age: Int?) -> String {
        guard let a = age else { return "unknown" }
        switch a {
        case ..<15: return "0-14"
        case 15..<18: return "15-17"
        case 18..<25: return "18-24"
        case 25..<35: return "25-34"
        default: return "35+"
        }
    }

    /// One period per pull (or only the pulls on or before `asOf`, the last of them when `latest`).
    public static func compute(store s: Store, asOf: Day? = nil) throws -> [CompositionRow] {
        var pulls = try s.pulls()
        if let asOf {
            pulls = pulls.filter { $0.asOf <= asOf }
            pulls = pulls.last.map { [$0] } ?? []
        }
        var out: [CompositionRow] = []
        for pull in pulls {
            let day = asOf ?? pull.asOf
            let ds = try s.dataset(pull: pull.id).1
            let log = try s.logState(asOf: day)
            var counts: [String: [String: (log: Int, data: Int)]] = [:]
            func count(_ dim: String, _ value: String, onLog: Bool, inData: Bool) {
                var c = counts[dim, default: [:]][value] ?? (0, 0)
                if onLog { c.log += 1 }
                if inData { c.data += 1 }
                counts[dim, default: [:]][value] = c
            }
            var seen = Set<String>()
            for p in ds.persons {
                seen.insert(p.id)
                let on = log[p.id] != nil
                count("age_band", ageBand(p.birthDate.map { $0.age(on: day) }), onLog: on, inData: true)
                count("district", p.district.flatMap { $0.isEmpty ? nil : $0 } ?? "unknown", onLog: on, inData: true)
                count("category", log[p.id]?.category.rawValue ?? "none", onLog: on, inData: true)
                count("subject_category", p.subjectCategory?.rawValue ?? "unknown", onLog: on, inData: true)
            }
            for (id, e) in log where !seen.contains(id) {
                count("age_band", "unknown", onLog: true, inData: false)
                count("district", "unknown", onLog: true, inData: false)
                count("category", e.category.rawValue, onLog: true, inData: false)
                count("subject_category", "unknown", onLog: true, inData: false)
            }
            for dim in dimensions {
                for (value, c) in (counts[dim] ?? [:]).sorted(by: { $0.key < $1.key }) {
                    out.append(CompositionRow(period: day, dimension: dim, value: value, onLog: c.log, inData: c.data))
                }
            }
        }
        return out
    }
}
