import Foundation
import Testing

/// Runs the built `sna` binary as a user would: arguments in, stdout/stderr/exit code out.
struct Run {
    let status: Int32
    let stdout: String
    let stderr: String
}

let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func snaBinary(_ name: String = "sna") -> URL {
    // The test bundle sits in the same products folder as the executables.
    var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<4 {
        let candidate = dir.appendingPathComponent(name)
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDir), !isDir.boolValue { return candidate }
        dir = dir.deletingLastPathComponent()
    }
    return repoRoot.appendingPathComponent(".build/debug/\(name)")
}

/// Runs the developers' `snabench` tool (graph generator and benchmark workloads).
func snabench(_ args: [String]) throws -> Run { try sna(args, binary: "snabench") }

func sna(_ args: [String], cwd: URL = repoRoot, binary: String = "sna", environment: [String: String]? = nil) throws -> Run {
    let p = Process()
    p.executableURL = snaBinary(binary)
    p.arguments = args
    p.currentDirectoryURL = cwd
    if let environment { p.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new } }
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    // Read before waiting so a large output cannot fill the pipe and block.
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return Run(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
}

/// `sna decide …` as the decider would run it: from another account than the analyst's that
/// made the proposals (the two-person rule; `SNA_ACCOUNT` is honoured by test builds only),
/// attesting that they have read the evidence.
func snaDecider(_ args: [String], cwd: URL = repoRoot, account: String = "decider") throws -> Run {
    try sna(args + ["--attest"], cwd: cwd, environment: ["SNA_ACCOUNT": account])
}

func tempDir() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("sna-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

@Suite("sna command line")
struct CLITests {
    let sample = "samples/noerrebro"

    @Test func validateSample() throws {
        let r = try sna(["validate", sample])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("ok: samples/noerrebro: 280 persons"))
    }

    @Test func statsSample() throws {
        let r = try sna(["stats", sample])
        #expect(r.status == 0)
        #expect(r.stdout.contains("initiative cases, excluded from co-offending"))
        let j = try sna(["stats", sample, "--format", "json"])
        let obj = try JSONSerialization.jsonObject(with: Data(j.stdout.utf8)) as! [String: Any]
        #expect(obj["persons"] as? Int == 280)
        #expect((obj["initiative_cases_excluded"] as? Int ?? 0) > 0)
    }

    @Test("centrality CSV contract: header, input order, shortest round-trip values")
    func centralityCSV() throws {
        let r = try sna(["centrality", sample, "--measures", "degree,betweenness,closeness", "--format", "csv"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines[0] == "id,degree,betweenness,closeness")
        #expect(lines.count == 281)
        let persons = try String(contentsOf: repoRoot.appendingPathComponent("samples/noerrebro/persons.csv"), encoding: .utf8)
        let ids = persons.split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[0]) }
        #expect(lines.dropFirst().map { String($0.split(separator: ",")[0]) } == ids)
        for line in lines.dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            #expect(Int(f[1]) != nil, "degree is an integer")
            let b = try #require(Double(f[2]))
            #expect("\(b)" == f[2], "round-trip shortest form")
        }
    }

    @Test("--top sorts by the first measure and cuts")
    func top() throws {
        let r = try sna(["centrality", sample, "--measures", "betweenness,degree", "--top", "5", "--format", "csv"])
        let vals = r.stdout.split(separator: "\n").dropFirst().map { Double($0.split(separator: ",")[1])! }
        #expect(vals.count == 5)
        #expect(vals == vals.sorted(by: >))
        let table = try sna(["centrality", sample, "--top", "3"])
        let lines = table.stdout.split(separator: "\n")
        #expect(lines.count == 6, "header, rule, 3 rows, centralization")
        #expect(lines[5].hasPrefix("Freeman centralization: degree "))
    }

    @Test("same input, byte-identical output")
    func determinism() throws {
        for args in [["centrality", sample, "--format", "csv", "--measures", "betweenness,closeness,harmonic"],
                     ["export", sample, "--format", "dot"], ["export", sample, "--format", "json", "--links", "all"],
                     ["stats", sample, "--format", "json"]] {
            let a = try sna(args), b = try sna(args)
            #expect(a.status == 0)
            #expect(a.stdout == b.stdout, "\(args)")
        }
    }

    @Test("export DOT: pseudonyms by default, names on request")
    func exportDOT() throws {
        let r = try sna(["export", sample, "--format", "dot"])
        #expect(r.stdout.hasPrefix("graph sna {"))
        #expect(r.stdout.contains("\"P0001\" [label=\"P0001\""))
        let persons = try String(contentsOf: repoRoot.appendingPathComponent("samples/noerrebro/persons.csv"), encoding: .utf8)
        let firstName = String(persons.split(separator: "\n")[1].split(separator: ",")[1])
        #expect(!r.stdout.contains(firstName))
        let named = try sna(["export", sample, "--format", "dot", "--names", "--purpose", "test"])
        #expect(named.stdout.contains(firstName))
    }

    @Test("bad input: error names file, line and field; exit 1; no output file written")
    func badInput() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "id,status\nP1,free\nP2,jail\n".write(to: dir.appendingPathComponent("persons.csv"), atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("scores.csv")
        let r = try sna(["centrality", dir.path, "--format", "csv", "-o", out.path])
        #expect(r.status == 1)
        #expect(r.stderr == "error: \(dir.path)/persons.csv:3: field 'status': unknown value 'jail' (expected free, custody or sentenced)\n")
        #expect(r.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test("an existing output file is left untouched when the run fails, replaced atomically with mode 0600 when it succeeds")
    func atomicOutput() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("net.dot")
        try "old".write(to: out, atomically: true, encoding: .utf8)
        let bad = try sna(["export", dir.appendingPathComponent("missing").path, "-o", out.path])
        #expect(bad.status == 1)
        #expect(try String(contentsOf: out, encoding: .utf8) == "old")
        let good = try sna(["export", sample, "-o", out.path])
        #expect(good.status == 0)
        #expect(try String(contentsOf: out, encoding: .utf8).hasPrefix("graph sna {"))
        let mode = try FileManager.default.attributesOfItem(atPath: out.path)[.posixPermissions] as! Int
        #expect(mode == 0o600)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)
    }

    @Test("usage errors exit non-zero with a sentence that states the fix")
    func usage() throws {
        let r = try sna(["centrality", sample, "--measures", "fame"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("Unknown measure 'fame'"))
        let w = try sna(["centrality", sample, "--from", "2015-13-01"])
        #expect(w.status != 0)
        #expect(w.stderr.contains("--from '2015-13-01' is not a date"))
    }

    @Test("weights as distances: a zero weight is an error naming the links.csv line")
    func zeroWeight() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "id\nA\nB\n".write(to: dir.appendingPathComponent("persons.csv"), atomically: true, encoding: .utf8)
        try "source,target,weight\nA,B,0\n".write(to: dir.appendingPathComponent("links.csv"), atomically: true, encoding: .utf8)
        let r = try sna(["centrality", dir.path, "--weights", "distance"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("links.csv:2: field 'weight': 0 is not positive"))
        #expect(try sna(["centrality", dir.path]).status == 0)
    }

    @Test("every research dataset and golden graph folder loads from the command line")
    func datasets() throws {
        for d in ["london_gang", "noordin_top", "montreal_street_gangs", "sicilian_mafia_montagna", "hijackers_911"] {
            let r = try sna(["validate", "Tests/Fixtures/datasets/\(d)"])
            #expect(r.status == 0, "\(d): \(r.stderr)")
        }
        let k = try sna(["centrality", "Tests/Fixtures/golden/karate", "--measures", "betweenness", "--top", "1", "--format", "csv"])
        let row = k.stdout.split(separator: "\n")
        #expect(row.first == "id,betweenness")
        let value = try #require(Double(row[1].split(separator: ",")[1]))
        #expect(row[1].hasPrefix("0,") && abs(value - 0.43763528138528146) <= 1e-9 * 0.4376, "networkx 3.6.1 karate node 0")
        let e = try sna(["stats", "Tests/Fixtures/golden/multiedge/edges.csv"])
        #expect(e.stdout.contains("edges                8 (1 self-loops)") || e.stdout.contains("8 (1 self-loops)"))
    }
}

@Suite("sna path, ego, sample, bench")
struct MoreCLITests {
    let sample = "samples/noerrebro"

    @Test("path prints every hop with its evidence; json has the same hops")
    func path() throws {
        let r = try sna(["path", sample, "P0012", "P0187"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines[0].hasPrefix("P0012 → P0187: "))
        #expect(r.stdout.contains("co-offending: case C") || r.stdout.contains("location: both at"))
        let j = try sna(["path", sample, "P0012", "P0187", "--format", "json"])
        let obj = try JSONSerialization.jsonObject(with: Data(j.stdout.utf8)) as! [String: Any]
        let hops = obj["hops"] as! [[String: Any]]
        #expect(hops.count == lines.filter { $0.first?.isNumber == true }.count)
        #expect(!hops.isEmpty && hops.allSatisfy { !($0["evidence"] as! [Any]).isEmpty })
        let none = try sna(["path", sample, "P0012", "NOPE"])
        #expect(none.status == 1)
        #expect(none.stderr.contains("unknown person 'NOPE'"))
    }

    @Test("ego lists neighbours with distance; csv header is a contract")
    func ego() throws {
        let r = try sna(["ego", sample, "P0012", "--radius", "2", "--format", "csv"])
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n")
        #expect(lines[0] == "id,distance,degree,kinds,weight")
        let d = lines.dropFirst().map { Int($0.split(separator: ",", omittingEmptySubsequences: false)[1])! }
        #expect(d == d.sorted() && d.contains(1) && d.contains(2))
    }

    @Test("sample is seeded and byte-identical; bench prints one JSON object per workload")
    func sampleAndBench() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a.csv").path, b = dir.appendingPathComponent("b.csv").path
        #expect(try snabench(["sample", "--model", "ba", "--n", "500", "--m", "3", "--seed", "9", "-o", a]).status == 0)
        #expect(try snabench(["sample", "--model", "ba", "--n", "500", "--m", "3", "--seed", "9", "-o", b]).status == 0)
        let x = try Data(contentsOf: URL(fileURLWithPath: a)), y = try Data(contentsOf: URL(fileURLWithPath: b))
        #expect(x == y)
        #expect(String(decoding: x, as: UTF8.self).split(separator: "\n").count == 1 + 3 + 496 * 3)
        let r = try snabench(["bench", a, "--workloads", "load,pagerank,components", "--repeat", "1"])
        #expect(try sna(["bench", a]).status != 0, "developer tools are not in the analysts' sna")
        let objs = try r.stdout.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(objs.map { $0["workload"] as! String } == ["load", "pagerank", "components", "peak_rss"])
        #expect(objs.count == 4 && objs.dropLast().allSatisfy { ($0["median"] as? Double ?? -1) >= 0 })
    }

    @Test("every measure name works from the command line and heads its CSV column")
    func allMeasures() throws {
        let names = "degree,strength,betweenness,closeness,harmonic,eigenvector,pagerank,core_number,clustering,constraint,effective_size,eccentricity,component"
        let r = try sna(["centrality", "Tests/Fixtures/golden/florentine", "--measures", names, "--format", "csv"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.split(separator: "\n")[0] == "id," + names)
    }
}

@Suite("clusters, coreperiphery, brokerage, keyplayers, robustness from the command line")
struct AnalysisCLITests {
    let sample = "samples/noerrebro"

    @Test("CSV contracts: headers and one row per node in input order")
    func contracts() throws {
        let persons = try String(contentsOf: repoRoot.appendingPathComponent("samples/noerrebro/persons.csv"), encoding: .utf8)
        let ids = persons.split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[0]) }
        for (args, header) in [(["clusters", sample, "--format", "csv"], "id,cluster"),
                               (["coreperiphery", sample, "--format", "csv"], "id,coreness,core"),
                               (["brokerage", sample, "--format", "csv"], "id,group,coordinator,itinerant,representative,gatekeeper,liaison,total,constraint,effective_size"),
                               (["robustness", sample, "--runs", "5", "--format", "csv"], "id,rank,median_rank,rank_low,rank_high,p_top_k,runs")] {
            let r = try sna(args)
            #expect(r.status == 0, "\(args): \(r.stderr.prefix(300))")
            let lines = r.stdout.split(separator: "\n")
            #expect(String(lines[0]) == header)
            #expect(lines.dropFirst().map { String($0.split(separator: ",")[0]) } == ids, "\(args)")
            #expect(try sna(args).stdout == r.stdout, "deterministic: \(args)")
        }
        // Cluster numbers are 0..k-1 by size.
        let c = try sna(["clusters", sample, "--format", "csv"]).stdout.split(separator: "\n").dropFirst().map { Int($0.split(separator: ",")[1])! }
        var sizes = [Int](repeating: 0, count: (c.max() ?? 0) + 1)
        for x in c { sizes[x] += 1 }
        #expect(sizes == sizes.sorted(by: >))
    }

    @Test("every research dataset: clusters, core/periphery, key players, robustness, brokerage by an attribute")
    func datasets() throws {
        let by = ["london_gang": "birthplace_label", "noordin_top": "primary_group_affiliation_label",
                  "montreal_street_gangs": "allegiances_label", "hijackers_911": "hijacker"]
        for d in ["london_gang", "noordin_top", "montreal_street_gangs", "sicilian_mafia_montagna", "hijackers_911"] {
            let path = "Tests/Fixtures/datasets/\(d)"
            for args in [["clusters", path, "--runs", "3"], ["coreperiphery", path], ["keyplayers", path, "--k", "2"],
                         ["keyplayers", path, "--remove", "deprived"], ["robustness", path, "--runs", "5"]] {
                let r = try sna(args)
                #expect(r.status == 0, "\(args): \(r.stderr.prefix(300))")
            }
            if let attribute = by[d] {
                #expect(try sna(["brokerage", path, "--by", attribute]).status == 0, "\(d)")
            } else {
                let r = try sna(["brokerage", path])
                #expect(r.status == 1)
                #expect(r.stderr.contains("no person has a value for 'group'"))
            }
        }
    }

    @Test("disruption: CSV contract, the removed persons leave the graph, block removes --step at once")
    func disruption() throws {
        let r = try sna(["disruption", sample, "--steps", "3", "--format", "csv"])
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "step,removed,removed_total,persons,lcc,lcc_share,components,isolates,fragmentation")
        #expect(lines.count == 5)
        let persons = lines.dropFirst().map { Int($0.split(separator: ",", omittingEmptySubsequences: false)[3])! }
        #expect(persons == [persons[0], persons[0] - 1, persons[0] - 2, persons[0] - 3])
        let b = try sna(["disruption", sample, "--mode", "block", "--step", "3", "--steps", "1", "--format", "json"])
        #expect(b.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(b.stdout.utf8)) as! [String: Any]
        let steps = json["steps"] as! [[String: Any]]
        #expect((steps[1]["removed"] as! [String]).count == 3)
        #expect(try sna(["disruption", sample, "--step", "0"]).status != 0)
    }

    @Test("leads: CSV contract, never a tied pair, evaluation reproducible by seed")
    func leads() throws {
        let r = try sna(["leads", sample, "--top", "5", "--format", "csv"])
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "rank,source,target,score,shared,shared_count,method")
        #expect(lines.count == 6)
        let ties = try sna(["export", sample, "--format", "csv"])
        for l in lines.dropFirst() {
            let f = l.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            #expect(!ties.stdout.contains("\(f[1]),\(f[2]),") && !ties.stdout.contains("\(f[2]),\(f[1]),"), "\(l)")
        }
        let a = try sna(["leads", sample, "--evaluate", "--seed", "4", "--format", "json"])
        let b = try sna(["leads", sample, "--evaluate", "--seed", "4", "--format", "json"])
        #expect(a.status == 0 && a.stdout == b.stdout && a.stdout.contains("\"auc\""))
    }

    @Test("time-respecting path and reach: refused out of time order, the gap honoured, CSV contract")
    func timeRespecting() throws {
        let timed = "Tests/Fixtures/timed"
        let no = try sna(["path", timed, "A", "C", "--time-respecting"])
        #expect(no.status == 1 && no.stderr.contains("untimed chain of 2 hops exists"))
        #expect(try sna(["path", timed, "C", "A", "--time-respecting"]).stdout.contains("reached 2020-01-10"))
        #expect(try sna(["path", timed, "C", "A", "--time-respecting", "--max-gap", "4"]).status == 1)
        #expect(try sna(["path", timed, "C", "A", "--max-gap", "4"]).status != 0)
        let r = try sna(["reach", timed, "C", "--time-respecting", "--format", "csv"])
        #expect(r.stdout == "id,earliest,hops,via\nB,2020-01-05,1,\nA,2020-01-10,2,B\n")
        #expect(try sna(["reach", timed, "A", "--time-respecting", "--format", "csv"]).stdout == "id,earliest,hops,via\nB,2020-01-10,1,\n")
    }

    @Test("centrality --layer-by type: each layer's column equals the measure on that layer alone; participation in [0, 1/2]")
    func layerBy() throws {
        let m = "Tests/Fixtures/datasets/sicilian_mafia_montagna"
        let both = try sna(["centrality", m, "--measures", "degree,betweenness", "--layer-by", "type", "--format", "csv"])
        #expect(both.status == 0)
        let rows = both.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows[0] == ["id", "degree", "betweenness", "degree@meeting", "betweenness@meeting", "degree@phone_call", "betweenness@phone_call", "participation"])
        for (layer, col) in [("meeting", 3), ("phone_call", 5)] {
            let one = try sna(["centrality", m, "--measures", "degree,betweenness", "--links", layer, "--format", "csv"])
            let ref = one.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
            #expect(ref.map { $0[1] } == rows.dropFirst().map { $0[col] }, "\(layer) degree")
            #expect(ref.map { $0[2] } == rows.dropFirst().map { $0[col + 1] }, "\(layer) betweenness")
        }
        #expect(rows.dropFirst().allSatisfy { (0...0.5).contains(Double($0[7])!) })
    }

    @Test("what-if table compares the removal with top betweenness and top degree")
    func whatIf() throws {
        let r = try sna(["keyplayers", sample, "--remove", "deprived"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("deprived of liberty"))
        #expect(r.stdout.contains("by betweenness") && r.stdout.contains("by degree"))
    }
}

@Suite("sna propose on the sample")
struct ProposeCLITests {
    @Test("recovers the planted core, never proposes victim/witness-only persons; CSV contract")
    func recovery() throws {
        let r = try sna(["propose", "samples/noerrebro", "--all", "--format", "csv"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines[0] == "proposal_id,person_id,action,category,reason,evidence,strength")
        let truthText = try String(contentsOf: repoRoot.appendingPathComponent("samples/noerrebro/truth/planted.csv"), encoding: .utf8)
        var role: [String: String] = [:]
        for l in truthText.split(separator: "\n").dropFirst() {
            let f = l.split(separator: ",", omittingEmptySubsequences: false)
            role[String(f[0])] = String(f[1])
        }
        var category: [String: String] = [:]
        for l in lines.dropFirst() {
            let f = l.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            #expect(["add", "remove", "recategorize", "route", "keep", "review"].contains(f[2]))
            #expect(["strong", "moderate", "weak"].contains(f.last!), "strength is the last column: \(l)")
            if ["add", "recategorize", "keep"].contains(f[2]) { category[f[1]] = f[3] }
            #expect(role[f[1]] != "victim_witness", "victim/witness-only person proposed: \(l)")
        }
        let core = role.filter { $0.value == "core" }.map(\.key)
        let found = core.filter { ["A1", "B1"].contains(category[$0] ?? "") }.count
        #expect(Double(found) / Double(core.count) >= 0.85, "planted core recovered: \(found) of \(core.count)")
        let falseCore = role.filter { $0.value != "core" && ["A1", "B1"].contains(category[$0.key] ?? "") }.count
        #expect(falseCore <= 5, "non-core proposed as core: \(falseCore)")
        #expect(try sna(["propose", "samples/noerrebro", "--all", "--format", "csv"]).stdout == r.stdout)
    }
}

@Suite("sna candidates")
struct CandidatesCLITests {
    @Test("N persons from the log, filters applied, deprived and excluded persons left out, minors unnamed")
    func candidates() throws {
        let r = try sna(["candidates", "samples/noerrebro", "--categories", "A2,B2", "--n", "10", "--format", "csv"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(lines[0] == ["rank", "person_id", "category", "area", "age", "betweenness", "evidence"])
        #expect(lines.count == 11)
        #expect(lines.dropFirst().allSatisfy { ["A2", "B2"].contains($0[2]) })
        let persons = try String(contentsOf: repoRoot.appendingPathComponent("samples/noerrebro/persons.csv"), encoding: .utf8)
        let status = Dictionary(uniqueKeysWithValues: persons.split(separator: "\n").dropFirst().map { l -> (String, String) in
            let f = l.split(separator: ",", omittingEmptySubsequences: false).map(String.init); return (f[0], f[5])
        })
        #expect(lines.dropFirst().allSatisfy { status[$0[1]] == "free" })
        // Excluding the first list gives ten others.
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = dir.appendingPathComponent("first.csv")
        try r.stdout.write(to: first, atomically: true, encoding: .utf8)
        let next = try sna(["candidates", "samples/noerrebro", "--categories", "A2,B2", "--exclude", first.path, "--format", "csv"])
        let nextIDs = Set(next.stdout.split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[1]) })
        #expect(nextIDs.isDisjoint(with: Set(lines.dropFirst().map { $0[1] })))
        let named = try sna(["candidates", "samples/noerrebro", "--max-age", "17", "--names", "--purpose", "test", "--format", "csv"])
        let namedRows = named.stdout.split(separator: "\n").dropFirst()
        #expect(!namedRows.isEmpty && namedRows.allSatisfy { $0.split(separator: ",")[2] == "minor" })
    }
}

@Suite("hostile labels")
struct InjectionTests {
    @Test("labels from input are inert in CSV (formulas), DOT, GraphML, HTML and SVG output")
    func hostileLabels() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("d")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        let evil = "<img src=x onerror=alert(1)>\\\" ]; evil -- </script>"
        try """
        id,name,birth_date,municipality,district,status
        "=HYPERLINK(""x"")","\(evil.replacingOccurrences(of: "\"", with: "\"\""))",1990-01-01,København,Indre Nørrebro,free
        +P2,@SUM(1),1991-01-01,København,Indre Nørrebro,free
        P3,-2+3,1992-01-01,København,Indre Nørrebro,free
        """.write(to: data.appendingPathComponent("persons.csv"), atomically: true, encoding: .utf8)
        try """
        source,target,type
        "=HYPERLINK(""x"")",+P2,family
        +P2,P3,family
        """.write(to: data.appendingPathComponent("links.csv"), atomically: true, encoding: .utf8)
        try "person_id,category,since\n\"=HYPERLINK(\"\"x\"\")\",A1,2015-01-01\n+P2,A2,2015-01-01\n".write(to: data.appendingPathComponent("log.csv"), atomically: true, encoding: .utf8)
        let csv = try sna(["centrality", data.path, "--format", "csv"])
        #expect(csv.status == 0, "\(csv.stderr)")
        for line in csv.stdout.split(separator: "\n").dropFirst() {
            #expect(!"=+-@".contains(line.first!) , "a cell a spreadsheet would run: \(line)")
        }
        #expect(csv.stdout.contains("'=HYPERLINK") && csv.stdout.contains("'+P2"))
        let dot = try sna(["export", data.path, "--format", "dot", "--names", "--purpose", "test"])
        #expect(dot.status == 0 && !dot.stdout.contains(evil), "\(dot.stderr)")
        let gml = try sna(["export", data.path, "--format", "graphml", "--names", "--purpose", "test"])
        #expect(!gml.stdout.contains("<img") && gml.stdout.contains("&lt;img"))
        let out = dir.appendingPathComponent("r")
        let r = try sna(["report", data.path, "-o", out.path, "--names", "--purpose", "test", "--robustness-runs", "2"])
        #expect(r.status == 0, "\(r.stderr)")
        let html = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(!html.contains("<img") && !html.contains("onerror=alert(1)>") && html.contains("&lt;img"))
        #expect(html.components(separatedBy: "</script>").count == 2, "only the report's own script ends a script element")
    }
}

@Suite("command definitions")
struct CommandDefinitionTests {
    /// Every command of the real tree, found by walking `sna --help` and each command's
    /// SUBCOMMANDS section (so a new command, or one nested under another, is in without a
    /// list to keep): each with the one-line abstract its parent prints.
    static let tree: [(path: [String], abstract: String)] = {
        var out: [(path: [String], abstract: String)] = [([], "sna")]
        var queue: [[String]] = [[]]
        while !queue.isEmpty {
            let path = queue.removeFirst()
            guard let r = try? sna(path + ["--help"], environment: ["COLUMNS": "80"]) else { continue }
            var inSection = false
            var current: (name: String, abstract: String)?
            func flush() {
                if let c = current, c.name != "help" {
                    out.append((path + [c.name], c.abstract))
                    queue.append(path + [c.name])
                }
                current = nil
            }
            for line in r.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
                if line.hasPrefix("SUBCOMMANDS:") { inSection = true; continue }
                guard inSection else { continue }
                if line.isEmpty || !line.hasPrefix(" ") { flush(); if !line.isEmpty { inSection = false }; continue }
                let indent = line.prefix { $0 == " " }.count
                let t = line.trimmingCharacters(in: .whitespaces)
                if indent == 2 {
                    flush()
                    if t.hasPrefix("See ") { inSection = false; continue }
                    let name = String(t.prefix { $0 != " " })
                    let rest = t.dropFirst(name.count).trimmingCharacters(in: .whitespaces)
                    current = (name, rest.hasPrefix("(default)") ? String(rest.dropFirst(9)).trimmingCharacters(in: .whitespaces) : rest)
                } else if current != nil {
                    current!.abstract += " " + t
                }
            }
            flush()
        }
        return out
    }()

    static let commands: [[String]] = tree.map(\.path)

    @Test("the help tests walk the whole command tree; every command says what it does")
    func everyCommand() {
        #expect(Self.tree.count > 50, "the tree was read: \(Self.tree.count) commands")
        for c in [["candidates", "pick"], ["followup", "record"], ["log", "show"], ["disruption"], ["reach"]] {
            #expect(Self.commands.contains(c), "\(c)")
        }
        for c in Self.tree where !c.path.isEmpty { #expect(c.abstract.count >= 10, "\(c.path): no help text") }
    }

    @Test("every command's options are well defined (no clashing names); its help reads at 80 columns: no line over 80, no example broken across lines, no sentence broken mid-line", arguments: commands)
    func help(_ command: [String]) throws {
        let r = try sna(command + ["--help"], environment: ["COLUMNS": "80"])
        #expect(r.status == 0 && !r.stdout.contains("Validation failed") && !r.stderr.contains("Validation failed"), "\(command): \(r.stdout.prefix(300))\(r.stderr.prefix(300))")
        #expect(r.stdout.contains("USAGE"))
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func indent(_ l: String) -> Int { l.prefix { $0 == " " }.count }
        for (i, l) in lines.enumerated() {
            #expect(l.count <= 80 || l.hasPrefix("USAGE:") || !l.trimmingCharacters(in: .whitespaces).contains(" "), "\(command): line over 80 columns: \(l)")
            guard i + 1 < lines.count else { continue }
            let next = lines[i + 1]
            // An example runs on one line: what follows it is another example, a blank or a deeper line.
            if l.trimmingCharacters(in: .whitespaces).hasPrefix("sna "), indent(l) >= 4, !next.trimmingCharacters(in: .whitespaces).isEmpty {
                #expect(indent(next) >= indent(l), "\(command): example broken across lines: \(l) / \(next)")
            }
            // A paragraph wrapped twice leaves a short line inside it (the tail of a hard-wrapped source line).
            let t = l.trimmingCharacters(in: .whitespaces)
            if indent(l) == 2, t.count < 30, !t.hasPrefix("sna "), !t.hasSuffix(":"), !t.hasSuffix("."), !t.hasSuffix(")"), i > 0,
               lines[i - 1].count >= 60, indent(lines[i - 1]) == 2, indent(next) == 2, !next.trimmingCharacters(in: .whitespaces).isEmpty {
                Issue.record("\(command): a sentence broken mid-line: '\(lines[i - 1])' / '\(l)' / '\(next)'")
            }
        }
    }

    @Test("convert: format from the extension or --format; every written format reads back")
    func convert() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        for ext in ["graphml", "gexf", "net", "json", "csv"] {
            let out = dir.appendingPathComponent("s.\(ext)").path
            let r = try sna(["convert", "samples/noerrebro", out])
            #expect(r.status == 0, "\(ext): \(r.stderr)")
            let back = try sna(["validate", out])
            #expect(back.status == 0 && back.stdout.hasPrefix("ok: "), "\(ext): \(back.stdout) \(back.stderr)")
        }
        let odd = dir.appendingPathComponent("graph.xml").path
        #expect(try sna(["convert", "samples/noerrebro", odd, "--format", "graphml"]).status == 0)
        #expect(try sna(["convert", "samples/noerrebro", dir.appendingPathComponent("x.unknown").path]).status != 0)
    }
}

@Suite("CSV formula guard")
struct CSVGuardTests {
    @Test("export --format csv and convert x.csv guard spreadsheet formulas like every other CSV output")
    func exportAndConvert() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        let ids = ["=HYPERLINK(\"http://x\")", "@SUM(A1)", "-2+3", "+cmd", "plain"]
        try Data(("id\n" + ids.map { "\"\($0.replacingOccurrences(of: "\"", with: "\"\""))\"" }.joined(separator: "\n") + "\n").utf8)
            .write(to: data.appendingPathComponent("persons.csv"))
        var links = "source,target,type,weight\n"
        for i in 1..<ids.count { links += "\"\(ids[0].replacingOccurrences(of: "\"", with: "\"\""))\",\(ids[i].contains(",") ? "\"\(ids[i])\"" : ids[i]),family,1\n" }
        try Data(links.utf8).write(to: data.appendingPathComponent("links.csv"))
        let out = dir.appendingPathComponent("edges.csv").path
        let export = try sna(["export", data.path, "--format", "csv"])
        #expect(export.status == 0, "\(export.stderr)")
        let convert = try sna(["convert", data.path, out])
        #expect(convert.status == 0, "\(convert.stderr)")
        let converted = try String(contentsOfFile: out, encoding: .utf8)
        for text in [export.stdout, converted] {
            let cells = text.split(separator: "\n").dropFirst().flatMap { line -> [String] in
                // The first two cells (source, target), unquoted.
                var cells: [String] = [], cur = "", quoted = false
                for ch in line {
                    if ch == "\"" { quoted.toggle(); continue }
                    if ch == "," && !quoted { cells.append(cur); cur = "" } else { cur.append(ch) }
                }
                cells.append(cur)
                return Array(cells.prefix(2))
            }
            #expect(cells.count == 8)
            for c in cells where c != "plain" {
                #expect(c.hasPrefix("'"), "unguarded cell \(c)")
            }
        }
    }
}


@Suite("screening around the proposals")
struct ScreeningCLITests {
    @Test("validate lists the case tags and names possible duplicates and namesakes; proposals carry them")
    func validateTagsAndIdentity() throws {
        let r = try sna(["validate", "samples/scenarios/mixed"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("case tags: Bandekonflikt ("))
        #expect(r.stderr.contains("may be one person (same name and birth date)"))
        #expect(r.stderr.contains("are namesakes"))
        let p = try sna(["propose", "samples/scenarios/mixed", "--format", "json"])
        let obj = try JSONSerialization.jsonObject(with: Data(p.stdout.utf8)) as! [String: Any]
        let flagged = (obj["proposals"] as! [[String: Any]]).filter { ($0["flags"] as! [String]).contains("possible_duplicate") }
        #expect(!flagged.isEmpty)
    }

    @Test("--evaluate prints the confusion matrix and the figures; a bad truth file names its line")
    func evaluate() throws {
        let d = "samples/scenarios/cells"
        let r = try sna(["propose", d, "--as-of", "2015-12-31", "--evaluate", d + "/truth/log.csv"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("confusion matrix") && r.stdout.contains("core (A1/B1) proposed as core"))
        let j = try sna(["propose", d, "--as-of", "2015-12-31", "--evaluate", d + "/truth/log.csv", "--format", "json"])
        let obj = try JSONSerialization.jsonObject(with: Data(j.stdout.utf8)) as! [String: Any]
        #expect((obj["confusion"] as! [[Int]]).count == 5)
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("truth.csv")
        try Data("person_id,category\nP0001,A1\nP0002,C3\n".utf8).write(to: bad)
        let e = try sna(["propose", d, "--evaluate", bad.path])
        #expect(e.status == 1 && e.stderr.contains("truth.csv:3") && e.stderr.contains("category"), "\(e.stderr)")
    }

    @Test("initiative tags from the policy: a tagged possession find makes no tie and no evidence")
    func initiativeTags() throws {
        let d = "samples/scenarios/stopsearch"
        let without = try sna(["stats", d, "--format", "json"])
        let with = try sna(["stats", d, "--format", "json", "--policy", d + "/policy.yaml"])
        #expect(without.status == 0 && with.status == 0, "\(with.stderr)")
        func edges(_ r: Run) -> Int { ((try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8))) as? [String: Any])?["edges"] as? Int ?? -1 }
        #expect(edges(with) < edges(without), "tagged cases must make no co-offending tie")
        let p = try sna(["propose", d, "--policy", d + "/policy.yaml", "--format", "csv"])
        #expect(p.status == 0)
        let bad = try sna(["stats", d, "--policy", "/nonexistent/policy.yaml"])
        #expect(bad.status == 1 && bad.stderr.contains("policy.yaml"))
    }

    @Test("every proposal row for a minor says so in its evidence")
    func minors() throws {
        let r = try sna(["propose", "samples/noerrebro", "--format", "json"])
        let obj = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let rows = (obj["proposals"] as! [[String: Any]]).filter { ($0["flags"] as! [String]).contains("minor") }
        #expect(!rows.isEmpty)
        #expect(rows.allSatisfy { ($0["evidence"] as! String).contains("minor (age ") })
    }
}

@Suite("disclosure")
struct DisclosureTests {
    /// The sample's minors on its last day, with their names.
    static func minors() throws -> [(id: String, name: String)] {
        let text = try String(contentsOf: repoRoot.appendingPathComponent("samples/noerrebro/persons.csv"), encoding: .utf8)
        return text.split(separator: "\n").dropFirst().compactMap { l in
            let f = l.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard let y = Int(f[2].prefix(4)), let md = Int(f[2].dropFirst(5).replacingOccurrences(of: "-", with: "")) else { return nil }
            // Under 18 on 2015-12-31 (the sample's last day): born after 1997-12-31.
            return (y > 1997 || (y == 1997 && md > 1231)) ? (f[0], f[1]) : nil
        }
    }

    @Test("with --names no command prints a minor's name unless --show-minors; names need --purpose")
    func minorsStayUnnamed() throws {
        let minors = try Self.minors()
        #expect(!minors.isEmpty)
        let s = "samples/noerrebro"
        // A minor with a chain to P0012, so that path and ego have something to print.
        let m = try #require(try minors.first { try sna(["path", s, $0.id, "P0012", "--links", "all"]).status == 0 }).id
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let runs: [[String]] = [
            ["centrality", s, "--names", "--top", "300"], ["path", s, m, "P0012", "--names", "--links", "all"], ["ego", s, m, "--names", "--links", "all"],
            ["export", s, "--format", "json", "--names"], ["export", s, "--format", "graphml", "--names"],
            ["export", s, "--format", "gexf", "--names"], ["export", s, "--format", "dot", "--names"],
            ["candidates", s, "--names", "--n", "500", "--include-deprived"], ["render", s, "--view", "ego:\(m)", "--names", "--format", "dot"],
        ]
        for args in runs {
            let refused = try sna(args)
            #expect(refused.status != 0 && refused.stderr.contains("--purpose"), "\(args): names without a purpose")
            let r = try sna(args + ["--purpose", "test"])
            #expect(r.status == 0, "\(args): \(r.stderr.prefix(300))")
            for minor in minors {
                #expect(!r.stdout.contains(minor.name), "\(args) printed the minor \(minor.id)'s name")
            }
        }
        let shown = try sna(["centrality", s, "--names", "--show-minors", "--purpose", "test", "--top", "300"])
        #expect(shown.stdout.contains(minors[0].name))
        #expect(try sna(["ego", s, m, "--show-minors"]).status != 0, "--show-minors needs --names")
    }

    @Test("exports carry birth years, exact birth dates only with --birth-dates and a purpose")
    func birthDates() throws {
        let plain = try sna(["export", "samples/noerrebro", "--format", "json"])
        #expect(plain.status == 0 && !plain.stdout.contains("birth_date") && plain.stdout.contains("birth_year"))
        let graphml = try sna(["export", "samples/noerrebro", "--format", "graphml"])
        #expect(!graphml.stdout.contains("-02-23") && !graphml.stdout.contains("\"birth_date\""))
        #expect(try sna(["export", "samples/noerrebro", "--format", "json", "--birth-dates"]).status != 0)
        let exact = try sna(["export", "samples/noerrebro", "--format", "json", "--birth-dates", "--purpose", "test"])
        #expect(exact.stdout.contains("\"birth_date\""))
    }
}

@Suite("broken optional files")
struct BrokenFileTests {
    @Test("a dangling or looping link, a FIFO or a folder in place of an optional file is an error naming it", arguments: ["dangling", "loop", "fifo", "folder"])
    func broken(_ kind: String) throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try Data("id\nA\nB\n".utf8).write(to: data.appendingPathComponent("persons.csv"))
        let links = data.appendingPathComponent("links.csv")
        switch kind {
        case "dangling": try FileManager.default.createSymbolicLink(atPath: links.path, withDestinationPath: dir.appendingPathComponent("gone.csv").path)
        case "loop": try FileManager.default.createSymbolicLink(atPath: links.path, withDestinationPath: links.path)
        case "fifo": #expect(mkfifo(links.path, 0o600) == 0)
        default: try FileManager.default.createDirectory(at: links, withIntermediateDirectories: true)
        }
        let v = try sna(["validate", data.path])
        #expect(v.status == 1 && v.stderr.contains("links.csv"), "\(kind): \(v.stdout) \(v.stderr)")
        let db = dir.appendingPathComponent("s.sqlite").path
        let i = try sna(["ingest", data.path, "--as-of", "2015-12-31", "--store", db])
        #expect(i.status == 1 && i.stderr.contains("links.csv"), "\(kind): \(i.stderr)")
    }
}

@Suite("recipients")
struct RecipientTests {
    @Test("--for dks sends only minors, --for ssp only free peripheral adults; on a store the audit lists who went out")
    func profiles() throws {
        let s = "samples/noerrebro"
        let dks = try sna(["export", s, "--format", "json", "--for", "dks"])
        #expect(dks.status == 0, "\(dks.stderr)")
        let nodes = ((try JSONSerialization.jsonObject(with: Data(dks.stdout.utf8)) as! [String: Any])["nodes"] as! [[String: Any]])
        #expect(!nodes.isEmpty)
        let minors = Set(try DisclosureTests.minors().map(\.id))
        #expect(nodes.allSatisfy { minors.contains($0["id"] as! String) }, "only minors for DKS")
        #expect(nodes.allSatisfy { $0["municipality"] == nil && $0["subject_category"] == nil && $0["birth_year"] != nil },
                "only the fields DKS needs")
        let ssp = try sna(["candidates", s, "--for", "ssp", "--n", "500", "--format", "csv", "--include-deprived"])
        let rows = ssp.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(!rows.isEmpty && rows.allSatisfy { ["A2", "B2"].contains($0[2]) && (Int($0[4]) ?? 0) >= 18 })
        #expect(try sna(["export", s, "--for", "nobody"]).status != 0)
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("s.sqlite").path
        _ = try sna(["ingest", s, "--as-of", "2015-12-31", "--store", db])
        #expect(try sna(["export", db, "--format", "json", "--for", "dks", "-o", dir.appendingPathComponent("x.json").path]).status == 0)
        let audit = try sna(["audit", "show", "--store", db, "--format", "csv"]).stdout
        #expect(audit.contains("for dks (persons under the youth age; fields: id, birth, district, status):"), "\(audit.suffix(400))")
        // The meeting pack for DKS holds only minors.
        let out = dir.appendingPathComponent("pack")
        let r = try sna(["report", s, "-o", out.path, "--for", "dks", "--robustness-runs", "1", "--candidates", "0"])
        #expect(r.status == 0, "\(r.stderr)")
        let scores = try String(contentsOf: out.appendingPathComponent("scores.csv"), encoding: .utf8)
        let ids = scores.split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[0]) }
        #expect(!ids.isEmpty && ids.allSatisfy { minors.contains($0) }, "\(ids.prefix(5))")
    }
}

@Suite("sna export to graph stores")
struct ExportFolderTests {
    @Test("export --format neo4j -o DIR: the folder (import.sh executable, mode 0700) reads back to the same centrality; a folder of other files is refused; -o is required")
    func neo4j() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sna-neo4j-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try sna(["export", "samples/noerrebro", "--format", "neo4j", "--with-scores", "betweenness", "-o", dir.path])
        #expect(r.status == 0, "\(r.stderr)")
        let attrs = try FileManager.default.attributesOfItem(atPath: dir.appendingPathComponent("import.sh").path)
        #expect((attrs[.posixPermissions] as? Int ?? 0) & 0o100 != 0)
        let a = try sna(["centrality", "samples/noerrebro", "--measures", "degree,betweenness,pagerank", "--format", "csv"])
        let b = try sna(["centrality", dir.path, "--measures", "degree,betweenness,pagerank", "--format", "csv"])
        #expect(a.status == 0 && b.status == 0 && a.stdout == b.stdout, "\(b.stderr)")
        // Again into the same folder: replaced whole.
        #expect(try sna(["export", "samples/noerrebro", "--format", "neo4j", "-o", dir.path]).status == 0)
        try Data("x".utf8).write(to: dir.appendingPathComponent("notes.txt"))
        let refused = try sna(["export", "samples/noerrebro", "--format", "neo4j", "-o", dir.path])
        #expect(refused.status != 0 && refused.stderr.contains("not an sna export"))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("notes.txt").path))
        let noOut = try sna(["export", "samples/noerrebro", "--format", "edges"])
        #expect(noOut.status != 0 && noOut.stderr.contains("give -o DIR"))
    }
}

@Suite("the area rule follows the policy")
struct AreaRuleTests {
    @Test("brokerage --by area and clusters --by area read the policy's focus_districts; render --color-by area works")
    func area() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sna-area-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let policy = dir.appendingPathComponent("p.yaml")
        try Data("focus_districts: [Amager Øst]\n".utf8).write(to: policy)
        func areaOf(_ args: [String]) throws -> [String: String] {
            let r = try sna(["brokerage", "samples/noerrebro", "--by", "area", "--format", "csv"] + args)
            #expect(r.status == 0, "\(r.stderr)")
            var m: [String: String] = [:]
            for line in r.stdout.split(separator: "\n").dropFirst() {
                let f = line.split(separator: ",", omittingEmptySubsequences: false)
                m[String(f[0])] = String(f[1])
            }
            return m
        }
        let byDefault = try areaOf([]), byPolicy = try areaOf(["--policy", policy.path])
        // P0001 lives in Indre Nørrebro (area A by default), not in the policy's focus district.
        #expect(byDefault["P0001"] == "A")
        #expect(byPolicy["P0001"] == "B")
        let render = try sna(["render", "samples/noerrebro", "--color-by", "area", "--format", "dot", "-o", dir.appendingPathComponent("a.dot").path])
        #expect(render.status == 0, "\(render.stderr)")
        let dot = try String(contentsOf: dir.appendingPathComponent("a.dot"), encoding: .utf8)
        #expect(dot.contains("area"))
    }
}
