import ArgumentParser
import Foundation
import Network
import Screening
import Rendering

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draw the network for a meeting: DOT, SVG, PNG or PDF through Graphviz.",
        discussion: """
        Views: network (whole), ego:ID (with --radius), cluster:N (from sna clusters with the same --seed), core (the discrete core and its direct contacts), candidates:FILE (the union of the ego networks of the ids in FILE: a CSV with an id or person_id column, or one id per line).

        Encoding: node size by --size-by, fill by --color-by (cluster, category = log category, group, area, district, or a persons.csv column), groups as boxes, a double border for persons in custody or serving a sentence, a red outline for persons under 18; edges solid for co-offending, dashed for affiliation, dotted for location, coloured for analyst links, width by weight. Every image carries a legend, a title, the data period and the generation date (--generated, or SOURCE_DATE_EPOCH, or today).

        Labels are pseudonymous ids unless --names; persons under 18 are labelled "minor" even with --names unless --show-minors. Large views switch to the sfdp layout above 150 nodes, drop labels above 400 (said on stderr) and are refused above 5,000 nodes: filter with --links, --from/--to or a smaller view.

        Examples:
          sna render samples/noerrebro -o network.svg
          sna render samples/noerrebro --view ego:P0012 --names --purpose TSG
          sna render samples/noerrebro --view cluster:0 --color-by group -o c0.pdf
        """
    )

    @OptionGroup var input: InputOptions

    @Option(name: .long, help: "View: network, ego:ID, cluster:N, core or candidates:FILE.")
    var view: String = "network"

    @Option(name: .long, help: "Hops around the person for ego and candidates views.")
    var radius: Int = 1

    @Option(name: .long, help: "Format: dot, svg, png or pdf (default: from the -o extension, else svg).")
    var format: String?

    @Option(name: .long, help: "Layout: dot, neato, fdp, sfdp or circo (default: neato, sfdp above 150 nodes).")
    var layout: String?

    @Option(name: .customLong("size-by"), help: "Measure that sizes the nodes.")
    var sizeBy: String = "degree"

    @Option(name: .customLong("color-by"), help: "Fill by: cluster, category, group, area, district or a persons.csv column.")
    var colorBy: String = "cluster"

    @OptionGroup var disclosure: DisclosureOptions


    @Option(name: .long, help: "Seed for the clusters used by --color-by cluster and --view cluster:N.")
    var seed: UInt64 = 1

    @Option(name: .long, help: ArgumentHelp("Generation date printed on the image (YYYY-MM-DD).", valueName: "date"))
    var generated: String?

    @Option(name: .long, help: "Title (default: the view and the input).")
    var title: String?

    @OptionGroup var output: OutputOptions
    @OptionGroup var actor: ActorOptions


    func validate() throws {
        if let format, RenderFormat(rawValue: format) == nil { throw ValidationError("--format must be dot, svg, png or pdf.") }
        if let layout, LayoutEngine(rawValue: layout) == nil { throw ValidationError("--layout must be dot, neato, fdp, sfdp or circo.") }
        if !Measures.isKnown(sizeBy) { throw ValidationError("Unknown measure '\(sizeBy)' for --size-by.") }
        if radius < 1 { throw ValidationError("--radius must be at least 1.") }
        try actor.requirePurpose(disclosure)
        if let generated, Day(iso: generated) == nil { throw ValidationError("--generated '\(generated)' is not a date; write YYYY-MM-DD.") }
        // The format by the file's extension: one of ours, or an error naming them.
        if let o = output.output {
            let ext = URL(fileURLWithPath: o).pathExtension.lowercased()
            let known = RenderFormat.allCases.map(\.rawValue)
            if !ext.isEmpty && !known.contains(ext) && ext != "gv" {
                throw ValidationError("-o \(o): sna render writes \(known.joined(separator: ", ")) (by the file's extension or --format); '.\(ext)' is not one\(["jpg", "jpeg", "gif"].contains(ext) ? " — write a PNG" : "").")
            }
            if let format, !ext.isEmpty, ext != format && !(ext == "gv" && format == "dot") {
                throw ValidationError("-o \(o) says .\(ext) but --format says \(format): drop one of them.")
            }
        }
        if output.output == nil && format != "dot" && format != "svg" && format != nil {
            throw ValidationError("PNG and PDF are binary: write them to a file with -o.")
        }
    }

    var outputFormat: RenderFormat {
        if let format { return RenderFormat(rawValue: format)! }
        if let o = output.output {
            let ext = URL(fileURLWithPath: o).pathExtension.lowercased()
            if let f = RenderFormat(rawValue: ext == "gv" ? "dot" : ext) { return f }
        }
        return .svg
    }

    func generationDay() -> String { snaGenerationDay(generated) }

    func run() throws {
        try reportingErrors {
            if view == "groups" { return try renderGroups() }
            let net = try input.loadNetwork()
            let g = net.graph
            let n = g.nodeCount
            var keep = [Bool](repeating: true, count: n)
            var viewName = "whole network"
            var focus = Set<Int>()
            var partition: Partition?
            func clusters() -> Partition {
                if let partition { return partition }
                let p = Communities.leiden(g, seed: seed)
                partition = p
                return p
            }
            func ego(_ ids: [Int]) -> [Bool] {
                var k = [Bool](repeating: false, count: n)
                for v in ids {
                    k[v] = true
                    for (u, _) in Paths.neighbourhood(g, of: v, radius: radius) { k[u] = true }
                }
                return k
            }
            let parts = view.split(separator: ":", maxSplits: 1).map(String.init)
            switch parts[0] {
            case "network": break
            case "ego":
                guard parts.count == 2, let v = g.index(of: parts[1]) else {
                    throw CLIError("--view ego:ID needs a person id in \(net.dataset.location), e.g. --view ego:\(g.labels.first ?? "P0001")")
                }
                keep = ego([v])
                focus = [v]
                viewName = "ego network of \(parts[1]) (radius \(radius))"
            case "cluster":
                let p = clusters()
                guard parts.count == 2, let c = Int(parts[1]), c >= 0, c < p.count else {
                    throw CLIError("--view cluster:N needs a cluster number 0...\(p.count - 1) (see sna clusters --seed \(seed))")
                }
                keep = p.membership.map { $0 == c }
                viewName = "cluster \(c) (Leiden, seed \(seed))"
            case "core":
                let split = CorePeriphery.discrete(g, seed: seed)
                keep = split.core
                for v in 0..<n where split.core[v] {
                    for k in Int(g.out.offsets[v])..<Int(g.out.offsets[v + 1]) { keep[Int(g.out.targets[k])] = true }
                }
                viewName = "core (\(split.coreMembers.count) persons) and their direct contacts"
            case "candidates":
                guard parts.count == 2 else { throw CLIError("--view candidates:FILE needs a file of ids") }
                let ids = try readCandidateIDs(parts[1])
                var nodes: [Int] = []
                for (id, line) in ids {
                    guard let v = g.index(of: id) else { throw InputError(file: parts[1], line: line, field: nil, "unknown person '\(id)'") }
                    nodes.append(v)
                }
                keep = ego(nodes)
                focus = Set(nodes)
                viewName = "\(nodes.count) candidates and their contacts (radius \(radius))"
            default:
                throw CLIError("unknown view '\(view)' (expected network, ego:ID, cluster:N, core, candidates:FILE or groups)")
            }
            let shown = keep.filter { $0 }.count
            if shown > LayoutDefaults.refuseAbove && outputFormat != .dot {
                throw CLIError("the view has \(shown) nodes, more than \(LayoutDefaults.refuseAbove) can be laid out readably; filter with --links, --from/--to or a smaller --view (ego:, cluster:, core), or use --format dot")
            }
            var engine = LayoutEngine(rawValue: layout ?? "") ?? (shown > LayoutDefaults.sfdpAbove ? .sfdp : .neato)
            if engine == .dot && shown > LayoutDefaults.sfdpAbove {
                note("note: the dot layout does not finish on \(shown) nodes in reasonable time; using sfdp")
                engine = .sfdp
            }
            var writer = DOTWriter(names: disclosure.names)
            writer.keep = keep
            writer.focus = focus
            writer.legend = true
            writer.dpi = outputFormat == .png ? 100 : nil
            writer.showMinors = disclosure.showMinors
            writer.minorsAsOf = net.dataset.period?.last
            writer.labels = shown <= LayoutDefaults.unlabelledAbove
            if !writer.labels { note("note: \(shown) nodes: labels dropped to keep the image readable (ids stay in the SVG tooltips)") }
            writer.sizeBy = try Measures.compute([sizeBy], on: g)[0]
            switch colorBy {
            case "cluster":
                let p = clusters()
                // Single-person clusters (isolates) stay grey so the palette goes to real clusters.
                writer.colorBy = ("cluster (Leiden, seed \(seed))", p.membership.map { p.clusters[$0].count > 1 ? "cluster \($0)" : nil })
            case "category":
                var cat = [String?](repeating: nil, count: n)
                for e in net.dataset.log { if let v = g.index(of: e.personID) { cat[v] = e.category } }
                writer.colorBy = ("log category", cat)
            default:
                guard NodeAttributes.isKnown(net, colorBy) else {
                    throw CLIError("--color-by \(colorBy): no person has that attribute (use cluster, category, group, area, district or a persons.csv column)")
                }
                writer.colorBy = (colorBy, NodeAttributes.values(net, colorBy, area: Policy.default.areaLabel))
            }
            writer.title = title ?? "\(viewName) — \(net.dataset.location)"
            var sub: [String] = []
            if let p = net.dataset.period {
                let from = net.options.from.map { max($0, p.first) } ?? p.first
                let to = net.options.to.map { min($0, p.last) } ?? p.last
                sub.append("data \(from) to \(to); ties: \(input.links ?? "co-offending, location, analyst links")")
            }
            sub.append("\(shown) persons/groups shown; generated \(generationDay()) by sna \(snaVersion); \(disclosure.names ? "NAMES SHOWN" : "pseudonymous ids")")
            writer.subtitle = sub
            let dot = writer.write(net)
            let data: Data
            do {
                data = try GraphvizRenderer.shared.render(dot: dot, engine: engine, format: outputFormat)
            } catch let e as RenderError {
                throw CLIError(e.description)
            }
            try output.emit(data)
            try actor.record(input, action: .render, what: "render \(view) as \(outputFormat) to \(output.output ?? "stdout") (\(shown) shown\(disclosure.discloses ? ", " + disclosure.described : ""))")
        }
    }

    /// The group network (`--view groups`): groups sized by members, alliance and conflict ties.
    func renderGroups() throws {
        let policy = try input.loadPolicy()
        let ds = try input.loadDataset()
        let o = input.buildOptions()
        let names = ds.groups
        if names.isEmpty { throw CLIError("\(ds.location): no affiliations, so no groups to draw (affiliations.csv)") }
        let ties = policy.groupTies(ds, from: o.from, to: o.to, includeInitiative: input.includeInitiative)
        let groups = names.map { (name: $0, members: GroupNetwork.members(ds, group: $0, from: o.from, to: o.to).count) }
        let span = ds.period.map { p in "cases \(o.from.map { max($0, p.first) } ?? p.first) to \(o.to.map { min($0, p.last) } ?? p.last)" } ?? "no dated cases"
        let dot = GroupNetwork.dot(groups: groups, ties: ties, title: title ?? "group network — \(ds.location)",
                                   subtitle: [span, "alliance = suspects of both groups in one case; conflict = suspect of one, victim of the other (or a \(policy.gangConflictTag) case)",
                                              "generated \(generationDay()) by sna \(snaVersion); no persons shown"])
        let data: Data
        do {
            data = outputFormat == .dot ? Data(dot.utf8) : try GraphvizRenderer.shared.render(dot: dot, engine: LayoutEngine(rawValue: layout ?? "") ?? .fdp, format: outputFormat)
        } catch let e as RenderError {
            throw CLIError(e.description)
        }
        try output.emit(data)
        try actor.record(input, action: .render, what: "render groups as \(outputFormat) to \(output.output ?? "stdout") (\(groups.count) groups)")
    }

    /// Ids from a CSV with an `id` or `person_id` column, or from a plain list (one id per line).
    func readCandidateIDs(_ path: String) throws -> [(String, Int)] {
        let csv = try CSVReader(url: URL(fileURLWithPath: path), file: path)
        var out: [(String, Int)] = []
        if let c = csv.column("id") ?? csv.column("person_id") {
            try csv.forEachRecord { if !$0.fields[c].isEmpty { out.append(($0.fields[c], $0.line)) } }
            return out
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw InputError(file: path, "cannot be read as UTF-8 text")
        }
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let id = line.split(separator: ",").first.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
            if !id.isEmpty { out.append((id, i + 1)) }
        }
        return out
    }
}
