import ArgumentParser
import Foundation
import Network
import Screening

enum ExportFormat: String, ExpressibleByArgument, CaseIterable {
    case dot, json, graphml, gexf, net, csv

    /// The text of `net` in this format.
    func write(_ net: PersonNetwork, disclosure: Disclosure) -> String {
        switch self {
        case .dot:
            var w = DOTWriter(names: disclosure.names)
            w.showMinors = disclosure.minorNames
            w.minorsAsOf = disclosure.asOf
            w.youthAge = disclosure.youthAge
            return w.write(net)
        case .json: return NodeLinkJSON.write(net, disclosure: disclosure).serialized() + "\n"
        case .graphml: return InteropWriters.graphML(net, disclosure: disclosure)
        case .gexf:
            // Colour by Leiden cluster (seed 1) and size by degree, as Gephi users expect.
            let p = Communities.leiden(net.graph, seed: 1)
            let colors = p.membership.map { c in p.clusters[c].count > 1 && c < DOTWriter.palette.count ? DOTWriter.palette[c] : nil }
            return InteropWriters.gexf(net, disclosure: disclosure, colors: colors, sizes: Degree.degree(net.graph))
        case .net: return InteropWriters.pajek(net)
        case .csv: return InteropWriters.edgeList(net)
        }
    }
}

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the network as DOT, node-link JSON (networkx), GraphML, Pajek .net or a CSV edge list.",
        discussion: """
        Persons are labelled by id (a pseudonym) unless --names is given. Edge style in DOT:
        co-offending solid, affiliation dashed, location dotted, analyst links bold; the `type` and `weight` attributes keep the kinds and summed weight of every tie. JSON carries each tie's evidence (cases, sightings, link rows).

        Examples:
          sna export samples/noerrebro --format dot > network.dot
          sna export samples/noerrebro --links all --format json -o network.json
        """
    )

    @OptionGroup var input: InputOptions

    @Option(name: .long, help: "Output format: dot, json, graphml, gexf, net or csv.")
    var format: ExportFormat = .dot

    @OptionGroup var disclosure: DisclosureOptions
    @OptionGroup var recipient: RecipientOptions

    @OptionGroup var output: OutputOptions
    @OptionGroup var actor: ActorOptions

    func validate() throws {
        try actor.requirePurpose(disclosure)
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
            let text = format.write(net, disclosure: rule)
            let rec = actor.recorder(input, .export, what: "export \(format) to \(output.output ?? "stdout") (\(net.graph.nodeCount) nodes\(disclosure.discloses ? ", " + disclosure.described : ""))\(sent)",
                                     persons: sentIDs)
            if format == .csv { try output.emitTable(text, xlsx: false, record: rec) } else { try output.emit(text, record: rec) }
        }
    }
}
