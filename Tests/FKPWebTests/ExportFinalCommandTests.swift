import FKPCore
import FKPStore
import FKPTestSupport
import Foundation
import XCTest

/// `fkp export final`: a run's list, written as it is read and checked against the run's output
/// SHA-256 once whole.
final class ExportFinalCommandTests: XCTestCase {
    func testAListAlteredSinceItsRunFailsAndLeavesNoFileUnderItsName() async throws {
        try await withTestDatabase { db, url in
            try await SQLTest.write(db, TestAccounts.world + SQLTest.advance(to: .readyToClose) + SQLTest.close())
            let folder = try AuditExportTests.Folder()
            defer { folder.remove() }
            let path = folder.path + "/final.csv"
            let ran = try CommandLineTests.fkp(["rerank", "--regency", "3201", "--allow-open", "--out", path], database: url)
            XCTAssertEqual(ran.status, 0, ran.output)
            let computed = try String(contentsOfFile: path, encoding: .utf8)

            let exported = try CommandLineTests.fkp(["export", "final", "--regency", "3201", "--out", path], database: url)
            XCTAssertEqual(exported.status, 0, exported.output)
            XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), computed, "the stored list, as the run computed it")

            try await SQLTest.tamper(db, ["UPDATE fkp.final_ranks SET head_name = 'Kepala Lain' WHERE family_id = 'F2'"])
            let altered = try CommandLineTests.fkp(["export", "final", "--regency", "3201", "--out", path], database: url)
            XCTAssertEqual(altered.status, 1)
            XCTAssertTrue(altered.output.contains("the stored final list of run 1 no longer hashes to the output SHA-256 recorded with the run"),
                          altered.output)
            XCTAssertFalse(FileManager.default.fileExists(atPath: path), "no file that looks like the run's list is left behind")

            let toScreen = try CommandLineTests.fkp(["export", "final", "--regency", "3201"], database: url)
            XCTAssertEqual(toScreen.status, 1, "written to standard output, the failure still ends the command")
            XCTAssertTrue(toScreen.output.hasSuffix("what was written of it is not the run's list\n"), toScreen.output)

            let noRun = try CommandLineTests.fkp(["export", "final", "--regency", "3201", "--run", "7", "--out", path], database: url)
            XCTAssertNotEqual(noRun.status, 0)
            XCTAssertTrue(noRun.output.contains("regency 3201 has no such re-ranking run"), noRun.output)
            XCTAssertFalse(FileManager.default.fileExists(atPath: path))
        }
    }
}
