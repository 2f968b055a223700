import Crypto

/// The final list as CSV (documented in docs/formats.md and docs/reranking.md), and the canonical
/// text of a run's inputs whose SHA-256 identifies them. Neither carries a run id or a time, so the
/// same inputs give the same bytes.
public enum FinalListCSV {
    public static let columns = ["final_rank", "family_id", "added_family_id", "sls_code", "head_name", "preliminary_group",
                                 "final_group", "change", "reason", "flags"]

    public static func line(_ entry: Reranking.Entry) -> String {
        CSVWriter.line([String(entry.rank), entry.familyID ?? "", entry.addedFamilyID.map(String.init) ?? "", entry.slsCode,
                        entry.headName, entry.preliminaryGroup.map { String($0.rawValue) } ?? "", String(entry.finalGroup.rawValue),
                        entry.changes.map(\.rawValue).joined(separator: ";"), entry.reason,
                        entry.flags.map(\.rawValue).joined(separator: ";")])
    }

    public static func document(_ entries: [Reranking.Entry]) -> String {
        CSVWriter.line(columns) + entries.map(line).joined()
    }

    /// One line per input, families by id then added families by id, fields separated by tabs.
    public static func inputsText(families: [Reranking.ListedFamily], added: [Reranking.AddedFamily]) -> String {
        var text = "fkp-rerank-inputs-v1\n"
        for f in families.sorted(by: { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }) {
            let o = f.outcome
            text += ["family", f.id, f.slsCode, f.headName, String(f.preliminaryGroup.rawValue), f.score,
                     o.map { String($0.forumID) } ?? "", o.map { String($0.groupAfter.rawValue) } ?? "", o?.presence.rawValue ?? "",
                     o?.movedToUnit ?? "", o?.reason ?? ""].joined(separator: "\t") + "\n"
        }
        for a in added.sorted(by: { $0.id < $1.id }) {
            text += ["added", String(a.id), String(a.forumID), a.slsCode, a.headName, String(a.proposedGroup.rawValue),
                     a.presence.rawValue, a.reason].joined(separator: "\t") + "\n"
        }
        return text
    }

    public static func sha256(_ text: String) -> String {
        AuditHashing.hex(SHA256.hash(data: Array(text.utf8)))
    }
}
