import FKPCore
import XCTest

/// The eight-bytes-at-a-time run finder stops exactly where a byte-by-byte scan would, whatever
/// the bytes around it: quotes, backslashes, control bytes, bytes of multi-byte letters, 0x7F.
final class JSONStringRunTests: XCTestCase {
    func testRunsEndWhereAByteByByteScanEnds() {
        let alphabet: [UInt8] = [0x22, 0x5C, 0x00, 0x1F, 0x20, 0x21, 0x41, 0x7F, 0x80, 0xC3, 0xA9, 0xFF, 0x0A]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33)
        }
        for _ in 0..<2000 {
            // Mostly plain letters, so that runs of every length up to a few words occur.
            let source = (0..<(next() % 40)).map { _ in next() % 4 == 0 ? alphabet[next() % alphabet.count] : UInt8(0x61 + next() % 26) }
            for controls in [false, true] {
                func stops(_ byte: UInt8) -> Bool { byte == 0x22 || byte == 0x5C || (controls && byte < 0x20) }
                var target = [UInt8](repeating: 0, count: source.count + 8)
                var i = 0, o = 0
                var copied: [UInt8] = []
                source.withUnsafeBufferPointer { bytes in
                    target.withUnsafeMutableBytes { out in
                        while i < bytes.count {
                            let start = i
                            JSONStringRun.copy(bytes, &i, to: out.baseAddress!, &o, controls: controls)
                            let expectedEnd = bytes[start...].firstIndex(where: stops) ?? bytes.count
                            XCTAssertEqual(i, expectedEnd, "\(source) from \(start), controls \(controls)")
                            copied += out[(o - (i - start))..<o]
                            if i < bytes.count { i += 1; o += 1 }  // step over the byte to escape, as the callers do
                        }
                    }
                }
                XCTAssertEqual(copied, source.filter { !stops($0) }, "\(source), controls \(controls)")
            }
        }
    }
}
