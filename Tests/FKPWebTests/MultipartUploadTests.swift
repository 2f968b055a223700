import AsyncAlgorithms
import FKPCore
import FKPStore
@testable import FKPWeb
import FKPTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import XCTest

final class MultipartUploadTests: XCTestCase {
    /// A form's chunks as a request body.
    static func body(_ chunks: [String]) -> RequestBody {
        let buffers = chunks.map { ByteBuffer(string: $0) }
        return RequestBody(asyncSequence: buffers.async)
    }

    /// `text` as a body that arrives in chunks of `size` bytes (a line, or a letter, may be cut anywhere).
    static func body(_ text: String, inChunksOf size: Int) -> RequestBody { body(Array(text.utf8), inChunksOf: size) }

    static func body(_ bytes: [UInt8], inChunksOf size: Int) -> RequestBody {
        let buffers = stride(from: 0, to: bytes.count, by: size).map { ByteBuffer(bytes: bytes[$0..<min($0 + size, bytes.count)]) }
        return RequestBody(asyncSequence: buffers.async)
    }

    static let token = "9fX2-token_of.the-session"
    /// The session's token, as the form's hidden field before its file input sends it.
    static let tokenPart = "--B\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n\(token)\r\n"

    static func read(_ body: RequestBody, into spool: UnnamedFile, atMost limit: Int, expecting token: String? = token) async throws -> (name: String, whole: Bool) {
        try await MultipartUpload.read(body, boundary: "B", csrfToken: token, into: spool, atMost: limit, logger: Logger(label: "test"))
    }

    /// The part named `file`, whatever the chunks it arrives in, lands in the spool whole and alone;
    /// the spool's file has no name in its directory, so no one else can open it.
    func testTheFilePartIsKeptWholeInASpoolThatHasNoNameInItsDirectory() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fkp-spool-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = String(repeating: "F1,32010100010001,Budi\r\n", count: 5_000)
        let form = Self.tokenPart + "--B\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nnot the file\r\n"
            + "--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"daftar.csv\"\r\n\r\n\(file)\r\n--B--\r\n"
        let spool = try UnnamedFile(in: directory)
        let (name, whole) = try await Self.read(Self.body(form, inChunksOf: 7_919), into: spool, atMost: file.utf8.count)
        XCTAssertEqual(name, "daftar.csv")
        XCTAssertTrue(whole, "a file of exactly the limit")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory), [], "the spool has no name")
        var kept: [UInt8] = []
        for try await chunk in try spool.chunks() { kept += chunk }
        XCTAssertEqual(String(decoding: kept, as: UTF8.self), file)
    }

    /// A file over the limit is not kept beyond it, and the rest of the body is still read, so that
    /// the page saying so follows the whole request.
    func testAFileOverTheLimitIsNotKeptAndTheBodyIsReadToItsEnd() async throws {
        let file = String(repeating: "F1,32010100010001,Budi\n", count: 1_000)
        let form = Self.tokenPart + "--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"besar.csv\"\r\n\r\n\(file)\r\n--B--\r\n"
        let spool = try UnnamedFile()
        let (name, whole) = try await Self.read(Self.body(form, inChunksOf: 1_000), into: spool, atMost: 10_000)
        XCTAssertEqual(name, "besar.csv")
        XCTAssertFalse(whole)
        XCTAssertLessThanOrEqual(spool.size, 10_000)
    }

    /// A body that ends inside the file is refused: what arrived is never imported as the whole list.
    func testABodyEndingInsideTheFileIsRefused() async throws {
        let spool = try UnnamedFile()
        do {
            _ = try await Self.read(Self.body([Self.tokenPart + "--B\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\ncode,na"]),
                                    into: spool, atMost: 1 << 20)
            XCTFail("a body cut inside its file must be refused")
        } catch let error as HTTPError {
            XCTAssertEqual(error.status, .badRequest)
        }
    }

    /// The token is read however the body is cut, also a byte at a time.
    func testTheTokenIsReadInChunksOfAnySize() async throws {
        let form = Self.tokenPart + "--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\ncode,name,level\n\r\n--B--\r\n"
        for size in [1, 3, 64] {
            let spool = try UnnamedFile()
            _ = try await Self.read(Self.body(form, inChunksOf: size), into: spool, atMost: 1 << 20)
            XCTAssertEqual(spool.size, "code,name,level\n".utf8.count, "chunks of \(size)")
        }
    }

    /// A file without the session's token before it (none, another, an empty one, one after the
    /// file, a session without one) is refused as forbidden, and not a byte of it is kept.
    func testAFileWithoutTheSessionsTokenBeforeItIsForbiddenAndNotKept() async throws {
        let file = "--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\ncode,name,level\n\r\n"
        let cases: [(String, String?, String)] = [
            (file + "--B--\r\n", Self.token, "no token"),
            (Self.tokenPart.replacingOccurrences(of: Self.token, with: "another") + file + "--B--\r\n", Self.token, "another token"),
            (Self.tokenPart.replacingOccurrences(of: Self.token, with: "") + file + "--B--\r\n", Self.token, "an empty token"),
            (file + Self.tokenPart + "--B--\r\n", Self.token, "the token after the file"),
            (Self.tokenPart.replacingOccurrences(of: Self.token, with: "another") + Self.tokenPart + file + "--B--\r\n", Self.token,
             "only the first token field counts"),
            (Self.tokenPart + file + "--B--\r\n", nil, "a session without a token"),
        ]
        for (form, expected, why) in cases {
            let spool = try UnnamedFile()
            do {
                _ = try await Self.read(Self.body(form, inChunksOf: 5), into: spool, atMost: 1 << 20, expecting: expected)
                XCTFail("\(why): must be refused")
            } catch let error as HTTPError {
                XCTAssertEqual(error.status, .forbidden, why)
                XCTAssertEqual(spool.size, 0, why)
            }
        }
    }

    /// Seeded damage to a whole form, as a faulty client or network sends it (bytes changed, cut,
    /// doubled, the format's own words dropped in: boundaries, part headers, the token's name): each
    /// damaged body gets the same answer in whatever pieces it arrives, also a byte at a time; that
    /// answer is a kept file or the request refused as bad or forbidden, never another failure; and a
    /// kept file is bytes the body holds, in one run.
    func testDamagedFormsGetTheSameAnswerInAnyPieces() async throws {
        let file = "code,name,level\n3201010003,\"Desa Ma'ruf, Tiga\",village\r\n32010100030001,RT 001,sls\n"
        let form = Array((Self.tokenPart + "--B\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nrevisi\r\n"
            + "--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"wilayah.csv\"\r\nContent-Type: text/csv\r\n\r\n"
            + file + "\r\n--B--\r\n").utf8)
        let words = ["--B", "--B--", "\r\n", "\r\n\r\n", "\n", "\r", "\"", ";", ":", "=", "\0", "--", "B",
                     "Content-Disposition: form-data; name=\"file\"; filename=\"x.csv\"", "Content-Disposition: ",
                     "name=\"csrf_token\"", "name=\"file\"", "filename=", "Content-Type: text/csv", Self.token,
                     "\r\n--B\r\n", "\r\n--B--"].map { Array($0.utf8) } + [[0xFF], [0xC3], [0xE2, 0x80]]
        var random = SeededRandom(seed: 52)
        var kept = 0
        for round in 0..<300 {
            let bytes = random.damaged(form, words: words, damages: 1...3, longestRemoval: 20, longestDoubling: 80)
            let whole = try await answer(to: bytes, inChunksOf: max(bytes.count, 1))
            for size in [1, 2, 5, random.int(3...200)] {
                let pieces = try await answer(to: bytes, inChunksOf: size)
                XCTAssertEqual(pieces, whole, "round \(round), pieces of \(size): \(String(decoding: bytes, as: UTF8.self).debugDescription)")
            }
            if case .kept(_, let content) = whole {
                kept += 1
                XCTAssertTrue(content.isEmpty || bytes.indices.contains { bytes[$0...].starts(with: content) },
                              "round \(round): the kept file is not in the body")
            }
        }
        XCTAssertGreaterThan(kept, 30, "some damage spares the file: the rounds also try forms that are read")
    }

    enum Answer: Equatable {
        case kept(name: String, content: [UInt8])
        case refused(HTTPResponse.Status)
    }

    /// What the reader makes of a body in pieces of `size`; a failure other than a refusal of the
    /// request fails the test.
    func answer(to bytes: [UInt8], inChunksOf size: Int) async throws -> Answer {
        let spool = try UnnamedFile()
        do {
            let (name, _) = try await Self.read(Self.body(bytes, inChunksOf: size), into: spool, atMost: 1 << 20)
            var content: [UInt8] = []
            for try await chunk in try spool.chunks() { content += chunk }
            return .kept(name: name, content: content)
        } catch let refusal as HTTPError {
            XCTAssertTrue([.badRequest, .forbidden].contains(refusal.status), "\(refusal)")
            return .refused(refusal.status)
        }
    }

    /// A form with its token but no file is a bad request, not an empty list.
    func testAFormWithoutAFileIsABadRequest() async throws {
        do {
            _ = try await Self.read(Self.body([Self.tokenPart + "--B--\r\n"]), into: try UnnamedFile(), atMost: 1 << 20)
            XCTFail("a form without a file must be refused")
        } catch let error as HTTPError {
            XCTAssertEqual(error.status, .badRequest)
        }
    }
}
