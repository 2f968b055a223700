import FKPStore
import FKPTestSupport
import FKPWeb
import XCTest

final class AppConfigTests: XCTestCase {
    let folders = ["FKP_TEMPLATES_DIR": TestPostgres.packageRoot + "/templates", "FKP_PUBLIC_DIR": TestPostgres.packageRoot + "/public",
                   "FKP_SQL_DIR": TestPostgres.packageRoot + "/sql"]

    func assertInvalid(_ env: [String: String], names variable: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try AppConfig.fromEnvironment(env), file: file, line: line) { error in
            XCTAssertEqual((error as? AppConfig.Invalid)?.variable, variable, file: file, line: line)
            XCTAssertTrue("\(error)".contains(variable), file: file, line: line)
        }
    }

    func testAMissingOrMalformedVariableIsNamed() {
        assertInvalid(folders, names: "DATABASE_URL")
        assertInvalid(folders.merging(["DATABASE_URL": "mysql://x@y/z"]) { $1 }, names: "DATABASE_URL")
        let base = folders.merging(["DATABASE_URL": "postgres://fkp:pw@127.0.0.1:5432/fkp"]) { $1 }
        assertInvalid(base.merging(["PORT": "eighty"]) { $1 }, names: "PORT")
        assertInvalid(base.merging(["PORT": "70000"]) { $1 }, names: "PORT")
        assertInvalid(base.merging(["LOG_LEVEL": "loud"]) { $1 }, names: "LOG_LEVEL")
        assertInvalid(base.merging(["FKP_TEMPLATES_DIR": "/no/such/folder"]) { $1 }, names: "FKP_TEMPLATES_DIR")
        assertInvalid(base.merging(["FKP_UPLOAD_MAX_MB": "0"]) { $1 }, names: "FKP_UPLOAD_MAX_MB")
        assertInvalid(base.merging(["FKP_UPLOAD_MAX_MB": "200m"]) { $1 }, names: "FKP_UPLOAD_MAX_MB")
        for address in ["fkp.example.go.id", "ftp://fkp.example.go.id", "https://fkp.example.go.id/activate", "https://fkp.example.go.id?x=1", "https://"] {
            assertInvalid(base.merging(["FKP_PUBLIC_URL": address]) { $1 }, names: "FKP_PUBLIC_URL")
        }
        let site = try? AppConfig.fromEnvironment(base.merging(["FKP_PUBLIC_URL": "https://fkp.example.go.id/"]) { $1 })
        XCTAssertEqual(site?.publicURL, "https://fkp.example.go.id", "one slash at the end is taken, and left off")
    }

    func testDefaultsAreSafeAndLocal() throws {
        let config = try AppConfig.fromEnvironment(folders.merging(["DATABASE_URL": "postgres://fkp:p%40ss@db.internal/fkp"]) { $1 })
        XCTAssertEqual(config.host, "127.0.0.1")
        XCTAssertEqual(config.port, 8080)
        XCTAssertEqual(config.database.password, "p@ss")
        XCTAssertEqual(config.database.port, 5432)
        XCTAssertEqual(config.uploadLimitMegabytes, 200, "nginx's limit in deploy/")
        XCTAssertFalse("\(config.database)".contains("p@ss"), "the password never appears in logs")
    }

    /// `fkp migrate` reads sql/ only: run from elsewhere with FKP_SQL_DIR set, it needs no templates,
    /// and without sql/ it names the variable that finds it.
    func testACommandChecksOnlyTheFoldersItReads() throws {
        let database = ["DATABASE_URL": "postgres://fkp:pw@127.0.0.1:5432/fkp", "FKP_TEMPLATES_DIR": "/no/such/folder"]
        let config = try AppConfig.fromEnvironment(database.merging(["FKP_SQL_DIR": TestPostgres.packageRoot + "/sql"]) { $1 },
                                                   folders: .migrations)
        XCTAssertEqual(config.migrationsDirectory, TestPostgres.packageRoot + "/sql")
        XCTAssertThrowsError(try AppConfig.fromEnvironment(database.merging(["FKP_SQL_DIR": "/no/such/sql"]) { $1 }, folders: .migrations)) {
            XCTAssertEqual(($0 as? AppConfig.Invalid)?.variable, "FKP_SQL_DIR")
        }
        XCTAssertNoThrow(try AppConfig.fromEnvironment(database.merging(["FKP_SQL_DIR": "/no/such/sql"]) { $1 }, folders: []))
    }
}
