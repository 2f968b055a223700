import Foundation

/// The command's output closed by its reader before the command ended, as `fkp export ... | head`
/// does: the command stops quietly, with the status of a program that SIGPIPE stopped (141), as
/// Unix tools do, rather than printing Foundation's description of a failed write.
struct OutputClosed: Error {
    static let status = Int32(128 + SIGPIPE)

    /// `error`, or OutputClosed when it is a write into a pipe that nobody reads any more.
    static func naming(_ error: any Error) -> any Error {
        let written = error as NSError
        let causes = [written, written.userInfo[NSUnderlyingErrorKey] as? NSError].compactMap { $0 }
        return causes.contains { $0.domain == NSPOSIXErrorDomain && $0.code == Int(EPIPE) } ? OutputClosed() : error
    }
}
