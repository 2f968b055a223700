extension SyntheticRegency {
    /// The regions file, sorted by code, as `fkp export regions` writes it.
    public var regionsCSV: String {
        CSVWriter.line(RegionCSV.columns) + regions.sorted { $0.code < $1.code }.map(RegionCSV.line).joined()
    }

    /// The families file, sorted by unit then preliminary order, as `fkp export families` writes it.
    public var familiesCSV: String {
        let ranks = PreliminaryRanking.ranksWithinUnits(families)
        let ordered = families.sorted {
            $0.slsCode != $1.slsCode ? $0.slsCode < $1.slsCode : (ranks[$0.id] ?? 0) < (ranks[$1.id] ?? 0)
        }
        return CSVWriter.line(FamilyCSV.columns) + ordered.map(FamilyCSV.line).joined()
    }
}
