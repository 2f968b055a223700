import AsyncAlgorithms
@testable import FKPWeb
import Foundation
import Hummingbird
import XCTest

final class MultipartFileStreamTests: XCTestCase {
    static let pieceSize = 16_384
    static let pieces = 100

    /// How many of a body's chunks have been read.
    final class ReadCount: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        var value: Int { lock.withLock { count } }
        /// Counts one more read; the number of reads before it.
        func add() -> Int { lock.withLock { defer { count += 1 }; return count } }
    }

    /// A form whose file is `pieces` chunks of `pieceSize` bytes, as a body that counts the chunks read from it.
    static func body(counting read: ReadCount) -> RequestBody {
        var chunks = [ByteBuffer(string: "--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\n")]
        chunks += Array(repeating: ByteBuffer(string: String(repeating: "x", count: pieceSize)), count: pieces)
        chunks.append(ByteBuffer(string: "\r\n--B--\r\n"))
        let all = chunks
        let sequence = AsyncStream<ByteBuffer> {
            let next = read.add()
            return next < all.count ? all[next] : nil
        }
        return RequestBody(asyncSequence: sequence)
    }

    /// An office network sends a list faster than an import loads it: the body is read no further
    /// ahead of the import than a chunk or two, so memory stays flat whatever the file's size.
    func testTheBodyIsReadNoFasterThanItsFileIsTaken() async throws {
        let read = ReadCount()
        let stream = MultipartFileStream()
        async let pumped: Void = stream.pump(Self.body(counting: read), boundary: "B")
        var taken = 0, furthestAhead = 0
        for try await piece in stream.chunks {
            if taken == 0 { try await Task.sleep(for: .milliseconds(300)) }  // the import at work: the body would run ahead now
            taken += piece.count
            furthestAhead = max(furthestAhead, read.value * Self.pieceSize - taken)
        }
        await pumped
        XCTAssertEqual(taken, Self.pieces * Self.pieceSize)
        XCTAssertLessThanOrEqual(furthestAhead, 3 * Self.pieceSize, "read ahead of the import: \(furthestAhead / Self.pieceSize) chunks")
    }

    /// An import that ends early (a file refused at its header) lets the rest of the body be read
    /// and dropped, so that the answer follows the whole request.
    func testOnceTheReaderStopsTheRestOfTheBodyIsReadAndDropped() async throws {
        let read = ReadCount()
        let stream = MultipartFileStream()
        async let pumped: Void = stream.pump(Self.body(counting: read), boundary: "B")
        for try await _ in stream.chunks { break }
        stream.stopReading()
        await pumped
        XCTAssertEqual(read.value, Self.pieces + 3, "every chunk of the body read, and its end")
    }
}
