import Foundation
import Network
import Rendering
import Testing

/// Issue 30: what the meeting sees.
@Suite("what the meeting sees", .serialized)
struct MeetingViewTests {
    @Test("a recategorization names what changed; on a store, a district move names the move and the pulls")
    func categoryChangeSaysWhy() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("data")
        try FileManager.default.copyItem(at: repoRoot.appendingPathComponent("samples/noerrebro"), to: data)
        let db = dir.appendingPathComponent("sna.sqlite").path
        #expect(try sna(["ingest", data.path, "--as-of", "2015-06-30", "--store", db]).status == 0)
        // P0001 (A2, Indre Nørrebro) moves to Nordvest before the second pull.
        let persons = data.appendingPathComponent("persons.csv")
        let text = try String(contentsOf: persons, encoding: .utf8)
        try text.replacingOccurrences(of: "P0001,Torben Thomsen,1990-02-23,København,Indre Nørrebro,", with: "P0001,Torben Thomsen,1990-02-23,København,Nordvest,")
            .write(to: persons, atomically: true, encoding: .utf8)
        #expect(try sna(["ingest", data.path, "--as-of", "2015-12-31", "--store", db]).status == 0)
        let r = try sna(["propose", db, "--format", "csv"])
        #expect(r.status == 0, "\(r.stderr)")
        let line = try #require(r.stdout.split(separator: "\n").first { $0.contains(",P0001,recategorize,") }, "\(r.stdout.prefix(400))")
        #expect(line.contains("A2 → B2: area A → B: lives in Nordvest now, outside the focus district (Indre Nørrebro)"), "\(line)")
        #expect(line.contains("moved from Indre Nørrebro to Nordvest between the pulls of 2015-06-30 and 2015-12-31"), "\(line)")
        // On a folder, every recategorization says what changed (tier, area or both).
        let f = try sna(["propose", "samples/noerrebro", "--format", "csv"])
        let recats = f.stdout.split(separator: "\n").filter { $0.contains(",recategorize,") }
        #expect(!recats.isEmpty && recats.allSatisfy { $0.contains(": area ") || $0.contains(": tier ") })
    }

    @Test("the pack is scoped: --links changes its rankings and page 1 says which network it shows")
    func packScope() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("default"), b = dir.appendingPathComponent("sightings")
        #expect(try sna(["report", "samples/noerrebro", "-o", a.path, "--robustness-runs", "5"]).status == 0)
        #expect(try sna(["report", "samples/noerrebro", "-o", b.path, "--robustness-runs", "5", "--links", "co-offending,location,analyst"]).status == 0)
        let ha = try String(contentsOf: a.appendingPathComponent("index.html"), encoding: .utf8)
        let hb = try String(contentsOf: b.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(ha.contains("network shown") && ha.contains("co-offending and analyst links (the default"))
        // The chair's page opens the pack.
        let summary = try #require(ha.components(separatedBy: "id=\"summary\"").dropFirst().first?.components(separatedBy: "</section>").first)
        #expect(summary.contains("on the log") && summary.contains("proposals to decide") && summary.contains("Rising fastest") && summary.contains("Crime picture: robbery in the focus area"))
        #expect(ha.range(of: "id=\"summary\"")!.lowerBound < ha.range(of: "id=\"data\"")!.lowerBound)
        #expect(hb.contains("ties of kind co-offending,location,analyst (--links)"))
        let sa = try String(contentsOf: a.appendingPathComponent("scores.csv"), encoding: .utf8)
        let sb = try String(contentsOf: b.appendingPathComponent("scores.csv"), encoding: .utf8)
        #expect(sa != sb)
        let r = try sna(["report", "samples/noerrebro", "-o", dir.appendingPathComponent("x").path, "--from", "2015-13-01"])
        #expect(r.status != 0 && r.stderr.contains("--from"))
    }

    @Test("the overview tells the truth: majority labels from the data with their share, circle area in proportion to members")
    func overviewTruth() throws {
        let dot = try sna(["render", "samples/noerrebro", "--view", "overview", "--format", "dot"]).stdout
        let clusters = try sna(["clusters", "samples/noerrebro", "--format", "csv"]).stdout.split(separator: "\n").dropFirst()
            .map { $0.split(separator: ",").map(String.init) }
        // A person's group: the most confident affiliation, the earliest row on ties (README "Groups").
        var groupOf: [String: (rank: Int, group: String)] = [:]
        for row in try String(contentsOfFile: "samples/noerrebro/affiliations.csv", encoding: .utf8).split(separator: "\n").dropFirst() {
            let f = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let rank = ["confirmed": 0, "probable": 1, "possible": 2][f[5]] ?? 3
            if let b = groupOf[f[0]], b.rank <= rank { continue }
            groupOf[f[0]] = (rank, f[1])
        }
        var ratios: [Double] = []
        for line in dot.split(separator: "\n") where line.contains("[label=\"cluster ") {
            let label = String(line.split(separator: "\"")[3])
            let parts = label.components(separatedBy: "\\n")
            let c = parts[0].replacingOccurrences(of: "cluster ", with: "")
            let members = clusters.filter { $0[1] == c }.map { $0[0] }
            #expect(parts[1] == "\(members.count) persons")
            let width = Double(line.components(separatedBy: "width=")[1].split(separator: ",")[0])!
            ratios.append(width / Double(members.count).squareRoot())
            // The label's group and share, against the members' groups (first affiliation listed).
            var counts: [String: Int] = [:]
            for m in members { if let g = groupOf[m]?.group { counts[g, default: 0] += 1 } }
            guard let top = counts.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }) else { #expect(parts[2] == "no group"); continue }
            let pct = Int((Double(top.value) / Double(members.count) * 100).rounded())
            #expect(label.contains("\(top.key) \(pct) %"), "\(label) vs \(top.key) \(pct) %")
            #expect((pct >= 50) == !label.contains("mixed"))
        }
        #expect(ratios.count >= 5)
        #expect(ratios.allSatisfy { abs($0 - ratios[0]) / ratios[0] < 0.02 }, "\(ratios)")
    }

    @Test("one palette family per meaning: no colour shared by two meanings, and the pack's images use only their meaning's",
          .enabled(if: GraphvizRenderer.isAvailable))
    func palettes() throws {
        let families = DOTWriter.Palette.all
        for (i, a) in families.enumerated() {
            #expect(Set(a.colours).count == a.colours.count, "\(a.meaning) repeats a colour")
            for b in families[(i + 1)...] {
                #expect(Set(a.colours.map { $0.lowercased() }).isDisjoint(with: b.colours.map { $0.lowercased() }), "\(a.meaning) and \(b.meaning) share a colour")
            }
        }
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("sna.sqlite").path
        #expect(try sna(["ingest", "samples/noerrebro", "--as-of", "2015-12-31", "--store", db]).status == 0)
        #expect(try sna(["report", "--store", db, "-o", dir.appendingPathComponent("pack").path, "--robustness-runs", "5"]).status == 0)
        let html = try String(contentsOf: dir.appendingPathComponent("pack/index.html"), encoding: .utf8)
        // Each colour of a family that the pack uses, with the families it was found in.
        var used: [String: Set<String>] = [:]
        let fills = html.components(separatedBy: "fill=\"").dropFirst().map { String($0.prefix(7)).lowercased() }
        for f in Set(fills) {
            for fam in families where fam.colours.map({ $0.lowercased() }).contains(f) { used[f, default: []].insert(fam.meaning) }
        }
        #expect(used.values.allSatisfy { $0.count == 1 })
        // Each image's legend shows the colours its nodes are drawn in.
        var figures = 0
        for fig in html.components(separatedBy: "<figure class=\"graph").dropFirst() {
            let body = fig.components(separatedBy: "</figure>")[0]
            guard let svgEnd = body.range(of: "</svg>") else { continue }
            let drawn = Set(body[..<svgEnd.lowerBound].components(separatedBy: "fill=\"").dropFirst().map { String($0.prefix(7)).lowercased() })
            let swatches = body.components(separatedBy: "class=\"swatch\" style=\"background:").dropFirst().map { String($0.prefix(7)).lowercased() }
            for c in swatches where c != DOTWriter.noValueColor { #expect(drawn.contains(c), "legend colour \(c) is not drawn in its image") }
            figures += 1
        }
        #expect(figures >= 5)
        #expect(Set(used.values.flatMap { $0 }).isSuperset(of: ["clusters", "groups", "categories"]), "\(used)")
    }

    @Test("sna profile: one person on a page, pseudonymous, recorded on a store; unknown and restricted persons refused")
    func profile() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("p.html")
        var r = try sna(["profile", "P0264", "samples/noerrebro", "-o", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let html = try String(contentsOf: out, encoding: .utf8)
        #expect(html.contains("Profile: P0264") && html.contains("age band") && html.contains("Position in the network") && html.contains("Timeline, newest first"))
        #expect(html.contains("rank 1 of 280"))
        let names = try String(contentsOfFile: "samples/noerrebro/persons.csv", encoding: .utf8).split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[1]) }
        #expect(!names.contains { html.contains($0) })
        r = try sna(["profile", "NOBODY", "samples/noerrebro"])
        #expect(r.status == 1 && r.stderr.contains("no person 'NOBODY'"))
        let db = dir.appendingPathComponent("sna.sqlite").path
        #expect(try sna(["ingest", "samples/noerrebro", "--as-of", "2015-12-31", "--store", db]).status == 0)
        #expect(try sna(["profile", "P0264", db, "-o", out.path]).status == 0)
        #expect(try sna(["audit", "show", "--store", db, "--person", "P0264", "--format", "csv"]).stdout.contains("profile of P0264"))
        #expect(try sna(["request", "add", "P0264", "contest", "--received", "2016-01-05", "--store", db]).status == 0)
        r = try sna(["profile", "P0264", db])
        #expect(r.status == 1 && r.stderr.contains("restricted"))
    }

    /// The node labels of a Graphviz SVG and the size (points) each prints at when the image is
    /// fitted into a box of `box` millimetres (as the pack's print style and `--size` fit it):
    /// the font size × the drawing's scale × the fit of the viewBox into the box.
    static func printedLabels(_ svg: String, box: (Double, Double)) -> [(id: String, points: Double)] {
        func number(after key: String, in s: String) -> [Double] {
            guard let r = s.range(of: key) else { return [] }
            return s[r.upperBound...].prefix { $0 != "\"" && $0 != ")" }.split(whereSeparator: { $0 == " " || $0 == "," }).compactMap { Double($0) }
        }
        let vb = number(after: "viewBox=\"", in: svg)
        let scale = number(after: "transform=\"scale(", in: svg).first ?? 1
        guard vb.count == 4, vb[2] > 0, vb[3] > 0 else { return [] }
        let fit = min(box.0 * 72 / 25.4 / vb[2], box.1 * 72 / 25.4 / vb[3])
        var out: [(String, Double)] = []
        for g in svg.components(separatedBy: "class=\"node\">").dropFirst() {
            let body = g.components(separatedBy: "</g>")[0]
            guard let id = body.components(separatedBy: "<title>").dropFirst().first?.components(separatedBy: "</title>").first,
                  let text = body.components(separatedBy: "<text").dropFirst().first,
                  let size = number(after: "font-size=\"", in: text).first else { continue }
            out.append((id, size * scale * fit))
        }
        return out
    }

    @Test("labels by importance: in the pack, every candidate and every core member is labelled at 6 pt or more on A4", .enabled(if: GraphvizRenderer.isAvailable))
    func labelsWhereTheyMatter() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try sna(["report", "samples/noerrebro", "-o", dir.appendingPathComponent("pack").path, "--robustness-runs", "5"]).status == 0)
        let html = try String(contentsOf: dir.appendingPathComponent("pack/index.html"), encoding: .utf8)
        // The printed boxes of the pack's print style (HTMLReport.css): a full-width image
        // 186 × 105 mm, a cluster card 90 × 70 mm, a person's card image 88 × 44 mm.
        var labelled: [String: [String: Double]] = [:]
        for fig in html.components(separatedBy: "<figure class=\"graph").dropFirst() {
            let svg = fig.components(separatedBy: "</svg>")[0]
            guard let name = svg.components(separatedBy: " id=\"").dropFirst().first?.components(separatedBy: "-graph0").first else { continue }
            let box: (Double, Double) = name.hasPrefix("candidate-") ? (88, 44) : name.hasPrefix("cluster-") ? (90, 70) : name == "overview" ? (186, 60) : (186, 105)
            labelled[name] = Dictionary(Self.printedLabels(svg, box: box).map { ($0.id, $0.points) }, uniquingKeysWith: max)
        }
        #expect(labelled.values.allSatisfy { $0.values.allSatisfy { $0 >= 5.99 } }, "labels under 6 pt")
        let candidates = try String(contentsOf: dir.appendingPathComponent("pack/candidates.csv"), encoding: .utf8).split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[1]) }
        #expect(candidates.count == 10)
        for (i, c) in candidates.enumerated() { #expect(labelled["candidate-\(i + 1)"]?[c] != nil, "candidate \(c) unlabelled") }
        let core = html.components(separatedBy: "The core (").dropFirst().first!.components(separatedBy: "</ul>")[0]
            .components(separatedBy: "<li>").dropFirst().map { String($0.prefix { $0 != " " }) }
        #expect(core.count > 10)
        let inClusters = labelled.filter { $0.key.hasPrefix("cluster-") }.values.reduce(into: Set<String>()) { $0.formUnion($1.keys) }
        #expect(core.allSatisfy(inClusters.contains), "core members unlabelled: \(core.filter { !inClusters.contains($0) })")
        // The whole network labels its top persons only; the legend says so.
        #expect((labelled["network"]?.count ?? 0) == 15)
        #expect(html.contains("labels: the top 15 by betweenness; the others small and unlabelled"))
        // Cards: one per candidate and per strong proposal to add or change a category.
        let strong = Set(try String(contentsOf: dir.appendingPathComponent("pack/proposals.csv"), encoding: .utf8).split(separator: "\n").dropFirst()
            .filter { ($0.contains(",add,") || $0.contains(",recategorize,")) && $0.hasSuffix(",strong") }.map { String($0.split(separator: ",")[1]) })
        #expect(!strong.isEmpty)
        #expect(html.components(separatedBy: "<div class=\"pcard\">").count - 1 == 10 + strong.subtracting(candidates).count)
        #expect(html.contains("Candidate 1: ") && html.contains("Position in the network"))
    }

    /// Ties whose drawn path passes inside a person it does not join, per image of the pack:
    /// each tie's Bézier path sampled at 11 points a segment against every other node's ellipse.
    static func crossings(_ svg: String) -> Int {
        func numbers(_ s: String) -> [Double] {
            s.split(whereSeparator: { !($0.isNumber || $0 == "." || $0 == "-") }).compactMap { Double($0) }
        }
        func attr(_ s: String, _ a: String) -> Double? {
            s.components(separatedBy: " \(a)=\"").dropFirst().first.flatMap { Double($0.prefix { $0 != "\"" }) }
        }
        var nodes: [(id: String, cx: Double, cy: Double, rx: Double, ry: Double)] = []
        for g in svg.components(separatedBy: "class=\"node\">").dropFirst() {
            let body = g.components(separatedBy: "</g>")[0]
            guard let id = body.components(separatedBy: "<title>").dropFirst().first?.components(separatedBy: "</title>").first,
                  let e = body.components(separatedBy: "<ellipse").dropFirst().first,
                  let cx = attr(e, "cx"), let cy = attr(e, "cy"), let rx = attr(e, "rx"), let ry = attr(e, "ry") else { continue }
            nodes.append((id, cx, cy, rx, ry))
        }
        var n = 0
        for g in svg.components(separatedBy: "class=\"edge\">").dropFirst() {
            let body = g.components(separatedBy: "</g>")[0]
            guard let title = body.components(separatedBy: "<title>").dropFirst().first?.components(separatedBy: "</title>").first,
                  let d = body.components(separatedBy: " d=\"").dropFirst().first?.components(separatedBy: "\"").first else { continue }
            let ends = Set(title.replacingOccurrences(of: "&#45;&#45;", with: "\u{1}").replacingOccurrences(of: "--", with: "\u{1}").split(separator: "\u{1}").map(String.init))
            let v = numbers(d)
            let pts = stride(from: 0, to: v.count - 1, by: 2).map { (v[$0], v[$0 + 1]) }
            var samples: [(Double, Double)] = []
            var i = 0
            while i + 3 < pts.count {
                let (p0, p1, p2, p3) = (pts[i], pts[i + 1], pts[i + 2], pts[i + 3])
                for k in 0...10 {
                    let t = Double(k) / 10, u = 1 - t
                    samples.append((u * u * u * p0.0 + 3 * u * u * t * p1.0 + 3 * u * t * t * p2.0 + t * t * t * p3.0,
                                    u * u * u * p0.1 + 3 * u * u * t * p1.1 + 3 * u * t * t * p2.1 + t * t * t * p3.1))
                }
                i += 3
            }
            for node in nodes where !ends.contains(node.id) {
                if samples.contains(where: { pow(($0.0 - node.cx) / node.rx, 2) + pow(($0.1 - node.cy) / node.ry, 2) < 0.8 }) { n += 1 }
            }
        }
        return n
    }

    @Test("no tie runs under a person it does not touch, in any image of the pack", .enabled(if: GraphvizRenderer.isAvailable))
    func noTieUnderAPerson() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try sna(["report", "samples/noerrebro", "-o", dir.appendingPathComponent("pack").path, "--robustness-runs", "5"]).status == 0)
        let html = try String(contentsOf: dir.appendingPathComponent("pack/index.html"), encoding: .utf8)
        var views: [String] = []
        for fig in html.components(separatedBy: "<figure class=\"graph").dropFirst() {
            let svg = fig.components(separatedBy: "</svg>")[0]
            let name = fig.components(separatedBy: "id=\"").dropFirst().first?.prefix(while: { $0 != "\"" }) ?? "?"
            #expect(Self.crossings(svg) == 0, "\(name) has ties under persons they do not join")
            views.append(String(name))
        }
        #expect(views.filter { $0.hasPrefix("candidate-") }.count == 10)
        #expect(views.contains { $0.hasPrefix("cluster-") } && views.contains { $0.hasPrefix("network") })
        // The measure finds crossings where there are some: TieRouterTests draws a tie straight
        // through a person and counts it.
    }
}
