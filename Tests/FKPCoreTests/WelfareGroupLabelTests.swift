import FKPCore
import XCTest

final class WelfareGroupLabelTests: XCTestCase {
    func testBothSetsOfLabelsInBothLanguagesNameTheirGroup() {
        let expected: [(String, WelfareGroup)] = [
            ("Sangat Miskin", .veryPoor), ("miskin ekstrem", .veryPoor), ("Very poor", .veryPoor), ("extreme poor", .veryPoor),
            ("MISKIN", .poor), ("Poor", .poor), ("Rentan  Miskin", .vulnerable), ("rentan-miskin", .vulnerable), ("Vulnerable", .vulnerable),
            ("Tidak Miskin", .notPoor), ("Menengah ke Atas", .notPoor), ("not_poor", .notPoor), ("middle and above", .notPoor),
        ]
        for (label, group) in expected { XCTAssertEqual(WelfareGroup(label: label), group, label) }
        for text in ["", "2", "kaya", "miskin sekali", "sangat"] { XCTAssertNil(WelfareGroup(label: text), text) }
    }

    /// A list written for people shows a group's code and its label together.
    func testALabelAfterItsOwnCodeNamesItsGroupAndAfterAnotherNone() {
        let expected: [(String, WelfareGroup)] = [("1 - Sangat Miskin", .veryPoor), ("(2) Miskin", .poor), ("3. Rentan Miskin", .vulnerable),
                                                  ("4: Tidak Miskin", .notPoor), ("1 Sangat Miskin", .veryPoor)]
        for (label, group) in expected { XCTAssertEqual(WelfareGroup(label: label), group, label) }
        for text in ["2 - Sangat Miskin", "5 Miskin", "1 -", "12 Miskin"] { XCTAssertNil(WelfareGroup(label: text), text) }
    }
}
