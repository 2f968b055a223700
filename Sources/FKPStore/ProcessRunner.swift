import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program to completion with posix_spawn and waitpid. Foundation's Process is not used:
/// on Linux its wait never returns once `pg_ctl start` has left a server running behind it.
/// Output goes to a file rather than a pipe, since the server keeps inherited descriptors open.
enum ProcessRunner {
    struct Failed: Error, CustomStringConvertible {
        let command: String
        let status: Int32
        let output: String
        var description: String { "\(command) exited with status \(status):\n\(output)" }
    }

    @discardableResult
    static func run(_ arguments: [String], directory: String = "/", allowFailure: Bool = false) throws -> (status: Int32, output: String) {
        let outputPath = NSTemporaryDirectory() + "fkp-run-\(UUID().uuidString).log"
        defer { unlink(outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        // env -C sets the child's working folder (posix_spawn's chdir action is not visible to Swift).
        let command = ["/usr/bin/env", "-C", directory] + arguments
        let argv: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, command[0], &actions, nil, argv, environ)
        guard spawned == 0 else {
            throw Failed(command: arguments.joined(separator: " "), status: -1, output: String(cString: strerror(spawned)))
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        if exitStatus != 0 && !allowFailure {
            throw Failed(command: arguments.joined(separator: " "), status: exitStatus, output: output)
        }
        return (exitStatus, output)
    }
}
