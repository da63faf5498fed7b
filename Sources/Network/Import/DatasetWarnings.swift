extension Dataset {
    /// What is odd but not wrong in a dataset, one line each, pointing at the first row
    /// concerned: crime codes missing from the crime-code table, cases without a suspect.
    public func warnings() -> [String] {
        var warnings: [String] = []
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
