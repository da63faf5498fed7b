import Foundation

/// A temporary dataset folder with the given files, removed by the caller via `cleanup()`.
struct TempDataset {
    let url: URL
    init(_ files: [String: String]) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("sna-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, text) in files.sorted(by: { $0.key < $1.key }) {
            try Data(text.utf8).write(to: url.appendingPathComponent(name))
        }
    }
    var path: String { url.path }
    func cleanup() { try? FileManager.default.removeItem(at: url) }
}
