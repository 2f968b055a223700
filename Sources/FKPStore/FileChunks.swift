#if canImport(Glibc)
import Glibc
#endif

/// A file (or standard input) read in 256 KiB chunks, so an import's memory stays flat whatever
/// the file's size.
public struct FileChunks: AsyncSequence, Sendable {
    public typealias Element = [UInt8]
    let descriptor: Int32

    public struct OpenFailed: Error, CustomStringConvertible {
        public let path: String
        public var description: String { "cannot read \(path)" }
    }

    /// `-` reads standard input.
    public init(path: String) throws {
        if path == "-" {
            descriptor = 0
        } else {
            descriptor = open(path, O_RDONLY)
            guard descriptor >= 0 else { throw OpenFailed(path: path) }
        }
    }

    public init(bytes: [UInt8]) throws {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw OpenFailed(path: "memory") }
        // Small test inputs only: a pipe holds 64 KiB before a writer would block.
        precondition(bytes.count < 60_000)
        _ = bytes.withUnsafeBytes { write(fds[1], $0.baseAddress, bytes.count) }
        close(fds[1])
        descriptor = fds[0]
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let descriptor: Int32
        var done = false

        public mutating func next() async throws -> [UInt8]? {
            guard !done else { return nil }
            var buffer = [UInt8](repeating: 0, count: 1 << 18)
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count <= 0 {
                done = true
                if descriptor != 0 { close(descriptor) }
                return nil
            }
            return Array(buffer[0..<count])
        }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(descriptor: descriptor) }
}
