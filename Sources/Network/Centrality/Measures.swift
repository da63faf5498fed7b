/// The node measures reachable by name (`sna centrality --measures …`), keyed exactly as the
/// golden files and CSV headers name them.
///
/// A name ending in `_weighted` is the same measure with weights as distances (or as given by
/// `weights` when that is not `.none`), so `betweenness_weighted` matches the golden key of
/// that name.
public enum Measures {
    public struct Info: Sendable {
        public let name: String
        public let summary: String
    }

    public static let catalog: [Info] = [
        Info(name: "degree", summary: "number of incident edges (self-loop counts 2; directed: in+out)"),
        Info(name: "in_degree", summary: "incoming arcs (directed)"),
        Info(name: "out_degree", summary: "outgoing arcs (directed)"),
        Info(name: "strength", summary: "sum of incident weights (weighted degree)"),
        Info(name: "in_strength", summary: "sum of incoming weights (directed)"),
        Info(name: "out_strength", summary: "sum of outgoing weights (directed)"),
        Info(name: "degree_centrality", summary: "degree/(n-1)"),
        Info(name: "betweenness", summary: "Brandes betweenness, normalized as networkx"),
        Info(name: "betweenness_raw", summary: "Brandes betweenness, unnormalized (undirected pairs once)"),
        Info(name: "approx_betweenness", summary: "betweenness estimated by path sampling within ±epsilon (probability 1-delta), unweighted"),
        Info(name: "closeness", summary: "closeness, Wasserman-Faust scaled (networkx wf_improved); directed: incoming"),
        Info(name: "closeness_wf_false", summary: "closeness over the reachable set only (igraph closeness())"),
        Info(name: "closeness_in", summary: "closeness from incoming distances (directed)"),
        Info(name: "closeness_out", summary: "closeness from outgoing distances (directed)"),
        Info(name: "closeness_in_wf_false", summary: "closeness_in without the Wasserman-Faust factor"),
        Info(name: "closeness_out_wf_false", summary: "closeness_out without the Wasserman-Faust factor"),
        Info(name: "harmonic", summary: "sum of 1/d, not normalized; directed: incoming"),
        Info(name: "harmonic_in", summary: "harmonic from incoming distances (directed)"),
        Info(name: "harmonic_out", summary: "harmonic from outgoing distances (directed)"),
        Info(name: "eigenvector", summary: "eigenvector centrality (Perron vector of A^T, Euclidean norm 1)"),
        Info(name: "pagerank", summary: "PageRank, damping 0.85, uniform teleport, sums to 1"),
        Info(name: "hits_hub", summary: "HITS hub score, weights as strengths as networkx (sums to 1)"),
        Info(name: "hits_authority", summary: "HITS authority score (sums to 1)"),
        Info(name: "katz", summary: "Katz centrality, alpha 0.1, beta 1, Euclidean norm 1"),
        Info(name: "core_number", summary: "k-core number (coreness), self-loops ignored"),
        Info(name: "clustering", summary: "local clustering coefficient (directed: Fagiolo)"),
        Info(name: "constraint", summary: "Burt's constraint (NaN for isolated nodes)"),
        Info(name: "effective_size", summary: "Burt's effective size (NaN for isolated nodes)"),
        Info(name: "eccentricity", summary: "largest distance to a reachable node (within its component)"),
        Info(name: "component", summary: "index of the (weakly) connected component, largest first"),
        Info(name: "scc", summary: "index of the strongly connected component, largest first (directed)"),
    ]

    public static var names: [String] { catalog.map(\.name) }

    static let aliases: Set<String> = ["in_degree_centrality", "out_degree_centrality", "wcc"]

    /// Splits a requested name into its base measure and the weights it implies:
    /// `betweenness_weighted_raw` → (`betweenness_raw`, `.distance`).
    public static func parse(_ name: String) -> (base: String, weights: PathWeights) {
        if let r = name.range(of: "_weighted") {
            return (name.replacingCharacters(in: r, with: ""), .distance)
        }
        return (name, .none)
    }

    /// Whether `name` (possibly with `_weighted`) names a known measure.
    public static func isKnown(_ name: String) -> Bool {
        let base = parse(name).base
        return names.contains(base) || aliases.contains(base)
    }

    static let integral: Set<String> = ["degree", "in_degree", "out_degree", "component", "wcc", "scc", "core_number", "eccentricity"]

    /// Computes `names` on `g`, sharing work between measures that need the same paths.
    ///
    /// - Throws: ``MeasureError/unknownMeasure(_:known:)`` for a name not in ``catalog``, and
    ///   ``MeasureError/nonPositiveWeight(source:target:weight:mode:)`` when weights are used.
    /// Parameters of the measures that take them.
    public struct Options: Sendable {
        /// Approximate betweenness: additive error bound and failure probability (Riondato–Kornaropoulos).
        public var epsilon = 0.01
        public var delta = 0.1
        public var seed: UInt64 = 1
        /// PageRank damping.
        public var damping = 0.85
        /// Katz attenuation.
        public var katzAlpha = 0.1
        public init() {}
    }

    public static func compute(_ names: [String], on g: Graph, weights: PathWeights = .none,
                               options: Options = Options()) throws -> [NodeScores] {
        var sumsCache: [String: Closeness.Sums] = [:]
        func sums(_ w: PathWeights, _ d: Closeness.Direction) throws -> Closeness.Sums {
            let key = "\(w.rawValue)/\(d.rawValue)"
            if let s = sumsCache[key] { return s }
            let s = try Closeness.sums(g, weights: w, direction: d)
            sumsCache[key] = s
            return s
        }
        var results: [NodeScores] = []
        for name in names {
            let parsed = parse(name)
            let base = parsed.base
            // `_weighted` means weights as distances unless --weights chose another mode.
            let w = parsed.weights == .none ? weights : (weights == .none ? .distance : weights)
            let values: [Double]
            switch base {
            case "degree": values = Degree.degree(g)
            case "in_degree": values = Degree.degree(g, mode: .incoming)
            case "out_degree": values = Degree.degree(g, mode: .outgoing)
            case "strength": values = Degree.strength(g)
            case "in_strength": values = Degree.strength(g, mode: .incoming)
            case "out_strength": values = Degree.strength(g, mode: .outgoing)
            case "degree_centrality": values = Degree.centrality(g)
            case "in_degree_centrality": values = Degree.centrality(g, mode: .incoming)
            case "out_degree_centrality": values = Degree.centrality(g, mode: .outgoing)
            case "betweenness": values = try Betweenness.compute(g, weights: w, normalized: true)
            case "betweenness_raw": values = try Betweenness.compute(g, weights: w, normalized: false)
            case "closeness", "closeness_in":
                values = Closeness.closeness(from: try sums(w, .incoming), nodeCount: g.nodeCount)
            case "closeness_wf_false", "closeness_in_wf_false":
                values = Closeness.closeness(from: try sums(w, .incoming), nodeCount: g.nodeCount, wfImproved: false)
            case "closeness_out":
                values = Closeness.closeness(from: try sums(w, .outgoing), nodeCount: g.nodeCount)
            case "closeness_out_wf_false":
                values = Closeness.closeness(from: try sums(w, .outgoing), nodeCount: g.nodeCount, wfImproved: false)
            case "harmonic", "harmonic_in": values = try sums(w, .incoming).harmonic
            case "harmonic_out": values = try sums(w, .outgoing).harmonic
            case "component", "wcc": values = Components(g).membership.map(Double.init)
            case "scc": values = StrongComponents(g).membership.map(Double.init)
            case "eigenvector": values = try Spectral.eigenvector(g, weighted: w != .none)
            case "pagerank": values = try Spectral.pageRank(g, damping: options.damping, weighted: w != .none)
            case "katz": values = try Spectral.katz(g, alpha: options.katzAlpha, weighted: w != .none)
            case "approx_betweenness":
                values = Betweenness.approximate(g, epsilon: options.epsilon, delta: options.delta, seed: options.seed).values
            case "hits_hub": values = try Spectral.hits(g).hubs
            case "hits_authority": values = try Spectral.hits(g).authorities
            case "core_number": values = Cores.coreNumber(g)
            case "clustering": values = Clustering.local(g)
            case "constraint": values = StructuralHoles.constraint(g, weighted: w != .none)
            case "effective_size": values = StructuralHoles.effectiveSize(g, weighted: w != .none)
            case "eccentricity": values = try Distances.eccentricity(g, weights: w)
            default:
                throw MeasureError.unknownMeasure(name, known: Measures.names)
            }
            results.append(NodeScores(name: name, values: values, isIntegral: integral.contains(base)))
        }
        return results
    }
}
