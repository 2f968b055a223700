import FKPCore
import XCTest

final class OtherFamilyReferenceTests: XCTestCase {
    func testANumberOnTheListIsReadAloneOrAfterNoNomorOrHash() {
        let unit = "32010100010001"
        for (typed, number) in [("4", 4), (" 4 ", 4), ("no. 4", 4), ("No.4", 4), ("NO 12", 12), ("nomor 150", 150), ("Nomor  7", 7),
                                ("#3", 3), ("# 3", 3), ("04", 4), ("9999", 9999)] {
            XCTAssertEqual(OtherFamilyReference(typed: typed, unit: unit).rowNumber, number, typed)
        }
        for typed in ["", "0", "no. 0", "10000", "4a", "F2", "no.", "nomor", "4.5", "-4", "٤", "４", "320100000096", "no. 4 dan 5", "nomer 4", "NO12"] {
            XCTAssertNil(OtherFamilyReference(typed: typed, unit: unit).rowNumber, typed)
        }
    }

    func testTheReviewNamesTheFamilyFoundByItsIdAndKeepsWhatWasTypedOtherwise() {
        let unit = "32010100010001"
        let typed = Review(presence: .duplicate, otherFamily: " no. 2 ")
        let reference = typed.otherFamilyReference(unit: unit)
        XCTAssertEqual(reference, OtherFamilyReference(typed: "no. 2", unit: unit), "trimmed, counted in the family's own unit")
        XCTAssertEqual(typed.namingOtherFamily(unit: unit, [OtherFamilyReference(typed: "no. 2", unit: unit): "F2"]).otherFamily, "F2")
        XCTAssertEqual(typed.namingOtherFamily(unit: unit, [:]).otherFamily, " no. 2 ", "nothing found: its problems say so")
        XCTAssertEqual(typed.namingOtherFamily(unit: unit, [:]).problems(familyID: "F1", preliminary: .poor, inForum: { _ in false }),
                       [.otherFamilyOutsideForum])
        XCTAssertEqual(typed.namingOtherFamily(unit: "32010100010002", [OtherFamilyReference(typed: "no. 2", unit: unit): "F2"]).otherFamily,
                       " no. 2 ", "a number found in another unit's list is not this one's")

        XCTAssertNil(Review(presence: .moved, movedTo: "Bandung", otherFamily: "2").otherFamilyReference(unit: unit),
                     "a family that moved names no other family")
        XCTAssertNil(Review(presence: .merged, otherFamily: "  ").otherFamilyReference(unit: unit))
    }
}
