import ArgumentParser
import Foundation
import Network
import Screening

struct BrokerageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "brokerage",
        abstract: "Gould & Fernandez brokerage roles per person, against a partition (--by group|district|area|column).",
        discussion: """
        For each open two-path a -> b -> c (no tie a -> c) the broker b is a coordinator (all in one group), itinerant (a and c in one group, b outside), representative (a with b, c outside), gatekeeper (b with c, a outside) or liaison (all different). Undirected ties count in both directions, as R's sna::brokerage does. Burt's constraint and effective size are shown beside the roles.

        CSV header: id,group,coordinator,itinerant,representative,gatekeeper,liaison,total,constraint,effective_size

        Examples:
          sna brokerage samples/noerrebro --by group
          sna brokerage samples/noerrebro --by area --format csv > brokers.csv
        """
    )

    @OptionGroup var input: InputOptions

    @Option(name: .long, help: ArgumentHelp("Attribute that defines the groups.", valueName: "attribute"))
    var by: String = "group"

    @Option(name: .long, help: "Rows in the table (sorted by total brokerage).")
    var top: Int = 20

    @Option(name: .long, help: "Output format: table, csv or json.")
    var format: ClusterFormat = .table

    @OptionGroup var output: OutputOptions

    func run() throws {
        try reportingErrors {
            let net = try input.loadNetwork()
            let g = net.graph
            let values = try partitionValues(net, by: by, policy: try input.loadPolicy())
            let counts = Brokerage.roles(g, groups: NodeAttributes.codes(values))
            let constraint = StructuralHoles.constraint(g), eff = StructuralHoles.effectiveSize(g)
            let total = counts.map { $0.reduce(0, +) }
            let header = ["id", by] + Brokerage.roles + ["total", "constraint", "effective_size"]
            func row(_ v: Int) -> [String] {
                [g.labels[v], values[v] ?? ""] + counts[v].map(String.init) + [String(total[v]),
                 formatValue(constraint[v], integral: false), formatValue(eff[v], integral: false)]
            }
            switch format {
            case .csv, .xlsx:
                var s = CSVOut.row(["id", "group"] + Brokerage.roles + ["total", "constraint", "effective_size"])
                for v in 0..<g.nodeCount { s += CSVOut.row(row(v)) }
                try output.emitTable(s, xlsx: format == .xlsx)
            case .json:
                var rows: [JSONValue] = []
                for v in 0..<g.nodeCount {
                    var o: [(String, JSONValue)] = [("id", .string(g.labels[v]))]
                    o.append((by, values[v].map { JSONValue.string($0) } ?? .null))
                    for (i, role) in Brokerage.roles.enumerated() { o.append((role, .int(counts[v][i]))) }
                    o.append(("total", .int(total[v])))
                    o.append(("constraint", .number(constraint[v])))
                    o.append(("effective_size", .number(eff[v])))
                    rows.append(.object(o))
                }
                try output.emit(JSONValue.array(rows).serialized() + "\n")
            case .table:
                let order = (0..<g.nodeCount).sorted { total[$0] != total[$1] ? total[$0] > total[$1] : $0 < $1 }
                var t = TextTable(header: header)
                t.rightAligned = Set(2..<header.count)
                for v in order.prefix(top) {
                    var r = row(v)
                    r[r.count - 2] = displayValue(constraint[v], integral: false)
                    r[r.count - 1] = displayValue(eff[v], integral: false)
                    t.rows.append(r)
                }
                try output.emit(t.render())
            }
        }
    }
}
