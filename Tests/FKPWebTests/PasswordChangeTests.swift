import FKPTestSupport
@testable import FKPWeb
import Hummingbird
import HummingbirdTesting
import XCTest

/// Every sending of the password form leads to a page that says whether the password was changed.
/// Sent twice (a second tap on a slow connection), the second sending finds the password, and the
/// session, already changed by the first: it is answered as the first was, never with "wrong
/// password" or "form expired", which would leave the person believing the old password stands.
final class PasswordChangeTests: XCTestCase {
    static let newPassword = "Sawah hijau di Cibeber"
    static let form = ["current_password": TestAccounts.password, "new_password": newPassword, "confirm_password": newPassword]
    static let changedNotice = "Kata sandi Anda sudah diganti ("
    static let staleNotice = "Kata sandi tidak diganti dalam beberapa menit terakhir: bila Anda baru saja mengirim formulir ganti kata sandi, formulir itu sudah kedaluwarsa."

    func testAChangedPasswordIsSaidSoWithItsTimeAndNoFormToFillAgain() async throws {
        try await WebTest.withApp(seed: TestAccounts.world) { client, _ in
            var browser = try await Self.onThePasswordPage(client)
            let changed = try await browser.post("/password", Self.form)
            XCTAssertEqual(changed.location, PasswordController.sentPath)
            let page = try await browser.get(PasswordController.sentPath)
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.text.contains(Self.changedNotice) && page.text.contains(" WIB)"), page.text)
            XCTAssertTrue(page.text.contains("<a href=\"/\">Lanjutkan</a>"))
            XCTAssertFalse(page.text.contains("name=\"current_password\""), "nothing to fill in again")
        }
    }

    func testThePasswordFormSentTwiceAtOnceIsAnsweredTwiceAsChanged() async throws {
        try await WebTest.withApp(seed: TestAccounts.world) { client, _ in
            var browser = try await Self.onThePasswordPage(client)
            let answers = try await browser.postTwiceAtOnce("/password", Self.form)
            XCTAssertEqual(answers.map(\.location), [PasswordController.sentPath, PasswordController.sentPath], answers.map(\.text).joined())
            try await Self.onlyTheNewPasswordWorks(client)
        }
    }

    /// The browser kept the first answer's new session; the second sending still holds the token of
    /// the page it was sent from, whose session the first ended.
    func testThePasswordFormArrivingAgainAfterItsFirstSendingIsAnsweredAsChanged() async throws {
        try await WebTest.withApp(seed: TestAccounts.world) { client, _ in
            var browser = try await Self.onThePasswordPage(client)
            try await browser.post("/password", Self.form)
            let again = try await browser.post("/password", Self.form)
            XCTAssertEqual(again.location, PasswordController.sentPath, "not 403 'form expired': \(again.text)")
            let page = try await browser.get(PasswordController.sentPath)
            XCTAssertTrue(page.text.contains(Self.changedNotice), page.text)
            try await Self.onlyTheNewPasswordWorks(client)
        }
    }

    /// The browser dropped the first answer (a second tap cancels the first page's loading): the
    /// second sending comes with the session the first ended, and the person signs in to learn more.
    func testThePasswordFormArrivingAgainWithTheEndedSessionLeadsToSigningInAndThenSaysSo() async throws {
        try await WebTest.withApp(seed: TestAccounts.world) { client, _ in
            var browser = try await Self.onThePasswordPage(client)
            var dropped = browser
            try await dropped.post("/password", Self.form)
            let again = try await browser.post("/password", Self.form)
            XCTAssertEqual(again.location, PasswordController.sentPath, again.text)
            let asked = try await browser.get(PasswordController.sentPath)
            let login = try XCTUnwrap(asked.location)
            XCTAssertTrue(login.hasPrefix("/login?next="), login)
            try await browser.get(login)
            let signedIn = try await browser.post("/login", ["username": "fasil", "password": Self.newPassword,
                                                             "next": PasswordController.sentPath])
            XCTAssertEqual(signedIn.location, PasswordController.sentPath)
            let page = try await browser.get(PasswordController.sentPath)
            XCTAssertTrue(page.text.contains(Self.changedNotice), page.text)
        }
    }

    func testAStalePasswordFormIsSaidToHaveChangedNothing() async throws {
        try await WebTest.withApp(seed: TestAccounts.world) { client, _ in
            var browser = TestBrowser(client)
            try await browser.login("fasil", TestAccounts.password)
            let stale = try await browser.post("/password", Self.form, csrf: "a token from yesterday's page")
            XCTAssertEqual(stale.location, PasswordController.sentPath)
            let page = try await browser.get(PasswordController.sentPath)
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.text.contains(Self.staleNotice), page.text)
            XCTAssertFalse(page.text.contains(Self.changedNotice))
            XCTAssertTrue(page.text.contains("name=\"current_password\""), "the form, to send again")
            var other = TestBrowser(client)
            let old = try await other.login("fasil", TestAccounts.password)
            XCTAssertEqual(old.status, .seeOther)
            XCTAssertFalse(old.location?.hasPrefix("/login") == true, "the password stands")
        }
    }

    /// Only the form whose new password is the one just set is taken for the first sent again.
    func testAWrongCurrentPasswordAfterAChangeIsStillWrong() async throws {
        try await WebTest.withApp(seed: TestAccounts.world) { client, _ in
            var browser = try await Self.onThePasswordPage(client)
            try await browser.post("/password", Self.form)
            try await browser.get("/password")
            var guessed = Self.form
            guessed["new_password"] = "Gunung Salak berkabut"
            guessed["confirm_password"] = "Gunung Salak berkabut"
            let wrong = try await browser.post("/password", guessed)
            XCTAssertEqual(wrong.status, .unprocessableContent)
            XCTAssertTrue(wrong.text.contains("Kata sandi sekarang salah."), wrong.text)
            try await Self.onlyTheNewPasswordWorks(client)
        }
    }

    private static func onThePasswordPage(_ client: any TestClientProtocol) async throws -> TestBrowser {
        var browser = TestBrowser(client)
        try await browser.login("fasil", TestAccounts.password)
        try await browser.get("/password")
        return browser
    }

    private static func onlyTheNewPasswordWorks(_ client: any TestClientProtocol) async throws {
        var withOld = TestBrowser(client)
        let old = try await withOld.login("fasil", TestAccounts.password)
        XCTAssertEqual(old.status, .unauthorized, "the old password no longer works")
        var withNew = TestBrowser(client)
        let new = try await withNew.login("fasil", newPassword)
        XCTAssertEqual(new.status, .seeOther, "the new one does")
    }
}
