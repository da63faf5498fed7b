import ArgumentParser
import Foundation
import Network

/// The developers' tool: seeded random graphs and timed workloads for benchmarks
/// (`scripts/bench-peers` drives it). Not part of the analysts' `sna`.
@main
struct SnaBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snabench",
        abstract: "Benchmark workloads and seeded random graphs for sna's developers.",
        discussion: """
        Examples:
          snabench sample --model ba --n 10000 --m 5 --seed 42 -o ba10k.csv
          snabench bench ba10k.csv --workloads load,betweenness,closeness
        """,
        subcommands: [Sample.self, Bench.self]
    )
}

/// Where results go: stdout, or a file written atomically.
struct OutputOptions: ParsableArguments {
    @Option(name: [.short, .long], help: ArgumentHelp("Write the result to this file (atomically) instead of stdout.", valueName: "file"))
    var output: String?

    func emit(_ data: Data) throws {
        if let output { try AtomicFile.write(data, to: output) } else { FileHandle.standardOutput.write(data) }
    }
}

struct Failure: Error, CustomStringConvertible {
    var description: String
}

/// Runs a command body, turning library errors into one `error:` line on stderr and exit 1.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let e as CustomStringConvertible where e is InputError || e is MeasureError || e is AtomicFile.Error || e is Failure {
        FileHandle.standardError.write(Data("error: \(e.description)\n".utf8))
        throw ExitCode.failure
    }
}

func note(_ message: String) {
    FileHandle.standardError.write(Data("\(message)\n".utf8))
}
