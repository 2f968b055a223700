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

    /// The part named `file`, whatever the chunks it arrives in, lands in the spool whole and alone;
    /// the spool's file has no name in its directory, so no one else can open it.
    func testTheFilePartIsKeptWholeInASpoolThatHasNoNameInItsDirectory() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fkp-spool-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = String(repeating: "F1,32010100010001,Budi\r\n", count: 5_000)
        let form = "--B\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nnot the file\r\n"
            + "--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"daftar.csv\"\r\n\r\n\(file)\r\n--B--\r\n"
        let chunks = stride(from: 0, to: form.utf8.count, by: 7_919).map { start in
            String(decoding: Array(form.utf8)[start..<min(start + 7_919, form.utf8.count)], as: UTF8.self)
        }
        let spool = try UnnamedFile(in: directory)
        let name = try await MultipartUpload.read(Self.body(chunks), boundary: "B", into: spool)
        XCTAssertEqual(name, "daftar.csv")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory), [], "the spool has no name")
        var kept: [UInt8] = []
        for try await chunk in try spool.chunks() { kept += chunk }
        XCTAssertEqual(String(decoding: kept, as: UTF8.self), file)
    }

    /// A body that ends inside the file is refused: what arrived is never imported as the whole list.
    func testABodyEndingInsideTheFileIsRefused() async throws {
        let spool = try UnnamedFile()
        do {
            _ = try await MultipartUpload.read(Self.body(["--B\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\ncode,na"]),
                                               boundary: "B", into: spool)
            XCTFail("a body cut inside its file must be refused")
        } catch let error as HTTPError {
            XCTAssertEqual(error.status, .badRequest)
        }
    }
}
