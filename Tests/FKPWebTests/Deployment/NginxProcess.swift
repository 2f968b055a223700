import FKPStore
import FKPTestSupport
import Foundation

/// Debian's nginx in front of `fkp serve` processes on loopback, with the repository's
/// deploy/nginx/fkp-locations.conf: everything the production site does but TLS, which lives
/// only in fkp-site.conf (docs/operations.md). The top-level file here stands in for Debian's
/// /etc/nginx/nginx.conf, with every path inside the test's folder.
final class NginxProcess: @unchecked Sendable {
    let port: Int
    private let process = Process()

    struct Missing: Error, CustomStringConvertible {
        let description = "nginx is not installed: sudo apt-get install -y nginx (.ci/run installs it)"
    }

    static var binary: String? {
        ["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    init(upstreams: [Int], folder: String) throws {
        guard let binary = Self.binary else { throw Missing() }
        port = try LocalPostgres.freePort()
        let root = TestPostgres.packageRoot
        let conf = """
            \(geteuid() == 0 ? "user root;" : "")
            worker_processes 1;
            daemon off;
            pid \(folder)/nginx.pid;
            error_log \(folder)/nginx-error.log warn;
            events { worker_connections 256; }
            http {
                types { text/html html; text/css css; application/javascript js; }
                default_type application/octet-stream;
                access_log \(folder)/nginx-access.log;
                client_body_temp_path \(folder)/nginx-body;
                proxy_temp_path \(folder)/nginx-proxy;
                fastcgi_temp_path \(folder)/nginx-fastcgi;
                uwsgi_temp_path \(folder)/nginx-uwsgi;
                scgi_temp_path \(folder)/nginx-scgi;
                upstream fkp {
            \(upstreams.map { "        server 127.0.0.1:\($0) max_fails=3 fail_timeout=5s;" }.joined(separator: "\n"))
                    keepalive 8;
                }
                server {
                    listen 127.0.0.1:\(port);
                    server_name localhost;
                    root \(root)/public;
                    include \(root)/deploy/nginx/fkp-locations.conf;
                }
            }
            """
        try conf.write(toFile: "\(folder)/nginx.conf", atomically: true, encoding: .utf8)
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["-p", folder, "-e", "\(folder)/nginx-error.log", "-c", "\(folder)/nginx.conf"]
        // nginx writes to its error log in the folder; nothing useful reaches the terminal.
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let port = port
        try waitUntil(seconds: 20, "nginx answers on port \(port)") {
            if !process.isRunning {
                throw TimedOut(description: "nginx exited: " + ((try? String(contentsOfFile: "\(folder)/nginx-error.log", encoding: .utf8)) ?? ""))
            }
            return (try? LoopbackHTTP(timeoutSeconds: 2).get(port, "/healthz")) != nil
        }
    }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        try? waitUntil(seconds: 10, "nginx exits") { !process.isRunning }
    }

    deinit { stop() }
}
