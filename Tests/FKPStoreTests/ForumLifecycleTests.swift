import FKPCore
import FKPStore
import FKPTestSupport
import Foundation
import XCTest

/// A generated regency taken through the whole life of its forums, from planning to the final
/// list, through the same repositories the pages and the command line use.
final class ForumLifecycleTests: XCTestCase {
    static func context(_ action: String, forum: Int64? = nil) -> WriteContext {
        WriteContext(actor: "bps", role: .bpsStaff, action: action, forumID: forum)
    }

    /// Reviews every family of the forum: every tenth one does not fit (one group poorer or richer),
    /// every seventeenth died, the rest fit. Returns how many died.
    static func review(_ db: Database, forum: Int64) async throws -> Int {
        let reviews = ReviewRepository(database: db)
        var died = 0
        for unit in try await ForumRepository(database: db).summary(forum)?.units ?? [] {
            for (index, row) in try await reviews.rows(forumID: forum, unit: unit.code).enumerated() {
                var review = Review(verdict: .fits)
                if index % 10 == 0 {
                    let group = WelfareGroup(rawValue: row.group == .notPoor ? 3 : row.group.rawValue + 1)
                    review = Review(verdict: .doesNotFit, proposedGroup: group, reason: "Penghasilan berubah")
                } else if index % 17 == 0 {
                    review = Review(verdict: .cannotJudge, presence: .died)
                    died += 1
                }
                let outcome = try await reviews.save(forumID: forum, familyID: row.familyID, review: review, expectedVersion: row.version,
                                                     context: context("review.save", forum: forum))
                guard case .saved = outcome else { XCTFail("review of \(row.familyID): \(outcome)"); return died }
            }
        }
        return died
    }

    /// Signs the current version's minutes (only the village head signs in a forum without team
    /// or invited participants) and closes the forum.
    static func signAndClose(_ db: Database, forum: Int64, version: Int) async throws -> ChainHead? {
        let signatures = SignatureRepository(database: db)
        for place in try await signatures.signatories(forumID: forum) where place.mark == nil {
            try await signatures.record(forumID: forum, place: place, signerName: "Kepala Desa", status: .signed, method: .paper,
                                        refusalReason: nil, withStamp: true, context: context("minutes.signed", forum: forum))
        }
        guard let minutes = try await MinutesRepository(database: db).assemble(forumID: forum) else { return nil }
        return try await ClosingRepository(database: db).close(forumID: forum, version: version, minutes: minutes,
                                                               context: context("forum.close", forum: forum))
    }

    func testAGeneratedRegencyGoesFromPlanningToItsFinalListAndAReopenedForumExtendsItsChain() async throws {
        try await withTestDatabase { db, _ in
            let regency = try RegionCode("3201")
            let generated = SyntheticRegency(.init(regency: regency, villages: 3, families: 240, unitsPerVillage: 3, seed: 7))
            let importer = ListImporter(database: db)
            _ = try await importer.run(.regions, chunks: try FileChunks(bytes: Array(generated.regionsCSV.utf8)), fileName: "r.csv",
                                       context: .system("test", action: "import"))
            _ = try await importer.run(.families, chunks: try FileChunks(bytes: Array(generated.familiesCSV.utf8)), fileName: "f.csv",
                                       context: .system("test", action: "import"))
            let forums = ForumRepository(database: db)
            let villages = generated.regions.filter { $0.level == .village }
            var ids: [Int64] = []
            var died = 0
            for (index, village) in villages.enumerated() {
                let units = generated.regions.filter { $0.level == .sls && village.code.contains($0.code) }.map(\.code)
                let start = Date(timeIntervalSince1970: 1_800_000_000 + Double(index) * 86_400)
                let id = try await forums.plan(ForumPlan(place: village.code, units: units, title: "FKP \(village.name)", startsAt: start,
                                                         endsAt: start + 10_800, venue: "Balai Desa"), context: Self.context("forum.plan"))
                ids.append(id)
                for (from, to) in [(ForumState.planned, ForumState.open), (.open, .reviewing)] {
                    let moved = try await forums.move(id, from: from, to: to, context: Self.context("forum.state", forum: id))
                    XCTAssertTrue(moved)
                }
                died += try await Self.review(db, forum: id)
                if index == 0 {
                    _ = try await AddedFamilyRepository(database: db).add(
                        AddedFamily(headName: "Keluarga Baru", members: 3, proposedGroup: .veryPoor, reason: "Belum terdaftar"),
                        forumID: id, unit: units[0], context: Self.context("added.add", forum: id))
                }
                let ready = try await forums.move(id, from: .reviewing, to: .readyToClose, context: Self.context("forum.state", forum: id))
                XCTAssertTrue(ready)
                let head = try await Self.signAndClose(db, forum: id, version: 1)
                XCTAssertNotNil(head)
            }

            let reranker = Reranker(database: db)
            guard case let .ran(_, provisional, firstInputs, firstOutput, result) = try await reranker.run(
                regency: regency, allowOpen: false, context: Self.context("rerank.run")) else { return XCTFail("every forum is closed") }
            XCTAssertFalse(provisional)
            XCTAssertEqual(result.removed.count, died)
            XCTAssertEqual(result.entries.count, generated.families.count - died + 1, "the added family enters")
            XCTAssertEqual(result.entries.filter { $0.flags.contains(.enumerate) }.count, 1)
            XCTAssertTrue(result.entries.contains { $0.changes.contains(.groupCorrected) })
            XCTAssertEqual(result.entries.map(\.rank), Array(1...result.entries.count))

            // Reopened with a reason, one verdict changed, closed again: a new head further down the same chain.
            let forum = ids[0]
            let closings = ClosingRepository(database: db)
            let reopened = try await closings.reopen(forumID: forum, version: 1, reason: "Satu keluarga salah kelompok",
                                                     context: Self.context("forum.reopen", forum: forum))
            XCTAssertTrue(reopened)
            let back = try await forums.move(forum, from: .reopened, to: .reviewing, context: Self.context("forum.state", forum: forum))
            XCTAssertTrue(back)
            let summary = try await forums.summary(forum)
            let unit = try XCTUnwrap(summary?.units.first?.code)
            let rows = try await ReviewRepository(database: db).rows(forumID: forum, unit: unit)
            let row = try XCTUnwrap(rows.first { $0.review.verdict == .fits })
            _ = try await ReviewRepository(database: db).save(
                forumID: forum, familyID: row.familyID,
                review: Review(verdict: .doesNotFit, proposedGroup: row.group == .veryPoor ? .poor : .veryPoor, reason: "Dikoreksi"),
                expectedVersion: row.version, context: Self.context("review.save", forum: forum))
            let readyAgain = try await forums.move(forum, from: .reviewing, to: .readyToClose, context: Self.context("forum.state", forum: forum))
            XCTAssertTrue(readyAgain)
            let second = try await Self.signAndClose(db, forum: forum, version: 2)
            let heads = try await closings.closings(forumID: forum)
            XCTAssertEqual(heads.count, 2)
            XCTAssertGreaterThan(try XCTUnwrap(second).seq, heads[0].head.seq)
            let verification = try await AuditRepository(database: db).verify()
            XCTAssertTrue(verification.isValid, "\(verification.problems)")

            guard case let .ran(_, _, inputsA, outputA, resultA) = try await reranker.run(regency: regency, allowOpen: false, context: Self.context("rerank.run")),
                  case let .ran(_, _, inputsB, outputB, resultB) = try await reranker.run(regency: regency, allowOpen: false, context: Self.context("rerank.run"))
            else { return XCTFail("every forum is closed again") }
            XCTAssertNotEqual(inputsA, firstInputs, "the changed verdict is an input")
            XCTAssertNotEqual(outputA, firstOutput)
            XCTAssertEqual(inputsA, inputsB)
            XCTAssertEqual(outputA, outputB)
            XCTAssertEqual(FinalListCSV.document(resultA.entries), FinalListCSV.document(resultB.entries), "the same inputs give the same bytes")
            var exported = ""
            try await FinalListExport(database: db).write(regency: regency, runID: nil) { exported += $0 }
            XCTAssertEqual(exported, FinalListCSV.document(resultB.entries), "the stored list is the list that was computed")
            XCTAssertEqual(FinalListCSV.sha256(exported), outputB)
        }
    }
}
