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
    ///
    /// Exactly the person goes: ids are matched as whole tokens (``Scrub``), never as
    /// substrings, so `P1` never touches `P12` and a numeric id never touches a count; another
    /// person's proposal changes only where its evidence names them (`proposal_mention`), an
    /// audit record only where it names them (its `persons`, or their name as typed). Their
    /// name and its parts are scrubbed from every free text (reasons, notes, purposes). A
    /// tombstoned record's salt is erased, so its kept hash cannot be inverted by trying ids,
    /// and the purge's own record lists what each tombstone became (`seq:digest`), so a later
    /// edit of a tombstone shows. Purges run one at a time (the write lock), each re-reading
    /// who is still there: a second purge of the same plan does nothing; tombstone ids
    /// (`purged-N`) continue across purges.
    @discardableResult
    public func purge(_ plan: PurgePlan, by: String, purpose: String?, policy: Policy? = nil) throws -> Int {
        guard !plan.persons.isEmpty else { return 0 }
        let tombstoned: Int? = try write { db -> Int? in
            try require(.purger, "purge", db, also: policy)
            try db.execute(sql: "PRAGMA secure_delete = ON")
            // Who is still in the store (another purge may have run since the plan was made),
            // and their names as every pull recorded them.
            let files = try Row.fetchAll(db, sql: "SELECT f.pull_id, f.name, f.hash, b.bytes FROM pull_file f JOIN blob b ON b.hash = f.hash ORDER BY f.pull_id, f.name")
            var byPull: [Int64: [String: Data]] = [:]
            for r in files { byPull[try col(r, "pull_id", "pull_file"), default: [:]][try col(r, "name", "pull_file")] = try col(r, "bytes", "blob") as Data }
            let wanted = Set(plan.persons.map(\.id))
            var present = Set<String>()
            var names: [String] = []
            for (pull, pf) in byPull.sorted(by: { $0.key < $1.key }) {
                let ds = try Store.loadPull(pf, location: "\(path)#pull\(pull)")
                for p in ds.persons where wanted.contains(p.id) {
                    present.insert(p.id)
                    if let n = p.name, !n.isEmpty { names.append(n) }
                }
            }
            let ids = wanted.intersection(present)
            guard !ids.isEmpty else { return nil }
            let scrub = Scrub(ids: ids, names: names)
            // Tombstone ids continue from the last purge's.
            var next = 1
            for t in Catalog.tables where t.role == .fact {
                for c in t.personColumns {
                    for v in try String.fetchAll(db, sql: "SELECT DISTINCT \(c) FROM \(t.name) WHERE \(c) LIKE 'purged-%'") {
                        if let n = Int(v.dropFirst("purged-".count)) { next = max(next, n + 1) }
                    }
                }
            }
            for v in try String.fetchAll(db, sql: "SELECT persons FROM audit WHERE action = 'purge'") {
                for t in v.split(separator: " ") where t.hasPrefix("purged-") { if let n = Int(t.dropFirst("purged-".count)) { next = max(next, n + 1) } }
            }
            var token: [String: String] = [:]
            for id in ids.sorted() { token[id] = "purged-\(next)"; next += 1 }
            // 1. Pull files: rows about the persons are dropped (columns found through the
            // pull's own column mapping); new contents, new keys.
            for r in files {
                let name: String = try col(r, "name", "pull_file")
                guard let cols = Store.personColumns[name] else { continue }
                let pull: Int64 = try col(r, "pull_id", "pull_file")
                let map = try byPull[pull]?[Store.columnMapFile].map { try ColumnMap(yaml: String(decoding: $0, as: UTF8.self), file: "\(path)#pull\(pull)/" + Store.columnMapFile) } ?? .none
                var csv = try CSVReader(data: try col(r, "bytes", "blob") as Data, file: name)
                let original = csv.header
                for rn in (try? map.renames(for: name, header: csv.header, file: name, line: 1)) ?? [] { csv.rename(rn.index, to: rn.ours) }
                let idx = cols.compactMap { csv.column($0) }
                var out = Store.csvLine(original)
                var dropped = 0
                try csv.forEachRecord { rec in
                    if idx.contains(where: { ids.contains(rec.fields[$0]) }) { dropped += 1 } else { out += Store.csvLine(rec.fields) }
                }
                guard dropped > 0 else { continue }
                let bytes = Data(out.utf8), hash = Store.sha256(bytes)
                try db.execute(sql: "INSERT OR IGNORE INTO blob (hash, bytes) VALUES (?, ?)", arguments: [hash, bytes])
                try db.execute(sql: "UPDATE pull_file SET hash = ? WHERE pull_id = ? AND name = ?", arguments: [hash, pull, name])
            }
            try db.execute(sql: "DELETE FROM blob WHERE hash NOT IN (SELECT hash FROM pull_file)")
            // 2. Their own rows: a tombstone id; what was written about them goes.
            for (id, t) in token.sorted(by: { $0.key < $1.key }) {
                try db.execute(sql: """
                    UPDATE decision SET reason = '[purged]' WHERE proposal_id IN (SELECT id FROM proposal WHERE person_id = ?)
                    """, arguments: [id])
                try db.execute(sql: """
                    UPDATE revocation SET reason = '[purged]' WHERE decision_id IN
                        (SELECT d.id FROM decision d JOIN proposal p ON p.id = d.proposal_id WHERE p.person_id = ?)
                    """, arguments: [id])
                try db.execute(sql: "UPDATE proposal SET person_id = ?, evidence = '[purged]', rule = '[purged]', detail = '{}' WHERE person_id = ?", arguments: [t, id])
                // Every other table the catalog says holds a person id: what was written about
                // them goes, the id becomes the tombstone id (a table added later is covered
                // by its catalog entry).
                for spec in Catalog.tables where spec.role == .fact && !["proposal", "followup", "proposal_mention"].contains(spec.name) {
                    for c in spec.personColumns {
                        let erase = spec.aboutPerson.map { "\($0) = '[purged]', " }.joined()
                        try db.execute(sql: "UPDATE \(spec.name) SET \(erase)\(c) = ? WHERE \(c) = ?", arguments: [t, id])
                    }
                }
                // Follow-ups: a candidate's item names the person ("3/P0012").
                try db.execute(sql: """
                    UPDATE followup SET person_id = ?, note = '[purged]', detail = CASE WHEN status IN ('referred', 'no_contact') THEN '[purged]' ELSE detail END,
                        item = CASE WHEN track = 'candidate' THEN substr(item, 1, instr(item, '/')) || ? ELSE item END
                    WHERE person_id = ?
                    """, arguments: [t, t, id])
            }
            // 3. Other persons' proposals whose evidence names them (as recorded since v6;
            // older proposals by an id that is not a bare number).
            for r in try Row.fetchAll(db, sql: """
                SELECT p.id, p.evidence, p.detail, EXISTS (SELECT 1 FROM proposal_mention m WHERE m.proposal_id = p.id) AS listed,
                    EXISTS (SELECT 1 FROM proposal_mention m WHERE m.proposal_id = p.id AND m.person_id IN (SELECT value FROM json_each(?))) AS names
                FROM proposal p WHERE p.person_id NOT LIKE 'purged-%' ORDER BY p.rowid
                """, arguments: [Store.jsonArray(ids.sorted())]) {
                let listed: Bool = try col(r, "listed", "proposal"), named: Bool = try col(r, "names", "proposal")
                guard named || !listed else { continue }
                let ev: String = try col(r, "evidence", "proposal"), detail: String = try col(r, "detail", "proposal")
                let e2 = scrub.ids(ev, numeric: named), d2 = scrub.ids(detail, numeric: named)
                if e2 != ev || d2 != detail {
                    try db.execute(sql: "UPDATE proposal SET evidence = ?, detail = ? WHERE id = ?", arguments: [e2, d2, r["id"] as String])
                }
            }
            for (id, t) in token {
                try db.execute(sql: "UPDATE proposal_mention SET person_id = ? WHERE person_id = ?", arguments: [t, id])
            }
            // 4. Free text people typed: their names (and ids that are not bare numbers) go.
            for spec in Catalog.tables where spec.role == .fact && !spec.freeText.isEmpty {
                let (table, columns) = (spec.name, spec.freeText)
                for r in try Row.fetchAll(db, sql: "SELECT rowid AS k, \(columns.joined(separator: ", ")) FROM \(table) ORDER BY rowid") {
                    for c in columns {
                        let v: String = try col(r, c, table)
                        let s = scrub.text(v, numeric: false)
                        if s != v { try db.execute(sql: "UPDATE \(table) SET \(c) = ? WHERE rowid = ?", arguments: [s, r["k"] as DatabaseValue]) }
                    }
                }
            }
            // 5. Audit records that name them become tombstones: salt erased, text scrubbed;
            // the purge's record lists what each became.
            var stones: [String] = []
            for rec in try AuditRecord.fetchAll(db, sql: "SELECT * FROM audit ORDER BY seq") {
                let listed = rec.persons.split(separator: " ").map(String.init)
                let names = listed.contains(where: ids.contains)
                let numeric = names
                var r = rec
                r.what = scrub.text(rec.what, numeric: numeric)
                r.purpose = scrub.text(rec.purpose, numeric: numeric)
                guard names || r.what != rec.what || r.purpose != rec.purpose else { continue }
                r.persons = listed.map { token[$0] ?? $0 }.joined(separator: " ")
                r.salt = ""
                try db.execute(sql: "UPDATE audit SET what = ?, purpose = ?, persons = ?, salt = '' WHERE seq = ?",
                               arguments: [r.what, r.purpose, r.persons, r.seq])
                stones.append("\(r.seq):\(r.computed)")
            }
            try audit(db, by: by, action: .purge,
                      what: "purged \(ids.count) persons (retention cutoff \(plan.cutoff)); tombstones: \(stones.joined(separator: " "))",
                      purpose: purpose.map { scrub.text($0, numeric: false) }, persons: token.values.sorted())
            return stones.count
        }
        guard let tombstoned else { return 0 }
        // No copy in free pages or the WAL.
        try db.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            try db.execute(sql: "VACUUM")
            try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        }
        // VACUUM may renumber the rows of tables without an integer key: the row-hash index
        // (which names changed rows) is made again; the digests do not depend on row numbers.
        try write(checked: false) { db in try Store.saveRowHashes(db) }
        return tombstoned
    }

    static func jsonArray(_ xs: [String]) -> String {
        "[" + xs.map { "\"" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }.joined(separator: ",") + "]"
    }

    /// One CSV line, RFC 4180 quoting only where needed (the stored files are data, not output
    /// for a spreadsheet: no formula guard).
    static func csvLine(_ fields: [String]) -> String {
        fields.map { f in
            f.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) ? "\"" + f.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : f
        }.joined(separator: ",") + "\n"
    }
}

/// Removes persons from text by whole tokens: a token is a run of letters, digits, `_`, `-`
/// and `.` (a trailing `.` is the sentence's); it goes when it is one of the ids, or (case
/// aside) the name or one of its parts. A bare-number id is only taken out where the caller
/// knows the text names the person (`numeric`): elsewhere "4" is a count, not person 4.
struct Scrub {
    let ids: Set<String>
    /// Lower-cased names and their parts (two letters or more).
    let words: Set<String>

    init(ids: Set<String>, names: [String]) {
        self.ids = ids
        var w = Set<String>()
        for n in names {
            let l = n.lowercased().trimmingCharacters(in: .whitespaces)
            for part in l.split(whereSeparator: { $0.isWhitespace }) where part.count >= 2 { w.insert(String(part)) }
        }
        words = w
    }

    static func isTokenChar(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" || c == "-" || c == "." }

    /// Ids (and names) out of `text`.
    func text(_ text: String, numeric: Bool) -> String { replace(text, numeric: numeric, names: true) }

    /// Ids only (generated evidence: no names in it).
    func ids(_ text: String, numeric: Bool) -> String { replace(text, numeric: numeric, names: false) }

    private func replace(_ text: String, numeric: Bool, names: Bool) -> String {
        Scrub.replacingTokens(in: text, with: "[purged]") { c in
            (ids.contains(c) && (numeric || !c.allSatisfy(\.isNumber))) || (names && words.contains(c.lowercased()))
        }
    }

    /// `text` with every whole token (a trailing `.` is the sentence's) for which `matches`
    /// holds replaced by `replacement`.
    static func replacingTokens(in text: String, with replacement: String, where matches: (String) -> Bool) -> String {
        var out = ""
        var token = ""
        func flush() {
            guard !token.isEmpty else { return }
            var core = Substring(token)
            var tail = ""
            while core.last == "." { core = core.dropLast(); tail += "." }
            out += matches(String(core)) ? replacement + tail : token
            token = ""
        }
        for ch in text {
            if isTokenChar(ch) { token.append(ch) } else { flush(); out.append(ch) }
        }
        flush()
        return out
    }
}

extension Store {
    /// `text` with every whole token that is one of `ids` (as ``Scrub`` reads tokens: letters,
    /// digits, `_`, `-`, `.`) replaced by `replacement`: other persons out of a text shown
    /// about one person, restricted persons out of others' evidence.
    public static func redact(_ text: String, ids: Set<String>, as replacement: String) -> String {
        ids.isEmpty ? text : Scrub.replacingTokens(in: text, with: replacement, where: ids.contains)
    }
}
