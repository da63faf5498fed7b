import ArgumentParser
import Foundation
import Network

enum GraphModel: String, ExpressibleByArgument, CaseIterable {
    case ba, gnm
}

struct Sample: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate a seeded random graph as an edge-list CSV (for benchmarks and tests).",
        discussion: """
        ba: Barabási–Albert preferential attachment, networkx's construction (a star on m+1
        nodes, then each new node attaches to m distinct nodes by degree): m + (n-m-1)·m edges.
        gnm: m distinct edges chosen uniformly. Node ids are 0..n-1. The same seed gives the same
        file on every machine. (The synthetic analyst dataset in samples/noerrebro comes from
        scripts/make-sample.py.)

        Examples:
          sna sample --model ba --n 10000 --m 5 --seed 42 -o ba10k.csv
          sna sample --model ba --n 100000 --m 10 --seed 42 -o ba100k.csv
        """
    )

    @Option(name: .long, help: "Model: ba or gnm.")
    var model: GraphModel = .ba

    @Option(name: .customLong("n"), help: "Number of nodes.")
    var nodes: Int

    @Option(name: .customLong("m"), help: "ba: edges per new node; gnm: number of edges.")
    var edges: Int

    @Option(name: .long, help: "Random seed.")
    var seed: UInt64 = 1

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if nodes < 2 { throw ValidationError("--n must be at least 2.") }
        switch model {
        case .ba: if edges < 1 || edges >= nodes { throw ValidationError("--m must be between 1 and n-1 for --model ba.") }
        case .gnm: if edges < 0 || edges > nodes * (nodes - 1) / 2 { throw ValidationError("--m must be between 0 and n(n-1)/2 for --model gnm.") }
        }
    }

    func run() throws {
        try reportingErrors {
            let (s, t) = model == .ba
                ? RandomGraphs.barabasiAlbert(n: nodes, m: edges, seed: seed)
                : RandomGraphs.gnm(n: nodes, m: edges, seed: seed)
            var bytes: [UInt8] = []
            bytes.reserveCapacity(s.count * 14 + 16)
            bytes += Array("source,target\n".utf8)
            for i in 0..<s.count {
                bytes += Array(String(s[i]).utf8)
                bytes.append(UInt8(ascii: ","))
                bytes += Array(String(t[i]).utf8)
                bytes.append(UInt8(ascii: "\n"))
            }
            try output.emit(Data(bytes))
        }
    }
}
