#if XLSX
import CXLSXWriter
#endif
import Foundation
import Network

/// Tabular output for spreadsheets: the CSV a tool writes (the contract: comma, UTF-8, LF,
/// decimal point) turned into what Danish Excel opens as it is — `--csv excel` (UTF-8 with BOM,
/// `;`, decimal comma, CRLF) — or into a real workbook, `--format xlsx` (typed cells: numbers as
/// numbers, ISO dates as dates; a bold header row, frozen panes, column widths), written by
/// libxlsxwriter behind the `XLSX` trait. Both start from the same cells, so the formula guard
/// of the CSV (a leading `'` before `=`, `+`, `-`, `@`) holds in both, and an xlsx string cell is
/// never a formula.
public enum Spreadsheet {
    /// Records of RFC 4180 CSV text as the tools write it (`,`, `"` quoting, LF or CRLF).
    public static func parseCSV(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = ""
        var quoted = false, wasQuoted = false
        var it = Array(text.unicodeScalars)[...]
        while let c = it.popFirst() {
            if quoted {
                if c == "\"" {
                    if it.first == "\"" { field.unicodeScalars.append("\""); it.removeFirst() } else { quoted = false }
                } else { field.unicodeScalars.append(c) }
                continue
            }
            switch c {
            case "\"" where field.isEmpty && !wasQuoted: quoted = true; wasQuoted = true
            case ",": row.append(field); field = ""; wasQuoted = false
            case "\r": continue
            case "\n": row.append(field); rows.append(row); row = []; field = ""; wasQuoted = false
            default: field.unicodeScalars.append(c)
            }
        }
        if !field.isEmpty || !row.isEmpty || wasQuoted { row.append(field); rows.append(row) }
        return rows
    }

    /// A plain decimal number as the tools write it (`-0.25`, `12`, `1.5e-07`), not an id with
    /// leading zeros.
    static func number(_ s: String) -> Double? {
        guard let d = StrictNumber.parse(s), d.isFinite else { return nil }
        let digits = s.drop { $0 == "-" }
        if digits.count > 1, digits.first == "0", digits.dropFirst().first != "." { return nil }
        return d
    }

    /// An ISO day `YYYY-MM-DD`.
    static func day(_ s: String) -> Day? { s.count == 10 ? Day(iso: s) : nil }

    /// The CSV as Danish Excel opens it: UTF-8 with BOM, `;` between fields, a decimal comma in
    /// numbers, CRLF line ends; fields holding `;`, `"` or a line break quoted.
    public static func excelCSV(_ text: String) -> Data {
        var out = "\u{FEFF}"
        for row in parseCSV(text) {
            out += row.map { f -> String in
                let v = number(f) != nil ? f.replacingOccurrences(of: ".", with: ",") : f
                guard v.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return v }
                return "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }.joined(separator: ";") + "\r\n"
        }
        return Data(out.utf8)
    }

    public enum Failure: Error, CustomStringConvertible {
        case unavailable
        case library(String)
        public var description: String {
            switch self {
            case .unavailable:
                return "--format xlsx needs libxlsxwriter: this sna was built without it (install libxlsxwriter-dev and build with the default traits); --csv excel writes CSV that Danish Excel opens as it is"
            case let .library(why): return "writing the workbook failed: \(why)"
            }
        }
    }

    /// Whether this build writes workbooks.
    public static var xlsxAvailable: Bool {
        #if XLSX
        true
        #else
        false
        #endif
    }

    /// A workbook of one sheet holding `csv`'s cells: the first record a bold header row with the
    /// panes frozen under it, numbers as numbers, ISO dates as dates (shown yyyy-mm-dd), the rest
    /// as text; column widths from the contents. `created` is the document's date, so the same
    /// cells give the same bytes.
    public static func xlsx(csv: String, sheet: String = "sna", created: Date) throws -> Data {
        #if XLSX
        let rows = parseCSV(csv)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sna-xlsx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("book.xlsx").path
        var options = lxw_workbook_options(constant_memory: 0, tmpdir: nil, use_zip64: 0)
        let tmp = strdup(dir.path)
        defer { free(tmp) }
        options.tmpdir = tmp
        guard let wb = workbook_new_opt(path, &options) else { throw Failure.library("cannot create \(path)") }
        var props = lxw_doc_properties()
        props.created = time_t(created.timeIntervalSince1970)
        let creator = strdup("sna")
        defer { free(creator) }
        props.author = creator
        _ = workbook_set_properties(wb, &props)
        let name = String(sheet.prefix(31))
        guard let ws = name.withCString({ workbook_add_worksheet(wb, $0) }) else {
            workbook_close(wb)
            throw Failure.library("cannot add a sheet")
        }
        let bold = workbook_add_format(wb)
        format_set_bold(bold)
        let dateFormat = workbook_add_format(wb)
        format_set_num_format(dateFormat, "yyyy-mm-dd")
        var widths: [Int] = []
        for (r, row) in rows.enumerated() {
            for (c, v) in row.enumerated() {
                let rr = lxw_row_t(r), cc = lxw_col_t(c)
                if c >= widths.count { widths.append(0) }
                widths[c] = max(widths[c], min(60, v.count))
                if r == 0 {
                    _ = worksheet_write_string(ws, rr, cc, v, bold)
                } else if let d = number(v) {
                    _ = worksheet_write_number(ws, rr, cc, d, nil)
                } else if let d = day(v) {
                    var dt = lxw_datetime(year: Int32(d.year), month: Int32(d.month), day: Int32(d.day), hour: 0, min: 0, sec: 0)
                    _ = worksheet_write_datetime(ws, rr, cc, &dt, dateFormat)
                } else if !v.isEmpty {
                    _ = worksheet_write_string(ws, rr, cc, v, nil)
                }
            }
        }
        for (c, w) in widths.enumerated() { _ = worksheet_set_column(ws, lxw_col_t(c), lxw_col_t(c), Double(max(8, w + 2)), nil) }
        worksheet_freeze_panes(ws, 1, 0)
        let err = workbook_close(wb)
        guard err == LXW_NO_ERROR else { throw Failure.library(String(cString: lxw_strerror(err))) }
        return try Data(contentsOf: URL(fileURLWithPath: path))
        #else
        throw Failure.unavailable
        #endif
    }
}
