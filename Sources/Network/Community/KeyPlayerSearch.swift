import Foundation

extension KeyPlayers {
    /// The outcome of a key-player search.
    public struct Result: Sendable, Equatable {
        /// The set, in node order.
        public var set: [Int]
        public var score: Double
        /// True when every set of size k was scored (exhaustive search): the set is optimal.
        public var optimal: Bool
        /// Sets scored.
        public var evaluations: Int
        /// Members whose removal from the set leaves its score unchanged: they add nothing
        /// (any person would do in their place), said so instead of presented as key players.
        public var addNothing: [Int]
    }

    /// Exhaustive search is used when C(n, k) ≤ `maxSets` and C(n, k) × (cost of one score)
    /// ≤ `maxWork` elementary steps (one score costs n + m for fragmentation and reach, n·(n + m)
    /// for distance fragmentation).
    public static let maxSets = 10_000_000
    public static let maxWork = 4.0e9

    /// Key players, exact where affordable and strong elsewhere.
    ///
    /// - Exhaustive: every k-set is scored (both cores, each on a share of the sets ordered by
    ///   their first member); the best score wins, ties by the lexicographically smallest set of
    ///   node indices. `optimal` is true.
    /// - Otherwise: greedy selection, then local search with single and pair swaps (pairs among
    ///   the 40 highest-degree candidates, so sets that only work together are found), then
    ///   seeded restarts from random sets (`restarts`); the best found is returned with the
    ///   number of sets scored.
    ///
    /// - Complexity: exhaustive C(n,k)·cost; heuristic O((sweeps·k·C + k²·P²)·cost) per start.
    public static func search(_ g: Graph, k: Int, objective: Objective, reachDistance: Int = 1, seed: UInt64 = 1,
                              candidateLimit: Int = 300, restarts: Int = 8, maxSets: Int = KeyPlayers.maxSets) -> Result {
        let n = g.nodeCount
        let k = min(k, n)
        let empty = [Bool](repeating: false, count: n)
        guard k > 0 else { return Result(set: [], score: score(g, empty, objective, reachDistance: reachDistance), optimal: true, evaluations: 1, addNothing: []) }
        let sets = binomial(n, k)
        let unit = Double(n + g.edgeCount) * (objective == .distanceFragmentation ? Double(n) : 1)
        var result: Result
        if sets <= Double(maxSets) && sets * unit <= maxWork {
            result = exhaustive(g, k: k, objective: objective, reachDistance: reachDistance)
        } else {
            result = heuristic(g, k: k, objective: objective, reachDistance: reachDistance, seed: seed,
                               candidateLimit: candidateLimit, restarts: restarts)
        }
        // The reported score is the canonical one; members that add nothing are named.
        var inSet = empty
        for v in result.set { inSet[v] = true }
        result.score = score(g, inSet, objective, reachDistance: reachDistance)
        result.addNothing = result.set.filter { v in
            inSet[v] = false
            defer { inSet[v] = true }
            return score(g, inSet, objective, reachDistance: reachDistance) >= result.score - 1e-12
        }
        return result
    }

    static func binomial(_ n: Int, _ k: Int) -> Double {
        guard k >= 0, k <= n else { return 0 }
        var r = 1.0
        for i in 0..<min(k, n - k) { r = r * Double(n - i) / Double(i + 1) }
        return r.rounded()
    }

    /// A score evaluator with its scratch space, for one thread: higher is better, compared
    /// exactly (fragmentation and reach count pairs or nodes in integers). Works on raw
    /// buffers: the search scores millions of sets.
    final class Scorer {
        let objective: Objective
        let reachDistance: Int
        let n: Int, m: Int
        let directed: Bool
        let src: UnsafeMutablePointer<Int32>, dst: UnsafeMutablePointer<Int32>
        let outOff: UnsafeMutablePointer<Int>, outTgt: UnsafeMutablePointer<Int32>
        let inOff: UnsafeMutablePointer<Int>, inTgt: UnsafeMutablePointer<Int32>
        let parent: UnsafeMutablePointer<Int32>, size: UnsafeMutablePointer<Int>
        let dist: UnsafeMutablePointer<Int32>, queue: UnsafeMutablePointer<Int32>
        let removed: UnsafeMutablePointer<Bool>

        init(_ g: Graph, _ objective: Objective, _ reachDistance: Int) {
            self.objective = objective
            self.reachDistance = reachDistance
            n = g.nodeCount; m = g.edgeCount; directed = g.directed
            func copy<T>(_ a: [T]) -> UnsafeMutablePointer<T> {
                let p = UnsafeMutablePointer<T>.allocate(capacity: max(a.count, 1))
                _ = UnsafeMutableBufferPointer(start: p, count: a.count).initialize(from: a)
                return p
            }
            src = copy(g.edgeSource.map { Int32($0) }); dst = copy(g.edgeTarget.map { Int32($0) })
            outOff = copy(g.out.offsets.map { Int($0) }); outTgt = copy(g.out.targets.map { Int32($0) })
            inOff = copy(g.in.offsets.map { Int($0) }); inTgt = copy(g.in.targets.map { Int32($0) })
            parent = .allocate(capacity: max(n, 1)); size = .allocate(capacity: max(n, 1))
            dist = .allocate(capacity: max(n, 1)); queue = .allocate(capacity: max(n, 1))
            removed = .allocate(capacity: max(n, 1))
            removed.initialize(repeating: false, count: max(n, 1))
        }

        deinit {
            for p in [src, dst, outTgt, inTgt, parent, dist, queue] as [UnsafeMutablePointer<Int32>] { p.deallocate() }
            outOff.deallocate(); inOff.deallocate(); size.deallocate(); removed.deallocate()
        }

        @inline(__always) func find(_ x: Int32) -> Int32 {
            var x = Int(x)
            while Int(parent[x]) != x {
                parent[x] = parent[Int(parent[x])]
                x = Int(parent[x])
            }
            return Int32(x)
        }

        /// The objective for the set `members` (removed, or for reach chosen), as a value
        /// where higher is better: fragmentation −Σ s(s−1); distance fragmentation −Σ 1/d;
        /// reach the number of nodes reached.
        func value(_ members: [Int]) -> Double {
            for v in members { removed[v] = true }
            defer { for v in members { removed[v] = false } }
            switch objective {
            case .fragmentation:
                for v in 0..<n { parent[v] = Int32(v); size[v] = 1 }
                for e in 0..<m {
                    let u = src[e], v = dst[e]
                    if removed[Int(u)] || removed[Int(v)] { continue }
                    var a = find(u), b = find(v)
                    if a == b { continue }
                    if size[Int(a)] < size[Int(b)] { swap(&a, &b) }
                    parent[Int(b)] = a
                    size[Int(a)] += size[Int(b)]
                }
                var same = 0
                for v in 0..<n where !removed[v] && Int(parent[v]) == v { same += size[v] * (size[v] - 1) }
                return -Double(same)
            case .distanceFragmentation:
                var total = 0.0
                for s in 0..<n where !removed[s] {
                    for v in 0..<n { dist[v] = -1 }
                    dist[s] = 0
                    var head = 0, tail = 0
                    queue[tail] = Int32(s); tail += 1
                    while head < tail {
                        let v = Int(queue[head]); head += 1
                        let d = dist[v] + 1
                        for k in outOff[v]..<outOff[v + 1] {
                            let w = Int(outTgt[k])
                            if removed[w] || dist[w] >= 0 { continue }
                            dist[w] = d
                            total += 1 / Double(d)
                            queue[tail] = Int32(w); tail += 1
                        }
                    }
                }
                return -total
            case .reach:
                for v in 0..<n { dist[v] = -1 }
                var head = 0, tail = 0
                for v in members where dist[v] < 0 { dist[v] = 0; queue[tail] = Int32(v); tail += 1 }
                let chosen = tail
                while head < tail {
                    let v = Int(queue[head]); head += 1
                    if dist[v] == Int32(reachDistance) { continue }
                    for k in outOff[v]..<outOff[v + 1] {
                        let w = Int(outTgt[k])
                        if dist[w] < 0 { dist[w] = dist[v] + 1; queue[tail] = Int32(w); tail += 1 }
                    }
                    if directed {
                        for k in inOff[v]..<inOff[v + 1] {
                            let w = Int(inTgt[k])
                            if dist[w] < 0 { dist[w] = dist[v] + 1; queue[tail] = Int32(w); tail += 1 }
                        }
                    }
                }
                return Double(tail - chosen)
            }
        }
    }

    /// Every k-set, split over the cores by first member; ties by the smallest set.
    static func exhaustive(_ g: Graph, k: Int, objective: Objective, reachDistance: Int) -> Result {
        let n = g.nodeCount
        // Work per first member i is about C(n−1−i, k−1): cut the first members into chunks of
        // roughly equal work.
        let chunks = Parallel.chunkCount(n - k + 1, maxChunks: 16)
        var work = (0...(n - k)).map { binomial(n - 1 - $0, k - 1) }
        let totalWork = work.reduce(0, +)
        var bounds = [0]
        var acc = 0.0
        for i in 0..<work.count {
            acc += work[i]
            if acc >= totalWork * Double(bounds.count) / Double(chunks) && bounds.count < chunks { bounds.append(i + 1) }
        }
        bounds.append(n - k + 1)
        bounds = Array(Set(bounds)).sorted()
        work = []
        let parts = bounds.count - 1
        let best = SharedBuffer<Double>(repeating: -Double.infinity, count: parts)
        let bestSets = SharedBuffer<[Int]>(repeating: [], count: parts)
        let counts = SharedBuffer<Int>(repeating: 0, count: parts)
        let firsts = UnsafeSendable(bounds)
        let graph = UnsafeSendable(g)
        Parallel.forEachChunk(parts) { c in
            let scorer = Scorer(graph.value, objective, reachDistance)
            var idx = [Int](repeating: 0, count: k)
            var localBest = -Double.infinity, localSet: [Int] = [], evaluated = 0
            for first in firsts.value[c]..<firsts.value[c + 1] {
                // Lexicographic combinations with idx[0] = first.
                idx[0] = first
                for j in 1..<max(k, 1) where k > 1 { idx[j] = first + j }
                while true {
                    let s = scorer.value(idx)
                    evaluated += 1
                    if s > localBest { localBest = s; localSet = idx }
                    // Next combination of positions 1..<k.
                    guard k > 1 else { break }
                    var j = k - 1
                    while j >= 1 && idx[j] == n - k + j { j -= 1 }
                    if j < 1 { break }
                    idx[j] += 1
                    for t in (j + 1)..<k where j + 1 < k { idx[t] = idx[t - 1] + 1 }
                }
            }
            best.pointer[c] = localBest
            bestSets.pointer[c] = localSet
            counts.pointer[c] = evaluated
        }
        // Chunks cover increasing first members, and within a chunk the first best set is the
        // lexicographically smallest: the first chunk with the top score wins.
        var top = 0
        for c in 0..<parts where best.pointer[c] > best.pointer[top] { top = c }
        return Result(set: bestSets.pointer[top], score: 0, optimal: true, evaluations: counts.array.reduce(0, +), addNothing: [])
    }

    /// Greedy, single and pair swaps, seeded restarts.
    static func heuristic(_ g: Graph, k: Int, objective: Objective, reachDistance: Int, seed: UInt64,
                          candidateLimit: Int, restarts: Int) -> Result {
        let n = g.nodeCount
        let deg = Degree.degree(g)
        var candidates = Array(0..<n)
        if n > candidateLimit {
            candidates = candidates.sorted { deg[$0] != deg[$1] ? deg[$0] > deg[$1] : $0 < $1 }
            candidates = Array(candidates.prefix(candidateLimit))
        }
        let pairPool = Array(candidates.sorted { deg[$0] != deg[$1] ? deg[$0] > deg[$1] : $0 < $1 }.prefix(40))
        let scorer = Scorer(g, objective, reachDistance)
        var rng = SeededGenerator(seed: seed)
        var evaluations = 0
        func value(_ set: [Int]) -> Double {
            evaluations += 1
            return scorer.value(set)
        }
        /// Single swaps until none improves, then pair swaps among the pool, repeated.
        func improve(_ start: [Int]) -> ([Int], Double) {
            var set = start, current = value(set)
            var changed = true
            while changed {
                changed = false
                var order = candidates
                order.shuffle(using: &rng)
                for i in set.indices {
                    for v in order where !set.contains(v) {
                        var trial = set; trial[i] = v
                        let s = value(trial)
                        if s > current { current = s; set = trial; changed = true }
                    }
                }
                if changed || k < 2 || n + g.edgeCount > 100_000 { continue }
                pairs: for i in 0..<k {
                    for j in (i + 1)..<k {
                        for a in 0..<pairPool.count where !set.contains(pairPool[a]) {
                            for b in (a + 1)..<pairPool.count where !set.contains(pairPool[b]) {
                                var trial = set; trial[i] = pairPool[a]; trial[j] = pairPool[b]
                                let s = value(trial)
                                if s > current { current = s; set = trial; changed = true; break pairs }
                            }
                        }
                    }
                }
            }
            return (set, current)
        }
        // Greedy start.
        var greedy: [Int] = []
        for _ in 0..<k {
            var bestV = -1, bestS = -Double.infinity
            for v in candidates where !greedy.contains(v) {
                let s = value(greedy + [v])
                if s > bestS { bestS = s; bestV = v }
            }
            if bestV < 0 { break }
            greedy.append(bestV)
        }
        var (bestSet, bestScore) = improve(greedy)
        // Restarts where a score is cheap; on large graphs greedy plus swaps is what is affordable.
        for _ in 0..<(n + g.edgeCount <= 20_000 ? restarts : 0) {
            var start = candidates
            start.shuffle(using: &rng)
            let (set, s) = improve(Array(start.prefix(k)))
            if s > bestScore || (s == bestScore && set.sorted().lexicographicallyPrecedes(bestSet.sorted())) {
                bestSet = set; bestScore = s
            }
        }
        return Result(set: bestSet.sorted(), score: 0, optimal: false, evaluations: evaluations, addNothing: [])
    }
}
