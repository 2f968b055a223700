import AsyncAlgorithms
import FKPStore
@testable import FKPWeb
import Foundation
import Hummingbird
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

    /// The part named `file`, whatever the chunks it arrives in, lands in the spool whole and alone;
    /// the spool's file has no name in its directory, so no one else can open it.
    func testTheFilePartIsKeptWholeInASpoolThatHasNoNameInItsDirectory() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fkp-spool-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = String(repeating: "F1,32010100010001,Budi\r\n", count: 5_000)
        let form = "--B\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nnot the file\r\n"
            + "--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"daftar.csv\"\r\n\r\n\(file)\r\n--B--\r\n"
        let spool = try UnnamedFile(in: directory)
        let (name, whole) = try await MultipartUpload.read(Self.body(form, inChunksOf: 7_919), boundary: "B", into: spool, atMost: file.utf8.count)
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
        let form = "--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"besar.csv\"\r\n\r\n\(file)\r\n--B--\r\n"
        let spool = try UnnamedFile()
        let (name, whole) = try await MultipartUpload.read(Self.body(form, inChunksOf: 1_000), boundary: "B", into: spool, atMost: 10_000)
        XCTAssertEqual(name, "besar.csv")
        XCTAssertFalse(whole)
        XCTAssertLessThanOrEqual(spool.size, 10_000)
    }

    /// A body that ends inside the file is refused: what arrived is never imported as the whole list.
    func testABodyEndingInsideTheFileIsRefused() async throws {
        let spool = try UnnamedFile()
        do {
            _ = try await MultipartUpload.read(Self.body(["--B\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\ncode,na"]),
                                               boundary: "B", into: spool, atMost: 1 << 20)
            XCTFail("a body cut inside its file must be refused")
        } catch let error as HTTPError {
            XCTAssertEqual(error.status, .badRequest)
        }
    }
}
