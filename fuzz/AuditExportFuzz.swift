// libFuzzer's entry point for the check of an audit export (`fkp audit verify-export`), which an
// auditor runs on a file and a manifest the server gave, without trusting either: `scripts/fuzz
// audit-export` compiles this file with FKPCore's sources (it is no target of the package). Any
// bytes at all must come back as a list of problems, never a trap.
import Foundation

/// The first byte picks the format (even: JSON Lines, odd: CSV); the rest is the manifest, a NUL,
/// then the export. Without a NUL it is all the export, checked against an empty, unsigned manifest.
@_cdecl("LLVMFuzzerTestOneInput")
public func checkAuditExport(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let format: AuditExportLine.Format = data[0] & 1 == 0 ? .jsonl : .csv
    let rest = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let split = rest.firstIndex(of: 0)
    let file = split.map { Array(rest[($0 + 1)...]) } ?? rest
    let manifest = split.flatMap { try? ExportManifest.decode(Data(rest[..<$0])) }
        ?? ExportManifest(request: .init(forum: nil, region: nil, from: nil, to: nil, format: format.rawValue, untilEntry: 0),
                          fileSHA256: "", entries: 0, chains: [])
    // An anchor typed from the minutes, as the auditor may give one: its text is the file's first line.
    let firstLine = String(decoding: file.prefix { $0 != UInt8(ascii: "\n") }.prefix(200), as: UTF8.self)
    let anchors = (try? ChainAnchor.typed(firstLine).get()).map { [$0] } ?? []

    var whole = ExportCheck(format: format, anchors: anchors)
    whole.feed(file)
    let problems = whole.finish(manifest: manifest, trustedKey: nil)
    // The bytes arrive in pieces as they are read from disk: the outcome must not depend on them.
    var pieces = ExportCheck(format: format, anchors: anchors)
    let step = Int(data[0] >> 1) + 1
    for start in stride(from: 0, to: file.count, by: step) { pieces.feed(file[start..<min(start + step, file.count)]) }
    guard pieces.finish(manifest: manifest, trustedKey: nil) == problems, pieces.entries == whole.entries else {
        fatalError("the same export read in pieces of \(step) bytes differs")
    }
    return 0
}
