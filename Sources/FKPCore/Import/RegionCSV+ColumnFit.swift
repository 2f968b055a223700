extension RegionCSV {
    /// Whether `value` could stand in `column` as the list writes it, kept simple (a name holds a
    /// letter and is no level's word). Asked of a sample of rows, to tell two columns whose names
    /// are swapped in the header (`SwappedColumns`).
    static func fits(_ value: String, column: String) -> Bool {
        let isLevel = RegionLevel(rawValue: value.lowercased()) != nil || RegionLevel(name: value) != nil
        return switch column {
        case "code": RegionCode.parse(value) != nil
        case "name": value.contains(where: \.isLetter) && !isLevel
        case "level": isLevel
        case "non_sls": ["", "true", "false"].contains(value.lowercased()) || yesOrNo[value.lowercased()] != nil
        default: false
        }
    }
}
