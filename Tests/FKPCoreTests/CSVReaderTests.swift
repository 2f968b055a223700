@testable import FKPCore
import XCTest

final class CSVReaderTests: XCTestCase {
    /// Reads `text` fed in pieces of `size` bytes (0: all at once).
    private func read(_ bytes: [UInt8], in size: Int = 0) -> (records: [CSVReader.Record], failure: CSVReader.Failure?) {
        var reader = CSVReader()
        var records: [CSVReader.Record] = []
        let step = size == 0 ? max(bytes.count, 1) : size
        for start in stride(from: 0, to: bytes.count, by: step) {
            records += reader.feed(Array(bytes[start..<min(start + step, bytes.count)]))
        }
        do {
            records += try reader.finish()
            return (records, nil)
        } catch {
            return (records, error)
        }
    }

    func testQuotingLineEndsAndAByteOrderMarkWhereverTheChunksSplit() {
        let text = "\u{FEFF}id,name,note\r\n1,\"Siti \"\"Ani\"\" Aminah\",\"Jl. Mawar, No. 5\"\r\n\r\n2,Dédé Sutisna,\"two\nlines\"\n3,,last"
        let bytes = Array(text.utf8)
        let expected = [
            CSVReader.Record(line: 1, fields: ["id", "name", "note"]),
            CSVReader.Record(line: 2, fields: ["1", "Siti \"Ani\" Aminah", "Jl. Mawar, No. 5"]),
            CSVReader.Record(line: 4, fields: ["2", "Dédé Sutisna", "two\nlines"]),
            CSVReader.Record(line: 6, fields: ["3", "", "last"]),
        ]
        for size in [0, 1, 2, 3, 5, 7, 64] {
            let result = read(bytes, in: size)
            XCTAssertNil(result.failure, "chunks of \(size)")
            XCTAssertEqual(result.records, expected, "chunks of \(size)")
        }
    }

    /// Excel for Mac's "CSV (Macintosh)" ends lines with CR alone: lines counted as with LF, inside
    /// quotes too, where a CR LF is one line break.
    func testLinesEndedByCarriageReturnsAloneAreLines() {
        for end in ["\r", "\r\n", "\n"] {
            let text = ["id,name", "1,\"Siti", "Aminah\"", "", "2,Dédé", ""].joined(separator: end)
            for size in [0, 1, 2] {
                let result = read(Array(text.utf8), in: size)
                XCTAssertNil(result.failure, "chunks of \(size)")
                XCTAssertEqual(result.records, [.init(line: 1, fields: ["id", "name"]), .init(line: 2, fields: ["1", "Siti\(end)Aminah"]),
                                                .init(line: 5, fields: ["2", "Dédé"])], "\(end.debugDescription), chunks of \(size)")
            }
        }
    }

    /// A list typed by hand puts a space after each comma, before a quoted value too: the value is
    /// the quoted one, spaces around it ignored as around any value (and kept inside the quotes).
    func testSpacesAroundAQuotedValueAreNotPartOfIt() {
        let text = "id, name , note\n1, \"Budi, S.Pd\" ,\t\" x \"\t\n2,  \"\"\"Ani\"\"\"  , last\n"
        for size in [0, 1, 3] {
            let result = read(Array(text.utf8), in: size)
            XCTAssertNil(result.failure, "chunks of \(size)")
            XCTAssertEqual(result.records, [.init(line: 1, fields: ["id", " name ", " note"]), .init(line: 2, fields: ["1", "Budi, S.Pd", " x "]),
                                            .init(line: 3, fields: ["2", "\"Ani\"", " last"])], "chunks of \(size)")
        }
    }

    /// Spreadsheets save rows that once held formatting as `,,,,`; like blank lines, they are no rows.
    func testBlankLinesAndRowsOfEmptyFieldsAreSkippedAndLinesStillCounted() {
        let text = "a,b\n1,x\n,\n  \t \n\"\",\" \"\r\n2,y\n,,,\n"
        for size in [0, 1, 3] {
            let result = read(Array(text.utf8), in: size)
            XCTAssertNil(result.failure)
            XCTAssertEqual(result.records, [.init(line: 1, fields: ["a", "b"]), .init(line: 2, fields: ["1", "x"]),
                                            .init(line: 6, fields: ["2", "y"])], "chunks of \(size)")
        }
        XCTAssertEqual(read(Array("a,b\n,x\n".utf8)).records.last, .init(line: 2, fields: ["", "x"]), "a row with one value is a row")
    }

    /// A line that shows nothing is blank: a page break between a report's pages, a zero-width or
    /// no-break space pasted alone. A visible character among them makes it a row.
    func testLinesOfPageBreaksAndInvisibleCharactersOnlyAreBlank() {
        let text = "a,b\n1,x\n\u{0C}\n\u{200B}\n\u{00A0},\u{FEFF}\n\u{0B}\r\n2,y\n\u{200B}é\n\"\u{00A0}\n\"\n"
        for size in [0, 1, 2] {
            let result = read(Array(text.utf8), in: size)
            XCTAssertNil(result.failure)
            XCTAssertEqual(result.records, [.init(line: 1, fields: ["a", "b"]), .init(line: 2, fields: ["1", "x"]),
                                            .init(line: 7, fields: ["2", "y"]), .init(line: 8, fields: ["\u{200B}é"]),
                                            .init(line: 9, fields: ["\u{00A0}\n"])], "chunks of \(size): a line break in quotes is content")
        }
    }

    /// Old DOS and Windows programs end a text with Ctrl-Z (0x1A): a mark, no row.
    func testAnEndOfFileMarkAfterTheLastLineIsNoRow() {
        for text in ["a,b\n1,x\n\u{1A}", "a,b\r\n1,x\r\n\u{1A}\r\n", "a,b\n1,x\n\u{1A}\u{1A}"] {
            let result = read(Array(text.utf8), in: 1)
            XCTAssertNil(result.failure)
            XCTAssertEqual(result.records, [.init(line: 1, fields: ["a", "b"]), .init(line: 2, fields: ["1", "x"])], text.debugDescription)
        }
    }

    func testBrokenQuotingAndBytesThatAreNotUTF8NameTheirLineAndColumn() {
        let cases: [(String, [UInt8], CSVReader.Failure)] = [
            ("quote inside a field", Array("a,b\n1,x\"y\n".utf8),
             .init(line: 2, column: 2, problem: .quoteInsideUnquotedField)),
            ("text after a closing quote", Array("a,b\n\"x\"y,2\n".utf8), .init(line: 2, column: 1, problem: .textAfterClosingQuote)),
            ("text after a closing quote and a space", Array("a,b\n\"x\" y,2\n".utf8), .init(line: 2, column: 1, problem: .textAfterClosingQuote)),
            ("a quote escaped with a backslash", Array("a,b\n1,\"Budi \\\"Ucok\\\" S\"\n".utf8),
             .init(line: 2, column: 2, problem: .quoteEscapedWithBackslash)),
            ("a second quoted value after a space", Array("a,b\n1,\"x\" \"y\"\n".utf8), .init(line: 2, column: 2, problem: .textAfterClosingQuote)),
            ("a quote after text and a space", Array("a,b\n1,x \"y\"\n".utf8), .init(line: 2, column: 2, problem: .quoteInsideUnquotedField)),
            ("unclosed quote", Array("a,b\n1,\"never\nclosed".utf8), .init(line: 2, column: 2, problem: .quoteNeverClosed)),
            // A missing closing quote runs on into later lines: the line named is the quote's.
            ("unclosed quote after a field over two lines", Array("a,b\n\"two\nlines\",\"never\nclosed".utf8),
             .init(line: 3, column: 2, problem: .quoteNeverClosed)),
            // A row longer than any list row is refused before it fills the memory; a quote left
            // open is named where it opened.
            ("a row too long", Array(("a,b\n1,2\n3," + String(repeating: "x", count: CSVReader.maximumRecordBytes) + "\n").utf8),
             .init(line: 3, column: 2, problem: .recordTooLong(maximumBytes: CSVReader.maximumRecordBytes))),
            ("a quote left open", Array(("a,b\n1,\"open\n" + String(repeating: "x,y\n", count: CSVReader.maximumRecordBytes / 4)).utf8),
             .init(line: 2, column: 2, problem: .recordTooLong(maximumBytes: CSVReader.maximumRecordBytes))),
            ("quote closed lines later", Array("a,b\n1,\"x\n2,y\"z\n".utf8),
             .init(line: 2, column: 2, problem: .quoteClosesWithTextAfter(closingLine: 3))),
            ("UTF-16, little-endian", [0xFF, 0xFE] + Array("a,b\n".utf8).flatMap { [$0, 0] },
             .init(line: 1, column: nil, problem: .utf16File)),
            ("UTF-16, big-endian", [0xFE, 0xFF] + Array("a,b\n".utf8).flatMap { [0, $0] },
             .init(line: 1, column: nil, problem: .utf16File)),
            ("UTF-16 without its mark, little-endian", Array("family_id,x\n".utf8).flatMap { [$0, 0] },
             .init(line: 1, column: nil, problem: .utf16File)),
            ("UTF-16 without its mark, big-endian", Array("family_id,x\n".utf8).flatMap { [0, $0] },
             .init(line: 1, column: nil, problem: .utf16File)),
            ("a formula keeping digits as text", Array("a,b\n1,=\"3201010101000001\"\n".utf8),
             .init(line: 2, column: 2, problem: .formulaKeepingText)),
            ("a formula keeping digits as text, after a space", Array("a,b\n1, = \"0012\"\n".utf8),
             .init(line: 2, column: 2, problem: .formulaKeepingText)),
            ("a JSON array", Array("[{\"a\": 1}]".utf8), .init(line: 1, column: nil, problem: .jsonFile)),
            ("a JSON array over lines", Array("[\r\n  {\"a\": 1}\r\n]".utf8), .init(line: 1, column: nil, problem: .jsonFile)),
            ("JSON lines", Array("{\"a\": 1}\n{\"a\": 2}\n".utf8), .init(line: 1, column: nil, problem: .jsonFile)),
            // What people choose instead of the CSV: named by what it is, whatever bytes follow.
            ("an Excel workbook", Array("PK".utf8) + [3, 4, 20, 0, 6, 0, 8, 0, 0, 0, 0x21, 0],
             .init(line: 1, column: nil, problem: .workbookOrZipFile)),
            ("an Excel 97-2003 workbook", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1],
             .init(line: 1, column: nil, problem: .excel97File)),
            ("a compressed file", [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00],
             .init(line: 1, column: nil, problem: .gzipFile)),
            ("a PDF document", Array("%PDF-1.7\n%\u{E2}".utf8), .init(line: 1, column: nil, problem: .pdfFile)),
            ("a JPEG photo", [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8), .init(line: 1, column: nil, problem: .pictureFile)),
            ("a PNG picture", [0x89] + Array("PNG\r\n".utf8) + [0x1A, 0x0A, 0, 0], .init(line: 1, column: nil, problem: .pictureFile)),
            ("a GIF picture", Array("GIF89a".utf8) + [1, 0], .init(line: 1, column: nil, problem: .pictureFile)),
            ("a sign-in page", Array("<!DOCTYPE html>\n<html lang=\"id\"><head>".utf8), .init(line: 1, column: nil, problem: .markupFile)),
            ("a sheet saved as a web page", Array("<html xmlns:o=\"urn:schemas-microsoft-com:office:office\">".utf8),
             .init(line: 1, column: nil, problem: .markupFile)),
            ("an XML spreadsheet", Array("<?xml version=\"1.0\"?>\n<Workbook>".utf8), .init(line: 1, column: nil, problem: .markupFile)),
        ]
        for (name, bytes, failure) in cases {
            for size in [0, 1, 4] {
                XCTAssertEqual(read(bytes, in: size).failure, failure, "\(name), chunks of \(size)")
            }
        }
    }

    /// A field that is no text (Latin-1 bytes, a NUL byte) is named, and the lines after it are read
    /// on: where the record ends is still known, and a file with many such lines is reported whole.
    func testFieldsThatAreNoTextAreNamedAndReadingGoesOn() {
        let bytes = Array("a,b\n1,".utf8) + [0x44, 0xE9, 0x64, 0xE9] + Array("\n\"2\0\",\"x\ny\"\n3,\"".utf8) + [0xC3]
            + Array("\0\"\n4,é\n".utf8)
        let expected = [
            CSVReader.Record(line: 1, fields: ["a", "b"]),
            CSVReader.Record(line: 2, fields: ["1", ""], unreadableFields: [.init(column: 2, problem: .notUTF8, asWindowsText: "Dédé")]),
            CSVReader.Record(line: 3, fields: ["", "x\ny"], unreadableFields: [.init(column: 1, problem: .nulByte)]),
            CSVReader.Record(line: 5, fields: ["3", ""], unreadableFields: [.init(column: 2, problem: .nulByte)]),
            CSVReader.Record(line: 6, fields: ["4", "é"]),
        ]
        for size in [0, 1, 4] {
            let result = read(bytes, in: size)
            XCTAssertNil(result.failure, "chunks of \(size)")
            XCTAssertEqual(result.records, expected, "chunks of \(size)")
        }
    }

    /// The first bytes are held back until they tell what the file is: a file shorter than them
    /// still gives every record it holds, without its byte order mark.
    func testAFileOfAFewBytesGivesEveryRecord() {
        let cases: [([UInt8], [[String]])] = [
            (Array("x\n".utf8), [["x"]]), (Array("a\nb".utf8), [["a"], ["b"]]), (Array("1,2".utf8), [["1", "2"]]),
            ([0xEF, 0xBB, 0xBF], []), ([0xEF, 0xBB, 0xBF] + Array("a".utf8), [["a"]]), ([], []),
        ]
        for (bytes, fields) in cases {
            for size in [0, 1, 2] {
                let result = read(bytes, in: size)
                XCTAssertNil(result.failure, "\(bytes), chunks of \(size)")
                XCTAssertEqual(result.records.map(\.fields), fields, "\(bytes), chunks of \(size)")
            }
        }
    }

    /// Whether the last record had no line break after it: what tells a file cut off in a row.
    func testTheReaderTellsWhetherTheLastRecordEndedItsLine() throws {
        let cases: [(String, Bool)] = [
            ("a,b\n1,2", true), ("a,b\n1,2\n", false), ("a,b\r\n1,2\r\n", false), ("a,b\n1,2\n  \n", false),
            ("a,b\n1,2\n\u{1A}", false), ("a,b\n1,\"x\ny\"", true), ("1,2", true), ("", false),
        ]
        for (text, expected) in cases {
            for size in [0, 1, 3] {
                var reader = CSVReader()
                let bytes = Array(text.utf8)
                for start in stride(from: 0, to: bytes.count, by: size == 0 ? max(bytes.count, 1) : size) {
                    _ = reader.feed(Array(bytes[start..<min(start + (size == 0 ? bytes.count : size), bytes.count)]))
                }
                _ = try reader.finish()
                XCTAssertEqual(reader.endsWithoutLineBreak, expected, "\(text.debugDescription), chunks of \(size)")
            }
        }
    }

    /// A file that begins like another kind of file but is not one is read as the text it is.
    func testAFileThatOnlyBeginsLikeAWorkbookIsReadAsText() {
        for (text, fields) in [("PK,PDF\n1,2\n", ["PK", "PDF"]), ("%PDF_id,x\n", ["%PDF_id", "x"]), ("P", ["P"]), ("<h1>,x\n", ["<h1>", "x"]),
                               ("[id],x\n", ["[id]", "x"]), ("{id},x\n", ["{id}", "x"])] {
            for size in [0, 1, 2] {
                let result = read(Array(text.utf8), in: size)
                XCTAssertNil(result.failure, "\(text), chunks of \(size)")
                XCTAssertEqual(result.records.first?.fields, fields, "\(text), chunks of \(size)")
            }
        }
    }
}
