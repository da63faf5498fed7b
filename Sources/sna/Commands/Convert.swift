import ArgumentParser
import Foundation
import Network

struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert between formats: dataset folders, CSV edge lists, GraphML, GEXF, Pajek .net, UCINET .dl, node-link JSON, DOT.",
        discussion: """
        The output format comes from OUT's extension (.graphml, .gexf, .net, .json, .dot, .csv) or --format (--to is the date filter, as in every command). Every command also reads .graphml, .gexf, .net, .dl and .json files directly. GraphML keeps node attributes as typed keys and the kinds of each tie as the edge `type`; it opens in Gephi, yEd, Cytoscape, networkx (read_graphml) and igraph. Names are written only with --names.

        Examples:
          sna convert samples/noerrebro network.graphml
          sna convert network.graphml network.net
        """
    )

    @OptionGroup var input: InputOptions

    @Argument(help: "Output file.")
    var out: String

    @Option(name: .long, help: "Output format: graphml, gexf, net, json, dot or csv (default: from OUT's extension).")
    var format: ExportFormat?

    @OptionGroup var disclosure: DisclosureOptions

    @OptionGroup var actor: ActorOptions

    func validate() throws {
        try actor.requirePurpose(disclosure)
        if format == nil && ExportFormat(rawValue: URL(fileURLWithPath: out).pathExtension.lowercased()) == nil {
            throw ValidationError("Cannot tell the format from '\(out)': use an extension .graphml, .gexf, .net, .json, .dot or .csv, or --format.")
        }
    }

    func run() throws {
        try reportingErrors {
            let net = try input.loadNetwork()
            let format = self.format ?? ExportFormat(rawValue: URL(fileURLWithPath: out).pathExtension.lowercased())!
            let rule = disclosure.rule(for: net.dataset, policy: try input.loadPolicy())
            // Staged beside the file, recorded, then put in place.
            let staged = try AtomicFile.stage(Data(format.write(net, disclosure: rule).utf8), to: out)
            do {
                try actor.record(input, action: .export, what: "convert to \(out) (\(format.rawValue), \(net.graph.nodeCount) nodes\(disclosure.discloses ? ", " + disclosure.described : ""))",
                                 persons: net.dataset.persons.map(\.id))
            } catch { staged.discard(); throw error }
            try staged.commit()
            note("wrote \(out) (\(format.rawValue), \(net.graph.nodeCount) nodes, \(net.graph.edgeCount) edges)")
        }
    }
}
