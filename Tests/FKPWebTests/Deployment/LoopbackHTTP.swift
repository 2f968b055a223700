import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A plain HTTP/1.1 client for tests that talk to real processes (`fkp serve`, nginx) on
/// loopback: one connection per request, from a chosen loopback address, so that a test can be
/// "a visitor at 127.0.0.2" and see which address the server logs. Blocking; run it off the
/// cooperative pool when many requests run at once.
struct LoopbackHTTP: Sendable {
    var source = "127.0.0.1"
    var timeoutSeconds = 30

    struct Failure: Error, CustomStringConvertible {
        let description: String
        /// Whether the server accepted the request but did not answer within `timeoutSeconds`.
        var timedOut = false
    }

    /// Whether `error` is a request that got no answer in time (as opposed to none at all: no
    /// server listening, or the connection reset).
    static func timedOut(_ error: any Error) -> Bool { (error as? Failure)?.timedOut == true }

    struct Response: Sendable {
        let status: Int
        let headers: [(name: String, value: String)]
        let body: Data

        var text: String { String(decoding: body, as: UTF8.self) }

        func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }

        /// name=value of each Set-Cookie.
        var cookies: [String: String] {
            var found: [String: String] = [:]
            for (name, value) in headers where name.lowercased() == "set-cookie" {
                if let cookie = HTTPTestText.cookie(fromSetCookie: value) { found[cookie.name] = cookie.value }
            }
            return found
        }

        var csrf: String? { HTTPTestText.csrfToken(in: text) }
    }

    func get(_ port: Int, _ path: String, cookie: String? = nil) throws -> Response {
        try request(port, "GET", path, headers: cookie.map { [("Cookie", $0)] } ?? [])
    }

    /// Logs in through the login form as a browser does; the session's Cookie header.
    func login(_ port: Int, _ username: String, _ password: String) throws -> String {
        let page = try get(port, "/login")
        guard page.status == 200, let anonymous = page.cookies["fkp_session"], let csrf = page.csrf else {
            throw Failure(description: "no login form on port \(port) (status \(page.status))")
        }
        let login = try post(port, "/login", form: [("csrf_token", csrf), ("username", username), ("password", password)],
                             cookie: "fkp_session=\(anonymous)")
        guard login.status == 303 else { throw Failure(description: "login as \(username) answered \(login.status): \(login.text)") }
        return "fkp_session=" + (login.cookies["fkp_session"] ?? anonymous)
    }

    func post(_ port: Int, _ path: String, form: [(String, String)], cookie: String?) throws -> Response {
        let body = HTTPTestText.formBody(form)
        var headers = [("Content-Type", "application/x-www-form-urlencoded")]
        if let cookie { headers.append(("Cookie", cookie)) }
        return try request(port, "POST", path, headers: headers, body: Data(body.utf8))
    }

    func request(_ port: Int, _ method: String, _ path: String, headers: [(String, String)] = [], body: Data = Data()) throws -> Response {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if method == "POST" || !body.isEmpty { head += "Content-Length: \(body.count)\r\n" }
        do {
            return try exchange(port, Data((head + "\r\n").utf8) + body)
        } catch let failure as Failure {
            throw Failure(description: "\(method) \(path): \(failure.description)", timedOut: failure.timedOut)
        }
    }

    /// Sends `bytes` as they are (a request head that announces more than it sends, say).
    func exchange(_ port: Int, _ bytes: Data) throws -> Response {
        let connection = try Connection(port, from: source, timeoutSeconds: timeoutSeconds)
        try connection.send(bytes)
        return try connection.receive()
    }

    /// One connection, written and read when the test says: a client that sends part of a request,
    /// waits, and sends the rest. Closed when released.
    final class Connection {
        private let fd: Int32

        /// `receiveBuffer`: the bytes the system holds for this end before the sender must wait (a
        /// slow reader's window), or the system's default.
        init(_ port: Int, from source: String = "127.0.0.1", timeoutSeconds: Int = 30, receiveBuffer: Int32? = nil) throws {
            fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { throw Failure(description: "socket: \(String(cString: strerror(errno)))") }
            if var size = receiveBuffer {
                setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
            }
            var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            guard LoopbackHTTP.withAddress(source, 0, { bind(fd, $0, $1) }) == 0 else {
                throw Failure(description: "bind \(source): \(String(cString: strerror(errno)))")
            }
            guard LoopbackHTTP.withAddress("127.0.0.1", port, { connect(fd, $0, $1) }) == 0 else {
                throw Failure(description: "connect to port \(port): \(String(cString: strerror(errno)))")
            }
        }

        deinit { close(fd) }

        func send(_ bytes: Data) throws {
            try bytes.withUnsafeBytes { raw in
                var sent = 0
                while sent < raw.count {
                    let n = Glibc.send(fd, raw.baseAddress! + sent, raw.count - sent, Int32(MSG_NOSIGNAL))
                    if n <= 0 { throw Failure(description: "send: \(String(cString: strerror(errno)))") }
                    sent += n
                }
            }
        }

        /// Up to `count` bytes of what has arrived, waiting for the first.
        func receive(atMost count: Int) throws -> Data {
            var buffer = [UInt8](repeating: 0, count: count)
            let n = recv(fd, &buffer, count, 0)
            guard n >= 0 else { throw Failure(description: "recv: \(String(cString: strerror(errno)))") }
            return Data(buffer[0..<n])
        }

        /// The whole response, read until it is complete or the server closes the connection.
        func receive() throws -> Response {
            var received = Data()
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while LoopbackHTTP.parse(received) == nil {
                let n = recv(fd, &buffer, buffer.count, 0)
                if n < 0 {
                    let code = errno
                    throw Failure(description: "recv: \(String(cString: strerror(code)))", timedOut: code == EAGAIN || code == EWOULDBLOCK)
                }
                if n == 0 { break }
                received.append(contentsOf: buffer[0..<n])
            }
            guard let response = LoopbackHTTP.parse(received) ?? LoopbackHTTP.parse(received, atEnd: true) else {
                throw Failure(description: "no complete HTTP response (\(received.count) bytes)")
            }
            return response
        }
    }

    /// The response once `data` holds all of it: by Content-Length, by the last chunk, or at the
    /// end of the stream.
    fileprivate static func parse(_ data: Data, atEnd: Bool = false) -> Response? {
        guard let split = data.range(of: Data("\r\n\r\n".utf8)) else { return nil }
        let lines = String(decoding: data[..<split.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { return nil }
        let headers = lines.dropFirst().compactMap { line -> (name: String, value: String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        let body = Data(data[split.upperBound...])
        func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name }?.value }
        if let length = header("content-length").flatMap(Int.init) {
            return body.count >= length ? Response(status: status, headers: headers, body: body.prefix(length)) : nil
        }
        if header("transfer-encoding")?.lowercased() == "chunked" {
            return dechunk(body).map { Response(status: status, headers: headers, body: $0) }
        }
        return atEnd ? Response(status: status, headers: headers, body: body) : nil
    }

    /// The body of a chunked message, or nil while its last chunk has not arrived.
    private static func dechunk(_ data: Data) -> Data? {
        var body = Data()
        var index = data.startIndex
        while true {
            guard let lineEnd = data[index...].range(of: Data("\r\n".utf8)) else { return nil }
            let sizeText = String(decoding: data[index..<lineEnd.lowerBound], as: UTF8.self).split(separator: ";")[0]
            guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16) else { return nil }
            let start = lineEnd.upperBound
            if size == 0 { return body }
            guard data.endIndex >= start + size + 2 else { return nil }
            body.append(data[start..<(start + size)])
            index = start + size + 2
        }
    }

    fileprivate static func withAddress(_ host: String, _ port: Int, _ body: (UnsafePointer<sockaddr>, socklen_t) -> Int32) -> Int32 {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr(host)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
    }
}
