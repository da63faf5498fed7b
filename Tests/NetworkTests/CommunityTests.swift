import Foundation
import Testing
@testable import Network

/// Community detection quality against the golden anchors (networkx 3.6.1, leidenalg 0.12.0).
@Suite("Clusters")
struct CommunityTests {
    static func groundTruth(_ name: String, _ g: Graph) throws -> [Int] {
        let text = try String(contentsOfFile: fixture("golden/\(name)/communities.csv"), encoding: .utf8)
        var truth = [Int](repeating: -1, count: g.nodeCount)
        for line in text.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",")
            truth[g.index(of: String(f[0]))!] = Int(f[1])!
        }
        return truth
    }

    static func anchors(_ golden: [String: Any], _ key: String) -> (q: Double, nmi: Double?) {
        let cd = (golden["graph_metrics"] as! [String: Any])["community_detection"] as! [String: Any]
        let a = cd[key] as! [String: Any]
        return (a["modularity"] as! Double, a["nmi_vs_ground_truth"] as? Double)
    }

    @Test("Leiden seed 1 on LFR: NMI ≥ min(networkx Louvain, leidenalg) − 0.01, modularity ≥ leidenalg − 0.005",
          arguments: ["lfr_mu0.1", "lfr_mu0.2", "lfr_mu0.3"])
    func lfr(_ name: String) throws {
        let l = try GoldenTests.load(name)
        let truth = try Self.groundTruth(name, l.graph)
        let p = Communities.leiden(l.graph, seed: 1)
        let q = Modularity.of(p, in: l.graph)
        let nmi = Modularity.nmi(p.membership, truth)
        let nx = Self.anchors(l.golden, "networkx_louvain_seed1"), la = Self.anchors(l.golden, "leidenalg_modularity_seed1")
        #expect(nmi >= min(nx.nmi!, la.nmi!) - 0.01, "\(name): NMI \(nmi)")
        #expect(q >= la.q - 0.005, "\(name): modularity \(q) vs leidenalg \(la.q)")
        // Louvain stays close too.
        let lv = Communities.louvain(l.graph, seed: 1)
        #expect(Modularity.of(lv, in: l.graph) >= nx.q - 0.01)
    }

    @Test("karate: modularity against leidenalg 0.12.0 (0.41979 unweighted, 0.44490 weighted)")
    func karate() throws {
        let l = try GoldenTests.load("karate")
        let q = Modularity.of(Communities.leiden(l.graph, seed: 1), in: l.graph)
        #expect(q >= Self.anchors(l.golden, "leidenalg_modularity_seed1").q - 0.005, "\(q)")
        let qw = Modularity.of(Communities.leiden(l.graph, weighted: true, seed: 1), in: l.graph, weighted: true)
        #expect(qw >= Self.anchors(l.golden, "leidenalg_modularity_seed1_weighted").q - 0.01, "\(qw)")
    }

    @Test("modularity of a given partition is exact (golden ground-truth modularity)")
    func modularityOfGiven() throws {
        for name in ["lfr_mu0.1", "lfr_mu0.2", "lfr_mu0.3"] {
            let l = try GoldenTests.load(name)
            let p = Partition(labels: try Self.groundTruth(name, l.graph))
            let want = (l.golden["graph_metrics"] as! [String: Any])["community_detection"] as! [String: Any]
            #expect(close(Modularity.of(p, in: l.graph), want["ground_truth_modularity"] as! Double))
        }
    }

    @Test("every Leiden cluster is connected; same seed, same partition; canonical numbering",
          arguments: ["karate", "lfr_mu0.3", "weighted_random"])
    func leidenGuarantees(_ name: String) throws {
        let g = try GoldenTests.load(name).graph
        for q in [CommunityQuality.modularity(resolution: 1), .modularity(resolution: 2), .cpm(resolution: 0.05)] {
            let p = Communities.leiden(g, quality: q, seed: 3)
            #expect(p == Communities.leiden(g, quality: q, seed: 3))
            for members in p.clusters where members.count > 1 {
                var keep = [Bool](repeating: false, count: g.nodeCount)
                for v in members { keep[v] = true }
                #expect(Components(g.subgraph(keepNode: keep).graph).count == 1, "\(name) \(q): a cluster is disconnected")
            }
            for c in 1..<max(1, p.count) {
                let a = p.clusters[c - 1], b = p.clusters[c]
                #expect(a.count > b.count || (a.count == b.count && a[0] < b[0]))
            }
        }
    }

    @Test("Leiden on 1 and 2 threads: the same partition (colour steps, refinement and aggregation in parallel)")
    func leidenThreads() throws {
        // BA 10k/50k: large enough that every parallel path runs.
        let g = try GoldenTests.load("ba_10k").graph
        for q in [CommunityQuality.modularity(resolution: 1), .cpm(resolution: 0.001)] {
            let one = Parallel.$forcedThreads.withValue(1) { Communities.leiden(g, quality: q, seed: 5) }
            let two = Parallel.$forcedThreads.withValue(2) { Communities.leiden(g, quality: q, seed: 5) }
            #expect(one == two, "\(q)")
        }
        #expect(Modularity.of(Communities.leiden(g, seed: 5), in: g) > 0.29)
    }

    @Test("planted clusters: two cliques joined by one edge are found by every method")
    func planted() {
        var b = GraphBuilder(directed: false)
        for i in 0..<12 { b.addNode("\(i)") }
        for i in 0..<6 { for j in (i + 1)..<6 { b.addEdge(Int32(i), Int32(j)); b.addEdge(Int32(i + 6), Int32(j + 6)) } }
        b.addEdge(0, 6)
        let g = b.build()
        let want = [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1]
        for p in [Communities.leiden(g), Communities.louvain(g), Communities.labelPropagation(g, seed: 2)] {
            #expect(Modularity.nmi(p.membership, want) == 1)
        }
    }

    @Test("consensus: stability 1 for clusters that every run finds")
    func consensus() throws {
        let g = try GoldenTests.load("lfr_mu0.1").graph
        let r = Consensus.run(runs: 5, seed: 1, quality: { Modularity.of($0, in: g) }, detect: { Communities.leiden(g, seed: $0) })
        #expect(r.runs == 5)
        #expect(!r.clusterStability.isEmpty && r.clusterStability.allSatisfy { $0 > 0.9 && $0 <= 1 })
        #expect(r.nodeStability.count == g.nodeCount)
    }
}

@Suite("Core/periphery, brokerage, key players, robustness")
struct StructureRoleTests {
    /// A clique of 5 with 2 pendants on each clique member.
    static func cliqueWithPendants() -> Graph {
        var b = GraphBuilder(directed: false)
        for i in 0..<15 { b.addNode("\(i)") }
        for i in 0..<5 { for j in (i + 1)..<5 { b.addEdge(Int32(i), Int32(j)) } }
        for i in 0..<5 { b.addEdge(Int32(i), Int32(5 + 2 * i)); b.addEdge(Int32(i), Int32(6 + 2 * i)) }
        return b.build()
    }

    @Test("planted core: the clique is the core; coreness ranks clique members first")
    func corePeriphery() {
        let g = Self.cliqueWithPendants()
        let split = CorePeriphery.discrete(g, seed: 1)
        #expect(split.coreMembers == [0, 1, 2, 3, 4])
        #expect(split.fit > 0.9)
        let c = CorePeriphery.continuous(g)
        #expect((0..<5).allSatisfy { v in (5..<15).allSatisfy { c.coreness[v] > c.coreness[$0] } })
        #expect(c.fit > 0.5)
    }

    @Test("brokerage roles: hand-counted directed triads")
    func brokerageDirected() {
        // Groups: a0 b0 c1 d2. Arcs: a->b, b->c (b representative for a->b->c),
        // d->c? no. c->d with b->c: b->c->d : c's groups (b:0, c:1, d:2) -> liaison for c.
        // a->b, b->a2? Add e (group 0): b->e gives a->b->e coordinator.
        // f (group 1): f->b, b->c gives f->b->c with f,c in group 1, b in 0: itinerant.
        // g (group 0): c->g? with f->c? Use x (group 2) -> c, c->y (group 1): x->c->y gatekeeper for c.
        var b = GraphBuilder(directed: true)
        let names = ["a", "b", "c", "d", "e", "f", "x", "y"]
        for n in names { b.addNode(n) }
        let groups = [0, 0, 1, 2, 0, 1, 2, 1]
        func arc(_ s: String, _ t: String) { b.addEdge(b.index(of: s)!, b.index(of: t)!) }
        arc("a", "b"); arc("b", "c"); arc("c", "d"); arc("b", "e"); arc("f", "b"); arc("x", "c"); arc("c", "y")
        let g = b.build()
        let r = Brokerage.roles(g, groups: groups)
        let bb = g.index(of: "b")!, cc = g.index(of: "c")!
        // b: a->b->c representative, a->b->e coordinator, f->b->c itinerant, f->b->e gatekeeper? f(1) b(0) e(0): gatekeeper.
        #expect(r[bb] == [1, 1, 1, 1, 0])
        // c: b->c->d liaison (0,1,2), b->c->y (0,1,1) gatekeeper, x->c->d (2,1,2) itinerant, x->c->y (2,1,1) gatekeeper.
        #expect(r[cc] == [0, 1, 0, 2, 1])
        #expect(r[g.index(of: "a")!] == [0, 0, 0, 0, 0])
    }

    @Test("brokerage on an undirected path counts both directions; a closed triad brokers nothing")
    func brokerageUndirected() {
        var b = GraphBuilder(directed: false)
        for n in ["a", "b", "c"] { b.addNode(n) }
        b.addEdge(0, 1); b.addEdge(1, 2)
        #expect(Brokerage.roles(b.build(), groups: [0, 0, 1])[1] == [0, 0, 1, 1, 0])
        b.addEdge(0, 2)
        #expect(Brokerage.roles(b.build(), groups: [0, 0, 1])[1] == [0, 0, 0, 0, 0])
    }

    @Test("key players: two stars joined through a bridge node — the hubs and bridge are optimal")
    func keyPlayers() {
        // Hubs 0 and 1, each with 6 leaves, joined through node 2.
        var b = GraphBuilder(directed: false)
        for i in 0..<15 { b.addNode("\(i)") }
        b.addEdge(0, 2); b.addEdge(2, 1)
        for i in 0..<6 { b.addEdge(0, Int32(3 + i)); b.addEdge(1, Int32(9 + i)) }
        let g = b.build()
        let one = KeyPlayers.find(g, k: 1, objective: .fragmentation, seed: 1)
        #expect(one.set == [0] || one.set == [1])
        let two = KeyPlayers.find(g, k: 2, objective: .fragmentation, seed: 1)
        #expect(two.set == [0, 1])
        #expect(two.score == 1, "without both hubs every remaining node is isolated")
        let reach = KeyPlayers.find(g, k: 2, objective: .reach, reachDistance: 1, seed: 1)
        #expect(reach.set == [0, 1])
        #expect(reach.score == 1)
    }

    @Test("key players: exhaustive search equals brute force on published networks; says optimal")
    func keyPlayersExhaustive() throws {
        for name in ["montreal_street_gangs"] {
            let net = try NetworkBuilder.build(try DatasetLoader.load(fixture("datasets/\(name)")))
            let g = net.graph
            for (k, objective) in [(2, KeyPlayers.Objective.fragmentation), (2, .distanceFragmentation), (2, .reach)] {
                let r = KeyPlayers.search(g, k: k, objective: objective, reachDistance: 1)
                #expect(r.optimal && r.evaluations == Int(KeyPlayers.binomial(g.nodeCount, k)))
                // Brute force with the canonical score: nothing beats the set found.
                var best = -Double.infinity, bestSet: [Int] = []
                var set = [Bool](repeating: false, count: g.nodeCount)
                for a in 0..<g.nodeCount {
                    for b in (a + 1)..<g.nodeCount {
                        set[a] = true; set[b] = true
                        let s = KeyPlayers.score(g, set, objective, reachDistance: 1)
                        if s > best + 1e-12 { best = s; bestSet = [a, b] }
                        set[a] = false; set[b] = false
                    }
                }
                #expect(abs(r.score - best) < 1e-12 && r.set == bestSet, "\(name) \(objective): \(r.set) \(r.score) vs \(bestSet) \(best)")
            }
        }
        // networkx brute force over all 1,431 pairs of the London gang: 0.07616892911010553, persons 19 and 20.
        let london = try NetworkBuilder.build(try DatasetLoader.load(fixture("datasets/london_gang"))).graph
        let two = KeyPlayers.search(london, k: 2, objective: .fragmentation)
        #expect(abs(two.score - 0.07616892911010553) < 1e-12 && two.set.map { london.labels[$0] } == ["19", "20"])
    }

    @Test("key players: the heuristic escapes the pair trap (two bridges that only work together); members that add nothing are named")
    func keyPlayersPairTrap() {
        // Two cliques of 8 joined only through persons 16 and 17, each tied to every member of
        // both cliques: removing one bridge (or anyone else) changes nothing, so greedy and
        // single swaps stall; removing both splits the network.
        var b = GraphBuilder(directed: false)
        for i in 0..<18 { b.addNode("\(i)") }
        for base in [0, 8] { for i in 0..<8 { for j in (i + 1)..<8 { b.addEdge(Int32(base + i), Int32(base + j)) } } }
        for s in [16, 17] { for i in 0..<16 { b.addEdge(Int32(s), Int32(i)) } }
        let g = b.build()
        let exact = KeyPlayers.search(g, k: 2, objective: .fragmentation)
        #expect(exact.optimal && exact.set == [16, 17])
        // Forced to the heuristic: it must reach the same optimum.
        let heuristic = KeyPlayers.search(g, k: 2, objective: .fragmentation, maxSets: 10)
        #expect(!heuristic.optimal && heuristic.set == [16, 17] && heuristic.evaluations > 0)
        // A path 0–1–2 and three isolated persons: after 1, a second member adds nothing.
        var c = GraphBuilder(directed: false)
        for i in 0..<6 { c.addNode("\(i)") }
        c.addEdge(0, 1); c.addEdge(1, 2)
        let path = c.build()
        let r = KeyPlayers.search(path, k: 2, objective: .fragmentation)
        #expect(r.set.contains(1) && r.addNothing == r.set.filter { $0 != 1 }, "\(r)")
    }

    @Test("robustness: deterministic for a seed, full-data rank first, zero drop keeps ranks")
    func robustness() throws {
        let g = try GoldenTests.load("karate").graph
        let a = try Robustness.ranks(g, measure: "betweenness", dropNodes: 0.05, dropTies: 0.1, runs: 30, topK: 5, seed: 4)
        let b = try Robustness.ranks(g, measure: "betweenness", dropNodes: 0.05, dropTies: 0.1, runs: 30, topK: 5, seed: 4)
        // Same seed, same figures: every field equal (NaN equals NaN here, by bit pattern).
        #expect(a.count == b.count && !a.isEmpty)
        #expect(zip(a, b).allSatisfy { x, y in
            x.rank == y.rank && x.low == y.low && x.high == y.high && x.topK == y.topK
                && x.medianRank.bitPattern == y.medianRank.bitPattern
        })
        let still = try Robustness.ranks(g, measure: "degree", dropNodes: 0, dropTies: 0, runs: 3, topK: 5, seed: 1)
        #expect(still.count == g.nodeCount)
        #expect(still.allSatisfy { Double($0.rank) == $0.medianRank && $0.low == $0.rank && $0.high == $0.rank })
        #expect(a[0].rank == 1 && a[0].topK > 0.9)
    }
}
