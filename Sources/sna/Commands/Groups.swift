import ArgumentParser
import Foundation
import Network
import Screening

/// Groups: rosters with core and periphery, size and cases over time, the group network
/// (alliance and conflict), and call-in lists.
struct Groups: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Groups: rosters with core and periphery, size and cases per year, alliances and conflicts, call-in lists.",
        discussion: """
        Members come from affiliations.csv (the strongest confidence per person); core and periphery are the discrete split of the group's neighbourhood in the network (members and everyone tied to one, as `sna core-periphery --by group`), with the continuous coreness; size per year counts affiliations in force in the year; cases per year the cases with a member as suspect.

        --ties lists the group network: `alliance` when persons of two groups are suspects in one case, `conflict` when suspects of one group and victims of the other meet in one case, and in cases tagged as gang conflict (the policy's gang_conflict_tag) also suspects of both groups together and suspects with witnesses of the other group. A person's groups are the affiliations in force on the case's date; persons who share a group are not two sides; initiative cases make no tie. Weight = number of cases.
        CSV header (--ties): group_a,group_b,kind,weight,first,last,cases (group_a < group_b;
        cases separated by |)

        --call-in N lists the N most central members of each group (by --rank-by, default betweenness, in the whole network): the list a focused-deterrence call-in starts from. Ids are pseudonymous; --names adds names (minors unnamed unless --show-minors) and needs --purpose. CSV header (--call-in): group,rank,person_id,confidence,<measure>,age,minor
        CSV header (roster): group,person_id,confidence,position,coreness

        Examples:
          sna groups samples/noerrebro
          sna groups samples/noerrebro --ties --format csv -o group-ties.csv
          sna groups samples/noerrebro --call-in 5
          sna render samples/noerrebro --view groups -o groups.svg
        """)

    @OptionGroup var input: InputOptions

    @Flag(name: .long, help: "The group network: alliance and conflict ties.")
    var ties = false

    @Option(name: .customLong("call-in"), help: ArgumentHelp("The N most central members of each group.", valueName: "N"))
    var callIn: Int?

    @Option(name: .customLong("rank-by"), help: "With --call-in: the measure to rank by.")
    var rankBy: String = "betweenness"

    @Option(name: .long, help: ArgumentHelp("Only this group.", valueName: "name"))
    var group: String?

    @Option(name: .long, help: "Output format: table, csv or json.")
    var format: ClusterFormat = .table

    @OptionGroup var disclosure: DisclosureOptions
    @OptionGroup var actor: ActorOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if ties && callIn != nil { throw ValidationError("Use either --ties or --call-in, not both.") }
        if let callIn, callIn < 1 { throw ValidationError("--call-in must be at least 1.") }
        if !Measures.isKnown(rankBy) { throw ValidationError("Unknown measure '\(rankBy)' for --rank-by.") }
        try actor.requirePurpose(disclosure)
    }

    func run() throws {
        try reportingErrors {
            let policy = try input.loadPolicy()
            let net = try input.loadNetwork()
            let ds = net.dataset
            var names = ds.groups
            if names.isEmpty { throw CLIError("\(ds.location): no affiliations, so no groups (affiliations.csv)") }
            if let group {
                guard names.contains(group) else { throw CLIError("no group '\(group)'; the groups are \(names.joined(separator: ", "))") }
                names = [group]
            }
            let o = input.buildOptions()
            if ties {
                let all = policy.groupTies(ds, from: o.from, to: o.to, includeInitiative: input.includeInitiative)
                    .filter { t in group.map { t.a == $0 || t.b == $0 } ?? true }
                let header = ["group_a", "group_b", "kind", "weight", "first", "last", "cases"]
                let rows = all.map { [$0.a, $0.b, $0.kind.rawValue, String($0.weight), $0.first.description, $0.last.description,
                                      $0.cases.map(\.id).joined(separator: "|")] }
                if format == .table {
                    var t = TextTable(header: Array(header.prefix(6)) + ["latest cases"])
                    t.rows = all.map { x in [x.a, x.b, x.kind.rawValue, String(x.weight), x.first.description, x.last.description,
                                             x.cases.suffix(3).map(\.id).joined(separator: " ") + (x.cases.count > 3 ? " …" : "")] }
                    t.rightAligned = [3]
                    try output.emit("group network of \(ds.location): \(all.filter { $0.kind == .alliance }.count) alliance and \(all.filter { $0.kind == .conflict }.count) conflict ties\n" + t.render())
                } else {
                    try output.emitRows(header: header, rows: rows, format: format)
                }
                return
            }
            let rule = disclosure.rule(for: ds, policy: policy)
            let day = rule.asOf
            func person(_ id: String) -> Person? { ds.personIndex[id].map { ds.persons[$0] } }
            if let n = callIn {
                let scores = try Measures.compute([rankBy], on: net.graph)[0]
                let header = ["group", "rank", "person_id"] + (disclosure.names ? ["name"] : []) + ["confidence", rankBy, "age", "minor"]
                var rows: [[String]] = []
                for g in names {
                    let members = GroupNetwork.members(ds, group: g, from: o.from, to: o.to)
                    let ranked = members.compactMap { m in net.graph.index(of: m.person).map { (m, scores.values[$0]) } }
                        .sorted { ($0.1, $1.0.person) > ($1.1, $0.0.person) }.prefix(n)
                    for (i, (m, v)) in ranked.enumerated() {
                        let p = person(m.person)
                        let age = day.flatMap { d in p?.birthDate.map { $0.age(on: d) } }
                        rows.append([g, String(i + 1), m.person] + (disclosure.names ? [disclosure.shown(p, rule)] : [])
                                    + [m.confidence?.rawValue ?? "", format == .table ? displayValue(v, integral: scores.isIntegral) : formatValue(v, integral: scores.isIntegral), age.map(String.init) ?? "",
                                       policy.isMinor(age: age) ? "yes" : "no"])
                    }
                }
                try output.emitRows(header: header, rows: rows, format: format,
                                           title: "call-in lists: the \(n) most central members of each group by \(rankBy)\(day.map { ", ages on \($0)" } ?? ""); persons under \(policy.youthAge) are marked (DKS routes them)",
                                           record: actor.disclosureRecorder(input, disclosure, what: "group call-in lists", persons: rows.map { $0[2] }))
                return
            }
            // Rosters.
            let groupOf = NodeAttributes.values(net, "group", area: policy.areaLabel)
            let splits = Dictionary(uniqueKeysWithValues: CorePeriphery.withinGroups(net.graph, groupOf: groupOf, seed: 1, coreness: true).map { ($0.group, $0) })
            var csvRows: [[String]] = []
            var text = ""
            let years: [Int] = ds.period.map { Array($0.first.year...$0.last.year) } ?? []
            var suspects: [String: [String]] = [:]
            for p in ds.participations where p.role == .suspect { suspects[p.caseID, default: []].append(p.personID) }
            for g in names {
                let members = GroupNetwork.members(ds, group: g, from: o.from, to: o.to)
                let split = splits[g]
                var position: [String: (String, Double?)] = [:]
                if let split {
                    for (k, v) in split.nodes.enumerated() {
                        position[net.graph.labels[v]] = (split.split.core[k] ? "core" : "periphery", split.coreness?[k])
                    }
                }
                let memberSet = Set(members.map(\.person))
                var sizes: [String] = [], cases: [String] = []
                var casesPerYear: [Int: Int] = [:]
                for c in ds.cases where (suspects[c.id] ?? []).contains(where: memberSet.contains) { casesPerYear[c.date.year, default: 0] += 1 }
                for y in years {
                    let a = Day(year: y, month: 1, day: 1)!, b = Day(year: y, month: 12, day: 31)!
                    sizes.append("\(y): \(GroupNetwork.members(ds, group: g, from: a, to: b).count)")
                    cases.append("\(y): \(casesPerYear[y] ?? 0)")
                }
                let rows = members.map { m -> [String] in
                    let pos = position[m.person]
                    return [g, m.person] + (disclosure.names ? [disclosure.shown(person(m.person), rule)] : [])
                        + [m.confidence?.rawValue ?? "", pos?.0 ?? "no tie", pos?.1.map { formatNumber(($0 * 1000).rounded() / 1000) } ?? ""]
                }
                csvRows += rows
                let byConfidence = AffiliationConfidence.allCases.map { c in "\(c.rawValue) \(members.filter { $0.confidence == c }.count)" }
                text += "\(g): \(members.count) members (\(byConfidence.joined(separator: ", "))); core \(rows.filter { $0[$0.count - 2] == "core" }.count)\n"
                if !years.isEmpty { text += "  members per year: \(sizes.joined(separator: ", "))\n  cases with a member as suspect: \(cases.joined(separator: ", "))\n" }
                var t = TextTable(header: ["person_id"] + (disclosure.names ? ["name"] : []) + ["confidence", "position", "coreness"])
                t.rows = rows.map { Array($0.dropFirst()) }
                t.rightAligned = [t.header.count - 1]
                text += t.render() + "\n"
            }
            let header = ["group", "person_id"] + (disclosure.names ? ["name"] : []) + ["confidence", "position", "coreness"]
            let rec = actor.disclosureRecorder(input, disclosure, what: "group rosters", persons: csvRows.map { $0[1] })
            if format == .table { try output.emit(text, record: rec) } else { try output.emitRows(header: header, rows: csvRows, format: format, record: rec) }
        }
    }
}
