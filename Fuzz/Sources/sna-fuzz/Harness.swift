import Foundation
import Network
import Screening

// One binary, one harness per run: SNA_FUZZ_TARGET = csv | edges | graphml | gexf | pajek | dl | json | policy | dot.
// Every input must either load or throw a typed error: a trap or crash is a bug.
let target = ProcessInfo.processInfo.environment["SNA_FUZZ_TARGET"] ?? "csv"
let scratch: URL = {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("sna-fuzz-\(getpid())")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}()

public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let data = count == 0 ? Data() : Data(bytes: start, count: count)
    switch target {
    case "csv":
        // In memory, nothing on disk: the reader on bytes, each field checked and decoded, then
        // the bytes as each file of a dataset folder (persons, cases, links, …) and the network
        // built from them. Fast enough for 10^5 executions in minutes.
        if let r = try? CSVReader(data: data, file: "fuzz.csv") {
            try? r.forEachRecord { _ in }
            try? r.forEachRawRecord { rec in
                for i in 0..<r.header.count { try rec.check(i); _ = rec.bytes(i); _ = try rec.string(i) }
            }
        }
        for name in ["persons.csv", "links.csv", "case_persons.csv", "affiliations.csv"] {
            var files = ["persons.csv": Data("id\nP1\nP2\n".utf8)]
            files[name] = data
            if let ds = try? DatasetLoader.loadDataset(files: files, location: "fuzz"), let net = try? NetworkBuilder.build(ds) {
                _ = try? Measures.compute(["degree"], on: net.graph)
                if net.graph.nodeCount <= 64 { _ = try? Measures.compute(["betweenness"], on: net.graph) }
            }
        }
    case "edges":
        // Through files: the dataset loader on a folder and on an edge list, and the straight
        // edge-list path (ids interned from bytes).
        let dir = scratch.appendingPathComponent("ds")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try? data.write(to: dir.appendingPathComponent("persons.csv"))
        if let ds = try? DatasetLoader.load(dir.path) { _ = try? NetworkBuilder.build(ds) }
        let file = scratch.appendingPathComponent("edges.csv")
        try? data.write(to: file)
        if let ds = try? DatasetLoader.load(file.path), let net = try? NetworkBuilder.build(ds) {
            _ = try? Measures.compute(["degree", "betweenness", "closeness"], on: net.graph)
        }
        if let net = try? NetworkBuilder.edgeList(url: file, file: "edges.csv") {
            _ = try? Measures.compute(["degree", "betweenness"], on: net.graph)
        }
    case "graphml", "gexf", "pajek", "dl", "json":
        let ext = ["graphml": "graphml", "gexf": "gexf", "pajek": "net", "dl": "dl", "json": "json"][target]!
        let file = scratch.appendingPathComponent("input.\(ext)")
        try? data.write(to: file)
        if let ds = try? DatasetLoader.load(file.path), let net = try? NetworkBuilder.build(ds) {
            _ = DOTWriter(names: true).write(net)
            _ = InteropWriters.graphML(net, disclosure: Disclosure(names: true, minorNames: true))
        }
    case "policy":
        _ = try? Policy(yaml: String(decoding: data, as: UTF8.self), file: "fuzz.yaml")
    case "dot":
        let s = String(decoding: data, as: UTF8.self)
        let q = DOTWriter.quote(s)
        // The quoted form must be one well-formed DOT string: a quote at each end (checked on
        // bytes: a combining mark may join the opening quote's grapheme), no raw line break,
        // and every inner quote escaped.
        let u = Array(q.utf8)
        precondition(u.first == 0x22 && u.last == 0x22 && !u.contains(0x0A) && !u.contains(0x0D))
        var escaped = false
        for b in u.dropFirst().dropLast() {
            if escaped { escaped = false; continue }
            if b == 0x5C { escaped = true; continue }
            precondition(b != 0x22, "unescaped quote inside a DOT string")
        }
        precondition(!escaped, "DOT string ends in a lone backslash")
        _ = DOTWriter.html(s)
        _ = InteropWriters.xml(s)
    default:
        fatalError("unknown SNA_FUZZ_TARGET \(target)")
    }
    return 0
}

// SwiftPM links executables with `main` pointing at `<module>_main`, which would hide
// libFuzzer's own `main`: hand control to libFuzzer's driver from there.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

@_cdecl("sna_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var c = argc
    var v = argv
    return LLVMFuzzerRunDriver(&c, &v) { data, size in
        guard let data, size > 0 else { return fuzz(UnsafeRawPointer(bitPattern: 1)!, 0) }
        return fuzz(UnsafeRawPointer(data), size)
    }
}

/// libFuzzer's entry point (also what its driver calls).
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return fuzz(UnsafeRawPointer(bitPattern: 1)!, 0) }
    return fuzz(UnsafeRawPointer(data), size)
}
