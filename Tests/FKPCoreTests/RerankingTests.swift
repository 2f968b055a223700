import FKPCore
import XCTest

/// The re-ranking rule of docs/reranking.md, one rule at a time, and its determinism.
final class RerankingTests: XCTestCase {
    let regency = try! RegionCode("3201")

    func family(_ id: String, group: WelfareGroup = .poor, score: String, unit: String = "32010100010001",
                _ outcome: Reranking.Outcome? = nil) -> Reranking.ListedFamily {
        Reranking.ListedFamily(id: id, slsCode: unit, headName: "Kepala \(id)", preliminaryGroup: group, score: score, outcome: outcome)
    }

    func outcome(_ group: WelfareGroup = .poor, _ presence: Presence = .present, movedTo: String? = nil) -> Reranking.Outcome {
        Reranking.Outcome(forumID: 1, groupAfter: group, presence: presence, movedToUnit: movedTo, reason: "alasan forum")
    }

    func testFinalOrderIsGroupThenScoreThenFamilyIdWithAnAcceptedCorrectionReplacingTheGroup() {
        let result = Reranking.rank(regency: regency, families: [
            family("B", score: "10.5", outcome()),
            family("A", score: "10.5", outcome()),
            family("C", group: .poor, score: "30", outcome(.veryPoor)),
            family("D", group: .veryPoor, score: "50", outcome(.veryPoor)),
            family("E", score: "2", outcome()),
        ], added: [])
        XCTAssertEqual(result.entries.map(\.familyID), ["C", "D", "E", "A", "B"], "group 1 first; ties of score by family id")
        XCTAssertEqual(result.entries.map(\.rank), [1, 2, 3, 4, 5])
        let corrected = result.entries[0]
        XCTAssertEqual(corrected.finalGroup, .veryPoor)
        XCTAssertEqual(corrected.preliminaryGroup, .poor)
        XCTAssertEqual(corrected.changes, [.groupCorrected])
        XCTAssertEqual(corrected.reason, "alasan forum")
        XCTAssertEqual(result.entries[1].changes, [], "a confirmed group is no change")
    }

    func testFamiliesThatDiedAreDuplicatesOrWereMergedLeaveTheList() {
        let result = Reranking.rank(regency: regency, families: [
            family("DIED", score: "1", outcome(.poor, .died)),
            family("DUP", score: "2", outcome(.poor, .duplicate)),
            family("MERGED", score: "3", outcome(.poor, .merged)),
            family("STAYS", score: "4", outcome()),
        ], added: [])
        XCTAssertEqual(result.entries.map(\.familyID), ["STAYS"])
        XCTAssertEqual(result.removed.map(\.familyID), ["DIED", "DUP", "MERGED"])
        XCTAssertEqual(result.removed.map(\.removal), [.died, .duplicate, .merged])
    }

    func testAFamilyThatMovedStaysUnderItsNewUnitInTheRegencyAndLeavesWhenItMovedOut() {
        let result = Reranking.rank(regency: regency, families: [
            family("WITHIN", score: "1", outcome(.poor, .moved, movedTo: "32010100020001")),
            family("OUT", score: "2", outcome(.poor, .moved, movedTo: "32020100010001")),
            family("UNKNOWN", score: "3", outcome(.poor, .moved)),
            family("NOTFOUND", score: "4", outcome(.poor, .notFound)),
        ], added: [])
        XCTAssertEqual(result.entries.map(\.familyID), ["WITHIN", "UNKNOWN", "NOTFOUND"])
        XCTAssertEqual(result.entries[0].slsCode, "32010100020001")
        XCTAssertEqual(result.entries[0].changes, [.moved])
        XCTAssertEqual(result.entries[1].slsCode, "32010100010001", "an unknown destination keeps the old unit")
        XCTAssertEqual(result.entries[1].flags, [.destinationUnknown])
        XCTAssertEqual(result.entries[2].flags, [.notFound])
        XCTAssertEqual(result.removed.map(\.familyID), ["OUT"])
        XCTAssertEqual(result.removed.map(\.removal), [.movedOut])
    }

    func testAddedFamiliesEnterAfterTheScoredFamiliesOfTheirGroupFlaggedForEnumeration() {
        let added = [
            Reranking.AddedFamily(id: 7, forumID: 1, slsCode: "32010100010002", headName: "Baru Dua", proposedGroup: .veryPoor,
                                  presence: .present, reason: "belum terdaftar"),
            Reranking.AddedFamily(id: 3, forumID: 1, slsCode: "32010100010001", headName: "Baru Satu", proposedGroup: .veryPoor,
                                  presence: .present, reason: "belum terdaftar"),
            Reranking.AddedFamily(id: 9, forumID: 1, slsCode: "32010100010001", headName: "Sudah pindah", proposedGroup: .veryPoor,
                                  presence: .moved, reason: "pindah"),
        ]
        let result = Reranking.rank(regency: regency, families: [
            family("P1", group: .veryPoor, score: "99", outcome(.veryPoor)),
            family("P2", group: .poor, score: "1", outcome()),
        ], added: added)
        XCTAssertEqual(result.entries.map { $0.familyID ?? "+\($0.addedFamilyID!)" }, ["P1", "+3", "+7", "P2"])
        XCTAssertEqual(result.entries[1].flags, [.enumerate])
        XCTAssertEqual(result.entries[1].changes, [.added])
        XCTAssertNil(result.entries[1].preliminaryGroup)
    }

    func testAFamilyNoForumReviewedKeepsItsPreliminaryGroupFlagged() {
        let result = Reranking.rank(regency: regency, families: [family("X", group: .vulnerable, score: "5")], added: [])
        XCTAssertEqual(result.entries.first?.finalGroup, .vulnerable)
        XCTAssertEqual(result.entries.first?.flags, [.notReviewed])
    }

    func testTheSameInputsInAnyOrderGiveTheSameBytes() {
        var families = (1...300).map { i in
            family(String(format: "F%04d", i), group: WelfareGroup(rawValue: i % 4 + 1)!, score: String(i % 37) + ".25",
                   unit: "3201010001000\(i % 3 + 1)", i % 5 == 0 ? outcome(WelfareGroup(rawValue: (i + 1) % 4 + 1)!) : nil)
        }
        let first = FinalListCSV.document(Reranking.rank(regency: regency, families: families, added: []).entries)
        families.shuffle()
        let second = FinalListCSV.document(Reranking.rank(regency: regency, families: families, added: []).entries)
        XCTAssertEqual(first, second)
        XCTAssertEqual(FinalListCSV.inputsSHA256(families: families, added: []),
                       FinalListCSV.inputsSHA256(families: families.reversed(), added: []))
        let entries = Reranking.rank(regency: regency, families: families, added: []).entries
        XCTAssertEqual(FinalListCSV.sha256(of: entries), FinalListCSV.sha256(first), "hashing line by line hashes the document")
        XCTAssertTrue(first.hasPrefix("final_rank,family_id,added_family_id,sls_code,head_name,preliminary_group,final_group,change,reason,flags\n"))
    }

    func testTypedTextsThatStartAsAFormulaAreWrittenSoASpreadsheetShowsThemAsText() {
        let added = [Reranking.AddedFamily(id: 1, forumID: 1, slsCode: "32010100010001", headName: "=HYPERLINK(\"http://x\",\"klik\")",
                                           proposedGroup: .veryPoor, presence: .present, reason: "@SUM(1+1)")]
        let listed = Reranking.ListedFamily(id: "F1", slsCode: "32010100010001", headName: "Siti", preliminaryGroup: .poor, score: "1",
                                            outcome: Reranking.Outcome(forumID: 1, groupAfter: .veryPoor, presence: .present,
                                                                       movedToUnit: nil, reason: "-2+3 rumah rusak"))
        let lines = FinalListCSV.document(Reranking.rank(regency: regency, families: [listed], added: added).entries)
            .split(separator: "\n").dropFirst()
        XCTAssertEqual(lines.first, "1,F1,,32010100010001,Siti,2,1,group_corrected,'-2+3 rumah rusak,", "a reason starting with -")
        XCTAssertEqual(lines.last, #"2,,1,32010100010001,"'=HYPERLINK(""http://x"",""klik"")",,1,added,'@SUM(1+1),enumerate"#)
        for plain in ["Siti", "Kp. Babakan", "12 orang", "'kutip"] { XCTAssertEqual(CSVWriter.spreadsheetSafe(plain), plain) }
        for formula in ["=1", "+1", "-1", "@A1"] { XCTAssertEqual(CSVWriter.spreadsheetSafe(formula), "'" + formula) }
    }

    func testTheChainHeadIsPrintedInBlocksOfFour() {
        XCTAssertEqual(ChainHead(seq: 1, hash: "0123456789abcdef01").blocks, "0123 4567 89ab cdef 01")
    }
}
