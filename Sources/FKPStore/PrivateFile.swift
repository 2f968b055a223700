import Foundation

/// A file only its owner can read (mode 0600), written whole into a file that is private from its
/// creation and only then put under its name: never readable by others, nor seen half written, not
/// even for an instant (writing the file and restricting it afterwards left a moment for both).
enum PrivateFile {
    struct Unwritable: Error, CustomStringConvertible {
        let path: String
        let reason: String

        init(path: String, errno code: Int32) {
            self.path = path
            reason = String(cString: strerror(code))
        }

        var description: String { "cannot write \(path): \(reason)" }
    }

    /// Writes `contents` at `path`. With `replacing`, a file there is replaced; without, it is
    /// kept and false returned (another process made it meanwhile), so that makers starting at
    /// once all end up with the one file.
    @discardableResult
    static func write(_ contents: Data, to path: String, replacing: Bool) throws -> Bool {
        let written = path + ".\(UUID().uuidString).new"
        let descriptor = open(written, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw Unwritable(path: path, errno: errno) }
        defer { unlink(written) }
        let file = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        try file.write(contentsOf: contents)
        try file.synchronize()
        try file.close()
        if replacing {
            guard rename(written, path) == 0 else { throw Unwritable(path: path, errno: errno) }
            return true
        }
        guard link(written, path) == 0 else {  // fails, unlike rename, when the name is taken
            guard errno == EEXIST else { throw Unwritable(path: path, errno: errno) }
            return false
        }
        return true
    }
}
