import ArgumentParser
import Foundation
import Network
import Screening

struct CorePeripheryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coreperiphery",
        abstract: "Core and periphery (Borgatti & Everett): coreness, a core/periphery split, and per group.",
        discussion: """
        coreness: the continuous model (1 = most core). core: the discrete split that best matches the ideal pattern (core-core pairs tied, periphery-periphery not), with its fit (a correlation). --per-group repeats the split inside each group's neighbourhood (the group's members and everyone tied to them), because "peripheral" (bobler) means peripheral to a group. Ties are read as undirected and unweighted.

        CSV header: id,coreness,core (+ one column per group with --per-group: core, periphery
        or empty).

        Examples:
          sna coreperiphery samples/noerrebro
          sna coreperiphery samples/noerrebro --per-group --format csv > cp.csv
        """
    )

    @OptionGroup var input: InputOptions

    @Flag(name: .long, help: "Also split each group's neighbourhood (groups from affiliations.csv or --by).")
    var perGroup = false

    @Option(name: .long, help: ArgumentHelp("Attribute that defines the groups for --per-group.", valueName: "attribute"))
    var by: String = "group"

    @Option(name: .long, help: "Random seed for the split's local search.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "Output format: table, csv or json.")
    var format: ClusterFormat = .table

    @OptionGroup var output: OutputOptions

    func run() throws {
        try reportingErrors {
            let net = try input.loadNetwork()
            let g = net.graph
            let cont = CorePeriphery.continuous(g)
            let split = working("core/periphery") { CorePeriphery.discrete(g, seed: seed) }
            // Per group: the group's members and their neighbours.
            var groupNames: [String] = []
            var groupRole: [[String]] = []   // per group, per node: core/periphery/""
            var groupFit: [Double] = []
            if perGroup {
                let values = try partitionValues(net, by: by, policy: try input.loadPolicy())
                var seen = Set<String>()
                for v in values { if let v, seen.insert(v).inserted { groupNames.append(v) } }
                for gs in CorePeriphery.withinGroups(g, groupOf: values, seed: seed) {
                    var roles = [String](repeating: "", count: g.nodeCount)
                    for (i, v) in gs.nodes.enumerated() { roles[v] = gs.split.core[i] ? "core" : "periphery" }
                    groupRole.append(roles)
                    groupFit.append(gs.split.fit)
                }
            }
            switch format {
            case .csv, .xlsx:
                var s = CSVOut.row(["id", "coreness", "core"] + groupNames.map { "core_in_\($0)" })
                for v in 0..<g.nodeCount {
                    s += CSVOut.row([g.labels[v], formatValue(cont.coreness[v], integral: false), split.core[v] ? "1" : "0"]
                                    + groupRole.map { $0[v] })
                }
                try output.emitTable(s, xlsx: format == .xlsx)
            case .json:
                let nodes: [JSONValue] = (0..<g.nodeCount).map { v in
                    .object([("id", .string(g.labels[v])), ("coreness", .number(cont.coreness[v])), ("core", .bool(split.core[v]))]
                            + groupNames.indices.compactMap { i in groupRole[i][v].isEmpty ? nil : ("in_\(groupNames[i])", .string(groupRole[i][v])) })
                }
                try output.emit(JSONValue.object([
                    ("continuous_fit", .number(cont.fit)), ("discrete_fit", .number(split.fit)),
                    ("core_size", .int(split.coreMembers.count)),
                    ("groups", .array(groupNames.indices.map { .object([("group", .string(groupNames[$0])), ("fit", .number(groupFit[$0]))]) })),
                    ("nodes", .array(nodes)),
                ]).serialized() + "\n")
            case .table:
                let ranked = (0..<g.nodeCount).sorted { cont.coreness[$0] != cont.coreness[$1] ? cont.coreness[$0] > cont.coreness[$1] : $0 < $1 }
                var text = "core: \(split.coreMembers.count) of \(g.nodeCount) nodes (fit \(String(format: "%.3f", split.fit))); continuous fit \(String(format: "%.3f", cont.fit))\n"
                var t = TextTable(header: ["id", "coreness", "core"] + groupNames.map { "in \($0)" })
                t.rightAligned = [1]
                for v in ranked.prefix(40) {
                    t.rows.append([g.labels[v], displayValue(cont.coreness[v], integral: false), split.core[v] ? "core" : "periphery"]
                                  + groupRole.map { $0[v] })
                }
                text += t.render()
                if g.nodeCount > 40 { text += "(top 40 by coreness; --format csv lists every node)\n" }
                for i in groupNames.indices {
                    let core = groupRole[i].filter { $0 == "core" }.count, per = groupRole[i].filter { $0 == "periphery" }.count
                    text += "\(by) \(groupNames[i]): core \(core), periphery \(per) (fit \(String(format: "%.3f", groupFit[i])))\n"
                }
                try output.emit(text)
            }
        }
    }
}
