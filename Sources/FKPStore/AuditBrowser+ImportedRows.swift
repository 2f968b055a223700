import FKPCore
import Foundation
import PostgresNIO

extension AuditBrowser {
    /// A family or a place as one import batch loaded it (docs/audit.md, "Bulk loads"): the batch's
    /// own entry is in the chain, the row beside it in `audit.imported_families` or
    /// `audit.imported_regions`.
    public struct ImportedRow: Sendable, Equatable {
        public enum Change: String, Sendable { case add, change, remove }
        /// What was loaded: a family (a families list) or a place (a regions list).
        public enum Subject: Sendable {
            case family, place

            /// Its values' columns, in the order they are shown.
            public var columns: [String] {
                switch self {
                case .family: ["sls_code", "head_name", "address", "members", "welfare_group", "welfare_score", "kk_number", "head_nik",
                               "latitude", "longitude"]
                // A place's code is the filter's.
                case .place: ["name", "level", "non_sls"]
                }
            }
        }

        public var subject: Subject

        public var batchID: Int64
        public var loadedAt: Date
        public var actor: String
        public var fileName: String
        public var sha256: String
        public var change: Change
        /// The row's line in the file; nil for a family the file no longer lists (removed).
        public var line: Int?
        /// Its values as loaded, by column (`subject.columns`): a family's `sls_code` the unit it was
        /// loaded into, or, removed, the unit it left (the others nil then); nil for an empty coordinate.
        public var values: [String: String?]

        public var slsCode: String { (values["sls_code"] ?? nil) ?? "" }
    }

    /// A load and the load before it of the same family or place, within the reader's places (nil
    /// for a first load, and after a removal): what the load changed.
    public struct ImportedLoad: Sendable, Equatable {
        public var row: ImportedRow
        public var previous: ImportedRow?
    }

    /// The loads of the family the filter names, or else of the place it names, oldest first, where
    /// the reader may read: a family's or a place's history begins with the batch that added it,
    /// which no entry of its own records. None when the filter names a forum (a load is no forum's
    /// event); a person, an action or days filtered on keep the loads by that person, by an import
    /// of that list, on those days, each still against the load before it, whoever made that one and when.
    public func importedLoads(_ f: Filter, within roots: [RegionCode]?) async throws -> [ImportedLoad] {
        guard f.forumID == nil, let reach = Reach(region: f.region?.value, roots: roots?.map(\.value)) else { return [] }
        let rows: [ImportedRow]
        if let family = f.familyID {
            guard f.action.map({ Self.isImport($0, of: .families) }) ?? true else { return [] }
            rows = try await importedFamilyRows(family, within: reach)
        } else if let place = f.region?.value, reach.holds(place) {
            // The place itself, not those within it: a regency's file loads thousands.
            guard f.action.map({ Self.isImport($0, of: .regions) }) ?? true else { return [] }
            rows = try await importedPlaceRows(place)
        } else {
            return []
        }
        var loads: [ImportedLoad] = []
        var previous: ImportedRow?
        for row in rows {
            let shown = (f.actor.map { row.actor == $0 } ?? true) && (f.from.map { row.loadedAt >= $0 } ?? true)
                && (f.to.map { row.loadedAt < $0 } ?? true)
            if shown { loads.append(ImportedLoad(row: row, previous: previous)) }
            previous = row.change == .remove ? nil : row
        }
        return loads
    }

    private func importedFamilyRows(_ family: String, within reach: Reach) async throws -> [ImportedRow] {
        // Through the kept rows' key (family id, batch): a family's few loads among millions.
        let found = try await importedRows(of: .family, query: """
            SELECT i.batch_id, b.created_at, b.actor, b.file_name, b.sha256, i.change, i.line, i.sls_code, i.head_name, i.address,
                   i.members::text, i.welfare_group::text, i.welfare_score::text, i.kk_number, i.head_nik,
                   i.latitude::text, i.longitude::text
              FROM audit.imported_families i JOIN fkp.import_batches b ON b.id = i.batch_id
             WHERE i.family_id = \(family)
             ORDER BY i.batch_id
            """)
        return found.filter { reach.holds($0.slsCode) }
    }

    /// Read only for a place within the reader's reach, through the kept rows' key (code, batch).
    private func importedPlaceRows(_ code: String) async throws -> [ImportedRow] {
        try await importedRows(of: .place, query: """
            SELECT i.batch_id, b.created_at, b.actor, b.file_name, b.sha256, i.change, i.line, i.name, i.level, i.non_sls::text
              FROM audit.imported_regions i JOIN fkp.import_batches b ON b.id = i.batch_id
             WHERE i.code = \(code)
             ORDER BY i.batch_id
            """)
    }

    /// Rows of the batch's columns, then the subject's columns as text.
    private func importedRows(of subject: ImportedRow.Subject, query: PostgresQuery) async throws -> [ImportedRow] {
        try await database.read { connection in
            var found: [ImportedRow] = []
            for try await row in try await connection.query(query, logger: database.logger) {
                let (batch, at, actor, file, sha, change, line) = try row.decode(
                    (Int64, Date, String, String, String, String, Int?).self, context: .default)
                let cells = row.makeRandomAccess()
                var values: [String: String?] = [:]
                for (offset, column) in subject.columns.enumerated() {
                    values[column] = try cells[7 + offset].decode(String?.self, context: .default)
                }
                found.append(ImportedRow(subject: subject, batchID: batch, loadedAt: at, actor: actor, fileName: file, sha256: sha,
                                         change: ImportedRow.Change(rawValue: change) ?? .change, line: line, values: values))
            }
            return found
        }
    }

    /// Whether the action filtered on takes in an import of `kind` (`import.families` or
    /// `import.regions`, from the page and the command line).
    private static func isImport(_ action: ActionMatch, of kind: ListKind) -> Bool {
        let name = "import.\(kind.rawValue)"
        return switch action {
        case .exactly(let action): action == name || action == "import"
        case .startingWith(let start): name.hasPrefix(start)
        }
    }
}
