import ArgumentParser
import Foundation
import Network
import Store

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "The store's audit trail: who did what, when and why (hash-chained).",
        subcommands: [Verify.self, Head.self, Anchor.self, Show.self, Sample.self, Finding.self, Samples.self]
    )

    struct Sample: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Draw a random sample of log entries for peer review (a quality audit) and record it.",
            discussion: """
            The entries on the log on --as-of (default today) are drawn uniformly at random with the seed: the same log and seed draw the same sample. The sample is recorded (the analyst role); each entry's review is recorded with `sna audit finding` (confirmed, corrected, removed; the decider role). `sna log evaluation` counts the audits per year against audits_per_year (policy, default 3: CalGang's rule).

            CSV header: sample,rank,person_id,category

            Examples:
              sna audit sample --n 10 --seed 2016 --as-of 2015-12-31
              sna audit finding 1 P0012 confirmed --reason "two cases with core members in 2015"
              sna audit samples
            """)
        @Option(name: .long, help: "How many entries to draw.") var n: Int
        @Option(name: .long, help: "The random seed (note it in the minutes: it reproduces the draw).") var seed: UInt64
        @Option(name: .customLong("as-of"), help: ArgumentHelp("The day of the log to sample (default today).", valueName: "date")) var asOf: String?
        @Option(name: .long, help: "Output format: table, csv or json.") var format: ClusterFormat = .table
        @OptionGroup var store: StoreOptions
        @OptionGroup var actor: ActorOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            if n < 1 || n > 10_000 { throw ValidationError("--n must be from 1 to 10000.") }
            if let asOf, Day(iso: asOf) == nil { throw ValidationError("--as-of '\(asOf)' is not a date; write YYYY-MM-DD.") }
        }

        func run() throws {
            try reportingErrors {
                let s = try store.open()
                let q = try s.drawQualitySample(n: n, seed: seed, asOf: asOf.flatMap(Day.init(iso:)) ?? s.today, by: actor.actor, purpose: actor.purpose)
                try output.emitRows(header: ["sample", "rank", "person_id", "category"],
                                    rows: q.entries.map { [String(q.id), String($0.rank), $0.personID, $0.category] }, format: format,
                                    title: format == .table ? "quality sample \(q.id): \(q.entries.count) log entries on \(q.asOf) (seed \(q.seed)); record each review with `sna audit finding \(q.id) ID confirmed|corrected|removed --reason …`" : nil)
            }
        }
    }

    struct Finding: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record the peer review of one sampled entry: confirmed, corrected or removed.",
            discussion: "The correction or removal itself is a decision (`sna decide … revoke`, or a proposal decided); the finding records what the review found, with the reason.")
        @Argument(help: "The sample number.") var sample: Int64
        @Argument(help: "The person id.") var person: String
        @Argument(help: "confirmed, corrected or removed.") var finding: QualityFinding
        @Option(name: .long, help: ArgumentHelp("What the review found (required).", valueName: "text")) var reason: String
        @Option(name: .long, help: ArgumentHelp("The day of the review (default today).", valueName: "date")) var day: String?
        @OptionGroup var store: StoreOptions
        @OptionGroup var actor: ActorOptions

        func validate() throws {
            if reason.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("Say what the review found with --reason \"...\".") }
            if let day, Day(iso: day) == nil { throw ValidationError("--day '\(day)' is not a date; write YYYY-MM-DD.") }
        }

        func run() throws {
            try reportingErrors {
                let s = try store.open()
                try s.recordQualityFinding(sample: sample, person: person, finding: finding, reason: reason, day: day.flatMap(Day.init(iso:)) ?? s.today,
                                           by: actor.actor, purpose: actor.purpose)
                print("sample \(sample): \(person) \(finding.rawValue)")
            }
        }
    }

    struct Samples: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The quality samples drawn and what their reviews found.",
            discussion: "CSV header: sample,as_of,seed,drawn_by,rank,person_id,category,finding,reason,reviewed_by,day")
        @Option(name: .long, help: "Output format: table, csv or json.") var format: ClusterFormat = .table
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            try reportingErrors {
                let samples = try store.open(readOnly: true).qualitySamples()
                if samples.isEmpty && format == .table { note("no quality sample is recorded (`sna audit sample --n N --seed S`)") }
                let rows = samples.flatMap { q in
                    q.entries.map { e in
                        [String(q.id), q.asOf.description, String(q.seed), q.drawnBy, String(e.rank), e.personID, e.category,
                         e.finding?.rawValue ?? "", e.reason ?? "", e.by ?? "", e.day?.description ?? ""]
                    }
                }
                try output.emitRows(header: ["sample", "as_of", "seed", "drawn_by", "rank", "person_id", "category", "finding", "reason", "reviewed_by", "day"],
                                    rows: rows, format: format, truncate: ["reason": 40])
            }
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the audit chain; exit 1 if any record was edited or deleted.",
            discussion: """
            Each record holds the SHA-256 of its fields (and a random salt) and of the record before it, and a seal: HMAC-SHA256 of that hash under the store's key, a file outside the store (`$SNA_AUDIT_KEY`, else the store's path + `.key`, mode 0600, made on the first ingest). An edited record no longer matches its hash; a deleted one breaks the chain; a chain rewritten or extended without the key breaks the seals. Without the key file the seals go unchecked, with a warning. The newest hash (the head) is printed: note it in the meeting minutes, or append it to a file others keep with `sna audit anchor --to FILE`; `--head H` and `--anchor FILE` then check that the chain still holds those records, so a truncated or rewritten tail is caught. Verify also checks the schema against this version's (a trigger or table added by hand fails), every fact table against the digests the last record bound, re-hashes stored file contents and runs SQLite's integrity check.

            Examples:
              sna audit verify --store sna.sqlite
              sna audit verify --head HASH   # the head noted in the minutes (at least 32 hex digits)
              sna audit verify --anchor /srv/minutes/anchors.txt
            """
        )
        @OptionGroup var store: StoreOptions

        @Option(name: .long, help: ArgumentHelp("A head noted earlier (from `sna audit head`): the chain must still contain it.", valueName: "hash"))
        var head: String?

        @Option(name: .long, help: ArgumentHelp("A file of heads appended by `sna audit anchor --to FILE`: the chain must hold every one.", valueName: "file"))
        var anchor: String?

        func validate() throws {
            // A short prefix can be ground: 8 hex digits matched a rewritten chain in minutes.
            if let head, head.count < 32 || !head.allSatisfy(\.isHexDigit) {
                throw ValidationError("--head needs at least 32 hex digits of the noted head (all 64 from `sna audit head` is best): a short prefix can be matched by a rewritten chain.")
            }
        }

        func run() throws {
            try reportingErrors {
                let s = try store.open(readOnly: true)
                var v = try s.verifyAudit(anchors: try anchor.map(Anchor.read) ?? [])
                if let head {
                    let h = head.lowercased()
                    let records = try s.auditRecords()
                    let matches = records.filter { $0.hash == h || (h.count >= 32 && $0.hash.hasPrefix(h)) }
                    if matches.count != 1 {
                        v.problems.append("the noted head \(head) is \(matches.isEmpty ? "no longer in the chain (its tail was truncated or rewritten)" : "ambiguous: give more of it")")
                    }
                }
                for w in v.warnings { note("warning: \(w)") }
                if v.problems.isEmpty {
                    print("ok: \(v.records) audit records, chain intact\(v.warnings.isEmpty ? ", sealed" : " (seals not checked)"); head \(v.head ?? "(none)")")
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

    struct Anchor: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Anchor the audit chain outside the store: print its head, or append it to a file others keep.",
            discussion: """
            Prints one line, `sna-anchor SEQ HASH TIME STORE`: read it into the meeting minutes, or append it with --to to a file the store's users cannot rewrite (another unit's share, a write-once medium). `sna audit verify --anchor FILE` then checks that the chain still holds every anchored record: whoever rewrites the store, key and all, cannot change what was anchored before.

            Examples:
              sna audit anchor --store sna.sqlite
              sna audit anchor --to /srv/minutes/anchors.txt
            """)
        @OptionGroup var store: StoreOptions

        @Option(name: .long, help: ArgumentHelp("Append the line to this file (made with mode 0600 if new; never truncated).", valueName: "file"))
        var to: String?

        func run() throws {
            try reportingErrors {
                let s = try store.open(readOnly: true)
                let v = try s.verifyAudit()
                guard let last = try s.auditRecords().last else { throw CLIError("\(store.path): no audit records to anchor") }
                // Only an intact chain is anchored (an anchor vouches for what it names).
                guard v.problems.isEmpty else {
                    throw CLIError("\(store.path): the audit trail is broken (`sna audit verify`): an anchor would vouch for it; nothing anchored")
                }
                let f = ISO8601DateFormatter()
                let line = "sna-anchor \(last.seq) \(last.hash) \(f.string(from: Date())) \(URL(fileURLWithPath: store.path).standardizedFileURL.path)\n"
                if let to {
                    var st = stat()
                    if lstat(to, &st) == 0 && st.st_mode & S_IFMT != S_IFREG { throw CLIError("\(to): not a regular file: anchors are appended to a regular file") }
                    let fd = open(to, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW, 0o600)
                    guard fd >= 0 else { throw CLIError("\(to): cannot append (\(String(cString: strerror(errno))))") }
                    let n = line.withCString { Foundation.write(fd, $0, strlen($0)) }
                    let synced = fsync(fd) == 0
                    close(fd)
                    guard n == line.utf8.count, synced else { throw CLIError("\(to): cannot append (\(String(cString: strerror(errno))))") }
                    note("anchored record \(last.seq) in \(to)")
                }
                print(line, terminator: "")
            }
        }

        /// The anchors in a file: lines `sna-anchor SEQ HASH …`; blank lines and `#` comments
        /// aside, anything else is an error naming the line.
        static func read(_ path: String) throws -> [(seq: Int64, hash: String)] {
            guard let data = FileManager.default.contents(atPath: path), data.count <= 64 << 20 else {
                throw CLIError("\(path): cannot read the anchors (missing, unreadable or over 64 MiB)")
            }
            var out: [(seq: Int64, hash: String)] = []
            for (i, raw) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let l = raw.trimmingCharacters(in: .whitespaces)
                if l.isEmpty || l.hasPrefix("#") { continue }
                let f = l.split(separator: " ")
                guard f.count >= 3, f[0] == "sna-anchor", let seq = Int64(f[1]), f[2].count == 64, f[2].allSatisfy(\.isHexDigit) else {
                    throw CLIError("\(path):\(i + 1): not an anchor line (sna-anchor SEQ HASH …)")
                }
                out.append((seq, f[2].lowercased()))
            }
            return out
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the audit records, oldest first, filtered by person, actor, action and date.",
            discussion: """
            CSV header: seq,at,by,action,what,purpose,hash,account (account: the operating-system account that ran the command, beside the declared actor `by`)

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
                    records = records.filter { r in
                        r.persons.split(separator: " ").contains { $0 == person }
                            || pattern.firstMatch(in: r.what, range: NSRange(r.what.startIndex..., in: r.what)) != nil
                    }
                }
                if let actor { records = records.filter { $0.by == actor } }
                if let action { records = records.filter { $0.action == action } }
                if let from { records = records.filter { String($0.at.prefix(10)) >= from } }
                if let to { records = records.filter { String($0.at.prefix(10)) <= to } }
                if let last { records = Array(records.suffix(max(0, last))) }
                if records.isEmpty && format == .table { note("no audit record matches") }
                // `account` (the OS account that ran the command) extends the contract at the end.
                let header = ["seq", "at", "by", "action", "what", "purpose", "hash", "account"]
                let rows = records.map { [String($0.seq), $0.at, $0.by, $0.action, $0.what, $0.purpose, $0.hash, $0.account] }
                try output.emitRows(header: header, rows: rows, format: format, truncate: ["what": 90, "hash": 12])
            }
        }
    }
}

extension OutputOptions {
    /// Rows as a table, CSV (in the dialect asked for), an xlsx workbook or JSON.
    func emitRows(header: [String], rows: [[String]], format: ClusterFormat, truncate: [String: Int] = [:], title: String? = nil,
                  record: Recorder? = nil) throws {
        let text = formatRows(header: header, rows: rows, format: format, truncate: truncate, title: title)
        switch format {
        case .csv, .xlsx: try emitTable(text, xlsx: format == .xlsx, record: record)
        case .json, .table: try emit(text, record: record)
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

extension QualityFinding: ExpressibleByArgument {}
