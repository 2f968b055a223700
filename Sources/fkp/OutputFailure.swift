import Foundation

/// A write to a command's output (a file, or standard output) that failed, said in plain words
/// rather than as Foundation's description of the error.
enum OutputFailure: Error {
    /// Closed by its reader before the command ended, as `fkp export ... | head` does: the command
    /// stops quietly, with the status of a program that SIGPIPE stopped, as Unix tools do.
    case closed
    /// Anything else (a full disk): the output named, and the system's reason.
    case failed(String)

    static let closedStatus = Int32(128 + SIGPIPE)

    /// `error`, from writing to `path` (nil: standard output), as one of the cases.
    init(_ error: any Error, writingTo path: String?) {
        let written = error as NSError
        let system = [written, written.userInfo[NSUnderlyingErrorKey] as? NSError].compactMap { $0 }
            .first { $0.domain == NSPOSIXErrorDomain }
        if system?.code == Int(EPIPE) {
            self = .closed
        } else {
            let reason = system.map { String(cString: strerror(Int32($0.code))) } ?? written.localizedDescription
            self = .failed("cannot write \(path ?? "to standard output"): \(reason)")
        }
    }
}
