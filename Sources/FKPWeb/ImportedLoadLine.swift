import FKPCore
import FKPStore
import Foundation

/// A load of a family or a place by an import batch as the audit page shows it, beside its
/// entries: the batch (when, by whom, the file and its SHA-256, which the batch's entry in the
/// chain carries), and what the load set, or changed from the load before it, or that it removed
/// the family. Personal numbers are masked, as in every entry.
struct ImportedLoadLine {
    let batchID: Int64
    let when: String
    let actor: String
    let fileName: String
    let sha256: String
    let what: String
    let changes: [AuditLine.Change]

    /// The lines of `loads` (oldest first), newest first as the entries are.
    static func lines(_ loads: [AuditBrowser.ImportedLoad], names: AuditBrowser.ReferenceNames = .init(), t: Translations) -> [ImportedLoadLine] {
        loads.reversed().map { ImportedLoadLine($0.row, after: $0.previous, names: names, t: t) }
    }

    /// The units the loads name, to be named in turn.
    static func placeCodes(in loads: [AuditBrowser.ImportedLoad]) -> Set<String> {
        Set(loads.flatMap { [$0.row.slsCode, $0.previous?.slsCode ?? ""] }.filter { RegionCode.parse($0) != nil })
    }

    private init(_ row: AuditBrowser.ImportedRow, after earlier: AuditBrowser.ImportedRow?, names: AuditBrowser.ReferenceNames,
                 t: Translations) {
        batchID = row.batchID
        when = AuditLine.westernIndonesianTime(row.loadedAt)
        actor = row.actor
        fileName = row.fileName
        sha256 = row.sha256
        what = t.filling("audit_import_\(row.change.rawValue)", ["line": row.line.map { t.number($0) } ?? ""])
        guard row.change != .remove else {
            changes = [AuditLine.Change(field: t.name("field_sls_code", or: "sls_code"), old: Self.shown(row.slsCode, "sls_code", names, t),
                                        new: Self.shown(nil, "sls_code", names, t), isDocument: false)]
            return
        }
        var shown: [AuditLine.Change] = []
        for column in row.subject.columns {
            let new = row.values[column] ?? nil
            let old: String?? = earlier.map { $0.values[column] ?? nil }
            // A change shows what the load changed; a first load, every value it set.
            if let old, old == new { continue }
            if old == nil && new == nil { continue }
            shown.append(AuditLine.Change(field: t.name("field_\(column)", or: column), old: old.map { Self.shown($0, column, names, t) },
                                          new: Self.shown(new, column, names, t), isDocument: false))
        }
        changes = shown
    }

    /// As an entry's value is shown (`AuditLine.shown`): a personal number masked, a code in words, a mark as yes or no.
    private static func shown(_ value: String?, _ column: String, _ names: AuditBrowser.ReferenceNames, _ t: Translations) -> String {
        let stored: AuditLine.Value? = value.map { text in
            if FamilyCSV.personalNumberColumns.contains(column) { return .text("pii:") }
            if column == "non_sls" { return .flag(text == "true") }
            return .text(text)
        }
        return AuditLine.shown(stored, of: column, names, t)
    }
}
