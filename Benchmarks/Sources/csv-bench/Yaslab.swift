import CSV
import Foundation

// Kept apart from main.swift: both modules name a type CSVReader.
func theirs() throws -> Int {
    guard let stream = InputStream(fileAtPath: path) else { return -1 }
    stream.open()
    defer { stream.close() }
    let r = try CSVReader(stream: stream, hasHeaderRow: true)
    var bytes = 0
    while let row = r.next() { for f in row { bytes &+= f.utf8.count } }
    // CSV.swift 2.5 reports `cannotReadFile` when the stream simply ends; only other errors count.
    if let e = r.error, "\(e)" != "cannotReadFile" { throw e }
    return bytes
}

func theirsOnBroken(_ url: URL) -> String {
    guard let s = InputStream(url: url) else { return "cannot open" }
    do {
        let r = try CSVReader(stream: s, hasHeaderRow: true)
        var rows = 0
        while r.next() != nil { rows += 1 }
        return r.error.map { "\($0)" } ?? "no error, \(rows) rows"
    } catch { return "\(error)" }
}
