import FKPCore
import Foundation
import PostgresNIO

extension AuditBrowser {
    /// A family as one import batch loaded it (docs/audit.md, "Bulk loads"): the batch's own entry
    /// is in the chain, the family's row beside it in `audit.imported_families`.
    public struct ImportedFamilyRow: Sendable, Equatable {
        public enum Change: String, Sendable { case add, change, remove }

        public var batchID: Int64
        public var loadedAt: Date
        public var actor: String
        public var fileName: String
        public var sha256: String
        public var change: Change
        /// The family's line in the file; nil for a family the file no longer lists (removed).
        public var line: Int?
        /// Its values as loaded, by column: `sls_code` the unit it was loaded into, or, removed, the
        /// unit it left (the others nil then); nil for an empty coordinate.
        public var values: [String: String?]

        public static let columns = ["sls_code", "head_name", "address", "members", "welfare_group", "welfare_score", "kk_number",
                                     "head_nik", "latitude", "longitude"]

        public var slsCode: String { (values["sls_code"] ?? nil) ?? "" }
    }

    /// A load and the family's load before it, within the reader's places (nil for a first load, and
    /// after a removal): what the load changed.
    public struct ImportedFamilyLoad: Sendable, Equatable {
        public var row: ImportedFamilyRow
        public var previous: ImportedFamilyRow?
    }

    /// The loads of the family the filter names, oldest first, where the reader may read: a
    /// family's history begins with the batch that added it, which no entry of its own records.
    /// None unless the filter names a family and no forum (a load is no forum's event); a person,
    /// an action or days filtered on keep the loads by that person, by an import, on those days,
    /// each still against the load before it, whoever made that one and when.
    public func importedLoads(_ f: Filter, within roots: [RegionCode]?) async throws -> [ImportedFamilyLoad] {
        guard let family = f.familyID, f.forumID == nil, f.action.map(Self.isImport) ?? true,
              let reach = Reach(region: f.region?.value, roots: roots?.map(\.value)) else { return [] }
        var loads: [ImportedFamilyLoad] = []
        var previous: ImportedFamilyRow?
        for row in try await importedRows(family, within: reach) {
            let shown = (f.actor.map { row.actor == $0 } ?? true) && (f.from.map { row.loadedAt >= $0 } ?? true)
                && (f.to.map { row.loadedAt < $0 } ?? true)
            if shown { loads.append(ImportedFamilyLoad(row: row, previous: previous)) }
            previous = row.change == .remove ? nil : row
        }
        return loads
    }

    private func importedRows(_ family: String, within reach: Reach) async throws -> [ImportedFamilyRow] {
        try await database.read { connection in
            var found: [ImportedFamilyRow] = []
            // Through the kept rows' key (family id, batch): a family's few loads among millions.
            let rows = try await connection.query("""
                SELECT i.batch_id, b.created_at, b.actor, b.file_name, b.sha256, i.change, i.line, i.sls_code, i.head_name, i.address,
                       i.members::text, i.welfare_group::text, i.welfare_score::text, i.kk_number, i.head_nik,
                       i.latitude::text, i.longitude::text
                  FROM audit.imported_families i JOIN fkp.import_batches b ON b.id = i.batch_id
                 WHERE i.family_id = \(family)
                 ORDER BY i.batch_id
                """, logger: database.logger)
            for try await row in rows {
                let (batch, at, actor, file, sha, change, line) = try row.decode(
                    (Int64, Date, String, String, String, String, Int?).self, context: .default)
                let columns = row.makeRandomAccess()
                var values: [String: String?] = [:]
                for (offset, column) in ImportedFamilyRow.columns.enumerated() {
                    values[column] = try columns[7 + offset].decode(String?.self, context: .default)
                }
                let loaded = ImportedFamilyRow(batchID: batch, loadedAt: at, actor: actor, fileName: file, sha256: sha,
                                               change: ImportedFamilyRow.Change(rawValue: change) ?? .change, line: line, values: values)
                if reach.holds(loaded.slsCode) { found.append(loaded) }
            }
            return found
        }
    }

    /// Whether the action filtered on takes in an import's (`import.families` from the page and
    /// the command line).
    private static func isImport(_ action: ActionMatch) -> Bool {
        switch action {
        case .exactly(let action): action == "import.families" || action == "import"
        case .startingWith(let start): "import.families".hasPrefix(start)
        }
    }
}
