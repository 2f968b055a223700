import Foundation

/// The accepted data corrections of a regency as CSV (docs/formats.md), for BPS to apply to the
/// register: one line per accepted data challenge, by SLS, then family, then challenge.
public enum DataCorrectionsCSV {
    public static let columns = ["challenge_id", "forum_id", "family_id", "added_family_id", "sls_code", "head_name", "proposed_value",
                                 "reason", "decision_note", "decided_by", "decided_at"]

    /// Names, values and reasons were typed by people and the file is opened in spreadsheets: they
    /// are written spreadsheet-safe. The time is UTC, as in the audit exports.
    public static func document(_ corrections: [DataCorrection]) -> String {
        CSVWriter.line(columns) + corrections.map { c in
            let (familyID, addedID): (String, String) = switch c.subject {
            case .listed(let id): (id, "")
            case .added(let id): ("", String(id))
            }
            return CSVWriter.line([String(c.challengeID), String(c.forumID), familyID, addedID, c.slsCode,
                                   CSVWriter.spreadsheetSafe(c.headName), CSVWriter.spreadsheetSafe(c.proposedValue),
                                   CSVWriter.spreadsheetSafe(c.reason), CSVWriter.spreadsheetSafe(c.decisionNote), c.decidedBy,
                                   c.decidedAt.formatted(.iso8601)])
        }.joined()
    }
}
