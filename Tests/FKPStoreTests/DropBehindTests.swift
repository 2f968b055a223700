import Foundation
import XCTest

@testable import FKPStore

/// A large file written or read once keeps only its last windows in the system's cache.
final class DropBehindTests: XCTestCase {
    private let window = 1 << 20
    private var folder = ""

    override func setUpWithError() throws {
        // Beside the package, on a disk: a memory file system (tmpfs) cannot drop its pages.
        folder = FileManager.default.currentDirectoryPath + "/.build/drop-behind-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: folder)
    }

    func testAFileReadThroughItLeavesTheSystemsCacheBehindTheReader() throws {
        let path = try writeCachedFile(windows: 8)
        XCTAssertEqual(try windowsInCache(path), Array(repeating: "cached", count: 8), "written and synced: the whole file is cached")

        let descriptor = open(path, O_RDONLY)
        defer { close(descriptor) }
        var dropBehind = try XCTUnwrap(DropBehind(descriptor: descriptor, window: window))
        var block = [UInt8](repeating: 0, count: window / 4)
        while case let count = read(descriptor, &block, block.count), count > 0 { dropBehind.passed(count) }

        XCTAssertEqual(try windowsInCache(path), Array(repeating: "dropped", count: 8),
                       "every window passed was advised away; clean pages go at once")
    }

    func testAFileWrittenThroughItIsDroppedBehindTheWriterOnceOnDisk() throws {
        let path = folder + "/written"
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        defer { close(descriptor) }
        var dropBehind = try XCTUnwrap(DropBehind(descriptor: descriptor, window: window))
        let piece = [UInt8](repeating: UInt8(ascii: "x"), count: window / 2)
        for _ in 0..<16 {
            XCTAssertEqual(write(descriptor, piece, piece.count), piece.count)
            fdatasync(descriptor)  // on disk now, so that what is dropped does not hang on the disk's pace
            dropBehind.passed(piece.count)
        }
        XCTAssertEqual(try windowsInCache(path), Array(repeating: "dropped", count: 8), "each window was on disk when advised, and dropped")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), Data(repeating: UInt8(ascii: "x"), count: 8 * window),
                       "the file is whole")
    }

    func testOnlyTheLastWindowsAreAdvisedSoTheReadersOwnPartStays() throws {
        let path = try writeCachedFile(windows: 8)
        let descriptor = open(path, O_RDONLY)
        defer { close(descriptor) }
        var dropBehind = try XCTUnwrap(DropBehind(descriptor: descriptor, window: window))
        dropBehind.passed(window / 2)
        XCTAssertEqual(try windowsInCache(path), Array(repeating: "cached", count: 8), "less than a window passed: nothing advised")
        dropBehind.passed(window + window / 2)
        XCTAssertEqual(try windowsInCache(path), ["dropped", "dropped", "cached", "cached", "cached", "cached", "cached", "cached"],
                       "what was passed goes, what lies ahead stays")
    }

    func testAPipeOrAFileOpenedToAppendIsLeftToTheSystem() throws {
        var pipeEnds: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&pipeEnds), 0)
        defer { pipeEnds.forEach { close($0) } }
        XCTAssertNil(DropBehind(descriptor: pipeEnds[1]))

        let appended = open(folder + "/appended", O_WRONLY | O_CREAT | O_APPEND, 0o644)
        defer { close(appended) }
        XCTAssertNil(DropBehind(descriptor: appended), "an append's offset is only known at each write")
    }

    /// A file of `windows` windows, on disk and in the cache.
    private func writeCachedFile(windows: Int) throws -> String {
        let path = folder + "/file"
        try Data(repeating: 7, count: windows * window).write(to: URL(fileURLWithPath: path))
        let descriptor = open(path, O_RDONLY)
        defer { close(descriptor) }
        fsync(descriptor)
        return path
    }

    /// Whether each window of the file is in the system's cache (`mincore`): all its pages, none, or some.
    private func windowsInCache(_ path: String) throws -> [String] {
        let descriptor = open(path, O_RDONLY)
        defer { close(descriptor) }
        var status = stat()
        XCTAssertEqual(fstat(descriptor, &status), 0)
        let size = Int(status.st_size)
        let mapped = try XCTUnwrap(mmap(nil, size, PROT_READ, MAP_SHARED, descriptor, 0))
        XCTAssertNotEqual(mapped, MAP_FAILED)
        defer { munmap(mapped, size) }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        var resident = [UInt8](repeating: 0, count: (size + page - 1) / page)
        XCTAssertEqual(mincore(mapped, size, &resident), 0)
        let pagesPerWindow = window / page
        return stride(from: 0, to: resident.count, by: pagesPerWindow).map { start in
            let pages = resident[start..<min(start + pagesPerWindow, resident.count)]
            let cached = pages.filter { $0 & 1 == 1 }.count
            return cached == pages.count ? "cached" : cached == 0 ? "dropped" : "partly"
        }
    }
}
