@testable import FKPCore
import XCTest

final class CSVWriterTests: XCTestCase {
    func testFieldsAreQuotedOnlyWhenTheyMustBe() {
        let cases: [(String, String)] = [
            ("Siti", "Siti"), ("O'Neil bin Ma'ruf", "O'Neil bin Ma'ruf"), ("Dédé Sutisna", "Dédé Sutisna"), ("محمد", "محمد"), ("", ""),
            ("Budi, S.Pd", "\"Budi, S.Pd\""), ("Dédé \"Ujang\"", "\"Dédé \"\"Ujang\"\"\""),
            ("two\nlines", "\"two\nlines\""), ("two\r\nlines", "\"two\r\nlines\""), ("cr\r", "\"cr\r\""),
            (" lead", "\" lead\""), ("trail ", "\"trail \""), ("\u{A0}no-break", "\"\u{A0}no-break\""), ("ideographic\u{3000}", "\"ideographic\u{3000}\""),
            ("Ñ", "Ñ"), ("é\u{301}", "é\u{301}"),
        ]
        for (field, written) in cases {
            XCTAssertEqual(CSVWriter.quoted(field), written, field.debugDescription)
        }
    }

    /// Whatever a field holds, the reader gives back what the writer wrote.
    func testWhatIsWrittenReadsBackTheSame() throws {
        var random = SeededRandom(seed: 36)
        let pieces = ["a", "Z", "9", " ", ",", "\"", "\n", "\r", "'", "é", "\u{A0}", "\u{3000}", "ß", "😀", "-", "="]
        for _ in 0..<500 {
            let fields = (0..<random.int(1...5)).map { _ in (0..<random.int(0...6)).map { _ in pieces[random.int(0...(pieces.count - 1))] }.joined() }
            var reader = CSVReader()
            var records = reader.feed(Array(("h" + String(repeating: ",h", count: fields.count - 1) + "\n" + CSVWriter.line(fields)).utf8))
            records += try reader.finish()
            // A row of empty or blank fields (spaces of any kind, no line break) is skipped as a blank line; any other comes back whole.
            if fields.allSatisfy({ $0.unicodeScalars.allSatisfy { $0.properties.isWhitespace && $0 != "\n" && $0 != "\r" } }) {
                XCTAssertEqual(records.count, 1, fields.debugDescription)
                continue
            }
            XCTAssertEqual(records.last?.fields, fields, fields.debugDescription)
        }
    }
}
