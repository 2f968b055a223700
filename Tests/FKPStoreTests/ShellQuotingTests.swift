import FKPStore
import Foundation
import XCTest

final class ShellQuotingTests: XCTestCase {
    func testAQuotedTextReachesTheProgramAsOneWordUnchanged() throws {
        for text in ["plain", "/tmp/my dir/cluster", "/home/o'brien/fkp", "it's 'quoted' twice", #"$(rm -rf x) `y` \z "w""#, ""] {
            let shell = Process()
            shell.executableURL = URL(fileURLWithPath: "/bin/sh")
            shell.arguments = ["-c", "printf '%s|' " + text.shellQuoted]
            let output = Pipe()
            shell.standardOutput = output
            try shell.run()
            let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            shell.waitUntilExit()
            XCTAssertEqual(printed, text + "|", "as one word: \(text)")
        }
    }
}
