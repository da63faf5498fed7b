/// Distance-based graph measures: eccentricity, diameter, radius, average shortest path length.
public enum Distances {
    /// Eccentricity: the largest distance from v to a node it reaches (outgoing distances).
    /// networkx requires a connected graph; here a disconnected graph gives each node its
    /// eccentricity within what it reaches (0 for an isolated node).
    ///
    /// - Complexity: O(n·m) unweighted, O(n·m·log n) weighted.
    public static func eccentricity(_ g: Graph, weights: PathWeights = .none) throws -> [Double] {
        try checkPositiveWeights(g, weights)
        return allSources(g, weights: weights, nodes: Array(0..<g.nodeCount)).ecc
    }

    /// Per-source maximum and sum of distances over `nodes` (sources), restricted to targets in
    /// the same set when `within` is given.
    static func allSources(_ g: Graph, weights: PathWeights, nodes: [Int], within: [Bool]? = nil)
        -> (ecc: [Double], sum: [Double]) {
        let n = g.nodeCount
        let adj = g.out
        let lengths = pathLengths(adj, weights)
        let ecc = SharedBuffer<Double>(repeating: 0, count: n)
        let sum = SharedBuffer<Double>(repeating: 0, count: n)
        let chunks = Parallel.chunkCount(nodes.count, maxChunks: 64)
        Parallel.forEachChunk(chunks) { c in
            var sp = ShortestPathScratch(nodeCount: n, weighted: lengths != nil)
            for i in Parallel.range(chunk: c, of: chunks, count: nodes.count) {
                let s = nodes[i]
                if let lengths { sp.dijkstra(from: s, adj: adj, length: lengths) } else { sp.bfs(from: s, adj: adj) }
                var mx = 0.0, total = 0.0
                for k in 1..<max(1, sp.reached) {
                    let v = Int(sp.order[k])
                    if let within, !within[v] { continue }
                    let d = lengths != nil ? sp.dist[v] : Double(sp.hops[v])
                    mx = max(mx, d); total += d
                }
                ecc.pointer[s] = mx
                sum.pointer[s] = total
            }
        }
        return (ecc.array, sum.array)
    }

    /// Diameter, radius and average shortest path length of the largest (strongly, if
    /// directed) connected component, as golden/README.md defines them:
    /// ASPL = Σ_{u≠v} d(u,v)/(n_L(n_L−1)).
    public struct Summary: Sendable {
        public var componentSize: Int
        public var diameter: Double
        public var radius: Double
        public var averageShortestPathLength: Double
    }

    public static func largestComponentSummary(_ g: Graph, weights: PathWeights = .none) throws -> Summary {
        try checkPositiveWeights(g, weights)
        let members: [Int]
        if g.directed { members = StrongComponents(g).members.first ?? [] } else { members = Components(g).members.first ?? [] }
        var within = [Bool](repeating: false, count: g.nodeCount)
        for v in members { within[v] = true }
        let r = allSources(g, weights: weights, nodes: members, within: within)
        let nl = members.count
        var diam = 0.0, rad = Double.infinity, total = 0.0
        for v in members { diam = max(diam, r.ecc[v]); rad = min(rad, r.ecc[v]); total += r.sum[v] }
        let aspl = nl > 1 ? total / Double(nl * (nl - 1)) : 0
        return Summary(componentSize: nl, diameter: diam, radius: nl > 0 ? rad : 0, averageShortestPathLength: aspl)
    }
}
