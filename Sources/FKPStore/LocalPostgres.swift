import FKPCore
import Foundation
import Glibc

#if canImport(Glibc)
#endif

/// A private PostgreSQL cluster in a folder of its own, for the demo and the tests: the system's
/// `initdb` and `pg_ctl`, listening on 127.0.0.1 with its socket inside the folder. As root, the
/// cluster runs as the unprivileged `postgres` system user (PostgreSQL refuses to run as root).
public struct LocalPostgres: Sendable {
    public enum Durability: Sendable {
        /// Safe settings, for data a person may keep (the demo).
        case durable
        /// fsync and friends off: much faster, for throw-away test clusters only.
        case throwaway
    }

    public struct MissingBinaries: Error, CustomStringConvertible {
        public var description: String {
            """
            The PostgreSQL server programs (initdb, pg_ctl) were not found.
            Install them with:  sudo apt-get install -y postgresql
            (or set DATABASE_URL to a PostgreSQL 15+ database you already have).
            """
        }
    }

    public let directory: String
    public let durability: Durability
    private let binDirectory: String

    public init(directory: String, durability: Durability) throws {
        guard let bin = Self.findBinDirectory() else { throw MissingBinaries() }
        self.directory = URL(fileURLWithPath: directory).standardizedFileURL.path
        self.durability = durability
        self.binDirectory = bin
    }

    /// Debian keeps server programs in /usr/lib/postgresql/<version>/bin; take the newest.
    public static func findBinDirectory() -> String? {
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [])
            .compactMap(Int.init).sorted(by: >)
        for version in versions where version >= 15 {
            let bin = "\(root)/\(version)/bin"
            if FileManager.default.isExecutableFile(atPath: bin + "/initdb") { return bin }
        }
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            if FileManager.default.isExecutableFile(atPath: "\(dir)/initdb"),
               FileManager.default.isExecutableFile(atPath: "\(dir)/pg_ctl") { return String(dir) }
        }
        return nil
    }

    private var dataDirectory: String { directory + "/data" }
    /// Where the superuser's password is kept (mode 600), for commands run beside the server.
    public var passwordFile: String { directory + "/superuser.password" }
    private var portFile: String { directory + "/port" }
    private var logFile: String { directory + "/postgres.log" }
    private static var runningAsRoot: Bool { geteuid() == 0 }

    /// Creates the cluster if needed, starts it unless it already runs, and returns the address of
    /// its `postgres` database as superuser.
    public func start() throws -> DatabaseURL {
        let fm = FileManager.default
        try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
        if Self.runningAsRoot { try ensureSystemUser() }
        if !fm.fileExists(atPath: dataDirectory + "/PG_VERSION") {
            try? fm.removeItem(atPath: dataDirectory)
            let password = Self.randomHex(bytes: 18)
            try PrivateFile.write(Data(password.utf8), to: passwordFile, replacing: true)
            try handOver(directory)
            try runAsOwner([binDirectory + "/initdb", "-D", dataDirectory, "-U", "postgres", "--pwfile=" + passwordFile,
                            "-A", "scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8"])
        }
        let port: Int
        if let saved = try? String(contentsOfFile: portFile, encoding: .utf8), let value = Int(saved.trimmingWhitespace) {
            port = value
        } else {
            port = try Self.freePort()
            try String(port).write(toFile: portFile, atomically: true, encoding: .utf8)
        }
        try handOver(directory)
        if !isRunning() {
            // pg_ctl hands these to the server through /bin/sh, so the folder is quoted for it.
            var options = "-p \(port) -c listen_addresses=127.0.0.1 -c unix_socket_directories=\(directory.shellQuoted)"
            if durability == .throwaway {
                options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
            }
            try runAsOwner([binDirectory + "/pg_ctl", "-D", dataDirectory, "-l", logFile, "-w", "-t", "60",
                            "-o", options, "start"])
        }
        let password = try String(contentsOfFile: passwordFile, encoding: .utf8).trimmingWhitespace
        return DatabaseURL(host: "127.0.0.1", port: port, username: "postgres", password: password, database: "postgres")
    }

    public func isRunning() -> Bool {
        guard FileManager.default.fileExists(atPath: dataDirectory + "/PG_VERSION") else { return false }
        let result = try? runAsOwner([binDirectory + "/pg_ctl", "-D", dataDirectory, "status"], allowFailure: true)
        return result?.status == 0
    }

    /// Stops the server: cleanly, or `immediately` (no checkpoint, crash recovery at the next
    /// start), as a power cut or a killed machine would.
    public func stop(immediately: Bool = false) throws {
        guard isRunning() else { return }
        try runAsOwner([binDirectory + "/pg_ctl", "-D", dataDirectory, "-m", immediately ? "immediate" : "fast", "-w", "-t", "60", "stop"])
    }

    /// Stops the cluster if it runs and deletes the folder.
    public func destroy() throws {
        try? stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    @discardableResult
    private func runAsOwner(_ arguments: [String], allowFailure: Bool = false) throws -> (status: Int32, output: String) {
        let command = Self.runningAsRoot ? ["/usr/sbin/runuser", "-u", "postgres", "--"] + arguments : arguments
        return try ProcessRunner.run(command, directory: "/", allowFailure: allowFailure)
    }

    private func ensureSystemUser() throws {
        if getpwnam("postgres") != nil { return }
        try ProcessRunner.run(["/usr/sbin/useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "postgres"])
    }

    private func handOver(_ path: String) throws {
        guard Self.runningAsRoot else { return }
        try ProcessRunner.run(["/bin/chown", "-R", "postgres:", path])
        // The server user must be able to reach the folder through every parent.
        var parent = URL(fileURLWithPath: path).deletingLastPathComponent()
        while parent.path != "/" {
            let attributes = try? FileManager.default.attributesOfItem(atPath: parent.path)
            if let mode = attributes?[.posixPermissions] as? Int, mode & 0o001 == 0 {
                try FileManager.default.setAttributes([.posixPermissions: mode | 0o001], ofItemAtPath: parent.path)
            }
            parent = parent.deletingLastPathComponent()
        }
    }

    /// `bytes` random bytes as hex digits: a password for a sign-in only this program's processes use.
    public static func randomHex(bytes: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<bytes).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    /// Asks the kernel for a free TCP port on 127.0.0.1.
    public static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EMFILE) }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer -> Bool in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else { throw POSIXError(.EADDRINUSE) }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
