import Foundation
import Testing

/// Issue 28 from the command line: who acts, the person's rights, corrections, quality audits.
@Suite("rights from the command line", .serialized)
struct RightsCLITests {
    /// A store with a pull and a proposal run made by this account (the analyst's).
    func proposed() throws -> (dir: URL, db: String, rows: [[String]]) {
        let dir = try tempDir()
        let db = dir.appendingPathComponent("sna.sqlite").path
        var r = try sna(["ingest", "samples/noerrebro", "--as-of", "2015-12-31", "--store", db, "--actor", "analyst1"])
        #expect(r.status == 0, "\(r.stderr)")
        r = try sna(["propose", db, "--actor", "analyst1"])
        #expect(r.status == 0, "\(r.stderr)")
        r = try sna(["log", "proposals", "--store", db, "--format", "csv"])
        let rows = r.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        return (dir, db, rows)
    }

    func auditRows(_ db: String) throws -> [[String]] {
        let r = try sna(["audit", "show", "--store", db, "--format", "csv"])
        #expect(r.stdout.hasPrefix("seq,at,by,action,what,purpose,hash,account\n"))
        return r.stdout.split(separator: "\n").dropFirst().map { line in
            // `what` may hold commas (quoted): the account is the last field.
            [String(line.split(separator: ",").first ?? ""), String(line.split(separator: ",").last ?? "")]
        }
    }

    @Test("decide by the account that ran propose is refused (two-person rule); another account decides, and the record names it")
    func twoPersonRule() throws {
        let (dir, db, rows) = try proposed()
        defer { try? FileManager.default.removeItem(at: dir) }
        let add = try #require(rows.first { $0[2] == "add" })
        // Same account as propose (no SNA_ACCOUNT): refused, nothing recorded.
        let before = try auditRows(db).count
        var r = try sna(["decide", add[0], "accept", "--store", db, "--actor", "TSG", "--reason", "agreed", "--attest"])
        #expect(r.status == 1 && r.stderr.contains("two-person rule"), "\(r.stderr)")
        #expect(try auditRows(db).count == before)
        // Without --attest: a usage error.
        r = try sna(["decide", add[0], "accept", "--store", db, "--actor", "TSG", "--reason", "agreed"], environment: ["SNA_ACCOUNT": "carl"])
        #expect(r.status != 0 && r.stderr.contains("--attest"))
        r = try snaDecider(["decide", add[0], "accept", "--store", db, "--actor", "TSG", "--reason", "agreed"], account: "carl")
        #expect(r.status == 0, "\(r.stderr)")
        let audit = try auditRows(db)
        #expect(audit.last?[1] == "carl")
        let me = String(cString: getpwuid(getuid())!.pointee.pw_name)
        #expect(audit[1][1] == me, "the propose record names the account that ran it")
        #expect(try sna(["audit", "verify", "--store", db]).status == 0)
    }

    @Test("roles by account: a command outside its role is refused in words")
    func roles() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("sna.sqlite").path
        let policy = dir.appendingPathComponent("policy.yaml")
        try "roles: [\"analyst: anna\", \"decider: carl\", \"purger: dpo\"]\n".write(to: policy, atomically: true, encoding: .utf8)
        #expect(try sna(["ingest", "samples/noerrebro", "--as-of", "2015-12-31", "--store", db], environment: ["SNA_ACCOUNT": "anna"]).status == 0)
        var r = try sna(["propose", db, "--policy", policy.path], environment: ["SNA_ACCOUNT": "bo"])
        #expect(r.status == 1 && r.stderr.contains("account bo may not propose: role analyst"), "\(r.stderr)")
        #expect(try sna(["propose", db, "--policy", policy.path], environment: ["SNA_ACCOUNT": "anna"]).status == 0)
        r = try sna(["log", "proposals", "--store", db, "--format", "csv"])
        let id = try #require(r.stdout.split(separator: "\n").dropFirst().first?.split(separator: ",").first.map(String.init))
        r = try snaDecider(["decide", id, "accept", "--store", db, "--reason", "ok"], account: "dora")
        #expect(r.status == 1 && r.stderr.contains("account dora may not decide: role decider (held by carl"), "\(r.stderr)")
        #expect(try snaDecider(["decide", id, "accept", "--store", db, "--reason", "ok"], account: "carl").status == 0)
        // The roles in force are the store's: a policy without roles does not lift them.
        r = try sna(["ingest", "samples/noerrebro", "--as-of", "2016-01-31", "--store", db], environment: ["SNA_ACCOUNT": "carl"])
        #expect(r.status == 1 && r.stderr.contains("may not ingest: role analyst"), "\(r.stderr)")
    }

    @Test("after decide ID revoke, log history shows the revoker and the reason; person shows the correction")
    func revocationReads() throws {
        let (dir, db, rows) = try proposed()
        defer { try? FileManager.default.removeItem(at: dir) }
        let add = try #require(rows.first { $0[2] == "add" })
        #expect(try snaDecider(["decide", add[0], "accept", "--store", db, "--actor", "TSG 2016-01-12", "--reason", "agreed"]).status == 0)
        #expect(try snaDecider(["decide", add[0], "revoke", "--store", db, "--actor", "TSG 2016-03-08", "--reason", "namesake"]).status == 0)
        let r = try sna(["log", "history", add[1], "--store", db, "--format", "csv"])
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines[0] == "effective,event,category,note,decided_by,reason,proposal_id,revokes")
        let last = try #require(lines.last)
        #expect(last.contains("revoked leave") && last.contains("TSG 2016-03-08") && last.contains(",namesake,") && last.contains("accept add"), "\(last)")
        #expect(lines[1].contains("TSG 2016-01-12") && lines[1].contains("agreed"))
        let p = try sna(["person", add[1], db])
        #expect(p.stdout.contains("by TSG 2016-03-08") && p.stdout.contains("namesake"), "\(p.stdout)")
        // A route can be revoked too.
        let route = try #require(rows.first { $0[2] == "route" })
        #expect(try snaDecider(["decide", route[0], "accept", "--store", db, "--actor", "TSG", "--reason", "hand over"]).status == 0)
        let rv = try snaDecider(["decide", route[0], "revoke", "--store", db, "--actor", "TSG", "--reason", "wrong person"])
        #expect(rv.status == 0, "\(rv.stderr)")
    }

    @Test("person --access holds the proposals, decisions, evidence case ids, recipients and retention date")
    func accessReport() throws {
        let (dir, db, rows) = try proposed()
        defer { try? FileManager.default.removeItem(at: dir) }
        let add = try #require(rows.first { $0[2] == "add" })
        let person = add[1]
        #expect(try snaDecider(["decide", add[0], "accept", "--store", db, "--actor", "TSG", "--reason", "agreed at the meeting"]).status == 0)
        #expect(try sna(["export", db, "--for", "police", "--format", "csv", "-o", dir.appendingPathComponent("x.csv").path, "--purpose", "case work"]).status == 0)
        var r = try sna(["person", person, db, "--access"])
        #expect(r.status != 0 && r.stderr.contains("--purpose"))
        let out = dir.appendingPathComponent("answers")
        r = try sna(["person", person, db, "--access", "--purpose", "access request 1", "--access-to", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try String(contentsOf: out.appendingPathComponent("access-\(person).json"), encoding: .utf8)
        let html = try String(contentsOf: out.appendingPathComponent("access-\(person).html"), encoding: .utf8)
        #expect(json.contains("\"proposal\": \"\(add[0])\"") && json.contains("agreed at the meeting") && json.contains("\"decision\": \"accepted\""))
        #expect(json.contains("\"account\": \"decider\""))
        // The person's cases, by id, from the data.
        let cases = try String(contentsOfFile: "samples/noerrebro/case_persons.csv", encoding: .utf8).split(separator: "\n")
            .map { $0.split(separator: ",").map(String.init) }.filter { $0.count > 1 && $0[1] == person }.map { $0[0] }
        #expect(!cases.isEmpty && cases.allSatisfy { json.contains("\"case\": \"\($0)\"") })
        #expect(json.contains("\"recipient\": \"police\""))
        #expect(json.contains("\"what\": \"next review\"") && json.contains("\"what\": \"retention\""))
        #expect(html.contains("<h2 id=\"recipients\">Disclosed to</h2>") && html.contains(add[0]))
        // No other person is named: no other id of persons.csv appears as a token.
        let others = try String(contentsOfFile: "samples/noerrebro/persons.csv", encoding: .utf8).split(separator: "\n").dropFirst()
            .compactMap { $0.split(separator: ",").first.map(String.init) }.filter { $0 != person }
        let tokens = Set((json + html).split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }).map(String.init))
        #expect(others.filter(tokens.contains).isEmpty, "\(others.filter(tokens.contains).prefix(5))")
        // Recorded before it was written.
        let audit = try sna(["audit", "show", "--store", db, "--person", person, "--format", "csv"]).stdout
        #expect(audit.contains("access report for \(person)"))
    }

    @Test("a contest request is due 30 days later and keeps the person off the candidate list until resolved")
    func contestRestricts() throws {
        let (dir, db, _) = try proposed()
        defer { try? FileManager.default.removeItem(at: dir) }
        var r = try sna(["candidates", db, "--top", "5", "--format", "csv"])
        let first = try #require(r.stdout.split(separator: "\n").dropFirst().first?.split(separator: ",").dropFirst().first.map(String.init))
        r = try sna(["request", "add", first, "contest", "--received", "2016-01-05", "--note", "says he moved", "--store", db])
        #expect(r.status == 0 && r.stdout.contains("due 2016-02-04") && r.stdout.contains("restricted"), "\(r.stderr)")
        r = try sna(["candidates", db, "--top", "5", "--format", "csv"])
        #expect(!r.stdout.contains(",\(first),") && r.stderr.contains("left out, restricted by an open request") && r.stderr.contains(first), "\(r.stderr)")
        r = try sna(["followup", "due", "--as-of", "2016-02-10", "--store", db, "--format", "csv"])
        #expect(r.stdout.contains("request 1,\(first),request,2016-02-04,6"), "\(r.stdout)")
        r = try sna(["export", db, "--for", "police", "--format", "csv"])
        #expect(r.status == 0 && !r.stdout.contains("\n\(first),") && !r.stdout.contains(",\(first),") && r.stderr.contains("left out"))
        // The export's record counts what was sent, the restricted person not among them.
        let rec = try sna(["audit", "show", "--store", db, "--action", "export", "--format", "csv"]).stdout
        #expect(rec.contains("left out (restricted by an open request)") && !rec.split(separator: "\n").last!.contains(" \(first) "))
        // The meeting pack leaves the person out entirely: not in any file, not in others' evidence.
        let pack = dir.appendingPathComponent("pack")
        r = try sna(["report", "--store", db, "-o", pack.path])
        #expect(r.status == 0 && r.stderr.contains("left out of the pack"), "\(r.stderr)")
        for f in try FileManager.default.contentsOfDirectory(atPath: pack.path) {
            let text = try String(contentsOf: pack.appendingPathComponent(f), encoding: .utf8)
            let tokens = Set(text.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }).map(String.init))
            #expect(!tokens.contains(first), "\(f) names \(first)")
        }
        // A recipient's pack holds the proposals about the persons it admits only (SSP+: no minors).
        let ssp = dir.appendingPathComponent("pack-ssp")
        #expect(try sna(["report", "--store", db, "--for", "ssp", "-o", ssp.path]).status == 0)
        let proposalsCSV = try String(contentsOf: ssp.appendingPathComponent("proposals.csv"), encoding: .utf8)
        #expect(!proposalsCSV.contains("youth_screening"))
        // Resolving needs the decider role (any account by default) and lifts the restriction.
        r = try sna(["request", "resolve", "1", "refused", "--reason", "the entry stands", "--day", "2016-02-01", "--store", db])
        #expect(r.status == 0, "\(r.stderr)")
        r = try sna(["candidates", db, "--top", "5", "--format", "csv"])
        #expect(r.stdout.contains(",\(first),"))
        #expect(try sna(["request", "list", "--store", db, "--format", "csv"]).stdout.contains("1,\(first),contest,2016-01-05,2016-02-04,resolved,refused"))
    }

    @Test("audit sample draws the same entries for the same seed and records findings; log composition keeps its contract")
    func sampleAndComposition() throws {
        let (dir, db, _) = try proposed()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = try sna(["audit", "sample", "--n", "4", "--seed", "11", "--as-of", "2015-12-31", "--store", db, "--format", "csv"])
        let b = try sna(["audit", "sample", "--n", "4", "--seed", "11", "--as-of", "2015-12-31", "--store", db, "--format", "csv"])
        #expect(a.status == 0 && a.stdout.hasPrefix("sample,rank,person_id,category\n"), "\(a.stderr)")
        func ids(_ s: String) -> [String] { s.split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[2]) } }
        #expect(ids(a.stdout) == ids(b.stdout) && ids(a.stdout).count == 4)
        let r = try sna(["audit", "finding", "1", ids(a.stdout)[0], "corrected", "--reason", "category was A1", "--store", db], environment: ["SNA_ACCOUNT": "peer"])
        #expect(r.status == 0, "\(r.stderr)")
        let list = try sna(["audit", "samples", "--store", db, "--format", "csv"]).stdout
        #expect(list.contains("corrected,category was A1"))
        let ev = try sna(["log", "evaluation", "--from", "2015-01-01", "--to", "2015-12-31", "--store", db, "--format", "csv"]).stdout
        #expect(ev.contains("quality_audits,0,3,audits") && ev.contains("quality_audits_open,1,,audits"), "\(ev)")
        let c = try sna(["log", "composition", "--store", db, "--format", "csv"])
        let lines = c.stdout.split(separator: "\n")
        #expect(lines.first == "period,dimension,value,on_log,in_data")
        let age = lines.dropFirst().map { $0.split(separator: ",") }.filter { $0[1] == "age_band" }
        #expect(age.reduce(0) { $0 + Int($1[4])! } == 280)
    }
}
