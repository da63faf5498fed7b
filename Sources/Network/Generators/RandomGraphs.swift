/// Seeded random graph generators, for benchmarks and tests (nothing big is committed).
public enum RandomGraphs {
    /// Barabási–Albert preferential attachment, as networkx `barabasi_albert_graph(n, m)`:
    /// start from a star on m+1 nodes; each new node attaches to m distinct existing nodes
    /// chosen with probability proportional to degree. Nodes are `0..<n`; the result has
    /// m + (n−m−1)·m edges (49,975 for n = 10,000, m = 5).
    ///
    /// - Complexity: O(n·m) expected.
    /// - Reference: A.-L. Barabási, R. Albert, Science 286, 1999. doi:10.1126/science.286.5439.509
    public static func barabasiAlbert(n: Int, m: Int, seed: UInt64) -> (source: [Int32], target: [Int32]) {
        precondition(m >= 1 && m < n, "need 1 <= m < n")
        var rng = SeededGenerator(seed: seed)
        var src: [Int32] = [], dst: [Int32] = []
        let total = m + (n - m - 1) * m
        src.reserveCapacity(total); dst.reserveCapacity(total)
        // Every edge end, once per incidence: sampling from it is sampling by degree.
        var repeated: [Int32] = []
        repeated.reserveCapacity(2 * total)
        for leaf in 1...m {
            src.append(0); dst.append(Int32(leaf))
            repeated.append(0); repeated.append(Int32(leaf))
        }
        var chosen = [Int32](repeating: -1, count: n)
        var targets: [Int32] = []
        for v in (m + 1)..<n {
            targets.removeAll(keepingCapacity: true)
            while targets.count < m {
                let t = repeated[rng.below(repeated.count)]
                if chosen[Int(t)] != Int32(v) {
                    chosen[Int(t)] = Int32(v)
                    targets.append(t)
                }
            }
            for t in targets {
                src.append(Int32(v)); dst.append(t)
                repeated.append(Int32(v)); repeated.append(t)
            }
        }
        return (src, dst)
    }

    /// Erdős–Rényi G(n, m): m distinct edges chosen uniformly (no self-loops).
    ///
    /// - Complexity: O(m) expected for sparse graphs.
    public static func gnm(n: Int, m: Int, seed: UInt64) -> (source: [Int32], target: [Int32]) {
        precondition(n >= 2 && m <= n * (n - 1) / 2, "too many edges for n")
        var rng = SeededGenerator(seed: seed)
        var seen = Set<UInt64>()
        var src: [Int32] = [], dst: [Int32] = []
        while src.count < m {
            var a = rng.below(n), b = rng.below(n)
            if a == b { continue }
            if a > b { swap(&a, &b) }
            if seen.insert(UInt64(a) << 32 | UInt64(b)).inserted {
                src.append(Int32(a)); dst.append(Int32(b))
            }
        }
        return (src, dst)
    }
}
