import ArgumentParser
import Foundation
import Network

enum ExportFormat: String, ExpressibleByArgument, CaseIterable {
    case dot, json
}

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the network as Graphviz DOT or node-link JSON (networkx layout).",
        discussion: """
        Persons are labelled by id (a pseudonym) unless --names is given. Edge style in DOT:
        co-offending solid, affiliation dashed, location dotted, analyst links bold; the
        `type` and `weight` attributes keep the kinds and summed weight of every tie. JSON
        carries each tie's evidence (cases, sightings, link rows).

        Examples:
          sna export samples/noerrebro --format dot > network.dot
          sna export samples/noerrebro --links all --format json -o network.json
        """
    )

    @OptionGroup var input: InputOptions

    @Option(name: .long, help: "Output format: dot or json.")
    var format: ExportFormat = .dot

    @Flag(name: .long, help: "Label persons with their names (default: pseudonymous ids).")
    var names = false

    @OptionGroup var output: OutputOptions

    func run() throws {
        try reportingErrors {
            let net = try input.loadNetwork()
            switch format {
            case .dot:
                try output.emit(DOTWriter(names: names).write(net))
            case .json:
                try output.emit(NodeLinkJSON.write(net, names: names).serialized() + "\n")
            }
        }
    }
}
