extension FamilyCSV {
    /// Indonesia's bounding box, for the coordinates of a family's home.
    static let latitudes = -11.5...6.5, longitudes = 94.5...141.5

    /// Whether `value` could stand in `column` as the list writes it: the column's rule, kept
    /// simple (a name holds a letter; an address is anything but a personal number). Asked of a
    /// sample of rows, to tell two columns whose names are swapped in the header (`SwappedColumns`).
    static func fits(_ value: String, column: String) -> Bool {
        switch column {
        case "family_id": isFamilyID(value)
        case "sls_code": unitCode(value) != nil
        case "head_name": value.contains(where: \.isLetter)
        case "address": !PersonalNumber.mayBeOne(value)
        case "members": Int(value).map { (1...99).contains($0) } ?? false
        case "welfare_group": Int(value).flatMap(WelfareGroup.init(rawValue:)) != nil
        case "welfare_score": decimalProblem(value) == nil
        // Also as a spreadsheet or a person damaged it (`3201.0101.0100.0001` keeps an id's form):
        // a column of these is not misnamed, and a list whose ids have 16 digits is not told swapped.
        case "kk_number", "head_nik": PersonalNumber.isValid(value) || SpreadsheetDamage.kind(of: value, isValid: PersonalNumber.isValid) != nil
        case "latitude": value.isEmpty || (decimalProblem(value) == nil && latitudes.contains(Double(value) ?? .nan))
        case "longitude": value.isEmpty || (decimalProblem(value) == nil && longitudes.contains(Double(value) ?? .nan))
        default: false
        }
    }
}
