extension Dataset {
    /// What is odd but not wrong in a dataset, one line each, pointing at the first row
    /// concerned: crime codes missing from the crime-code table, cases without a suspect.
    public func warnings() -> [String] {
        var warnings: [String] = loadNotes.filter { !columnNotes.contains($0) }
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
    /// A name as persons are matched on it: lower case, runs of spaces and tabs as one space,
    /// none at the ends (nil: no name).
    static func nameKey(_ name: String?) -> String? {
        guard let name else { return nil }
        let k = name.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
        return k.isEmpty ? nil : k
    }

    public func identityNotes() -> [IdentityNote] {
        // Blocking: persons are compared only within one name, in birth-date order, and only
        // with those born at most 31 days apart (a possible duplicate). Namesakes — same name,
        // other birth dates — are noted between neighbours in that order, so every person of a
        // common name is told of a namesake without the name's persons being paired off
        // (932 persons of one name would make 434,000 pairs). O(persons log persons).
        var byName: [String: [Int]] = [:]
        var order: [String] = []
        for (i, p) in persons.enumerated() {
            guard p.birthDate != nil, let k = Self.nameKey(p.name) else { continue }
            if byName[k] == nil { order.append(k) }
            byName[k, default: []].append(i)
        }
        var notes: [IdentityNote] = []
        for k in order {
            let idx = byName[k]!.sorted { (persons[$0].birthDate!.ordinal, $0) < (persons[$1].birthDate!.ordinal, $1) }
            guard idx.count > 1 else { continue }
            var paired = Set<Int>()
            for a in 0..<idx.count {
                let p = persons[idx[a]], x = p.birthDate!
                var b = a + 1
                while b < idx.count, persons[idx[b]].birthDate!.ordinal - x.ordinal <= 31 {
                    let q = persons[idx[b]], days = q.birthDate!.ordinal - x.ordinal
                    if days == 0 {
                        notes.append(IdentityNote(kind: .possibleDuplicate, first: p.id, second: q.id, why: "same name and birth date"))
                        paired.insert(a); paired.insert(b)
                    } else if p.district != nil, p.district == q.district {
                        notes.append(IdentityNote(kind: .possibleDuplicate, first: p.id, second: q.id,
                                                  why: "same name, birth dates \(days) days apart, same district"))
                        paired.insert(a); paired.insert(b)
                    }
                    b += 1
                }
            }
            // Namesakes: each person and the next of another birth date.
            for a in 0..<(idx.count - 1) {
                let p = persons[idx[a]], x = p.birthDate!
                guard let b = ((a + 1)..<idx.count).first(where: { persons[idx[$0]].birthDate! != x }) else { continue }
                let q = persons[idx[b]], days = q.birthDate!.ordinal - x.ordinal
                if days <= 31 && p.district != nil && p.district == q.district { continue }
                notes.append(IdentityNote(kind: .namesake, first: p.id, second: q.id, why: "same name, different birth date (\(x) and \(q.birthDate!))"))
            }
        }
        return notes
    }

    /// How many persons share each person's name (1: none), by id: what a proposal's
    /// identity note counts beside the few it names.
    public func nameCounts() -> [String: Int] {
        let keys = persons.map { Self.nameKey($0.name) }
        var count: [String: Int] = [:]
        for k in keys { if let k { count[k, default: 0] += 1 } }
        var out: [String: Int] = [:]
        out.reserveCapacity(persons.count)
        for (p, k) in zip(persons, keys) { if let k { out[p.id] = count[k] } }
        return out
    }

    /// Case tags in the data with the number of cases carrying each, most used first (ties by
    /// name): what a unit could name as `initiative_tags`.
    public func tagCounts() -> [(tag: String, cases: Int)] {
        var counts: [String: Int] = [:]
        for c in cases { for t in Set(c.tags) { counts[t, default: 0] += 1 } }
        return counts.map { ($0.key, $0.value) }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
    }
}

extension Dataset {
    /// Other spellings of our columns seen in exports (besides the Danish headers the loader
    /// reads itself): a header among them is named as a near miss, never read silently.
    static let lookalikes: [String: [String]] = [
        "birth_date": ["birthdate", "date_of_birth", "dateofbirth", "dob", "born", "birthday", "fodselsdato", "foedselsdag", "fødselsdag", "fødsel"],
        "municipality": ["municipality_name", "kommunenavn", "kommune_navn", "city", "town", "bopæl", "bopael"],
        "district": ["area", "neighbourhood", "neighborhood", "bydel_navn", "bydelsnavn"],
        "name": ["full_name", "fullname", "navn_fuldt"],
        "status": ["custody", "custody_status", "frihed"],
        "crime_code": ["code", "offence_code", "offense_code", "kode"],
        "case_id": ["case", "caseid", "case_no", "sagsnr", "journalnr"],
        "person_id": ["person", "pid", "personid"],
        "date": ["day", "dato_tid"],
    ]

    /// Our column a header most likely means, if it is not ours but looks like one: a known
    /// other spelling, or within two edits of ours once case, `_`, `-` and spaces are set aside.
    static func nearMiss(_ header: String, ours: [String]) -> String? {
        guard !ours.contains(header) else { return nil }
        for o in ours where lookalikes[o]?.contains(header) == true { return o }
        func squash(_ s: String) -> [Character] { Array(s.lowercased().filter { $0 != "_" && $0 != "-" && $0 != " " }) }
        let h = squash(header)
        guard h.count >= 4 else { return nil }
        return ours.first { o in
            let w = squash(o)
            return abs(w.count - h.count) <= 2 && editDistance(w, h) <= (w.count >= 8 ? 2 : 1)
        }
    }

    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        var prev = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var cur = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, y) in b.enumerated() { cur[j + 1] = min(prev[j + 1] + 1, cur[j] + 1, prev[j] + (x == y ? 0 : 1)) }
            prev = cur
        }
        return prev[b.count]
    }

    /// What the data could not say, and what follows, one line each: expected columns missing
    /// from a file, headers that look like one of ours but were not read as it, and the persons
    /// without a birth date, municipality or district. `errors` holds what makes the screening
    /// refuse (no municipality in a dataset with cases or a log).
    public func columnFindings() -> (errors: [String], warnings: [String]) {
        guard layout == .dataset else { return ([], []) }
        var errors: [String] = [], warnings: [String] = []
        for name in headers.keys.sorted() {
            let header = headers[name]!, ours = ColumnMap.columns[name] ?? []
            for h in header {
                guard let o = Self.nearMiss(h, ours: ours), !header.contains(o) else { continue }
                warnings.append("\(location)/\(name): column '\(h)' looks like \(o) but is not read as it (kept as an attribute); map it with --columns (\(name.replacingOccurrences(of: ".csv", with: "")): {\(o): \(h)}) or rename the header")
            }
        }
        let header = personColumns
        let file = location + "/persons.csv"
        func ids(_ ps: [Person]) -> String { ps.prefix(5).map(\.id).joined(separator: ", ") + (ps.count > 5 ? ", …" : "") }
        if !header.contains("birth_date") {
            warnings.append("\(file): no birth_date column: nobody can be treated as a minor or as an adult — all \(persons.count) persons are of unknown age (unnamed unless --show-minors, flagged age_unknown, never routed to SSP+)")
        } else {
            let unknown = persons.filter { $0.birthDate == nil }
            if !unknown.isEmpty {
                warnings.append("\(file): \(unknown.count) person\(unknown.count == 1 ? " has" : "s have") no birth date (\(ids(unknown))): of unknown age, treated as possible minors (unnamed unless --show-minors, flagged age_unknown, never routed to SSP+)")
            }
        }
        let screened = !log.isEmpty || !cases.isEmpty
        if !header.contains("municipality") {
            let line = "\(file): no municipality column: nobody's eligibility can be judged"
            if screened { errors.append(line + "; propose, candidates and report refuse to screen (map the column with --columns)") }
            else { warnings.append(line) }
        } else {
            let none = persons.filter { $0.municipality == nil }
            if !none.isEmpty {
                warnings.append("\(file): \(none.count) person\(none.count == 1 ? " has" : "s have") no municipality (\(ids(none))): eligibility unknown, a log entry is reviewed, never removed as not eligible")
            }
        }
        if !header.contains("district") {
            warnings.append("\(file): no district column: nobody can be placed in the focus area (every eligible person is area B)")
        } else {
            let none = persons.filter { $0.district == nil }
            if !none.isEmpty { warnings.append("\(file): \(none.count) person\(none.count == 1 ? " has" : "s have") no district (\(ids(none))): area B when eligible") }
        }
        return (errors, warnings)
    }
}
