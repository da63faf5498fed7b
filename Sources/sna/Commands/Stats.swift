import ArgumentParser
import Foundation
import Network

enum StatsFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Summarise the network: size, ties by kind, density, components, data period.",
        discussion: """
        Density = 2m/(n(n-1)) undirected, m/(n(n-1)) directed (m counts self-loops, as networkx). Components are weakly connected for directed graphs. Initiative cases are counted but create no co-offending ties unless --include-initiative is given.

        Examples:
          sna stats samples/noerrebro
          sna stats samples/noerrebro --links co-offending --from 2015-01-01
        """
    )

    @OptionGroup var input: InputOptions

    @Option(name: .long, help: ArgumentHelp("Day on which ages are computed (default: the last dated event).", valueName: "date"))
    var asOf: String?

    @Option(name: .long, help: "Output format: text or json.")
    var format: StatsFormat = .text

    @Flag(name: .long, help: "The layers instead: each kind of tie's persons and ties, and the overlap of every two.")
    var layers = false

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if let asOf, Day(iso: asOf) == nil { throw ValidationError("--as-of '\(asOf)' is not a date; write YYYY-MM-DD.") }
    }

    func emitLayers(_ m: Layers) throws {
        if format == .json {
            try output.emit(JSONValue.object([
                ("layers", .array(m.layers.map { .object([("layer", .string($0.name)), ("persons", .int($0.persons)), ("ties", .int($0.ties))]) })),
                ("overlaps", .array(m.overlaps.map { o in
                    .object([("a", .string(o.a)), ("b", .string(o.b)), ("persons", .int(o.persons)),
                             ("persons_jaccard", .number(o.personsJaccard)), ("ties", .int(o.ties)), ("ties_jaccard", .number(o.tiesJaccard))])
                })),
            ]).serialized() + "\n")
            return
        }
        var t = TextTable(header: ["layer", "persons", "ties"])
        t.rightAligned = [1, 2]
        for l in m.layers { t.rows.append([l.name, String(l.persons), String(l.ties)]) }
        var text = "layers (one per kind of tie; a person is in a layer with a tie of that kind)\n" + t.render()
        if !m.overlaps.isEmpty {
            var o = TextTable(header: ["layers", "persons in both", "share", "ties in both", "share"])
            o.rightAligned = [1, 2, 3, 4]
            for x in m.overlaps {
                o.rows.append(["\(x.a) & \(x.b)", String(x.persons), String(format: "%.3f", x.personsJaccard),
                               String(x.ties), String(format: "%.3f", x.tiesJaccard)])
            }
            text += "\noverlap (share: of the persons or ties in either layer)\n" + o.render()
        }
        try output.emit(text)
    }

    func run() throws {
        try reportingErrors {
            let net = try input.loadNetwork()
            if layers { return try emitLayers(Layers(net)) }
            let s = NetworkStatistics(net, asOf: asOf.flatMap(Day.init(iso:)))
            let sum = net.summary
            switch format {
            case .json:
                var o: [(String, JSONValue)] = [
                    ("input", .string(net.dataset.location)),
                    ("layout", .string(net.dataset.layout.rawValue)),
                    ("directed", .bool(net.graph.directed)),
                    ("nodes", .int(s.nodes)), ("persons", .int(s.persons)), ("groups", .int(s.groups)),
                    ("edges", .int(s.edges)), ("self_loops", .int(s.selfLoops)), ("total_weight", .number(s.totalWeight)),
                    ("density", .number(s.density)), ("components", .int(s.components)),
                    ("largest_component", .int(s.largestComponent)), ("isolates", .int(s.isolates)),
                    ("edges_by_kind", .object(s.edgesByKind.map { ($0.kind, .int($0.count)) })),
                    ("cases", .int(s.cases)), ("initiative_cases", .int(s.initiativeCases)),
                    ("cases_used_for_co_offending", .int(sum.casesUsed)),
                    ("initiative_cases_excluded", .int(sum.initiativeCasesExcluded)),
                    ("place_days_capped", .int(sum.cappedPlaceDays.count)),
                    ("sightings_capped", .int(sum.cappedSightings)),
                    ("log_entries", .int(s.logEntries)),
                    ("minors", .int(s.minors)),
                    ("deprived_of_liberty", .int(s.deprivedOfLiberty)),
                    ("transitivity", .number(s.transitivity)),
                    ("average_clustering", .number(s.averageClustering)),
                    ("degree_assortativity", .number(s.degreeAssortativity)),
                    ("degree_centralization", s.degreeCentralization.map { .number($0) } ?? .null),
                    ("in_degree_centralization", s.inDegreeCentralization.map { .number($0) } ?? .null),
                    ("out_degree_centralization", s.outDegreeCentralization.map { .number($0) } ?? .null),
                    ("articulation_points", .int(s.articulationPoints)),
                    ("bridges", .int(s.bridges)),
                ]
                if let d = s.distances {
                    o.append(("distances_component", .string(net.graph.directed ? "strong" : "weak")))
                    o.append(("distances_component_size", .int(d.componentSize)))
                    o.append(("largest_component_diameter", .number(d.diameter)))
                    o.append(("largest_component_radius", .number(d.radius)))
                    o.append(("largest_component_average_shortest_path_length", .number(d.averageShortestPathLength)))
                }
                if let asOf = s.asOf { o.append(("as_of", .string(asOf.description))) }
                if let p = s.period { o.append(("period", .array([.string(p.first.description), .string(p.last.description)]))) }
                try output.emit(JSONValue.object(o).serialized() + "\n")
            case .text:
                var lines: [(String, String)] = [
                    ("input", "\(net.dataset.location) (\(net.dataset.layout.rawValue))"),
                    ("graph", net.graph.directed ? "directed" : "undirected"),
                ]
                if let p = s.period { lines.append(("period", "\(p.first) to \(p.last)")) }
                lines.append(("nodes", s.groups > 0 ? "\(s.nodes) (\(s.persons) persons, \(s.groups) groups)" : "\(s.nodes)"))
                lines.append(("edges", "\(s.edges)" + (s.selfLoops > 0 ? " (\(s.selfLoops) self-loops)" : "")))
                for (k, c) in s.edgesByKind { lines.append(("  " + k, "\(c)")) }
                lines.append(("total weight", formatNumber(s.totalWeight)))
                lines.append(("density", displayValue(s.density, integral: false)))
                lines.append(("components", "\(s.components) (largest \(s.largestComponent), isolates \(s.isolates))"))
                if let d = s.distances, d.componentSize > 1 {
                    lines.append((net.graph.directed ? "largest strong comp." : "largest component", "\(net.graph.directed ? "\(d.componentSize) nodes: " : "")diameter \(formatNumber(d.diameter)), radius \(formatNumber(d.radius)), average distance \(displayValue(d.averageShortestPathLength, integral: false))"))
                }
                lines.append(("transitivity", displayValue(s.transitivity, integral: false)))
                lines.append(("average clustering", displayValue(s.averageClustering, integral: false)))
                lines.append(("degree assortativity", displayValue(s.degreeAssortativity, integral: false)))
                if let c = s.degreeCentralization {
                    if let i = s.inDegreeCentralization, let o = s.outDegreeCentralization {
                        lines.append(("degree centralization", "in \(displayValue(i, integral: false)), out \(displayValue(o, integral: false)), total \(displayValue(c, integral: false))"))
                    } else {
                        lines.append(("degree centralization", displayValue(c, integral: false)))
                    }
                }
                lines.append(("cut points", "\(s.articulationPoints) persons, \(s.bridges) bridges"))
                if s.cases > 0 {
                    lines.append(("cases", "\(s.cases) (\(s.initiativeCases) initiative cases"
                        + (net.options.includeInitiativeCases ? ", included)" : ", excluded from co-offending)")))
                    if sum.casesOutsidePeriod > 0 { lines.append(("  outside period", "\(sum.casesOutsidePeriod)")) }
                }
                if s.logEntries > 0 { lines.append(("log entries", "\(s.logEntries)")) }
                if let asOf = s.asOf, s.minors > 0 { lines.append(("under 18", "\(s.minors) on \(asOf)")) }
                if s.personsWithStatus > 0 {
                    let pct = 100 * Double(s.deprivedOfLiberty) / Double(s.personsWithStatus)
                    lines.append(("deprived of liberty", "\(s.deprivedOfLiberty) of \(s.personsWithStatus) (\(String(format: "%.1f", pct)) %)"))
                }
                let w = lines.map(\.0.count).max() ?? 0
                try output.emit(lines.map { $0.0 + String(repeating: " ", count: w - $0.0.count) + "  " + $0.1 }.joined(separator: "\n") + "\n")
            }
        }
    }
}
