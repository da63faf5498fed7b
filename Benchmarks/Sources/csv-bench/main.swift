import Dispatch
import Foundation
import Network

// Parses FILE (a CSV with a header) with both readers, touching every field, and prints the
// median of 5 runs for each, plus what each reports for a broken file.
let path = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "/tmp/sna-bench/ba100k.csv"

func time(_ body: () throws -> Int) rethrows -> (Double, Int) {
    let t0 = DispatchTime.now().uptimeNanoseconds
    let n = try body()
    return (Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9, n)
}

func ours() throws -> Int {
    let r = try CSVReader(url: URL(fileURLWithPath: path), file: path)
    var bytes = 0
    try r.forEachRecord { rec in for f in rec.fields { bytes &+= f.utf8.count } }
    return bytes
}

var a: [Double] = [], b: [Double] = []
var checkA = 0, checkB = 0
for _ in 0..<5 {
    let (ta, na) = try time(ours); a.append(ta); checkA = na
    let (tb, nb) = try time(theirs); b.append(tb); checkB = nb
}
a.sort(); b.sort()
print("file: \(path)")
print(String(format: "sna CSVReader:   median %.3f s (field bytes %d)", a[2], checkA))
print(String(format: "yaslab/CSV.swift median %.3f s (field bytes %d)", b[2], checkB))
print(String(format: "ratio sna/CSV.swift: %.2fx", a[2] / b[2]))

// Error reporting on a broken file: an unclosed quote on line 3.
let broken = FileManager.default.temporaryDirectory.appendingPathComponent("broken.csv")
try "id,name\nP1,Bo\nP2,\"Al\nP3,Cy\n".write(to: broken, atomically: true, encoding: .utf8)
do {
    let r = try CSVReader(url: broken, file: "broken.csv")
    try r.forEachRecord { _ in }
} catch { print("sna on a broken file: \(error)") }
print("CSV.swift on a broken file: \(theirsOnBroken(broken))")
