import Foundation
import Spreadsheet
import Testing

/// Spreadsheets out (issue 26): `--csv excel` is what Danish Excel opens as it is, `--format
/// xlsx` a real workbook with typed cells; both hold the CSV's cells, formula guard included.
@Suite("spreadsheets")
struct SpreadsheetTests {
    @Test("candidates --csv excel: BOM, ';', decimal commas, CRLF; the same cells as the CSV")
    func excelCSV() throws {
        let plain = try sna(["candidates", "samples/noerrebro", "--top", "10", "--format", "csv"])
        let excel = try sna(["candidates", "samples/noerrebro", "--top", "10", "--format", "csv", "--csv", "excel"])
        #expect(excel.status == 0, "\(excel.stderr)")
        let bytes = Array(excel.stdout.utf8)
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF] || excel.stdout.hasPrefix("\u{FEFF}"))
        let lines = excel.stdout.replacingOccurrences(of: "\u{FEFF}", with: "").components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines[0].hasPrefix("rank;person_id;category;area;age;betweenness;evidence"))
        let first = lines[1].components(separatedBy: ";")
        #expect(first[5].contains(",") && !first[5].contains("."), "decimal comma: \(first[5])")
        let csvFirst = Spreadsheet.parseCSV(plain.stdout)[1]
        #expect(first[5].replacingOccurrences(of: ",", with: ".") == csvFirst[5])
        #expect(lines.count == Spreadsheet.parseCSV(plain.stdout).count)
        // The conversion keeps every cell (quotes, separators, guards) and only re-spells numbers.
        let tricky = "a,b,c\n\"x;y\",-0.5,'=SUM(A1)\n\"he said \"\"hi\"\"\",12,007\n"
        let converted = String(decoding: Spreadsheet.excelCSV(tricky), as: UTF8.self)
        #expect(converted == "\u{FEFF}a;b;c\r\n\"x;y\";-0,5;'=SUM(A1)\r\n\"he said \"\"hi\"\"\";12;007\r\n")
    }

    @Test("candidates --format xlsx: a workbook with the CSV's cells, numbers typed as numbers; deterministic; a clear error without the library")
    func xlsx() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("c.xlsx").path
        let r = try sna(["candidates", "samples/noerrebro", "--top", "10", "--format", "xlsx", "-o", path])
        guard Spreadsheet.xlsxAvailable else {
            #expect(r.status == 1 && r.stderr.contains("libxlsxwriter"), "\(r.stderr)")
            return
        }
        #expect(r.status == 0, "\(r.stderr)")
        let again = dir.appendingPathComponent("d.xlsx").path
        _ = try sna(["candidates", "samples/noerrebro", "--top", "10", "--format", "xlsx", "-o", again])
        #expect(FileManager.default.contents(atPath: path) == FileManager.default.contents(atPath: again), "same cells, same bytes")
        // Read it back with Python's standard library (zip + XML): the cells and their types.
        let script = """
        import sys, zipfile, re, json
        z = zipfile.ZipFile(sys.argv[1])
        shared = re.findall(r'<si><t[^>]*>(.*?)</t></si>', z.read('xl/sharedStrings.xml').decode(), re.S)
        sheet = z.read('xl/worksheets/sheet1.xml').decode()
        cells = re.findall(r'<c r="([A-Z]+)(\\d+)"([^>]*?)(?:/>|>(.*?)</c>)', sheet, re.S)
        out = {}
        for col, row, attrs, body in cells:
            v = re.search(r'<v>(.*?)</v>', body or '')
            kind = 'string' if 't="s"' in attrs else 'number'
            value = shared[int(v.group(1))] if kind == 'string' else v.group(1)
            out[col + row] = [kind, value]
        print(json.dumps({'cells': out, 'frozen': 'state="frozen"' in sheet}))
        """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script, path]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let json = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        let cells = json["cells"] as! [String: [String]]
        #expect(json["frozen"] as? Bool == true)
        #expect(cells["A1"] == ["string", "rank"] && cells["F1"] == ["string", "betweenness"])
        let csv = Spreadsheet.parseCSV(try sna(["candidates", "samples/noerrebro", "--top", "10", "--format", "csv"]).stdout)
        #expect(cells["A2"] == ["number", "1"])
        #expect(cells["B2"] == ["string", csv[1][1]])
        #expect(cells["F2"]?.first == "number" && Double(cells["F2"]![1]) == Double(csv[1][5]))
        #expect(cells["E2"]?.first == "number", "age as a number")
    }
}
