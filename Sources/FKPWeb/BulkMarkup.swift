import Mustache
import NIOCore

/// Markup too large to pass through the template engine, which copies a value's text once per
/// level of nesting (block, section, layout): the 300 KB of a 150-family review page were copied
/// five times into fresh memory per request. The template shows a one-off marker in its place
/// (`{{{cards}}}`), and PageRenderer writes the bytes into the response where the marker stands.
/// Templates escape `<` in every value, so no value can forge the marker; it is random anyway.
struct BulkMarkup: MustacheCustomRenderable {
    /// Already escaped by whoever wrote them.
    let bytes: ByteBuffer
    let marker = "<!--bulk:\(UInt64.random(in: .min ... .max))-->"

    var renderText: String { marker }
    var isNull: Bool { false }
    /// The markup as text (what a test reads).
    var text: String { String(buffer: bytes) }
}
