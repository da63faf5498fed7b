import Crypto
import Foundation
import GRDB
import Network

/// One ingested snapshot of the data.
public struct Pull: Sendable, FetchableRecord {
    public var id: Int64
    public var asOf: Day
    public var source: String
    public var ingestedAt: String
    public var ingestedBy: String
    public var persons: Int
    public var cases: Int
    public var logEntries: Int

    public init(id: Int64, asOf: Day, source: String, ingestedAt: String, ingestedBy: String, persons: Int, cases: Int, logEntries: Int) {
        self.id = id; self.asOf = asOf; self.source = source; self.ingestedAt = ingestedAt; self.ingestedBy = ingestedBy
        self.persons = persons; self.cases = cases; self.logEntries = logEntries
    }

    public init(row r: Row) throws {
        id = try col(r, "id", "pull"); asOf = try col(r, "as_of", "pull"); source = try col(r, "source", "pull")
        ingestedAt = try col(r, "ingested_at", "pull"); ingestedBy = try col(r, "ingested_by", "pull")
        persons = try col(r, "persons", "pull"); cases = try col(r, "cases", "pull"); logEntries = try col(r, "log_entries", "pull")
    }
}

/// What an ingest did.
public struct IngestResult: Sendable {
    public var pull: Pull
    /// Files whose content was already in the store (unchanged since an earlier pull).
    public var unchangedFiles: [String]
    /// Log entries taken from `log.csv` as the baseline (first pull only).
    public var baselineEntries: Int
    /// Baseline entries whose `since` is after the pull's as-of day (taken as entered on it).
    public var baselineAfterPull: Int
    /// Differences between a later pull's `log.csv` and the store's log: not applied (the log
    /// changes only by decisions), reported.
    public var logDifferences: [String]
}

extension Store {
    /// SHA-256 of `data`, hex.
    public static func sha256(_ data: Data) -> String {
        hex(SHA256.hash(data: data))
    }

    /// Ingests a dataset folder as a pull dated `asOf`, in one transaction: killed at any
    /// point, the store holds the previous state and nothing else. The folder is validated in
    /// full first (same checks as every command); nothing is written if it has errors.
    ///
    /// The first pull's `log.csv` becomes the log's baseline (recorded against the pull); a
    /// later pull's `log.csv` is compared with the store's log and differences are reported,
    /// not applied.
    /// The name a pull keeps its column mapping under.
    static let columnMapFile = "columns.yaml"

    /// A pull's dataset from its files, read through the column mapping kept with it.
    static func loadPull(_ files: [String: Data], location: String) throws -> Dataset {
        let columns = try files[columnMapFile].map { try ColumnMap(yaml: String(decoding: $0, as: UTF8.self), file: location + "/" + columnMapFile) } ?? .none
        return try DatasetLoader.loadDataset(files: files, location: location, columns: columns)
    }

    public func ingest(folder: String, asOf: Day, by: String, purpose: String?, force: Bool = false, columns: ColumnMap = .none) throws -> IngestResult {
        // Each file is read once: the bytes checked are the bytes stored.
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDir), isDir.boolValue else {
            throw StoreError.unreadable(path: folder, why: "not a dataset folder (a pull is a folder with persons.csv, cases.csv, …)")
        }
        var files: [(name: String, data: Data, hash: String)] = []
        for name in DatasetLoader.datasetFileNames {
            let url = URL(fileURLWithPath: folder).appendingPathComponent(name)
            guard try DatasetLoader.isPresent(url, display: url.path) else { continue }
            let data: Data
            do { data = try Data(contentsOf: url) } catch { throw StoreError.unreadable(path: url.path, why: "cannot read (\(error.localizedDescription))") }
            files.append((name, data, Store.sha256(data)))
        }
        // The unit's column mapping is kept with the pull, so the pull reads as it did.
        if !columns.entries.isEmpty {
            let data = Data(columns.yaml.utf8)
            files.append((Store.columnMapFile, data, Store.sha256(data)))
        }
        let display = folder.hasSuffix("/") && folder.count > 1 ? String(folder.dropLast()) : folder
        let ds = try Store.loadPull(Dictionary(uniqueKeysWithValues: files.map { ($0.name, $0.data) }), location: display)
        #if DEBUG
        // Test seam for the kill test (debug builds only; a release build has no such hook):
        // hold the ingest transaction open this many milliseconds before it commits.
        let pauseMs = Int(ProcessInfo.processInfo.environment["SNA_TEST_INGEST_PAUSE_MS"] ?? "") ?? 0
        #else
        let pauseMs = 0
        #endif
        return try write { db in
            try require(.analyst, "ingest", db)
            if let latest = try Row.fetchOne(db, sql: "SELECT id, as_of FROM pull ORDER BY id DESC LIMIT 1") {
                let latestDay: Day = try col(latest, "as_of", "pull")
                if asOf < latestDay {
                    throw StoreError.pullOutOfOrder(asOf: asOf, latestPull: try col(latest, "id", "pull"), latestDay: latestDay)
                }
                // The same files on the same day again: a duplicate, unless asked for.
                let latestID: Int64 = try col(latest, "id", "pull")
                if asOf == latestDay && !force {
                    let before = Set(try Row.fetchAll(db, sql: "SELECT name, hash FROM pull_file WHERE pull_id = ?", arguments: [latestID])
                        .map { "\($0["name"] as String? ?? "")=\($0["hash"] as String? ?? "")" })
                    if before == Set(files.map { "\($0.name)=\($0.hash)" }) {
                        throw StoreError.duplicatePull(asOf: asOf, pull: latestID)
                    }
                }
            }
            var unchanged: [String] = []
            for f in files {
                let known = try Bool.fetchOne(db, sql: "SELECT 1 FROM blob WHERE hash = ?", arguments: [f.hash]) ?? false
                if known { unchanged.append(f.name) } else {
                    try db.execute(sql: "INSERT INTO blob (hash, bytes) VALUES (?, ?)", arguments: [f.hash, f.data])
                }
                if pauseMs > 0 { usleep(UInt32(pauseMs) * 1000 / UInt32(max(files.count, 1))) }
            }
            let at = now()
            try db.execute(sql: """
                INSERT INTO pull (as_of, source, ingested_at, ingested_by, persons, cases, log_entries)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [asOf.description, folder, at, by, ds.persons.count, ds.cases.count, ds.log.count])
            let pullID = db.lastInsertedRowID
            for f in files {
                try db.execute(sql: "INSERT INTO pull_file (pull_id, name, hash) VALUES (?, ?, ?)", arguments: [pullID, f.name, f.hash])
            }
            var baseline = 0, laterThanPull = 0
            var differences: [String] = []
            let hasLog = try Bool.fetchOne(db, sql: "SELECT 1 FROM log_event LIMIT 1") ?? false
            if !hasLog {
                for e in ds.log {
                    try db.execute(sql: """
                        INSERT INTO log_event (person_id, kind, category, note, effective, recorded_at, pull_id)
                        VALUES (?, 'enter', ?, ?, ?, ?, ?)
                        """, arguments: [e.personID, e.category, "baseline: log.csv of pull \(pullID)",
                                         min(e.since ?? asOf, asOf).description, at, pullID])
                    baseline += 1
                    // An entry dated after the pull is on the log the file shows as of the pull
                    // (a later date would put its entry after decisions the screening takes now).
                    if let since = e.since, since > asOf { laterThanPull += 1 }
                }
            } else if !ds.log.isEmpty {
                let current = try LogBook.state(db, asOf: nil)
                let inFile = Dictionary(ds.log.map { ($0.personID, $0.category) }, uniquingKeysWith: { a, _ in a })
                for e in ds.log.sorted(by: { $0.personID < $1.personID }) {
                    if let c = current[e.personID] {
                        if c.category.rawValue != e.category { differences.append("\(e.personID): \(e.category) in log.csv, \(c.category) in the store") }
                    } else {
                        differences.append("\(e.personID): in log.csv, not on the store's log")
                    }
                }
                for id in current.keys.sorted() where inFile[id] == nil {
                    differences.append("\(id): on the store's log, not in log.csv")
                }
            }
            try audit(db, by: by, action: .ingest, what: "pull \(pullID) as of \(asOf) from \(folder): \(ds.persons.count) persons, \(ds.cases.count) cases, \(files.count) files (\(unchanged.count) unchanged)"
                      + (baseline > 0 ? ", log baseline of \(baseline) entries" : ""), purpose: purpose)
            if pauseMs > 0 { usleep(UInt32(pauseMs) * 1000) }
            let pull = Pull(id: pullID, asOf: asOf, source: folder, ingestedAt: at, ingestedBy: by,
                            persons: ds.persons.count, cases: ds.cases.count, logEntries: ds.log.count)
            return IngestResult(pull: pull, unchangedFiles: unchanged, baselineEntries: baseline, baselineAfterPull: laterThanPull,
                                logDifferences: differences)
        }
    }

    static func pull(_ r: Row) throws -> Pull { try Pull(row: r) }

    /// A digest of a pull's contents: SHA-256 over its files' names and the SHA-256 of the
    /// bytes actually stored (recomputed, so contents changed in the file change the digest).
    public func pullDigest(_ id: Int64) throws -> String {
        let lines = try read { db in
            try Row.fetchAll(db, sql: """
                SELECT f.name, b.bytes FROM pull_file f JOIN blob b ON b.hash = f.hash WHERE f.pull_id = ? ORDER BY f.name
                """, arguments: [id])
                .map { "\(try col($0, "name", "pull_file") as String) \(Store.sha256(try col($0, "bytes", "blob") as Data))" }
        }
        return Store.sha256(Data(lines.joined(separator: "\n").utf8))
    }

    /// Every pull, oldest first.
    public func pulls() throws -> [Pull] {
        try read { db in try Pull.fetchAll(db, sql: "SELECT * FROM pull ORDER BY id") }
    }

    /// The pull with this id, or the latest one when `id` is nil.
    public func pull(_ id: Int64?) throws -> Pull {
        let p = try read { db in
            try (id.map { try Row.fetchOne(db, sql: "SELECT * FROM pull WHERE id = ?", arguments: [$0]) }
                 ?? Row.fetchOne(db, sql: "SELECT * FROM pull ORDER BY id DESC LIMIT 1")).map(Store.pull)
        }
        guard let p else {
            throw StoreError.noPull(path: path, id: id)
        }
        return p
    }

    /// The latest pull dated on or before `day` (nil if none).
    func pull(onOrBefore day: Day) throws -> Pull? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM pull WHERE as_of <= ? ORDER BY as_of DESC, id DESC LIMIT 1",
                             arguments: [day.description]).map(Store.pull)
        }
    }

    /// The dataset of a pull (default the latest), rebuilt from its stored files with the same
    /// checks as a folder, and with the store's log as of the pull's date (or all decisions so
    /// far when `currentLog`) in place of the pull's `log.csv`.
    public func dataset(pull id: Int64? = nil, currentLog: Bool = true) throws -> (Pull, Dataset) {
        let p = try pull(id)
        let files: [String: Data] = try read { db in
            var out: [String: Data] = [:]
            for r in try Row.fetchAll(db, sql: """
                SELECT f.name, f.hash, b.bytes FROM pull_file f JOIN blob b ON b.hash = f.hash WHERE f.pull_id = ?
                """, arguments: [p.id]) {
                let name: String = try col(r, "name", "pull_file"), bytes: Data = try col(r, "bytes", "blob")
                // A stored file is what its key says, or nothing is built from it.
                if Store.sha256(bytes) != (try col(r, "hash", "pull_file") as String) {
                    throw StoreError.tampered(path: path, problems: ["pull \(p.id): the stored \(name) does not hash to its key (table blob edited by hand?)"])
                }
                out[name] = bytes
            }
            return out
        }
        var ds = try Store.loadPull(files, location: "\(path)#pull\(p.id)")
        let state = try logState(asOf: currentLog ? nil : p.asOf)
        ds.log = state.keys.sorted().compactMap { id in
            guard ds.personIndex[id] != nil, let s = state[id] else { return nil }
            return LogEntry(personID: id, category: s.category.rawValue, since: s.since, source: SourceRow(file: "\(path)#log", line: 0))
        }
        return (p, ds)
    }
}
