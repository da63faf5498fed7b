import Foundation
import Testing
@testable import Network

@Suite("CSV reader")
struct CSVReaderTests {
    func records(_ text: String) throws -> (CSVReader, [CSVRecord]) {
        let r = try CSVReader(data: Data(text.utf8), file: "t.csv")
        var out: [CSVRecord] = []
        try r.forEachRecord { out.append($0) }
        return (r, out)
    }

    @Test("delimiter detection: comma, semicolon (Danish Excel), tab")
    func delimiters() throws {
        for (text, d) in [("a,b\n1,2\n", ","), ("a;b\n1;2\n", ";"), ("a\tb\n1\t2\n", "\t")] {
            let (r, recs) = try records(text)
            #expect(r.delimiter == UInt8(ascii: Unicode.Scalar(d)!))
            #expect(recs.map(\.fields) == [["1", "2"]])
        }
        // A comma inside a semicolon file stays in the field (decimal comma).
        let (_, recs) = try records("source;target;weight\nA;B;1,5\n")
        #expect(recs[0].fields == ["A", "B", "1,5"])
    }

    @Test("BOM, CRLF, quoted delimiters, doubled quotes, line breaks inside quotes")
    func rfc4180() throws {
        let text = "\u{FEFF}id,name\r\nP1,\"Kjær, Søren\"\r\nP2,\"say \"\"hi\"\"\"\r\nP3,\"two\nlines\"\r\nP4,Ærø\r\n"
        let (r, recs) = try records(text)
        #expect(r.header == ["id", "name"])
        #expect(recs.map(\.fields) == [["P1", "Kjær, Søren"], ["P2", "say \"hi\""], ["P3", "two\nlines"], ["P4", "Ærø"]])
        #expect(recs.map(\.line) == [2, 3, 4, 6], "line numbers stay physical across quoted line breaks")
    }

    @Test("blank lines skipped, unquoted fields trimmed, quoted kept exactly")
    func whitespace() throws {
        let (_, recs) = try records("id,name\n\n P1 , \" Bo \" \n\n")
        #expect(recs.map(\.fields) == [["P1", " Bo "]])
    }

    @Test("header names are case-insensitive and must be unique")
    func header() throws {
        let (r, _) = try records("ID,Name\n")
        #expect(r.header == ["id", "name"])
        #expect(throws: InputError.self) { try CSVReader(data: Data("id,id\n".utf8), file: "t.csv") }
    }
}
