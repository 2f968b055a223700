import FKPStore
import Foundation
import NIOCore

/// An uploaded file, kept on disk as it arrives (an `UnnamedFile`), so that the import which loads
/// it takes a database connection only once the whole file is here. A list sent from a phone takes
/// minutes; read as it came, its import held one of the server's few connections, and a
/// transaction, for all of them, and a handful of such uploads left every other page waiting.
final class UploadSpool {
    private let descriptor: Int32

    init(directory: String = NSTemporaryDirectory()) throws {
        descriptor = try UnnamedFile.create(in: directory)
    }

    deinit { close(descriptor) }

    func append(_ buffer: ByteBuffer) throws {
        try buffer.withUnsafeReadableBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw UnnamedFile.failure()
                }
                offset += written
            }
        }
    }

    /// The file from its start, for the import (once the upload has ended).
    func chunks() throws -> FileChunks {
        let reader = dup(descriptor)
        guard reader >= 0 else { throw UnnamedFile.failure() }
        guard lseek(reader, 0, SEEK_SET) == 0 else {
            defer { close(reader) }
            throw UnnamedFile.failure()
        }
        return FileChunks(takingOver: reader, name: "the upload")
    }
}
