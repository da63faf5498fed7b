import Foundation
import GRDB
import Network
import Screening

/// Retention (LED 2016/680 Art. 5: time limits): persons who left the log, or never entered it,
/// longer ago than the policy's `retention_months` and with no later evidence are removed from
/// every pull and table. What remains of them is a per-person tombstone id; audit records that
/// named them keep their hash as a tombstone (listed in the purge's own record, so the chain
/// still verifies); SQLite's `secure_delete` and a VACUUM leave no copy in free pages.
public struct PurgePlan: Sendable {
    /// Person ids to purge, with the day their retention ran out from.
    public var persons: [(id: String, since: Day, why: String)]
    public var cutoff: Day

    public init(persons: [(id: String, since: Day, why: String)], cutoff: Day) { self.persons = persons; self.cutoff = cutoff }
}

extension Store {
    /// Today by the store's clock (UTC).
    public var today: Day { Day(iso: String(now().prefix(10))) ?? Day(ordinal: Int(Date().timeIntervalSince1970 / 86400)) }

    /// Columns that hold a person id, per dataset file.
    static let personColumns: [String: [String]] = [
        "persons.csv": ["id"], "case_persons.csv": ["person_id"], "affiliations.csv": ["person_id"],
        "sightings.csv": ["person_id"], "links.csv": ["source", "target"], "log.csv": ["person_id"],
    ]

    /// Who `purge` would remove on `today` under `policy`: not on the log now, off it (or never
    /// on it) since before the cutoff, and no case, sighting, affiliation or link dated after it.
    public func purgePlan(policy: Policy, today: Day) throws -> PurgePlan {
        let cutoff = today.adding(months: -policy.retentionMonths)
        let pulls = try self.pulls()
        guard let last = pulls.last else { return PurgePlan(persons: [], cutoff: cutoff) }
        let ds = try dataset(pull: last.id).1
        let state = try logState()
        var lastEvidence: [String: Day] = [:]
        func seen(_ id: String, _ d: Day?) { if let d, lastEvidence[id].map({ d > $0 }) ?? true { lastEvidence[id] = d } }
        var caseDay: [String: Day] = [:]
        for c in ds.cases { caseDay[c.id] = c.date }
        for p in ds.participations { seen(p.personID, caseDay[p.caseID]) }
        for s in ds.sightings { seen(s.personID, s.date) }
        for a in ds.affiliations { seen(a.personID, a.until ?? a.since.map { _ in today }) }
        for l in ds.links { seen(l.sourceID, l.date); seen(l.targetID, l.date) }
        var left: [String: Day] = [:]
        var everOn = Set<String>()
        let events = try read { db in
            try Row.fetchAll(db, sql: "SELECT person_id, kind, effective FROM log_event ORDER BY effective, id")
        }
        for r in events {
            let id: String = try col(r, "person_id", "log_event"), kind: LogEventKind = try col(r, "kind", "log_event")
            everOn.insert(id)
            if kind == .leave { left[id] = try col(r, "effective", "log_event") }
        }
        var out: [(String, Day, String)] = []
        for p in ds.persons where state[p.id] == nil {
            let offSince = left[p.id] ?? (everOn.contains(p.id) ? nil : lastEvidence[p.id] ?? ds.period?.first)
            guard let since = offSince, since < cutoff else { continue }
            if let e = lastEvidence[p.id], e >= cutoff { continue }
            out.append((p.id, since, left[p.id] != nil ? "left the log \(since)" : "never on the log; last evidence \(since)"))
        }
        return PurgePlan(persons: out.map { (id: $0.0, since: $0.1, why: $0.2) }, cutoff: cutoff)
    }

    /// Carries out a purge plan in one transaction, then VACUUMs. Returns the number of audit
    /// records that became tombstones.
    @discardableResult
    public func purge(_ plan: PurgePlan, by: String, purpose: String?) throws -> Int {
        guard !plan.persons.isEmpty else { return 0 }
        let ids = Set(plan.persons.map(\.id))
        var token: [String: String] = [:]
        for (i, p) in plan.persons.enumerated() { token[p.id] = "purged-\(i + 1)" }
        func scrub(_ text: String) -> String {
            var t = text
            for id in ids where t.contains(id) { t = t.replacingOccurrences(of: id, with: "[purged]") }
            return t
        }
        let tombstoned: Int = try write { db in
            try db.execute(sql: "PRAGMA secure_delete = ON")
            // 1. Pull files: rows about the persons are dropped; new contents, new keys.
            for r in try Row.fetchAll(db, sql: "SELECT f.pull_id, f.name, f.hash, b.bytes FROM pull_file f JOIN blob b ON b.hash = f.hash") {
                let name: String = try col(r, "name", "pull_file")
                guard let cols = Store.personColumns[name] else { continue }
                let data: Data = try col(r, "bytes", "blob")
                let csv = try CSVReader(data: data, file: name)
                let idx = cols.compactMap { csv.column($0) }
                var out = Store.csvLine(csv.header)
                var dropped = 0
                try csv.forEachRecord { rec in
                    if idx.contains(where: { ids.contains(rec.fields[$0]) }) { dropped += 1 } else { out += Store.csvLine(rec.fields) }
                }
                guard dropped > 0 else { continue }
                let bytes = Data(out.utf8), hash = Store.sha256(bytes)
                try db.execute(sql: "INSERT OR IGNORE INTO blob (hash, bytes) VALUES (?, ?)", arguments: [hash, bytes])
                try db.execute(sql: "UPDATE pull_file SET hash = ? WHERE pull_id = ? AND name = ?",
                               arguments: [hash, try col(r, "pull_id", "pull_file") as Int64, name])
            }
            try db.execute(sql: "DELETE FROM blob WHERE hash NOT IN (SELECT hash FROM pull_file)")
            // 2. The log, proposals, decisions, candidate lists: a tombstone id and scrubbed text.
            for (id, t) in token {
                try db.execute(sql: "UPDATE log_event SET person_id = ?, note = '[purged]' WHERE person_id = ?", arguments: [t, id])
                try db.execute(sql: "UPDATE proposal SET person_id = ?, evidence = '[purged]', rule = '[purged]', detail = '{}' WHERE person_id = ?", arguments: [t, id])
                try db.execute(sql: "UPDATE candidate SET person_id = ? WHERE person_id = ?", arguments: [t, id])
                // Follow-ups: a candidate's item names the person ("3/P0012").
                try db.execute(sql: """
                    UPDATE followup SET person_id = ?, note = '[purged]', detail = CASE WHEN status IN ('referred', 'no_contact') THEN '[purged]' ELSE detail END,
                        item = CASE WHEN track = 'candidate' THEN substr(item, 1, instr(item, '/')) || ? ELSE item END
                    WHERE person_id = ?
                    """, arguments: [t, t, id])
            }
            for (table, key, columns) in [("proposal", "id", ["evidence", "detail"]), ("decision", "id", ["reason"]),
                                          ("revocation", "id", ["reason"]), ("log_event", "id", ["note"]),
                                          ("candidate_list", "id", ["criteria"]), ("followup", "id", ["note", "detail"])] {
                for r in try Row.fetchAll(db, sql: "SELECT \(key), \(columns.joined(separator: ", ")) FROM \(table)") {
                    for c in columns {
                        let v: String = try col(r, c, table)
                        let s = scrub(v)
                        if s != v { try db.execute(sql: "UPDATE \(table) SET \(c) = ? WHERE \(key) = ?", arguments: [s, r[key] as DatabaseValue]) }
                    }
                }
            }
            // 3. Audit records that named them keep their hash as tombstones.
            var seqs: [Int64] = []
            for r in try Row.fetchAll(db, sql: "SELECT seq, what, purpose FROM audit ORDER BY seq") {
                let what: String = try col(r, "what", "audit"), purpose: String = try col(r, "purpose", "audit")
                let w = scrub(what), p = scrub(purpose)
                if w != what || p != purpose {
                    let seq: Int64 = try col(r, "seq", "audit")
                    try db.execute(sql: "UPDATE audit SET what = ?, purpose = ? WHERE seq = ?", arguments: [w, p, seq])
                    seqs.append(seq)
                }
            }
            try audit(db, by: by, action: .purge,
                      what: "purged \(plan.persons.count) persons (retention cutoff \(plan.cutoff)); tombstones: \(seqs.map(String.init).joined(separator: " "))",
                      purpose: purpose)
            return seqs.count
        }
        // No copy in free pages or the WAL.
        try db.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            try db.execute(sql: "VACUUM")
            try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        }
        return tombstoned
    }

    /// One CSV line, RFC 4180 quoting only where needed (the stored files are data, not output
    /// for a spreadsheet: no formula guard).
    static func csvLine(_ fields: [String]) -> String {
        fields.map { f in
            f.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) ? "\"" + f.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : f
        }.joined(separator: ",") + "\n"
    }
}
