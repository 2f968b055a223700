import FKPCore
import XCTest

/// Ties in the re-ranking rule are broken by family id in byte order, PostgreSQL's "C" order.
final class BytewiseOrderTests: XCTestCase {
    func testStringsSortByTheirUTF8BytesAsPostgreSQLsCOrderDoes() {
        let sorted = ["F10", "F2", "f1", "F1", "", "F", "É1", "E9", "Z", "F1.5", "F1-5", "F1_5"]
            .sorted { $0.precedesBytewise($1) }
        XCTAssertEqual(sorted, ["", "E9", "F", "F1", "F1-5", "F1.5", "F10", "F1_5", "F2", "Z", "f1", "É1"])
        XCTAssertFalse("F1".precedesBytewise("F1"), "a string does not precede itself")
        XCTAssertEqual(sorted, sorted.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
    }
}
