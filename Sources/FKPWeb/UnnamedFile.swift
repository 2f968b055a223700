import FKPStore
import Foundation
import Hummingbird
import NIOCore

/// A file that only this process can reach: created private (mode 0600) under a random name and
/// unlinked at once, so that it is never in its directory for others to open, and its space is
/// given back when it is released, however the request that made it ends. For files that hold
/// personal numbers on their way through a slow network: an upload being received (kept whole
/// before its import takes a database connection), an export being sent (see `ExportSpool`).
final class UnnamedFile {
    private let descriptor: Int32
    /// Bytes appended so far.
    private(set) var size = 0

    init(in directory: String = NSTemporaryDirectory()) throws {
        let path = (directory as NSString).appendingPathComponent("fkp-\(UUID().uuidString)")
        descriptor = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw Self.failure() }
        unlink(path)
    }

    deinit { close(descriptor) }

    func append(_ buffer: ByteBuffer) throws {
        try buffer.withUnsafeReadableBytes { try append($0) }
    }

    func append(_ bytes: UnsafeRawBufferPointer) throws {
        var done = 0
        while done < bytes.count {
            let count = pwrite(descriptor, bytes.baseAddress! + done, bytes.count - done, off_t(size + done))
            if count < 0 {
                if errno == EINTR { continue }
                throw Self.failure()
            }
            done += count
        }
        size += bytes.count
    }

    /// Up to `count` bytes from `offset`.
    func read(at offset: Int, atMost count: Int) throws -> ByteBuffer {
        var buffer = ByteBuffer()
        try buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: count) { raw in
            while true {
                let got = pread(descriptor, raw.baseAddress!, count, off_t(offset))
                if got >= 0 { return got }
                if errno != EINTR { throw Self.failure() }
            }
        }
        return buffer
    }

    /// The whole file from its start, as an import reads a file.
    func chunks() throws -> FileChunks {
        let reader = dup(descriptor)
        guard reader >= 0 else { throw Self.failure() }
        guard lseek(reader, 0, SEEK_SET) == 0 else {
            defer { close(reader) }
            throw Self.failure()
        }
        return FileChunks(takingOver: reader, name: "the upload")
    }

    /// The file cannot be made, written or read (a full disk): the request is refused and the
    /// person asked to try later; the reason is for the operator's log.
    static func failure() -> HTTPError {
        HTTPError(.serviceUnavailable, message: "a temporary file: \(String(cString: strerror(errno)))")
    }
}
