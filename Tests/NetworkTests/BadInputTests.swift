import Foundation
import Testing
@testable import Network

/// Every kind of bad input gives an ``InputError`` naming the file, the line and the field.
@Suite("Bad input")
struct BadInputTests {
    static let persons = "id,name,birth_date,municipality,district,status\nP1,Åse Kjær,1990-01-02,København,Indre Nørrebro,free\nP2,Bo,1995-05-06,København,Nordvest,custody\n"

    func expectError(_ files: [String: String], file: String, line: Int?, field: String?, contains text: String,
                     options: BuildOptions = BuildOptions(), sourceLocation: SourceLocation = #_sourceLocation) throws {
        let tmp = try TempDataset(files)
        defer { tmp.cleanup() }
        let e = try #require(loadError(tmp.path, options: options), sourceLocation: sourceLocation)
        #expect(e.file == tmp.path + "/" + file, sourceLocation: sourceLocation)
        #expect(e.line == line, "\(e)", sourceLocation: sourceLocation)
        #expect(e.field == field, "\(e)", sourceLocation: sourceLocation)
        #expect(e.message.contains(text), "\(e)", sourceLocation: sourceLocation)
    }

    @Test func missingPersonsFile() throws {
        try expectError(["links.csv": "source,target\n"], file: "persons.csv", line: nil, field: nil, contains: "not found")
    }

    @Test func missingHeaderColumn() throws {
        try expectError(["persons.csv": "name\nBo\n"], file: "persons.csv", line: 1, field: "id", contains: "required column is missing")
        try expectError(["persons.csv": Self.persons, "links.csv": "source,weight\nP1,1\n"],
                        file: "links.csv", line: 1, field: "target", contains: "required column is missing")
    }

    @Test func unknownStatus() throws {
        try expectError(["persons.csv": Self.persons + "P3,X,1990-01-01,København,Vesterbro,jail\n"],
                        file: "persons.csv", line: 4, field: "status", contains: "unknown value 'jail' (expected free, custody or sentenced)")
    }

    @Test func unknownRole() throws {
        try expectError(["persons.csv": Self.persons, "cases.csv": "case_id,date,crime_code\nC1,2014-03-01,73241\n",
                         "case_persons.csv": "case_id,person_id,role\nC1,P1,suspect\nC1,P2,boss\n"],
                        file: "case_persons.csv", line: 3, field: "role", contains: "unknown value 'boss'")
    }

    @Test func unknownConfidence() throws {
        try expectError(["persons.csv": Self.persons, "affiliations.csv": "person_id,group,confidence\nP1,LTF,sure\n"],
                        file: "affiliations.csv", line: 2, field: "confidence", contains: "unknown value 'sure'")
    }

    @Test func linkNamesUnknownPerson() throws {
        try expectError(["persons.csv": Self.persons, "links.csv": "source,target,type\nP1,P2,family\nP1,P9,family\n"],
                        file: "links.csv", line: 3, field: "target", contains: "unknown person 'P9'")
    }

    @Test func caseRowNamesUnknownPersonOrCase() throws {
        try expectError(["persons.csv": Self.persons, "cases.csv": "case_id,date,crime_code\nC1,2014-03-01,73241\n",
                         "case_persons.csv": "case_id,person_id,role\nC1,P7,suspect\n"],
                        file: "case_persons.csv", line: 2, field: "person_id", contains: "unknown person 'P7'")
        try expectError(["persons.csv": Self.persons, "cases.csv": "case_id,date,crime_code\nC1,2014-03-01,73241\n",
                         "case_persons.csv": "case_id,person_id,role\nC2,P1,suspect\n"],
                        file: "case_persons.csv", line: 2, field: "case_id", contains: "unknown case 'C2'")
    }

    @Test func duplicatePersonID() throws {
        try expectError(["persons.csv": Self.persons + "P1,Again,,,,\n"],
                        file: "persons.csv", line: 4, field: "id", contains: "duplicate person id 'P1' (first on line 2)")
    }

    @Test func malformedDate() throws {
        try expectError(["persons.csv": Self.persons.replacingOccurrences(of: "1995-05-06", with: "06/05/1995")],
                        file: "persons.csv", line: 3, field: "birth_date", contains: "not a valid date")
        try expectError(["persons.csv": Self.persons, "cases.csv": "case_id,date,crime_code\nC1,2015-02-29,73241\n"],
                        file: "cases.csv", line: 2, field: "date", contains: "'2015-02-29' is not a valid date")
    }

    @Test func nonNumericWeight() throws {
        try expectError(["persons.csv": Self.persons, "links.csv": "source,target,weight\nP1,P2,heavy\n"],
                        file: "links.csv", line: 2, field: "weight", contains: "'heavy' is not a number")
    }

    @Test func nonPositiveWeightWhereWeightsAreDistances() throws {
        var o = BuildOptions()
        o.requirePositiveWeights = true
        try expectError(["persons.csv": Self.persons, "links.csv": "source,target,weight\nP1,P2,2\nP2,P1,0\n"],
                        file: "links.csv", line: 3, field: "weight", contains: "not positive", options: o)
        // Without weights in play, a zero weight loads.
        let tmp = try TempDataset(["persons.csv": Self.persons, "links.csv": "source,target,weight\nP1,P2,0\n"])
        defer { tmp.cleanup() }
        #expect(loadError(tmp.path) == nil)
    }

    @Test func invalidUTF8() throws {
        var bytes = Array("id,name\nP1,".utf8)
        bytes += [0x53, 0xF8, 0x72, 0x65, 0x6E]  // "Søren" in Latin-1
        bytes += Array("\n".utf8)
        let tmp = try TempDataset(bytes: ["persons.csv": bytes])
        defer { tmp.cleanup() }
        let e = try #require(loadError(tmp.path))
        #expect(e.line == 2)
        #expect(e.field == "name")
        #expect(e.message.contains("invalid UTF-8"))
    }

    @Test func emptyFile() throws {
        try expectError(["persons.csv": ""], file: "persons.csv", line: nil, field: nil, contains: "file is empty")
        try expectError(["persons.csv": "id,name\n"], file: "persons.csv", line: 1, field: nil, contains: "no persons")
        try expectError(["persons.csv": Self.persons, "links.csv": ""], file: "links.csv", line: nil, field: nil, contains: "file is empty")
    }

    @Test func wrongFieldCountAndUnclosedQuote() throws {
        try expectError(["persons.csv": "id,name,status\nP1,Bo\n"], file: "persons.csv", line: 2, field: "status", contains: "missing")
        try expectError(["persons.csv": "id,name\nP1,\"Bo\nP2,Al\n"], file: "persons.csv", line: 2, field: "name", contains: "never closed")
    }

    @Test func unknownLinkKind() throws {
        var o = BuildOptions()
        o.links = LinkSelection(parsing: "co-offending,cousins")
        let tmp = try TempDataset(["persons.csv": Self.persons, "links.csv": "source,target,type\nP1,P2,family\n"])
        defer { tmp.cleanup() }
        let e = try #require(loadError(tmp.path, options: o))
        #expect(e.message.contains("unknown link kind 'cousins'"))
        #expect(e.message.contains("family"))
    }

    @Test func missingInputPath() {
        let e = loadError("/nonexistent/sna-dataset")
        #expect(e?.message.contains("not found") == true)
    }
}
