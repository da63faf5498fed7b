import CrimePicture
import Foundation
import Network
import Screening

extension ReportBuilder {
    /// The crime picture of the focus area (`sna crimes`): quarterly counts per code group with
    /// the phases marked, the change of the last year against the baseline tested and said in
    /// words, police business apart, the conflict tag's share and where cases concentrate.
    func crimeSection(_ files: inout [(String, String)]) throws -> ReportSection {
        progress.step("crime picture")
        let policy = options.policy
        var blocks: [ReportBlock] = []
        guard !ds.cases.isEmpty else {
            return ReportSection(id: "crimes", title: "Crime picture", blocks: [.paragraph("The data hold no cases.")])
        }
        var q = CrimePicture.Options()
        q.unit = .quarter
        q.topPlaces = 3
        let quarterly = try CrimePicture(ds, policy: policy, options: q)
        var y = CrimePicture.Options()
        y.unit = .year
        let yearly = try CrimePicture(ds, policy: policy, options: y)
        let area = quarterly.areas.contains("focus") ? "focus" : "all"
        let areaName = area == "focus" ? "in the focus area (\(policy.focusDistricts.joined(separator: ", ")))" : "in the data"
        var intro = "Reported cases per quarter \(areaName), by code group (policy code_groups), from cases.csv, with the change tested rather than given as a percent. Police business (initiative cases: inquiries, stop-and-search) is never counted as crime. "
        if let b = yearly.baseline { intro += "Baseline \(b.from) – \(b.to)\(policy.phaseList.first.map { " (\($0.name))" } ?? ""). " }
        intro += "Z = 2(√now − √baseline): |Z| ≥ 3 a signal, ≥ 2 a weaker one; p: the E-test. `sna crimes` adds a comparison area and rates."
        blocks.append(.paragraph(intro))
        if !quarterly.notes.isEmpty { blocks.append(.paragraph(quarterly.notes.map { $0.prefix(1).uppercased() + $0.dropFirst() + "." }.joined(separator: " "))) }
        // The change of the last full year against the baseline, in words.
        let crimeGroups = quarterly.groups.filter { g in yearly.rows.contains { $0.group == g && $0.area == area && $0.cases > 0 } }
        if let lastYear = yearly.periods.last, let b = yearly.baseline {
            let label = b.from.year == b.to.year ? String(b.from.year) : "\(b.from.year)–\(b.to.year)"
            let said = crimeGroups.compactMap { g in yearly.row(lastYear, area, g).flatMap { CrimePicture.sentence($0, baselineLabel: label, areaName: areaName) } }
            if !said.isEmpty {
                blocks.append(.subheading("Change \(label) → \(lastYear.label)"))
                blocks.append(.list(said.map { $0 + "." }))
            }
        }
        // One quarterly chart of every crime group, phases shaded, the tag's cases dashed.
        let bands = policy.phaseList.map { (label: $0.name, from: $0.from, to: $0.to) }
        let first = quarterly.periods.first!.start, last = quarterly.periods.last!.end
        let colours = ["#0b5cad", "#b35806", "#1b7837", "#762a83", "#555555", "#c51b7d"]
        var series: [SVGChart.Series] = []
        for (i, g) in crimeGroups.enumerated() {
            let rows = quarterly.rows.filter { $0.area == area && $0.group == g }
            series.append(SVGChart.Series(label: g.replacingOccurrences(of: "_", with: " "), color: colours[i % colours.count],
                                          points: rows.map { (x: Double($0.period.start.ordinal + 45), y: Double($0.cases)) }))
        }
        let tagged = quarterly.rows.filter { $0.area == area && $0.group == (crimeGroups.contains("violence") ? "violence" : crimeGroups.first ?? "") }
            .map { (x: Double($0.period.start.ordinal + 45), y: Double($0.tagged)) }
        if tagged.contains(where: { $0.y > 0 }) {
            series.append(SVGChart.Series(label: "\(crimeGroups.contains("violence") ? "violence" : crimeGroups.first ?? "") tagged \(quarterly.tag)", color: "#c0392b", points: tagged, dashed: true))
        }
        if !series.isEmpty {
            blocks.append(.chart(name: "crimes", svg: SVGChart.lines(series, xDays: (first, last), yLabel: "cases per quarter", yFloor: 4, bands: bands),
                                 caption: "Cases per quarter \(areaName) by code group, phases shaded (crimes.csv has every figure)."))
        }
        // Per year: counts, the test, the tag share.
        if !crimeGroups.isEmpty {
            var header = ["group"] + yearly.periods.map(\.label)
            header += ["Z (last year)", "tagged \(yearly.tag)"]
            let rows: [[String]] = crimeGroups.map { g in
                let r = yearly.periods.map { p in yearly.row(p, area, g) }
                let cases = r.map { $0.map { String($0.cases) } ?? "" }
                let z = r.last??.z.map { (($0 >= 0) ? "+" : "−") + formatNumber((abs($0) * 100).rounded() / 100) } ?? ""
                let total = r.compactMap { $0?.cases }.reduce(0, +), tagged = r.compactMap { $0?.tagged }.reduce(0, +)
                return [g] + cases + [z, total == 0 ? "" : "\(tagged) of \(total) (\(formatNumber((Double(tagged) / Double(total) * 1000).rounded() / 10)) %)"]
            }
            blocks.append(.table(ReportTable(header: header, rows: rows, caption: "Cases per year \(areaName); Z of the last year against the baseline; the share carrying the tag \(yearly.tag) over all years")))
        }
        // Police business apart.
        let initiativeCounts = yearly.periods.map { p in yearly.rows.filter { $0.period == p && $0.area == area }.map(\.initiative).max() ?? 0 }
        if initiativeCounts.contains(where: { $0 > 0 }) {
            blocks.append(.subheading("Police business"))
            blocks.append(.paragraph("Initiative cases \(areaName) per year: " + zip(yearly.periods, initiativeCounts).map { "\($0.label) \($1)" }.joined(separator: ", ")
                                     + ": what the police chose to do, rising with presence, never crime."))
        }
        // Where cases concentrate.
        let tops = quarterly.topPlaces.filter { $0.total > 0 && crimeGroups.contains($0.group) && $0.group != "homicide" }
        if !tops.isEmpty {
            blocks.append(.subheading("Where cases concentrate (all areas)"))
            blocks.append(.list(tops.map { t in
                let lead = t.places.first.map { "\($0.place) holds \($0.cases) of \(t.total) (\(formatNumber((Double($0.cases) / Double(t.total) * 1000).rounded() / 10)) %)" } ?? ""
                return "\(t.group.replacingOccurrences(of: "_", with: " ").capitalized): \(lead); \(t.placesFor80) place\(t.placesFor80 == 1 ? "" : "s") make\(t.placesFor80 == 1 ? "s" : "") up 80 %. Top: " + t.places.map { "\($0.place) \($0.cases)" }.joined(separator: ", ") + "."
            }))
        }
        // The figures beside the pack, as `sna crimes --by quarter --format csv` writes them.
        var csv = CSVOut.row(["period", "area", "group", "cases", "initiative", "tagged", "baseline", "z", "p", "pct_change"])
        for r in quarterly.rows {
            csv += CSVOut.row([r.period.label, r.area, r.group, String(r.cases), String(r.initiative), String(r.tagged),
                               r.baseline.map(formatNumber) ?? "", r.z.map(formatNumber) ?? "", r.p.map(formatNumber) ?? "", r.pctChange.map(formatNumber) ?? ""])
        }
        files.append(("crimes.csv", csv))
        return ReportSection(id: "crimes", title: "Crime picture", blocks: blocks)
    }
}
