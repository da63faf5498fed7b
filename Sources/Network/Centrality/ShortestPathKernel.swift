/// Per-thread scratch for single-source shortest paths (Brandes' first phase), reused across
/// sources so the inner loops allocate nothing.
///
/// After ``run(from:)`` the reached nodes are `order[0..<reached]` in non-decreasing distance;
/// `sigma[v]` counts shortest paths from the source, `dist`/`hops` hold the distance.
struct ShortestPathScratch {
    let n: Int
    /// Hop distance (unweighted), -1 = not reached.
    var hops: [Int32]
    /// Weighted distance, `.infinity` = not reached.
    var dist: [Double]
    var sigma: [Double]
    var delta: [Double]
    var order: [Int32]
    var reached = 0
    var heap: [HeapEntry] = []
    var settled: [Bool]

    struct HeapEntry {
        var key: Double
        var node: Int32
    }

    init(nodeCount n: Int, weighted: Bool) {
        self.n = n
        hops = [Int32](repeating: -1, count: n)
        dist = weighted ? [Double](repeating: .infinity, count: n) : []
        settled = weighted ? [Bool](repeating: false, count: n) : []
        sigma = [Double](repeating: 0, count: n)
        delta = [Double](repeating: 0, count: n)
        order = [Int32](repeating: 0, count: n)
    }

    /// Clears what the last run touched. O(reached).
    mutating func reset(weighted: Bool) {
        for k in 0..<reached {
            let v = Int(order[k])
            hops[v] = -1
            sigma[v] = 0
            delta[v] = 0
            if weighted { dist[v] = .infinity; settled[v] = false }
        }
        reached = 0
    }

    /// Breadth-first search from `s` over `adj`, counting shortest paths.
    mutating func bfs(from s: Int, adj: CSR) {
        reset(weighted: false)
        adj.offsets.withUnsafeBufferPointer { off in
            adj.targets.withUnsafeBufferPointer { tgt in
                hops.withUnsafeMutableBufferPointer { hops in
                    sigma.withUnsafeMutableBufferPointer { sigma in
                        order.withUnsafeMutableBufferPointer { order in
                            hops[s] = 0
                            sigma[s] = 1
                            order[0] = Int32(s)
                            var head = 0, tail = 1
                            while head < tail {
                                let v = Int(order[head]); head += 1
                                let dv = hops[v] + 1
                                let sv = sigma[v]
                                for k in Int(off[v])..<Int(off[v + 1]) {
                                    let w = Int(tgt[k])
                                    let dw = hops[w]
                                    if dw < 0 {
                                        hops[w] = dv
                                        sigma[w] = sv
                                        order[tail] = Int32(w); tail += 1
                                    } else if dw == dv {
                                        sigma[w] += sv
                                    }
                                }
                            }
                            reached = tail
                        }
                    }
                }
            }
        }
    }

    /// Dijkstra from `s` over `adj` with edge lengths `length[k]` (parallel to `adj.targets`),
    /// counting shortest paths (exact equality of path lengths, as networkx).
    mutating func dijkstra(from s: Int, adj: CSR, length: [Double]) {
        reset(weighted: true)
        dist[s] = 0
        sigma[s] = 1
        heap.removeAll(keepingCapacity: true)
        push(HeapEntry(key: 0, node: Int32(s)))
        var count = 0
        while let top = pop() {
            let v = Int(top.node)
            if settled[v] || top.key > dist[v] { continue }
            settled[v] = true
            order[count] = Int32(v); count += 1
            let dv = dist[v], sv = sigma[v]
            for k in Int(adj.offsets[v])..<Int(adj.offsets[v + 1]) {
                let w = Int(adj.targets[k])
                if settled[w] { continue }
                let nd = dv + length[k]
                if nd < dist[w] {
                    dist[w] = nd
                    sigma[w] = sv
                    push(HeapEntry(key: nd, node: Int32(w)))
                } else if nd == dist[w] {
                    sigma[w] += sv
                }
            }
        }
        // The heap drains, so every node given a distance is settled and listed in `order`.
        reached = count
    }

    private mutating func push(_ e: HeapEntry) {
        heap.append(e)
        var i = heap.count - 1
        while i > 0 {
            let p = (i - 1) / 2
            if heap[p].key < e.key || (heap[p].key == e.key && heap[p].node <= e.node) { break }
            heap[i] = heap[p]
            i = p
        }
        heap[i] = e
    }

    private mutating func pop() -> HeapEntry? {
        guard let last = heap.popLast() else { return nil }
        if heap.isEmpty { return last }
        let top = heap[0]
        var i = 0
        let n = heap.count
        while true {
            let l = 2 * i + 1
            if l >= n { break }
            var c = l
            let r = l + 1
            if r < n && (heap[r].key < heap[l].key || (heap[r].key == heap[l].key && heap[r].node < heap[l].node)) { c = r }
            if last.key < heap[c].key || (last.key == heap[c].key && last.node <= heap[c].node) { break }
            heap[i] = heap[c]
            i = c
        }
        heap[i] = last
        return top
    }
}

/// Edge lengths for path measures, parallel to `adj.targets`, or `nil` when unweighted.
func pathLengths(_ adj: CSR, _ weights: PathWeights) -> [Double]? {
    switch weights {
    case .none: return nil
    case .distance: return adj.weights.array
    case .strength: return adj.weights.map { 1 / $0 }
    }
}

/// Throws unless every weight is positive and finite (required when weights are lengths).
func checkPositiveWeights(_ g: Graph, _ weights: PathWeights) throws {
    guard weights != .none else { return }
    for e in 0..<g.edgeCount where !(g.edgeWeight[e] > 0) || !g.edgeWeight[e].isFinite {
        throw MeasureError.nonPositiveWeight(source: g.labels[Int(g.edgeSource[e])], target: g.labels[Int(g.edgeTarget[e])],
                                             weight: g.edgeWeight[e], mode: weights)
    }
}

/// Errors from measures: bad parameters, weights that do not fit the mode, non-convergence.
public enum MeasureError: Error, CustomStringConvertible, Equatable, Sendable {
    case nonPositiveWeight(source: String, target: String, weight: Double, mode: PathWeights)
    case unknownMeasure(String, known: [String])
    /// `NAME_weighted` for a measure that weights do not change.
    case notWeighted(String, weighted: [String])
    case notConverged(measure: String, iterations: Int, tolerance: Double)
    /// Katz's series diverges: α ≥ 1/λ_max.
    case katzDiverges(alpha: Double, lambdaMax: Double)

    public var description: String {
        switch self {
        case let .nonPositiveWeight(s, t, w, mode):
            return "edge '\(s)'–'\(t)' has weight \(formatNumber(w)); weights used as \(mode == .distance ? "distances" : "strengths") need every weight > 0 (compute without weights to ignore them)"
        case let .unknownMeasure(m, known):
            return "unknown measure '\(m)' (known: \(known.joined(separator: ", ")))"
        case let .notWeighted(m, weighted):
            return "'\(m)': \(Measures.parse(m).base) does not use weights, so it has no _weighted form (strength is the weighted degree; _weighted goes with \(weighted.joined(separator: ", ")))"
        case let .notConverged(m, it, tol):
            return "\(m) did not converge in \(it) iterations to tolerance \(tol)"
        case let .katzDiverges(alpha, lambda):
            let bound = 1 / lambda
            return "katz diverges: alpha \(formatNumber(alpha)) is not below 1/λ_max = \(String(format: "%.6g", bound)) (λ_max ≈ \(String(format: "%.6g", lambda)), the largest eigenvalue of the adjacency matrix); give --alpha below \(String(format: "%.6g", bound)), e.g. --alpha \(String(format: "%.3g", 0.9 * bound))"
        }
    }
}
