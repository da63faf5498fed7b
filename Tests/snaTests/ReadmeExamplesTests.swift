import Foundation
import Testing
import Rendering

/// Every command line in the README runs as written (issue 17): the `sna` and `printf` lines of
/// its `sh` blocks, in order, in one scratch folder holding the sample data — as a reader
/// following the README from top to bottom would run them (the store the README creates is
/// the one later lines use). Needs Graphviz (the README renders images).
@Suite("README examples", .serialized)
struct ReadmeExamplesTests {
    /// The runnable lines of the README's `sh` code blocks.
    static func commands() throws -> [(line: Int, command: String)] {
        let text = try String(contentsOf: repoRoot.appendingPathComponent("README.md"), encoding: .utf8)
        var out: [(Int, String)] = []
        var inBlock = false
        for (i, raw) in text.components(separatedBy: "\n").enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("```") { inBlock = !inBlock && line == "```sh"; continue }
            if inBlock && (line.hasPrefix("sna ") || line.hasPrefix("printf ")) { out.append((i + 1, line)) }
        }
        return out
    }

    @Test("the README has examples to run, each on one line")
    func extracted() throws {
        let commands = try Self.commands()
        #expect(commands.count >= 80)
        #expect(commands.allSatisfy { !$0.command.hasSuffix("\\") })
    }

    @Test("every README command line runs as written, in order", .enabled(if: GraphvizRenderer.isAvailable))
    func allRun() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fm = FileManager.default
        try fm.createDirectory(at: dir.appendingPathComponent("Tests/Fixtures"), withIntermediateDirectories: true)
        try fm.createSymbolicLink(at: dir.appendingPathComponent("samples"), withDestinationURL: repoRoot.appendingPathComponent("samples"))
        try fm.createSymbolicLink(at: dir.appendingPathComponent("Tests/Fixtures/phased"), withDestinationURL: repoRoot.appendingPathComponent("Tests/Fixtures/phased"))
        try fm.createSymbolicLink(at: dir.appendingPathComponent("Tests/Fixtures/pole"), withDestinationURL: repoRoot.appendingPathComponent("Tests/Fixtures/pole"))
        let bin = snaBinary().deletingLastPathComponent().path
        var env = ProcessInfo.processInfo.environment
        env["PATH"] = bin + ":" + (env["PATH"] ?? "/usr/bin:/bin")
        env["SNA_STORE"] = nil
        env["SOURCE_DATE_EPOCH"] = "1767225600"
        env["COLUMNS"] = "100"
        for (line, command) in try Self.commands() {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/sh")
            p.arguments = ["-c", command]
            p.currentDirectoryURL = dir
            p.environment = env
            let err = Pipe()
            p.standardOutput = FileHandle.nullDevice
            p.standardError = err
            try p.run()
            let e = err.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            #expect(p.terminationStatus == 0, "README.md:\(line): \(command)\n\(String(decoding: e, as: UTF8.self))")
        }
    }
}
