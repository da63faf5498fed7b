import GRDB

/// What a store table is for. The audit chain binds every `fact` table; `bookkeeping` tables
/// are the chain's own (its records, the key's name); `derived` tables are rebuilt from the
/// facts; `schema` is the migrations table (bound as part of the schema).
public enum TableRole: String, Sendable, CaseIterable {
    case fact, bookkeeping, derived, schema
}

/// One table of the store, declared once: its role, the columns that hold a person id, and
/// the free-text columns that may quote a person (a reason, a note). The audit chain (which
/// tables it binds), the store check, the purge (which columns get a tombstone id, which text
/// is scrubbed) and the tamper tests all read this; a test holds it against the schema the
/// migrations make, so a table added without an entry here fails the tests.
public struct TableSpec: Sendable {
    public var name: String
    public var role: TableRole
    /// Columns holding a person id: a purge replaces the id by the person's tombstone id.
    public var personColumns: [String]
    /// Free text people typed that may name a person: a purge scrubs the person's id and name
    /// (as whole tokens) from it.
    public var freeText: [String]
    /// Free text written about the row's person (a note on a request): a purge erases it.
    public var aboutPerson: [String]
    /// Text the program generated that may quote other persons' ids (evidence): scrubbed by id.
    public var generated: [String]
    /// Columns named like free text that hold a code from a fixed vocabulary (a proposal's
    /// reason): nothing to scrub.
    public var coded: [String]

    init(_ name: String, _ role: TableRole, person: [String] = [], freeText: [String] = [], aboutPerson: [String] = [], generated: [String] = [],
         coded: [String] = []) {
        self.name = name; self.role = role; personColumns = person; self.freeText = freeText
        self.aboutPerson = aboutPerson; self.generated = generated; self.coded = coded
    }
}

public enum Catalog {
    /// Every table of a store of this version, in the order the audit chain binds them.
    public static let tables: [TableSpec] = [
        TableSpec("pull", .fact),
        TableSpec("pull_file", .fact),
        // Stored files: their persons are found through the dataset's own columns (``Store/personColumns``).
        TableSpec("blob", .fact),
        TableSpec("proposal_run", .fact),
        TableSpec("proposal", .fact, person: ["person_id"], generated: ["evidence", "detail"], coded: ["reason"]),
        TableSpec("decision", .fact, freeText: ["reason"]),
        TableSpec("revocation", .fact, freeText: ["reason"]),
        TableSpec("log_event", .fact, person: ["person_id"], freeText: ["note"], aboutPerson: ["note"]),
        TableSpec("candidate_list", .fact, freeText: ["criteria"]),
        TableSpec("candidate", .fact, person: ["person_id"]),
        TableSpec("route_trigger", .fact),
        TableSpec("meeting", .fact),
        TableSpec("meeting_list", .fact),
        TableSpec("followup", .fact, person: ["person_id"], freeText: ["note", "detail"], aboutPerson: ["note"]),
        TableSpec("proposal_strength", .fact),
        TableSpec("proposal_mention", .fact, person: ["person_id"]),
        // v7
        TableSpec("run_account", .fact),
        TableSpec("decision_attestation", .fact),
        TableSpec("revocation_account", .fact),
        TableSpec("request", .fact, person: ["person_id"], freeText: ["note"], aboutPerson: ["note"]),
        TableSpec("request_outcome", .fact, freeText: ["reason"]),
        TableSpec("quality_sample", .fact),
        TableSpec("quality_entry", .fact, person: ["person_id"]),
        TableSpec("quality_outcome", .fact, person: ["person_id"], freeText: ["reason"], aboutPerson: ["reason"]),
        // The chain itself: records name persons in `persons` (a purge makes them tombstones).
        TableSpec("audit", .bookkeeping, freeText: ["what", "purpose"]),
        TableSpec("audit_key", .bookkeeping),
        TableSpec("row_hash", .derived),
        // v8: per fact table, how many rows were ever inserted, updated or deleted (triggers):
        // a write compares them with the last record's to find a hand edit without re-hashing.
        TableSpec("edit_count", .derived),
        TableSpec("grdb_migrations", .schema),
    ]

    /// The fact tables, in chain order.
    public static let factTables: [String] = tables.filter { $0.role == .fact }.map(\.name)

    public static func spec(_ name: String) -> TableSpec? { tables.first { $0.name == name } }

    /// Column names that hold a person id wherever they occur; the catalog test requires
    /// every such column to be declared.
    public static let personColumnNames: Set<String> = ["person_id", "subject_id", "person"]
    /// Column names of typed free text; the catalog test requires each to be declared as free
    /// text (or generated text) of its table.
    public static let freeTextColumnNames: Set<String> = ["reason", "note", "detail", "criteria", "comment", "text", "purpose", "what"]

    /// What differs between the catalog and the tables of `db` (a store made by this
    /// version's migrations): tables without an entry, entries without a table, and
    /// person-id or free-text columns the entry does not declare.
    public static func problems(_ db: Database) throws -> [String] {
        var out: [String] = []
        let names = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        for n in names {
            guard let s = spec(n) else { out.append("table \(n) has no catalog entry (Sources/Store/Catalog.swift)"); continue }
            for c in try db.columns(in: n).map(\.name) {
                if personColumnNames.contains(c) && !s.personColumns.contains(c) {
                    out.append("\(n).\(c) holds a person id but the catalog does not say so")
                }
                if freeTextColumnNames.contains(c) && !(s.freeText + s.generated + s.coded).contains(c) {
                    out.append("\(n).\(c) is free text but the catalog does not say so (a purge would not scrub it)")
                }
            }
            for c in s.personColumns + s.freeText + s.generated + s.aboutPerson + s.coded where try !db.columns(in: n).map(\.name).contains(c) {
                out.append("the catalog names \(n).\(c), which the table lacks")
            }
        }
        for s in tables where !names.contains(s.name) { out.append("the catalog names table \(s.name), which the schema lacks") }
        return out
    }
}
