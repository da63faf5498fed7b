import Foundation

/// The network of groups: which groups offend together (alliance) and which victimize each other
/// (conflict), from the cases and the affiliations in force on each case's date.
///
/// - **alliance** A–B: distinct persons of A and of B are suspects in one case (not tagged as a
///   gang conflict).
/// - **conflict** A–B: a suspect of A and a victim of B (or the reverse) in one case; and in a
///   case tagged as a gang conflict, also suspects of A and B together (a fight between groups)
///   and suspects of A with witnesses or others of B.
///
/// A person's groups on a day are the affiliations whose period covers it (open ends match).
/// Initiative cases make no tie (as for co-offending). The weight of a tie is its number of
/// cases.
public enum GroupNetwork {
    public enum Kind: String, Sendable, CaseIterable, Comparable {
        case alliance, conflict
        public static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }
    }

    /// One tie between two groups (`a < b`).
    public struct Tie: Sendable, Equatable {
        public var a: String
        public var b: String
        public var kind: Kind
        /// The cases behind it, oldest first (by date, then id).
        public var cases: [(id: String, date: Day)]
        public var weight: Int { cases.count }
        public var first: Day { cases.first!.date }
        public var last: Day { cases.last!.date }

        public static func == (l: Tie, r: Tie) -> Bool {
            l.a == r.a && l.b == r.b && l.kind == r.kind && l.cases.map(\.id) == r.cases.map(\.id)
        }
    }

    /// The groups' ties, ordered by (a, b, kind). `from`/`to` limit the cases by date.
    public static func ties(_ ds: Dataset, from: Day? = nil, to: Day? = nil, initiative: InitiativeRule = .default,
                            includeInitiative: Bool = false, conflictTag: String = "Bandekonflikt") -> [Tie] {
        var affiliations: [String: [Affiliation]] = [:]
        for a in ds.affiliations { affiliations[a.personID, default: []].append(a) }
        func groups(_ person: String, on day: Day) -> Set<String> {
            Set((affiliations[person] ?? []).filter { $0.overlaps(from: day, to: day) }.map(\.group))
        }
        var roles: [String: [(person: String, role: CaseRole)]] = [:]
        for p in ds.participations { roles[p.caseID, default: []].append((p.personID, p.role)) }
        var found: [String: (a: String, b: String, kind: Kind, cases: [(id: String, date: Day)])] = [:]
        func tie(_ x: String, _ y: String, _ kind: Kind, _ c: Case) {
            guard x != y else { return }
            let (a, b) = x < y ? (x, y) : (y, x)
            let key = "\(a)\u{1F}\(b)\u{1F}\(kind.rawValue)"
            if found[key] == nil { found[key] = (a, b, kind, []) }
            if found[key]!.cases.last?.id != c.id { found[key]!.cases.append((c.id, c.date)) }
        }
        for c in ds.cases {
            if let from, c.date < from { continue }
            if let to, c.date > to { continue }
            if !includeInitiative && initiative.matches(c, ds.crimeCodes) { continue }
            guard let involved = roles[c.id], involved.count > 1 else { continue }
            let tagged = c.tags.contains(conflictTag)
            let people = involved.map { (person: $0.person, role: $0.role, groups: groups($0.person, on: c.date)) }.filter { !$0.groups.isEmpty }
            for i in people.indices {
                for j in people.indices where j > i && people[i].person != people[j].person {
                    let p = people[i], q = people[j]
                    let kind: Kind?
                    switch (p.role, q.role) {
                    case (.suspect, .suspect): kind = tagged ? .conflict : .alliance
                    case (.suspect, .victim), (.victim, .suspect): kind = .conflict
                    case (.suspect, _), (_, .suspect): kind = tagged ? .conflict : nil
                    default: kind = nil
                    }
                    guard let kind else { continue }
                    // Persons who share a group are not two sides.
                    if !p.groups.isDisjoint(with: q.groups) { continue }
                    for g in p.groups.sorted() { for h in q.groups.sorted() { tie(g, h, kind, c) } }
                }
            }
        }
        return found.values.map { t in
            Tie(a: t.a, b: t.b, kind: t.kind, cases: t.cases.sorted { ($0.date, $0.id) < ($1.date, $1.id) })
        }.sorted { ($0.a, $0.b, $0.kind) < ($1.a, $1.b, $1.kind) }
    }

    /// A group's members by affiliation (those whose affiliation overlaps `[from, to]`), the
    /// strongest confidence per person, in order of first appearance.
    public static func members(_ ds: Dataset, group: String, from: Day? = nil, to: Day? = nil) -> [(person: String, confidence: AffiliationConfidence?)] {
        var out: [(person: String, confidence: AffiliationConfidence?)] = []
        var index: [String: Int] = [:]
        for a in ds.affiliations where a.group == group && a.overlaps(from: from, to: to) {
            if let i = index[a.personID] {
                if let c = a.confidence, out[i].confidence.map({ c < $0 }) ?? true { out[i].confidence = c }
            } else {
                index[a.personID] = out.count
                out.append((a.personID, a.confidence))
            }
        }
        return out
    }
}

extension GroupNetwork {
    /// The group network as DOT (laid out with fdp): one node per group (its member count in the
    /// label), alliance ties solid blue, conflict ties dashed red, line width by the number of
    /// cases; each tie's label says its kind and weight (the legend in words). Deterministic: groups in the order given, ties in their order.
    public static func dot(groups: [(name: String, members: Int)], ties: [Tie], title: String, subtitle: [String]) -> String {
        let q = DOTWriter.quote
        var s = "graph groups {\n"
        s += "  graph [fontname=\"Helvetica\", labelloc=t, label=\(q(([title] + subtitle + ["solid blue line: alliance · dashed red line: conflict · line width: number of cases"]).joined(separator: "\n"))), fontsize=16, overlap=false, splines=true, pad=0.4, nodesep=0.8, K=2.5];\n"
        s += "  node [fontname=\"Helvetica\", shape=ellipse, margin=\"0.25,0.12\", style=filled, fillcolor=\"#f2f2f2\", color=\"#555555\", fontsize=14];\n"
        s += "  edge [fontname=\"Helvetica\", fontsize=12, len=4.5];\n"
        for (i, g) in groups.enumerated() {
            s += "  g\(i) [label=\(q("\(g.name)\n\(g.members) members"))];\n"
        }
        let index = Dictionary(uniqueKeysWithValues: groups.enumerated().map { ($1.name, $0) })
        let maxWeight = Double(max(1, ties.map(\.weight).max() ?? 1))
        for t in ties {
            guard let a = index[t.a], let b = index[t.b] else { continue }
            let width = 1 + 5 * Double(t.weight) / maxWeight
            let style = t.kind == .conflict ? "color=\"#D55E00\", style=dashed, fontcolor=\"#D55E00\"" : "color=\"#0072B2\", style=solid, fontcolor=\"#0072B2\""
            s += "  g\(a) -- g\(b) [\(style), penwidth=\(formatNumber((width * 10).rounded() / 10)), label=\(q("\(t.kind.rawValue) \(t.weight)")), tooltip=\(q("\(t.kind.rawValue): \(t.weight) cases \(t.first)–\(t.last)"))];\n"
        }
        return s + "}\n"
    }
}
