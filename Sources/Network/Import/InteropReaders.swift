import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Readers for GraphML, GEXF, Pajek `.net`, UCINET DL and node-link JSON files; the result is a
/// ``Dataset`` like any other, so every command reads them.
public enum InteropReaders {
    // MARK: GraphML

    /// Reads GraphML (typed `<key>`s; node data become person attributes — `name`,
    /// `birth_date`, `municipality`, `district`, `status` and `subject_category` map onto the
    /// person fields; edge `weight` is the weight, edge `type`/`relation`/`label` the link type).
    /// External entities are never resolved; libxml2's entity-expansion limits stay on.
    public static func graphML(url: URL, file: String) throws -> Dataset {
        let d = GraphMLDelegate(file: file)
        try parseXML(url: url, file: file, delegate: d)
        guard d.sawGraph else { throw InputError(file: file, "no <graph> element (is this GraphML?)") }
        return try dataset(nodes: d.nodes, edges: d.edges, directed: d.directed, file: file, layout: .graphML)
    }

    /// Reads GEXF 1.2/1.3 (Gephi): nodes with `label` (a label other than the id becomes the
    /// name) and `<attvalues>` mapped through the `<attributes class="node">` titles onto the
    /// person fields as for GraphML; edges with `weight`, and the `type` attribute (or the
    /// edge `label`) as the link type; `defaultedgetype` or an edge's `type="directed"` makes
    /// the graph directed. Visual attributes and dynamics are ignored.
    public static func gexf(url: URL, file: String) throws -> Dataset {
        let d = GEXFDelegate(file: file)
        try parseXML(url: url, file: file, delegate: d)
        guard d.sawGraph else { throw InputError(file: file, "no <graph> element (is this GEXF?)") }
        return try dataset(nodes: d.nodes, edges: d.edges, directed: d.directed, file: file, layout: .gexf)
    }

    /// Runs Foundation's XML parser with our guards: UTF-8 checked first, no external
    /// entities, end tags checked against the open elements.
    static func parseXML(url: URL, file: String, delegate: GraphXMLDelegate) throws {
        guard let data = try? Data(contentsOf: url, options: .alwaysMapped) else { throw InputError(file: file, "cannot read the file") }
        try checkXMLEncoding(data, file: file)
        // Streamed in chunks: libxml2 refuses a single chunk over 10 MB ("huge input lookup").
        let parser = XMLParser(stream: InputStream(data: data))
        parser.delegate = delegate
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = false
        if !parser.parse() {
            if let e = delegate.error { throw e }
            let line = parser.lineNumber, column = parser.columnNumber
            let code = (parser.parserError as NSError?)?.code ?? 0
            throw InputError(file: file, line: line > 0 ? line : nil,
                             "not well-formed XML: \(xmlProblem(code))\(column > 0 ? " (column \(column))" : "")")
        }
        if let e = delegate.error { throw e }
        if let unclosed = delegate.open.last {
            throw InputError(file: file, line: unclosed.line, "not well-formed XML: <\(unclosed.name)> is never closed")
        }
    }

    /// Persons and links from parsed nodes and edges (GraphML, GEXF).
    static func dataset(nodes: [(String, [(String, String)], Int)], edges: [(String, String, Double, String?, Int)],
                        directed: Bool, file: String, layout: Dataset.Layout) throws -> Dataset {
        var persons: [Person] = []
        for (id, attrs, line) in nodes {
            var p = Person(id: id, source: SourceRow(file: file, line: line))
            for (k, v) in attrs where k != "kind" {
                try p.set(k, v, file: file, line: line)
            }
            persons.append(p)
        }
        guard !persons.isEmpty else { throw InputError(file: file, "no nodes") }
        var ds = Dataset(location: file, layout: layout, persons: persons)
        var links = LinkTable(file: file, personIDs: persons.map(\.id))
        for (s, t, w, type, line) in edges {
            guard let a = ds.personIndex[s] else { throw InputError(file: file, line: line, field: "source", "unknown node '\(s)'") }
            guard let b = ds.personIndex[t] else { throw InputError(file: file, line: line, field: "target", "unknown node '\(t)'") }
            links.append(source: Int32(a), target: Int32(b), type: type ?? "link", weight: w, line: line)
        }
        ds.links = links
        ds.declaredDirected = directed
        return ds
    }

    /// XML must be UTF-8 (or declare US-ASCII or ISO-8859-1); it is checked here, naming the
    /// line, because Foundation's parser traps on invalid bytes in names instead of reporting
    /// them, and on processing instructions without a target or data (both found by fuzzing).
    static func checkXMLEncoding(_ data: Data, file: String) throws {
        var checkUTF8 = true
        if data.starts(with: [0xFE, 0xFF]) || data.starts(with: [0xFF, 0xFE]) {
            throw InputError(file: file, line: 1, "UTF-16 is not supported: save the file as UTF-8")
        }
        let head = data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data[...]
        if head.starts(with: Array("<?xml".utf8)) {
            let prefix = Array(head.prefix(400))
            var end = 0
            while end + 1 < prefix.count, !(prefix[end] == 0x3F && prefix[end + 1] == 0x3E) { end += 1 }
            let decl = String(decoding: prefix[..<end], as: UTF8.self)
            if let r = decl.range(of: #"encoding\s*=\s*["']([^"']*)["']"#, options: .regularExpression) {
                let enc = decl[r].split(whereSeparator: { $0 == "\"" || $0 == "'" }).dropFirst().first.map { $0.lowercased() } ?? ""
                switch enc {
                case "utf-8", "utf8", "us-ascii", "ascii": break
                case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "iso-latin-1", "l1": checkUTF8 = false   // every byte is a character
                default:
                    throw InputError(file: file, line: 1, "unsupported encoding '\(enc)': save the file as UTF-8 (or ISO-8859-1)")
                }
            }
        }
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            var line = 1, i = 0
            let n = bytes.count
            while i < n {
                let b = bytes[i]
                if b == 0 { throw InputError(file: file, line: line, "NUL byte: not a text file") }
                // A processing instruction needs a target and data (`<?target data?>`):
                // Foundation's parser dereferences the missing data of `<?target?>`.
                if b == 0x3C, i + 1 < n, bytes[i + 1] == 0x3F {
                    var j = i + 2
                    while j < n, !isSpace(bytes[j]), bytes[j] != 0x3F { j += 1 }
                    let hasTarget = j > i + 2
                    while j < n, isSpace(bytes[j]) { j += 1 }
                    if !hasTarget || j >= n || bytes[j] == 0x3F {
                        throw InputError(file: file, line: line, "processing instruction without a target or data (<?target data?>) is not supported")
                    }
                }
                if b < 0x80 || !checkUTF8 { if b == 0x0A { line += 1 }; i += 1; continue }
                let len: Int, minScalar: UInt32
                switch b {
                case 0xC2...0xDF: len = 2; minScalar = 0x80
                case 0xE0...0xEF: len = 3; minScalar = 0x800
                case 0xF0...0xF4: len = 4; minScalar = 0x10000
                default: throw InputError(file: file, line: line, "invalid UTF-8 byte 0x\(String(b, radix: 16)) (declare the file's encoding in <?xml ... encoding=\"...\"?>)")
                }
                guard i + len <= n else { throw InputError(file: file, line: line, "truncated UTF-8 sequence at the end of the file") }
                var scalar = UInt32(b) & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07)
                for k in 1..<len {
                    let c = bytes[i + k]
                    guard c & 0xC0 == 0x80 else { throw InputError(file: file, line: line, "invalid UTF-8 sequence (declare the file's encoding in <?xml ... encoding=\"...\"?>)") }
                    scalar = scalar << 6 | UInt32(c & 0x3F)
                }
                guard scalar >= minScalar, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar) else {
                    throw InputError(file: file, line: line, "invalid UTF-8 sequence (overlong or surrogate)")
                }
                i += len
            }
        }
    }

    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    /// What the GraphML and GEXF readers share: the nodes and edges read so far, the first
    /// error, and the open elements (nesting is capped at 64 and every end tag must close the
    /// element it names, rather than trusting the parser's recovery).
    class GraphXMLDelegate: NSObject, XMLParserDelegate {
        let file: String
        var error: InputError?
        var nodes: [(String, [(String, String)], Int)] = []
        var edges: [(String, String, Double, String?, Int)] = []
        var seenNodes = Set<String>()
        var directed = false
        var sawGraph = false
        var open: [(name: String, line: Int)] = []
        var inNode: (id: String, attrs: [(String, String)], line: Int)?
        var inEdge: (s: String, t: String, w: Double, type: String?, line: Int)?

        init(file: String) { self.file = file }

        func fail(_ parser: XMLParser, _ field: String?, _ message: String) {
            if error == nil { error = InputError(file: file, line: parser.lineNumber, field: field, message) }
            parser.abortParsing()
        }

        /// Pushes an element; false (and the parse aborted) when nested too deep.
        func enter(_ parser: XMLParser, _ name: String) -> Bool {
            if open.count >= 64 { fail(parser, nil, "elements nested more than 64 deep"); return false }
            open.append((name, parser.lineNumber))
            return true
        }

        /// Starts a node from its `id` attribute; false (and the parse aborted) when it has none
        /// or repeats one.
        func startNode(_ parser: XMLParser, _ a: [String: String], attrs: [(String, String)] = []) -> Bool {
            guard let id = a["id"], !id.isEmpty else { fail(parser, "id", "node without an id"); return false }
            if !seenNodes.insert(id).inserted { fail(parser, "id", "duplicate node id '\(id)'"); return false }
            inNode = (id, attrs, parser.lineNumber)
            return true
        }

        // The delegate methods live here and the readers override them: on Linux the parser
        // reaches a delegate through its conformance, which only sees this class's methods.
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes a: [String: String] = [:]) {
            _ = enter(parser, name)
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            _ = leave(parser, name)
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {}

        /// Pops an element, keeping a finished node or edge; false (and the parse aborted)
        /// when the end tag does not close the innermost open element.
        func leave(_ parser: XMLParser, _ name: String) -> Bool {
            guard let top = open.popLast(), top.name == name else {
                fail(parser, nil, "not well-formed XML: </\(name)> does not close <\(open.last?.name ?? "")>")
                return false
            }
            switch name {
            case "node":
                if let n = inNode { nodes.append((n.id, n.attrs, n.line)) }
                inNode = nil
            case "edge":
                if let e = inEdge { edges.append((e.s, e.t, e.w, e.type, e.line)) }
                inEdge = nil
            default: break
            }
            return true
        }
    }

    final class GraphMLDelegate: GraphXMLDelegate {
        var keys: [String: (name: String, domain: String)] = [:]
        var dataKey: String?
        var text = ""

        override func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes a: [String: String] = [:]) {
            guard enter(parser, name) else { return }
            switch name {
            case "key":
                if let id = a["id"] { keys[id] = (a["attr.name"] ?? id, a["for"] ?? "all") }
            case "graph":
                if sawGraph { return }  // nested graphs are flattened
                sawGraph = true
                directed = a["edgedefault"] == "directed"
            case "node":
                _ = startNode(parser, a)
            case "edge":
                guard let s = a["source"], let t = a["target"] else { fail(parser, "source", "edge without source or target"); return }
                if a["directed"] == "true" { directed = true }
                inEdge = (s, t, 1, nil, parser.lineNumber)
            case "data":
                dataKey = a["key"]
                text = ""
            default: break
            }
        }

        override func parser(_ parser: XMLParser, foundCharacters string: String) {
            if dataKey != nil {
                if text.utf8.count + string.utf8.count > 1 << 20 { fail(parser, dataKey, "a data value over 1 MB"); return }
                text += string
            }
        }

        override func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "data", let k = dataKey {
                // Before `leave`, which finishes nodes and edges, not data.
                let keyName = keys[k]?.name ?? k
                let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
                if inEdge != nil {
                    switch keyName {
                    case "weight":
                        guard let w = StrictNumber.parse(value) else { fail(parser, "weight", "'\(value)' is not a number"); return }
                        inEdge!.w = w
                    case "type", "relation", "label": inEdge!.type = value.isEmpty ? nil : value
                    default: break
                    }
                } else if inNode != nil, !value.isEmpty {
                    inNode!.attrs.append((keyName, value))
                }
                dataKey = nil
            }
            _ = leave(parser, name)
        }
    }

    final class GEXFDelegate: GraphXMLDelegate {
        var nodeAttributes: [String: String] = [:]   // id → title
        var edgeAttributes: [String: String] = [:]
        var attributeClass = ""

        override func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes a: [String: String] = [:]) {
            guard enter(parser, name) else { return }
            switch name {
            case "graph":
                if sawGraph { return }
                sawGraph = true
                directed = a["defaultedgetype"] == "directed"
            case "attributes":
                attributeClass = a["class"] ?? "node"
            case "attribute":
                guard let id = a["id"] else { fail(parser, "id", "attribute without an id"); return }
                let title = a["title"] ?? id
                if attributeClass == "edge" { edgeAttributes[id] = title } else { nodeAttributes[id] = title }
            case "node":
                let label = a["label"].flatMap { $0.isEmpty || $0 == a["id"] ? nil : $0 }
                _ = startNode(parser, a, attrs: label.map { [("name", $0)] } ?? [])
            case "edge":
                guard let s = a["source"], let t = a["target"] else { fail(parser, "source", "edge without source or target"); return }
                var w = 1.0
                if let x = a["weight"] {
                    guard let v = StrictNumber.parse(x) else { fail(parser, "weight", "'\(x)' is not a number"); return }
                    w = v
                }
                // GEXF's `type` is directed/undirected/mutual; networkx writes an edge attribute
                // named "type" there too, so any other value is read as the link type.
                var linkType = a["label"].flatMap { $0.isEmpty ? nil : $0 }
                switch a["type"] {
                case "directed": directed = true
                case nil, "undirected", "mutual": break
                case let other?: if !other.isEmpty { linkType = other }
                }
                inEdge = (s, t, w, linkType, parser.lineNumber)
            case "attvalue":
                guard let key = a["for"] ?? a["id"], let value = a["value"] else { return }
                if inEdge != nil {
                    if (edgeAttributes[key] ?? key) == "type", !value.isEmpty { inEdge!.type = value }
                } else if inNode != nil, !value.isEmpty {
                    let title = nodeAttributes[key] ?? key
                    if title == "name" { inNode!.attrs.removeAll { $0.0 == "name" } }
                    inNode!.attrs.append((title, value))
                }
            default: break
            }
        }

    }

    // MARK: Pajek

    /// Reads Pajek `.net`: `*Vertices n` (ids from the quoted labels, else the numbers),
    /// `*Edges`, `*Arcs` (any arcs make the graph directed; edges then count both ways),
    /// `*Edgeslist`/`*Arcslist`, and relation names from `*Arcs :k "name"`.
    public static func pajek(url: URL, file: String) throws -> Dataset {
        guard let data = try? Data(contentsOf: url, options: .alwaysMapped) else { throw InputError(file: file, "file not found") }
        guard let text = String(data: data, encoding: .utf8) ?? String(data: data, encoding: .isoLatin1) else {
            throw InputError(file: file, "cannot be read as text")
        }
        // Vertices are numbered 1...count; only the labels the file gives are kept while
        // reading, so a declared count allocates nothing ahead of what has been read.
        var count: Int?
        var named: [Int: String] = [:]
        var section = ""
        var relation: String?
        var rows: [(Int, Int, Double, String?, Int, Bool)] = []  // (a, b, w, type, line, arc)
        var anyArcs = false
        for (i, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).enumerated() {
            let line = i + 1
            let l = raw.trimmingCharacters(in: .whitespaces)
            if l.isEmpty || l.hasPrefix("%") { continue }
            if l.hasPrefix("*") {
                let parts = l.split(separator: " ", maxSplits: 2)
                section = parts[0].lowercased()
                relation = nil
                if section == "*vertices" {
                    // One vertex list per file: a second one would renumber the edges read so far.
                    if count != nil {
                        throw InputError(file: file, line: line, "a second *Vertices section: a Pajek network has one vertex list")
                    }
                    guard parts.count >= 2, let n = Int(parts[1]), n >= 0 else {
                        throw InputError(file: file, line: line, "*Vertices needs a count")
                    }
                    try checkDeclaredCount(n, bytes: data.count, file: file, line: line, what: "*Vertices")
                    count = n
                    named = [:]
                } else if parts.count >= 2, parts[1].hasPrefix(":") {
                    relation = parts.count == 3 ? parts[2].trimmingCharacters(in: CharacterSet(charactersIn: "\" ")) : String(parts[1].dropFirst())
                }
                if section.hasPrefix("*arcs") { anyArcs = true }
                continue
            }
            func index(_ tok: Substring) throws -> Int {
                guard let count, count > 0 else { throw InputError(file: file, line: line, "no *Vertices section before this line") }
                guard let k = Int(tok), k >= 1, k <= count else {
                    throw InputError(file: file, line: line, "vertex '\(tok)' is not between 1 and \(count)")
                }
                return k - 1
            }
            switch section {
            case "*vertices":
                let tokens = l.split(separator: " ", maxSplits: 1)
                let k = try index(tokens[0])
                if tokens.count > 1 {
                    let rest = tokens[1].trimmingCharacters(in: .whitespaces)
                    if rest.hasPrefix("\""), let end = rest.dropFirst().firstIndex(of: "\"") {
                        named[k] = String(rest[rest.index(after: rest.startIndex)..<end])
                    } else if let first = rest.split(separator: " ").first {
                        named[k] = String(first)
                    }
                }
            case "*edges", "*arcs":
                let t = l.split(separator: " ", omittingEmptySubsequences: true)
                guard t.count >= 2 else { throw InputError(file: file, line: line, "an edge needs two vertices") }
                var w = 1.0
                if t.count >= 3 {
                    guard let x = StrictNumber.parse(t[2]) else { throw InputError(file: file, line: line, field: "weight", "'\(t[2])' is not a number") }
                    w = x
                }
                // An edge label (`l "kind"`, as sna and igraph write it) is the tie's kind.
                var kind = relation
                if let r = l.range(of: #"\sl\s+"([^"]*)""#, options: .regularExpression) {
                    let quoted = l[r].drop { $0 != "\"" }.dropFirst().dropLast()
                    if !quoted.isEmpty { kind = String(quoted) }
                }
                rows.append((try index(t[0]), try index(t[1]), w, kind, line, section == "*arcs"))
            case "*edgeslist", "*arcslist":
                let t = l.split(whereSeparator: { $0 == " " || $0 == "\t" })
                guard let head = t.first else { continue }
                let a = try index(head)
                for x in t.dropFirst() { rows.append((a, try index(x), 1, relation, line, section == "*arcslist")) }
                if section == "*arcslist" { anyArcs = true }
            default:
                continue
            }
        }
        guard let count, count > 0 else { throw InputError(file: file, "no *Vertices section") }
        let labels = (0..<count).map { named[$0] ?? String($0 + 1) }
        var seen = Set<String>()
        for (i, l) in labels.enumerated() where !seen.insert(l).inserted {
            throw InputError(file: file, field: "label", "vertex \(i + 1) repeats the label '\(l)'")
        }
        let persons = labels.map { Person(id: $0, source: SourceRow(file: file, line: 0)) }
        var ds = Dataset(location: file, layout: .pajek, persons: persons)
        var links = LinkTable(file: file, personIDs: labels)
        for (a, b, w, type, line, arc) in rows {
            links.append(source: Int32(a), target: Int32(b), type: type ?? "link", weight: w, line: line)
            if anyArcs && !arc && a != b { links.append(source: Int32(b), target: Int32(a), type: type ?? "link", weight: w, line: line) }
        }
        ds.links = links
        ds.declaredDirected = anyArcs
        return ds
    }
}

extension InteropReaders {
    /// libxml2's parser error codes (`xmlerror.h`, `xmlParserErrors`) in words; a code not
    /// listed keeps its number so it can be looked up.
    static func xmlProblem(_ code: Int) -> String {
        let words: [Int: String] = [
            4: "the document is empty", 5: "extra content after the end of the document",
            9: "a character that XML does not allow", 22: "an entity reference without a name",
            23: "an entity reference without its closing ';'", 26: "an entity that is not declared",
            31: "an unknown encoding", 32: "an unsupported encoding", 33: "a quoted value does not start",
            34: "a quoted value is never closed", 38: "'<' inside an attribute value",
            39: "an attribute value without quotes", 40: "an attribute value is never closed",
            41: "an attribute without a value", 42: "an attribute given twice",
            45: "a comment is never closed", 46: "a processing instruction does not start",
            47: "a processing instruction is never closed", 61: "the DOCTYPE is never closed",
            63: "a CDATA section is never closed", 65: "a space is missing", 68: "a name is missing (after '<' or '</')",
            72: "'<' expected", 73: "'>' expected", 74: "'</' expected", 75: "'=' expected after an attribute name",
            76: "an end tag does not match its start tag", 77: "a start tag is never closed (the file ends inside an element)",
            80: "'--' inside a comment", 81: "bytes that are not valid in the declared encoding",
            85: "the elements are not well balanced", 86: "extra content at the end of the document",
            89: "an entity refers to itself (an entity loop)", 96: "the XML declaration has no version",
        ]
        return words[code] ?? "a syntax error (libxml2 error \(code))"
    }

    /// A count declared in a header (Pajek `*Vertices n`, DL `n=`) may not exceed what the file
    /// could describe: one node per byte, plus 1,000 for isolated nodes a short file declares.
    /// A 20-byte file declaring 50 million vertices is an error naming its line, not 6.8 GB.
    static func checkDeclaredCount(_ n: Int, bytes: Int, file: String, line: Int, what: String) throws {
        let most = bytes + 1_000
        guard n <= most else {
            throw InputError(file: file, line: line, field: what.trimmingCharacters(in: CharacterSet(charactersIn: "*=")).lowercased(),
                             "\(what) \(n) declares more nodes than this \(bytes)-byte file can describe (at most \(most))")
        }
    }

    /// Reads UCINET DL: `n=`, `format = edgelist1 | nodelist1 | fullmatrix` (default fullmatrix),
    /// `labels:` (comma- or space-separated, possibly over several lines) or `labels embedded`,
    /// then `data:`. A full matrix that is not symmetric makes the graph directed; edge and node
    /// lists are undirected unless `--directed` is given.
    public static func ucinetDL(url: URL, file: String) throws -> Dataset {
        guard let data = try? Data(contentsOf: url), let text = String(data: data, encoding: .utf8) ?? String(data: data, encoding: .isoLatin1) else {
            throw InputError(file: file, "file not found or not text")
        }
        var n = 0
        var format = "fullmatrix"
        var labels: [String] = []
        var embedded = false
        var mode = "header"
        var dataLines: [(String, Int)] = []
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
        for (i, raw) in lines.enumerated() {
            let line = i + 1
            var l = raw.trimmingCharacters(in: .whitespaces)
            if l.isEmpty { continue }
            let lower = l.lowercased()
            if mode != "data" {
                if lower.hasPrefix("data:") { mode = "data"; l = String(l.dropFirst(5)).trimmingCharacters(in: .whitespaces); if l.isEmpty { continue } }
                else if lower.hasPrefix("labels embedded") { embedded = true; continue }
                else if lower.hasPrefix("labels:") || lower.hasPrefix("row labels:") {
                    mode = "labels"
                    l = String(l[l.index(after: l.firstIndex(of: ":")!)...]).trimmingCharacters(in: .whitespaces)
                    if l.isEmpty { continue }
                } else if mode == "header" || lower.contains("=") || lower.hasPrefix("dl") {
                    // Header: "dl n=5 format=edgelist1" possibly over several lines.
                    let normalized = lower.replacingOccurrences(of: " = ", with: "=").replacingOccurrences(of: "= ", with: "=").replacingOccurrences(of: " =", with: "=")
                    for tok in normalized.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" }) {
                        let kv = tok.split(separator: "=", maxSplits: 1)
                        guard kv.count == 2 else { continue }
                        switch kv[0] {
                        case "n", "nr", "nc":
                            guard let v = Int(kv[1]), v > 0 else { throw InputError(file: file, line: line, field: "n", "'\(kv[1])' is not a node count") }
                            try checkDeclaredCount(v, bytes: data.count, file: file, line: line, what: "n=")
                            n = max(n, v)
                        case "format": format = String(kv[1])
                        default: break
                        }
                    }
                    continue
                }
                if mode == "labels" {
                    labels += l.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" }).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }.filter { !$0.isEmpty }
                    continue
                }
            }
            dataLines.append((l, line))
        }
        guard n > 0 || embedded else { throw InputError(file: file, line: 1, field: "n", "missing n= (the number of nodes)") }
        if labels.isEmpty && !embedded { labels = (1...n).map(String.init) }
        if !labels.isEmpty && labels.count != n && n > 0 {
            throw InputError(file: file, field: "labels", "\(labels.count) labels for n=\(n)")
        }
        var index: [String: Int] = [:]
        for (i, l) in labels.enumerated() { index[l] = i }
        func node(_ tok: Substring, _ line: Int) throws -> Int {
            let t = String(tok).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            if let i = index[t] { return i }
            if embedded {
                labels.append(t); index[t] = labels.count - 1
                return labels.count - 1
            }
            if let k = Int(t), k >= 1, k <= labels.count { return k - 1 }
            throw InputError(file: file, line: line, "unknown node '\(t)'")
        }
        var rows: [(Int, Int, Double, Int)] = []
        var directed = false
        switch format {
        case "edgelist1", "edgelist":
            for (l, line) in dataLines {
                let t = l.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," })
                guard t.count >= 2 else { throw InputError(file: file, line: line, "an edge needs two nodes") }
                var w = 1.0
                if t.count >= 3 { guard let x = StrictNumber.parse(t[2]) else { throw InputError(file: file, line: line, field: "weight", "'\(t[2])' is not a number") }; w = x }
                rows.append((try node(t[0], line), try node(t[1], line), w, line))
            }
        case "nodelist1", "nodelist":
            for (l, line) in dataLines {
                let t = l.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," })
                guard let head = t.first else { throw InputError(file: file, line: line, "a node list line needs a node") }
                let a = try node(head, line)
                for x in t.dropFirst() { rows.append((a, try node(x, line), 1, line)) }
            }
        case "fullmatrix", "fm":
            var r = 0
            var matrix: [[Double]] = []
            for (l, line) in dataLines {
                var t = l.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," })
                if embedded && matrix.isEmpty && labels.isEmpty {
                    labels = t.map(String.init); for (i, x) in labels.enumerated() { index[x] = i }; continue
                }
                if embedded, let first = t.first, StrictNumber.parse(first) == nil { t.removeFirst() }
                guard t.count == labels.count else {
                    throw InputError(file: file, line: line, "matrix row \(r + 1) has \(t.count) values, expected \(labels.count)")
                }
                matrix.append(try t.map { tok in
                    guard let x = StrictNumber.parse(tok) else { throw InputError(file: file, line: line, "'\(tok)' is not a number") }
                    return x
                })
                r += 1
            }
            guard matrix.count == labels.count else { throw InputError(file: file, "\(matrix.count) matrix rows, expected \(labels.count)") }
            for i in 0..<labels.count { for j in 0..<labels.count where matrix[i][j] != matrix[j][i] { directed = true } }
            for i in 0..<labels.count {
                for j in 0..<labels.count where matrix[i][j] != 0 && (directed || j >= i) {
                    rows.append((i, j, matrix[i][j], dataLines[i].1))
                }
            }
        default:
            throw InputError(file: file, field: "format", "unsupported DL format '\(format)' (edgelist1, nodelist1 or fullmatrix)")
        }
        var seenLabels = Set<String>()
        for l in labels where !seenLabels.insert(l).inserted {
            throw InputError(file: file, field: "labels", "the label '\(l)' is given twice (each node needs its own label)")
        }
        let persons = labels.map { Person(id: $0, source: SourceRow(file: file, line: 0)) }
        var ds = Dataset(location: file, layout: .ucinetDL, persons: persons)
        var links = LinkTable(file: file, personIDs: labels)
        for (a, b, w, line) in rows { links.append(source: Int32(a), target: Int32(b), type: "link", weight: w, line: line) }
        ds.links = links
        ds.declaredDirected = directed
        return ds
    }
}

extension InteropReaders {
    /// Reads node-link JSON in networkx's layout (`node_link_data`, with `links` or `edges`):
    /// node attributes become person attributes, link `weight`/`type` the tie's weight and type.
    public static func nodeLinkJSON(url: URL, file: String) throws -> Dataset {
        guard let data = try? Data(contentsOf: url) else { throw InputError(file: file, "file not found") }
        if let p = JSONSyntax.check(data) {
            throw InputError(file: file, line: p.line, "not valid JSON: \(p.message) (column \(p.column))")
        }
        let any: Any
        do { any = try JSONSerialization.jsonObject(with: data) } catch {
            throw InputError(file: file, "not valid JSON (\(error.localizedDescription))")
        }
        guard let obj = any as? [String: Any], let nodes = obj["nodes"] as? [[String: Any]] else {
            throw InputError(file: file, field: "nodes", "expected an object with a \"nodes\" list (networkx node-link data)")
        }
        /// JSON's true and false arrive as NSNumber too; they are not ids or weights.
        func isBool(_ n: NSNumber) -> Bool { String(cString: n.objCType) == "c" }
        func text(_ x: Any?) -> String? {
            switch x {
            case let s as String: return s
            case let n as NSNumber where !isBool(n): return n.stringValue
            default: return nil
            }
        }
        var persons: [Person] = []
        for (i, node) in nodes.enumerated() {
            guard let id = text(node["id"]), !id.isEmpty else { throw InputError(file: file, field: "nodes[\(i)].id", "missing id (a string or a number)") }
            // Capped like a CSV field: an id is a short name, not a payload.
            guard id.utf8.count <= 1 << 20 else {
                throw InputError(file: file, field: "nodes[\(i)].id", "an id longer than 1 MB (\(id.utf8.count) bytes)")
            }
            guard !id.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
                throw InputError(file: file, field: "nodes[\(i)].id", "an id with a NUL or control character")
            }
            var p = Person(id: id, source: SourceRow(file: file, line: 0))
            for (k, v) in node.sorted(by: { $0.key < $1.key }) where k != "id" && k != "kind" {
                guard let s = text(v) else { continue }
                try p.set(k, s, file: file, line: nil, field: "nodes[\(i)].\(k)")
            }
            persons.append(p)
        }
        var ds = Dataset(location: file, layout: .nodeLinkJSON, persons: persons)
        guard ds.personIndex.count == persons.count else { throw InputError(file: file, field: "nodes", "duplicate node ids") }
        var links = LinkTable(file: file, personIDs: persons.map(\.id))
        let rows = (obj["links"] ?? obj["edges"]) as? [[String: Any]] ?? []
        for (i, l) in rows.enumerated() {
            guard let s = text(l["source"]), let a = ds.personIndex[s] else { throw InputError(file: file, field: "links[\(i)].source", "unknown node '\(text(l["source"]) ?? "?")'") }
            guard let t = text(l["target"]), let b = ds.personIndex[t] else { throw InputError(file: file, field: "links[\(i)].target", "unknown node '\(text(l["target"]) ?? "?")'") }
            var w = 1.0
            if let x = l["weight"] {
                guard let n = x as? NSNumber, !isBool(n), n.doubleValue.isFinite else {
                    throw InputError(file: file, field: "links[\(i)].weight", "\(x is NSNumber ? "true or false" : "'\(x)'") is not a number")
                }
                w = n.doubleValue
            }
            links.append(source: Int32(a), target: Int32(b), type: text(l["type"]) ?? "link", weight: w, line: i + 1)
        }
        ds.links = links
        ds.declaredDirected = (obj["directed"] as? Bool) ?? false
        return ds
    }
}
