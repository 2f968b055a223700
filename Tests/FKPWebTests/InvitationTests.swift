import FKPCore
import FKPStore
@testable import FKPWeb
import PostgresNIO
import FKPTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import XCTest

final class InvitationTests: XCTestCase {
    static func code(in html: String) -> String? {
        guard let range = html.range(of: #"<code class="secret">"#) else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "<" })
    }

    func testAFacilitatorInvitesAnSLSHeadWhoActivatesOnceWithThePrintedCode() async throws {
        try await WebTest.withApp(seed: TestAccounts.world) { client, db in
            var facilitator = TestBrowser(client)
            try await facilitator.login("fasil", TestAccounts.password)
            let page = try await facilitator.get("/forums/1/invitations")
            XCTAssertEqual(page.status, .ok)
            let sheet = try await facilitator.post("/forums/1/invitations", ["kind": "sls_head", "full_name": "Nur'aini Ñoman",
                                                                             "sls_code": "32010100010001"])
            XCTAssertEqual(sheet.status, .ok)
            let code = try XCTUnwrap(Self.code(in: sheet.text))
            XCTAssertTrue(sheet.text.contains("Nur&#39;aini Ñoman") || sheet.text.contains("Nur'aini Ñoman"), "names are kept and escaped")
            XCTAssertTrue(sheet.text.contains("WIB"), "times are local")
            let username = try await SQLTest.scalar(db, "SELECT username FROM fkp.users WHERE display_name = 'Nur''aini Ñoman'", as: String.self)
            XCTAssertEqual(username?.hasPrefix("nuraini."), true)

            var invitee = TestBrowser(client)
            let opened = try await invitee.get("/activate?code=\(code)")
            XCTAssertTrue(opened.text.contains(#"<input id="username" name="username" value="\#(try XCTUnwrap(username))" autocomplete="username" readonly>"#),
                          "the account a working code activates is named, for its person and a password manager: \(opened.text)")
            let short = try await invitee.post("/activate", ["code": code, "new_password": "pendek", "confirm_password": "pendek"])
            XCTAssertEqual(short.status, .unprocessableContent)
            XCTAssertTrue(short.text.contains(#"value="\#(try XCTUnwrap(username))""#), "and still named when the password is refused")
            let password = "Jalan setapak ke sawah"
            let activated = try await invitee.post("/activate", ["code": code, "new_password": password, "confirm_password": password])
            XCTAssertEqual(activated.location, "/login?activated=1&username=\(try XCTUnwrap(username))")
            let login = try await invitee.get(try XCTUnwrap(activated.location))
            XCTAssertTrue(login.text.contains(#"value="\#(try XCTUnwrap(username))""#), "the login page has the account's name filled in")
            let again = try await invitee.post("/activate", ["code": code, "new_password": "Sandi lain yang panjang", "confirm_password": "Sandi lain yang panjang"])
            XCTAssertEqual(again.status, .unprocessableContent)
            try await invitee.login(try XCTUnwrap(username), password)
            let response1 = try await invitee.get("/regions/32010100010001")
            XCTAssertEqual(response1.status, .ok)
            let tables = try await SQLTest.scalar(
                db, "SELECT string_agg(table_name, ',' ORDER BY seq) FROM audit.entries WHERE chain = 'forum:1' AND action = 'forum.invite'",
                as: String.self)
            XCTAssertEqual(tables, "fkp.users,fkp.role_assignments,fkp.forum_participants,fkp.activation_codes",
                           "the whole invitation is recorded in the forum's chain")
        }
    }

    func testInvitationsAreRefusedOutsideTheForumsPlaceAndBeyondFiveFigures() async throws {
        try await WebTest.withApp(seed: TestAccounts.world) { client, db in
            var outsider = TestBrowser(client)
            try await outsider.login("bps.other", TestAccounts.password)
            let response2 = try await outsider.get("/forums/1/invitations")
            XCTAssertEqual(response2.status, .notFound)
            let response3 = try await outsider.post("/forums/1/invitations", ["kind": "community_figure", "full_name": "X"])
            XCTAssertEqual(response3.status, .forbidden)
            var head = TestBrowser(client)
            try await head.login("ketua", TestAccounts.password)
            let response4 = try await head.post("/forums/1/invitations", ["kind": "community_figure", "full_name": "X"])
            XCTAssertEqual(response4.status, .forbidden)

            var staff = TestBrowser(client)
            try await staff.login("bps", TestAccounts.password)
            try await staff.get("/forums/1/invitations")
            let long = try await staff.post("/forums/1/invitations", ["kind": "community_figure", "full_name": String(repeating: "e\u{301}", count: 101)])
            XCTAssertEqual(long.status, .unprocessableContent, "201 characters as the database counts them")
            XCTAssertTrue(long.text.contains("paling banyak 200 karakter"))
            let withNIK = try await staff.post("/forums/1/invitations", ["kind": "community_figure", "full_name": "Ustaz Ali 3201014501800001"])
            XCTAssertEqual(withNIK.status, .unprocessableContent, "the name is printed on the sheet, the attendance list and the minutes")
            XCTAssertTrue(withNIK.text.contains("Isian &quot;Nama&quot; memuat bilangan sekitar 16 angka"), withNIK.text)
            XCTAssertTrue(withNIK.text.contains(#"value="Ustaz Ali 3201014501800001""#), "the name typed stays in the form, to be mended")
            XCTAssertTrue(withNIK.text.contains(#"<option value="community_figure" selected>"#), "with the role chosen")
            for n in 1...5 {
                try await staff.get("/forums/1/invitations")
                let sheet = try await staff.post("/forums/1/invitations", ["kind": "community_figure", "full_name": "Tokoh \(n)"])
                XCTAssertEqual(sheet.status, .ok)
            }
            try await staff.get("/forums/1/invitations")
            let sixth = try await staff.post("/forums/1/invitations", ["kind": "community_figure", "full_name": "Tokoh 6"])
            XCTAssertEqual(sixth.status, .unprocessableContent)
            XCTAssertTrue(sixth.text.contains("lima tokoh masyarakat"))
            XCTAssertTrue(sixth.text.contains(#"value="Tokoh 6""#))
            let blank = try await staff.get("/forums/1/invitations")
            XCTAssertTrue(blank.text.contains(#"name="full_name" maxlength="200" required value="""#), "an empty form otherwise")
            XCTAssertFalse(blank.text.contains(" selected>"))
            let users = try await SQLTest.scalar(db, "SELECT count(*) FROM fkp.users WHERE display_name = 'Tokoh 6'", as: Int64.self)
            XCTAssertEqual(users, 0, "the refused invitation left no account behind")
        }
    }

    /// The form sent twice (a second tap on a slow connection) must not make two accounts for one person.
    func testACommunityFigureIsInvitedOnceByName() async throws {
        try await WebTest.withApp(seed: TestAccounts.world) { client, db in
            var staff = TestBrowser(client)
            try await staff.login("bps", TestAccounts.password)
            try await staff.get("/forums/1/invitations")
            let first = try await staff.post("/forums/1/invitations", ["kind": "community_figure", "full_name": "Ibu Euis"])
            XCTAssertEqual(first.status, .ok)
            try await staff.get("/forums/1/invitations")
            let again = try await staff.post("/forums/1/invitations", ["kind": "community_figure", "full_name": " ibu euis "])
            XCTAssertEqual(again.status, .unprocessableContent)
            XCTAssertTrue(again.text.contains("sudah diundang ke forum ini"))
            let accounts = try await SQLTest.scalar(db, "SELECT count(*) FROM fkp.users WHERE lower(btrim(display_name)) = 'ibu euis'", as: Int64.self)
            XCTAssertEqual(accounts, 1, "one person, one account and one code")
            try await staff.get("/forums/1/invitations")
            let namesake = try await staff.post("/forums/1/invitations", ["kind": "community_figure", "full_name": "Ibu Euis (RT 003)"])
            XCTAssertEqual(namesake.status, .ok, "a namesake told apart in the name is another person")
        }
    }

    /// The account name printed is the person's first name, not their form of address, and a name
    /// as common as a country's "Siti" still gets one once its 9,000 four-digit numbers are taken.
    func testAnInvitedPersonsAccountIsNamedByTheirNameHoweverCommon() async throws {
        try await WebTest.withApp(seed: TestAccounts.world + [
            "INSERT INTO fkp.users (username, display_name) SELECT 'siti.' || n, 'Siti ' || n FROM generate_series(1000, 9999) n",
        ]) { client, db in
            var staff = TestBrowser(client)
            try await staff.login("bps", TestAccounts.password)
            try await staff.get("/forums/1/invitations")
            let sheet = try await staff.post("/forums/1/invitations", ["kind": "sls_head", "full_name": "Ibu Siti Aminah", "sls_code": "32010100010001"])
            XCTAssertEqual(sheet.status, .ok)
            let username = try await SQLTest.scalar(db, "SELECT username FROM fkp.users WHERE display_name = 'Ibu Siti Aminah'", as: String.self)
            XCTAssertNotNil(username?.range(of: #"^siti\.[1-9][0-9]{4,}$"#, options: .regularExpression), "\(username ?? "none")")
            XCTAssertTrue(sheet.text.contains(try XCTUnwrap(username)), "the sheet prints it")
        }
    }

    /// A sheet leaves the screen: it prints the whole address to open, the code in it, by the
    /// site's configured address or else the host the request named, over HTTPS when the site is
    /// so, and the same address as a QR code.
    func testASheetPrintsTheWholeAddressToOpen() async throws {
        for (publicURL, secure, expected) in [(nil, false, "http://localhost/activate?code="), (nil, true, "https://localhost/activate?code="),
                                              ("https://fkp.example.go.id", true, "https://fkp.example.go.id/activate?code=")] {
            try await withTestDatabase { db, url in
                try await SQLTest.write(db, TestAccounts.world)
                var config = try await WebTest.serverConfig(url)
                config.publicURL = publicURL
                config.secureCookies = secure
                try await buildApplication(config: config, logger: TestPostgres.logger).test(.router) { client in
                    var staff = TestBrowser(client)
                    try await staff.login("bps", TestAccounts.password)
                    try await staff.get("/forums/1/invitations")
                    let sheet = try await staff.post("/forums/1/invitations", ["kind": "community_figure", "full_name": "Euis Rohaeti"])
                    let code = try XCTUnwrap(Self.code(in: sheet.text))
                    let address = expected + code
                    XCTAssertTrue(sheet.text.contains(#"<code class="address">\#(address)</code>"#), "\(expected): \(sheet.text)")
                    let drawn = try XCTUnwrap(QRCode(bytes: Array(address.utf8)).map { QRCodeSVG.render($0, label: "Kode QR alamat aktivasi akun") })
                    XCTAssertTrue(sheet.text.contains(drawn), "and the same address as a QR code, for a phone's camera")
                }
            }
        }
    }

    func testEveryWaitingInvitationPrintsOnItsOwnSheetWithANewCode() async throws {
        try await WebTest.withApp(seed: TestAccounts.world) { client, db in
            var staff = TestBrowser(client)
            try await staff.login("bps", TestAccounts.password)
            try await staff.get("/forums/1/invitations")
            try await staff.post("/forums/1/invitations", ["kind": "sls_head", "full_name": "Dadang Suhendar", "sls_code": "32010100010001"])
            try await staff.get("/forums/1/invitations")
            try await staff.post("/forums/1/invitations", ["kind": "community_figure", "full_name": "Euis Rohaeti"])
            let page = try await staff.get("/forums/1/invitations")
            XCTAssertTrue(page.text.contains("Cetak semua undangan"))
            let sheets = try await staff.post("/forums/1/invitations/sheets", [:])
            XCTAssertEqual(sheets.status, .ok)
            XCTAssertTrue(sheets.text.contains("Dadang Suhendar") && sheets.text.contains("Euis Rohaeti"))
            XCTAssertEqual(sheets.text.components(separatedBy: #"<article class="sheet">"#).count - 1, 2, "one sheet per invitee")
            let codes = try await SQLTest.scalar(db, """
                SELECT count(*) FROM fkp.activation_codes WHERE used_at IS NULL AND expires_at > now()
                """, as: Int64.self)
            XCTAssertEqual(codes, 2, "only the printed codes work")
            var head = TestBrowser(client)
            try await head.login("ketua", TestAccounts.password)
            _ = try await head.get("/forums/1")
            let refused = try await head.post("/forums/1/invitations/sheets", [:])
            XCTAssertEqual(refused.status, .forbidden)
        }
    }

    /// People are invited while the forum is planned: once it opens, the page says so instead of
    /// offering a form the database would refuse, and a form sent from an older page is refused by
    /// that reason; the invitations already made still print with new codes.
    func testNoOneNewIsInvitedOnceTheForumHasOpened() async throws {
        try await WebTest.withApp(seed: TestAccounts.world) { client, db in
            var staff = TestBrowser(client)
            try await staff.login("bps", TestAccounts.password)
            try await staff.get("/forums/1/invitations")
            try await staff.post("/forums/1/invitations", ["kind": "sls_head", "full_name": "Dadang Suhendar", "sls_code": "32010100010001"])
            try await SQLTest.write(db, forum: 1, SQLTest.advance(to: .open))

            let page = try await staff.get("/forums/1/invitations")
            XCTAssertTrue(page.text.contains("Forum sudah dibuka, jadi tidak ada undangan baru"), page.text)
            XCTAssertFalse(page.text.contains(#"<form method="post" action="/forums/1/invitations">"#), "no form the database would refuse")
            let late = try await staff.post("/forums/1/invitations", ["kind": "community_figure", "full_name": "Euis Rohaeti"])
            XCTAssertEqual(late.status, .conflict)
            XCTAssertTrue(late.text.contains("Forum ini sudah dibuka: peserta baru diundang selama forum masih direncanakan"), late.text)
            let invited = try await SQLTest.scalar(db, "SELECT count(*) FROM fkp.forum_participants WHERE forum_id = 1", as: Int64.self)
            XCTAssertEqual(invited, 1)
            let sheets = try await staff.post("/forums/1/invitations/sheets", [:])
            XCTAssertEqual(sheets.status, .ok)
            XCTAssertTrue(sheets.text.contains("Dadang Suhendar"), "the invitation made before still prints")
        }
    }
}
