import FKPStore
import Foundation
import Hummingbird
import NIOCore

/// An uploaded file, kept on disk as it arrives, so that the import which loads it takes a database
/// connection only once the whole file is here. A list sent from a phone takes minutes; read as it
/// came, its import held one of the server's few connections, and a transaction, for all of them,
/// and a handful of such uploads left every other page waiting for the database.
///
/// The file has no name from the moment it is made (created private, then unlinked at once): only
/// this descriptor reaches it, so the personal numbers in it are never in the directory, and its
/// space is given back with the descriptor, however the request ends.
final class UploadSpool {
    private let descriptor: Int32

    /// The file cannot be made or written (a full disk): the upload is refused, nothing loaded,
    /// and the person told to try again later; the reason is for the operator's log.
    static func unwritable() -> HTTPError {
        HTTPError(.serviceUnavailable, message: "the upload cannot be kept for its import: \(String(cString: strerror(errno)))")
    }

    init(directory: String = NSTemporaryDirectory()) throws {
        let path = (directory as NSString).appendingPathComponent("fkp-upload-\(UUID().uuidString)")
        descriptor = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw Self.unwritable() }
        unlink(path)
    }

    deinit { close(descriptor) }

    func append(_ buffer: ByteBuffer) throws {
        try buffer.withUnsafeReadableBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw Self.unwritable()
                }
                offset += written
            }
        }
    }

    /// The file from its start, for the import (once the upload has ended).
    func chunks() throws -> FileChunks {
        let reader = dup(descriptor)
        guard reader >= 0 else { throw Self.unwritable() }
        guard lseek(reader, 0, SEEK_SET) == 0 else {
            defer { close(reader) }
            throw Self.unwritable()
        }
        return FileChunks(takingOver: reader, name: "the upload")
    }
}
