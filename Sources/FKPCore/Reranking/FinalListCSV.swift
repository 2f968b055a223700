import Crypto

/// The final list as CSV (documented in docs/reranking.md), and the canonical text of a run's
/// inputs whose SHA-256 identifies them. Neither carries a run id or a time, so the same inputs
/// give the same bytes. Both hash line by line: a million-family regency is never one string.
public enum FinalListCSV {
    public static let columns = ["final_rank", "family_id", "added_family_id", "sls_code", "head_name", "preliminary_group",
                                 "final_group", "change", "reason", "flags"]

    public static var header: String { CSVWriter.line(columns) }

    /// The names and reasons were typed by people (added families, forum decisions) and the file is
    /// opened in spreadsheets: they are written spreadsheet-safe.
    public static func line(_ entry: Reranking.Entry) -> String {
        CSVWriter.line([String(entry.rank), entry.familyID ?? "", entry.addedFamilyID.map(String.init) ?? "", entry.slsCode,
                        CSVWriter.spreadsheetSafe(entry.headName), entry.preliminaryGroup.map { String($0.rawValue) } ?? "",
                        String(entry.finalGroup.rawValue), entry.changes.map(\.rawValue).joined(separator: ";"),
                        CSVWriter.spreadsheetSafe(entry.reason),
                        entry.flags.map(\.rawValue).joined(separator: ";")])
    }

    public static func document(_ entries: [Reranking.Entry]) -> String {
        header + entries.map(line).joined()
    }

    /// The SHA-256 of `document(entries)`, without building it.
    public static func sha256(of entries: [Reranking.Entry]) -> String {
        var hasher = SHA256()
        hasher.update(data: Array(header.utf8))
        for entry in entries { hasher.update(data: Array(line(entry).utf8)) }
        return AuditHashing.hex(hasher.finalize())
    }

    /// The canonical text of the inputs, line by line: a version line, then one tab-separated line
    /// per family sorted by id, then one per added family sorted by id (docs/reranking.md).
    public static func inputLines(families: [Reranking.ListedFamily], added: [Reranking.AddedFamily], _ emit: (String) -> Void) {
        emit("fkp-rerank-inputs-v1\n")
        for index in families.indices.sorted(by: { families[$0].id.precedesBytewise(families[$1].id) }) {
            let f = families[index], o = f.outcome
            emit(["family", f.id, f.slsCode, f.headName, String(f.preliminaryGroup.rawValue), f.score,
                  o.map { String($0.forumID) } ?? "", o.map { String($0.groupAfter.rawValue) } ?? "", o?.presence.rawValue ?? "",
                  o?.movedToUnit ?? "", o?.reason ?? ""].joined(separator: "\t") + "\n")
        }
        for a in added.sorted(by: { $0.id < $1.id }) {
            emit(["added", String(a.id), String(a.forumID), a.slsCode, a.headName, String(a.proposedGroup.rawValue),
                  a.presence.rawValue, a.reason].joined(separator: "\t") + "\n")
        }
    }

    public static func inputsSHA256(families: [Reranking.ListedFamily], added: [Reranking.AddedFamily]) -> String {
        var hasher = SHA256()
        inputLines(families: families, added: added) { hasher.update(data: Array($0.utf8)) }
        return AuditHashing.hex(hasher.finalize())
    }

    public static func sha256(_ text: String) -> String {
        AuditHashing.hex(SHA256.hash(data: Array(text.utf8)))
    }
}
