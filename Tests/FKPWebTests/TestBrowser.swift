import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import XCTest

/// A minimal browser for router tests: keeps cookies, reads the CSRF token from the last page,
/// and submits forms the way a person's browser would.
struct TestBrowser {
    let client: any TestClientProtocol
    var cookies: [String: String] = [:]
    var csrf: String?
    /// Sent with every request (a proxy's X-Forwarded-For, say).
    var extraHeaders: HTTPFields = [:]

    init(_ client: any TestClientProtocol) { self.client = client }

    var cookieHeader: String { cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }

    mutating func absorb(_ response: TestResponse) {
        for header in response.headers[values: .setCookie] {
            guard let cookie = HTTPTestText.cookie(fromSetCookie: header) else { continue }
            cookies[cookie.name] = cookie.expired ? nil : cookie.value
        }
        if let token = HTTPTestText.csrfToken(in: String(buffer: response.body)) { csrf = token }
    }

    @discardableResult
    mutating func get(_ uri: String) async throws -> TestResponse {
        var headers = extraHeaders
        if !cookies.isEmpty { headers[.cookie] = cookieHeader }
        let response = try await client.execute(uri: uri, method: .get, headers: headers, body: nil)
        absorb(response)
        return response
    }

    /// Posts a form; the CSRF token of the last page is added unless `csrf` is given (use "" for none).
    /// `accept` sets the Accept header, as a page's script does when it saves in place.
    @discardableResult
    mutating func post(_ uri: String, _ fields: [String: String], csrf override: String? = nil,
                       accept: String? = nil) async throws -> TestResponse {
        var fields = fields
        let token = override ?? csrf ?? ""
        if !token.isEmpty { fields["csrf_token"] = token }
        let body = HTTPTestText.formBody(fields.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        var headers = extraHeaders
        headers[.contentType] = "application/x-www-form-urlencoded"
        if !cookies.isEmpty { headers[.cookie] = cookieHeader }
        if let accept { headers[.accept] = accept }
        let response = try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
        absorb(response)
        return response
    }

    /// Uploads a file as a browser's multipart form would, the CSRF token its first field.
    @discardableResult
    mutating func upload(_ path: String, fileName: String, content: String, csrf override: String? = nil) async throws -> TestResponse {
        try await upload(path, fileName: fileName, bytes: Array(content.utf8), csrf: override)
    }

    /// Uploads a file of any bytes (a compressed one) as `upload(_:fileName:content:)` does.
    @discardableResult
    mutating func upload(_ path: String, fileName: String, bytes: [UInt8], csrf override: String? = nil) async throws -> TestResponse {
        let boundary = "----fkpTestBoundary7MA4YWxkTrZu0gW"
        let body = Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(fileName)\"\r\n".utf8)
            + Array("Content-Type: text/csv\r\n\r\n".utf8) + bytes + Array("\r\n--\(boundary)--\r\n".utf8)
        return try await postMultipart(path, body: body, boundary: boundary, csrf: override)
    }

    /// Posts a multipart body as given (a broken one, as a faulty client sends it), after a first
    /// part holding the CSRF token (none when the token is empty).
    @discardableResult
    mutating func postMultipart(_ path: String, body: String, boundary: String, csrf override: String? = nil) async throws -> TestResponse {
        try await postMultipart(path, body: Array(body.utf8), boundary: boundary, csrf: override)
    }

    @discardableResult
    mutating func postMultipart(_ path: String, body: [UInt8], boundary: String, csrf override: String? = nil) async throws -> TestResponse {
        let token = override ?? csrf ?? ""
        var headers: HTTPFields = [.contentType: "multipart/form-data; boundary=\(boundary)"]
        if !cookies.isEmpty { headers[.cookie] = cookieHeader }
        let tokenPart = token.isEmpty ? "" : "--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n\(token)\r\n"
        let response = try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(bytes: Array(tokenPart.utf8) + body))
        absorb(response)
        return response
    }

    /// The same form sent twice at once, as a second tap on a slow connection sends it, from the
    /// same page (its session and token): both answers, in the order sent.
    func postTwiceAtOnce(_ uri: String, _ fields: [String: String]) async throws -> [TestResponse] {
        var (pressed, again) = (self, self)
        async let one = pressed.post(uri, fields)
        async let other = again.post(uri, fields)
        return try await [one, other]
    }

    /// Logs in through the form and follows the redirect, as a person's browser would (the page
    /// it lands on carries the new session's CSRF token).
    @discardableResult
    mutating func login(_ username: String, _ password: String) async throws -> TestResponse {
        try await get("/login")
        let response = try await post("/login", ["username": username, "password": password])
        var next = response.location
        for _ in 0..<3 {
            guard let location = next else { break }
            next = try await get(location).location
        }
        return response
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
    var location: String? { headers[.location] }
}
