/// The two lists BPS staff load: the coded regions, and the preliminary ranked families.
public enum ListKind: String, Sendable, CaseIterable {
    case regions, families

    /// This list's header, read from its first record.
    func header(_ record: CSVReader.Record) throws(ImportProblems) -> CSVHeader {
        switch self {
        case .regions:
            try CSVHeader(record, required: RegionCSV.required, optional: RegionCSV.optional, otherNames: RegionCSV.columnsInOtherWords)
        case .families:
            try CSVHeader(record, required: FamilyCSV.required, optional: FamilyCSV.optional, otherNames: FamilyCSV.columnsInOtherWords)
        }
    }

    /// Whether `record`, refused as this list's header, is the other list's: a header it reads, or
    /// one with all its required names and not all of this list's (a families list whose own
    /// header has a column twice is still no regions list).
    func otherListsHeader(_ record: CSVReader.Record) -> Bool {
        let other: ListKind = self == .families ? .regions : .families
        if (try? other.header(record)) != nil { return true }
        let names = Set(record.fields.map { $0.trimmingWhitespace.lowercased() })
        return other.required.allSatisfy(names.contains) && !required.allSatisfy(names.contains)
    }

    private var required: [String] { self == .regions ? RegionCSV.required : FamilyCSV.required }
    private var columns: [String] { self == .regions ? RegionCSV.columns : FamilyCSV.columns }

    /// The header to add when `record`, refused as the header, is rather a row of this list in
    /// the format's column order: a file saved without its header. Nil otherwise.
    func headerMissing(above record: CSVReader.Record) -> String? {
        guard (required.count...columns.count).contains(record.fields.count) else { return nil }
        let isRow = self == .regions ? RegionCSV.startsAsRow(record) : FamilyCSV.startsAsRow(record)
        return isRow ? columns.prefix(record.fields.count).joined(separator: ",") : nil
    }
}
