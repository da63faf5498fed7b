import Foundation
import Network
import Yams

extension Policy {
    /// Reads a YAML policy file: any subset of ``keys``; missing keys keep their defaults.
    /// Errors name the file, the line and the key, and say what was expected.
    public init(yamlFile url: URL, file: String) throws {
        // A policy is a page of keys: a file over 1 MiB is refused before it is read (a sparse
        // 2 GB file took 6 GB before it failed).
        if let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? NSNumber, size.int64Value > 1 << 20 {
            throw InputError(file: file, "is over 1 MiB: not a policy file (a policy is a page of keys; `sna policy` prints one)")
        }
        guard let data = try? Data(contentsOf: url), let text = String(data: data, encoding: .utf8) else {
            throw InputError(file: file, "file not found or not UTF-8 text")
        }
        try self.init(yaml: text, file: file)
    }

    public init(yaml text: String, file: String) throws {
        self.init()
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let e as YamlError {
            throw InputError(file: file, line: Self.line(of: e), "not valid YAML (\(e))")
        }
        guard let root else { return }  // an empty file: all defaults
        guard let mapping = root.mapping else {
            throw InputError(file: file, line: root.mark.map { $0.line }, "expected key: value lines at the top level")
        }
        for (keyNode, node) in mapping {
            guard let name = keyNode.string else { continue }
            let line = keyNode.mark?.line
            guard let key = Self.key(name) else {
                throw InputError(file: file, line: line, field: name, "unknown key (known: \(Self.keys.map(\.name).joined(separator: ", ")))")
            }
            let value: PolicyValue?
            if let seq = node.sequence {
                let items = seq.map { $0.string }
                value = items.contains(where: { $0 == nil }) ? nil : .list(items.map { $0! })
            } else if let s = node.scalar?.string {
                if let i = Int(s) { value = .int(i) }
                else if let d = Double(s), d.isFinite, s.first.map({ $0.isNumber || $0 == "." || $0 == "-" }) == true { value = .number(d) }
                else { value = .string(s) }
            } else {
                value = nil
            }
            guard let value, set(key, value) else {
                throw InputError(file: file, line: line, field: name,
                                 "expected \(key.expected), got \(node.string.map { "'\($0)'" } ?? "a list or mapping")")
            }
        }
    }

    static func line(of e: YamlError) -> Int? {
        switch e {
        case let .scanner(_, _, mark, _), let .parser(_, _, mark, _), let .composer(_, _, mark, _): return mark.line
        default: return nil
        }
    }
}
