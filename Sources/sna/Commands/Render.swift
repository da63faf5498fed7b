import ArgumentParser
import Foundation
import Network
import Screening
import Rendering

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draw the network for a meeting: DOT, SVG, PNG or PDF through Graphviz.",
        discussion: """
        Views: network (every person; above 400 persons only as SVG, zoomable with ids on hover), overview (one circle per cluster, sized by members, lines weighted by the ties between clusters), ego:ID (the person, direct ties drawn strong; with --radius 2 or more, persons further out pale and labelled with the contact they are reached through), cluster:N (from sna clusters with the same --seed), core (the discrete core marked with a heavy border and drawn together, with its direct contacts), candidates:FILE (the ego networks of the ids in FILE: a CSV with an id or person_id column, or one id per line), groups (the group network).

        One visual language in every image and the meeting pack: a value keeps its colour across images of the same data (colours follow the dataset's values, not the image's; log categories A1, A2, B1, B2 always have the same colours), colour-blind-safe palette (Okabe-Ito). Fill by --color-by (cluster, category = log category, core, group, area, district, or a persons.csv column), size by --size-by, groups as boxes, a double border for persons in custody or serving a sentence, a red outline for persons under 18. Ties: co-offending solid dark grey, affiliation dashed brown, location dotted grey, each analyst link type (family, communication, ...) a colour of its own; a tie of several kinds is drawn as parallel lines; width by weight. The legend shows only what is in the image, with a sample of each fill and line, and a "how to read" line; every image carries a title, the data period and the generation date (--generated, or SOURCE_DATE_EPOCH, or today).

        Size: --size WxH is the largest output size (inches, or mm, cm, px; default 16x11); PNG resolution by --dpi. Labels by importance: each view labels the persons that matter for it — the person and the direct contacts in ego and candidates views, every core member in the core view, the --label-top persons by --size-by (and the core members, heavy border) in network and cluster views — at a size that prints at --min-label points or more at --size; the others are drawn small and unlabelled (ids in the SVG tooltips), and the legend says so. When not all can be labelled at that size, the most important are, and stderr suggests a split (by cluster, by group) or a larger --size.

        Labels are pseudonymous ids unless --names; persons under 18 are labelled "minor" even with --names unless --show-minors. Large views switch to the sfdp layout above 150 nodes, are SVG only above 400 and are refused above 5,000 nodes: filter with --links, --from/--to or a smaller view.

        Examples:
          sna render samples/noerrebro -o network.svg
          sna render samples/noerrebro --view ego:P0012 --names --purpose TSG
          sna render samples/noerrebro --view cluster:0 --color-by group -o c0.pdf
          sna render samples/noerrebro --view overview -o overview.png
          sna render samples/noerrebro --view core --size 297x210mm -o core.pdf
        """
    )

    @OptionGroup var input: InputOptions

    @Option(name: .long, help: "View: network, overview, ego:ID, cluster:N, core, candidates:FILE or groups.")
    var view: String = "network"

    @Option(name: .long, help: "Hops around the person for ego and candidates views.")
    var radius: Int = 1

    @Option(name: .long, help: "Format: dot, svg, png or pdf (default: from the -o extension, else svg).")
    var format: String?

    @Option(name: .long, help: "Layout: dot, neato, fdp, sfdp or circo (default: neato, sfdp above 150 nodes).")
    var layout: String?

    @Option(name: .customLong("size-by"), help: "Measure that sizes the nodes.")
    var sizeBy: String = "degree"

    @Option(name: .customLong("color-by"), help: "Fill by: cluster, category, core, group, area, district or a persons.csv column (default: core for --view core, else cluster).")
    var colorBy: String?

    @Option(name: .long, help: ArgumentHelp("Largest output size, WxH in inches, or with mm, cm or px (default 16x11; A4 landscape is 297x210mm). Graphviz only scales down.", valueName: "WxH"))
    var size: String?

    @Option(name: .long, help: "Resolution of a PNG in dots per inch.")
    var dpi: Int = 96

    @Option(name: .customLong("min-label"), help: ArgumentHelp("Smallest printed label size (points at --size): labels are grown to it, and fewer persons labelled when all cannot be.", valueName: "pt"))
    var minLabel: Double = 6

    @Option(name: .customLong("label-top"), help: ArgumentHelp("Whole and cluster views: label the N persons with the highest --size-by.", valueName: "N"))
    var labelTop: Int = 15

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
        if labelTop < 0 || labelTop > 1000 { throw ValidationError("--label-top must be between 0 and 1000.") }
        if dpi < 36 || dpi > 600 { throw ValidationError("--dpi must be between 36 and 600.") }
        if let size, ImageSize(parsing: size, dpi: dpi) == nil {
            throw ValidationError("--size '\(size)' is not WxH between 1 and 100 inches: write e.g. 16x11, 297x210mm, 30x20cm or 1600x1100px.")
        }
        if !minLabel.isFinite || minLabel < 0 || minLabel > 72 { throw ValidationError("--min-label must be between 0 and 72 points.") }
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
            let policy = try input.loadPolicy()
            let g = net.graph
            var partition: Partition?
            func clusters() -> Partition {
                if let partition { return partition }
                let p = Communities.leiden(g, seed: seed)
                partition = p
                return p
            }
            var coreSplit: CorePeriphery.Split?
            func core() -> CorePeriphery.Split {
                if let coreSplit { return coreSplit }
                let s = CorePeriphery.discrete(g, seed: seed)
                coreSplit = s
                return s
            }
            let parts = view.split(separator: ":", maxSplits: 1).map(String.init)
            var picture: NetworkView
            var viewName: String
            switch parts[0] {
            case "network":
                picture = NetworkView.whole(g)
                viewName = "whole network"
                if picture.shown > LayoutDefaults.unlabelledAbove && (outputFormat == .png || outputFormat == .pdf) {
                    throw CLIError("the whole network has \(picture.shown) persons, too many to read in a \(outputFormat.rawValue.uppercased()): draw --view overview (one circle per cluster), a smaller view (ego:, cluster:, core), or -o network.svg (zoomable, ids on hover)")
                }
            case "overview":
                return try renderOverview(net, clusters(), policy: policy)
            case "ego":
                guard parts.count == 2, let v = g.index(of: parts[1]) else {
                    throw CLIError("--view ego:ID needs a person id in \(net.dataset.location), e.g. --view ego:\(g.labels.first ?? "P0001")")
                }
                picture = NetworkView.ego(g, focus: [v], radius: radius, focusName: parts[1])
                viewName = "ego network of \(parts[1]) (radius \(radius))"
            case "cluster":
                let p = clusters()
                guard parts.count == 2, let c = Int(parts[1]), c >= 0, c < p.count else {
                    throw CLIError("--view cluster:N needs a cluster number 0...\(p.count - 1) (see sna clusters --seed \(seed))")
                }
                picture = NetworkView.cluster(p, c, core: core().core)
                viewName = "cluster \(c) (Leiden, seed \(seed))"
            case "core":
                picture = NetworkView.core(g, core())
                viewName = "core (\(core().coreMembers.count) persons) and their direct contacts"
            case "candidates":
                guard parts.count == 2 else { throw CLIError("--view candidates:FILE needs a file of ids") }
                let ids = try readCandidateIDs(parts[1])
                var nodes: [Int] = []
                for (id, line) in ids {
                    guard let v = g.index(of: id) else { throw InputError(file: parts[1], line: line, field: nil, "unknown person '\(id)'") }
                    nodes.append(v)
                }
                picture = NetworkView.ego(g, focus: nodes, radius: radius, focusName: "candidate")
                viewName = "\(nodes.count) candidates and their contacts (radius \(radius))"
            default:
                throw CLIError("unknown view '\(view)' (expected network, overview, ego:ID, cluster:N, core, candidates:FILE or groups)")
            }
            let shown = picture.shown
            if shown > LayoutDefaults.refuseAbove && outputFormat != .dot {
                throw CLIError("the view has \(shown) nodes, more than \(LayoutDefaults.refuseAbove) can be laid out readably; filter with --links, --from/--to or a smaller --view (overview, ego:, cluster:, core), or use --format dot")
            }
            var engine = LayoutEngine(rawValue: layout ?? "") ?? (shown > LayoutDefaults.sfdpAbove ? .sfdp : .neato)
            if engine == .dot && shown > LayoutDefaults.sfdpAbove {
                note("note: the dot layout does not finish on \(shown) nodes in reasonable time; using sfdp")
                engine = .sfdp
            }
            var writer = DOTWriter(names: disclosure.names)
            writer.show(picture)
            // Ties that would run under a third person are routed around them; DOT written out
            // asks Graphviz's own router (`splines=true`), which is slow beyond about 120 ties.
            writer.routeAroundNodes = picture.canRouteAroundNodes(g, limit: outputFormat == .dot ? 120 : 5_000) && engine != .dot
            writer.legend = true
            writer.dpi = outputFormat == .png ? dpi : nil
            writer.pageSize = imageSize.graphviz
            writer.showMinors = disclosure.showMinors
            writer.minorsAsOf = net.dataset.period?.last
            writer.youthAge = policy.youthAge
            writer.labels = true
            let sizeScores = try Measures.compute([sizeBy], on: g)[0]
            writer.sizeBy = sizeScores
            let key = colorBy ?? (parts[0] == "core" ? "core" : "cluster")
            guard let colouring = NodeColouring.named(key, net: net, policy: policy, partition: clusters, split: core, seed: seed) else {
                throw CLIError("--color-by \(key): no person has that attribute (use \(NodeColouring.builtIn.joined(separator: ", ")) or a persons.csv column)")
            }
            writer.fill(colouring)
            writer.tooltips = NetworkImage.keyFigures(g, [
                (sizeBy, sizeScores.values.map { significant($0, integral: sizeScores.isIntegral) }),
                (colouring.name.components(separatedBy: " (").first ?? colouring.name, colouring.values),
            ])
            writer.title = title ?? "\(viewName) — \(net.dataset.location)"
            var sub: [String] = []
            if let p = net.dataset.period {
                let from = net.options.from.map { max($0, p.first) } ?? p.first
                let to = net.options.to.map { min($0, p.last) } ?? p.last
                sub.append("data \(from) to \(to); ties: \(input.links ?? "co-offending, location, analyst links")")
            }
            sub.append("\(shown) persons/groups shown; generated \(generationDay()) by sna \(snaVersion); \(disclosure.names ? "NAMES SHOWN" : "pseudonymous ids")")
            writer.subtitle = sub
            let data: Data
            do {
                let drawn = try NetworkImage.render(writer, net, engine: engine, format: outputFormat, minLabelPoints: minLabel,
                                                    mattering: picture.mattering(g, by: sizeScores, top: labelTop))
                if let shortfall = drawn.shortfall { note("note: at \(sizeText): \(shortfall)") }
                data = drawn.data
            } catch let e as RenderError {
                throw CLIError(e.description)
            }
            // The record names every person drawn (each one's access report lists the image).
            let drawnIDs = picture.keep.indices.filter { picture.keep[$0] && net.personOfNode[$0] != nil }.map { g.labels[$0] }
            try output.emit(data, record: actor.recorder(input, .render, what: "render \(view) as \(outputFormat) to \(output.output ?? "stdout") (\(shown) shown\(disclosure.discloses ? ", " + disclosure.described : ""))",
                                                         persons: drawnIDs))
        }
    }

    var sizeText: String { size ?? "16x11 in" }

    var imageSize: ImageSize {
        size.flatMap { ImageSize(parsing: $0, dpi: dpi) } ?? ImageSize(widthInches: 16, heightInches: 11)
    }

    /// The cluster-level overview (`--view overview`).
    func renderOverview(_ net: PersonNetwork, _ p: Partition, policy: Policy) throws {
        let groups = NodeAttributes.values(net, "group", area: policy.areaLabel)
        var sub: [String] = []
        if let period = net.dataset.period { sub.append("data \(period.first) to \(period.last); Leiden clusters, seed \(seed) (as sna clusters --seed \(seed))") }
        sub.append("generated \(generationDay()) by sna \(snaVersion); no persons shown")
        let data: Data
        do {
            data = try ClusterOverview.render(net, p, title: title ?? "overview by cluster — \(net.dataset.location)", subtitle: sub,
                                              groups: groups, pageSize: imageSize.graphviz, engine: LayoutEngine(rawValue: layout ?? "") ?? .neato,
                                              format: outputFormat)
        } catch let e as RenderError {
            throw CLIError(e.description)
        }
        try output.emit(data, record: actor.recorder(input, .render, what: "render overview as \(outputFormat) to \(output.output ?? "stdout") (\(p.clusters.filter { $0.count > 1 }.count) clusters)"))
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
        try output.emit(data, record: actor.recorder(input, .render, what: "render groups as \(outputFormat) to \(output.output ?? "stdout") (\(groups.count) groups)"))
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
