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
            if let last = try reader.finish() { records.append(last) }
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

    func testBrokenQuotingAndBytesThatAreNotUTF8NameTheirLineAndColumn() {
        let cases: [(String, [UInt8], CSVReader.Failure)] = [
            ("quote inside a field", Array("a,b\n1,x\"y\n".utf8),
             .init(line: 2, column: 2, problem: "a quote inside an unquoted field (quote the whole field and double the quote)")),
            ("text after a closing quote", Array("a,b\n\"x\"y,2\n".utf8), .init(line: 2, column: 1, problem: "text after a closing quote")),
            ("unclosed quote", Array("a,b\n1,\"never\nclosed".utf8), .init(line: 2, column: 2, problem: "a quoted field is never closed")),
            ("Latin-1 byte", Array("a,b\n1,".utf8) + [0x44, 0xE9, 0x64, 0xE9] + Array("\n".utf8),
             .init(line: 2, column: 2, problem: "bytes that are not UTF-8 (save the file as UTF-8)")),
        ]
        for (name, bytes, failure) in cases {
            for size in [0, 1, 4] {
                XCTAssertEqual(read(bytes, in: size).failure as? CSVReader.Failure, failure, "\(name), chunks of \(size)")
            }
        }
    }
}
