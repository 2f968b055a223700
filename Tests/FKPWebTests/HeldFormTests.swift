import FKPCore
import FKPStore
@testable import FKPWeb
import FKPTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import XCTest

/// A form of the forum's pages sent after its session ended is held and offered again once the
/// person has signed in: nothing written before they press the button, nothing lost after.
final class HeldFormTests: XCTestCase {
    static let unit = ReviewPageTests.unit
    static let sameSite: HTTPFields = [HTTPField.Name("Sec-Fetch-Site")!: "same-origin",
                                       .referer: "http://localhost\(unit)?verdict=none"]

    func testAVerdictSentAfterTheSessionEndedIsOfferedAgainOnceSignedInAndSavedWhenSent() async throws {
        try await WebTest.withApp(seed: ReviewPageTests.reviewing) { client, db in
            var head = try await Self.idle(after: Self.unit, as: "ketua", client, db, saying: Self.sameSite)

            let sent = try await head.post("\(Self.unit)/families/F2", [
                "version": "0", "verdict": "tidak_sesuai", "proposed_group": "2", "reason": "Usaha warung tutup", "back": "verdict=none"])
            XCTAssertEqual(sent.status, .seeOther)
            XCTAssertEqual(sent.location, "/login")
            let written = try await SQLTest.scalar(db, "SELECT count(*) FROM fkp.reviews", as: Int64.self)
            XCTAssertEqual(written, 0, "nothing written with a token of a session that has ended")
            let login = try await head.get("/login")
            XCTAssertTrue(login.text.contains("Sesi Anda sudah berakhir, sehingga yang baru Anda kirim belum tersimpan."), login.text)

            let signedIn = try await head.post("/login", ["username": "ketua", "password": TestAccounts.password])
            XCTAssertEqual(signedIn.location, "/held-form", "straight to what was held")
            let offer = try await head.get("/held-form")
            XCTAssertEqual(offer.status, .ok)
            XCTAssertTrue(offer.text.contains(#"<form method="post" action="\#(Self.unit)/families/F2">"#), offer.text)
            XCTAssertTrue(offer.text.contains("<dt>Alasan</dt><dd>Usaha warung tutup</dd>"), "what it holds, to read first: \(offer.text)")
            XCTAssertTrue(offer.text.contains("<dt>Keluarga</dt><dd>2. Kepala F2 (RT 001)</dd>"), "about which family, as the list names it")
            XCTAssertTrue(offer.text.contains("<dt>Penilaian</dt><dd>Tidak sesuai</dd>") && offer.text.contains("<dt>Kelompok usulan</dt><dd>2 Miskin</dd>"),
                          "in words, as the audit pages read a row")
            XCTAssertFalse(offer.text.contains("<dd>0</dd>") || offer.text.contains("verdict=none</dd>"), "not the fields kept for the server")
            XCTAssertTrue(offer.text.contains(#"<a href="\#(Self.unit)?verdict=none">Jangan kirim, kembali ke halaman</a>"#),
                          "back to the page it was sent from")
            let fields = Self.hiddenFields(in: offer.text)
            XCTAssertEqual(fields.map(\.name), ["csrf_token", "back", "proposed_group", "reason", "verdict", "version"], "in the order sent")
            XCTAssertEqual(fields.first?.value, head.csrf, "the new session's token")
            let again = try await head.get("/held-form")
            XCTAssertEqual(again.location, "/", "offered once: the page's form holds it now")

            let resent = try await head.post("\(Self.unit)/families/F2", Dictionary(uniqueKeysWithValues: fields.dropFirst().map { ($0.name, $0.value) }))
            XCTAssertEqual(resent.location, "\(Self.unit)?verdict=none#f-F2", "saved as the form would have been")
            let entry = try await SQLTest.scalar(db, """
                SELECT actor || ' ' || (new_row ->> 'verdict') || ' ' || (new_row ->> 'reason') FROM audit.entries WHERE table_name = 'fkp.reviews'
                """, as: String.self)
            XCTAssertEqual(entry, "ketua tidak_sesuai Usaha warung tutup")
        }
    }

    /// A page opened before its person signed in again (in another tab, say) sends the old token.
    func testAFormWithTheTokenOfAnEarlierSessionIsOfferedAgainAtOnceAndEscaped() async throws {
        try await WebTest.withApp(seed: ReviewPageTests.reviewing) { client, db in
            var head = TestBrowser(client)
            head.extraHeaders = Self.sameSite
            try await head.login("ketua", TestAccounts.password)
            try await head.get(Self.unit)
            let oldToken = try XCTUnwrap(head.csrf)
            try await head.post("/logout", [:])
            try await head.login("ketua", TestAccounts.password)

            // Sent from the page that answered an earlier sending to the same address (a conflict page).
            head.extraHeaders[.referer] = "http://localhost\(Self.unit)/families/F1"
            let sent = try await head.post("\(Self.unit)/families/F1", [
                "version": "0", "verdict": "tidak_sesuai", "proposed_group": "3", "reason": #"Rumah "baru" <b>&</b>"#], csrf: oldToken)
            XCTAssertEqual(sent.location, "/held-form", "signed in already: the offer at once")
            let offer = try await head.get("/held-form")
            XCTAssertTrue(offer.text.contains(#"<a href="/">Jangan kirim"#), "back to the person's first page, not to an address only sent to")
            XCTAssertTrue(offer.text.contains(#"name="reason" value="Rumah &quot;baru&quot; &lt;b&gt;&amp;&lt;/b&gt;""#), offer.text)
            XCTAssertEqual(Self.hiddenFields(in: offer.text).first { $0.name == "reason" }?.value, #"Rumah "baru" <b>&</b>"#)
            let written = try await SQLTest.scalar(db, "SELECT count(*) FROM fkp.reviews", as: Int64.self)
            XCTAssertEqual(written, 0)
        }
    }

    /// Someone else signing in on the device is not told whose family the form was about.
    func testAHeldFormNamesItsFamilyOnlyToSomeoneWhoMaySeeTheForum() async throws {
        try await WebTest.withApp(seed: ReviewPageTests.reviewing) { client, db in
            var device = try await Self.idle(after: Self.unit, as: "ketua", client, db, saying: Self.sameSite)
            try await device.post("\(Self.unit)/families/F2", ["version": "0", "verdict": "sesuai"])
            let other = try await Self.signIn(&device, as: "bps.other")
            XCTAssertEqual(other.location, "/held-form")
            let offer = try await device.get("/held-form")
            XCTAssertTrue(offer.text.contains("<dt>Penilaian</dt><dd>Sesuai</dd>"), offer.text)
            XCTAssertFalse(offer.text.contains("Kepala F2") || offer.text.contains("<dt>Keluarga</dt>"), "another regency's staff: no family named")
        }
    }

    /// A plan names units and people by code: it comes back in its own form, filled in, to be saved.
    func testAPlanSentAfterTheSessionEndedFillsItsFormAgainAndIsPlannedOnlyWhenSaved() async throws {
        try await WebTest.withApp(seed: PlanningTests.world) { client, db in
            var staff = try await Self.idle(after: "/regions/3201010001/forums/new", as: "bps", client, db, saying: [
                HTTPField.Name("Sec-Fetch-Site")!: "same-origin", .referer: "http://localhost/regions/3201010001/forums/new"])
            let fasil = try await SQLTest.scalar(db, "SELECT id FROM fkp.users WHERE username = 'fasil'", as: Int64.self) ?? 0
            let plan = ["title": "FKP Desa Satu B", "date": "2026-12-02", "starts": "09:00", "ends": "12:00",
                        "venue": #"Balai RW 05 & "Aula" + Ëndah"#, "units[]": "32010100010002", "facilitator": "\(fasil)"]
            let sent = try await staff.post("/regions/3201010001/forums", plan)
            XCTAssertEqual(sent.location, "/login")
            func forums() async throws -> Int64? { try await SQLTest.scalar(db, "SELECT count(*) FROM fkp.forums", as: Int64.self) }
            let before = try await forums()
            XCTAssertEqual(before, 2, "nothing planned with a token of a session that has ended")

            let signedIn = try await Self.signIn(&staff, as: "bps")
            XCTAssertEqual(signedIn.location, "/held-form")
            let offer = try await staff.get("/held-form")
            XCTAssertEqual(offer.location, "/regions/3201010001/forums/new", "to the planning form, not a list of codes")
            let form = try await staff.get("/regions/3201010001/forums/new")
            XCTAssertTrue(form.text.contains("Yang Anda isi belum tersimpan"), form.text)
            XCTAssertTrue(form.text.contains(#"value="Balai RW 05 &amp; &quot;Aula&quot; + Ëndah""#), "the venue as typed: \(form.text)")
            XCTAssertTrue(form.text.contains(#"value="32010100010002" checked"#) && form.text.contains(#"<option value="\#(fasil)" selected>"#),
                          "its unit and its facilitator chosen")
            XCTAssertTrue(form.text.contains(#"value="2026-12-02""#) && form.text.contains(#"value="FKP Desa Satu B""#))
            let unplanned = try await forums()
            XCTAssertEqual(unplanned, 2, "nothing planned before it is saved")
            let again = try await staff.get("/regions/3201010001/forums/new")
            XCTAssertFalse(again.text.contains("Yang Anda isi belum tersimpan") || again.text.contains("Balai RW 05"), "offered once")

            let saved = try await staff.post("/regions/3201010001/forums", plan)
            XCTAssertEqual(saved.location, "/forums/3")
            let venue = try await SQLTest.scalar(db, "SELECT venue FROM fkp.forums WHERE id = 3", as: String.self)
            XCTAssertEqual(venue, #"Balai RW 05 & "Aula" + Ëndah"#)

            // A planned forum's changed plan, likewise, keeps the version it was changed from.
            try await SessionLifetimeTests.age(db, field: "lastSeenAt", by: "31 minutes")
            staff.extraHeaders[.referer] = "http://localhost/forums/3/plan"
            let replan = plan.merging(["venue": "Balai Desa", "version": "1"]) { $1 }
            let late = try await staff.post("/forums/3/plan", replan)
            XCTAssertEqual(late.location, "/login")
            try await Self.signIn(&staff, as: "bps")
            let replanOffer = try await staff.get("/held-form")
            XCTAssertEqual(replanOffer.location, "/forums/3/plan")
            let replanForm = try await staff.get("/forums/3/plan")
            XCTAssertTrue(replanForm.text.contains("Yang Anda isi belum tersimpan") && replanForm.text.contains(#"value="Balai Desa""#), replanForm.text)
            XCTAssertTrue(replanForm.text.contains(#"<input type="hidden" name="version" value="1">"#), "the version it was changed from")
            let unchanged = try await SQLTest.scalar(db, "SELECT venue FROM fkp.forums WHERE id = 3", as: String.self)
            XCTAssertEqual(unchanged, #"Balai RW 05 & "Aula" + Ëndah"#)
        }
    }

    /// A paper list entered after the session ended comes back in its page, each code in its row,
    /// and a row changed since it was entered is still found stale when it is saved.
    func testAPaperListSentAfterTheSessionEndedFillsItsPageAgainKeepingTheVersionsItWasEnteredOver() async throws {
        try await WebTest.withApp(seed: TestAccounts.world + SQLTest.advance(to: .reviewing)) { client, db in
            var facilitator = try await Self.idle(after: "\(Self.unit)/paper", as: "fasil", client, db, saying: [
                HTTPField.Name("Sec-Fetch-Site")!: "same-origin", .referer: "http://localhost\(Self.unit)/paper"])
            let entered = ["v_F1": "0", "c_F1": "t3", "r_F1": "Anak sudah bekerja", "v_F2": "0", "c_F2": "s"]
            let sent = try await facilitator.post("\(Self.unit)/paper", entered)
            XCTAssertEqual(sent.location, "/login")

            // Meanwhile the SLS head judges the first family on her phone.
            var head = TestBrowser(client)
            try await head.login("ketua", TestAccounts.password)
            try await head.get(Self.unit)
            try await head.post("\(Self.unit)/families/F1", ["version": "0", "verdict": "tidak_berpendapat"])

            let signedIn = try await Self.signIn(&facilitator, as: "fasil")
            XCTAssertEqual(signedIn.location, "/held-form")
            let offer = try await facilitator.get("/held-form")
            XCTAssertEqual(offer.location, "\(Self.unit)/paper", "to the paper list's page, not a list of field codes")
            let page = try await facilitator.get("\(Self.unit)/paper")
            XCTAssertTrue(page.text.contains("Yang Anda isi belum tersimpan"), page.text)
            XCTAssertTrue(page.text.contains(#"name="c_F1" value="t3""#) && page.text.contains(#"name="r_F1" value="Anak sudah bekerja""#)
                          && page.text.contains(#"name="c_F2" value="s""#), "each code and reason in its row")
            XCTAssertTrue(page.text.contains(#"name="v_F1" value="0""#), "the version the list was entered over, not the head's since")
            let reviews = try await SQLTest.scalar(db, "SELECT count(*) FROM fkp.reviews WHERE updated_by = 'fasil'", as: Int64.self)
            XCTAssertEqual(reviews, 0, "nothing saved before it is sent")

            let saved = try await facilitator.post("\(Self.unit)/paper", entered)
            XCTAssertEqual(saved.status, .unprocessableContent)
            XCTAssertTrue(saved.text.contains("sudah diisi orang lain"), "the head's verdict is not overwritten unseen")
            let rows = try await SQLTest.scalar(db, "SELECT string_agg(family_id || ':' || verdict, ' ' ORDER BY family_id) FROM fkp.reviews",
                                                as: String.self)
            XCTAssertEqual(rows, "F1:tidak_berpendapat F2:sesuai")
        }
    }

    /// Every held form of the forum reads in words: its fields by the names the audit pages give
    /// the columns they write, codes and yes-or-no answers as words, the place's code left out.
    func testAHeldFormsFieldsReadInWords() throws {
        func shown(_ fields: [(String, String)]) throws -> [String] {
            let stored = try JSONSerialization.data(withJSONObject: [
                "path": "/forums/1/x", "page": "/", "fields": fields.map { ["name": $0.0, "value": $0.1] }])
            let held = try JSONDecoder().decode(HeldForm.self, from: stored)
            return HeldFormController.Content(csrf: "t", held: held, Translations(language: .indonesian)).shown.map { "\($0.name): \($0.value)" }
        }
        XCTAssertEqual(try shown([("version", "2"), ("attended", "yes"), ("representative", "Ibu Ketua (istri)")]),
                       ["Hadir: ya", "Wakil: Ibu Ketua (istri)"], "the attendance")
        XCTAssertEqual(try shown([("slot", "participant:12"), ("status", "signed"), ("method", "screen"), ("signer_name", "Pak Kades"),
                                  ("stamp", "yes")]),
                       ["Status: Ditandatangani", "Cara: Di layar", "Nama penanda tangan: Pak Kades", "Dengan cap: ya"], "a signature")
        XCTAssertEqual(try shown([("status", "accepted"), ("method", "vote"), ("votes_for", "7"), ("note", "Disepakati")]),
                       ["Status: Diterima", "Cara: Pemungutan suara", "Suara setuju: 7", "Catatan keputusan: Disepakati"], "a decision")
        XCTAssertEqual(try shown([("verdict", "sesuai"), ("presence", "duplicate"), ("other_family", "4")]),
                       ["Penilaian: Sesuai", "Keberadaan: Ganda dengan keluarga lain", "Keluarga lain: 4"], "a verdict naming another family")
    }

    func testOnlyAFormOfTheForumFromThisSitesOwnPageIsHeld() async throws {
        try await WebTest.withApp(seed: ReviewPageTests.reviewing) { client, db in
            let verdict = ["version": "0", "verdict": "sesuai"]
            func refusedAndNotHeld(_ headers: HTTPFields, path: String = "\(Self.unit)/families/F1", fields: [String: String] = verdict,
                                   accept: String? = nil, _ why: String) async throws {
                var head = try await Self.idle(after: Self.unit, as: "ketua", client, db, saying: headers)
                let sent = try await head.post(path, fields, accept: accept)
                XCTAssertEqual(sent.status, .forbidden, why)
                XCTAssertTrue(sent.text.contains("Formulir ini sudah kedaluwarsa"), why)
                let signedIn = try await head.login("ketua", TestAccounts.password)
                XCTAssertNotEqual(signedIn.location, "/held-form", why)
                let offer = try await head.get("/held-form")
                XCTAssertEqual(offer.location, "/", why)
            }
            try await refusedAndNotHeld([:], "a browser that says nothing of where the form came from")
            try await refusedAndNotHeld([HTTPField.Name("Sec-Fetch-Site")!: "cross-site"], "another site's page")
            try await refusedAndNotHeld([.origin: "https://evil.example"], "another site, said by an older browser")
            try await refusedAndNotHeld([.origin: "null", .referer: "http://localhost\(Self.unit)"], "an origin withheld is not made up by the page's address")
            try await refusedAndNotHeld([.referer: "https://evil.example/forums/1"], "another site's page, said by its address alone")
            try await refusedAndNotHeld(Self.sameSite, accept: "application/json", "the page's script, which tells the person itself")
            try await refusedAndNotHeld(Self.sameSite, path: "/forums/1/state", fields: ["from": "reviewing", "to": "ready_to_close"],
                                        "a forum's move is one button, nothing typed")
            try await refusedAndNotHeld(Self.sameSite, fields: ["version": "0", "verdict": "tidak_sesuai", "proposed_group": "2",
                                                                "reason": "NIK 3201010101010001"], "a personal number is never kept")
            let written = try await SQLTest.scalar(db, "SELECT count(*) FROM fkp.reviews", as: Int64.self)
            XCTAssertEqual(written, 0)
            var typing = try await Self.idle(after: Self.unit, as: "ketua", client, db, saying: Self.sameSite)
            let password = try await typing.post("/password", ["current_password": "x", "new_password": "y"])
            XCTAssertEqual(password.location, PasswordController.sentPath, "a stale password form leads to the page that says whether the password was changed")
            let signedIn = try await typing.login("ketua", TestAccounts.password)
            XCTAssertNotEqual(signedIn.location, "/held-form", "a password is never kept")

            var older = try await Self.idle(after: Self.unit, as: "ketua", client, db, saying: [.origin: "http://localhost"])
            let sentByOlder = try await older.post("\(Self.unit)/families/F1", verdict)
            XCTAssertEqual(sentByOlder.location, "/login", "an older browser's Origin naming this site is enough")
            var proxy = try await Self.idle(after: Self.unit, as: "ketua", client, db, saying: [.referer: "http://localhost:8080\(Self.unit)"])
            let proxied = try await proxy.post("\(Self.unit)/families/F1", verdict)
            XCTAssertEqual(proxied.location, "/login", "so is the page's address alone, as a browser on a proxy may send it")
        }
    }

    /// Signs in on the login page, answering where the sign-in leads without following it.
    @discardableResult
    static func signIn(_ browser: inout TestBrowser, as username: String) async throws -> TestResponse {
        try await browser.get("/login")
        return try await browser.post("/login", ["username": username, "password": TestAccounts.password])
    }

    /// A browser that signed in as `username`, opened `page`, and was then left idle past the
    /// session's end; from then on it says what `headers` say of where its forms come from.
    static func idle(after page: String, as username: String, _ client: any TestClientProtocol, _ db: Database,
                     saying headers: HTTPFields) async throws -> TestBrowser {
        var browser = TestBrowser(client)
        try await browser.login(username, TestAccounts.password)
        try await browser.get(page)
        try await SessionLifetimeTests.age(db, field: "lastSeenAt", by: "31 minutes")
        browser.extraHeaders = headers
        return browser
    }

    /// The hidden fields of the page's form, their values unescaped, in order.
    static func hiddenFields(in page: String) -> [(name: String, value: String)] {
        guard let form = page.firstMatch(of: /<form method="post" action="\/forums[^>]*>(?s:.*?)<\/form>/)?.0 else { return [] }
        return form.matches(of: /<input type="hidden" name="([^"]*)" value="([^"]*)">/).map { match in
            (String(match.1), String(match.2).replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
                .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&#39;", with: "'")
                .replacingOccurrences(of: "&amp;", with: "&"))
        }
    }
}
