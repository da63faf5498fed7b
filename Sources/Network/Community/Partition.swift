/// An assignment of every node to a cluster: the typed result of community detection.
///
/// Cluster numbers are canonical: 0..k−1 by size, largest first, ties by the smallest node
/// index in the cluster — so two runs that find the same clusters print the same numbers.
public struct Partition: Sendable, Equatable {
    /// Cluster of each node.
    public let membership: [Int]
    /// Members of each cluster, in node order.
    public let clusters: [[Int]]

    public var count: Int { clusters.count }

    /// Canonicalizes any labelling (labels may be arbitrary integers).
    public init(labels: [Int]) {
        var groups: [Int: [Int]] = [:]
        var firstSeen: [Int] = []
        for (v, l) in labels.enumerated() {
            if groups[l] == nil { firstSeen.append(l) }
            groups[l, default: []].append(v)
        }
        let lists = firstSeen.map { groups[$0]! }
        let (membership, clusters) = Ranking.largestFirst(lists, nodeCount: labels.count) { lists[$0][0] < lists[$1][0] }
        self.membership = membership
        self.clusters = clusters
    }
}


import Foundation
