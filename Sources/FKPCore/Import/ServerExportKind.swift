/// The files this server writes that are not lists to load, known by their header: a final list, a
/// regency's data corrections or an audit trail export given to an import by mistake is named as
/// such, not as a dozen unknown columns.
public enum ServerExportKind: Sendable, Equatable {
    case finalList, dataCorrections, auditTrail

    public init?(header record: CSVReader.Record) {
        switch record.fields.map({ $0.trimmingWhitespace.lowercased() }) {
        case FinalListCSV.columns: self = .finalList
        case DataCorrectionsCSV.columns: self = .dataCorrections
        case AuditExportLine.columns: self = .auditTrail
        default: return nil
        }
    }
}
