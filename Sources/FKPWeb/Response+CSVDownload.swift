import HTTPTypes
import Hummingbird

extension Response {
    /// A CSV document the browser saves as `fileName` instead of showing it.
    static func csvDownload(_ csv: String, fileName: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/csv; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"\(fileName)\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: csv)))
    }
}
