import ArgumentParser
import Foundation
import Network
import Store

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "The store's audit trail: who did what, when and why (hash-chained).",
        subcommands: [Verify.self, Head.self, Show.self]
    )

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the audit chain; exit 1 if any record was edited or deleted.",
            discussion: """
            Each record holds the SHA-256 of its fields and of the record before it. An edited record no longer matches its hash; a deleted one breaks the chain. The newest hash (the head) is printed: note it in the meeting minutes; `--head H` then checks that the chain still holds that record and extends it, so a truncated or rewritten tail is caught. Verify also checks every fact table against the digests the last record bound, re-hashes stored file contents and runs SQLite's integrity check.

            Examples:
              sna audit verify --store sna.sqlite
              sna audit verify --head HASH   # the head noted in the minutes (at least 32 hex digits)
            """
        )
        @OptionGroup var store: StoreOptions

        @Option(name: .long, help: ArgumentHelp("A head noted earlier (from `sna audit head`): the chain must still contain it.", valueName: "hash"))
        var head: String?

        func validate() throws {
            // A short prefix can be ground: 8 hex digits matched a rewritten chain in minutes.
            if let head, head.count < 32 || !head.allSatisfy(\.isHexDigit) {
                throw ValidationError("--head needs at least 32 hex digits of the noted head (all 64 from `sna audit head` is best): a short prefix can be matched by a rewritten chain.")
            }
        }

        func run() throws {
            try reportingErrors {
                let s = try store.open(readOnly: true)
                var v = try s.verifyAudit()
                if let head {
                    let h = head.lowercased()
                    let records = try s.auditRecords()
                    let matches = records.filter { $0.hash == h || (h.count >= 32 && $0.hash.hasPrefix(h)) }
                    if matches.count != 1 {
                        v.problems.append("the noted head \(head) is \(matches.isEmpty ? "no longer in the chain (its tail was truncated or rewritten)" : "ambiguous: give more of it")")
                    }
                }
                if v.problems.isEmpty {
                    print("ok: \(v.records) audit records, chain intact; head \(v.head ?? "(none)")")
                } else {
                    FileHandle.standardError.write(Data(("error: audit trail of \(store.path) is broken:\n" + v.problems.map { "  \($0)\n" }.joined()).utf8))
                    throw ExitCode(1)
                }
            }
        }
    }

    struct Head: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the newest audit record's number and hash, to note in the meeting minutes.",
            discussion: """
            Examples:
              sna audit head --store sna.sqlite
            """)
        @OptionGroup var store: StoreOptions

        func run() throws {
            try reportingErrors {
                guard let last = try store.open(readOnly: true).auditRecords().last else {
                    throw CLIError("\(store.path): no audit records")
                }
                print("\(last.seq) \(last.hash)")
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the audit records, oldest first, filtered by person, actor, action and date.",
            discussion: """
            CSV header: seq,at,by,action,what,purpose,hash

            Examples:
              sna audit show --last 20
              sna audit show --person P0012
              sna audit show --actor "TSG meeting 2016-01-12" --action decide
              sna audit show --from 2016-01-01 --to 2016-03-31 --format csv
            """)
        @OptionGroup var store: StoreOptions
        @Option(name: .long, help: "Only the last N records (after the other filters).") var last: Int?
        @Option(name: .long, help: ArgumentHelp("Only records that name this person id.", valueName: "id")) var person: String?
        @Option(name: .long, help: ArgumentHelp("Only records by this actor (as recorded with --actor).", valueName: "name")) var actor: String?
        @Option(name: .long, help: ArgumentHelp("Only this action: \(AuditAction.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "action")) var action: String?
        @Option(name: .long, help: ArgumentHelp("Only records on or after this day.", valueName: "date")) var from: String?
        @Option(name: .long, help: ArgumentHelp("Only records on or before this day.", valueName: "date")) var to: String?
        @Option(name: .long, help: "Output format: table, csv or json.") var format: ClusterFormat = .table
        @OptionGroup var output: OutputOptions

        func validate() throws {
            if let action, AuditAction(rawValue: action) == nil {
                throw ValidationError("--action '\(action)' is not an action; the actions are \(AuditAction.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            for (name, v) in [("--from", from), ("--to", to)] { if let v, Day(iso: v) == nil { throw ValidationError("\(name) '\(v)' is not a date; write YYYY-MM-DD.") } }
        }

        func run() throws {
            try reportingErrors {
                var records = try store.open(readOnly: true).auditRecords()
                if let person {
                    // A whole id, not a prefix of a longer one (P001 must not match P0012).
                    let pattern = try NSRegularExpression(pattern: "(^|[^A-Za-z0-9_-])" + NSRegularExpression.escapedPattern(for: person) + "($|[^A-Za-z0-9_-])")
                    records = records.filter { r in pattern.firstMatch(in: r.what, range: NSRange(r.what.startIndex..., in: r.what)) != nil }
                }
                if let actor { records = records.filter { $0.by == actor } }
                if let action { records = records.filter { $0.action == action } }
                if let from { records = records.filter { String($0.at.prefix(10)) >= from } }
                if let to { records = records.filter { String($0.at.prefix(10)) <= to } }
                if let last { records = Array(records.suffix(max(0, last))) }
                if records.isEmpty && format == .table { note("no audit record matches") }
                let header = ["seq", "at", "by", "action", "what", "purpose", "hash"]
                let rows = records.map { [String($0.seq), $0.at, $0.by, $0.action, $0.what, $0.purpose, $0.hash] }
                try output.emitRows(header: header, rows: rows, format: format, truncate: ["what": 90, "hash": 12])
            }
        }
    }
}

extension OutputOptions {
    /// Rows as a table, CSV (in the dialect asked for), an xlsx workbook or JSON.
    func emitRows(header: [String], rows: [[String]], format: ClusterFormat, truncate: [String: Int] = [:], title: String? = nil) throws {
        let text = formatRows(header: header, rows: rows, format: format, truncate: truncate, title: title)
        switch format {
        case .csv, .xlsx: try emitTable(text, xlsx: format == .xlsx)
        case .json, .table: try emit(text)
        }
    }
}

/// Rows as a table, CSV or JSON (an array of objects with string values).
func formatRows(header: [String], rows: [[String]], format: ClusterFormat, truncate: [String: Int] = [:], title: String? = nil) -> String {
    switch format {
    case .csv, .xlsx:
        return CSVOut.row(header) + rows.map(CSVOut.row).joined()
    case .json:
        return JSONValue.array(rows.map { r in .object(zip(header, r).map { ($0, .string($1)) }) }).serialized() + "\n"
    case .table:
        var t = TextTable(header: header)
        t.rows = rows.map { r in
            zip(header, r).map { h, v in
                guard let n = truncate[h], v.count > n else { return v }
                return String(v.prefix(n - 1)) + "…"
            }
        }
        return (title.map { $0 + "\n" } ?? "") + t.render()
    }
}
