import Foundation

/// A typed error about an input file: which file, which line, which field, and what was wrong.
///
/// Its description reads like a compiler diagnostic, e.g.
/// `persons.csv:12: field 'status': unknown value 'jail' (expected free, custody or sentenced)`.
/// Collects a run's input errors instead of stopping at the first (`sna validate`): up to
/// `limit` per file, with a count of the rest.
public final class InputErrorCollector: @unchecked Sendable {
    public let limit: Int
    public private(set) var errors: [InputError] = []
    /// Errors past the limit, per file.
    public private(set) var more: [String: Int] = [:]
    private var perFile: [String: Int] = [:]
    public init(limit: Int = 50) { self.limit = limit }

    /// The first field of every record skipped for an error: a later file's reference to one
    /// of them is not reported again (the error that skipped it says what is wrong).
    public private(set) var skipped = Set<String>()
    func skip(_ key: String) { if !key.isEmpty { skipped.insert(key) } }

    public func add(_ e: InputError) {
        let n = perFile[e.file, default: 0]
        perFile[e.file] = n + 1
        if n < limit { errors.append(e) } else { more[e.file, default: 0] += 1 }
    }
}

public struct InputError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file as the user named it (a path relative to the dataset folder where there is one).
    public var file: String
    /// The 1-based physical line the record starts on, or `nil` for whole-file errors.
    public var line: Int?
    /// The column (field) name, or `nil` when the error is about the record or the file.
    public var field: String?
    public var message: String
    /// For an unknown reference (a case or person id not in its file): the id.
    public var reference: String?

    public init(file: String, line: Int? = nil, field: String? = nil, _ message: String, reference: String? = nil) {
        self.file = file
        self.line = line
        self.field = field
        self.message = message
        self.reference = reference
    }

    public var description: String {
        var s = file
        if let line { s += ":\(line)" }
        s += ": "
        if let field { s += "field '\(field)': " }
        return s + message
    }
}

/// One record of a CSV file: its fields and the physical line it starts on.
public struct CSVRecord: Sendable {
    public var line: Int
    public var fields: [String]
}

/// One field of a record as bytes: a range of the file (an unquoted field, trimmed) or of the
/// record's `unquoted` buffer (a quoted field, its inner quotes undoubled).
struct RawField {
    var start: Int
    var end: Int
    /// The line the field starts on (a quoted field may span lines).
    var line: Int
    var quoted: Bool
}

/// One record as bytes, before any field is decoded. Its buffers are reused from record to
/// record (`count` fields are in use).
struct RawRecord {
    var line = 0
    var fields: [RawField] = []
    var count = 0
    var unquoted: [UInt8] = []

    mutating func reset() {
        count = 0
        if !unquoted.isEmpty { unquoted.removeAll(keepingCapacity: true) }
    }

    mutating func append(_ f: RawField) {
        if count < fields.count { fields[count] = f } else { fields.append(f) }
        count += 1
    }

    /// Field `f`'s bytes: in the file, or in `unquoted` for a quoted field.
    @inline(__always)
    static func bytes(_ f: RawField, file: UnsafeRawBufferPointer, unquoted: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: (f.quoted ? unquoted : file)[f.start..<f.end])
    }
}

/// The fields of one record as bytes, valid only inside the closure it is passed to.
public struct CSVRawFields {
    final class Context {
        let file: String
        let header: [String]
        init(file: String, header: [String]) { self.file = file; self.header = header }
    }
    let fields: UnsafeBufferPointer<RawField>
    let file: UnsafeRawBufferPointer
    let unquoted: UnsafeRawBufferPointer
    /// The physical line the record starts on.
    public let line: Int
    let context: Unmanaged<Context>

    /// Field `i` as raw bytes (not yet checked as UTF-8 or for NUL).
    @inline(__always)
    public func bytes(_ i: Int) -> UnsafeRawBufferPointer {
        RawRecord.bytes(fields[i], file: file, unquoted: unquoted)
    }

    /// Field `i` as text, with the reader's checks (UTF-8, no NUL) and its errors.
    public func string(_ i: Int) throws -> String {
        let c = context.takeUnretainedValue()
        return try CSVReader.Parser.decode(bytes(i), file: c.file, line: fields[i].line, header: c.header, index: i)
    }

    /// Checks field `i` as ``string(_:)`` does, without making the string.
    @inline(__always)
    public func check(_ i: Int) throws {
        let b = bytes(i)
        if CSVReader.Parser.isPlainASCII(b) { return }
        let c = context.takeUnretainedValue()
        try CSVReader.Parser.check(b, file: c.file, line: fields[i].line, header: c.header, index: i)
    }
}

/// An RFC 4180 CSV reader over bytes, written for this toolkit's inputs.
///
/// - Delimiter `,`, `;` or tab, detected from the header line (the most frequent of the three
///   outside quotes; `,` on a tie). Danish Excel writes `;`.
/// - UTF-8 with or without a byte-order mark; invalid UTF-8 is an error naming line and field.
/// - A field may hold up to 1 MiB; a longer one is an error naming line and field.
/// - Quoted fields may hold delimiters, doubled quotes (`""`) and line breaks; line numbers
///   stay physical, so an error points at the line an editor shows.
/// - Line ends `\n`, `\r\n` or `\r`; blank lines are skipped; unquoted fields are trimmed of
///   spaces and tabs, quoted fields are kept exactly.
/// - The file is memory-mapped and parsed in one pass; records are handed to a closure, so a
///   large file is never held as a table of strings.
///
/// The reader is hand-written rather than taken from a CSV package because it must report
/// physical line numbers and the offending column for every error, validate UTF-8 per field,
/// and it is the load path of million-edge graphs (see `Benchmarks/` for the comparison).
///
/// - Complexity: O(bytes) time; memory O(longest record) besides the mapped file.
public struct CSVReader: Sendable {
    /// Rows of only delimiters skipped by ``forEachRecord(_:)``: how many, and the first line.
    public final class EmptyRows: @unchecked Sendable {
        public private(set) var count = 0
        public private(set) var firstLine: Int?
        func add(line: Int) {
            count += 1
            if firstLine == nil { firstLine = line }
        }
    }
    /// Filled as the records are read.
    public let emptyRows = EmptyRows()

    public let file: String
    public private(set) var header: [String]
    /// Set by `sna validate`: a record's error is collected and reading goes on with the next
    /// record (an error in the file's structure still ends the file).
    public var collector: InputErrorCollector?
    public let delimiter: UInt8
    /// The line of the header record.
    public let headerLine: Int
    private let data: Data
    private let bodyStart: Int
    private let bodyLine: Int

    /// Reads `url`, naming it `file` in errors.
    public init(url: URL, file: String) throws {
        let data: Data
        do {
            data = try Data(contentsOf: url, options: .alwaysMapped)
        } catch {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) {
                throw InputError(file: file, isDir.boolValue ? "is a folder, expected a CSV file" : "cannot be read (check its permissions)")
            }
            throw InputError(file: file, "file not found")
        }
        try self.init(data: data, file: file)
    }

    /// Parses CSV held in memory, naming it `file` in errors.
    public init(data: Data, file: String) throws {
        self.file = file
        self.data = data
        var start = 0
        if data.count >= 3, data[data.startIndex] == 0xEF, data[data.startIndex + 1] == 0xBB, data[data.startIndex + 2] == 0xBF {
            start = 3
        }
        let delimiter = data.withUnsafeBytes { CSVReader.detectDelimiter(UnsafeRawBufferPointer(rebasing: $0[start...])) }
        self.delimiter = delimiter
        var header: [String] = []
        var headerLine = 1
        var next = start
        var nextLine = 1
        try data.withUnsafeBytes { raw in
            var parser = Parser(bytes: raw, position: start, line: 1, delimiter: delimiter, file: file)
            guard let rec = try parser.nextRecord(header: nil) else {
                throw InputError(file: file, "file is empty (expected a header row)")
            }
            header = rec.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            headerLine = rec.line
            next = parser.position
            nextLine = parser.line
        }
        var seen: [String: Int] = [:]
        for (i, name) in header.enumerated() {
            if name.isEmpty {
                throw InputError(file: file, line: headerLine, "header column \(i + 1) has no name")
            }
            if seen[name] != nil {
                throw InputError(file: file, line: headerLine, field: name, "column appears twice in the header")
            }
            seen[name] = i
        }
        self.header = header
        self.headerLine = headerLine
        self.bodyStart = next
        self.bodyLine = nextLine
    }

    /// An upper bound on the number of records (line ends after the header, plus one), for
    /// reserving memory once instead of growing arrays by doubling. One pass over the bytes.
    /// Above 256 MiB the first 16 MiB are counted and the rest extrapolated (a reservation, not
    /// a limit), so a huge or sparse file is not read whole before its first record.
    public var estimatedRecords: Int {
        data.withUnsafeBytes { raw in
            let body = UnsafeRawBufferPointer(rebasing: raw[bodyStart...])
            let sample = body.count > 256 << 20 ? UnsafeRawBufferPointer(rebasing: body.prefix(16 << 20)) : body
            var lf = 0, cr = 0
            for b in sample {
                lf &+= b == 0x0A ? 1 : 0
                cr &+= b == 0x0D ? 1 : 0
            }
            let counted = max(lf, cr) + 1
            guard sample.count < body.count else { return counted }
            return Int(Double(counted) * Double(body.count) / Double(sample.count) * 1.05) + 1
        }
    }

    /// Reads the column at `index` as `name` (a unit's own header mapped onto ours).
    public mutating func rename(_ index: Int, to name: String) { header[index] = name }

    /// The index of a column, by its (lower-case) header name.
    public func column(_ name: String) -> Int? { header.firstIndex(of: name) }

    /// Throws an error naming the first of `names` missing from the header.
    public func require(_ names: [String]) throws {
        for name in names where column(name) == nil {
            throw InputError(file: file, line: headerLine, field: name,
                             "required column is missing (header has: \(header.joined(separator: ", ")))")
        }
    }

    /// Calls `body` with every record after the header, in file order.
    ///
    /// A record with fewer or more fields than the header is an error naming its line.
    public func forEachRecord(_ body: (CSVRecord) throws -> Void) throws {
        // One fields buffer reused for every record: no per-row array allocation.
        var rec = CSVRecord(line: 0, fields: [])
        rec.fields.reserveCapacity(header.count)
        let collector = self.collector
        do {
            try forEachRawRecord { raw in
                rec.line = raw.line
                rec.fields.removeAll(keepingCapacity: true)
                do {
                    for i in 0..<raw.fields.count { rec.fields.append(try raw.string(i)) }
                    try body(rec)
                } catch let e as InputError where collector != nil {
                    if let r = e.reference, collector!.skipped.contains(r) { return }
                    collector!.add(e)
                    if let key = rec.fields.first { collector!.skip(key) }
                }
            }
        } catch let e as InputError where collector != nil {
            collector!.add(e)
        }
    }

    /// A field's value, or nil with the error collected when collecting (so a person with a
    /// bad birth date stays a person and other files' references to them still resolve).
    public func soft<T>(_ f: () throws -> T?) throws -> T? {
        guard let collector else { return try f() }
        do { return try f() } catch let e as InputError { collector.add(e); return nil }
    }

    /// Calls `body` with every record after the header as bytes, in file order: the same
    /// records, checks and errors as ``forEachRecord(_:)``, except that a field is checked as
    /// text (UTF-8, no NUL) only when it is asked for (``CSVRawFields/string(_:)`` or
    /// ``CSVRawFields/check(_:)``).
    public func forEachRawRecord(_ body: (CSVRawFields) throws -> Void) throws {
        let header = self.header
        let context = CSVRawFields.Context(file: file, header: header)
        try withExtendedLifetime(context) {
        try data.withUnsafeBytes { raw in
            var parser = Parser(bytes: raw, position: bodyStart, line: bodyLine, delimiter: delimiter, file: file)
            var rec = RawRecord()
            rec.fields.reserveCapacity(header.count)
            while try parser.nextRecord(header: header, into: &rec) {
                // A row of only delimiters (Excel leaves them after the data): skipped, counted.
                let blank = rec.unquoted.withUnsafeBytes { unquoted in
                    rec.fields[0..<rec.count].allSatisfy {
                        RawRecord.bytes($0, file: raw, unquoted: unquoted).allSatisfy { $0 == 0x20 || $0 == 0x09 }
                    }
                }
                if blank {
                    emptyRows.add(line: rec.line)
                    continue
                }
                if rec.count != header.count {
                    let e = rec.count < header.count
                        ? InputError(file: file, line: rec.line, field: header[rec.count], "missing: the record has \(rec.count) fields, the header \(header.count)")
                        : InputError(file: file, line: rec.line, "the record has \(rec.count) fields, the header \(header.count) (is a field with the delimiter unquoted?)")
                    // Collecting: the record is skipped, the next one read (the parser is past it).
                    if let collector {
                        collector.add(e)
                        if rec.count > 0 {
                            rec.unquoted.withUnsafeBytes { u in collector.skip(String(decoding: RawRecord.bytes(rec.fields[0], file: raw, unquoted: u), as: UTF8.self)) }
                        }
                        continue
                    }
                    throw e
                }
                let line = rec.line, count = rec.count
                try rec.fields.withUnsafeBufferPointer { fields in
                    try rec.unquoted.withUnsafeBytes { unquoted in
                        try body(CSVRawFields(fields: UnsafeBufferPointer(rebasing: fields[0..<count]), file: raw,
                                              unquoted: unquoted, line: line, context: .passUnretained(context)))
                    }
                }
            }
        }
        }
    }

    static func detectDelimiter(_ bytes: UnsafeRawBufferPointer) -> UInt8 {
        var comma = 0, semicolon = 0, tab = 0
        var quoted = false
        // The header is in the first 64 KiB (a longer first line is no header of ours).
        for b in UnsafeRawBufferPointer(rebasing: bytes.prefix(1 << 16)) {
            if b == UInt8(ascii: "\"") { quoted.toggle(); continue }
            if quoted { continue }
            if b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r") { break }
            switch b {
            case UInt8(ascii: ","): comma += 1
            case UInt8(ascii: ";"): semicolon += 1
            case UInt8(ascii: "\t"): tab += 1
            default: break
            }
        }
        if semicolon > comma && semicolon >= tab { return UInt8(ascii: ";") }
        if tab > comma && tab > semicolon { return UInt8(ascii: "\t") }
        return UInt8(ascii: ",")
    }

    struct Parser {
        let bytes: UnsafeRawBufferPointer
        var position: Int
        var line: Int
        let delimiter: UInt8
        let file: String
        var scratch: [UInt8] = []

        init(bytes: UnsafeRawBufferPointer, position: Int, line: Int, delimiter: UInt8, file: String) {
            self.bytes = bytes
            self.position = position
            self.line = line
            self.delimiter = delimiter
            self.file = file
        }

        /// The longest field accepted: 1 MiB. Longer fields are an error (a missing quote, or not
        /// a CSV file) rather than a memory hazard.
        static let maxFieldBytes = 1 << 20

        private func tooLong(_ line: Int, _ header: [String]?, _ index: Int) -> InputError {
            InputError(file: file, line: line, field: fieldName(header, index),
                       "field longer than 1 MB (\(Self.maxFieldBytes) bytes): is a quote missing, or is this not a CSV file?")
        }

        private static let quote = UInt8(ascii: "\"")
        private static let lf = UInt8(ascii: "\n")
        private static let cr = UInt8(ascii: "\r")

        /// Consumes one line end at `position` if there is one; returns whether it did.
        private mutating func consumeLineEnd() -> Bool {
            guard position < bytes.count else { return false }
            let b = bytes[position]
            if b == Self.lf { position += 1; line += 1; return true }
            if b == Self.cr {
                position += 1
                if position < bytes.count && bytes[position] == Self.lf { position += 1 }
                line += 1
                return true
            }
            return false
        }

        private func fieldName(_ header: [String]?, _ index: Int) -> String? {
            Self.fieldName(header, index)
        }

        static func fieldName(_ header: [String]?, _ index: Int) -> String? {
            guard let header else { return nil }
            return index < header.count ? header[index] : "#\(index + 1)"
        }

        /// A field's bytes as text: UTF-8 without NUL, else an error naming line and field.
        static func decode(_ buf: UnsafeRawBufferPointer, file: String, line: Int, header: [String]?, index: Int) throws -> String {
            // ASCII (ids, numbers, dates: nearly every field) is valid UTF-8 as it stands, and
            // decoding it skips the generic validating initializer (a fifth of a load's time).
            if try check(buf, file: file, line: line, header: header, index: index) { return String(decoding: buf, as: UTF8.self) }
            return String(validating: buf, as: UTF8.self)!
        }

        /// Whether a field's bytes are ASCII without NUL (nearly every field): text as they stand.
        @inline(__always)
        static func isPlainASCII(_ buf: UnsafeRawBufferPointer) -> Bool {
            var high: UInt8 = 0, nul = false
            for b in buf { high |= b; nul = nul || b == 0 }
            return high < 0x80 && !nul
        }

        /// Checks a field's bytes as text (UTF-8 without NUL) and returns whether they are ASCII.
        @discardableResult
        static func check(_ buf: UnsafeRawBufferPointer, file: String, line: Int, header: [String]?, index: Int) throws -> Bool {
            if isPlainASCII(buf) { return true }
            // A NUL byte is no text a person typed: a binary file or a broken export.
            if buf.contains(0) {
                throw InputError(file: file, line: line, field: fieldName(header, index), "a NUL byte (is this a binary file, or saved as UTF-16?)")
            }
            if buf.allSatisfy({ $0 < 0x80 }) { return true }
            if String(validating: buf, as: UTF8.self) != nil { return false }
            throw InputError(file: file, line: line, field: fieldName(header, index),
                             "invalid UTF-8 (save the file as UTF-8; Excel: 'CSV UTF-8')")
        }

        mutating func nextRecord(header: [String]?) throws -> CSVRecord? {
            var raw = RawRecord()
            guard try nextRecord(header: header, into: &raw) else { return nil }
            var rec = CSVRecord(line: raw.line, fields: [])
            try raw.unquoted.withUnsafeBytes { unquoted in
                for i in 0..<raw.count {
                    let f = raw.fields[i]
                    rec.fields.append(try Self.decode(RawRecord.bytes(f, file: bytes, unquoted: unquoted),
                                                      file: file, line: f.line, header: header, index: i))
                }
            }
            return rec
        }

        /// Parses the next record into `rec` as byte ranges (its buffers are reused); false at
        /// the end. Structure errors (an unclosed quote, a field over 1 MiB, a character after
        /// a closing quote) are thrown here; text errors when a field is decoded.
        mutating func nextRecord(header: [String]?, into rec: inout RawRecord) throws -> Bool {
            // Skip blank lines.
            while position < bytes.count, consumeLineEnd() {}
            guard position < bytes.count else { return false }
            let recordLine = line
            rec.line = recordLine
            rec.reset()
            while true {
                let index = rec.count
                // Spaces before an opening quote are padding (`a, "b"`), not part of the field.
                var look = position
                while look < bytes.count && (bytes[look] == 0x20 || (bytes[look] == 0x09 && delimiter != 0x09)) { look += 1 }
                if look < bytes.count && bytes[look] == Self.quote { position = look }
                if position < bytes.count && bytes[position] == Self.quote {
                    // Quoted field.
                    let fieldLine = line
                    position += 1
                    scratch.removeAll(keepingCapacity: true)
                    var closed = false
                    while position < bytes.count {
                        let b = bytes[position]
                        if b == Self.quote {
                            if position + 1 < bytes.count && bytes[position + 1] == Self.quote {
                                scratch.append(Self.quote)
                                position += 2
                                continue
                            }
                            position += 1
                            closed = true
                            break
                        }
                        if b == Self.lf || (b == Self.cr && !(position + 1 < bytes.count && bytes[position + 1] == Self.lf)) {
                            line += 1
                            if scratch.count > Self.maxFieldBytes { throw tooLong(fieldLine, header, index) }
                        }
                        scratch.append(b)
                        position += 1
                    }
                    if !closed {
                        throw InputError(file: file, line: fieldLine, field: fieldName(header, index),
                                         "quoted field is never closed (a missing '\"')")
                    }
                    if scratch.count > Self.maxFieldBytes { throw tooLong(fieldLine, header, index) }
                    let from = rec.unquoted.count
                    rec.unquoted.append(contentsOf: scratch)
                    rec.append(RawField(start: from, end: rec.unquoted.count, line: fieldLine, quoted: true))
                    // After the closing quote: padding, then delimiter, line end or end of file.
                    while position < bytes.count && (bytes[position] == 0x20 || (bytes[position] == 0x09 && delimiter != 0x09)) { position += 1 }
                    if position >= bytes.count { break }
                    let b = bytes[position]
                    if b == delimiter { position += 1; continue }
                    if consumeLineEnd() { break }
                    throw InputError(file: file, line: line, field: fieldName(header, index),
                                     "unexpected character after a closing quote (quote the whole field and double inner quotes)")
                } else {
                    var start = position
                    // Stops at the first oversize field (padding included, 2 MiB), never scanning
                    // the rest of a huge or sparse file for its end.
                    let limit = min(bytes.count, position + 2 * Self.maxFieldBytes + 1)
                    while position < limit {
                        let b = bytes[position]
                        if b == delimiter || b == Self.lf || b == Self.cr { break }
                        position += 1
                    }
                    if position == limit && limit < bytes.count { throw tooLong(recordLine, header, index) }
                    var end = position
                    while start < end && (bytes[start] == 0x20 || bytes[start] == 0x09) && bytes[start] != delimiter { start += 1 }
                    while end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) && bytes[end - 1] != delimiter { end -= 1 }
                    if end - start > Self.maxFieldBytes { throw tooLong(recordLine, header, index) }
                    rec.append(RawField(start: start, end: end, line: recordLine, quoted: false))
                    if position >= bytes.count { break }
                    if bytes[position] == delimiter { position += 1; continue }
                    _ = consumeLineEnd()
                    break
                }
            }
            return true
        }
    }
}
