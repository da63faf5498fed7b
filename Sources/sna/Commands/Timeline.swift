import ArgumentParser
import Foundation
import Network
import Store

enum TimelineUnit: String, ExpressibleByArgument, CaseIterable {
    case period, pull, month, quarter, year
}

/// Measures per period: who is rising, who is falling.
struct Timeline: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measures per period (links.csv period, store pull, month, quarter or year): who rises, who falls.",
        discussion: """
        Each period's network holds the persons active in it (a tie in the period), so its normalized measures are over the persons of that period; --keep-inactive keeps everyone. --by period uses links.csv's `period` values (numbers numerically, ISO dates chronologically, labels as written in the data); --by pull each pull of a store (events up to the pull's day); --by month|quarter|year the calendar periods of the dated data, with --window MONTHS for a sliding window ending at each period's end. --from/--to limit the periods.

        CSV header: id,period,<measures> — one row per person per period in which the person is
        active, rows ordered by period then input order. The table shows the top --top per period with the rank change since the period before ("new" marks a person who entered the top); --person ID prints one person's trajectory. Ids are pseudonymous.

        Examples:
          sna timeline phases/ --by period --measures betweenness,degree
          sna timeline samples/noerrebro --by year --measures betweenness --top 5
          sna timeline samples/noerrebro --by quarter --window 12 --format csv
          sna timeline sna.sqlite --by pull --person P0140
        """)

    @OptionGroup var input: InputOptions

    @Option(name: .long, help: ArgumentHelp("Comma-separated measures (as for `sna centrality`).", valueName: "names"))
    var measures: String = "degree,betweenness"

    @Option(name: .customLong("by"), help: "The periods: period, pull, month, quarter or year.")
    var unit: TimelineUnit = .period

    @Option(name: .long, help: ArgumentHelp("With month/quarter/year (or pull): a sliding window of this many months ending at each period's end.", valueName: "months"))
    var window: Int?

    @Option(name: .long, help: ArgumentHelp("Table: the top N per period by the first measure.", valueName: "N"))
    var top: Int = 10

    @Option(name: .long, help: ArgumentHelp("One person's trajectory.", valueName: "id"))
    var person: String?

    @Option(name: .long, help: "Output format: table, csv or json.")
    var format: ClusterFormat = .table

    @OptionGroup var output: OutputOptions

    var measureList: [String] { measures.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }

    func validate() throws {
        let list = measureList
        if list.isEmpty { throw ValidationError("--measures needs at least one measure, e.g. --measures betweenness.") }
        for m in list where !Measures.isKnown(m) && !Exposure.isKey(m) {
            throw ValidationError("Unknown measure '\(m)'. Known: \((Measures.names + Exposure.keys).joined(separator: ", ")).")
        }
        if Set(list).count != list.count { throw ValidationError("--measures lists a measure twice.") }
        if top < 1 { throw ValidationError("--top must be at least 1.") }
        if let window, window < 1 { throw ValidationError("--window must be at least 1 month.") }
        if window != nil && (unit == .period) { throw ValidationError("--window goes with --by month, quarter, year or pull.") }
        if input.period != nil { throw ValidationError("--period selects one view; timeline --by period goes through every period.") }
        if unit == .pull && !Store.isStore(input.input) { throw ValidationError("--by pull needs a store as INPUT (sna.sqlite).") }
    }

    /// One period: its name and how to build its network.
    struct Slice {
        var name: String
        var dataset: Dataset
        var options: BuildOptions
    }

    func slices() throws -> [Slice] {
        var base = input.buildOptions()
        let from = base.from, to = base.to
        if unit == .pull {
            let store = try Store(path: input.input, readOnly: true)
            return try store.pulls().filter { p in (from.map { p.asOf >= $0 } ?? true) && (to.map { p.asOf <= $0 } ?? true) }.map { p in
                var o = base
                o.to = p.asOf
                o.from = window.map { p.asOf.adding(months: -$0).adding(days: 1) }
                return Slice(name: "pull \(p.id) (\(p.asOf))", dataset: try store.dataset(pull: p.id).1, options: o)
            }
        }
        let ds = try input.loadDataset()
        if unit == .period {
            let values = ds.periodValues
            if values.isEmpty {
                throw CLIError("\(ds.location): the links have no `period` values; use --by month, quarter or year on dated data")
            }
            return values.map { v in
                var o = base
                o.periods = [v]
                return Slice(name: v, dataset: ds, options: o)
            }
        }
        guard let span = ds.period else { throw CLIError("\(ds.location): no dated events for --by \(unit.rawValue); use --by period") }
        let first = max(span.first, from ?? span.first), last = min(span.last, to ?? span.last)
        let months = unit == .month ? 1 : unit == .quarter ? 3 : 12
        var start = Day(year: first.year, month: unit == .year ? 1 : ((first.month - 1) / months) * months + 1, day: 1)!
        var out: [Slice] = []
        base.from = nil; base.to = nil
        while start <= last {
            let end = start.adding(months: months).adding(days: -1)
            var o = base
            o.from = window.map { end.adding(months: -$0).adding(days: 1) } ?? start
            o.to = end
            let name = unit == .year ? String(start.year) : unit == .month ? String(start.description.prefix(7))
                : "\(start.year)-Q\((start.month - 1) / 3 + 1)"
            out.append(Slice(name: name, dataset: ds, options: o))
            start = start.adding(months: months)
        }
        return out
    }

    func run() throws {
        try reportingErrors {
            let policy = try input.loadPolicy()
            let list = measureList
            var rows: [(period: String, id: String, values: [Double])] = []
            var integral: [Bool] = list.map { _ in false }
            var periods: [String] = []
            let all = try slices()
            let bar = Progress(total: all.count)
            defer { bar.done() }
            for s in all {
                bar.step("period \(s.name)")
                periods.append(s.name)
                let net: PersonNetwork
                do {
                    let all = try NetworkBuilder.build(s.dataset, options: s.options)
                    net = input.keepInactive ? all : try all.activeOnly()
                } catch let e as InputError where e.field == "period" {
                    continue
                }
                let g = net.graph
                // Exposure is judged at the period's end (else the data's last day).
                var exposure: Exposure.Result?
                if list.contains(where: Exposure.isKey) {
                    guard let day = s.options.to ?? s.dataset.period?.last else {
                        throw CLIError("exposure needs dated cases (the period \(s.name) has none)")
                    }
                    exposure = policy.exposure(s.dataset, asOf: day, from: s.options.from)
                }
                let scores = try list.map { m in
                    if Exposure.isKey(m), let exposure { return exposure.scores(m, on: g) }
                    return try Measures.compute([m], on: g)[0]
                }
                integral = scores.map(\.isIntegral)
                let active = input.keepInactive ? nil : net.activePersonIDs
                for v in 0..<g.nodeCount where net.personOfNode[v] != nil {
                    if let active, !active.contains(g.labels[v]) { continue }
                    rows.append((s.name, g.labels[v], scores.map { $0.values[v] }))
                }
            }
            if let person, !rows.contains(where: { $0.id == person }) {
                throw CLIError("\(person) has no tie in any period (\(periods.count) periods)")
            }
            switch format {
            case .csv, .xlsx:
                try output.emitTable(CSVOut.row(["id", "period"] + list) + rows.map { r in
                    CSVOut.row([r.id, r.period] + zip(r.values, integral).map { formatValue($0, integral: $1) })
                }.joined(), xlsx: format == .xlsx)
            case .json:
                try output.emit(JSONValue.array(rows.map { r in
                    .object([("id", .string(r.id)), ("period", .string(r.period))] + zip(list, zip(r.values, integral)).map { m, v in
                        (m, v.1 ? .int(Int(v.0)) : .number(v.0))
                    })
                }).serialized() + "\n")
            case .table:
                try output.emit(table(rows, periods: periods, list: list, integral: integral))
            }
        }
    }

    /// Ranks by the first measure within each period (1 = highest; ties share the better rank).
    func ranks(_ rows: [(period: String, id: String, values: [Double])]) -> [String: [String: Int]] {
        var out: [String: [String: Int]] = [:]
        for (p, group) in Dictionary(grouping: rows, by: \.period) {
            let sorted = group.sorted { ($0.values[0], $1.id) > ($1.values[0], $0.id) }
            var m: [String: Int] = [:]
            for (i, r) in sorted.enumerated() {
                m[r.id] = i > 0 && sorted[i - 1].values[0] == r.values[0] ? m[sorted[i - 1].id]! : i + 1
            }
            out[p] = m
        }
        return out
    }

    func table(_ rows: [(period: String, id: String, values: [Double])], periods: [String], list: [String], integral: [Bool]) -> String {
        let rank = ranks(rows)
        let byPeriod = Dictionary(grouping: rows, by: \.period)
        var text = ""
        if let person {
            var t = TextTable(header: ["period", "active", "rank"] + list)
            for p in periods {
                if let r = byPeriod[p]?.first(where: { $0.id == person }) {
                    t.rows.append([p, "yes", "\(rank[p]![person]!) of \(byPeriod[p]!.count)"] + zip(r.values, integral).map { displayValue($0, integral: $1) })
                } else {
                    t.rows.append([p, "no", ""] + list.map { _ in "" })
                }
            }
            t.rightAligned = Set(2..<(3 + list.count))
            return "trajectory of \(person) by \(unit.rawValue), ranked by \(list[0])\n" + t.render()
        }
        var previous: String?
        for p in periods {
            guard let group = byPeriod[p] else {
                text += "\(p): no ties\n\n"
                previous = nil
                continue
            }
            let r = rank[p]!
            let shown = group.sorted { (r[$0.id]!, $0.id) < (r[$1.id]!, $1.id) }.prefix(top)
            var t = TextTable(header: ["rank", "id"] + list + ["change"])
            for row in shown {
                var change = ""
                if let previous, let before = rank[previous]?[row.id] {
                    let d = before - r[row.id]!
                    change = d > 0 ? "▲\(d)" : d < 0 ? "▼\(-d)" : "="
                    if before > top { change += " new in top \(top)" }
                } else if previous != nil {
                    change = "new (no tie before)"
                }
                t.rows.append([String(r[row.id]!), row.id] + zip(row.values, integral).map { displayValue($0, integral: $1) } + [change])
            }
            t.rightAligned = Set([0] + (2..<(2 + list.count)))
            text += "\(p): \(group.count) active persons, top \(shown.count) by \(list[0])\n" + t.render() + "\n"
            previous = p
        }
        return text
    }
}
