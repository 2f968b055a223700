// libFuzzer's entry point for the reading of an uploaded form: `scripts/fuzz multipart-form` compiles
// this file with FKPCore's sources (it is no target of the package). Any bytes a client sends to the
// import page must come back as parts or as a refusal: a trap here stops the server for everyone.

/// The first byte picks where the body is cut into pieces; the rest is the body, its boundary `B`.
@_cdecl("LLVMFuzzerTestOneInput")
public func readMultipartForm(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let body = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let whole = read([body])
    // The bytes arrive from a socket in pieces of any size: the outcome must not depend on them.
    let step = Int(data[0]) + 1
    let chunked = read(stride(from: 0, to: body.count, by: step).map { Array(body[$0..<min($0 + step, body.count)]) })
    guard whole == chunked else { fatalError("the same body read in pieces of \(step) bytes differs:\n\(String(describing: whole))\n---\n\(String(describing: chunked))") }
    return 0
}

/// What a body holds as read: its parts, each part's content as one run of bytes (however it was
/// handed over), whether it ended, and whether the form was complete; nil for a refused body.
private struct Outcome: Equatable {
    struct Part: Equatable {
        var headers: [MultipartFormParser.Header]
        var content: [UInt8] = []
        var ended = false
    }
    var parts: [Part] = []
    var complete = false
}

private func read(_ pieces: [[UInt8]]) -> Outcome? {
    var parser = MultipartFormParser(boundary: "B")!
    var outcome = Outcome()
    do {
        for piece in pieces {
            try piece.withUnsafeBytes { bytes in
                try parser.feed(bytes) { event in
                    switch event {
                    case .partBegins(let headers): outcome.parts.append(.init(headers: headers))
                    case .content(let bytes):
                        guard !bytes.isEmpty, outcome.parts.last?.ended == false else { fatalError("content out of a part, or empty") }
                        outcome.parts[outcome.parts.count - 1].content += bytes
                    case .partEnds:
                        guard outcome.parts.last?.ended == false else { fatalError("the end of no part") }
                        outcome.parts[outcome.parts.count - 1].ended = true
                    }
                }
            }
        }
    } catch {
        return nil
    }
    outcome.complete = parser.isComplete
    // A part's content never holds its delimiter: the form's framing cannot be smuggled into a file.
    let delimiter = Array("\r\n--B".utf8)
    for part in outcome.parts where part.content.count >= delimiter.count {
        if part.content.indices.contains(where: { part.content[$0...].starts(with: delimiter) }) { fatalError("a delimiter inside content") }
    }
    return outcome
}
