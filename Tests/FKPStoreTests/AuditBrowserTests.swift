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
        _ = try await db.write(WriteContext(actor: actor, role: .admin, action: action, forumID: forum, regionCode: region)) { connection in
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

    /// Every way of reading (through the forum, person or action index, gathered for a small place,
    /// chain by chain for a large one or several, backwards everywhere) lists the entries the rule
    /// says, newest first, each once, at every page size: checked against the rule applied here.
    func testEveryWayOfReadingListsTheEntriesTheRuleSays() async throws {
        try await withTestDatabase { db, _ in
            try await Self.seed(db)
            try await SQLTest.write(db, [
                "INSERT INTO fkp.regions (code, name, level) VALUES ('3202010', 'Cibadak', 'district'), "
                    + "('3202010001', 'Desa Tiga', 'village'), ('32020100010001', 'RT 001', 'sls')",
            ] + SQLTest.forum(units: ["32020100010001"], region: "3202010001"))
            // Writes of three forums in two regencies, outside forums in both, and for the province
            // (the national chain), interleaved.
            let writes: [(sql: String, actor: String, action: String, forum: Int64?, region: String?)] = [
                ("UPDATE fkp.forums SET venue = venue || '.' WHERE id = 1", "fasil", "review.save", 1, nil),
                ("UPDATE fkp.forums SET venue = venue || '.' WHERE id = 3", "lain", "review.save", 3, nil),
                ("UPDATE fkp.regions SET name = name || '.' WHERE code = '3201010002'", "bps", "import.regions", nil, "3201010002"),
                ("UPDATE fkp.forums SET venue = venue || '.' WHERE id = 2", "fasil", "forum.invite", 2, nil),
                ("UPDATE fkp.regions SET name = name || '.' WHERE code = '32'", "admin", "import.regions", nil, "32"),
                ("UPDATE fkp.regions SET name = name || '.' WHERE code = '3202010001'", "bps.other", "user.create", nil, "3202010001"),
                ("UPDATE fkp.forums SET venue = venue || '.' WHERE id = 1", "ketua", "review.save", 1, nil),
            ]
            for round in 0..<6 {
                for (index, w) in writes.enumerated() where (round + index) % 3 != 0 {
                    try await Self.write(db, w.sql, actor: w.actor, action: w.action, forum: w.forum, region: w.region)
                }
            }
            struct Row { var id: Int64; var place: String?; var actor: String; var action: String; var forum: Int64?; var at: Date }
            var all: [Row] = []
            for try await (id, place, actor, action, forum, at) in try await db.client.query("""
                SELECT e.id, coalesce(f.region_code, e.region_code), e.actor, e.action, e.forum_id, e.occurred_at
                  FROM audit.entries e LEFT JOIN fkp.forums f ON f.id = e.forum_id ORDER BY e.id DESC
                """, logger: db.logger).decode((Int64, String?, String, String, Int64?, Date).self) {
                all.append(Row(id: id, place: place, actor: actor, action: action, forum: forum, at: at))
            }
            func within(_ place: String?, _ codes: [String]) -> Bool { place.map { p in codes.contains { p.hasPrefix($0) } } ?? false }
            let (from, to) = (all[all.count * 2 / 3].at, all[all.count / 4].at)
            let cases: [(AuditBrowser.Filter, [String]?)] = [
                (.init(), nil), (.init(), ["3201"]), (.init(), ["32"]), (.init(), ["3201010001", "3202"]), (.init(), ["3201", "3201010001", "3201"]),
                (.init(region: try RegionCode("32")), nil), (.init(region: try RegionCode("3201010002")), ["3201"]),
                (.init(region: try RegionCode("32")), ["3201010002", "3202"]), (.init(region: try RegionCode("3201")), ["3201010001"]),
                (.init(region: try RegionCode("3202")), ["3201"]),
                (.init(action: .exactly("review.save")), ["3201"]), (.init(action: .exactly("import.regions")), ["32"]),
                (.init(action: .startingWith("forum.")), ["32"]), (.init(action: .startingWith("review")), ["3201", "3202"]),
                (.init(actor: "fasil"), ["3201"]), (.init(forumID: 1), ["3201"]), (.init(forumID: 3), ["3201"]),
                (.init(from: from, to: to), ["3201"]), (.init(from: from), ["3201010001", "3202"]), (.init(to: to), nil), (.init(from: from, to: to), nil),
            ]
            for (filter, roots) in cases {
                let expected = all.filter { e in
                    let action = switch filter.action {
                    case nil: true
                    case .exactly(let name): e.action == name
                    case .startingWith(let start): e.action.hasPrefix(start)
                    }
                    return action && (filter.region.map { within(e.place, [$0.value]) } ?? true) && (roots.map { within(e.place, $0) } ?? true)
                        && (filter.forumID.map { e.forum == $0 } ?? true) && (filter.actor.map { e.actor == $0 } ?? true)
                        && (filter.from.map { e.at >= $0 } ?? true) && (filter.to.map { e.at < $0 } ?? true)
                }.map(\.id)
                let outsideTheReader = filter.forumID == 3 || filter.region?.value == "3202"
                XCTAssertEqual(expected.isEmpty, outsideTheReader, "\(filter) within \(roots ?? []): the case is not empty by chance")
                for readWhole: Int64 in [0, 1_000_000] {
                    let browser = AuditBrowser(database: db, readWhole: readWhole)
                    for limit in [1, 2, 7] {
                        var paged: [Int64] = []
                        var before: Int64?
                        while paged.count <= all.count {
                            let page = try await browser.entries(filter, within: roots?.map { try RegionCode($0) }, before: before, limit: limit)
                            XCTAssertLessThanOrEqual(page.count, limit)
                            guard let last = page.last else { break }
                            paged += page.map(\.id)
                            before = last.id
                        }
                        XCTAssertEqual(paged, expected, "\(filter) within \(roots ?? []), read whole up to \(readWhole), \(limit) a page")
                    }
                }
            }
        }
    }

    /// Where a page may read: the place filtered on within the reader's places, each place once.
    func testAPageReadsThePlaceFilteredOnWithinTheReadersPlaces() {
        typealias Reach = AuditBrowser.Reach
        XCTAssertEqual(Reach(region: nil, roots: nil), .everywhere)
        XCTAssertEqual(Reach(region: "3201", roots: nil), .place("3201"))
        XCTAssertEqual(Reach(region: nil, roots: ["3201", "3201010001", "3201"]), .place("3201"), "a village of the regency adds nothing")
        XCTAssertEqual(Reach(region: nil, roots: ["3202", "3201"]), .places(["3201", "3202"]))
        XCTAssertEqual(Reach(region: "3201010001", roots: ["3201"]), .place("3201010001"))
        XCTAssertEqual(Reach(region: "32", roots: ["3201010002", "3202", "3301"]), .places(["3201010002", "3202"]))
        XCTAssertEqual(Reach(region: "32", roots: ["3201010002", "3301"]), .place("3201010002"))
        XCTAssertNil(Reach(region: "3202", roots: ["3201"]), "outside every place of the reader")
        XCTAssertNil(Reach(region: nil, roots: []), "a reader of no place")
    }
}
