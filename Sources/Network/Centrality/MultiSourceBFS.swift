/// Bit-parallel multi-source BFS (MS-BFS): 64 breadth-first searches at once, one bit per
/// source, so each edge is scanned once per level for a whole batch instead of once per source.
/// Used for unweighted closeness and harmonic centrality.
///
/// - Complexity: O(⌈n/64⌉ · L · (n + m)) word operations with L the number of BFS levels
///   (small in social networks), plus O(n²) bit visits to record distances.
/// - Reference: M. Then et al., "The more the merrier: efficient multi-source graph traversal",
///   PVLDB 8(4), 2014. doi:10.14778/2735496.2735507
enum MultiSourceBFS {
    /// For every node s, the number of nodes it reaches (itself included), the sum of their
    /// distances and the sum of 1/distance, following `adj` from s.
    static func distanceSums(_ adj: CSR) -> (reach: [Int], total: [Double], harmonic: [Double]) {
        let n = adj.nodeCount
        let reach = SharedBuffer<Int>(repeating: 1, count: n)
        let total = SharedBuffer<Double>(repeating: 0, count: n)
        let harm = SharedBuffer<Double>(repeating: 0, count: n)
        guard n > 0 else { return ([], [], []) }
        let batches = (n + 63) / 64
        let chunks = Parallel.chunkCount(batches, maxChunks: 64)
        Parallel.forEachChunk(chunks) { c in
            var visit = [UInt64](repeating: 0, count: n)
            var frontier = [UInt64](repeating: 0, count: n)
            var next = [UInt64](repeating: 0, count: n)
            var active: [Int32] = []
            active.reserveCapacity(n)
            var newActive: [Int32] = []
            newActive.reserveCapacity(n)
            var touched = [Bool](repeating: false, count: n)
            var touchedList: [Int32] = []
            touchedList.reserveCapacity(n)
            for batch in Parallel.range(chunk: c, of: chunks, count: batches) {
                let base = batch * 64
                let count = min(64, n - base)
                var sums = [Int](repeating: 0, count: 64)
                var reached = [Int](repeating: 1, count: 64)
                var harmonic = [Double](repeating: 0, count: 64)
                for i in 0..<n { visit[i] = 0; frontier[i] = 0 }
                active.removeAll(keepingCapacity: true)
                for i in 0..<count {
                    let s = base + i
                    visit[s] = 1 << UInt64(i)
                    frontier[s] = 1 << UInt64(i)
                    active.append(Int32(s))
                }
                var level = 0
                adj.offsets.withUnsafeBufferPointer { off in
                    adj.targets.withUnsafeBufferPointer { tgt in
                        visit.withUnsafeMutableBufferPointer { visit in
                            frontier.withUnsafeMutableBufferPointer { frontier in
                                next.withUnsafeMutableBufferPointer { next in
                                    while !active.isEmpty {
                                        level += 1
                                        touchedList.removeAll(keepingCapacity: true)
                                        for v32 in active {
                                            let v = Int(v32)
                                            let f = frontier[v]
                                            for k in Int(off[v])..<Int(off[v + 1]) {
                                                let w = Int(tgt[k])
                                                let add = f & ~visit[w]
                                                if add != 0 {
                                                    if !touched[w] { touched[w] = true; touchedList.append(Int32(w)) }
                                                    next[w] |= add
                                                }
                                            }
                                        }
                                        for v32 in active { frontier[Int(v32)] = 0 }
                                        newActive.removeAll(keepingCapacity: true)
                                        let inv = 1 / Double(level)
                                        for w32 in touchedList {
                                            let w = Int(w32)
                                            touched[w] = false
                                            let new = next[w] & ~visit[w]
                                            next[w] = 0
                                            if new == 0 { continue }
                                            visit[w] |= new
                                            frontier[w] = new
                                            newActive.append(w32)
                                            var bits = new
                                            while bits != 0 {
                                                let i = bits.trailingZeroBitCount
                                                bits &= bits &- 1
                                                sums[i] += level
                                                reached[i] += 1
                                                harmonic[i] += inv
                                            }
                                        }
                                        swap(&active, &newActive)
                                    }
                                }
                            }
                        }
                    }
                }
                for i in 0..<count {
                    reach.pointer[base + i] = reached[i]
                    total.pointer[base + i] = Double(sums[i])
                    harm.pointer[base + i] = harmonic[i]
                }
            }
        }
        return (reach.array, total.array, harm.array)
    }
}
