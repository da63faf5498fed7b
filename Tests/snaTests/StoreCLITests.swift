import Foundation
import GRDB
import Store
import Testing

/// The store through the command line: ingest, propose, decide, log, candidates, audit, and an
/// ingest killed mid-way.
@Suite("store from the command line", .serialized)
struct StoreCLITests {
    func store() throws -> (dir: URL, path: String) {
        let dir = try tempDir()
        return (dir, dir.appendingPathComponent("sna.sqlite").path)
    }

    @Test("ingest → propose → decide (single and batch) → log show/history/diff/stats → audit verify")
    func workflow() throws {
        let (dir, db) = try store()
        defer { try? FileManager.default.removeItem(at: dir) }
        var r = try sna(["ingest", "samples/noerrebro", "--as-of", "2015-12-31", "--store", db, "--by", "analyst1"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("pull 1 as of 2015-12-31: 280 persons") && r.stdout.contains("160 entries from log.csv"))
        r = try sna(["propose", db, "--format", "csv", "--by", "analyst1"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines[0] == "proposal_id,person_id,action,category,reason,evidence,strength")
        #expect(lines[1].hasPrefix("R1-001,"))
        // Pick an add and a remove from the stored run.
        r = try sna(["log", "proposals", "--store", db, "--format", "csv"])
        let rows = r.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let add = try #require(rows.first { $0[2] == "add" })
        let removes = rows.filter { $0[2] == "remove" }
        #expect(removes.count >= 3)
        r = try snaDecider(["decide", add[0], "accept", "--store", db, "--by", "TSG 2016-01-12", "--reason", "agreed"])
        #expect(r.status == 0 && r.stdout.contains("accepted"), "\(r.stderr)")
        // Batch: all or nothing. A bad verdict on line 3 leaves both rows undecided.
        let batch = dir.appendingPathComponent("decisions.csv")
        try "proposal_id,decision,reason\n\(removes[0][0]),accept,inactive per SSP\n\(removes[1][0]),maybe,x\n".write(to: batch, atomically: true, encoding: .utf8)
        r = try snaDecider(["decide", "--batch", batch.path, "--store", db])
        #expect(r.status == 1 && r.stderr.contains("decisions.csv:3: field 'decision'"), "\(r.stderr)")
        try "proposal_id,decision,reason\n\(removes[0][0]),accept,inactive per SSP\n\(removes[1][0]),reject,still active\n".write(to: batch, atomically: true, encoding: .utf8)
        r = try snaDecider(["decide", "--batch", batch.path, "--store", db, "--by", "TSG 2016-01-12"])
        #expect(r.status == 0, "\(r.stderr)")
        r = try sna(["log", "show", "--store", db, "--format", "csv"])
        let show = r.stdout.split(separator: "\n").map(String.init)
        #expect(show[0] == "person_id,category,area,since,age,minor,deprived_of_liberty,routes")
        #expect(show.count - 1 == 160 + 1 - 1)  // one added, one removed, one kept
        #expect(show.contains { $0.hasPrefix(add[1] + ",") } && !show.contains { $0.hasPrefix(removes[0][1] + ",") })
        #expect(show.contains { $0.hasPrefix(removes[1][1] + ",") })
        r = try sna(["log", "history", removes[0][1], "--store", db])
        #expect(r.stdout.contains("baseline") && r.stdout.contains("TSG 2016-01-12") && r.stdout.contains("inactive per SSP"))
        r = try sna(["log", "diff", "--from", "2015-12-30", "--store", db, "--format", "csv"])
        #expect(r.stdout.contains("\(add[1]),entered,,\(add[3])") && r.stdout.contains("\(removes[0][1]),left,"))
        r = try sna(["log", "stats", "--store", db, "--format", "csv"])
        #expect(r.stdout.hasPrefix("date,size,A1,A2,B1,B2,under_18,deprived_of_liberty,deprived_share,goal\n"))
        #expect(r.stdout.contains("2015-12-31,160,"))
        r = try sna(["audit", "verify", "--store", db])
        #expect(r.status == 0 && r.stdout.contains("ok: 5 audit records"), "\(r.stdout)\(r.stderr)")
        // Analyses read the store like a folder; exports from it are audited and names need a purpose.
        r = try sna(["export", db, "--format", "dot", "--names"])
        #expect(r.status != 0 && r.stderr.contains("--purpose"))
        r = try sna(["export", db, "--format", "json", "--names", "--purpose", "case review 2016-01", "--by", "analyst1"])
        #expect(r.status == 0, "\(r.stderr)")
        r = try sna(["audit", "show", "--store", db, "--format", "csv"])
        #expect(r.stdout.contains("analyst1,export,") && r.stdout.contains("case review 2016-01"))
        // Tampering is found.
        try DatabaseQueue(path: db).write { try $0.execute(sql: "UPDATE audit SET what = 'nothing happened' WHERE seq = 3") }
        r = try sna(["audit", "verify", "--store", db])
        #expect(r.status == 1 && r.stderr.contains("record 3"))
    }

    @Test("followup: record, refuse, due (CSV contract; minors pseudonymous unless asked); meetings; log evaluation's contract")
    func followUp() throws {
        let (dir, db) = try store()
        defer { try? FileManager.default.removeItem(at: dir) }
        var r = try sna(["ingest", "samples/noerrebro", "--as-of", "2015-06-30", "--store", db, "--by", "analyst"])
        #expect(r.status == 0, "\(r.stderr)")
        r = try sna(["propose", db, "--format", "csv", "--by", "analyst"])
        let proposals = r.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let batch = dir.appendingPathComponent("d.csv")
        try ("proposal_id,decision,reason\n" + proposals.filter { $0[2] != "keep" }.map { "\($0[0]),accept,agreed\n" }.joined())
            .write(to: batch, atomically: true, encoding: .utf8)
        r = try snaDecider(["decide", "--batch", batch.path, "--store", db, "--by", "TSG"])
        #expect(r.status == 0, "\(r.stderr)")
        r = try sna(["followup", "due", "--store", db, "--as-of", "2015-07-20", "--format", "csv"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "item,person_id,kind,due,days_overdue")
        let decision = try #require(lines.dropFirst().map { $0.split(separator: ",").map(String.init) }.first { $0[2] == "decision" })
        let minor = decision[1]
        // The minor's name stays out without --show-minors; names need a purpose.
        let persons = try String(contentsOf: repoRoot.appendingPathComponent("samples/noerrebro/persons.csv"), encoding: .utf8)
        let name = try #require(persons.split(separator: "\n").first { $0.hasPrefix(minor + ",") }?.split(separator: ",")[1]).description
        r = try sna(["followup", "due", "--store", db, "--as-of", "2015-07-20", "--names"])
        #expect(r.status != 0 && r.stderr.contains("--purpose"))
        r = try sna(["followup", "due", "--store", db, "--as-of", "2015-07-20", "--names", "--purpose", "DKS meeting", "--format", "csv"])
        #expect(r.status == 0 && r.stdout.hasPrefix("item,person_id,name,kind,due,days_overdue\n") && !r.stdout.contains(name), "\(r.stderr)")
        #expect(r.stdout.contains("\(minor),(minor),decision"))
        r = try sna(["followup", "due", "--store", db, "--as-of", "2015-07-20", "--names", "--show-minors", "--purpose", "DKS meeting", "--format", "csv"])
        #expect(r.stdout.contains(name))
        r = try sna(["audit", "show", "--store", db])
        #expect(r.stdout.contains("followup due as of 2015-07-20"))
        // Record the decision on its deadline: the item leaves the list.
        r = try sna(["followup", decision[0], "decision", "talk", "--on", decision[3], "--store", db, "--by", "DKS", "--note", "talk with parents"])
        #expect(r.status == 0 && r.stdout.contains("recorded: \(decision[0])"), "\(r.stderr)")
        r = try sna(["followup", "due", "--store", db, "--as-of", "2015-07-20", "--format", "csv"])
        #expect(!r.stdout.contains(decision[0] + ","))
        // A refused order says why and exits 1.
        let ssp = try #require(proposals.first { $0[4] == "ssp_handover" })
        r = try sna(["followup", ssp[0], "concern", "--on", "2015-07-10", "--store", db, "--by", "SSP+"])
        #expect(r.status == 1 && r.stderr.contains("record `contacted` first"), "\(r.stderr)")
        r = try sna(["followup", ssp[0], "contacted", "--on", "2015-07-10", "--store", db, "--by", "SSP+"])
        #expect(r.status == 0, "\(r.stderr)")
        // A meeting list and its outcome.
        r = try sna(["candidates", db, "--record", "--meeting", "2015-07-15", "--by", "analyst", "--format", "csv"])
        #expect(r.status == 0 && r.stderr.contains("for the meeting on 2015-07-15"), "\(r.stderr)")
        let first = try #require(r.stdout.split(separator: "\n").dropFirst().first?.split(separator: ",")[1])
        r = try sna(["followup", "1/\(first)", "letter_sent", "--on", "2015-07-15", "--store", db, "--by", "coordination group"])
        #expect(r.status == 0, "\(r.stderr)")
        r = try sna(["meeting", "list", "--store", db, "--format", "csv"])
        #expect(r.stdout == "meeting,day,lists,put_forward,outcomes,letters_sent\n1,2015-07-15,1,10,1,1\n", "\(r.stdout)")
        r = try sna(["meeting", "next", "--store", db, "--as-of", "2015-07-20"])
        #expect(r.status == 0 && r.stdout.contains("next meeting: 2015-09-09"), "\(r.stdout)\(r.stderr)")
        r = try sna(["log", "evaluation", "--store", db, "--from", "2014-01-01", "--to", "2015-07-20", "--format", "csv"])
        let rows = r.stdout.split(separator: "\n").map(String.init)
        #expect(rows.first == "indicator,value,goal,unit")
        let keys = rows.dropFirst().map { String($0.split(separator: ",").first ?? "") }
        for k in ["log_size_start", "log_size_end", "log_size_min", "log_size_max", "deprived_share", "removed_not_eligible", "removed_inactive",
                  "added", "put_forward", "screened", "letters_sent", "handed_over_ssp", "ssp_contacted", "ssp_positive", "ssp_concern",
                  "ssp_awaiting_letter", "ssp_no_contact", "youth_decisions", "youth_decisions_on_time_share", "follow_ups_on_time_share"] {
            #expect(keys.contains(k), "\(k)")
        }
        #expect(rows.contains("letters_sent,1,40,persons") && rows.contains("ssp_contacted,1,,persons") && rows.contains("youth_decisions,1,,decisions"))
        r = try sna(["audit", "verify", "--store", db])
        #expect(r.status == 0, "\(r.stdout)")
    }

    @Test("timeline --by pull and changes --since on a store of three pulls")
    func overPulls() throws {
        let (dir, db) = try store()
        defer { try? FileManager.default.removeItem(at: dir) }
        for day in ["2014-06-30", "2014-12-31", "2015-06-30"] {
            let r = try sna(["ingest", "samples/noerrebro", "--as-of", day, "--store", db, "--by", "analyst"])
            #expect(r.status == 0, "\(r.stderr)")
        }
        var r = try sna(["timeline", db, "--by", "pull", "--window", "12", "--measures", "degree", "--format", "csv"])
        #expect(r.status == 0, "\(r.stderr)")
        let periods = r.stdout.split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[1]) }
        var distinct: [String] = []
        for p in periods where distinct.last != p { distinct.append(p) }
        #expect(distinct == ["pull 1 (2014-06-30)", "pull 2 (2014-12-31)", "pull 3 (2015-06-30)"])
        r = try sna(["changes", db, "--since", "1", "--window", "12", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let j = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(j["before"] as? String == "pull 1 (12 months to 2014-06-30)" && j["after"] as? String == "pull 3 (12 months to 2015-06-30)")
        #expect(!(j["entered"] as! [String]).isEmpty && !(j["left"] as! [String]).isEmpty)
        r = try sna(["changes", db, "--since", "9"])
        #expect(r.status == 1 && r.stderr.contains("no pull 9"), "\(r.stderr)")
    }

    @Test("candidate lists from the store leave out persons put forward in the last 8 weeks")
    func candidateWindow() throws {
        let (dir, db) = try store()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try sna(["ingest", "samples/noerrebro", "--as-of", "2015-12-31", "--store", db])
        // A preview records nothing: running it twice gives the same list.
        let preview = try sna(["candidates", db, "--n", "5", "--format", "csv"])
        let previewAgain = try sna(["candidates", db, "--n", "5", "--format", "csv"])
        let first = try sna(["candidates", db, "--n", "5", "--format", "csv", "--record"])
        let second = try sna(["candidates", db, "--n", "5", "--format", "csv", "--record"])
        let third = try sna(["candidates", db, "--n", "5", "--format", "csv", "--window-weeks", "0", "--record"])
        func ids(_ r: Run) -> [String] { r.stdout.split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[1]) } }
        #expect(preview.stdout == previewAgain.stdout && ids(preview) == ids(first))
        #expect(first.status == 0 && ids(first).count == 5, "\(first.stderr)")
        #expect(Set(ids(first)).isDisjoint(with: ids(second)))
        #expect(ids(third) == ids(first))
        let audit = try sna(["audit", "show", "--store", db, "--format", "csv"])
        #expect(audit.stdout.components(separatedBy: ",candidates,").count - 1 == 3)
        // A recorded list prints again, the latest by default.
        let shown = try sna(["candidates", "show", "--store", db, "--format", "csv"])
        #expect(shown.status == 0 && ids(shown) == ids(third), "\(shown.stderr)")
        let firstShown = try sna(["candidates", "show", "1", "--store", db, "--format", "csv"])
        #expect(ids(firstShown) == ids(first))
        #expect(try sna(["candidates", "samples/noerrebro", "--record"]).status != 0, "--record needs a store")
        // Persons the screening proposes to remove are not candidates.
        let removed = try sna(["propose", "samples/noerrebro", "--format", "csv"]).stdout.split(separator: "\n")
            .filter { $0.split(separator: ",")[2] == "remove" }.map { String($0.split(separator: ",")[1]) }
        #expect(!removed.isEmpty)
        let all = try sna(["candidates", "samples/noerrebro", "--n", "500", "--format", "csv", "--include-deprived"])
        #expect(Set(ids(all)).isDisjoint(with: removed))
    }

    @Test("a rejected proposal is not made again without new evidence; log agreement counts per rule")
    func memoryAndAgreement() throws {
        let (dir, db) = try store()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try sna(["ingest", "samples/noerrebro", "--as-of", "2015-12-31", "--store", db])
        let first = try sna(["propose", db, "--format", "csv"])
        let rows = first.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let add = try #require(rows.first { $0[2] == "add" })
        let remove = try #require(rows.first { $0[2] == "remove" })
        #expect(try snaDecider(["decide", add[0], "reject", "--by", "TSG", "--reason", "not convinced", "--store", db]).status == 0)
        #expect(try snaDecider(["decide", remove[0], "accept", "--by", "TSG", "--reason", "agreed", "--store", db]).status == 0)
        let second = try sna(["propose", db])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("not proposed again: \(add[1]) add"), "\(second.stdout.prefix(2000))")
        let again = try sna(["propose", db, "--format", "csv"]).stdout
        #expect(!again.split(separator: "\n").contains { $0.split(separator: ",")[1] == add[1] && $0.split(separator: ",")[2] == "add" })
        let agreement = try sna(["log", "agreement", "--store", db, "--format", "csv"])
        #expect(agreement.stdout.hasPrefix("action,reason,proposed,accepted,rejected,undecided,accepted_share,revoked\n"))
        let addRow = agreement.stdout.split(separator: "\n").first { $0.hasPrefix("add,\(add[4]),") }
        #expect(addRow.map { $0.split(separator: ",")[4] == "1" } == true, "\(agreement.stdout)")
    }

    @Test("a read-only store can be read and verified; a foreign SQLite file is refused untouched; a 0-byte file does not block the first ingest")
    func readOnlyAndForeign() throws {
        let (dir, db) = try store()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try sna(["ingest", "samples/noerrebro", "--as-of", "2015-12-31", "--store", db]).status == 0)
        #expect(chmod(db, 0o400) == 0)
        for args in [["log", "show", "--store", db], ["audit", "verify", "--store", db], ["log", "stats", "--store", db],
                     ["centrality", db, "--top", "3"]] {
            let r = try sna(args)
            #expect(r.status == 0, "\(args): \(r.stderr)")
        }
        #expect(chmod(db, 0o600) == 0)
        // A foreign SQLite file: refused by every command, and its bytes unchanged.
        let foreign = dir.appendingPathComponent("other.sqlite").path
        let q = try DatabaseQueue(path: foreign)
        try q.write { try $0.execute(sql: "CREATE TABLE t (x); INSERT INTO t VALUES (1)") }
        try q.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: foreign))
        for args in [["log", "show", "--store", foreign], ["audit", "verify", "--store", foreign], ["centrality", foreign]] {
            let r = try sna(args)
            #expect(r.status == 1 && r.stderr.contains("not an sna store"), "\(args): \(r.stderr)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: foreign)) == before)
        // A 0-byte leftover of a killed first ingest.
        let empty = dir.appendingPathComponent("empty.sqlite").path
        FileManager.default.createFile(atPath: empty, contents: Data())
        #expect(try sna(["log", "show", "--store", empty]).status == 1)
        let i = try sna(["ingest", "samples/noerrebro", "--as-of", "2015-12-31", "--store", empty])
        #expect(i.status == 0, "\(i.stderr)")
    }

    @Test("verify re-hashes stored contents and fails on an emptied trail")
    func contentsAndEmptyTrail() throws {
        let (dir, db) = try store()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try sna(["ingest", "samples/noerrebro", "--as-of", "2015-12-31", "--store", db]).status == 0)
        let q = try DatabaseQueue(path: db)
        try q.write { try $0.execute(sql: "UPDATE blob SET bytes = CAST('id\nX\n' AS BLOB) WHERE rowid = (SELECT MIN(rowid) FROM blob)") }
        var v = try sna(["audit", "verify", "--store", db])
        #expect(v.status == 1 && v.stderr.contains("stored file contents changed"), "\(v.stderr)")
        try q.write { try $0.execute(sql: "DELETE FROM audit") }
        try q.close()
        v = try sna(["audit", "verify", "--store", db])
        #expect(v.status == 1 && v.stderr.contains("no audit records"), "\(v.stderr)")
    }

    @Test("a decision is corrected by a revocation that reverses it; history shows both; a route is decided once")
    func revokeAndRoutes() throws {
        let (dir, db) = try store()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try sna(["ingest", "samples/noerrebro", "--as-of", "2015-12-31", "--store", db])
        let rows = try sna(["propose", db, "--format", "csv"]).stdout.split(separator: "\n").dropFirst()
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let remove = try #require(rows.first { $0[2] == "remove" })
        #expect(try snaDecider(["decide", remove[0], "accept", "--by", "TSG", "--reason", "agreed", "--store", db]).status == 0)
        let before = try sna(["log", "show", "--store", db, "--format", "csv"]).stdout
        #expect(!before.contains("\n\(remove[1]),"))
        let r = try snaDecider(["decide", remove[0], "revoke", "--by", "TSG", "--reason", "entered in error", "--store", db])
        #expect(r.status == 0 && r.stdout.contains("revoked \(remove[0])"), "\(r.stderr)")
        let after = try sna(["log", "show", "--store", db, "--format", "csv"]).stdout
        #expect(after.contains("\n\(remove[1]),"), "the person is back on the log")
        let history = try sna(["log", "history", remove[1], "--store", db]).stdout
        #expect(history.contains("removed") && history.contains("revoked \(remove[0])"))
        #expect(try snaDecider(["decide", remove[0], "revoke", "--by", "TSG", "--reason", "again", "--store", db]).status == 1)
        #expect(try sna(["audit", "verify", "--store", db]).status == 0)
        // A route decided once: an add and its route accepted, then the same route again in a new run.
        if let route = rows.first(where: { $0[2] == "route" && $0[4] == "ssp_handover" }) {
            #expect(try snaDecider(["decide", route[0], "accept", "--by", "TSG", "--reason", "hand over", "--store", db]).status == 0)
            let again = try sna(["propose", db, "--format", "csv"]).stdout.split(separator: "\n")
                .first { $0.contains(",\(route[1]),route,,ssp_handover") }.map { String($0.split(separator: ",")[0]) }
            if let again {
                let twice = try snaDecider(["decide", again, "accept", "--by", "TSG", "--reason", "again", "--store", db])
                #expect(twice.status == 1 && twice.stderr.contains("already routed"), "\(twice.stderr)")
            }
        }
    }

    @Test("any single-row UPDATE, DELETE or INSERT in any table of a populated store fails verify, naming the table")
    func wholeStoreUnderTheChain() throws {
        let (dir, db) = try store()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try sna(["ingest", "samples/noerrebro", "--as-of", "2015-12-31", "--store", db])
        let rows = try sna(["propose", db, "--format", "csv"]).stdout.split(separator: "\n").dropFirst()
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let ids = rows.filter { $0[2] == "remove" }.prefix(2).map { $0[0] }
        for id in ids { #expect(try snaDecider(["decide", id, "accept", "--by", "TSG", "--reason", "ok", "--store", db]).status == 0) }
        #expect(try snaDecider(["decide", ids[0], "revoke", "--by", "TSG", "--reason", "error", "--store", db]).status == 0)
        #expect(try sna(["candidates", db, "--n", "3", "--record"]).status == 0)
        #expect(try sna(["audit", "verify", "--store", db]).status == 0)
        let mutations: [(table: String, sql: String)] = [
            ("pull", "UPDATE pull SET persons = persons + 1"),
            ("pull_file", "DELETE FROM pull_file WHERE rowid = (SELECT MAX(rowid) FROM pull_file)"),
            ("blob", "INSERT INTO blob (hash, bytes) VALUES ('0000', x'00')"),
            ("proposal_run", "UPDATE proposal_run SET created_by = 'someone'"),
            ("proposal", "UPDATE proposal SET category = 'A1' WHERE rowid = (SELECT MIN(rowid) FROM proposal)"),
            ("proposal", "DELETE FROM proposal WHERE rowid = (SELECT MAX(rowid) FROM proposal)"),
            ("decision", "UPDATE decision SET verdict = 'reject' WHERE rowid = (SELECT MAX(rowid) FROM decision)"),
            ("revocation", "DELETE FROM revocation"),
            ("log_event", "DELETE FROM log_event WHERE rowid = (SELECT MIN(rowid) FROM log_event)"),
            ("log_event", "INSERT INTO log_event (person_id, kind, category, note, effective, recorded_at, pull_id) VALUES ('P9999', 'enter', 'A1', 'x', '2015-01-01', '2026-01-01T00:00:00Z', 1)"),
            ("candidate_list", "UPDATE candidate_list SET criteria = 'n=1'"),
            ("candidate", "INSERT INTO candidate (list_id, rank, person_id) VALUES (1, 99, 'P0001')"),
        ]
        // A copy as it is verifies (so each failure below comes from its one change).
        let clean = dir.appendingPathComponent("clean.sqlite").path
        try FileManager.default.copyItem(atPath: db, toPath: clean)
        #expect(try sna(["audit", "verify", "--store", clean]).status == 0)
        for (i, m) in mutations.enumerated() {
            let copy = dir.appendingPathComponent("copy\(i).sqlite").path
            try FileManager.default.copyItem(atPath: db, toPath: copy)
            var config = Configuration()
            config.foreignKeysEnabled = false
            let q = try DatabaseQueue(path: copy, configuration: config)
            try q.write { try $0.execute(sql: m.sql) }
            try q.close()
            let v = try sna(["audit", "verify", "--store", copy])
            #expect(v.status == 1 && v.stderr.contains("table \(m.table):"), "\(m.sql): \(v.stderr)")
            // The row is named too.
            let kind = m.sql.hasPrefix("UPDATE") ? "changed row" : m.sql.hasPrefix("DELETE") ? "deleted row" : "inserted row"
            #expect(v.stderr.contains(kind), "\(m.sql): \(v.stderr)")
        }
    }

    @Test("racing first ingests never leave a store readable by others, nor delete each other's store")
    func racingIngests() throws {
        let (dir, _) = try store()
        defer { try? FileManager.default.removeItem(at: dir) }
        for trial in 0..<100 {
            let db = dir.appendingPathComponent("race\(trial).sqlite").path
            let procs = (0..<2).map { i -> Process in
                let p = Process()
                p.executableURL = snaBinary()
                p.arguments = ["ingest", "samples/noerrebro", "--as-of", "2015-12-3\(i)", "--store", db]
                p.currentDirectoryURL = repoRoot
                p.standardOutput = FileHandle.nullDevice
                p.standardError = FileHandle.nullDevice
                return p
            }
            for p in procs { try p.run() }
            for p in procs { p.waitUntilExit() }
            #expect(procs.contains { $0.terminationStatus == 0 }, "trial \(trial): neither ingest succeeded")
            let mode = try FileManager.default.attributesOfItem(atPath: db)[.posixPermissions] as! Int
            #expect(mode & 0o077 == 0, "trial \(trial): mode \(String(mode, radix: 8))")
            for suffix in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: db + suffix) {
                let m = try FileManager.default.attributesOfItem(atPath: db + suffix)[.posixPermissions] as! Int
                #expect(m & 0o077 == 0, "trial \(trial): \(suffix) mode \(String(m, radix: 8))")
            }
        }
    }

    @Test("log review lists entries no decision has confirmed for review_months; a decision takes a person off the list")
    func review() throws {
        let (dir, db) = try store()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try sna(["ingest", "samples/noerrebro", "--as-of", "2015-12-31", "--store", db])
        func due() throws -> [String] {
            let r = try sna(["log", "review", "--store", db, "--format", "csv"])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.hasPrefix("person_id,category,since,last_review,months_since_review,evidence\n"))
            return r.stdout.split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[0]) }
        }
        let before = try due()
        #expect(!before.isEmpty)
        let rows = try sna(["propose", db, "--format", "csv"]).stdout.split(separator: "\n").dropFirst()
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let reca = try #require(rows.first { $0[2] == "recategorize" && before.contains($0[1]) })
        #expect(try snaDecider(["decide", reca[0], "reject", "--by", "TSG", "--reason", "category stays", "--store", db]).status == 0)
        #expect(!(try due()).contains(reca[1]), "a decision is a review")
        let dir2 = dir.appendingPathComponent("p.yaml")
        try Data("review_months: 120\n".utf8).write(to: dir2)
        let none = try sna(["log", "review", "--store", db, "--policy", dir2.path])
        #expect(none.stdout.contains("no entry is due for review"))
    }

    @Test("audit head prints the head; verify --head catches a truncated tail")
    func head() throws {
        let (dir, db) = try store()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try sna(["ingest", "samples/noerrebro", "--as-of", "2015-12-31", "--store", db])
        _ = try sna(["propose", db, "--format", "csv"])
        let h = try sna(["audit", "head", "--store", db])
        let parts = h.stdout.split(separator: " ")
        #expect(h.status == 0 && parts.count == 2 && parts[0] == "2" && parts[1].count == 65, "\(h.stdout)")
        let noted = String(parts[1].dropLast())
        #expect(try sna(["audit", "verify", "--store", db, "--head", noted]).status == 0)
        // Drop the newest record and rebuild the state digests as a forger would: the noted head is gone.
        let q = try DatabaseQueue(path: db)
        try q.write { try $0.execute(sql: "DELETE FROM audit WHERE seq = 2") }
        try q.close()
        let v = try sna(["audit", "verify", "--store", db, "--head", noted])
        #expect(v.status == 1 && v.stderr.contains("no longer in the chain"), "\(v.stderr)")
        #expect(try sna(["audit", "verify", "--store", db, "--head", "zzzzzzzz"]).status != 0)
        // A short prefix is refused: it can be ground to match a rewritten chain.
        let short = try sna(["audit", "verify", "--store", db, "--head", String(noted.prefix(8))])
        #expect(short.status != 0 && short.stderr.contains("at least 32 hex digits"), "\(short.stderr)")
    }

    @Test("purge with retention_months 0: a removed person's id and name are nowhere in the file; verify passes; the store still works")
    func purge() throws {
        let (dir, db) = try store()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try sna(["ingest", "samples/noerrebro", "--as-of", "2015-12-31", "--store", db])
        let rows = try sna(["propose", db, "--format", "csv"]).stdout.split(separator: "\n").dropFirst()
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let remove = try #require(rows.first { $0[2] == "remove" })
        let person = remove[1]
        #expect(try snaDecider(["decide", remove[0], "accept", "--by", "TSG", "--reason", "gone (\(person))", "--store", db]).status == 0)
        let persons = try String(contentsOf: repoRoot.appendingPathComponent("samples/noerrebro/persons.csv"), encoding: .utf8)
        let name = try #require(persons.split(separator: "\n").first { $0.hasPrefix(person + ",") }).split(separator: ",")[1]
        let policy = dir.appendingPathComponent("r.yaml")
        try Data("retention_months: 0\n".utf8).write(to: policy)
        let dry = try sna(["purge", "--store", db, "--policy", policy.path, "--dry-run"])
        #expect(dry.status == 0 && dry.stdout.contains(person), "\(dry.stdout.prefix(300))")
        let p = try sna(["purge", "--store", db, "--policy", policy.path, "--by", "analyst1", "--purpose", "retention review"])
        #expect(p.status == 0, "\(p.stderr)")
        for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: db + suffix) {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: db + suffix))
            #expect(bytes.range(of: Data(person.utf8)) == nil, "\(person) still in \(suffix)")
            #expect(bytes.range(of: Data(name.utf8)) == nil, "\(name) still in \(suffix)")
        }
        let v = try sna(["audit", "verify", "--store", db])
        #expect(v.status == 0, "\(v.stderr)")
        #expect(try sna(["log", "show", "--store", db]).status == 0)
        #expect(try sna(["centrality", db, "--top", "3"]).status == 0)
    }

    @Test("verify fails on a store with a corrupt page")
    func corruptPage() throws {
        let (dir, db) = try store()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try sna(["ingest", "samples/noerrebro", "--as-of", "2015-12-31", "--store", db])
        // Fold the WAL into the file, then scribble over a page in the middle.
        let q = try DatabaseQueue(path: db)
        try q.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        try q.close()
        let h = try FileHandle(forUpdating: URL(fileURLWithPath: db))
        let size = try h.seekToEnd()
        try h.seek(toOffset: size / 2 / 4096 * 4096)
        try h.write(contentsOf: Data(repeating: 0xA5, count: 4096))
        try h.close()
        let v = try sna(["audit", "verify", "--store", db])
        #expect(v.status == 1, "\(v.stdout)\(v.stderr)")
    }

    @Test("folders a report creates are 0700 whatever the umask")
    func umask() throws {
        let (dir, _) = try store()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("pack").path
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "umask 000; exec \"$0\" report samples/noerrebro -o \"$1\" --format md --robustness-runs 1 --candidates 1", snaBinary().path, out]
        p.currentDirectoryURL = repoRoot
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        for path in [out, out + "/images"] where FileManager.default.fileExists(atPath: path) {
            let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as! Int
            #expect(mode & 0o077 == 0, "\(path): \(String(mode, radix: 8))")
        }
        for name in (try FileManager.default.contentsOfDirectory(atPath: out)) where !name.hasPrefix("images") {
            let mode = try FileManager.default.attributesOfItem(atPath: out + "/" + name)[.posixPermissions] as! Int
            #expect(mode & 0o077 == 0, "\(name): \(String(mode, radix: 8))")
        }
    }

    /// Runs sna with extra environment variables.
    func snaEnv(_ args: [String], _ extra: [String: String]) throws -> Run {
        let p = Process()
        p.executableURL = snaBinary()
        p.arguments = args
        p.currentDirectoryURL = repoRoot
        var env = ProcessInfo.processInfo.environment
        for (k, v) in extra { env[k] = v }
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Run(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    @Test("the clock: a malformed SNA_NOW is refused; a timestamp earlier than its predecessor fails verify")
    func clock() throws {
        let (dir, db) = try store()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = try snaEnv(["ingest", "samples/noerrebro", "--as-of", "2015-12-31", "--store", db], ["SNA_NOW": "not a time at all"])
        #expect(bad.status != 0 && bad.stderr.contains("not an ISO 8601 time"), "\(bad.stderr)")
        #expect(try snaEnv(["ingest", "samples/noerrebro", "--as-of", "2015-12-31", "--store", db], ["SNA_NOW": "2026-01-01T09:00:00Z"]).status == 0)
        let early = try snaEnv(["propose", db, "--format", "csv"], ["SNA_NOW": "1999-01-01T00:00:00Z"])
        #expect(early.status == 0)
        let v = try sna(["audit", "verify", "--store", db])
        #expect(v.status != 0 && v.stderr.contains("earlier than the record before it"), "\(v.stdout)\(v.stderr)")
    }

    /// Starts `sna ingest` and kills it with SIGKILL after `after` seconds.
    func killedIngest(_ db: String, asOf: String, after: Double, pauseMs: Int?) throws {
        let p = Process()
        p.executableURL = snaBinary()
        p.arguments = ["ingest", "samples/noerrebro", "--as-of", asOf, "--store", db]
        p.currentDirectoryURL = repoRoot
        var env = ProcessInfo.processInfo.environment
        if let pauseMs { env["SNA_TEST_INGEST_PAUSE_MS"] = String(pauseMs) }
        p.environment = env
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        Thread.sleep(forTimeInterval: after)
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
    }

    @Test("an ingest killed mid-way leaves the store as it was")
    func killMidIngest() throws {
        let (dir, db) = try store()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try sna(["ingest", "samples/noerrebro", "--as-of", "2015-11-30", "--store", db]).status == 0)
        func check(_ label: String) throws -> Int {
            let s = try Store(path: db)
            #expect(try s.integrityProblems().isEmpty, "\(label)")
            let pulls = try s.pulls().count
            let audit = try s.verifyAudit()
            #expect(audit.problems.isEmpty, "\(label): \(audit.problems)")
            #expect(audit.records == pulls, "\(label): every pull has its audit record and no record lacks its pull")
            #expect(try s.logState().count == 160, "\(label)")
            return pulls
        }
        // Killed inside the transaction (the test hook holds it open for 3 s): nothing lands.
        try killedIngest(db, asOf: "2015-12-31", after: 1.5, pauseMs: 3000)
        #expect(try check("killed in transaction") == 1)
        // Killed at arbitrary moments: either the whole pull landed or none of it.
        var pulls = 1
        for i in 0..<6 {
            try killedIngest(db, asOf: "2015-12-31", after: 0.05 + 0.06 * Double(i), pauseMs: nil)
            let now = try check("kill \(i)")
            #expect(now == pulls || now == pulls + 1)
            pulls = now
        }
        // The store still takes pulls afterwards.
        let r = try sna(["ingest", "samples/noerrebro", "--as-of", "2016-01-31", "--store", db])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try check("after") == pulls + 1)
    }
}
