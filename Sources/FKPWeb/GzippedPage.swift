import CompressNIO
import Foundation
import HTTPTypes
import Hummingbird

/// A review page compressed once, when it is kept, and sent so to every browser that accepts gzip
/// (all do). Behind nginx as deployed, nginx compressed the page at every view instead: about
/// 1.4 ms of CPU for the 305 KB of a 150-family unit, four times fkp's own work for a kept page;
/// nginx passes a response that is already compressed on as it is.
enum GzippedPage {
    /// Level 5, as deploy/nginx compresses: 305 KB become about 10 KB.
    static func compress(_ page: ByteBuffer) -> ByteBuffer? {
        var page = page
        return try? page.compress(with: .gzip(configuration: .init(compressionLevel: .compressionLevel5)))
    }

    /// The page again (for the tests' check of kept pages, and the tests).
    static func decompress(_ gzipped: ByteBuffer) -> ByteBuffer? {
        var gzipped = gzipped
        return try? gzipped.decompress(with: .gzip())
    }

    /// Whether the request's Accept-Encoding allows gzip: named (or `*`) with a weight above 0.
    static func isAccepted(by request: Request) -> Bool {
        var gzip: Bool?
        var any: Bool?
        for field in request.headers[values: .acceptEncoding] {
            for item in field.split(separator: ",") {
                let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
                guard let coding = parts.first, !coding.isEmpty else { continue }
                let weight = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
                if coding == "gzip" || coding == "x-gzip" { gzip = weight > 0 }
                if coding == "*" { any = weight > 0 }
            }
        }
        return gzip ?? any ?? false
    }

    /// The page as the request accepts it (`accepted`: `isAccepted(by:)`); either way the answer
    /// varies with Accept-Encoding.
    static func response(plain: ByteBuffer, gzipped: ByteBuffer?, accepted: Bool) -> Response {
        var response: Response
        if let gzipped, accepted {
            response = PageRenderer.response(gzipped)
            response.headers[.contentEncoding] = "gzip"
        } else {
            response = PageRenderer.response(plain)
        }
        response.headers[.vary] = "Accept-Encoding"
        return response
    }
}
