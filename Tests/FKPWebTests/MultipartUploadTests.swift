import AsyncAlgorithms
import FKPStore
@testable import FKPWeb
import Foundation
import Hummingbird
import Logging
import XCTest

final class MultipartUploadTests: XCTestCase {
    /// A form's chunks as a request body.
    static func body(_ chunks: [String]) -> RequestBody {
        let buffers = chunks.map { ByteBuffer(string: $0) }
        return RequestBody(asyncSequence: buffers.async)
    }

    /// `text` as a body that arrives in chunks of `size` bytes (a line may be cut anywhere).
    static func body(_ text: String, inChunksOf size: Int) -> RequestBody {
        let bytes = Array(text.utf8)
        return body(stride(from: 0, to: bytes.count, by: size).map { String(decoding: bytes[$0..<min($0 + size, bytes.count)], as: UTF8.self) })
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
