import FKPCore
import XCTest

final class ReviewRulesTests: XCTestCase {
    private let inForum: (String) -> Bool = { ["F1", "F2", "F3"].contains($0) }

    func testDoesNotFitNeedsAnotherGroupAndAReason() {
        let bare = Review(verdict: .doesNotFit)
        XCTAssertEqual(bare.problems(familyID: "F1", preliminary: .poor, inForum: inForum), [.proposedGroupMissing, .reasonMissing])
        let same = Review(verdict: .doesNotFit, proposedGroup: .poor, reason: "  ")
        XCTAssertEqual(same.problems(familyID: "F1", preliminary: .poor, inForum: inForum), [.proposedGroupIsPreliminary, .reasonMissing])
        let good = Review(verdict: .doesNotFit, proposedGroup: .veryPoor, reason: "Rumah bocor, tidak bekerja")
        XCTAssertEqual(good.problems(familyID: "F1", preliminary: .poor, inForum: inForum), [])
        XCTAssertEqual(good.groupAfter(preliminary: .poor), .veryPoor)
    }

    func testAPersonalNumberTypedIntoANoteOrAnAddedFamilyIsRefused() {
        let note = Review(verdict: .fits, orderNote: "NIK 3201014501800001 tertukar")
        XCTAssertEqual(note.problems(familyID: "F1", preliminary: .poor, inForum: inForum), [.personalNumberInText])
        let reason = Review(verdict: .doesNotFit, proposedGroup: .veryPoor, reason: "3201014501800001")
        XCTAssertEqual(reason.problems(familyID: "F1", preliminary: .poor, inForum: inForum), [.personalNumberInText])
        let moved = Review(presence: .moved, movedTo: "3201010001000101")
        XCTAssertEqual(moved.problems(familyID: "F1", preliminary: .poor, inForum: inForum), [], "a sub-SLS's code has 16 digits too")
        let phone = Review(verdict: .fits, orderNote: "HP 081234567890, RT 003")
        XCTAssertEqual(phone.problems(familyID: "F1", preliminary: .poor, inForum: inForum), [], "a phone number is shorter")
        let added = AddedFamily(headName: "Euis", address: "Gg. Mawar, KK 3201010101000001", members: 2, proposedGroup: .poor, reason: "Baru")
        XCTAssertEqual(added.problems, [.personalNumberInText])
        XCTAssertEqual(Challenge(kind: .data, proposedValue: "3201014501800002", reason: "NIK salah").problems(currentGroup: .poor),
                       [.personalNumberInText])
        XCTAssertEqual(Challenge(kind: .data, proposedValue: "Siti", reason: "KK 3201010101000001").problems(currentGroup: .poor),
                       [.personalNumberInText])
        XCTAssertEqual(Challenge.Decision(status: .withdrawn, note: "lihat NIK 3201014501800001").problems, [.personalNumberInText])
        for typed in ["NIK ３２０１０１４５０１８０００００１", "٣٢٠١٠١٤٥٠١٨٠٠٠٠١", "KK ३२०१ ०१०१ ०१०० ०००१ hilang"] {
            let other = Review(verdict: .fits, orderNote: typed)
            XCTAssertEqual(other.problems(familyID: "F1", preliminary: .poor, inForum: inForum), [.personalNumberInText],
                           "digits of another script are the same number: \(typed)")
        }
        XCTAssertEqual(Review(verdict: .fits, orderNote: "Rumah no. ４, RT ٣").problems(familyID: "F1", preliminary: .poor, inForum: inForum), [],
                       "a few such digits are not a personal number")
        XCTAssertEqual(Challenge(kind: .presence, proposedPresence: .moved, proposedValue: "3201010001000101", reason: "Pindah RT")
                        .problems(currentGroup: .poor), [], "a presence's destination may be a sub-SLS's code")
    }

    func testFitsAndCannotJudgeNeedNothingAndDropAStrayProposedGroup() {
        for verdict in [Verdict.fits, .cannotJudge] {
            let review = Review(verdict: verdict, proposedGroup: .notPoor)
            XCTAssertEqual(review.problems(familyID: "F1", preliminary: .poor, inForum: inForum), [])
            XCTAssertNil(review.normalized.proposedGroup)
            XCTAssertEqual(review.groupAfter(preliminary: .poor), .poor)
        }
    }

    func testDuplicateOfAndMergedIntoMustNameAnotherFamilyOfTheForum() {
        for presence in [Presence.duplicate, .merged] {
            XCTAssertEqual(Review(presence: presence).problems(familyID: "F1", preliminary: .poor, inForum: inForum), [.otherFamilyMissing])
            XCTAssertEqual(Review(presence: presence, otherFamily: "F1").problems(familyID: "F1", preliminary: .poor, inForum: inForum), [.otherFamilyIsItself])
            XCTAssertEqual(Review(presence: presence, otherFamily: "X9").problems(familyID: "F1", preliminary: .poor, inForum: inForum), [.otherFamilyOutsideForum])
            XCTAssertEqual(Review(presence: presence, otherFamily: " F2 ").problems(familyID: "F1", preliminary: .poor, inForum: inForum), [])
        }
        let moved = Review(presence: .present, movedTo: "Bandung", otherFamily: "F2").normalized
        XCTAssertEqual(moved.movedTo, "", "a destination only for a family that moved")
        XCTAssertNil(moved.otherFamily)
    }

    func testAcceptedChallengesBecomeTheCorrectionOfTheRow() {
        let fits = Review(verdict: .fits)
        let lower = Challenge(kind: .group, proposedGroup: .veryPoor, reason: "Suami sakit, tidak bekerja")
        XCTAssertEqual(lower.correcting(fits, preliminary: .poor),
                       Review(verdict: .doesNotFit, proposedGroup: .veryPoor, reason: "Suami sakit, tidak bekerja"))
        let back = Challenge(kind: .group, proposedGroup: .poor, reason: "Sudah sesuai")
        XCTAssertEqual(back.correcting(Review(verdict: .doesNotFit, proposedGroup: .notPoor, reason: "x"), preliminary: .poor).verdict, .fits)
        let duplicate = Challenge(kind: .presence, proposedPresence: .duplicate, proposedValue: "F2", reason: "Tercatat dua kali")
        let corrected = duplicate.correcting(fits, preliminary: .poor)
        XCTAssertEqual(corrected.presence, .duplicate)
        XCTAssertEqual(corrected.otherFamily, "F2")
        XCTAssertEqual(Challenge(kind: .data, proposedValue: "Siti", reason: "Nama salah").correcting(fits, preliminary: .poor), fits)
    }

    func testAChallengeSaysWhatItProposesAndWhy() {
        XCTAssertEqual(Challenge(kind: .group, reason: "").problems(currentGroup: .poor), [.proposedGroupMissing, .reasonMissing])
        XCTAssertEqual(Challenge(kind: .group, proposedGroup: .poor, reason: "x").problems(currentGroup: .poor), [.proposedGroupIsCurrent])
        XCTAssertEqual(Challenge(kind: .presence, reason: "x").problems(currentGroup: .poor), [.proposedPresenceMissing])
        XCTAssertEqual(Challenge(kind: .presence, proposedPresence: .merged, reason: "x").problems(currentGroup: .poor), [.proposedValueMissing])
        XCTAssertEqual(Challenge(kind: .presence, proposedPresence: .died, reason: "x").problems(currentGroup: .poor), [])
        XCTAssertEqual(Challenge(kind: .data, proposedValue: " ", reason: "x").problems(currentGroup: .poor), [.proposedValueMissing])
    }

    func testADecisionSaysHowItWasReachedAndAVoteGivesItsCounts() {
        XCTAssertEqual(Challenge.Decision(status: .open).problems, [.notADecision])
        XCTAssertEqual(Challenge.Decision(status: .accepted).problems, [.methodMissing])
        XCTAssertEqual(Challenge.Decision(status: .rejected, method: .vote, votesFor: 3).problems, [.votesMissing])
        XCTAssertEqual(Challenge.Decision(status: .accepted, method: .vote, votesFor: 4, votesAgainst: -1).problems, [.votesNegative])
        XCTAssertEqual(Challenge.Decision(status: .accepted, method: .vote, votesFor: 4, votesAgainst: 2).problems, [])
        XCTAssertEqual(Challenge.Decision(status: .accepted, method: .consensus).problems, [])
        XCTAssertEqual(Challenge.Decision(status: .withdrawn).problems, [])
    }

    func testTheTallyCountsBeforeAndAfterFromTheRows() {
        var tally = ReviewTally()
        tally.add(preliminary: .poor, review: nil, count: 3)
        tally.add(preliminary: .poor, review: Review(verdict: .doesNotFit, proposedGroup: .veryPoor, reason: "x"), count: 1)
        tally.add(preliminary: .vulnerable, review: Review(verdict: .fits, presence: .died), count: 1)
        tally.addAdded(presence: .present, group: .veryPoor, count: 2)
        tally.addAdded(presence: .notFound, group: .poor, count: 1)
        XCTAssertEqual(tally.before, GroupCounts(byGroup: [.poor: 4, .vulnerable: 1]))
        XCTAssertEqual(tally.after, GroupCounts(byGroup: [.poor: 3, .veryPoor: 3]))
        XCTAssertEqual(tally.leaving, [.died: 1])
        XCTAssertEqual(tally.added, [.present: 2, .notFound: 1])
        XCTAssertEqual(tally.reviewed, 2)
        XCTAssertEqual((tally + tally).before.total, 10)
    }
}
