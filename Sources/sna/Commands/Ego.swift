import ArgumentParser
import Foundation
import Network

struct Ego: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "A person's neighbourhood: everyone within --radius hops, with how they are tied.",
        discussion: """
        Lists each person within the radius with the distance, degree, and for direct contacts the kinds of tie and their weight. CSV header: id,distance,degree,kinds,weight.

        Examples:
          sna ego samples/noerrebro P0012 --radius 2
          sna ego samples/noerrebro P0012 --format csv > ego.csv
        """
    )

    @OptionGroup var input: InputOptions

    @Argument(help: "Person id at the centre.")
    var person: String

    @Option(name: .long, help: "Hops from the person.")
    var radius: Int = 1

    @Option(name: .long, help: "Output format: table, csv or json.")
    var format: ScoreFormat = .table

    @OptionGroup var disclosure: DisclosureOptions
    @OptionGroup var actor: ActorOptions

    @OptionGroup var output: OutputOptions

    func validate() throws {
        try actor.requirePurpose(disclosure)
        if radius < 1 { throw ValidationError("--radius must be at least 1.") }
    }

    func run() throws {
        try reportingErrors {
            let net = try input.loadNetwork()
            let rule = disclosure.rule(for: net.dataset, policy: try input.loadPolicy())
            let rec = actor.disclosureRecorder(input, disclosure, what: "ego \(person)", persons: [person])
            let g = net.graph
            guard let ego = g.index(of: person) else { throw CLIError("unknown person '\(person)' in \(net.dataset.location)") }
            let hood = Paths.neighbourhood(g, of: ego, radius: radius)
            let degree = Degree.degree(g)
            func tie(_ v: Int) -> (String, String) {
                guard let e = Paths.edge(g, ego, v) ?? Paths.edge(g, v, ego) else { return ("", "") }
                return (net.edgeKinds[e].map(\.kind.description).joined(separator: "+"), formatNumber(g.edgeWeight[e]))
            }
            switch format {
            case .csv, .xlsx:
                var s = CSVOut.row(["id", "distance", "degree", "kinds", "weight"])
                for (v, d) in hood {
                    let (k, w) = tie(v)
                    s += CSVOut.row([g.labels[v], String(d), formatNumber(degree[v]), k, w])
                }
                try output.emitTable(s, xlsx: format == .xlsx, record: rec)
            case .json:
                try output.emit(JSONValue.object([
                    ("ego", .string(person)), ("radius", .int(radius)),
                    ("nodes", .array(hood.map { v, d in
                        let (k, w) = tie(v)
                        return .object([("id", .string(g.labels[v])), ("distance", .int(d)), ("degree", .number(degree[v])),
                                        ("kinds", .string(k)), ("weight", w.isEmpty ? .null : .number(Double(w)!))])
                    })),
                ]).serialized() + "\n", record: rec)
            case .table:
                var header = ["id"]
                if disclosure.names { header.append("name") }
                header += ["distance", "degree", "tie", "weight"]
                var t = TextTable(header: header)
                t.rightAligned = Set([header.count - 4, header.count - 3, header.count - 1])
                for (v, d) in hood {
                    let (k, w) = tie(v)
                    var r = [g.labels[v]]
                    if disclosure.names { r.append(disclosure.shown(net.person(v), rule)) }
                    r += [String(d), formatNumber(degree[v]), k, w]
                    t.rows.append(r)
                }
                try output.emit("\(person): \(hood.filter { $0.distance == 1 }.count) direct contacts, \(hood.count) within \(radius) hop\(radius == 1 ? "" : "s")\n" + t.render(), record: rec)
            }
        }
    }
}
