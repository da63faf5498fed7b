/// The kinds behind each aggregated edge and the weight each contributes, stored flat.
///
/// When the whole network has one kind (an edge list, a single relation) nothing is stored per
/// edge: the kind is shared and its weight is the edge weight.
public struct EdgeKinds: RandomAccessCollection, Sendable {
    public let kinds: [LinkKind]
    private let uniformWeights: EdgeWeights?
    private let offsets: [Int32]
    private let kindIDs: [UInt16]
    private let weights: [Double]

    public var startIndex: Int { 0 }
    public var endIndex: Int { uniformWeights?.count ?? (offsets.count - 1) }

    public subscript(e: Int) -> [(kind: LinkKind, weight: Double)] {
        if let uniformWeights { return kinds.isEmpty ? [] : [(kinds[0], uniformWeights[e])] }
        return (Int(offsets[e])..<Int(offsets[e + 1])).map { (kinds[Int(kindIDs[$0])], weights[$0]) }
    }

    struct Builder {
        var kinds: [LinkKind] = []
        var kindIndex: [LinkKind: UInt16] = [:]
        /// The only kind used so far, until a second one makes `multi` true.
        var firstKind: UInt16?
        var multi = false
        /// Flat (row, kind, weight) entries; empty while only one kind has been seen.
        var rows: [Int32] = []
        var kindIDs: [UInt16] = []
        var weights: [Double] = []

        /// The id of `kind`, registering it if new.
        mutating func id(of kind: LinkKind) -> UInt16 {
            if let i = kindIndex[kind] { return i }
            let id = UInt16(kinds.count)
            kinds.append(kind)
            kindIndex[kind] = id
            return id
        }

        mutating func add(row r: Int, kind: LinkKind, weight w: Double, rowWeight: (Int) -> Double) {
            add(row: r, id: id(of: kind), weight: w, rowWeight: rowWeight)
        }

        /// Records that row `r` (of the graph builder) gave weight `w` of kind `id`.
        mutating func add(row r: Int, id: UInt16, weight w: Double, rowWeight: (Int) -> Double) {
            if !multi {
                guard let first = firstKind else { firstKind = id; return }
                if first == id { return }
                multi = true
                // Until now every row had the first kind.
                for x in 0..<r {
                    rows.append(Int32(x)); kindIDs.append(first); weights.append(rowWeight(x))
                }
            }
            rows.append(Int32(r)); kindIDs.append(id); weights.append(w)
        }

        /// Whether ``finish(edgeOfRow:edgeWeights:)`` needs the row → edge map.
        var needsRowMap: Bool { multi }

        /// The kinds per edge, from the rows' (`edgeOfRow`: the edge each row became).
        func finish(edgeCount m: Int, edgeOfRow: [Int32], edgeWeights: EdgeWeights) -> EdgeKinds {
            if !multi {
                return EdgeKinds(kinds: firstKind.map { [kinds[Int($0)]] } ?? [], uniformWeights: edgeWeights, offsets: [], kindIDs: [], weights: [])
            }
            let edges = rows.map { edgeOfRow[Int($0)] }
            // Group by edge (stable counting sort), then merge repeated kinds within an edge.
            var count = [Int32](repeating: 0, count: m + 1)
            for e in edges { count[Int(e) + 1] += 1 }
            for i in 0..<m { count[i + 1] += count[i] }
            var fill = count
            var ids = [UInt16](repeating: 0, count: edges.count)
            var ws = [Double](repeating: 0, count: edges.count)
            for (k, e) in edges.enumerated() {
                let p = Int(fill[Int(e)]); fill[Int(e)] += 1
                ids[p] = kindIDs[k]; ws[p] = weights[k]
            }
            var offsets = [Int32](repeating: 0, count: m + 1)
            var outIDs: [UInt16] = [], outW: [Double] = []
            outIDs.reserveCapacity(edges.count); outW.reserveCapacity(edges.count)
            for e in 0..<m {
                let start = outIDs.count
                for p in Int(count[e])..<Int(count[e + 1]) {
                    if let j = (start..<outIDs.count).first(where: { outIDs[$0] == ids[p] }) {
                        outW[j] += ws[p]
                    } else {
                        outIDs.append(ids[p]); outW.append(ws[p])
                    }
                }
                offsets[e + 1] = Int32(outIDs.count)
            }
            return EdgeKinds(kinds: kinds, uniformWeights: nil, offsets: offsets, kindIDs: outIDs, weights: outW)
        }
    }
}

/// The evidence behind each aggregated edge, stored flat and grouped by edge.
public struct EdgeEvidence: RandomAccessCollection, Sendable {
    private let offsets: [Int32]
    private let items: [Evidence]
    private let edgeCount: Int

    public var startIndex: Int { 0 }
    public var endIndex: Int { edgeCount }

    public subscript(e: Int) -> ArraySlice<Evidence> {
        if items.isEmpty { return [] }
        return items[Int(offsets[e])..<Int(offsets[e + 1])]
    }

    struct Builder {
        var rows: [Int32] = []
        var items: [Evidence] = []

        /// Records evidence for row `r` of the graph builder.
        mutating func add(row r: Int, _ ev: Evidence) {
            rows.append(Int32(r))
            items.append(ev)
        }

        var needsRowMap: Bool { !items.isEmpty }

        /// The evidence per edge (`edgeOfRow`: the edge each row became), in row order.
        func finish(edgeCount m: Int, edgeOfRow: [Int32]) -> EdgeEvidence {
            if items.isEmpty { return EdgeEvidence(offsets: [], items: [], edgeCount: m) }
            let edges = rows.map { edgeOfRow[Int($0)] }
            var count = [Int32](repeating: 0, count: m + 1)
            for e in edges { count[Int(e) + 1] += 1 }
            for i in 0..<m { count[i + 1] += count[i] }
            var fill = count
            var order = [Int](repeating: 0, count: items.count)
            for (k, e) in edges.enumerated() {
                order[Int(fill[Int(e)])] = k
                fill[Int(e)] += 1
            }
            return EdgeEvidence(offsets: count, items: order.map { items[$0] }, edgeCount: m)
        }
    }
}
