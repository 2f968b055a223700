import AsyncAlgorithms
import FKPCore
@testable import FKPStore
import FKPTestSupport
import XCTest

final class UnpackedChunksTests: XCTestCase {
    static let list = Array((ListImportTests.header + "\n" + (1...3000).map { ListImportTests.row("G\($0)") }.joined(separator: "\n") + "\n").utf8)

    /// All the bytes `bytes` unpack to, read in chunks of `size`.
    static func read(_ bytes: [UInt8], chunksOf size: Int, atMost limit: Int? = nil) async throws -> [UInt8] {
        let chunks = stride(from: 0, to: bytes.count, by: size).map { Array(bytes[$0..<min($0 + size, bytes.count)]) }
        var read: [UInt8] = []
        for try await chunk in UnpackedChunks(chunks.async, atMost: limit) { read += chunk }
        return read
    }

    /// The one problem reading `bytes` is refused with.
    static func refusal(_ bytes: [UInt8], chunksOf size: Int = 4096, atMost limit: Int? = nil,
                        file: StaticString = #filePath, line: UInt = #line) async throws -> ImportProblem.Kind? {
        do {
            _ = try await read(bytes, chunksOf: size, atMost: limit)
            XCTFail("expected the bytes to be refused", file: file, line: line)
        } catch let problems as ImportProblems {
            XCTAssertEqual(problems.total, 1, file: file, line: line)
            return problems.shown.first?.problem
        }
        return nil
    }

    func testAPlainFileIsHandedOnAsItIs() async throws {
        for size in [1, 2, 3, 4096, 1 << 20] {
            let read = try await Self.read(Self.list, chunksOf: size)
            XCTAssertEqual(read, Self.list, "chunks of \(size)")
        }
        let oneByte = try await Self.read([0x1F], chunksOf: 1)
        XCTAssertEqual(oneByte, [0x1F], "a file of one byte, gzip's first, is not taken for gzip")
        let gzipsFirstOnly = try await Self.read([0x1F, 0x41, 0x42], chunksOf: 1)
        XCTAssertEqual(gzipsFirstOnly, [0x1F, 0x41, 0x42])
        let nothing = try await Self.read([], chunksOf: 1)
        XCTAssertEqual(nothing, [])
    }

    func testACompressedFileIsUnpackedWhateverItsChunks() async throws {
        let compressed = Gzipped.bytes(Self.list)
        XCTAssertLessThan(compressed.count * 3, Self.list.count, "compressed, the list is a third of its size or less")
        for size in [1, 2, 3, 1000, 1 << 20] {
            let read = try await Self.read(compressed, chunksOf: size)
            XCTAssertEqual(read, Self.list, "chunks of \(size): the two bytes that say gzip may arrive apart")
        }
    }

    func testMembersOneAfterAnotherAreUnpackedAsGunzipDoes() async throws {
        let half = Self.list.count / 2
        let members = Gzipped.bytes(Array(Self.list[..<half])) + Gzipped.bytes(Array(Self.list[half...])) + Gzipped.bytes([])
        for size in [7, 4096] {
            let read = try await Self.read(members, chunksOf: size)
            XCTAssertEqual(read, Self.list)
        }
    }

    func testACompressedFileCutOffIsSaidSoWhereverItWasCut() async throws {
        let compressed = Gzipped.bytes(Self.list)
        for kept in [2, 10, compressed.count / 2, compressed.count - 1] {
            let problem = try await Self.refusal(Array(compressed[..<kept]))
            XCTAssertEqual(problem, .compressedFileCutOff, "cut after \(kept) of \(compressed.count) bytes")
        }
    }

    func testADamagedCompressedFileIsSaidSo() async throws {
        let compressed = Gzipped.bytes(Self.list)
        var checksum = compressed
        checksum[compressed.count - 6] ^= 0xFF
        var header = compressed
        header[2] = 0x07  // not deflate, the one method gzip has
        for (damaged, why) in [(checksum, "the CRC-32 of the unpacked bytes"), (header, "the compression method"),
                               (compressed + Array("garbage\n".utf8), "bytes after the member that are no member"),
                               (compressed + [0, 0, 0, 0], "zeros after the member, as a padded copy holds")] {
            let problem = try await Self.refusal(damaged)
            XCTAssertEqual(problem, .compressedFileDamaged, why)
        }
    }

    /// A thousand to one: one chunk read from the file unpacks to hundreds of megabytes, which must
    /// come a piece at a time, each handed on before the next is unpacked, for an import's memory
    /// to stay flat.
    func testOneChunkThatUnpacksToMuchComesAPieceAtATime() async throws {
        let compressed = Gzipped.bytes([UInt8](repeating: 0x30, count: 16 << 20))
        var pieces = 0, largest = 0, total = 0
        for try await piece in UnpackedChunks([compressed].async) {
            pieces += 1
            largest = max(largest, piece.count)
            total += piece.count
        }
        XCTAssertEqual(total, 16 << 20)
        XCTAssertLessThanOrEqual(largest, 1 << 18)
        XCTAssertGreaterThanOrEqual(pieces, 64)
        var handedOn = 0
        do {
            for try await piece in UnpackedChunks([compressed].async, atMost: 2 << 20) { handedOn += piece.count }
            XCTFail("16 MB unpacked from one chunk, over a limit of 2 MB")
        } catch is ImportProblems {
            XCTAssertEqual(handedOn, 2 << 20, "the pieces up to the limit were handed on before the rest was unpacked")
        }
    }

    func testACompressedFileUnpacksToAtMostTheLimit() async throws {
        let zeros = Gzipped.bytes([UInt8](repeating: 0x30, count: 3 << 20))
        XCTAssertLessThan(zeros.count, 20_000, "3 MB of one byte compresses to a few KB")
        let problem = try await Self.refusal(zeros, atMost: 2 << 20)
        XCTAssertEqual(problem, .unpacksTooLarge(maximumMegabytes: 2))
        let read = try await Self.read(zeros, chunksOf: 4096, atMost: 3 << 20)
        XCTAssertEqual(read.count, 3 << 20, "up to the limit itself")
        let plain = try await Self.read([UInt8](repeating: 0x30, count: 3 << 20), chunksOf: 1 << 18, atMost: 2 << 20)
        XCTAssertEqual(plain.count, 3 << 20, "a plain file's size is the upload's, limited where it arrives")
    }
}
