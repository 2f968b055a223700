@testable import FKPCore
import XCTest

final class ArrayArrangeTests: XCTestCase {
    func testEachPositionTakesTheElementItsOrderNames() {
        var random = SeededRandom(seed: 41)
        for count in [0, 1, 2, 7, 1000] {
            let elements = (0..<count).map { "baris \($0)" }
            var order = Array(0..<count)
            order.shuffle(using: &random)
            var arranged = elements
            arranged.arrange(by: order)
            XCTAssertEqual(arranged, order.map { elements[$0] }, "\(count) elements")
        }
    }
}
