import Foundation
import Testing
@testable import Network

/// The repository's `Tests/Fixtures` folder (copied reference data; see its README).
let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

func fixture(_ path: String) -> String { fixtures.appendingPathComponent(path).path }

/// `abs(a-b) <= max(absFloor, rel*abs(b))`: the golden README's check for exact measures.
func close(_ a: Double, _ b: Double, rel: Double = 1e-9, absFloor: Double = 1e-12) -> Bool {
    abs(a - b) <= max(absFloor, rel * abs(b))
}

func readJSON(_ path: String) throws -> [String: Any] {
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    return try JSONSerialization.jsonObject(with: data) as! [String: Any]
}

/// A temporary dataset folder with the given files, removed by the caller via `cleanup()`.
struct TempDataset {
    let url: URL
    init(_ files: [String: String]) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("sna-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, text) in files {
            try Data(text.utf8).write(to: url.appendingPathComponent(name))
        }
    }
    init(bytes files: [String: [UInt8]]) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("sna-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, bytes) in files {
            try Data(bytes).write(to: url.appendingPathComponent(name))
        }
    }
    var path: String { url.path }
    func cleanup() { try? FileManager.default.removeItem(at: url) }
}

/// Loads `path` expecting an `InputError`, and returns it.
func loadError(_ path: String, options: BuildOptions = BuildOptions()) -> InputError? {
    do {
        let ds = try DatasetLoader.load(path)
        _ = try NetworkBuilder.build(ds, options: options)
        return nil
    } catch let e as InputError {
        return e
    } catch {
        Issue.record("expected InputError, got \(error)")
        return nil
    }
}

/// Runs `script` with python3 (its networkx import guarded: exit 3 when networkx is missing)
/// on `args`; the exit status.
func runPython(_ script: String, _ args: [String]) throws -> Int32 {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["python3", "-c", script] + args
    try p.run()
    p.waitUntilExit()
    return p.terminationStatus
}
