extension Dataset {
    /// What is odd but not wrong in a dataset, one line each, pointing at the first row
    /// concerned: crime codes missing from the crime-code table, cases without a suspect.
    public func warnings() -> [String] {
        var warnings: [String] = loadNotes
        var unknownCodes: [String: (count: Int, first: SourceRow)] = [:]
        var codeOrder: [String] = []
        for c in cases where crimeCodes.entry(for: c.crimeCode) == nil && !crimeCodes.isInitiative(c.crimeCode) {
            if unknownCodes[c.crimeCode] == nil { codeOrder.append(c.crimeCode); unknownCodes[c.crimeCode] = (0, c.source) }
            unknownCodes[c.crimeCode]!.count += 1
        }
        for code in codeOrder {
            let u = unknownCodes[code]!
            warnings.append("\(u.first): crime code \(code) is not in the crime-code table (\(u.count) case\(u.count == 1 ? "" : "s")); add it to crime_codes.csv to mark it serious or initiative")
        }
        var withSuspect = Set<String>()
        for p in participations where p.role == .suspect { withSuspect.insert(p.caseID) }
        let noSuspect = cases.filter { !withSuspect.contains($0.id) }
        if !participations.isEmpty, let first = noSuspect.first {
            warnings.append("\(first.source): \(noSuspect.count) case\(noSuspect.count == 1 ? " has" : "s have") no suspect (first: \(first.id))")
        }
        return warnings
    }
}

extension Dataset {
    /// Two ids that may be one person, or two persons who must not be taken for one.
    public struct IdentityNote: Sendable, Equatable {
        public enum Kind: String, Sendable {
            /// Same name and birth date, or same name, birth dates at most 31 days apart and the
            /// same district: possibly one person under two ids. Never merged automatically.
            case possibleDuplicate = "possible_duplicate"
            /// Same name, different birth date: different persons (a namesake).
            case namesake
        }
        public var kind: Kind
        public var first: String
        public var second: String
        public var why: String
    }

    /// Pairs of persons with the same name (case and spacing ignored), in input order. Nothing
    /// is merged and no evidence is pooled across ids: this only says where to look.
    public func identityNotes() -> [IdentityNote] {
        func key(_ s: String) -> String {
            s.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
        }
        var byName: [String: [Int]] = [:]
        var order: [String] = []
        for (i, p) in persons.enumerated() {
            guard let n = p.name, !n.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            let k = key(n)
            if byName[k] == nil { order.append(k) }
            byName[k, default: []].append(i)
        }
        var notes: [IdentityNote] = []
        for k in order {
            let idx = byName[k]!
            guard idx.count > 1 else { continue }
            for a in 0..<idx.count {
                for b in (a + 1)..<idx.count {
                    let p = persons[idx[a]], q = persons[idx[b]]
                    guard let x = p.birthDate, let y = q.birthDate else { continue }
                    let days = abs(x.ordinal - y.ordinal)
                    if days == 0 {
                        notes.append(IdentityNote(kind: .possibleDuplicate, first: p.id, second: q.id, why: "same name and birth date"))
                    } else if days <= 31, p.district != nil, p.district == q.district {
                        notes.append(IdentityNote(kind: .possibleDuplicate, first: p.id, second: q.id,
                                                  why: "same name, birth dates \(days) days apart, same district"))
                    } else {
                        notes.append(IdentityNote(kind: .namesake, first: p.id, second: q.id, why: "same name, different birth date (\(x) and \(y))"))
                    }
                }
            }
        }
        return notes
    }

    /// Case tags in the data with the number of cases carrying each, most used first (ties by
    /// name): what a unit could name as `initiative_tags`.
    public func tagCounts() -> [(tag: String, cases: Int)] {
        var counts: [String: Int] = [:]
        for c in cases { for t in Set(c.tags) { counts[t, default: 0] += 1 } }
        return counts.map { ($0.key, $0.value) }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
    }
}
