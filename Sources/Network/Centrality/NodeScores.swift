/// One value per node for one measure, in node order: the typed result of every node measure.
public struct NodeScores: Sendable {
    /// The measure's key, as used in `--measures`, CSV headers and the golden files.
    public let name: String
    public let values: [Double]
    /// Whether the values are counts (printed without a fractional part).
    public let isIntegral: Bool

    public init(name: String, values: [Double], isIntegral: Bool = false) {
        self.name = name
        self.values = values
        self.isIntegral = isIntegral
    }

    /// Node indices ordered by value, highest first; ties by node index (input order).
    /// NaN values go last.
    public func ranking() -> [Int] { Ranking.order(values) }

    /// Competition ranks ("1224"), NaN last: ``Ranking/competition(_:)``.
    public func ranks() -> [Int] { Ranking.competition(values) }

    /// The `k` highest-ranked node indices.
    public func top(_ k: Int) -> [Int] { Array(ranking().prefix(k)) }
}

/// How edge weights enter path-based measures (`--weights`).
public enum PathWeights: String, CaseIterable, Sendable {
    /// Every edge has length 1 (networkx `weight=None`). The default.
    case none
    /// A weight is a length: path length = sum of weights (networkx `weight="weight"`).
    case distance
    /// A weight is a tie strength: length = 1/weight (more shared cases = closer).
    case strength
}
