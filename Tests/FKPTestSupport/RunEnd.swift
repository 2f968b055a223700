import Foundation
import XCTest

/// Runs an action when the test bundle finishes, pass or fail.
final class RunEnd: NSObject, XCTestObservation, @unchecked Sendable {
    private let action: @Sendable () -> Void

    private init(action: @escaping @Sendable () -> Void) { self.action = action }

    static func register(_ action: @escaping @Sendable () -> Void) {
        XCTestObservationCenter.shared.addTestObserver(RunEnd(action: action))
    }

    func testBundleDidFinish(_ testBundle: Bundle) {
        action()
    }
}
