import Foundation
import Testing
import Network
import Rendering

/// One visual language across images (issue 17): colours by the value's identity, legends from
/// what is drawn, views that answer their question, sizes that keep labels legible.
@Suite("images: one visual language")
struct ImageLanguageTests {
    let sample = "samples/noerrebro"

    func dot(_ args: [String]) throws -> String {
        let r = try sna(["render", sample, "--generated", "2016-01-15", "--format", "dot"] + args)
        #expect(r.status == 0, "\(r.stderr)")
        return r.stdout
    }

    /// Node statements: id → attributes.
    func nodes(_ dot: String) -> [String: String] {
        var out: [String: String] = [:]
        for line in dot.split(separator: "\n") where line.hasPrefix("  \"") && !line.contains("\" -- \"") {
            let id = line.dropFirst(3).prefix { $0 != "\"" }
            out[String(id)] = String(line)
        }
        return out
    }

    func attribute(_ name: String, _ line: String) -> String? {
        guard let r = line.range(of: "\(name)=") else { return nil }
        let rest = line[r.upperBound...]
        if rest.first == "\"" { return String(rest.dropFirst().prefix { $0 != "\"" }) }
        return String(rest.prefix { $0 != "," && $0 != "]" })
    }

    @Test("a value keeps its colour in every view of the same data")
    func stableColours() throws {
        var colourOf: [String: Set<String>] = [:]
        let groups = try sna(["render", sample, "--format", "dot", "--color-by", "group"])
        let groupLines = nodes(groups.stdout)
        for view in ["cluster:0", "cluster:1", "cluster:2", "cluster:3", "core", "ego:P0012"] {
            for (id, line) in nodes(try dot(["--view", view, "--color-by", "group"])) {
                let fill = try #require(attribute("fillcolor", line))
                // Pale (second-step) persons carry the same colour with an alpha channel.
                colourOf[id, default: []].insert(String(fill.prefix(7)))
                #expect(String(fill.prefix(7)) == attribute("fillcolor", groupLines[id]!).map { String($0.prefix(7)) }, "\(id) in \(view)")
            }
        }
        #expect(colourOf.values.allSatisfy { $0.count == 1 })
        // Log categories have fixed colours: A1, A2, B1, B2 in the vocabulary's order.
        let cats = nodes(try dot(["--view", "cluster:1", "--color-by", "category"]))
        let log = try String(contentsOf: repoRoot.appendingPathComponent("\(sample)/log.csv"), encoding: .utf8)
        var category: [String: String] = [:]
        for row in log.split(separator: "\n").dropFirst() {
            let f = row.split(separator: ",", omittingEmptySubsequences: false)
            if f.count > 1 { category[String(f[0])] = String(f[1]) }
        }
        for (id, line) in cats {
            guard let c = category[id], let i = NodeColouring.categoryDomain.firstIndex(of: c) else { continue }
            #expect(attribute("fillcolor", line) == DOTWriter.Palette.categories[i], "\(id) \(c)")
        }
    }

    @Test("the legend shows only what the image draws, each kind of tie with its own line")
    func legend() throws {
        let ego = try dot(["--view", "ego:P0012"])
        let legend = String(ego.split(separator: "\n")[1])
        // P0012's ego network: co-offending and location ties only.
        #expect(legend.contains("co-offending") && legend.contains("location"))
        #expect(!legend.contains("family") && !legend.contains("affiliation") && !legend.contains("box: group"))
        #expect(legend.contains("How to read"))
        #expect(legend.contains("color=\"#333333\"") && legend.contains("color=\"#9A9A9A\""))
        let whole = try dot([])
        let wholeLegend = String(whole.split(separator: "\n")[1])
        #expect(wholeLegend.contains("family") && wholeLegend.contains("communication"))
        // Each analyst link type is drawn in its own colour, the legend's.
        let family = whole.split(separator: "\n").first { $0.contains("type=\"family\"") }.map(String.init)
        let colour = try #require(family.flatMap { attribute("color", $0) })
        #expect(wholeLegend.contains("<font color=\"\(colour)\"><b>") && colour != "#333333")
    }

    @Test("ego: the focus's ties are strong, persons two steps out pale and labelled (or their tooltip) via a direct contact")
    func ego() throws {
        let text = try dot(["--view", "ego:P0012", "--radius", "2"])
        let lines = nodes(text)
        let direct = try sna(["ego", sample, "P0012", "--format", "csv"]).stdout.split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[0]) }
        #expect(!direct.isEmpty)
        var vias = 0
        for (id, line) in lines where id != "P0012" {
            // Persons two steps out are labelled "via" their contact, or, drawn small and
            // unlabelled (labels by importance), say it in the tooltip.
            let label = (attribute("label", line) ?? "").isEmpty ? attribute("tooltip", line) ?? "" : attribute("label", line) ?? ""
            if direct.contains(id) {
                #expect(!label.contains("via"), "\(id) is a direct contact")
            } else {
                let via = try #require(label.components(separatedBy: "via ").last)
                #expect(direct.contains(via), "\(id) is reached via \(via), not a direct contact")
                #expect(attribute("fillcolor", line)?.count == 9, "\(id) should be pale")
                vias += 1
            }
        }
        #expect(vias > 0)
        var focusWidths: [Double] = [], otherWidths: [Double] = []
        for line in text.split(separator: "\n") where line.contains("\" -- \"") {
            let w = Double(attribute("penwidth", String(line)) ?? "0") ?? 0
            if line.contains("\"P0012\"") { focusWidths.append(w) } else { otherWidths.append(w) }
        }
        #expect(focusWidths.min()! >= 2)
        // Small views route ties around persons; large ones keep straight lines (cost).
        #expect(try dot(["--view", "ego:P0012"]).contains("splines=true"))
        #expect(!text.contains("splines=true"))
    }

    @Test("core: core persons are marked and --color-by core works in any view")
    func core() throws {
        let text = try dot(["--view", "core"])
        let cp = try sna(["coreperiphery", sample, "--format", "csv"])
        #expect(cp.status == 0, "\(cp.stderr)")
        let header = cp.stdout.split(separator: "\n")[0].split(separator: ",")
        let coreColumn = try #require(header.firstIndex(of: "core"))
        let core = Set(cp.stdout.split(separator: "\n").dropFirst().compactMap { row -> String? in
            let f = row.split(separator: ",", omittingEmptySubsequences: false)
            return f[coreColumn] == "1" || f[coreColumn] == "true" ? String(f[0]) : nil
        })
        #expect(!core.isEmpty)
        for (id, line) in nodes(text) {
            #expect((line.contains("color=\"#000000\", penwidth=3") || line.contains("penwidth=4")) == core.contains(id), "\(id)")
            #expect((attribute("fillcolor", line) == DOTWriter.Palette.core[0]) == core.contains(id), "\(id): core is the first colour")
        }
        let recolored = try dot(["--view", "cluster:0", "--color-by", "core"])
        #expect(recolored.contains("core / periphery"))
    }

    @Test("overview: one circle per cluster, lines counting the ties between clusters")
    func overview() throws {
        let text = try dot(["--view", "overview"])
        let clusters = try sna(["clusters", sample, "--format", "csv"]).stdout
        var member: [String: Int] = [:], size: [Int: Int] = [:]
        for row in clusters.split(separator: "\n").dropFirst() {
            let f = row.split(separator: ",")
            member[String(f[0])] = Int(f[1])!
            size[Int(f[1])!, default: 0] += 1
        }
        let circles = text.split(separator: "\n").filter { $0.hasPrefix("  \"c") && !$0.contains(" -- ") }
        #expect(circles.count == size.values.filter { $0 > 1 }.count)
        let edges = try sna(["export", sample, "--format", "csv"]).stdout
        var between = 0
        for row in edges.split(separator: "\n").dropFirst() {
            let f = row.split(separator: ",")
            guard f.count >= 2, let a = member[String(f[0])], let b = member[String(f[1])] else { continue }
            if a != b && size[a]! > 1 && size[b]! > 1 { between += 1 }
        }
        let drawn = text.split(separator: "\n").filter { $0.contains(" -- ") }.compactMap { attribute("label", String($0)).flatMap(Int.init) }.reduce(0, +)
        #expect(drawn == between)
    }

    @Test("--size and --min-label: the persons that matter are labelled at the size asked for, and a view too large for its page says so", .enabled(if: GraphvizRenderer.isAvailable))
    func size() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        // The core view on a small page: the most important core members labelled at 6 pt or
        // more, the rest small; stderr says how many and suggests a split.
        let small = dir.appendingPathComponent("small.svg").path
        let r = try sna(["render", sample, "--view", "core", "--size", "210x148mm", "-o", small])
        #expect(r.status == 0, "\(r.stderr)")
        let svg = try String(contentsOfFile: small, encoding: .utf8)
        let labels = MeetingViewTests.printedLabels(svg, box: (210, 148))
        #expect(!labels.isEmpty && labels.allSatisfy { $0.points >= 5.99 }, "\(labels.filter { $0.points < 5.99 })")
        let core = try sna(["core-periphery", sample, "--format", "csv"]).stdout.split(separator: "\n").dropFirst().filter { $0.contains(",core") }.count
        if labels.count < core {
            #expect(r.stderr.contains("labelled \(labels.count) of the \(core) persons that matter") && r.stderr.contains("split"), "\(r.stderr)")
            #expect(svg.contains("labels: \(labels.count) of \(core) that matter"))
        }
        // An ego view on A4: the person and every direct contact labelled at 6 pt or more.
        let big = dir.appendingPathComponent("big.svg").path
        let b = try sna(["render", sample, "--view", "ego:P0012", "--size", "297x210mm", "-o", big])
        #expect(b.status == 0 && !b.stderr.contains("labelled"), "\(b.stderr)")
        let ego = MeetingViewTests.printedLabels(try String(contentsOfFile: big, encoding: .utf8), box: (297, 210))
        let contacts = try sna(["export", sample, "--format", "csv"]).stdout.split(separator: "\n").filter { $0.hasPrefix("P0012,") || $0.contains(",P0012,") }.count
        #expect(ego.count >= contacts + 1 && ego.allSatisfy { $0.points >= 5.99 }, "\(ego.count) labels for \(contacts) contacts")
        // A larger --min-label asks for larger labels.
        let large = dir.appendingPathComponent("large.svg").path
        #expect(try sna(["render", sample, "--view", "ego:P0012", "--size", "297x210mm", "--min-label", "9", "-o", large]).status == 0)
        #expect(MeetingViewTests.printedLabels(try String(contentsOfFile: large, encoding: .utf8), box: (297, 210)).allSatisfy { $0.points >= 8.99 })
        let bad = try sna(["render", sample, "--size", "16 by 11"])
        #expect(bad.status != 0 && bad.stderr.contains("297x210mm"))
        #expect(ImageSize(parsing: "297x210mm", dpi: 96).map { ($0.widthInches * 100).rounded() } == 1169)
        #expect(ImageSize(parsing: "1920x1080px", dpi: 96)?.graphviz == "20,11.25")
        #expect(ImageSize(parsing: "0x5", dpi: 96) == nil)
    }

    @Test("numbers shown to people: three significant digits, integers as integers")
    func significantDigits() {
        #expect(significant(0.240994) == "0.241")
        #expect(significant(0.08547) == "0.0855")
        #expect(significant(0.03) == "0.0300")
        #expect(significant(1, integral: true) == "1")
        #expect(significant(1) == "1.00")
        #expect(significant(1520.4) == "1520")
        #expect(significant(.nan) == "-")
        #expect(significant(0) == "0")
    }
}
