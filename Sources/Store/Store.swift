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

    public init(path: String, create: Bool = false, readOnly: Bool = false) throws {
        self.path = path
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
        config.busyMode = .timeout(10)
        config.readonly = readOnly
        do {
            if readOnly {
                db = try DatabaseQueue(path: path, configuration: config)
            } else {
                db = try DatabasePool(path: path, configuration: config)
                try Schema.migrator.migrate(db)
                // The -wal and -shm files hold the same data: the same mode as the store.
                for suffix in ["-wal", "-shm"] where fm.fileExists(atPath: path + suffix) { chmod(path + suffix, 0o600) }
            }
        } catch let e as DatabaseError {
            throw StoreError.database(path: path, message: Store.message(e))
        }
        now = try Store.clock()
        self.created = created
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
        let tables: Set<String>
        do {
            let q = try DatabaseQueue(path: path, configuration: config)
            tables = Set(try q.read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") })
            try q.close()
        } catch let e as DatabaseError {
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
            return "another program is writing to the store and did not finish within 10 s; try again when it has finished"
        }
        if e.resultCode == .SQLITE_READONLY { return "the store is read-only here (\(e.message ?? "read-only"))" }
        return e.message ?? e.description
    }

    /// The user the OS reports, the default for `--by`.
    public static var osUser: String {
        ProcessInfo.processInfo.environment["USER"] ?? ProcessInfo.processInfo.environment["LOGNAME"]
            ?? String(cString: getpwuid(getuid())?.pointee.pw_name ?? strdup("unknown"))
    }

    /// Runs `body` in one write transaction, turning SQLite errors into ``StoreError``s.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try db.write(body) } catch let e as DatabaseError {
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
    /// A list goes to a meeting on or after its as-of day.
    case meetingBeforeList(meeting: Day, asOf: Day)

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
        case let .stale(id, person, then, now, o):
            return "\(at(o))proposal \(id) is stale: it was made when \(person) was \(then.map { "on the log as \($0)" } ?? "not on the log"), now \(now.map { "on the log as \($0)" } ?? "not on the log"); run `sna propose` again"
        }
    }
}

enum Schema {
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
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
        m.registerMigration("v2: revocations") { db in
            // A correction: a later event that reverses an accepted decision (the decision row
            // itself is never changed). The reversing log event carries the same decision id.
            try db.execute(sql: """
                CREATE TABLE revocation (
                    id INTEGER PRIMARY KEY, decision_id INTEGER NOT NULL UNIQUE REFERENCES decision(id),
                    revoked_by TEXT NOT NULL, reason TEXT NOT NULL, revoked_at TEXT NOT NULL, effective TEXT NOT NULL);
                """)
        }
        m.registerMigration("v3: state in the audit chain") { db in
            // Each audit record carries the digests of every fact table after its action; the
            // row hashes of the latest state let verify name the rows that changed.
            try db.execute(sql: "ALTER TABLE audit ADD COLUMN state TEXT NOT NULL DEFAULT ''")
            try db.execute(sql: "CREATE TABLE row_hash (tbl TEXT NOT NULL, key TEXT NOT NULL, hash TEXT NOT NULL, PRIMARY KEY (tbl, key))")
        }
        m.registerMigration("v4: follow-up and meetings") { db in
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
        m.registerMigration("v5: review proposals and strength") { db in
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
        return m
    }
}
