import Crypto
import Foundation
import GRDB

/// One audit record (LED Art. 25 logging): who did what, when and why.
public struct AuditRecord: Sendable, FetchableRecord {
    public var seq: Int64
    public var at: String
    public var by: String
    public var action: String
    public var what: String
    public var purpose: String
    public var prev: String
    public var hash: String
    /// The digests of every fact table right after this record's action ("table=digest;…"),
    /// bound into the record's hash: the state the next verify must find. Empty in records
    /// written before this was kept.
    public var state: String
    /// A random value bound into the hash (empty in records before v6, and in a tombstone:
    /// erased, so the tombstone's hash cannot be inverted by trying every id).
    public var salt: String
    /// The person ids the record names, space-separated (empty: none, or a record before v6).
    public var persons: String
    /// HMAC-SHA256 of the hash under the store's key (empty before the store was keyed).
    public var seal: String
    /// The operating-system account that ran the command (beside `by`, the declared actor);
    /// bound into the hash. Empty in records before v7.
    public var account: String

    /// The action as recorded (an ``AuditAction`` raw value; kept as text so that verification
    /// can re-hash a record whose action was edited to something unknown).
    public var knownAction: AuditAction? { AuditAction(rawValue: action) }

    init(seq: Int64, at: String, by: String, action: String, what: String, purpose: String, prev: String, hash: String, state: String,
         salt: String = "", persons: String = "", seal: String = "", account: String = "") {
        self.seq = seq; self.at = at; self.by = by; self.action = action; self.what = what
        self.purpose = purpose; self.prev = prev; self.hash = hash; self.state = state
        self.salt = salt; self.persons = persons; self.seal = seal; self.account = account
    }

    /// The record's digest from its fields as they are now.
    var computed: String {
        AuditRecord.digest(seq: seq, at: at, by: by, action: action, what: what, purpose: purpose, prev: prev, state: state, salt: salt, persons: persons,
                           account: account)
    }

    public init(row r: Row) throws {
        seq = try col(r, "seq", "audit"); at = try col(r, "at", "audit"); by = try col(r, "by", "audit")
        action = try col(r, "action", "audit"); what = try col(r, "what", "audit"); purpose = try col(r, "purpose", "audit")
        prev = try col(r, "prev", "audit"); hash = try col(r, "hash", "audit")
        state = try optCol(r, "state", "audit") ?? ""
        salt = try optCol(r, "salt", "audit") ?? ""
        persons = try optCol(r, "persons", "audit") ?? ""
        seal = try optCol(r, "seal", "audit") ?? ""
        account = try optCol(r, "account", "audit") ?? ""
    }

    /// SHA-256 over the record's fields and the previous record's hash, hex. Fields are
    /// length-prefixed so no two different records serialize alike.
    /// Salt and persons join the fields when either is set (records since v6), in a form no
    /// earlier record can take.
    static func digest(seq: Int64, at: String, by: String, action: String, what: String, purpose: String, prev: String,
                       state: String = "", salt: String = "", persons: String = "", account: String = "") -> String {
        var s = ""
        var fields = [String(seq), at, by, action, what, purpose, prev] + (state.isEmpty ? [] : [state])
        if !salt.isEmpty || !persons.isEmpty { fields += ["salt=" + salt, "persons=" + persons] }
        // Since v7: the account that ran the command.
        if !account.isEmpty { fields += ["account=" + account] }
        for f in fields { s += "\(f.utf8.count):\(f)|" }
        return Store.hex(SHA256.hash(data: Data(s.utf8)))
    }
}

/// What `sna audit verify` found.
public struct AuditVerification: Sendable {
    public var records: Int
    /// The hash of the newest record: note it (e.g. in the meeting minutes) to detect a
    /// truncated tail later.
    public var head: String?
    /// Empty when the chain is intact.
    public var problems: [String]
    /// What could not be checked (no key: the seals), said beside an intact chain.
    public var warnings: [String] = []
}

extension Store {
    static let genesis = String(repeating: "0", count: 64)

    /// Appends an audit record inside the caller's transaction: salted, sealed with the
    /// store's key, binding every fact table's digest; read back, so that a record the
    /// database did not keep (a trigger added by hand) stops the command. `persons`: the ids
    /// the record names.
    @discardableResult
    func audit(_ db: Database, by: String, action: AuditAction, what: String, purpose: String?, persons: [String] = []) throws -> AuditRecord {
        let last = try Row.fetchOne(db, sql: "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1")
        let seq: Int64 = (last?["seq"] as Int64? ?? 0) + 1
        let prev: String = last?["hash"] ?? Store.genesis
        let at = now()
        let p = purpose ?? ""
        let state = try maintainedState(db)
        let salt = Store.randomHex(16)
        let named = Array(Set(persons)).sorted().joined(separator: " ")
        let hash = AuditRecord.digest(seq: seq, at: at, by: by, action: action.rawValue, what: what, purpose: p, prev: prev, state: state,
                                      salt: salt, persons: named, account: account)
        let seal = try sealOf(hash)
        try db.execute(sql: "INSERT INTO audit (seq, at, by, action, what, purpose, prev, hash, state, salt, persons, seal, account) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                       arguments: [seq, at, by, action.rawValue, what, p, prev, hash, state, salt, named, seal, account])
        let kept = try Row.fetchOne(db, sql: "SELECT hash, (SELECT COUNT(*) FROM audit) AS n FROM audit WHERE seq = ?", arguments: [seq])
        guard kept?["hash"] as String? == hash, kept?["n"] as Int64? == seq else {
            throw StoreError.tampered(path: path, problems: ["the audit record \(seq) was not kept as written (a trigger or an edit on the audit table?); nothing was done"])
        }
        return AuditRecord(seq: seq, at: at, by: by, action: action.rawValue, what: what, purpose: p, prev: prev, hash: hash, state: state,
                           salt: salt, persons: named, seal: seal, account: account)
    }

    /// Records an action that changed nothing else in the store (an export, a render, an
    /// analysis read from the store).
    @discardableResult
    public func recordAction(by: String, action: AuditAction, what: String, purpose: String?, persons: [String] = []) throws -> AuditRecord {
        try write { db in try audit(db, by: by, action: action, what: what, purpose: purpose, persons: persons) }
    }

    /// Every audit record, oldest first.
    public func auditRecords() throws -> [AuditRecord] {
        try read { db in
            try AuditRecord.fetchAll(db, sql: "SELECT * FROM audit ORDER BY seq")
        }
    }

    /// Walks the chain: each record's hash must match its fields and the previous hash, its
    /// seal must match the store's key, and sequence numbers must run 1, 2, 3, … without a
    /// gap. An edited record breaks its own hash; a deleted one breaks the next record's link
    /// (or leaves a gap); a rewritten or appended one, made without the key, breaks its seal.
    /// The schema must be this version's, every fact table must read as the last record
    /// bound it, and stored files must hash to their keys. `anchors`: heads noted outside the
    /// store (`sna audit anchor`), each of which the chain must still hold.
    public func verifyAudit(anchors: [(seq: Int64, hash: String)] = []) throws -> AuditVerification {
        let records = try auditRecords()
        var problems: [String] = []
        var warnings: [String] = []
        if records.isEmpty {
            problems.append("no audit records: an sna store records at least its first ingest (the trail was emptied?)")
        }
        let key = try keyForVerify(records, warnings: &warnings, problems: &problems)
        problems += Store.chainProblems(records, key: key)
        for a in anchors {
            if let r = records.first(where: { $0.seq == a.seq }) {
                if !r.hash.hasPrefix(a.hash) { problems.append("anchor: record \(a.seq) was \(a.hash.prefix(16))… when anchored, now \(r.hash.prefix(16))… (the chain was rewritten)") }
            } else {
                problems.append("anchor: record \(a.seq) (\(a.hash.prefix(16))…) is no longer in the chain (its tail was truncated or rewritten)")
            }
        }
        problems += try read { db in try Schema.problems(db) }
        problems += try read { db in try stateProblems(db, records.last(where: { !$0.state.isEmpty }), key: key) }
        if key == nil, let last = records.last(where: { !$0.state.isEmpty }), Store.parseState(last.state).values.contains(where: { TableSum($0)?.keyed == true }) {
            warnings.append("the tables' digests are keyed: without the key the rows were checked against the row-hash index only (verify where the key is)")
        }
        // Stored file contents must still hash to their keys (a pull's bytes edited by hand).
        problems += try read { db in
            var out: [String] = []
            for r in try Row.fetchAll(db, sql: "SELECT hash, bytes FROM blob ORDER BY hash") {
                let key: String = try col(r, "hash", "blob"), bytes: Data = try col(r, "bytes", "blob")
                if Store.sha256(bytes) != key { out.append("blob \(key.prefix(12))…: stored file contents changed (they no longer hash to their key)") }
            }
            return out
        }
        // SQLite's own check of the file.
        problems += try integrityProblems().map { "SQLite integrity: \($0)" }
        return AuditVerification(records: records.count, head: records.last?.hash, problems: problems, warnings: warnings)
    }

    /// Every fact table (and the schema) must read as it did after the last recorded action:
    /// a row changed, deleted or inserted by hand since then shows as a table whose digest
    /// differs, with the rows named from the row hashes kept with that record.
    func stateProblems(_ db: Database, _ last: AuditRecord?, ignoring: Set<String> = [], key sealKey: SymmetricKey?) throws -> [String] {
        guard let last else { return [] }
        let recorded = Store.parseState(last.state)
        let rows = try Store.rowHashes(db)
        let digestKey = Store.digestKey(sealKey)
        var problems: [String] = []
        // Each table in the form its record keeps: the maintained sum (keyed: needs the key),
        // or the earlier sequential digest.
        var differing: [(table: String, rows: Int)] = []
        var savedIndex: [String: [String: String]]?
        func saved() throws -> [String: [String: String]] {
            if let savedIndex { return savedIndex }
            var out: [String: [String: String]] = [:]
            for r in try Row.fetchAll(db, sql: "SELECT tbl, key, hash FROM row_hash") {
                out[r["tbl"] as String, default: [:]][r["key"] as String] = r["hash"] as String
            }
            savedIndex = out
            return out
        }
        for t in rows where !ignoring.contains(t.table) {
            guard let v = recorded[t.table] else {
                // A table added by a later version is absent from older records: it must be
                // empty (the schema's own entries are checked against this version's schema).
                if !t.rows.isEmpty && !Store.schemaTables.contains(t.table) { differing.append((t.table, t.rows.count)) }
                continue
            }
            if let sum = TableSum(v) {
                if sum.keyed && digestKey == nil {
                    // Without the key: the rows against the row-hash index the last record left
                    // (an edit that did not also rewrite the index shows; verify with the key
                    // for the rest).
                    let index = try saved()[t.table] ?? [:]
                    if t.rows.count != sum.count || t.rows.contains(where: { index[$0.key] != $0.hash }) { differing.append((t.table, t.rows.count)) }
                    continue
                }
                if Store.tableSum(t.table, t.rows, key: sum.keyed ? digestKey : nil) != sum { differing.append((t.table, t.rows.count)) }
            } else {
                if Store.sequentialDigest(t.rows) != v { differing.append((t.table, t.rows.count)) }
            }
        }
        guard !differing.isEmpty else { return [] }
        let index = try saved()
        for t in differing {
            var detail = ""
            if let current = rows.first(where: { $0.table == t.table })?.rows, let before = index[t.table] {
                let cur = Dictionary(current.map { ($0.key, $0.hash) }, uniquingKeysWith: { a, _ in a })
                let changed = cur.filter { before[$0.key] != nil && before[$0.key] != $0.value }.keys.sorted()
                let added = cur.keys.filter { before[$0] == nil }.sorted()
                let removed = before.keys.filter { cur[$0] == nil }.sorted()
                let parts = [changed.isEmpty ? nil : "changed row \(changed.prefix(5).joined(separator: ", "))",
                             added.isEmpty ? nil : "inserted row \(added.prefix(5).joined(separator: ", "))",
                             removed.isEmpty ? nil : "deleted row \(removed.prefix(5).joined(separator: ", "))"].compactMap { $0 }
                if !parts.isEmpty { detail = ": " + parts.joined(separator: "; ") }
            }
            problems.append("table \(t.table): changed since the last recorded action (record \(last.seq), \(last.action))\(detail); \(t.rows) rows now")
        }
        return problems
    }

    /// Whether the fact tables may still be as the last record left them, checked without
    /// re-hashing their rows: the edit counts (kept by triggers on every insert, update and
    /// delete) as the record bound them, every table's row count as the record has it, the
    /// schema's entries and stored files re-hashed. False also for a record of the earlier form
    /// (then every row is re-hashed). An edit made with the triggers dropped or disabled passes
    /// this — the schema's digest catches a dropped trigger — and is found by `audit verify`:
    /// the record's digests come from the tool's own changes, so no later record hides it.
    func quickStateMatches(_ db: Database, _ last: AuditRecord) throws -> Bool {
        let recorded = Store.parseState(last.state)
        // The edit counts (triggers on every fact table) as the record left them: no row was
        // inserted, updated or deleted since, by anyone whose triggers ran.
        guard let edits = try Store.editCounts(db), recorded["edits"] == edits else { return false }
        let digestKey = Store.digestKey(sealKey)
        for t in Store.factTables + Store.schemaTables {
            guard try t == "sqlite_master" || db.tableExists(t) else { continue }
            guard let v = recorded[t] else {
                if Store.schemaTables.contains(t) { continue }
                if try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(t)") != 0 { return false }
                continue
            }
            guard let sum = TableSum(v), sum.keyed == (digestKey != nil) else { return false }
            if Store.fullyHashed.contains(t) {
                if Store.tableSum(t, try Store.rowHashes(db, only: t).first?.rows ?? [], key: digestKey) != sum { return false }
            } else if try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(t)") != sum.count {
                return false
            }
        }
        return true
    }

    /// Before a command records anything: the schema must be this version's and the tables
    /// must still match the last record (so a hand edit is never laundered into a new
    /// record's digests). A mismatch stops the command, naming the table and rows.
    func checkUnchanged(_ db: Database, ignoringSchema: Bool = false) throws {
        var problems = try Schema.problems(db)
        // The chain itself: an edited, deleted or forged record stops every write too (so no
        // later record is ever written on top of it).
        problems += Store.chainProblems(try AuditRecord.fetchAll(db, sql: "SELECT * FROM audit ORDER BY seq"), key: sealKey)
        let last = try AuditRecord.fetchOne(db, sql: "SELECT * FROM audit WHERE state != '' ORDER BY seq DESC LIMIT 1")
        // The row counts and the schema first (cheap); every row re-hashed only when they
        // differ (to name the rows) or the record is of the earlier form.
        if let last, !ignoringSchema, try quickStateMatches(db, last) {
        } else {
            problems += try stateProblems(db, last, ignoring: ignoringSchema ? Set(Store.schemaTables) : [], key: sealKey)
        }
        if !problems.isEmpty { throw StoreError.tampered(path: path, problems: problems) }
    }
}

extension Store {
    /// The fact tables bound into the audit chain, in a fixed order.
    static var factTables: [String] { Catalog.factTables }

    /// The schema's own entries in the state: the objects of `sqlite_master` and the
    /// migrations table (bound since v6).
    static let schemaTables = ["sqlite_master", "grdb_migrations"]

    /// SHA-256 per fact table over every row (all columns, in rowid order; for `blob` its keys,
    /// whose contents verify re-hashes), length-prefixed so no two tables' contents serialize
    /// alike.
    static func stateDigest(_ db: Database) throws -> [(table: String, digest: String, rows: Int)] {
        try rowHashes(db).map { t in
            (t.table, sequentialDigest(t.rows), t.rows.count)
        }
    }

    /// The earlier form of a table's digest: SHA-256 over its row hashes in key order (records
    /// written before the maintained sums keep it, and verify checks them in it).
    static func sequentialDigest(_ rows: [(key: String, hash: String)]) -> String {
        var h = SHA256()
        for (_, rh) in rows { h.update(data: Data((rh + "\n").utf8)) }
        return Store.hex(h.finalize())
    }

    /// Per fact table, each row's key (rowid; for `blob` its hash) and SHA-256 over its
    /// columns, in key order.
    static func rowHashes(_ db: Database, only: String? = nil) throws -> [(table: String, rows: [(key: String, hash: String)])] {
        // A table a later version adds is absent from an older store not yet upgraded.
        try (only.map { [$0] } ?? factTables + schemaTables).filter { t in try t == "sqlite_master" || db.tableExists(t) }.map { t in
            var out: [(String, String)] = []
            let sql = t == "blob" ? "SELECT hash AS k, hash FROM blob ORDER BY hash"
                : t == "sqlite_master" ? "SELECT type || ' ' || name AS k, type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
                : t == "grdb_migrations" ? "SELECT identifier AS k, identifier FROM grdb_migrations ORDER BY identifier"
                : "SELECT rowid AS k, * FROM \(t) ORDER BY rowid"
            let cursor = try Row.fetchCursor(db, sql: sql)
            while let r = try cursor.next() {
                let kv = r["k"] as DatabaseValue
                let key = String.fromDatabaseValue(kv) ?? kv.description
                out.append((key, hashOfRow(r)))
            }
            return (t, out.map { (key: $0.0, hash: $0.1) })
        }
    }

    /// Keeps the row hashes of the state an audit record binds (one set: the latest), so verify
    /// can name the rows behind a table whose digest changed.
    static func saveRowHashes(_ db: Database, _ computed: [(table: String, rows: [(key: String, hash: String)])]? = nil) throws {
        try db.execute(sql: "DELETE FROM row_hash")
        for t in try computed ?? rowHashes(db) {
            for r in t.rows {
                try db.cachedStatement(sql: "INSERT INTO row_hash (tbl, key, hash) VALUES (?, ?, ?)").execute(arguments: [t.table, r.key, r.hash])
            }
        }
    }
}

extension Store {
    /// The chain's own faults: each record's hash must match its fields (a tombstone what the
    /// purge that made it recorded), follow the record before it, carry the next number and a
    /// time no earlier than its predecessor's, and (with the key) its seal.
    static func chainProblems(_ records: [AuditRecord], key: SymmetricKey?) -> [String] {
        var problems: [String] = []
        var prev = Store.genesis
        var expected: Int64 = 1
        var lastTime: Date?
        // Records a purge tombstoned (listed in the purge's own, hash-protected record), with
        // the digest of what each became (purges before v6 listed only the numbers).
        var tombstones: [Int64: String?] = [:]
        for r in records where r.action == AuditAction.purge.rawValue {
            if let part = r.what.components(separatedBy: "tombstones:").last {
                for x in part.split(separator: " ") {
                    let kv = x.split(separator: ":", maxSplits: 1)
                    if let v = Int64(kv[0]), v < r.seq { tombstones[v] = kv.count > 1 ? String(kv[1]) : nil }
                }
            }
        }
        for r in records {
            if let t = Store.parseTime(r.at) {
                if let l = lastTime, t < l { problems.append("record \(r.seq): its time \(r.at) is earlier than the record before it") }
                lastTime = t
            } else {
                problems.append("record \(r.seq): '\(r.at)' is not a timestamp")
            }
            if r.seq != expected {
                problems.append("record \(expected)\(r.seq > expected + 1 ? "–\(r.seq - 1)" : "") missing (deleted?)")
            }
            if r.prev != prev {
                problems.append("record \(r.seq): does not follow the record before it (a record was deleted or edited)")
            }
            if let t = tombstones[r.seq] {
                // A tombstone: what it became must still hash as the purge recorded.
                if let t, r.computed != t { problems.append("record \(r.seq): a tombstone edited after the purge that made it") }
            } else if r.computed != r.hash {
                problems.append("record \(r.seq): contents do not match its hash (edited)")
            }
            if let key {
                if r.seal.isEmpty {
                    problems.append("record \(r.seq): not sealed with the store's key (written or rewritten outside sna)")
                } else if Store.seal(r.hash, key) != r.seal {
                    problems.append("record \(r.seq): its seal does not match the store's key (written or rewritten outside sna)")
                }
            }
            prev = r.hash
            expected = r.seq + 1
        }
        return problems
    }
}
