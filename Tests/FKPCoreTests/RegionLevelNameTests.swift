import FKPCore
import XCTest

final class RegionLevelNameTests: XCTestCase {
    func testTheLevelsIndonesianAndEnglishNamesNameTheirLevel() {
        let expected: [(String, RegionLevel)] = [
            ("Provinsi", .province), ("PROPINSI", .province), ("Kabupaten", .regency), ("Kota", .regency),
            ("Kabupaten/Kota", .regency), ("Kab.", .regency), ("regency or city", .regency), ("Kecamatan", .district),
            ("Distrik", .district), ("Desa", .village), ("kelurahan", .village), ("Desa / Kelurahan", .village), ("Nagari", .village),
            ("RT", .sls), ("rw", .sls), ("Dusun", .sls), ("Satuan Lingkungan Setempat", .sls), ("Sub-SLS", .subsls),
            ("sub_sls", .subsls), ("Sub SLS", .subsls),
            // Either order of a pair, as forms write it.
            ("Kota/Kabupaten", .regency), ("Kelurahan/Desa", .village), ("RT/RW", .sls),
            // The Special Region of Yogyakarta's and West Sumatra's own names.
            ("Kapanewon", .district), ("Kemantren", .district), ("Kalurahan", .village), ("Jorong", .sls), ("Korong", .sls),
        ]
        for (name, level) in expected { XCTAssertEqual(RegionLevel(name: name), level, name) }
    }

    func testTheFormatsOwnWordsAndAnythingElseAreNoName() {
        // The format's words are read by the level column itself, in any case.
        for text in ["", "village", "SLS", "subsls", "county", "desa desa", "rt rt"] { XCTAssertNil(RegionLevel(name: text), text) }
    }
}
