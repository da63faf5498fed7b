import Foundation
import GRDB
import Network
import Screening

// The store's vocabulary as database values, and the rows it reads as GRDB records.
// Reading a row whose text is not a valid value (a date that is not a date, an unknown kind)
// throws instead of crashing.

extension Day: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { description.databaseValue }
    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> Day? {
        String.fromDatabaseValue(dbValue).flatMap(Day.init(iso:))
    }
}

extension LogCategory: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { rawValue.databaseValue }
    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> LogCategory? {
        String.fromDatabaseValue(dbValue).flatMap(LogCategory.init(rawValue:))
    }
}

extension ProposalAction: DatabaseValueConvertible {}
extension ProposalReason: DatabaseValueConvertible {}

/// The kinds of event in the log's history.
public enum LogEventKind: String, Sendable, CaseIterable, Codable, DatabaseValueConvertible {
    /// The person entered the log (with a category).
    case enter
    /// The person left the log.
    case leave
    /// The person's category changed.
    case category
    /// A route was decided (youth screening, SSP+ hand-over).
    case route
}

/// What the target-selection group said about a proposal.
public enum Verdict: String, Sendable, CaseIterable, Codable, DatabaseValueConvertible {
    case accept, reject
    public var pastTense: String { self == .accept ? "accepted" : "rejected" }
}

/// The actions the audit trail records.
public enum AuditAction: String, Sendable, CaseIterable, Codable, DatabaseValueConvertible {
    case ingest, propose, decide, candidates, report, export, render
    /// Names or birth dates shown by an analysing command (centrality, path, ego).
    case disclose
    /// Persons removed under the retention rule.
    case purge
    /// A follow-up recorded (a route's status, a meeting's outcome for a candidate).
    case followup
    /// A coordination meeting recorded.
    case meeting
    /// The store's schema upgraded by a newer sna.
    case migrate
    /// A person's request (access, contest, rectification, erasure) recorded or resolved.
    case request
    /// A quality audit: a sample drawn, a finding recorded.
    case quality
}

/// A value in the store that is not what its column must hold (a tampered or damaged file).
struct BadValue: Error {
    var table: String
    var column: String
    var value: String
}

/// Reads a required column, throwing (not crashing) when it is missing or not of its type.
func col<T: DatabaseValueConvertible>(_ r: Row, _ name: String, _ table: String) throws -> T {
    guard r.hasColumn(name) else { throw BadValue(table: table, column: name, value: "(no such column)") }
    let dv = r[name] as DatabaseValue
    guard let v = T.fromDatabaseValue(dv) else { throw BadValue(table: table, column: name, value: dv.description) }
    return v
}

/// Reads an optional column: NULL (or a column the query did not select) is nil, any other
/// value must be of its type.
func optCol<T: DatabaseValueConvertible>(_ r: Row, _ name: String, _ table: String) throws -> T? {
    guard r.hasColumn(name) else { return nil }
    let dv = r[name] as DatabaseValue
    if dv.isNull { return nil }
    guard let v = T.fromDatabaseValue(dv) else { throw BadValue(table: table, column: name, value: dv.description) }
    return v
}
