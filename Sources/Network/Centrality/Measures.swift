/// The node measures reachable by name (`sna centrality --measures …`), keyed exactly as the
/// golden files and CSV headers name them.
///
/// A name ending in `_weighted` is the same measure with weights as distances (or as given by
/// `weights` when that is not `.none`), so `betweenness_weighted` matches the golden key of
/// that name.
public enum Measures {
    /// What a measure computes from: the graph, the weight mode its name implies, the
    /// parameters, and a cache shared by the measures of one call (so closeness and harmonic
    /// share their distance sums).
    public struct Context {
        public let graph: Graph
        public let weights: PathWeights
        public let options: Options
        var sumsCache: [String: Closeness.Sums] = [:]

        mutating func sums(_ d: Closeness.Direction) throws -> Closeness.Sums {
            let key = "\(weights.rawValue)/\(d.rawValue)"
            if let s = sumsCache[key] { return s }
            let s = try Closeness.sums(graph, weights: weights, direction: d)
            sumsCache[key] = s
            return s
        }
        var weighted: Bool { weights != .none }
    }

    /// One measure: its key (as in `--measures`, CSV headers and the golden files), what it
    /// is in one line (the README's table and `--help` come from these), whether its values
    /// are counts, and how to compute it. The registry ``catalog`` is the only list of measures.
    public struct Info: @unchecked Sendable {
        public let name: String
        public let summary: String
        public let integral: Bool
        /// Other keys for the same measure (not listed, accepted).
        public let aliases: [String]
        /// Whether weights change it: only then is `NAME_weighted` a measure.
        public let weighted: Bool
        let compute: (inout Context) throws -> [Double]

        init(_ name: String, _ summary: String, integral: Bool = false, aliases: [String] = [], weighted: Bool = false,
             _ compute: @escaping (inout Context) throws -> [Double]) {
            self.name = name; self.summary = summary; self.integral = integral; self.aliases = aliases; self.weighted = weighted
            self.compute = compute
        }
    }

    public static let catalog: [Info] = [
        Info("degree", "number of incident edges (self-loop counts 2; directed: in+out)", integral: true) { Degree.degree($0.graph) },
        Info("in_degree", "incoming arcs (directed)", integral: true) { Degree.degree($0.graph, mode: .incoming) },
        Info("out_degree", "outgoing arcs (directed)", integral: true) { Degree.degree($0.graph, mode: .outgoing) },
        Info("strength", "sum of incident weights (weighted degree)") { Degree.strength($0.graph) },
        Info("in_strength", "sum of incoming weights (directed)") { Degree.strength($0.graph, mode: .incoming) },
        Info("out_strength", "sum of outgoing weights (directed)") { Degree.strength($0.graph, mode: .outgoing) },
        Info("degree_centrality", "degree/(n-1)") { Degree.centrality($0.graph) },
        Info("in_degree_centrality", "in-degree/(n-1) (directed)") { Degree.centrality($0.graph, mode: .incoming) },
        Info("out_degree_centrality", "out-degree/(n-1) (directed)") { Degree.centrality($0.graph, mode: .outgoing) },
        Info("betweenness", "Brandes betweenness, normalized as networkx", weighted: true) { try Betweenness.compute($0.graph, weights: $0.weights, normalized: true) },
        Info("betweenness_raw", "Brandes betweenness, unnormalized (undirected pairs once)", weighted: true) {
            try Betweenness.compute($0.graph, weights: $0.weights, normalized: false)
        },
        Info("approx_betweenness", "betweenness estimated by path sampling within ±epsilon (probability 1-delta), unweighted") {
            Betweenness.approximate($0.graph, epsilon: $0.options.epsilon, delta: $0.options.delta, seed: $0.options.seed).values
        },
        Info("closeness", "closeness, Wasserman-Faust scaled (networkx wf_improved); directed: incoming", weighted: true) {
            Closeness.closeness(from: try $0.sums(.incoming), nodeCount: $0.graph.nodeCount)
        },
        Info("closeness_wf_false", "closeness over the reachable set only (igraph closeness())", weighted: true) {
            Closeness.closeness(from: try $0.sums(.incoming), nodeCount: $0.graph.nodeCount, wfImproved: false)
        },
        Info("closeness_in", "closeness from incoming distances (directed)", weighted: true) {
            Closeness.closeness(from: try $0.sums(.incoming), nodeCount: $0.graph.nodeCount)
        },
        Info("closeness_out", "closeness from outgoing distances (directed)", weighted: true) {
            Closeness.closeness(from: try $0.sums(.outgoing), nodeCount: $0.graph.nodeCount)
        },
        Info("closeness_in_wf_false", "closeness_in without the Wasserman-Faust factor", weighted: true) {
            Closeness.closeness(from: try $0.sums(.incoming), nodeCount: $0.graph.nodeCount, wfImproved: false)
        },
        Info("closeness_out_wf_false", "closeness_out without the Wasserman-Faust factor", weighted: true) {
            Closeness.closeness(from: try $0.sums(.outgoing), nodeCount: $0.graph.nodeCount, wfImproved: false)
        },
        Info("harmonic", "sum of 1/d, not normalized; directed: incoming", weighted: true) { try $0.sums(.incoming).harmonic },
        Info("harmonic_in", "harmonic from incoming distances (directed)", weighted: true) { try $0.sums(.incoming).harmonic },
        Info("harmonic_out", "harmonic from outgoing distances (directed)", weighted: true) { try $0.sums(.outgoing).harmonic },
        Info("eigenvector", "eigenvector centrality (Perron vector of A^T, Euclidean norm 1)", weighted: true) {
            try Spectral.eigenvector($0.graph, weighted: $0.weighted)
        },
        Info("pagerank", "PageRank, damping 0.85, uniform teleport, sums to 1", weighted: true) {
            try Spectral.pageRank($0.graph, damping: $0.options.damping, weighted: $0.weighted)
        },
        Info("hits_hub", "HITS hub score, weights as strengths as networkx (sums to 1)") { try Spectral.hits($0.graph).hubs },
        Info("hits_authority", "HITS authority score (sums to 1)") { try Spectral.hits($0.graph).authorities },
        Info("katz", "Katz centrality, alpha 0.1, beta 1, Euclidean norm 1", weighted: true) {
            try Spectral.katz($0.graph, alpha: $0.options.katzAlpha, weighted: $0.weighted)
        },
        Info("core_number", "k-core number (coreness), self-loops ignored", integral: true) { Cores.coreNumber($0.graph) },
        Info("clustering", "local clustering coefficient (directed: Fagiolo)") { Clustering.local($0.graph) },
        Info("constraint", "Burt's constraint (NaN for isolated nodes)", weighted: true) { StructuralHoles.constraint($0.graph, weighted: $0.weighted) },
        Info("effective_size", "Burt's effective size (NaN for isolated nodes)", weighted: true) { StructuralHoles.effectiveSize($0.graph, weighted: $0.weighted) },
        Info("eccentricity", "largest distance to a reachable node (within its component)", integral: true, weighted: true) {
            try Distances.eccentricity($0.graph, weights: $0.weights)
        },
        Info("component", "index of the (weakly) connected component, largest first", integral: true, aliases: ["wcc"]) {
            Components($0.graph).membership.map(Double.init)
        },
        Info("scc", "index of the strongly connected component, largest first (directed)", integral: true) {
            StrongComponents($0.graph).membership.map(Double.init)
        },
    ]

    /// The listed measure keys, in catalog order.
    public static var names: [String] { catalog.map(\.name) }

    /// The measure a key (or alias) names, without `_weighted`.
    public static func info(_ base: String) -> Info? {
        catalog.first { $0.name == base || $0.aliases.contains(base) }
    }

    /// Splits a requested name into its base measure and the weights it implies:
    /// `betweenness_weighted_raw` → (`betweenness_raw`, `.distance`).
    public static func parse(_ name: String) -> (base: String, weights: PathWeights) {
        if let r = name.range(of: "_weighted") {
            return (name.replacingCharacters(in: r, with: ""), .distance)
        }
        return (name, .none)
    }

    /// Whether `name` names a known measure: `_weighted` only on one that weights change.
    public static func isKnown(_ name: String) -> Bool {
        let p = parse(name)
        guard let i = info(p.base) else { return false }
        return p.weights == .none || i.weighted
    }

    /// Why `name` is not a measure (unknown, or `_weighted` on one that weights do not
    /// change), or nil.
    public static func problem(_ name: String) -> MeasureError? {
        let p = parse(name)
        guard let i = info(p.base) else { return .unknownMeasure(name, known: names) }
        return p.weights != .none && !i.weighted ? .notWeighted(name, weighted: weightedNames) : nil
    }

    /// The measures that have a `_weighted` form.
    public static var weightedNames: [String] { catalog.filter(\.weighted).map(\.name) }

    /// Whether the measure `name` gives counts (printed as integers).
    public static func isIntegral(_ name: String) -> Bool { info(parse(name).base)?.integral ?? false }

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

    /// Computes `names` on `g`, sharing work between measures that need the same paths.
    ///
    /// - Throws: ``MeasureError/unknownMeasure(_:known:)`` for a name not in ``catalog``, and
    ///   ``MeasureError/nonPositiveWeight(source:target:weight:mode:)`` when weights are used.
    public static func compute(_ names: [String], on g: Graph, weights: PathWeights = .none,
                               options: Options = Options()) throws -> [NodeScores] {
        var caches: [String: [String: Closeness.Sums]] = [:]
        var results: [NodeScores] = []
        for name in names {
            let parsed = parse(name)
            guard let info = info(parsed.base) else { throw MeasureError.unknownMeasure(name, known: Measures.names) }
            if parsed.weights != .none && !info.weighted { throw MeasureError.notWeighted(name, weighted: weightedNames) }
            // `_weighted` means weights as distances unless `weights` chose another mode.
            let w = parsed.weights == .none ? weights : (weights == .none ? .distance : weights)
            var context = Context(graph: g, weights: w, options: options, sumsCache: caches[w.rawValue] ?? [:])
            let values = try info.compute(&context)
            caches[w.rawValue] = context.sumsCache
            results.append(NodeScores(name: name, values: values, isIntegral: info.integral))
        }
        return results
    }
}
