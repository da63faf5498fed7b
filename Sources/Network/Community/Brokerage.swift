/// Gould & Fernandez (1989) brokerage roles.
///
/// For every two-path a → b → c with a ≠ c and no tie a → c, the broker b plays one role,
/// decided by the groups of a, b and c:
///
/// | role | groups |
/// |---|---|
/// | coordinator | a, b, c in one group |
/// | itinerant (consultant) | a and c in one group, b in another |
/// | representative | a and b in one group, c in another (b speaks for its group) |
/// | gatekeeper | b and c in one group, a in another (b lets contacts in) |
/// | liaison | a, b and c in three different groups |
///
/// Undirected graphs are read as symmetric digraphs, as R's `sna::brokerage` does with a
/// symmetric matrix: each open two-path a – b – c counts once as a → b → c and once as
/// c → b → a (so representative and gatekeeper counts are equal). Persons without a group
/// value form one group of their own ("unknown") — assign groups to avoid that.
///
/// - Complexity: O(Σ_b in(b) · (out(b) + out(a))).
/// - Reference: R. V. Gould, R. M. Fernandez, "Structures of mediation", Sociological
///   Methodology 19, 1989. doi:10.2307/270949
public enum Brokerage {
    public static let roles = ["coordinator", "itinerant", "representative", "gatekeeper", "liaison"]

    /// Role counts per node: `counts[v][r]` with r indexing ``roles``.
    public static func roles(_ g: Graph, groups: [Int]) -> [[Int]] {
        let n = g.nodeCount
        var counts = [[Int]](repeating: [0, 0, 0, 0, 0], count: n)
        let out = g.out, inn = g.in
        var mark = [Int](repeating: -1, count: n)
        for b in 0..<n {
            let gb = groups[b]
            for ka in Int(inn.offsets[b])..<Int(inn.offsets[b + 1]) {
                let a = Int(inn.targets[ka])
                if a == b { continue }
                for k in Int(out.offsets[a])..<Int(out.offsets[a + 1]) { mark[Int(out.targets[k])] = a }
                let ga = groups[a]
                for kc in Int(out.offsets[b])..<Int(out.offsets[b + 1]) {
                    let c = Int(out.targets[kc])
                    if c == a || c == b || mark[c] == a { continue }
                    let gc = groups[c]
                    let role: Int
                    if ga == gb && gb == gc { role = 0 }
                    else if ga == gc { role = 1 }
                    else if ga == gb { role = 2 }
                    else if gb == gc { role = 3 }
                    else { role = 4 }
                    counts[b][role] += 1
                }
            }
        }
        return counts
    }
}
