import FKPCore
import FKPStore
@testable import FKPWeb
import FKPTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import XCTest

/// A place's current lists downloaded from its page in the import format: byte for byte what
/// `fkp export` writes, loaded again unchanged; personal numbers whole for BPS staff (logged),
/// masked for an auditor; nothing for anyone outside the place.
final class ListDownloadTests: XCTestCase {
    func testAPlacesListsDownloadAsExportedAndLoadAgainUnchanged() async throws {
        try await WebTest.withApp(seed: TestAccounts.world) { client, db in
            // A generated regency of 1,000 families: its file is many of the download's pieces.
            let generated = SyntheticRegency(.init(regency: try RegionCode("3203"), villages: 2, families: 1000, seed: 11))
            try await ListImporter(database: db).load(generated, fileNamePrefix: "uji", context: .system("test", action: "import"))
            var admin = TestBrowser(client)
            try await admin.login("admin", TestAccounts.password)
            let page = try await admin.get("/regions/3203")
            XCTAssertTrue(page.text.contains(#"<a href="/regions/3203/families.csv" download>keluarga</a>"#), page.text)
            XCTAssertFalse(page.text.contains("disamarkan"), "an administrator gets the numbers whole")
            let families = try await admin.get("/regions/3203/families.csv")
            XCTAssertEqual(families.status, .ok)
            XCTAssertEqual(families.headers[.contentDisposition], #"attachment; filename="families-3203.csv""#)
            XCTAssertEqual(families.headers[.cacheControl], "no-store")
            XCTAssertEqual(families.text, generated.familiesCSV, "the generated file, byte for byte")
            let regions = try await admin.get("/regions/3203/regions.csv")
            var exported = ""
            try await ListExporter(database: db).regions(under: try RegionCode("3203")) { exported += $0 }
            XCTAssertEqual(regions.text, exported)
            XCTAssertTrue(regions.text.hasPrefix("code,name,level,non_sls\n32,"), "with its ancestors, so that it loads anywhere: \(regions.text.prefix(80))")

            // BPS staff of regency 3201: the file they revise, loaded again as it came, changes nothing.
            var staff = try await ImportUploadTests.staffOnImportPage(client)
            let own = try await staff.get("/regions/3201/families.csv")
            XCTAssertEqual(own.status, .ok)
            XCTAssertTrue(own.text.contains(",3201010101000001,"), "whole numbers for BPS staff: \(own.text)")
            let again = try await staff.upload("/imports/families", fileName: "families-3201.csv", content: own.text)
            XCTAssertTrue(again.text.contains("families-3201.csv: 2 baris, sama dengan yang sudah ada; tidak ada yang berubah."), again.text)
            let ownRegions = try await staff.get("/regions/3201/regions.csv")
            let regionsAgain = try await staff.upload("/imports/regions", fileName: "regions-3201.csv", content: ownRegions.text)
            XCTAssertTrue(regionsAgain.text.contains("regions-3201.csv: "), regionsAgain.text)
            XCTAssertTrue(regionsAgain.text.contains("sama dengan yang sudah ada; tidak ada yang berubah."),
                          "the province above, unchanged, is no place outside theirs: \(regionsAgain.text)")
            let logged = try await SQLTest.scalar(db, "SELECT string_agg(what || ' / ' || subject, ';') FROM audit.personal_data_access WHERE username = 'bps'", as: String.self)
            XCTAssertEqual(logged, "kk_number, head_nik: download of families / region 3201 (2 families)")
        }
    }

    func testAnAuditorGetsMaskedNumbersAndNoOneOutsideThePlaceGetsTheLists() async throws {
        try await WebTest.withApp(seed: TestAccounts.world) { client, db in
            var auditor = TestBrowser(client)
            try await auditor.login("auditor", TestAccounts.password)
            let page = try await auditor.get("/regions/3201")
            XCTAssertTrue(page.text.contains(#"<a href="/regions/3201/regions.csv" download>wilayah</a> (Nomor KK dan NIK disamarkan.)"#), page.text)
            let masked = try await auditor.get("/regions/3201/families.csv")
            XCTAssertEqual(masked.status, .ok)
            XCTAssertFalse(masked.text.contains("3201010101000001"), masked.text)
            XCTAssertTrue(masked.text.contains(PersonalNumber.masked("3201010101000001")), masked.text)
            let none = try await SQLTest.scalar(db, "SELECT count(*) FROM audit.personal_data_access", as: Int64.self)
            XCTAssertEqual(none, 0, "masked numbers are no personal data shown")

            // Outside the person's place, nothing there; inside it, a role that may not export lists.
            for (username, path, status) in [("bps.other", "/regions/3201/families.csv", HTTPResponse.Status.notFound),
                                             ("bps.other", "/regions/3201/regions.csv", .notFound),
                                             ("fasil", "/regions/3201010001/families.csv", .forbidden),
                                             ("ketua", "/regions/32010100010001/families.csv", .forbidden),
                                             ("admin", "/regions/3299/families.csv", .notFound), ("admin", "/regions/32x/families.csv", .notFound)] {
                var person = TestBrowser(client)
                try await person.login(username, TestAccounts.password)
                let refused = try await person.get(path)
                XCTAssertEqual(refused.status, status, "\(username) \(path)")
                let page = try await person.get("/regions/3201010001")
                XCTAssertFalse(page.text.contains("families.csv") && username != "admin", "\(username) is not offered the download")
            }
            var stranger = TestBrowser(client)
            let anonymous = try await stranger.get("/regions/3201/families.csv")
            XCTAssertEqual(anonymous.status, .seeOther)
        }
    }
}
