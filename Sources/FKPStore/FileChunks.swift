#if canImport(Glibc)
import Glibc
#endif

/// A file (or standard input) read in 256 KiB chunks, so an import's memory stays flat whatever
/// the file's size.
public struct FileChunks: AsyncSequence, Sendable {
    public typealias Element = [UInt8]
    let file: OpenFile

    public struct ReadFailed: Error, CustomStringConvertible {
        public let path: String
        public let reason: String

        init(path: String, errno code: Int32) {
            self.path = path
            reason = String(cString: strerror(code))
        }

        public var description: String { "cannot read \(path): \(reason)" }
    }

    /// The descriptor read, closed once neither the chunks nor a reading of them is left: an
    /// import that stops at a broken line does not read on to the end.
    final class OpenFile: Sendable {
        let descriptor: Int32
        let path: String

        init(descriptor: Int32, path: String) {
            self.descriptor = descriptor
            self.path = path
        }

        deinit {
            if descriptor != 0 { close(descriptor) }  // standard input stays the process's
        }
    }

    /// `-` reads standard input.
    public init(path: String) throws {
        if path == "-" {
            file = OpenFile(descriptor: 0, path: "standard input")
        } else {
            let descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw ReadFailed(path: path, errno: errno) }
            file = OpenFile(descriptor: descriptor, path: path)
        }
    }

    /// Reads `descriptor` from where it stands, and closes it when done; `name` names it in errors.
    public init(takingOver descriptor: Int32, name: String) {
        file = OpenFile(descriptor: descriptor, path: name)
    }

    public init(bytes: [UInt8]) throws {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw ReadFailed(path: "memory", errno: errno) }
        // Small test inputs only: a pipe holds 64 KiB before a writer would block.
        precondition(bytes.count < 60_000)
        _ = bytes.withUnsafeBytes { write(fds[1], $0.baseAddress, bytes.count) }
        close(fds[1])
        file = OpenFile(descriptor: fds[0], path: "memory")
    }

    /// How far the file has been read; nil for a pipe or a terminal.
    public var offset: Int? {
        let offset = lseek(file.descriptor, 0, SEEK_CUR)
        return offset >= 0 ? Int(offset) : nil
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let file: OpenFile
        var done = false

        public mutating func next() async throws -> [UInt8]? {
            guard !done else { return nil }
            var buffer = [UInt8](repeating: 0, count: 1 << 18)
            var count: Int
            repeat {
                count = buffer.withUnsafeMutableBytes { read(file.descriptor, $0.baseAddress, $0.count) }
            } while count < 0 && errno == EINTR
            if count <= 0 {
                // A failed read is not the end of the file: taken as one, it would load a truncated list.
                let failure = errno
                done = true
                if count < 0 { throw ReadFailed(path: file.path, errno: failure) }
                return nil
            }
            return Array(buffer[0..<count])
        }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(file: file) }
}
