import Foundation
import NIOCore

/// An export on its way to a browser, through an `UnnamedFile`: written as fast as the database
/// gives it and sent from the file as fast as the browser takes it. Streamed straight through, a
/// download to a phone held the export's database connection for as long as the download took
/// (minutes for a forum, hours for a regency), and a few of them left every other page waiting.
/// One writer appends while one reader follows it.
actor ExportSpool {
    private let descriptor: Int32
    private var written = 0
    private var ended = false
    private var failure: (any Error)?
    private var reader: CheckedContinuation<Void, Never>?
    static let pieceSize = 1 << 16

    init(directory: String = NSTemporaryDirectory()) throws {
        descriptor = try UnnamedFile.create(in: directory)
    }

    deinit { close(descriptor) }

    func append(_ buffer: ByteBuffer) throws {
        try buffer.withUnsafeReadableBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let count = pwrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset, off_t(written + offset))
                if count < 0 {
                    if errno == EINTR { continue }
                    throw UnnamedFile.failure()
                }
                offset += count
            }
        }
        written += buffer.readableBytes
        wakeReader()
    }

    /// No more will be written; with `error`, the reader gets it after what was written.
    func finish(throwing error: (any Error)? = nil) {
        ended = true
        failure = error
        wakeReader()
    }

    /// What was written from `offset` on (up to `pieceSize` bytes), once there is some; nil at the end.
    func piece(at offset: Int) async throws -> ByteBuffer? {
        while offset >= written {
            if ended {
                if let failure { throw failure }
                return nil
            }
            await withCheckedContinuation { reader = $0 }
        }
        let count = min(written - offset, Self.pieceSize)
        var buffer = ByteBuffer()
        buffer.reserveCapacity(count)
        let read = try buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: count) { raw in
            var got = 0
            while got < count {
                let n = pread(descriptor, raw.baseAddress! + got, count - got, off_t(offset + got))
                if n < 0 {
                    if errno == EINTR { continue }
                    throw UnnamedFile.failure()
                }
                if n == 0 { break }
                got += n
            }
            return got
        }
        guard read == count else { throw UnnamedFile.failure() }
        return buffer
    }

    private func wakeReader() {
        reader?.resume()
        reader = nil
    }
}
