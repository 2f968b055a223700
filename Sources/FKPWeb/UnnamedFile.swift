import Foundation
import Hummingbird

/// A file that only this process can reach: created private (mode 0600) under a random name and
/// unlinked at once, so that it is never in its directory for others to open, and its space is
/// given back when its descriptor is closed, however the request that made it ends. For files that
/// hold personal numbers on their way through: an upload being received, an export being sent.
enum UnnamedFile {
    /// A new such file's descriptor, open for reading and writing.
    static func create(in directory: String = NSTemporaryDirectory()) throws -> Int32 {
        let path = (directory as NSString).appendingPathComponent("fkp-\(UUID().uuidString)")
        let descriptor = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw failure() }
        unlink(path)
        return descriptor
    }

    /// The file cannot be made, written or read (a full disk): the request is refused and the
    /// person asked to try later; the reason is for the operator's log.
    static func failure() -> HTTPError {
        HTTPError(.serviceUnavailable, message: "a temporary file: \(String(cString: strerror(errno)))")
    }
}
