extension RegionLevel {
    /// The level a name of it names, as people write it on lists: its Indonesian names (domain.md's
    /// table: provinsi, kabupaten / kota, kecamatan, desa / kelurahan, an SLS as its RT, RW or
    /// dusun, sub-SLS), their regional forms (distrik, kapanewon, nagari, gampong, kalurahan,
    /// lingkungan, banjar, jorong) and the table's English, whatever the capitals, spaces, dashes or
    /// slashes. Nil for the format's own words (they are read as such) and for anything else. A
    /// regions file that writes names where the format's words belong is then told which word each one is.
    public init?(name: String) {
        let words = name.lowercased().split(whereSeparator: { " -_/.".contains($0) }).joined(separator: " ")
        guard let level = Self.names[words] else { return nil }
        self = level
    }

    private static let names: [String: RegionLevel] = [
        "provinsi": .province, "prov": .province, "propinsi": .province,
        "kabupaten": .regency, "kota": .regency, "kabupaten kota": .regency, "kab": .regency, "kab kota": .regency,
        "kota kabupaten": .regency, "kota kab": .regency, "kotamadya": .regency,
        "city": .regency, "regency or city": .regency,
        "kecamatan": .district, "kec": .district, "distrik": .district, "kapanewon": .district, "kemantren": .district,
        "desa": .village, "kelurahan": .village, "desa kelurahan": .village, "kel": .village,
        "kelurahan desa": .village, "desa kel": .village, "kel desa": .village, "nagari": .village,
        "gampong": .village, "kampung": .village, "kalurahan": .village,
        "rt": .sls, "rw": .sls, "rt rw": .sls, "dusun": .sls, "lingkungan": .sls, "banjar": .sls, "jorong": .sls, "korong": .sls,
        "satuan lingkungan setempat": .sls,
        "neighbourhood unit": .sls, "neighborhood unit": .sls,
        "sub sls": .subsls, "sub unit": .subsls, "subunit": .subsls,
    ]
}
