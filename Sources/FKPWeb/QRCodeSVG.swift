import FKPCore

/// A QR code drawn on the server as SVG: one path of unit squares inside the standard's quiet zone
/// of four modules, black on white as presentation attributes (the content security policy allows
/// them), printed as crisply as the page's text.
enum QRCodeSVG {
    /// The label is escaped and the rest is numbers: the result is safe to place in a page as it is.
    static func render(_ code: QRCode, label: String) -> String {
        var path = ""
        for (y, row) in code.modules.enumerated() {
            for (x, dark) in row.enumerated() where dark { path += "M\(x + 4) \(y + 4)h1v1h-1z" }
        }
        let side = code.size + 8
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\" viewBox=\"0 0 \(side) \(side)\" role=\"img\" "
            + "aria-label=\"\(HTMLText.escape(label))\" shape-rendering=\"crispEdges\"><title>\(HTMLText.escape(label))</title>"
            + "<rect width=\"\(side)\" height=\"\(side)\" fill=\"#fff\"/><path d=\"\(path)\" fill=\"#000\"/></svg>"
    }
}
