import Foundation
import Network
import Yams

extension ColumnMap {
    /// Reads a unit's `columns.yaml`: per file (`persons` or `persons.csv`), our column → their
    /// header, e.g. `persons: {id: personnummer, birth_date: fødselsdato}`. Errors name the file,
    /// the line and the key.
    public init(yamlFile url: URL, file: String) throws {
        if let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? NSNumber, size.int64Value > 1 << 20 {
            throw InputError(file: file, "is over 1 MiB: not a column mapping")
        }
        guard let data = try? Data(contentsOf: url) else { throw InputError(file: file, "file not found") }
        guard let text = String(data: data, encoding: .utf8) else { throw InputError(file: file, "not UTF-8 text") }
        try self.init(yaml: text, file: file)
    }

    public init(yaml text: String, file: String) throws {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let e as YamlError {
            throw InputError(file: file, line: Policy.line(of: e), "not valid YAML (\(e))")
        }
        var entries: [String: [String: String]] = [:]
        if let root {
            guard let files = root.mapping else {
                throw InputError(file: file, line: root.mark?.line, "expected one key per file (persons:, cases:, …) at the top level")
            }
            for (fileNode, columnsNode) in files {
                let raw = fileNode.string ?? ""
                let name = raw.hasSuffix(".csv") ? raw : raw + ".csv"
                guard let ours = Self.columns[name] else {
                    throw InputError(file: file, line: fileNode.mark?.line, field: raw,
                                     "unknown file (known: \(Self.columns.keys.sorted().map { $0.replacingOccurrences(of: ".csv", with: "") }.joined(separator: ", ")))")
                }
                guard let mapping = columnsNode.mapping else {
                    throw InputError(file: file, line: columnsNode.mark?.line, field: raw, "expected our column: their header lines")
                }
                for (k, v) in mapping {
                    let column = k.string ?? ""
                    guard ours.contains(column) else {
                        throw InputError(file: file, line: k.mark?.line, field: column, "not a column of \(name) (columns: \(ours.joined(separator: ", ")))")
                    }
                    guard let header = v.scalar?.string, !header.trimmingCharacters(in: .whitespaces).isEmpty else {
                        throw InputError(file: file, line: k.mark?.line, field: column, "expected the header your file uses for it")
                    }
                    entries[name, default: [:]][column] = header
                }
            }
        }
        self.init(entries: entries, source: file)
    }

    /// The mapping as YAML (what a store keeps with a pull), keys sorted.
    public var yaml: String {
        var out = ""
        for name in entries.keys.sorted() {
            out += "\(name.replacingOccurrences(of: ".csv", with: "")):\n"
            for (ours, theirs) in entries[name]!.sorted(by: { $0.key < $1.key }) {
                out += "  \(ours): \"\(theirs.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\""))\"\n"
            }
        }
        return out
    }
}
