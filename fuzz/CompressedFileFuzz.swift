// libFuzzer's entry point for the unpacking of a list file compressed with gzip: `scripts/fuzz
// compressed-file` compiles this file with FKPStore's GzipInflater.swift and zlib (it is no target of
// the package). Any bytes after gzip's first two, as a person may upload them, must come back as the
// list they unpack to or as damaged or cut off: a trap here is a crashed server or command.

/// The first byte picks where the file is cut into chunks; the rest is the file.
@_cdecl("LLVMFuzzerTestOneInput")
public func unpackCompressedFile(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let file = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let whole = unpack([file])
    // The bytes arrive from a socket or a pipe in pieces of any size: the outcome must not depend on them.
    let step = Int(data[0]) + 1
    let chunked = unpack(stride(from: 0, to: file.count, by: step).map { Array(file[$0..<min($0 + step, file.count)]) })
    guard whole == chunked else { fatalError("the same file read in chunks of \(step) bytes differs: \(whole) against \(chunked)") }
    return 0
}

/// What the file unpacks to, or why it does not (what came before a failure depends on the chunks).
private func unpack(_ chunks: [[UInt8]]) -> String {
    let inflater: GzipInflater
    do { inflater = try GzipInflater() } catch { fatalError("zlib did not start: \(error)") }
    var unpacked: [UInt8] = []
    do {
        for chunk in chunks {
            inflater.feed(chunk)
            while let piece = try inflater.next() {
                guard !piece.isEmpty, piece.count <= GzipInflater.pieceSize else { fatalError("a piece of \(piece.count) bytes") }
                unpacked += piece
            }
        }
        try inflater.finish()
        return "unpacked \(unpacked.count) bytes, \(unpacked.hashValue)"
    } catch {
        return "\(error)"
    }
}
