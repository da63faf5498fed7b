import Crypto
import Foundation
import GRDB

/// A table's digest that an action updates by the rows it changes (issue 31): the sum, modulo
/// 2^256, of one keyed element per row — HMAC-SHA256 under a key derived from the store's key,
/// over the table's name and the row's hash — with the row count. Adding a row adds its
/// element, deleting subtracts it, an update does both; `audit verify` recomputes the sum from
/// every row. An additive multiset hash is only as strong as its elements are unpredictable:
/// without the key nobody can compute an element, so nobody can search for rows whose sum
/// matches (Wagner's generalized birthday attack needs the element values). Stores without a
/// key use unkeyed SHA-256 elements (the form says which: `k` keyed, `u` unkeyed).
struct TableSum: Equatable {
    var limbs: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    var count: Int = 0
    var keyed: Bool

    init(keyed: Bool) { self.keyed = keyed }

    static func == (a: TableSum, b: TableSum) -> Bool {
        a.limbs == b.limbs && a.count == b.count && a.keyed == b.keyed
    }

    /// Parses `k<count>.<64 hex>` or `u<count>.<64 hex>` (nil: a digest of the earlier form).
    init?(_ text: String) {
        guard let first = text.first, first == "k" || first == "u",
              let dot = text.firstIndex(of: "."), let n = Int(text[text.index(after: text.startIndex)..<dot]) else { return nil }
        let hex = text[text.index(after: dot)...]
        guard hex.count == 64 else { return nil }
        var l: [UInt64] = []
        var i = hex.startIndex
        for _ in 0..<4 {
            let j = hex.index(i, offsetBy: 16)
            guard let v = UInt64(hex[i..<j], radix: 16) else { return nil }
            l.append(v)
            i = j
        }
        keyed = first == "k"
        count = n
        limbs = (l[3], l[2], l[1], l[0])
    }

    var text: String {
        func h(_ v: UInt64) -> String { let s = String(v, radix: 16); return String(repeating: "0", count: 16 - s.count) + s }
        return (keyed ? "k" : "u") + "\(count)." + h(limbs.3) + h(limbs.2) + h(limbs.1) + h(limbs.0)
    }

    private static func limbs(_ bytes: some Sequence<UInt8>) -> (UInt64, UInt64, UInt64, UInt64) {
        let b = Array(bytes)
        func word(_ k: Int) -> UInt64 { (0..<8).reduce(UInt64(0)) { $0 << 8 | UInt64(b[k * 8 + $1]) } }
        return (word(3), word(2), word(1), word(0))
    }

    /// The element of one row of `table` whose row hash is `rowHash` (hex).
    static func element(table: String, rowHash: String, key: SymmetricKey?) -> (UInt64, UInt64, UInt64, UInt64) {
        let data = Data("\(table)\u{1F}\(rowHash)".utf8)
        if let key { return limbs(HMAC<SHA256>.authenticationCode(for: data, using: key)) }
        return limbs(SHA256.hash(data: data))
    }

    mutating func add(_ e: (UInt64, UInt64, UInt64, UInt64)) {
        var carry: UInt64 = 0
        func step(_ a: UInt64, _ b: UInt64) -> UInt64 {
            let (s1, o1) = a.addingReportingOverflow(b)
            let (s2, o2) = s1.addingReportingOverflow(carry)
            carry = (o1 ? 1 : 0) + (o2 ? 1 : 0)
            return s2
        }
        limbs = (step(limbs.0, e.0), step(limbs.1, e.1), step(limbs.2, e.2), step(limbs.3, e.3))
        count += 1
    }

    mutating func subtract(_ e: (UInt64, UInt64, UInt64, UInt64)) {
        var borrow: UInt64 = 0
        func step(_ a: UInt64, _ b: UInt64) -> UInt64 {
            let (d1, o1) = a.subtractingReportingOverflow(b)
            let (d2, o2) = d1.subtractingReportingOverflow(borrow)
            borrow = (o1 ? 1 : 0) + (o2 ? 1 : 0)
            return d2
        }
        limbs = (step(limbs.0, e.0), step(limbs.1, e.1), step(limbs.2, e.2), step(limbs.3, e.3))
        count -= 1
    }
}

/// The rows this process changed in the fact tables since the last audit record: what the
/// next record's digests are updated by (never a re-read of rows others may have edited).
final class ChangeTracker: TransactionObserver, @unchecked Sendable {
    private let lock = NSLock()
    private var changed: [String: Set<Int64>] = [:]
    private let tables: Set<String>

    init(tables: Set<String>) { self.tables = tables }

    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool { tables.contains(eventKind.tableName) }

    func databaseDidChange(with event: DatabaseEvent) {
        lock.lock(); defer { lock.unlock() }
        changed[event.tableName, default: []].insert(event.rowID)
    }

    func databaseDidCommit(_ db: Database) {}

    func databaseDidRollback(_ db: Database) {
        lock.lock(); defer { lock.unlock() }
        changed = [:]
    }

    /// The changed rowids per table, and forgets them (an audit record now binds them).
    func take() -> [String: Set<Int64>] {
        lock.lock(); defer { lock.unlock() }
        let out = changed
        changed = [:]
        return out
    }
}

extension Store {
    /// Tables whose digest every record recomputes in full: the schema's entries and the
    /// stored files (keyed by their hash, few rows).
    static let fullyHashed: Set<String> = ["blob", "sqlite_master", "grdb_migrations"]

    /// The key the table digests' elements are computed under (derived from the store's key).
    static func digestKey(_ sealKey: SymmetricKey?) -> SymmetricKey? {
        sealKey.map { SymmetricKey(data: HMAC<SHA256>.authenticationCode(for: Data("sna table digest v1".utf8), using: $0)) }
    }

    /// The digest of `rows` of `table` in the maintained form.
    static func tableSum(_ table: String, _ rows: [(key: String, hash: String)], key: SymmetricKey?) -> TableSum {
        var s = TableSum(keyed: key != nil)
        for r in rows { s.add(TableSum.element(table: table, rowHash: r.hash, key: key)) }
        return s
    }

    /// One row's hash as ``rowHashes(_:)`` computes it (nil: no such row).
    static func rowHash(_ db: Database, table: String, rowid: Int64) throws -> String? {
        guard let r = try Row.fetchOne(db.cachedStatement(sql: "SELECT rowid AS k, * FROM \(table) WHERE rowid = ?"), arguments: [rowid]) else { return nil }
        return hashOfRow(r)
    }

    /// SHA-256 over a row's columns after the first (the key), each typed and length-prefixed.
    static func hashOfRow(_ r: Row) -> String {
        var h = SHA256()
        for (i, v) in r.databaseValues.enumerated() where i > 0 {
            let text: String
            switch v.storage {
            case .null: text = "N"
            case let .int64(i): text = "I\(i)"
            case let .double(d): text = "D\(d)"
            case let .string(s): text = "S" + s
            case let .blob(b): text = "B" + Store.sha256(b)
            }
            h.update(data: Data("\(text.utf8.count):\(text)|".utf8))
        }
        return Store.hex(h.finalize())
    }

    /// The state a new audit record binds: every fact table's maintained digest. From the last
    /// record's digests and the rows this process changed since (O(rows changed)), the row-hash
    /// index updated row by row; in full (every row re-hashed, the index rewritten) when there
    /// is no record of this form yet, the schema changed (an upgrade may rewrite rows), or the
    /// index lacks a row it should hold.
    func maintainedState(_ db: Database) throws -> String {
        let key = Store.digestKey(sealKey)
        let changes = tracker.take()
        let tables = try (Store.factTables + Store.schemaTables).filter { t in try t == "sqlite_master" || db.tableExists(t) }
        // The edit counts after this action: the next write compares them first.
        let edits = try Store.editCounts(db).map { ";edits=" + $0 } ?? ""
        func full() throws -> String {
            let rows = try Store.rowHashes(db)
            try Store.saveRowHashes(db, rows)
            return rows.map { "\($0.table)=\(Store.tableSum($0.table, $0.rows, key: key).text)" }.joined(separator: ";") + edits
        }
        guard let last = try AuditRecord.fetchOne(db, sql: "SELECT * FROM audit WHERE state != '' ORDER BY seq DESC LIMIT 1") else { return try full() }
        let recorded = Store.parseState(last.state)
        var sums: [String: TableSum] = [:]
        for t in tables {
            guard let v = recorded[t] else {
                // A table a later version added (empty when it came): from zero.
                if !Store.fullyHashed.contains(t), try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM row_hash WHERE tbl = ?", arguments: [t]) == 0 {
                    sums[t] = TableSum(keyed: key != nil)
                    continue
                }
                return try full()
            }
            // A digest of the earlier form (or made with or without a key): the whole pass.
            guard let s = TableSum(v), s.keyed == (key != nil) else { return try full() }
            sums[t] = s
        }
        // The fully hashed tables: recomputed; a schema that changed since the last record
        // (an upgrade: columns added to every row) makes the whole pass.
        for t in tables where Store.fullyHashed.contains(t) {
            let rows = try Store.rowHashes(db, only: t).first?.rows ?? []
            let s = Store.tableSum(t, rows, key: key)
            if t != "blob" && s != sums[t] { return try full() }
            sums[t] = s
            try db.execute(sql: "DELETE FROM row_hash WHERE tbl = ?", arguments: [t])
            for r in rows { try db.cachedStatement(sql: "INSERT INTO row_hash (tbl, key, hash) VALUES (?, ?, ?)").execute(arguments: [t, r.key, r.hash]) }
        }
        // The rows this process changed: the element of the old row (from the index) out, the
        // new row's in.
        for t in tables where !Store.fullyHashed.contains(t) {
            guard let ids = changes[t], var s = sums[t] else { continue }
            for id in ids.sorted() {
                let k = String(id)
                let old = try String.fetchOne(db.cachedStatement(sql: "SELECT hash FROM row_hash WHERE tbl = ? AND key = ?"), arguments: [t, k])
                let new = try Store.rowHash(db, table: t, rowid: id)
                if old == new { continue }
                if let old { s.subtract(TableSum.element(table: t, rowHash: old, key: key)) }
                if let new { s.add(TableSum.element(table: t, rowHash: new, key: key)) }
                if old != nil { try db.cachedStatement(sql: "DELETE FROM row_hash WHERE tbl = ? AND key = ?").execute(arguments: [t, k]) }
                if let new { try db.cachedStatement(sql: "INSERT INTO row_hash (tbl, key, hash) VALUES (?, ?, ?)").execute(arguments: [t, k, new]) }
            }
            // The index and the rows must agree in number; if not, the index was not kept
            // (an earlier form of the store): the whole pass.
            if try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(t)") != s.count { return try full() }
            sums[t] = s
        }
        return tables.map { "\($0)=\(sums[$0]!.text)" }.joined(separator: ";") + edits
    }

    /// The edit counts (``Schema`` v8) as one value: what a record binds beside the digests
    /// (nil: a store before v8).
    static func editCounts(_ db: Database) throws -> String? {
        guard try db.tableExists("edit_count") else { return nil }
        let rows = try Row.fetchAll(db, sql: "SELECT tbl, n FROM edit_count ORDER BY tbl")
        return rows.map { "\($0["tbl"] as String):\($0["n"] as Int64)" }.joined(separator: ",")
    }

    /// `table=digest;…` as a record keeps it.
    static func parseState(_ state: String) -> [String: String] {
        Dictionary(state.split(separator: ";").map { p -> (String, String) in
            let kv = p.split(separator: "=", maxSplits: 1).map(String.init)
            return (kv[0], kv.count > 1 ? kv[1] : "")
        }, uniquingKeysWith: { a, _ in a })
    }
}
