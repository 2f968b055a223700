import FKPTestSupport
import HTTPTypes
import HummingbirdTesting
import XCTest
@testable import FKPWeb

/// A NUL character cannot be stored in any text: in an address or a form it is a bad request that
/// changes nothing, never a server error.
final class NULCharacterTests: XCTestCase {
    func testANULCharacterInAFilterOrAFormIsABadRequest() async throws {
        try await WebTest.withApp(seed: TestAccounts.world) { client, db in
            var auditor = TestBrowser(client)
            try await auditor.login("auditor", TestAccounts.password)
            for filter in ["actor", "family", "action"] {
                let page = try await auditor.get("/audit?\(filter)=a%00b")
                XCTAssertEqual(page.status, .badRequest, filter)
            }
            let plain = try await auditor.get("/audit?actor=fasil")
            XCTAssertEqual(plain.status, .ok)

            var staff = TestBrowser(client)
            try await staff.login("bps", TestAccounts.password)
            try await staff.get("/forums/1/invitations")
            let before = try await SQLTest.scalar(db, "SELECT count(*) FROM fkp.forum_participants", as: Int64.self)
            let invited = try await staff.post("/forums/1/invitations", ["kind": "community_figure", "full_name": "Tokoh\u{0}Satu"])
            XCTAssertEqual(invited.status, .badRequest)
            let after = try await SQLTest.scalar(db, "SELECT count(*) FROM fkp.forum_participants", as: Int64.self)
            XCTAssertEqual(after, before)
        }
    }

    func testTheAddressScanFindsAnEncodedNULWhereverItStands() {
        for address in ["%00", "/a?b=%00", "/a?b=x%%00", "/a?b=%0%00", "/a?b=%000"] {
            XCTAssertTrue(NULCharacterMiddleware.holdsNUL(address), address)
        }
        for address in ["", "/a", "/a?b=%0", "/a?b=%20%30", "/a?b=0%0a00", "/a?b=%2500", "/a?b=%0 0"] {
            XCTAssertFalse(NULCharacterMiddleware.holdsNUL(address), address)
        }
    }
}
