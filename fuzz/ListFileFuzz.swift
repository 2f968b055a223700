// libFuzzer's entry point for the reading of a list file: `scripts/fuzz list-file` compiles this file
// with FKPCore's sources (it is no target of the package). Any bytes at all, as a person may upload
// them, must come back as rows or as problems: a trap here is a crashed server or command.

/// The first byte picks the list and where the file is cut into chunks; the rest is the file.
@_cdecl("LLVMFuzzerTestOneInput")
public func readListFile(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let kind: ListKind = data[0] & 1 == 0 ? .families : .regions
    let file = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let whole = read(kind, [file])
    // The bytes arrive from a socket or a pipe in pieces of any size: the outcome must not depend on them.
    let step = Int(data[0] >> 1) + 1
    let pieces = stride(from: 0, to: file.count, by: step).map { Array(file[$0..<min($0 + step, file.count)]) }
    let chunked = read(kind, pieces)
    guard whole == chunked else {
        fatalError("the same file read in chunks of \(step) bytes differs:\n\(whole)\n---\n\(chunked)")
    }
    return 0
}

/// What a person is told of a file: its rows, its problems as the command line says them.
private func read(_ kind: ListKind, _ chunks: [[UInt8]]) -> String {
    var check = ListFileCheck(kind)
    var passed = 0
    for chunk in chunks where !check.stoppedReading { check.feed(chunk) { _ in passed += 1 } }
    let problems = check.finish { _ in passed += 1 }
    // Each problem is on a line of the file, to be found there.
    let lastLine = chunks.joined().count { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") } + 1
    guard problems.shown.allSatisfy({ (1...lastLine).contains($0.line ?? 0) }) else { fatalError("a problem off the file's lines:\n\(problems)") }
    if problems.isEmpty {
        // A file that passed has rows, each of which passed; and the counts agree.
        guard check.rows > 0, passed == check.rows else { fatalError("passed \(passed) of \(check.rows) rows with no problem") }
        _ = (check.regencies, check.familyUnits, check.possiblyRepeatedNumbers?.headNIKs)
    }
    return "rows \(check.rows), passed \(passed)\n" + problems.description
}
