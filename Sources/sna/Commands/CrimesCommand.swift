import ArgumentParser
import CrimePicture
import Foundation
import Network
import Screening
import Store

extension CrimePeriod.Unit: ExpressibleByArgument {}

/// `sna crimes`: the crime picture of the focus area.
struct CrimesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crimes",
        abstract: "The crime picture: cases per period, area and code group, police business apart, changes tested against a baseline.",
        discussion: """
        Counts the cases of cases.csv per period (--by month, quarter or year) and per code group (policy code_groups: homicide, violence, robbery, narcotics, police_business by default; a case counts in every group its code is in). Initiative cases (policy initiative_codes and initiative_tags: police business such as inquiries and stop-and-search, which rise with police presence) are never counted as crime: they are the `initiative` column. `tagged` counts the cases carrying --tag (default the policy's gang_conflict_tag). With places.csv (place,district) the focus area (policy focus_districts) is counted, and a comparison area with --compare; cases whose place is missing or unknown count in `all` only, and that is said.

        Change is tested, never just a percent: against the baseline (--baseline, default the policy's first phase; `seasonal`: every earlier year's same period) each period gets the Poisson score Z = 2(√now − √baseline) — |Z| ≥ 3 a signal, ≥ 2 a weaker one —, the E-test's p (Krishnamoorthy & Thomson 2004; periods of unequal length), and the percent change, empty where the baseline or the count is 0. A baseline spanning several of the same period uses their mean. With --compare the focus area's change is held against the comparison area's: the weighted displacement difference WDD = ΔT − ΔC with SE = √(T₀+T₁+C₀+C₁). With districts.csv (district,population[,year]) counts become rates per 1,000 residents (table, JSON; CSV with --rates).

        CSV header: period,area,group,cases,initiative,tagged,baseline,z,p,pct_change (+ population,rate_per_1000 with --rates). area is all, focus, compare or a district (--by-district).

        Examples:
          sna crimes samples/noerrebro --by year
          sna crimes samples/noerrebro --by quarter --compare Vesterbro --format csv
          sna crimes samples/noerrebro --by year --baseline 2012 --group violence --top-places 5
          sna crimes sna.sqlite --by quarter --baseline seasonal
        """)

    @Argument(help: "Dataset folder or a store (sna.sqlite).")
    var input: String

    @Option(name: .long, help: ArgumentHelp("With a store as input: the pull (default the latest).", valueName: "id"))
    var pull: Int64?

    @Option(name: .long, help: "The period: month, quarter or year.")
    var by: CrimePeriod.Unit = .quarter

    @Option(name: .long, help: ArgumentHelp("First period or day counted (2012, 2012Q1, 2012-03 or YYYY-MM-DD; default the first case).", valueName: "period"))
    var from: String?

    @Option(name: .long, help: ArgumentHelp("Last period or day counted (default the last case).", valueName: "period"))
    var to: String?

    @Option(name: .long, help: ArgumentHelp("The baseline: a period or span (2012, 2012Q1..2012Q4, 2012-01-01..2012-06-30), or `seasonal` (each period against the same period of every earlier year). Default: the policy's first phase.", valueName: "span"))
    var baseline: String?

    @Option(name: .long, help: ArgumentHelp("Comparison area: districts, comma-separated (needs places.csv).", valueName: "districts"))
    var compare: String?

    @Flag(name: .customLong("by-district"), help: "Also one area per district of places.csv.")
    var byDistrict = false

    @Option(name: .long, help: ArgumentHelp("Only these code groups, comma-separated.", valueName: "names"))
    var group: String?

    @Option(name: .long, help: ArgumentHelp("The tag whose share is counted (default: the policy's gang_conflict_tag).", valueName: "tag"))
    var tag: String?

    @Option(name: .customLong("top-places"), help: ArgumentHelp("Where cases concentrate: the N places with most cases per group, and how many places make up 80 %.", valueName: "n"))
    var topPlaces: Int = 0

    @Flag(name: .long, help: "CSV: add population,rate_per_1000 (needs districts.csv).")
    var rates = false

    @Option(name: .long, help: ArgumentHelp("Policy file (YAML): code_groups, phases, focus_districts, initiative codes and tags.", valueName: "file"))
    var policy: String?

    @OptionGroup var columns: ColumnOptions

    @Option(name: .long, help: "Output format: table, csv or json.") var format: ClusterFormat = .table
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if let from, DaySpan(from) == nil { throw ValidationError("--from '\(from)' is not a period: write 2012, 2012Q1, 2012-03 or YYYY-MM-DD.") }
        if let to, DaySpan(to) == nil { throw ValidationError("--to '\(to)' is not a period: write 2012, 2012Q1, 2012-03 or YYYY-MM-DD.") }
        if let baseline, baseline != "seasonal", DaySpan(baseline) == nil {
            throw ValidationError("--baseline '\(baseline)' is not a period or span: write 2012, 2012Q1..2012Q4, 2012-01-01..2012-06-30 or seasonal.")
        }
        if topPlaces < 0 || topPlaces > 1000 { throw ValidationError("--top-places must be from 0 to 1000.") }
        if let f = from.flatMap(DaySpan.init), let t = to.flatMap(DaySpan.init), t.to < f.from { throw ValidationError("--to is before --from.") }
    }

    func run() throws {
        try reportingErrors {
            let rules = try loadPolicyFile(policy)
            let ds: Dataset
            if Store.isStore(input) {
                ds = try Store(path: input, readOnly: true).dataset(pull: pull).1
            } else {
                if pull != nil { throw CLIError("--pull needs a store as input (\(input) is not one)") }
                ds = try DatasetLoader.load(input, columns: try columns.map())
            }
            var o = CrimePicture.Options()
            o.unit = by
            o.from = from.flatMap(DaySpan.init)?.from
            o.to = to.flatMap(DaySpan.init)?.to
            if baseline == "seasonal" { o.seasonal = true } else { o.baseline = baseline.flatMap(DaySpan.init) }
            o.compare = compare.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } } ?? []
            o.byDistrict = byDistrict
            o.tag = tag
            o.topPlaces = topPlaces
            var chosen = rules
            if let group {
                let wanted = group.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                let known = rules.codeGroupList.map(\.name)
                for w in wanted where !known.contains(w) { throw CLIError("--group \(w): no such code group (policy code_groups: \(known.joined(separator: ", ")))") }
                chosen.codeGroups = rules.codeGroups.filter { d in CodeGroup(declaration: d).map { wanted.contains($0.name) } ?? false }
            }
            if ds.layout == .dataset && ds.headers["cases.csv"] == nil {
                throw CLIError("\(ds.location) has no cases.csv (case_id,date,crime_code,place,tags): there is no crime picture without cases")
            }
            if rates && ds.populations.isEmpty { throw CLIError("--rates needs districts.csv (district,population[,year]) in \(ds.location)") }
            let picture = try CrimePicture(ds, policy: chosen, options: o)
            if format != .table { for n in picture.notes { note("note: \(n)") } }
            switch format {
            case .csv, .xlsx:
                var header = ["period", "area", "group", "cases", "initiative", "tagged", "baseline", "z", "p", "pct_change"]
                if rates { header += ["population", "rate_per_1000"] }
                let rows: [[String]] = picture.rows.map { r in
                    var f: [String] = [r.period.label, r.area, r.group, String(r.cases), String(r.initiative), String(r.tagged)]
                    f.append(r.baseline.map(formatNumber) ?? "")
                    f.append(r.z.map(formatNumber) ?? "")
                    f.append(r.p.map(formatNumber) ?? "")
                    f.append(r.pctChange.map(formatNumber) ?? "")
                    if rates {
                        f.append(r.population.map(String.init) ?? "")
                        f.append(r.rate.map(formatNumber) ?? "")
                    }
                    return f
                }
                try output.emitRows(header: header, rows: rows, format: format)
            case .json:
                try output.emit(CrimesCommand.json(picture) + "\n")
            case .table:
                try output.emit(CrimesCommand.table(picture, ds: ds))
            }
        }
    }

    static func num(_ v: Double?, _ digits: Int = 2) -> String {
        guard let v else { return "" }
        let m = pow(10, Double(digits))
        return formatNumber((v * m).rounded() / m)
    }

    static func table(_ p: CrimePicture, ds: Dataset) -> String {
        var out = "crime picture of \(ds.location): \(p.periods.first?.label ?? "–") to \(p.periods.last?.label ?? "–")"
        if let b = p.baseline { out += "; baseline \(b.from)..\(b.to)" } else if p.seasonal { out += "; baseline: the same period of earlier years" }
        out += "\n"
        if !p.phases.isEmpty { out += "phases: " + p.phases.map { "\($0.name) \($0.from)..\($0.to)" }.joined(separator: ", ") + "\n" }
        for n in p.notes { out += "note: \(n)\n" }
        out += "counts are cases per \(p.periods.first?.unit.rawValue ?? "period"); z: 2(√now − √baseline), *** |z| ≥ 3 a signal, * |z| ≥ 2 a weaker one; p: the E-test\n"
        let withRates = p.rows.contains { $0.population != nil }
        for area in p.areas {
            for g in p.groups {
                let rows = p.rows.filter { $0.area == area && $0.group == g }
                guard rows.contains(where: { $0.cases > 0 || $0.initiative > 0 }) else { continue }
                var t = TextTable(header: ["period", "phase", "cases", "initiative", "tagged", "baseline", "z", "p", "change"] + (withRates ? ["per_1000"] : []))
                t.rows = rows.map { r in
                    let mark = r.z.map { abs($0) >= 3 ? " ***" : abs($0) >= 2 ? " *" : "" } ?? ""
                    return [r.period.label, r.phase ?? "", String(r.cases), String(r.initiative),
                            r.cases == 0 ? "" : "\(r.tagged) (\(num(Double(r.tagged) / Double(r.cases) * 100, 1)) %)",
                            num(r.baseline, 1), num(r.z) + mark, r.p.map { $0 < 0.001 ? "<0.001" : num($0, 3) } ?? "",
                            r.pctChange.map { ($0 >= 0 ? "+" : "") + num($0, 1) + " %" } ?? ""] + (withRates ? [num(r.rate, 2)] : [])
                }
                t.rightAligned = Set(2..<(withRates ? 10 : 9))
                let areaName = area == "focus" ? "focus (\(ds.places.isEmpty ? "" : p.focusDistricts.joined(separator: ", ")))" : area
                out += "\n\(g) — area \(areaName)\(g == "police_business" ? " (initiative: police activity, which rises with presence; not crime)" : "")\n" + t.render()
            }
        }
        if !p.displacement.isEmpty {
            var t = TextTable(header: ["period", "group", "focus_before", "focus_now", "compare_before", "compare_now", "wdd", "se", "z"])
            t.rows = p.displacement.filter { $0.t0 + $0.t1 + $0.c0 + $0.c1 > 0 }.map { d in
                [d.period.label, d.group, num(d.t0, 1), num(d.t1, 1), num(d.c0, 1), num(d.c1, 1), num(d.wdd, 1), num(d.se, 1), num(d.z)]
            }
            t.rightAligned = Set(2..<9)
            out += "\nthe focus area against the comparison area (weighted displacement difference; |z| ≥ 2 a signal)\n" + t.render()
        }
        for tp in p.topPlaces where tp.total > 0 {
            var t = TextTable(header: ["place", "cases", "share"])
            t.rows = tp.places.map { [$0.place, String($0.cases), num(Double($0.cases) / Double(tp.total) * 100, 1) + " %"] }
            t.rightAligned = [1, 2]
            out += "\nwhere \(tp.group) concentrates: \(tp.placesFor80) place\(tp.placesFor80 == 1 ? "" : "s") make\(tp.placesFor80 == 1 ? "s" : "") up 80 % of \(tp.total) cases\n" + t.render()
        }
        return out
    }

    static func json(_ p: CrimePicture) -> String {
        func n(_ v: Double?) -> JSONValue { v.map { JSONValue.number($0) } ?? .null }
        return JSONValue.object([
            ("periods", .array(p.periods.map { .string($0.label) })),
            ("areas", .array(p.areas.map { .string($0) })),
            ("groups", .array(p.groups.map { .string($0) })),
            ("tag", .string(p.tag)),
            ("baseline", p.baseline.map { .object([("from", .string($0.from.description)), ("to", .string($0.to.description))]) } ?? (p.seasonal ? .string("seasonal") : .null)),
            ("phases", .array(p.phases.map { .object([("name", .string($0.name)), ("from", .string($0.from.description)), ("to", .string($0.to.description))]) })),
            ("no_place", .int(p.noPlace)),
            ("unknown_places", .object(p.unknownPlace.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) })),
            ("notes", .array(p.notes.map { .string($0) })),
            ("rows", .array(p.rows.map { r in
                .object([("period", .string(r.period.label)), ("area", .string(r.area)), ("group", .string(r.group)), ("cases", .int(r.cases)),
                         ("initiative", .int(r.initiative)), ("tagged", .int(r.tagged)), ("baseline", n(r.baseline)), ("z", n(r.z)), ("p", n(r.p)),
                         ("pct_change", n(r.pctChange)), ("phase", r.phase.map { .string($0) } ?? .null),
                         ("population", r.population.map { .int($0) } ?? .null), ("rate_per_1000", n(r.rate))])
            })),
            ("displacement", .array(p.displacement.map { d in
                .object([("period", .string(d.period.label)), ("group", .string(d.group)), ("t0", .number(d.t0)), ("t1", .number(d.t1)),
                         ("c0", .number(d.c0)), ("c1", .number(d.c1)), ("wdd", .number(d.wdd)), ("se", .number(d.se)), ("z", .number(d.z))])
            })),
            ("top_places", .array(p.topPlaces.map { t in
                .object([("group", .string(t.group)), ("total", .int(t.total)), ("places_for_80_percent", .int(t.placesFor80)),
                         ("places", .array(t.places.map { .object([("place", .string($0.place)), ("cases", .int($0.cases))]) }))])
            })),
        ]).serialized()
    }
}
