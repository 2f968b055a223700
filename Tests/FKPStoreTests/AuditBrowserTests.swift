import FKPCore
@testable import FKPStore
import FKPTestSupport
import PostgresNIO
import XCTest

/// Which entries the audit pages list: a forum's lie where it is held, other writes where they were
/// declared for; an action picked whole is matched whole, a typed start as the characters it is.
final class AuditBrowserTests: XCTestCase {
    /// One write, declared as `actor` doing `action`, for `forum` or `region`.
    static func write(_ db: Database, _ sql: String, actor: String, action: String, forum: Int64? = nil, region: String? = nil) async throws {
        try await db.write(WriteContext(actor: actor, role: .admin, action: action, forumID: forum, regionCode: region)) { connection in
            try await connection.query(PostgresQuery(unsafeSQL: sql), logger: db.logger)
        }
    }

    /// The actions of the entries listed, newest first, after the seed's own.
    static func actions(_ db: Database, _ filter: AuditBrowser.Filter, within roots: [String]? = nil,
                        before: Int64? = nil, limit: Int = 50) async throws -> [String] {
        try await AuditBrowser(database: db)
            .entries(filter, within: roots?.map { try RegionCode($0) }, before: before, limit: limit)
            .map(\.action).filter { !$0.hasPrefix("test.") }
    }

    static func seed(_ db: Database) async throws {
        try await SQLTest.write(db, TestAccounts.world)
        try await write(db, "UPDATE fkp.forums SET venue = 'Balai A' WHERE id = 1", actor: "fasil", action: "forum.invite", forum: 1)
        try await write(db, "UPDATE fkp.forums SET venue = 'Balai B' WHERE id = 1", actor: "fasil", action: "forum.invite_reissue", forum: 1)
        // Outside any forum, declared for the second village: the regency's chain.
        try await write(db, "UPDATE fkp.regions SET name = 'Desa Dua Baru' WHERE code = '3201010002'", actor: "bps", action: "import.regions",
                        region: "3201010002")
        // Forum 2 is held in the second village; its write declared the first village all the same.
        try await write(db, "UPDATE fkp.forums SET venue = 'Balai C' WHERE id = 2", actor: "bps", action: "forum.replan", forum: 2,
                        region: "3201010001")
    }

    func testAnActionPickedWholeIsMatchedWholeAndATypedStartAsItsCharacters() async throws {
        try await withTestDatabase { db, _ in
            try await Self.seed(db)
            let whole = try await Self.actions(db, .init(action: .exactly("forum.invite")))
            XCTAssertEqual(whole, ["forum.invite"], "not forum.invite_reissue, whose name only starts alike")
            let started = try await Self.actions(db, .init(action: .startingWith("forum.invite")))
            XCTAssertEqual(started, ["forum.invite_reissue", "forum.invite"])
            let wildcards = try await Self.actions(db, .init(action: .startingWith("forum%")))
            XCTAssertEqual(wildcards, [], "a typed % is a percent sign, not any text")
            let underscore = try await Self.actions(db, .init(action: .startingWith("forum.invite_")))
            XCTAssertEqual(underscore, ["forum.invite_reissue"])
            let person = try await Self.actions(db, .init(actor: "fasil"))
            XCTAssertEqual(person, ["forum.invite_reissue", "forum.invite"])
        }
    }

    func testAForumsEntriesLieWhereItIsHeldAndOtherWritesWhereTheyWereDeclared() async throws {
        try await withTestDatabase { db, _ in
            try await Self.seed(db)
            let first = try await Self.actions(db, .init(region: try RegionCode("3201010001")))
            XCTAssertEqual(first, ["forum.invite_reissue", "forum.invite"], "forum 2's write is in the second village, whatever it declared")
            let second = try await Self.actions(db, .init(region: try RegionCode("3201010002")))
            XCTAssertEqual(second, ["forum.replan", "import.regions"])
            let unit = try await Self.actions(db, .init(region: try RegionCode("32010100010001")))
            XCTAssertEqual(unit, [], "no forum is held in a unit, and no write was declared for it")
            // The reader's only place, and the same place filtered on by a reader of the whole regency.
            let villageAuditor = try await Self.actions(db, .init(), within: ["3201010002"])
            XCTAssertEqual(villageAuditor, second)
            let regencyAuditor = try await Self.actions(db, .init(region: try RegionCode("3201010002")), within: ["3201"])
            XCTAssertEqual(regencyAuditor, second)
            let twoPlaces = try await Self.actions(db, .init(), within: ["3201010002", "3202"])
            XCTAssertEqual(twoPlaces, second)
            let elsewhere = try await Self.actions(db, .init(region: try RegionCode("3201010002")), within: ["3202"])
            XCTAssertEqual(elsewhere, [], "a filter never reaches outside the reader's places")
        }
    }

    /// A small place's entries are gathered and sorted instead of read backwards: the pages are the same.
    func testASmallPlacesEntriesPageLikeAnyOthers() async throws {
        try await withTestDatabase { db, _ in
            try await Self.seed(db)
            let browser = AuditBrowser(database: db)
            let all = try await browser.entries(.init(forumID: 1), within: nil, before: nil, limit: 1000)
            XCTAssertGreaterThan(all.count, 2, "more than one page")
            var paged: [AuditEntry] = []
            var before: Int64?
            while true {
                let page = try await browser.entries(.init(region: try RegionCode("3201010001")), within: ["3201"].map { try RegionCode($0) },
                                                     before: before, limit: 2)
                guard let last = page.last else { break }
                paged += page
                before = last.id
            }
            XCTAssertEqual(paged.map(\.id), all.map(\.id), "every entry of forum 1, newest first, once")
            XCTAssertEqual(paged.map(\.id), paged.map(\.id).sorted(by: >))
        }
    }
}
