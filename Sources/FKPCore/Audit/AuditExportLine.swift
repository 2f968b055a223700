import Foundation

/// One audit entry as a line of an export (docs/audit.md, section 5): every field the chain rule
/// hashes, as the text it hashes, plus the entry's own hash. JSON Lines, or CSV where an absent
/// field is an empty unquoted field and an empty text is `""` (PostgreSQL's convention). The
/// exporter writes the lines (FKPStore's ExportLineWriter); this names them and reads them back.
public enum AuditExportLine {
    public enum Format: String, Sendable, CaseIterable { case jsonl, csv }

    public static let columns = ["chain", "seq", "prev_hash", "hash", "occurred_at", "actor", "actor_role", "forum_id",
                                 "region_code", "action", "reason", "decision_ref", "table_name", "operation", "row_key",
                                 "old_row", "new_row"]

    /// The columns every entry has (the others may be null).
    static let requiredColumns: Set<Int> = Set(["chain", "seq", "prev_hash", "hash", "occurred_at", "actor", "actor_role", "action",
                                                "table_name", "operation"].compactMap { columns.firstIndex(of: $0) })

    public static func header(_ format: Format) -> String {
        format == .csv ? columns.joined(separator: ",") + "\n" : ""
    }

    public struct Unreadable: Error, Sendable, CustomStringConvertible {
        public var line: Int
        public var problem: String
        public var description: String { "line \(line): unreadable (\(problem))" }
    }

    /// Reads back a JSON line of an export.
    public static func parseJSONL(_ bytes: ArraySlice<UInt8>, line: Int) throws -> AuditEntry {
        if let fields = fastFields(bytes) { return try entry(line: line, fields) }
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
            throw Unreadable(line: line, problem: "not a JSON object")
        }
        func text(_ key: String) -> String? { object[key] as? String }
        func number(_ key: String) -> Int64? { (object[key] as? NSNumber)?.int64Value }
        return try entry(line: line, [text("chain"), number("seq").map { String($0) }, text("prev_hash"), text("hash"),
                                      text("occurred_at"), text("actor"), text("actor_role"), number("forum_id").map { String($0) },
                                      text("region_code"), text("action"), text("reason"), text("decision_ref"), text("table_name"),
                                      text("operation"), text("row_key"), text("old_row"), text("new_row")])
    }

    /// Builds an entry from the fields in the order of `columns`.
    static func entry(line: Int, _ f: [String?]) throws -> AuditEntry {
        guard f.count == columns.count else { throw Unreadable(line: line, problem: "\(f.count) fields, expected \(columns.count)") }
        func required(_ index: Int) throws -> String {
            assert(requiredColumns.contains(index))
            guard let value = f[index] else { throw Unreadable(line: line, problem: "\(columns[index]) is missing") }
            return value
        }
        guard let seq = Int64(try required(1)) else { throw Unreadable(line: line, problem: "seq is not a number") }
        let forum = try f[7].map { text -> Int64 in
            guard let value = Int64(text) else { throw Unreadable(line: line, problem: "forum_id is not a number") }
            return value
        }
        return AuditEntry(id: 0, chain: try required(0), seq: seq, prevHash: try required(2), hash: try required(3),
                          occurredAt: try required(4), actor: try required(5), actorRole: try required(6), forumID: forum,
                          regionCode: f[8], action: try required(9), reason: f[10], decisionRef: f[11], tableName: try required(12),
                          operation: try required(13), rowKey: f[14], oldRow: f[15], newRow: f[16])
    }

    /// Splits CSV text into records of fields, nil for an empty unquoted field. Records may span
    /// lines inside quotes; `feed` returns the records completed by this line.
    public struct CSVRecords {
        private var fields: [String?] = []
        private var field = ""
        private var quoted = false
        private var inQuotes = false
        private var afterQuote = false

        public init() {}

        public var isInsideRecord: Bool { inQuotes }

        /// Feeds one line (without its line feed); a completed record, or nil when the line ended inside quotes.
        public mutating func feed(_ line: Substring) -> [String?]? {
            for character in line {
                if inQuotes {
                    if character == "\"" { inQuotes = false; afterQuote = true } else { field.append(character) }
                } else if character == "\"" {
                    if afterQuote { field.append("\""); inQuotes = true; afterQuote = false } else { inQuotes = true; quoted = true }
                } else if character == "," {
                    fields.append(quoted || !field.isEmpty ? field : nil)
                    field = ""; quoted = false; afterQuote = false
                } else {
                    field.append(character); afterQuote = false
                }
            }
            if inQuotes { field.append("\n"); return nil }
            fields.append(quoted || !field.isEmpty ? field : nil)
            defer { fields = []; field = ""; quoted = false; afterQuote = false }
            return fields
        }
    }

    public static func parseCSV(_ record: [String?], line: Int) throws -> AuditEntry {
        try entry(line: line, record)
    }
}
