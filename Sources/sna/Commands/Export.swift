import ArgumentParser
import Foundation
import Network
import Screening

enum ExportFormat: String, ExpressibleByArgument, CaseIterable {
    case dot, json, graphml, gexf, net, csv, neo4j, edges

    /// Written as a folder of files (`-o DIR`).
    var isFolder: Bool { self == .neo4j || self == .edges }
    /// Carries `--with-scores` as node attributes.
    var takesScores: Bool { [.json, .graphml, .gexf, .neo4j, .edges].contains(self) }

    /// The text of `net` in this format (a single-file format).
    func write(_ net: PersonNetwork, disclosure: Disclosure, scores: [NodeScores] = []) -> String {
        switch self {
        case .dot:
            var w = DOTWriter(names: disclosure.names)
            w.showMinors = disclosure.minorNames
            w.minorsAsOf = disclosure.asOf
            w.youthAge = disclosure.youthAge
            return w.write(net)
        case .json: return NodeLinkJSON.write(net, disclosure: disclosure, scores: scores).serialized() + "\n"
        case .graphml: return InteropWriters.graphML(net, disclosure: disclosure, scores: scores)
        case .gexf:
            // Colour by Leiden cluster (seed 1) and size by degree, as Gephi users expect.
            let p = Communities.leiden(net.graph, seed: 1)
            let colors = p.membership.map { c in p.clusters[c].count > 1 && c < DOTWriter.palette.count ? DOTWriter.palette[c] : nil }
            return InteropWriters.gexf(net, disclosure: disclosure, colors: colors, sizes: Degree.degree(net.graph), scores: scores)
        case .net: return InteropWriters.pajek(net)
        case .csv: return InteropWriters.edgeList(net)
        case .neo4j, .edges: return ""
        }
    }

    /// The files of a folder format, by name.
    func files(_ net: PersonNetwork, disclosure: Disclosure, scores: [NodeScores]) -> [(name: String, text: String)] {
        switch self {
        case .neo4j: return Neo4jWriter.files(net, disclosure: disclosure, scores: scores).map { ($0.name, $0.text) }
        case .edges:
            let t = InteropWriters.graphFrames(net, scores: scores)
            return [("vertices.csv", t.vertices), ("edges.csv", t.edges)]
        default: return []
        }
    }
}

/// `--with-scores`: measures written as node attributes.
struct ScoreOptions: ParsableArguments {
    @Option(name: .customLong("with-scores"), help: ArgumentHelp("Measures to write as node attributes (json, graphml, gexf, neo4j, edges), e.g. betweenness,pagerank.", valueName: "names"))
    var withScores: String?

    var names: [String] { (withScores ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }

    func validate(_ format: ExportFormat) throws {
        guard withScores != nil else { return }
        guard format.takesScores else { throw ValidationError("--with-scores goes with --format json, graphml, gexf, neo4j or edges.") }
        if names.isEmpty { throw ValidationError("--with-scores needs at least one measure, e.g. --with-scores betweenness,pagerank.") }
        for n in names { if let p = Measures.problem(n) { throw ValidationError("--with-scores: \(p.description)") } }
        if Set(names).count != names.count { throw ValidationError("--with-scores lists a measure twice.") }
    }

    /// The measures on the network's graph, as `sna centrality` computes them (default options).
    func compute(_ net: PersonNetwork) throws -> [NodeScores] {
        names.isEmpty ? [] : try Measures.compute(names, on: net.graph)
    }
}

/// Writes a folder format into `dir` whole (staged beside it, recorded, then put in place).
func writeFolder(_ files: [(name: String, text: String)], to dir: String, record: Recorder?) throws {
    let folder = try ReportFolder(dir, what: "export", accepts: ReportFolder.isExportFolder)
    do {
        for f in files { try folder.write(Data(f.text.utf8), f.name) }
        if files.contains(where: { $0.name == "import.sh" }) { chmod(folder.staging.appendingPathComponent("import.sh").path, 0o700) }
        try record?()
    } catch { folder.discard(); throw error }
    try folder.commit()
}

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the network as DOT, node-link JSON (networkx), GraphML, GEXF, Pajek .net, a CSV edge list, a neo4j-admin import folder or GraphFrames tables.",
        discussion: """
        Persons are labelled by id (a pseudonym) unless --names is given. Edge style in DOT:
        co-offending solid, affiliation dashed, location dotted, analyst links bold; the `type` and `weight` attributes keep the kinds and summed weight of every tie. JSON carries each tie's evidence (cases, sightings, link rows).

        --format neo4j -o DIR writes the files of `neo4j-admin database import` (one per node label and relationship type, the documented header grammar, provenance on every relationship) and an import.sh with the command; every sna command reads such a folder back. --format edges -o DIR writes vertices.csv (id) and edges.csv (src,dst,weight,type), Spark GraphFrames' convention. --with-scores adds measures as typed node attributes.

        Examples:
          sna export samples/noerrebro --format dot > network.dot
          sna export samples/noerrebro --links all --format json -o network.json
          sna export samples/noerrebro --format graphml --with-scores betweenness,pagerank -o network.graphml
          sna export samples/noerrebro --format neo4j -o neo4j-import
        """
    )

    @OptionGroup var input: InputOptions

    @Option(name: .long, help: "Output format: dot, json, graphml, gexf, net, csv, neo4j (a folder) or edges (a folder).")
    var format: ExportFormat = .dot

    @OptionGroup var scores: ScoreOptions

    @OptionGroup var disclosure: DisclosureOptions
    @OptionGroup var recipient: RecipientOptions

    @OptionGroup var output: OutputOptions
    @OptionGroup var actor: ActorOptions

    func validate() throws {
        try actor.requirePurpose(disclosure)
        try scores.validate(format)
        if format.isFolder && output.output == nil {
            throw ValidationError("--format \(format.rawValue) writes a folder of files: give -o DIR.")
        }
    }

    func run() throws {
        try reportingErrors {
            var net = try input.loadNetwork()
            let policy = try input.loadPolicy()
            var sent = ""
            var sentIDs: [String] = []
            let profile = try recipient.resolve(policy)
            // A recipient never gets a restricted entry (an open contest, rectification or
            // erasure request): the person leaves the network first, and the omission is said
            // and recorded.
            var restrictedNote = ""
            if profile != nil, let store = try input.openStore() {
                let restricted = try store.restricted()
                let ds = net.dataset
                let out = ds.persons.map(\.id).filter { restricted[$0] != nil }.sorted()
                if !out.isEmpty {
                    net = try NetworkBuilder.build(ds.restricted(to: Set(ds.persons.map(\.id)).subtracting(out)), options: net.options)
                    restrictedNote = "; \(out.count) left out (restricted by an open request)"
                    note("note: \(out.count) person\(out.count == 1 ? " is" : "s are") left out, restricted by an open request until it is resolved: "
                         + out.map { "\($0) (request \(restricted[$0]!.id), \(restricted[$0]!.kind.rawValue))" }.joined(separator: ", "))
                }
            }
            if let r = profile, r.rule != .all {
                // Only the persons the recipient may see, and the ties between them.
                let ds = net.dataset
                guard let day = ds.period?.last else { throw CLIError("\(ds.location): --for needs dated data (the screening decides who the profile admits)") }
                let admitted = try r.admitted(ds, asOf: day, policy: policy)
                net = try NetworkBuilder.build(ds.restricted(to: Set(admitted)), options: net.options)
                sentIDs = admitted
                sent = "; for \(r.name) (\(r.admits); fields: id, \((r.fields ?? []).sorted().joined(separator: ", "))): \(admitted.count) persons: \(admitted.joined(separator: " "))"
            } else if let r = profile {
                // Everyone goes to this recipient: the record names them all (so each person's
                // access report lists the recipient).
                sentIDs = net.dataset.persons.map(\.id)
                sent = "; for \(r.name) (all): \(sentIDs.count) persons"
            }
            sent += restrictedNote
            // Without a recipient profile the export holds everyone: the record names them all.
            if profile == nil { sentIDs = net.dataset.persons.map(\.id) }
            var rule = disclosure.rule(for: net.dataset, policy: policy)
            rule.fields = profile?.fields
            let measures = try scores.compute(net)
            let rec = actor.recorder(input, .export, what: "export \(format) to \(output.output ?? "stdout") (\(net.graph.nodeCount) nodes\(disclosure.discloses ? ", " + disclosure.described : ""))\(sent)",
                                     persons: sentIDs)
            if format.isFolder {
                let files = format.files(net, disclosure: rule, scores: measures)
                try writeFolder(files, to: output.output!, record: rec)
                note("wrote \(output.output!): \(files.map(\.name).joined(separator: ", "))")
                return
            }
            let text = format.write(net, disclosure: rule, scores: measures)
            if format == .csv { try output.emitTable(text, xlsx: false, record: rec) } else { try output.emit(text, record: rec) }
        }
    }
}
