import Crypto
import Foundation
import GRDB
import Network

/// The embedded store: one SQLite file (default `./sna.sqlite`) holding every pull of the data,
/// the log as a sequence of decided events, the proposal runs, the candidate lists and the
/// hash-chained audit trail. No server; WAL mode; the file is created with mode 0600.
///
/// Facts (pulls) and assessments (proposals) are kept apart: the log changes only through a
/// recorded decision on a proposal (or, once, the baseline `log.csv` of the first pull).
public final class Store {
    /// The path the user named.
    public let path: String
    /// Whether this instance created the file (so a failed first ingest removes only its own).
    public private(set) var created = false
    let db: any DatabaseWriter
    /// Wall clock, replaceable for reproducible tests (`SNA_NOW=2026-01-01T09:00:00Z`).
    let now: () -> String
    /// The store's key file (``keyPath(for:)``).
    public let keyPath: String
    /// The key records are sealed with (nil: read-only, or the key is missing).
    var sealKey: SymmetricKey?
    /// The fact-table rows this process changes, for the next audit record's digests.
    let tracker = ChangeTracker(tables: Set(Store.factTables).subtracting(Store.fullyHashed))
    /// Why nothing can be recorded, when the key is missing or unusable.
    var keyProblem: String?

    /// Whether this account can write the store here: the file, and its folder (SQLite makes
    /// the -wal and -shm files beside it). A file with no write bit at all (chmod a-w) is
    /// read-only for every account, root too: its owner made it so.
    public static func isWritable(_ path: String) -> Bool {
        let dir = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var st = stat()
        guard stat(path, &st) == 0, st.st_mode & 0o222 != 0 else { return false }
        return access(path, W_OK) == 0 && access(dir.isEmpty ? "." : dir, W_OK) == 0
    }

    /// How long a write waits for another program's (seconds): `$SNA_BUSY_TIMEOUT`, else 10.
    static var busyTimeout: TimeInterval {
        ProcessInfo.processInfo.environment["SNA_BUSY_TIMEOUT"].flatMap(Double.init).map { min(max($0, 0), 600) } ?? 10
    }

    /// `true` when `path` is an SQLite database file (by its 16-byte header).
    public static func isStore(_ path: String) -> Bool {
        guard let h = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? h.close() }
        let head = (try? h.read(upToCount: 16)) ?? Data()
        return head == Data("SQLite format 3\0".utf8)
    }

    /// Opens the store at `path`, creating it (mode 0600 whatever the umask, schema migrated)
    /// when `create` is set. `readOnly` opens it for reading only (a read-only file works, and
    /// nothing is written). A file that is SQLite but not an sna store is refused untouched; a
    /// 0-byte file (a first ingest killed before SQLite wrote anything) is taken as an empty
    /// store when `create` is set.
    /// Replaces the 0-byte file at `path` by a fresh one owned by this account, mode 0600
    /// (created with O_EXCL beside it, then renamed over it).
    static func replaceEmpty(_ path: String) throws {
        let tmp = path + ".new-\(getpid())"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { throw StoreError.cannotCreate(path: path, why: String(cString: strerror(errno))) }
        fchmod(fd, 0o600)
        close(fd)
        guard rename(tmp, path) == 0 else {
            let why = String(cString: strerror(errno))
            unlink(tmp)
            throw StoreError.cannotCreate(path: path, why: why)
        }
    }

    /// The operating-system account running this program (beside the declared `--actor`):
    /// kept in every audit record, checked against the policy's roles and the two-person rule.
    public internal(set) var account: String

    /// The same store opened for another account (a program acting for an authenticated user;
    /// the tests' second person). Read-only stores stay read-only.
    public func opened(as account: String) throws -> Store {
        try Store(path: path, readOnly: !Store.isWritable(path), account: account)
    }

    /// The account of this process by its real user id (never `$USER`, which anyone sets). A
    /// test build (debug) may set it with `SNA_ACCOUNT`, as it may the clock; a release build
    /// ignores that and says so.
    public static var processAccount: String {
        if let fixed = ProcessInfo.processInfo.environment["SNA_ACCOUNT"], !fixed.isEmpty {
            #if DEBUG
            return fixed
            #else
            FileHandle.standardError.write(Data("note: SNA_ACCOUNT is ignored: the account is the one running sna\n".utf8))
            #endif
        }
        guard let pw = getpwuid(getuid()) else { return "uid \(getuid())" }
        return String(cString: pw.pointee.pw_name)
    }

    public init(path: String, create: Bool = false, readOnly: Bool = false, account: String? = nil) throws {
        self.path = path
        self.account = account ?? Store.processAccount
        var created = false
        let fm = FileManager.default
        var fresh = false
        if !fm.fileExists(atPath: path) {
            guard create else {
                throw StoreError.noStore(path: path)
            }
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
            if fd >= 0 {
                fchmod(fd, 0o600)
                close(fd)
                fresh = true
                created = true
            } else if errno != EEXIST {
                throw StoreError.cannotCreate(path: path, why: String(cString: strerror(errno)))
            }
            // EEXIST: another run created it a moment ago; open theirs (never replace it).
        }
        if fresh {
        } else if (try? fm.attributesOfItem(atPath: path)[.size] as? Int) == 0 {
            guard create else { throw StoreError.notAStore(path: path, why: "an empty file (a first ingest that did not finish?): ingest again to start the store") }
            // A 0-byte file of another account, or with another mode, is never reused (it would
            // keep that ownership and mode): a fresh 0600 file of ours is renamed over it. One of
            // ours with mode 0600 is a racing first ingest's, or a killed one's: used as it is.
            var st = stat()
            if stat(path, &st) == 0 && (st.st_uid != getuid() || st.st_mode & 0o777 != 0o600) {
                try Store.replaceEmpty(path)
                created = true
            }
            fresh = true
        } else if !Store.isStore(path) {
            throw StoreError.notAStore(path: path, why: "not an SQLite file")
        }
        if !fresh { try Store.checkIsSnaStore(path, create: create) }
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(Store.busyTimeout)
        config.readonly = readOnly
        // GRDB begins writes IMMEDIATE: they take the write lock when they begin, so what a
        // transaction reads (the last audit record, the candidate lists within the window) is
        // still true when it commits, across programs.
        var ran: [String] = []
        do {
            if readOnly {
                db = try DatabaseQueue(path: path, configuration: config)
            } else {
                db = try DatabasePool(path: path, configuration: config)
                ran = try Schema.migrate(db)
                db.add(transactionObserver: tracker, extent: .databaseLifetime)
                // The -wal and -shm files hold the same data: the same mode as the store.
                for suffix in ["-wal", "-shm"] where fm.fileExists(atPath: path + suffix) { chmod(path + suffix, 0o600) }
            }
        } catch let e as DatabaseError {
            throw StoreError.database(path: path, message: Store.message(e))
        } catch let e as SchemaError {
            throw StoreError.tampered(path: path, problems: [e.message])
        }
        now = try Store.clock()
        keyPath = Store.keyPath(for: path)
        self.created = created
        if !readOnly {
            try prepareKey()
            // An upgrade of a store in use is itself recorded (its schema is bound from here on).
            if !ran.isEmpty, sealKey != nil, try read({ db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit") ?? 0 }) > 0 {
                try write(ignoringSchema: true) { db in
                    try audit(db, by: Store.osUser, action: .migrate, what: "schema upgraded: \(ran.joined(separator: ", "))", purpose: nil)
                }
            }
        }
    }

    /// Timestamps come from the system clock. A test build (debug) may fix the clock with
    /// `SNA_NOW` (an ISO 8601 time, else an error); a release build ignores it and says so.
    static func clock() throws -> () -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        if let fixed = ProcessInfo.processInfo.environment["SNA_NOW"], !fixed.isEmpty {
            #if DEBUG
            guard f.date(from: fixed) != nil else {
                throw StoreError.database(path: "SNA_NOW", message: "'\(fixed)' is not an ISO 8601 time such as 2026-01-01T09:00:00Z")
            }
            return { fixed }
            #else
            FileHandle.standardError.write(Data("note: SNA_NOW is ignored: timestamps come from the system clock\n".utf8))
            #endif
        }
        return { f.string(from: Date()) }
    }

    /// Parses a stored timestamp (nil when malformed).
    static func parseTime(_ s: String) -> Date? {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.date(from: s)
    }

    /// Refuses, without changing it, an SQLite file whose tables are not an sna store's.
    static func checkIsSnaStore(_ path: String, create: Bool) throws {
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(Store.busyTimeout)
        let tables: Set<String>
        do {
            let q = try DatabaseQueue(path: path, configuration: config)
            tables = Set(try q.read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") })
            try q.close()
        } catch let e as DatabaseError {
            // Busy is busy: another program is writing (a first ingest making the tables).
            if e.resultCode == .SQLITE_BUSY || e.resultCode == .SQLITE_LOCKED {
                throw StoreError.database(path: path, message: "busy: " + Store.message(e))
            }
            throw StoreError.notAStore(path: path, why: "cannot be read as SQLite (\(Store.message(e)))")
        }
        let ours: Set<String> = ["grdb_migrations", "pull", "blob", "pull_file", "proposal_run", "proposal", "decision", "log_event", "audit"]
        if tables.isEmpty && !create {
            throw StoreError.notAStore(path: path, why: "an SQLite file without tables; nothing was changed")
        }
        guard tables.isEmpty || ours.isSubset(of: tables) else {
            throw StoreError.notAStore(path: path, why: "an SQLite file of another program (tables: \(tables.sorted().prefix(6).joined(separator: ", "))); nothing was changed")
        }
    }

    /// SQLite's message, with "database is locked" said plainly.
    static func message(_ e: DatabaseError) -> String {
        if e.resultCode == .SQLITE_BUSY || e.resultCode == .SQLITE_LOCKED {
            return "busy: another program is writing to the store and did not finish within \(Int(busyTimeout)) s; try again when it has finished"
        }
        if e.resultCode == .SQLITE_READONLY { return "the store is read-only here (\(e.message ?? "read-only"))" }
        return e.message ?? e.description
    }

    /// The user the OS reports, the default for `--by`.
    public static var osUser: String {
        ProcessInfo.processInfo.environment["USER"] ?? ProcessInfo.processInfo.environment["LOGNAME"]
            ?? String(cString: getpwuid(getuid())?.pointee.pw_name ?? strdup("unknown"))
    }

    /// Runs `body` in one write transaction, turning SQLite errors into ``StoreError``s. The
    /// transaction first checks that the store is as the last audit record left it
    /// (``checkUnchanged(_:)``) unless `checked` is false (sealing, which changes no fact);
    /// `ignoringSchema`: the schema entries may differ (an upgrade just ran).
    func write<T>(checked: Bool = true, ignoringSchema: Bool = false, _ body: (Database) throws -> T) throws -> T {
        do {
            return try db.write { db in
                if checked { try checkUnchanged(db, ignoringSchema: ignoringSchema) }
                return try body(db)
            }
        } catch let e as DatabaseError {
            throw StoreError.database(path: path, message: Store.message(e))
        } catch let e as BadValue {
            throw StoreError.database(path: path, message: "\(e.table).\(e.column) holds '\(e.value)', which is not a valid value (damaged or edited by hand?)")
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try db.read(body) } catch let e as DatabaseError {
            throw StoreError.database(path: path, message: Store.message(e))
        } catch let e as BadValue {
            throw StoreError.database(path: path, message: "\(e.table).\(e.column) holds '\(e.value)', which is not a valid value (damaged or edited by hand?)")
        }
    }

    /// `PRAGMA integrity_check` and `foreign_key_check`: an empty list when the file is sound.
    public func integrityProblems() throws -> [String] {
        try read { db in
            var out = try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }
            for row in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check") {
                out.append("foreign key broken in \(row[0] as String? ?? "?") row \(row[1] as Int64? ?? -1)")
            }
            return out
        }
    }
}

/// An error about the store or a request to it. Each case says what went wrong so that
/// callers (and tests) can tell "already decided" from "superseded" or "stale"; `origin` is the
/// `file:line` of a batch row, when the request came from one.
public enum StoreError: Error, CustomStringConvertible, Equatable {
    /// No store file at the path.
    case noStore(path: String)
    /// The file exists but is not an sna store.
    case notAStore(path: String, why: String)
    /// The file cannot be created.
    case cannotCreate(path: String, why: String)
    /// SQLite reported an error.
    case database(path: String, message: String)
    /// A pull folder or file cannot be read.
    case unreadable(path: String, why: String)
    /// Pulls are kept in date order.
    case pullOutOfOrder(asOf: Day, latestPull: Int64, latestDay: Day)
    /// The same files as of the same day as the latest pull.
    case duplicatePull(asOf: Day, pull: Int64)
    /// No such pull (nil: no pull at all).
    case noPull(path: String, id: Int64?)
    case unknownProposal(id: String, path: String, origin: String?)
    case decidedTwiceInBatch(id: String, origin: String?)
    case alreadyDecided(id: String, verdict: String, by: String, at: String, origin: String?)
    case superseded(id: String, run: Int64, latestRun: Int64, origin: String?)
    case stale(id: String, person: String, then: String?, now: String?, origin: String?)
    /// Only a decided proposal can be revoked, once, and a route only while nothing followed.
    case notRevocable(id: String, why: String)
    /// A route already decided for the person (routes are decided once).
    case alreadyRouted(id: String, person: String, route: String, origin: String?)
    /// Not something that can be followed up (an unknown list, an undecided route, …).
    case noFollowUpItem(item: String, why: String, origin: String?)
    /// A follow-up that cannot be recorded: another track's status, an order the statuses
    /// cannot take, a day out of range.
    case followUpRefused(item: String, status: String, why: String, origin: String?)
    /// A meeting on that day is recorded already.
    case meetingExists(day: Day)
    /// The store was changed outside sna since the last audit record (or its schema is not
    /// this version's): nothing is recorded until that is looked into.
    case tampered(path: String, problems: [String])
    /// Persons on the candidate list are on another list saved within the window meanwhile.
    case candidatesTaken(persons: [String])
    /// A list goes to a meeting on or after its as-of day.
    case meetingBeforeList(meeting: Day, asOf: Day)
    /// Refused under the policy or the person's rights (a role, the two-person rule, a request).
    case refused(message: String)

    public var description: String {
        func at(_ o: String?) -> String { o.map { "\($0): " } ?? "" }
        switch self {
        case let .noStore(path): return "\(path): no store here (create one with `sna ingest DIR --as-of DATE --store \(path)`)"
        case let .notAStore(path, why): return "\(path): not an sna store (\(why))"
        case let .cannotCreate(path, why): return "\(path): cannot create (\(why))"
        case let .database(path, message): return "\(path): \(message)"
        case let .unreadable(path, why): return "\(path): \(why)"
        case let .pullOutOfOrder(asOf, id, day): return "--as-of \(asOf) is before pull \(id)'s \(day): pulls are kept in date order"
        case let .duplicatePull(asOf, pull): return "pull \(pull) holds these same files as of \(asOf) already: nothing ingested (--force makes a second pull of them)"
        case let .noPull(path, id): return id.map { "\(path): no pull \($0) (`sna log pulls` lists them)" } ?? "\(path): no pulls yet (`sna ingest DIR --as-of DATE`)"
        case let .unknownProposal(id, path, o): return "\(at(o))no proposal \(id) (`sna propose \(path)` makes proposals; ids look like R1-001)"
        case let .decidedTwiceInBatch(id, o): return "\(at(o))proposal \(id) is decided twice in this batch"
        case let .alreadyDecided(id, verdict, by, when, o): return "\(at(o))proposal \(id) was already decided: \(verdict) by \(by) at \(when)"
        case let .superseded(id, run, latest, o): return "\(at(o))proposal \(id) is from run \(run), superseded by run \(latest): decide on the newer proposals"
        case let .notRevocable(id, why): return "proposal \(id) cannot be revoked: \(why)"
        case let .alreadyRouted(id, person, route, o): return "\(at(o))proposal \(id): \(person) was already routed to \(route); a route is decided once"
        case let .noFollowUpItem(item, why, o): return "\(at(o))\(item): nothing to follow up: \(why)"
        case let .followUpRefused(item, status, why, o): return "\(at(o))\(item): \(status) refused: \(why)"
        case let .meetingBeforeList(m, a): return "the meeting on \(m) is before the list's as-of day \(a): a list is put to a meeting on or after the day it is drawn"
        case let .meetingExists(day): return "a meeting on \(day) is recorded already (`sna meeting list`)"
        case let .tampered(path, problems):
            return "\(path): the store was changed outside sna, so nothing was done (`sna audit verify` lists it): " + problems.prefix(5).joined(separator: "; ")
                + (problems.count > 5 ? "; … (\(problems.count - 5) more)" : "")
        case let .refused(message): return message
        case let .candidatesTaken(persons):
            return "\(persons.prefix(5).joined(separator: ", "))\(persons.count > 5 ? ", …" : "") went onto another list within the window meanwhile"
        case let .stale(id, person, then, now, o):
            return "\(at(o))proposal \(id) is stale: it was made when \(person) was \(then.map { "on the log as \($0)" } ?? "not on the log"), now \(now.map { "on the log as \($0)" } ?? "not on the log"); run `sna propose` again"
        }
    }
}

enum Schema {
    /// The store's migrations, oldest first: identifier and body. Run by ``migrate(_:)`` (all
    /// pending ones in one exclusive transaction); ``migrator`` offers the same list to GRDB
    /// (tests build older schemas with it).
    static let migrations: [(id: String, body: @Sendable (Database) throws -> Void)] = {
        var m: [(id: String, body: @Sendable (Database) throws -> Void)] = []
        func registerMigration(_ id: String, _ body: @escaping @Sendable (Database) throws -> Void) { m.append((id, body)) }
        registerMigration("v1") { db in
            // Pulls: snapshots of a dataset folder. File contents are stored once per distinct
            // content (`blob`, keyed by SHA-256), so an unchanged file costs nothing per pull.
            try db.execute(sql: """
                CREATE TABLE blob (hash TEXT PRIMARY KEY, bytes BLOB NOT NULL);
                CREATE TABLE pull (
                    id INTEGER PRIMARY KEY, as_of TEXT NOT NULL, source TEXT NOT NULL,
                    ingested_at TEXT NOT NULL, ingested_by TEXT NOT NULL,
                    persons INTEGER NOT NULL, cases INTEGER NOT NULL, log_entries INTEGER NOT NULL);
                CREATE TABLE pull_file (
                    pull_id INTEGER NOT NULL REFERENCES pull(id), name TEXT NOT NULL,
                    hash TEXT NOT NULL REFERENCES blob(hash), PRIMARY KEY (pull_id, name));
                CREATE TABLE proposal_run (
                    id INTEGER PRIMARY KEY, pull_id INTEGER NOT NULL REFERENCES pull(id), as_of TEXT NOT NULL,
                    policy TEXT NOT NULL, created_at TEXT NOT NULL, created_by TEXT NOT NULL);
                CREATE TABLE proposal (
                    id TEXT PRIMARY KEY, run_id INTEGER NOT NULL REFERENCES proposal_run(id),
                    person_id TEXT NOT NULL, action TEXT NOT NULL
                        CHECK (action IN ('add','remove','recategorize','route','keep')),
                    category TEXT, reason TEXT NOT NULL, evidence TEXT NOT NULL, rule TEXT NOT NULL,
                    current_category TEXT, detail TEXT NOT NULL);
                CREATE INDEX proposal_person ON proposal(person_id);
                CREATE TABLE decision (
                    id INTEGER PRIMARY KEY, proposal_id TEXT NOT NULL UNIQUE REFERENCES proposal(id),
                    verdict TEXT NOT NULL CHECK (verdict IN ('accept','reject')),
                    decided_by TEXT NOT NULL, reason TEXT NOT NULL, decided_at TEXT NOT NULL, effective TEXT NOT NULL);
                CREATE TABLE log_event (
                    id INTEGER PRIMARY KEY, person_id TEXT NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('enter','leave','category','route')),
                    category TEXT, note TEXT NOT NULL, effective TEXT NOT NULL, recorded_at TEXT NOT NULL,
                    decision_id INTEGER REFERENCES decision(id), pull_id INTEGER REFERENCES pull(id),
                    CHECK (decision_id IS NOT NULL OR pull_id IS NOT NULL));
                CREATE INDEX log_event_person ON log_event(person_id);
                CREATE TABLE candidate_list (
                    id INTEGER PRIMARY KEY, as_of TEXT NOT NULL, created_at TEXT NOT NULL, created_by TEXT NOT NULL,
                    criteria TEXT NOT NULL);
                CREATE TABLE candidate (
                    list_id INTEGER NOT NULL REFERENCES candidate_list(id), rank INTEGER NOT NULL,
                    person_id TEXT NOT NULL, PRIMARY KEY (list_id, rank));
                CREATE TABLE audit (
                    seq INTEGER PRIMARY KEY, at TEXT NOT NULL, by TEXT NOT NULL, action TEXT NOT NULL,
                    what TEXT NOT NULL, purpose TEXT NOT NULL, prev TEXT NOT NULL, hash TEXT NOT NULL);
                """)
        }
        registerMigration("v2: revocations") { db in
            // A correction: a later event that reverses an accepted decision (the decision row
            // itself is never changed). The reversing log event carries the same decision id.
            try db.execute(sql: """
                CREATE TABLE revocation (
                    id INTEGER PRIMARY KEY, decision_id INTEGER NOT NULL UNIQUE REFERENCES decision(id),
                    revoked_by TEXT NOT NULL, reason TEXT NOT NULL, revoked_at TEXT NOT NULL, effective TEXT NOT NULL);
                """)
        }
        registerMigration("v3: state in the audit chain") { db in
            // Each audit record carries the digests of every fact table after its action; the
            // row hashes of the latest state let verify name the rows that changed.
            try db.execute(sql: "ALTER TABLE audit ADD COLUMN state TEXT NOT NULL DEFAULT ''")
            try db.execute(sql: "CREATE TABLE row_hash (tbl TEXT NOT NULL, key TEXT NOT NULL, hash TEXT NOT NULL, PRIMARY KEY (tbl, key))")
        }
        registerMigration("v4: follow-up and meetings") { db in
            // What followed a decided route or a candidate list; the coordination meetings; the
            // gang case a youth screening's decision is due after. New tables only: the rows of
            // the earlier tables (and their hashes in the audit chain) stay as they were.
            try db.execute(sql: """
                CREATE TABLE route_trigger (
                    proposal_id TEXT PRIMARY KEY REFERENCES proposal(id), case_id TEXT NOT NULL, day TEXT NOT NULL);
                CREATE TABLE meeting (
                    id INTEGER PRIMARY KEY, day TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL, created_by TEXT NOT NULL);
                CREATE TABLE meeting_list (
                    list_id INTEGER PRIMARY KEY REFERENCES candidate_list(id), meeting_id INTEGER NOT NULL REFERENCES meeting(id));
                CREATE TABLE followup (
                    id INTEGER PRIMARY KEY, item TEXT NOT NULL, person_id TEXT NOT NULL,
                    track TEXT NOT NULL CHECK (track IN ('youth','ssp','candidate')),
                    status TEXT NOT NULL, detail TEXT NOT NULL, note TEXT NOT NULL, day TEXT NOT NULL,
                    recorded_at TEXT NOT NULL, recorded_by TEXT NOT NULL);
                CREATE INDEX followup_item ON followup(item);
                CREATE INDEX followup_person ON followup(person_id);
                """)
        }
        registerMigration("v5: review proposals and strength") { db in
            // `review` joins the actions: SQLite cannot change a CHECK, so the proposal table is
            // rebuilt with the same columns and rowids (its rows, and so their hashes in the
            // audit chain, stay as they were). Each proposal's strength is a new table.
            try db.execute(sql: """
                CREATE TABLE proposal_v5 (
                    id TEXT PRIMARY KEY, run_id INTEGER NOT NULL REFERENCES proposal_run(id),
                    person_id TEXT NOT NULL, action TEXT NOT NULL
                        CHECK (action IN ('add','remove','recategorize','route','keep','review')),
                    category TEXT, reason TEXT NOT NULL, evidence TEXT NOT NULL, rule TEXT NOT NULL,
                    current_category TEXT, detail TEXT NOT NULL);
                INSERT INTO proposal_v5 (rowid, id, run_id, person_id, action, category, reason, evidence, rule, current_category, detail)
                    SELECT rowid, id, run_id, person_id, action, category, reason, evidence, rule, current_category, detail FROM proposal;
                DROP TABLE proposal;
                ALTER TABLE proposal_v5 RENAME TO proposal;
                CREATE INDEX proposal_person ON proposal(person_id);
                CREATE TABLE proposal_strength (
                    proposal_id TEXT PRIMARY KEY REFERENCES proposal(id),
                    strength TEXT NOT NULL CHECK (strength IN ('strong','moderate','weak')));
                """)
        }
        registerMigration("v6: sealed audit records") { db in
            // Each record gets a random salt (bound into its hash, erased when a purge makes it
            // a tombstone, so the tombstone's hash cannot be inverted by trying ids), the
            // persons it names (so a purge tombstones exactly those), and a seal: HMAC-SHA256
            // of its hash under the store's key, kept outside the store. `audit_key` names the
            // key the records are sealed with. `proposal_mention`: the other persons a
            // proposal's evidence names, so a purge scrubs exactly those proposals.
            try db.execute(sql: """
                ALTER TABLE audit ADD COLUMN salt TEXT NOT NULL DEFAULT '';
                ALTER TABLE audit ADD COLUMN persons TEXT NOT NULL DEFAULT '';
                ALTER TABLE audit ADD COLUMN seal TEXT NOT NULL DEFAULT '';
                CREATE TABLE audit_key (id TEXT PRIMARY KEY, created_at TEXT NOT NULL);
                CREATE TABLE proposal_mention (
                    proposal_id TEXT NOT NULL REFERENCES proposal(id), person_id TEXT NOT NULL,
                    PRIMARY KEY (proposal_id, person_id));
                CREATE INDEX proposal_mention_person ON proposal_mention(person_id);
                """)
        }
        registerMigration("v7: accounts, rights, quality audits") { db in
            // Who acts: the operating-system account beside the declared actor, in every audit
            // record and beside every proposal run, decision and revocation (new tables: the
            // rows of the earlier tables, and their hashes in the chain, stay as they were).
            // A decision's attestation. The person's requests (LED Art. 14-16) and their
            // outcomes; the quality audits' samples and findings.
            try db.execute(sql: """
                ALTER TABLE audit ADD COLUMN account TEXT NOT NULL DEFAULT '';
                CREATE TABLE run_account (run_id INTEGER PRIMARY KEY REFERENCES proposal_run(id), account TEXT NOT NULL);
                CREATE TABLE decision_attestation (
                    decision_id INTEGER PRIMARY KEY REFERENCES decision(id), account TEXT NOT NULL, attestation TEXT NOT NULL);
                CREATE TABLE revocation_account (revocation_id INTEGER PRIMARY KEY REFERENCES revocation(id), account TEXT NOT NULL);
                CREATE TABLE request (
                    id INTEGER PRIMARY KEY, person_id TEXT NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('access','contest','rectification','erasure')),
                    received TEXT NOT NULL, due TEXT NOT NULL, note TEXT NOT NULL,
                    recorded_at TEXT NOT NULL, recorded_by TEXT NOT NULL, account TEXT NOT NULL);
                CREATE INDEX request_person ON request(person_id);
                CREATE TABLE request_outcome (
                    request_id INTEGER PRIMARY KEY REFERENCES request(id),
                    outcome TEXT NOT NULL CHECK (outcome IN ('answered','granted','refused','corrected','erased')),
                    reason TEXT NOT NULL, day TEXT NOT NULL, recorded_at TEXT NOT NULL, recorded_by TEXT NOT NULL, account TEXT NOT NULL);
                CREATE TABLE quality_sample (
                    id INTEGER PRIMARY KEY, as_of TEXT NOT NULL, seed INTEGER NOT NULL, n INTEGER NOT NULL,
                    drawn_at TEXT NOT NULL, drawn_by TEXT NOT NULL, account TEXT NOT NULL);
                CREATE TABLE quality_entry (
                    sample_id INTEGER NOT NULL REFERENCES quality_sample(id), rank INTEGER NOT NULL,
                    person_id TEXT NOT NULL, category TEXT NOT NULL, PRIMARY KEY (sample_id, rank));
                CREATE TABLE quality_outcome (
                    id INTEGER PRIMARY KEY, sample_id INTEGER NOT NULL REFERENCES quality_sample(id), person_id TEXT NOT NULL,
                    outcome TEXT NOT NULL CHECK (outcome IN ('confirmed','corrected','removed')),
                    reason TEXT NOT NULL, day TEXT NOT NULL, recorded_at TEXT NOT NULL, recorded_by TEXT NOT NULL, account TEXT NOT NULL,
                    UNIQUE (sample_id, person_id));
                """)
        }
        registerMigration("v8: edit counts") { db in
            // Every insert, update and delete on a fact table counts, whoever makes it (sna or
            // a hand edit): a write finds an edit since the last record by these counts, at
            // no cost in re-hashing (a table a later version adds needs its triggers there).
            try db.execute(sql: "CREATE TABLE edit_count (tbl TEXT PRIMARY KEY, n INTEGER NOT NULL)")
            for t in Schema.v8FactTables {
                try db.execute(sql: "INSERT INTO edit_count (tbl, n) VALUES (?, 0)", arguments: [t])
                for (suffix, event) in [("i", "INSERT"), ("u", "UPDATE"), ("d", "DELETE")] {
                    try db.execute(sql: "CREATE TRIGGER edit_count_\(t)_\(suffix) AFTER \(event) ON \(t) BEGIN UPDATE edit_count SET n = n + 1 WHERE tbl = '\(t)'; END")
                }
            }
        }
        return m
    }()

    /// The fact tables when v8 came (fixed: the migration must make the same schema forever).
    static let v8FactTables = ["pull", "pull_file", "blob", "proposal_run", "proposal", "decision", "revocation", "log_event",
                               "candidate_list", "candidate", "route_trigger", "meeting", "meeting_list", "followup",
                               "proposal_strength", "proposal_mention", "run_account", "decision_attestation", "revocation_account",
                               "request", "request_outcome", "quality_sample", "quality_entry", "quality_outcome"]

    /// The same migrations for GRDB's migrator.
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        for (id, body) in migrations { m.registerMigration(id, migrate: body) }
        return m
    }

    /// The identifiers of every migration, in order.
    static var identifiers: [String] { migrations.map(\.id) }

    /// Brings the store's schema up to date under SQLite's exclusive write lock: the applied
    /// migrations are read and the pending ones run in one transaction, so two programs
    /// opening a new store at once never both create its tables (the second waits, up to the
    /// busy timeout, and finds them made). The applied migrations must be the first ones in
    /// order: a row deleted from or added to the migrations table by hand is an error that
    /// names it, never a raw SQLite failure. Returns the migrations it ran.
    @discardableResult
    static func migrate(_ writer: any DatabaseWriter) throws -> [String] {
        try writer.barrierWriteWithoutTransaction { db in
            // Foreign keys are checked once at the end (a rebuilt table is dropped midway).
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
            var ran: [String] = []
            try db.inTransaction(.exclusive) {
                try db.execute(sql: "CREATE TABLE IF NOT EXISTS grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
                let applied = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid")
                try checkApplied(applied)
                for (id, body) in migrations.dropFirst(applied.count) {
                    try body(db)
                    try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)", arguments: [id])
                    ran.append(id)
                }
                if !ran.isEmpty, let broken = try Row.fetchOne(db, sql: "PRAGMA foreign_key_check") {
                    throw SchemaError(message: "upgrading the schema broke a foreign key in \(broken[0] as String? ?? "?"); nothing was changed")
                }
                return .commit
            }
            return ran
        }
    }

    /// The applied migrations must be the first known ones (a set: their order in the table
    /// is not the point).
    static func checkApplied(_ applied: [String]) throws {
        let known = identifiers
        let unknown = applied.filter { !known.contains($0) }
        if !unknown.isEmpty {
            throw SchemaError(message: "the migrations table names \(unknown.map { "'\($0)'" }.joined(separator: ", ")), which this version of sna does not know (a newer sna made it, or it was edited by hand)")
        }
        let set = Set(applied)
        let prefix = known.prefix(while: { set.contains($0) })
        if prefix.count != set.count {
            let missing = known.prefix(applied.count).filter { !set.contains($0) }
            throw SchemaError(message: "the migrations table lacks \(missing.map { "'\($0)'" }.joined(separator: ", ")) while later ones are applied (a row deleted by hand?); nothing was changed")
        }
    }

    /// The objects (tables, indexes, triggers, views) a store of this version holds, as
    /// "type name on table: sql", made by running every migration on an empty database.
    static let expected: [String: String] = expected(upTo: migrations.count)

    /// The objects of a store after the first `n` migrations (a store an earlier sna made,
    /// opened read-only: it is upgraded on its next write).
    static func expected(upTo n: Int) -> [String: String] {
        guard let q = try? DatabaseQueue() else { return [:] }
        var m = DatabaseMigrator()
        for (id, body) in migrations.prefix(n) { m.registerMigration(id, migrate: body) }
        try? m.migrate(q)
        return (try? q.read { try objects($0) }) ?? [:]
    }

    /// The schema objects of `db`, keyed "type name".
    static func objects(_ db: Database) throws -> [String: String] {
        var out: [String: String] = [:]
        for r in try Row.fetchAll(db, sql: "SELECT type, name, tbl_name, sql FROM sqlite_master") {
            let type: String = r["type"] ?? "?", name: String = r["name"] ?? "?"
            out["\(type) \(name)"] = "on \(r["tbl_name"] as String? ?? "?"): \(r["sql"] as String? ?? "(automatic)")"
        }
        return out
    }

    /// What differs between the store's schema and this version's: an object added by hand
    /// (a trigger that drops audit records or rewrites decisions), one missing or changed, and
    /// the migrations table's rows.
    static func problems(_ db: Database) throws -> [String] {
        var out: [String] = []
        let have = try objects(db)
        let applied = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid")
        // An earlier version's store (read, not yet upgraded) is held to that version's schema.
        let older = applied.count < identifiers.count && Array(identifiers.prefix(applied.count)) == applied
        let expected = older ? Schema.expected(upTo: applied.count) : Schema.expected
        for k in have.keys.sorted() where expected[k] == nil {
            out.append("schema: \(k) is not part of an sna store's schema (added by hand?)")
        }
        for k in expected.keys.sorted() {
            if let h = have[k] {
                if h != expected[k] { out.append("schema: \(k) differs from an sna store's (changed by hand?)") }
            } else {
                out.append("schema: \(k) is missing (dropped by hand?)")
            }
        }
        if !older && (Set(applied) != Set(identifiers) || applied.count != identifiers.count) {
            let missing = identifiers.filter { !applied.contains($0) }, extra = applied.filter { !identifiers.contains($0) }
            out.append("schema: the migrations table \(missing.isEmpty ? "" : "lacks \(missing.joined(separator: ", "))")\(extra.isEmpty ? "" : " names \(extra.joined(separator: ", "))") (edited by hand?)")
        }
        return out
    }
}

/// The store's schema is not what this version of sna makes.
struct SchemaError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
