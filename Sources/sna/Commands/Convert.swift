import ArgumentParser
import Foundation
import Network

struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert between formats: dataset folders, neo4j-admin import folders (POLE), CSV edge lists, GraphML, GEXF, Pajek .net, UCINET .dl, node-link JSON, DOT.",
        discussion: """
        The output format comes from OUT's extension (.graphml, .gexf, .net, .json, .dot, .csv) or --format (--to is the date filter, as in every command); --format neo4j or edges writes the folder OUT. Every command also reads .graphml, .gexf, .net, .dl and .json files and neo4j-admin import folders (sna's own, or a POLE-model export such as Neo4j's crime-investigation example) directly; what a POLE export holds that sna does not read is said on stderr. GraphML keeps node attributes as typed keys and the kinds of each tie as the edge `type`; it opens in Gephi, yEd, Cytoscape, networkx (read_graphml) and igraph. Names are written only with --names.

        Examples:
          sna convert samples/noerrebro network.graphml
          sna convert network.graphml network.net
          sna convert pole-export network.graphml --with-scores degree
        """
    )

    @OptionGroup var input: InputOptions

    @Argument(help: "Output file.")
    var out: String

    @Option(name: .long, help: "Output format: graphml, gexf, net, json, dot, csv, neo4j or edges (default: from OUT's extension).")
    var format: ExportFormat?

    @OptionGroup var scores: ScoreOptions

    @OptionGroup var disclosure: DisclosureOptions

    @OptionGroup var actor: ActorOptions

    func validate() throws {
        try actor.requirePurpose(disclosure)
        if format == nil && ExportFormat(rawValue: URL(fileURLWithPath: out).pathExtension.lowercased()) == nil {
            throw ValidationError("Cannot tell the format from '\(out)': use an extension .graphml, .gexf, .net, .json, .dot or .csv, or --format.")
        }
        try scores.validate(format ?? ExportFormat(rawValue: URL(fileURLWithPath: out).pathExtension.lowercased())!)
    }

    func run() throws {
        try reportingErrors {
            let net = try input.loadNetwork()
            let format = self.format ?? ExportFormat(rawValue: URL(fileURLWithPath: out).pathExtension.lowercased())!
            let rule = disclosure.rule(for: net.dataset, policy: try input.loadPolicy())
            let measures = try scores.compute(net)
            let record = { try actor.record(input, action: .export, what: "convert to \(out) (\(format.rawValue), \(net.graph.nodeCount) nodes\(disclosure.discloses ? ", " + disclosure.described : ""))",
                                            persons: net.dataset.persons.map(\.id)) }
            if format.isFolder {
                try writeFolder(format.files(net, disclosure: rule, scores: measures), to: out, record: record)
                note("wrote \(out) (\(format.rawValue), \(net.graph.nodeCount) nodes, \(net.graph.edgeCount) edges)")
                return
            }
            // Staged beside the file, recorded, then put in place.
            let staged = try AtomicFile.stage(Data(format.write(net, disclosure: rule, scores: measures).utf8), to: out)
            do { try record() } catch { staged.discard(); throw error }
            try staged.commit()
            note("wrote \(out) (\(format.rawValue), \(net.graph.nodeCount) nodes, \(net.graph.edgeCount) edges)")
        }
    }
}
