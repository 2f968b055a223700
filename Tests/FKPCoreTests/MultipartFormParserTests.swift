import FKPCore
import XCTest

final class MultipartFormParserTests: XCTestCase {
    struct Part: Equatable {
        var headers: [MultipartFormParser.Header]
        var content: [UInt8] = []
        var ended = false
    }

    /// The parts `body` holds, read in pieces of `size` bytes, and whether the form was complete;
    /// or the refusal.
    func read(_ body: [UInt8], boundary: String = "B", in size: Int? = nil) throws -> (parts: [Part], complete: Bool) {
        var parser = try XCTUnwrap(MultipartFormParser(boundary: boundary))
        var parts: [Part] = []
        let size = max(size ?? body.count, 1)
        for start in stride(from: 0, to: body.count, by: size) {
            try Array(body[start..<min(start + size, body.count)]).withUnsafeBytes { bytes in
                try parser.feed(bytes) { event in
                    switch event {
                    case .partBegins(let headers): parts.append(Part(headers: headers))
                    case .content(let bytes): parts[parts.count - 1].content += bytes
                    case .partEnds: parts[parts.count - 1].ended = true
                    }
                }
            }
        }
        return (parts, parser.isComplete)
    }

    func read(_ text: String, boundary: String = "B", in size: Int? = nil) throws -> (parts: [Part], complete: Bool) {
        try read(Array(text.utf8), boundary: boundary, in: size)
    }

    func assertMalformed(_ text: String, boundary: String = "B", _ why: String, file: StaticString = #filePath, line: UInt = #line) {
        for size in [1, 3, text.utf8.count] {
            XCTAssertThrowsError(try read(text, boundary: boundary, in: size), "\(why), pieces of \(size)", file: file, line: line) {
                XCTAssertTrue($0 is MultipartFormParser.Malformed, "\($0)", file: file, line: line)
            }
        }
    }

    /// A form as a browser sends it: every part's headers and content exactly, in any pieces, also a
    /// byte at a time; content that looks like the start of a delimiter, and CRs and LFs in it, stay
    /// content.
    func testABrowsersFormIsReadTheSameInAnyPieces() throws {
        let boundary = "----WebKitFormBoundary7MA4YWxkTrZu0gW"
        let file = "code,name,level\r\n32,\"JAWA\r\nBARAT\",province\n\r\r\n\r\n-\r\n--\r\n------WebKitFormBoundary7MA4\r\n--x\r"
        let body = "--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\nabc\r\n"
            + "--\(boundary)\r\ncontent-disposition:form-data; name=\"file\"; filename=\"daftar é.csv\"\r\nContent-Type: text/csv  \r\n\r\n"
            + file + "\r\n--\(boundary)\r\nContent-Disposition: form-data; name=\"empty\"\r\n\r\n\r\n--\(boundary)--\r\n"
        let expected = [
            Part(headers: [.init(name: "content-disposition", value: "form-data; name=\"csrf_token\"")], content: Array("abc".utf8), ended: true),
            Part(headers: [.init(name: "content-disposition", value: "form-data; name=\"file\"; filename=\"daftar é.csv\""),
                           .init(name: "content-type", value: "text/csv")], content: Array(file.utf8), ended: true),
            Part(headers: [.init(name: "content-disposition", value: "form-data; name=\"empty\"")], content: [], ended: true),
        ]
        for size in [1, 2, 3, 7, 38, 39, 40, 41, 64, body.utf8.count] {
            let read = try read(body, boundary: boundary, in: size)
            XCTAssertEqual(read.parts, expected, "pieces of \(size)")
            XCTAssertTrue(read.complete, "pieces of \(size)")
        }
    }

    /// A file of CRLF lines, fed whole, is handed over in one run, not a piece a line: each run is a
    /// write into the upload's spool.
    func testContentIsHandedOverInOneRunPerPiece() throws {
        let file = String(repeating: "F1,32010100010001,\"Budi\r\nSantoso\",-5\r\n", count: 1_000)
        let body = Array(("--B\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n" + file + "\r\n--B--\r\n").utf8)
        var parser = try XCTUnwrap(MultipartFormParser(boundary: "B"))
        var runs = 0, content: [UInt8] = []
        try body.withUnsafeBytes { bytes in
            try parser.feed(bytes) { event in
                if case .content(let run) = event {
                    runs += 1
                    content += run
                }
            }
        }
        XCTAssertEqual(content, Array(file.utf8))
        XCTAssertEqual(runs, 1)
    }

    /// What comes before the first delimiter and after the last is passed over; a part may have no
    /// header; spaces may follow a delimiter before its line ends.
    func testThePreambleTheEpilogueAPartWithoutHeadersAndPaddingAreRead() throws {
        let read = try read("a preamble\r\n--B \t\r\n\r\nbare\r\n--B--\r\nan epilogue, --B\r\n never read")
        XCTAssertEqual(read.parts, [Part(headers: [], content: Array("bare".utf8), ended: true)])
        XCTAssertTrue(read.complete)
    }

    /// A body cut anywhere is read as far as it goes, and not complete.
    func testABodyCutShortIsNotComplete() throws {
        let body = "--B\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\ncode\r\n--B--"
        for end in 0..<body.utf8.count {
            let read = try read(Array(body.utf8.prefix(end)))
            XCTAssertFalse(read.complete, "cut at \(end)")
            // A delimiter's bytes are held back until it is whole: none of them is taken for content.
            XCTAssertTrue(read.parts.allSatisfy { "code".utf8.starts(with: $0.content) }, "cut at \(end): \(read.parts)")
        }
    }

    /// Bytes that MultipartKit 4.7.1, which read uploads before, stopped the whole process on: a
    /// byte past ASCII in a part's header name (an out-of-range lookup), and an empty boundary (a
    /// precondition). Now refused as any malformed form is.
    func testWhatStoppedTheServerBeforeIsRefused() {
        assertMalformed("--B\r\nContént-Disposition: form-data; name=\"file\"\r\n\r\nx\r\n--B--\r\n", "a letter past ASCII in a header's name")
        assertMalformed("--B\r\n\u{FF}: x\r\n\r\nx\r\n--B--\r\n", "a header's name of one byte past ASCII")
        XCTAssertNil(MultipartFormParser(boundary: ""), "an empty boundary")
        XCTAssertNil(MultipartFormParser(boundary: String(repeating: "b", count: 71)), "longer than RFC 2046's 70")
        XCTAssertNil(MultipartFormParser(boundary: "a\r\nb"), "a boundary with a line end in it")
        XCTAssertNil(MultipartFormParser(boundary: "ends in a space "), "a boundary ending in a space")
        XCTAssertNil(MultipartFormParser(boundary: "é"), "a letter past ASCII")
        XCTAssertNotNil(MultipartFormParser(boundary: String(repeating: "b", count: 70)))
        XCTAssertNotNil(MultipartFormParser(boundary: "---------------------------9051914041544843365972754266"))
    }

    /// Headers are lines of `name: value` ended by CRLF, closed by an empty line; a delimiter is
    /// followed by CRLF or by `--`; anything else is refused.
    func testMalformedFramingIsRefused() {
        assertMalformed("--B\r\nno colon here\r\n\r\nx\r\n--B--\r\n", "a header line without a colon")
        assertMalformed("--B\r\n: no name\r\n\r\nx\r\n--B--\r\n", "a header without a name")
        assertMalformed("--B\r\nName : spaced\r\n\r\nx\r\n--B--\r\n", "a space in a header's name")
        assertMalformed("--B\r\nName: a\rb\r\n\r\nx\r\n--B--\r\n", "a bare CR in a header's value")
        assertMalformed("--B\r\nName: a\nb\r\n\r\nx\r\n--B--\r\n", "a bare LF in a header's value")
        assertMalformed("--B\nName: a\r\n\r\nx\r\n--B--\r\n", "a delimiter line ended by LF alone")
        assertMalformed("--B\r\nName: a\r\n\r\nx\r\n--Bx\r\n", "the boundary inside content, as the start of a longer line")
        assertMalformed("--B\r\nName: a\r\n\r\nx\r\n--B-\r\n", "a closing delimiter with one dash")
        assertMalformed("--B \t x\r\n\r\nx\r\n--B--\r\n", "text after a delimiter's padding")
        assertMalformed("--B\r\n" + String(repeating: "X-Long: \(String(repeating: "v", count: 100))\r\n", count: 200) + "\r\nx\r\n--B--\r\n",
                        "headers longer than the limit")
    }
}
