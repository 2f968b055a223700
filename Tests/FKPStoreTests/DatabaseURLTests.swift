import FKPStore
import FKPTestSupport
import PostgresNIO
import XCTest

/// DATABASE_URL as operators write it: a host over TCP, or, as libpq reads it, the folder of the
/// server's Unix socket on the same machine.
final class DatabaseURLTests: XCTestCase {
    func testAnAddressOverTCP() throws {
        let url = try DatabaseURL(parsing: "postgres://fkp_web:p%40ss@db.internal:5433/fkp?sslmode=require")
        XCTAssertEqual(url, DatabaseURL(host: "db.internal", port: 5433, username: "fkp_web", password: "p@ss", database: "fkp",
                                        requireTLS: true))
        XCTAssertNil(url.socketPath)
        XCTAssertEqual(url.description, "postgres://fkp_web@db.internal:5433/fkp")
        XCTAssertEqual(try DatabaseURL(parsing: url.urlString), url, "the address handed to psql and pg_dump is the same")
    }

    func testASocketFolderWrittenEitherWayLibpqReadsIt() throws {
        let expected = DatabaseURL(host: "/var/run/postgresql", port: 5432, username: "fkp_web", password: nil, database: "fkp")
        XCTAssertEqual(try DatabaseURL(parsing: "postgres://fkp_web@/fkp?host=/var/run/postgresql"), expected)
        XCTAssertEqual(try DatabaseURL(parsing: "postgresql://fkp_web@%2Fvar%2Frun%2Fpostgresql/fkp"), expected)
        XCTAssertEqual(expected.socketPath, "/var/run/postgresql/.s.PGSQL.5432")

        let otherPort = try DatabaseURL(parsing: "postgres://fkp_web:secret@/fkp?host=/tmp/pg&port=55432")
        XCTAssertEqual(otherPort.socketPath, "/tmp/pg/.s.PGSQL.55432")
        XCTAssertEqual(otherPort.password, "secret")
        XCTAssertEqual(otherPort.description, "postgres://fkp_web@/fkp?host=/tmp/pg&port=55432")
        XCTAssertEqual(try DatabaseURL(parsing: otherPort.urlString), otherPort, "the address handed to psql and pg_dump is the same")
    }

    func testAMalformedAddressSaysWhatIsWrong() {
        let cases = [
            ("mysql://fkp@db/fkp", "expected postgres://user:password@host:port/database"),
            ("postgres://fkp@/fkp", "no host"),
            ("postgres:///fkp?host=/tmp", "no user name"),
            ("postgres://fkp@db", "no database name"),
            ("postgres://fkp@db/fkp?ssl=require", "unknown parameter ssl (known: sslmode, host, port)"),
            ("postgres://fkp@db/fkp?sslmode=prefer", "sslmode must be disable or require, not prefer"),
            ("postgres://fkp@db/fkp?host=/tmp", "two hosts: db and host=/tmp"),
            ("postgres://fkp@db:5433/fkp?port=5434", "two ports: 5433 and port=5434"),
            ("postgres://fkp@/fkp?host=/tmp&port=five", "port must be a number from 1 to 65535, not five"),
            ("postgres://fkp@/fkp?host=/tmp&sslmode=require", "sslmode=require with a Unix socket (/tmp): TLS is for TCP connections"),
            ("postgres://fkp@/fkp?host=/" + String(repeating: "d", count: 100), "is longer than the 107 bytes a Unix socket's may be"),
        ]
        for (text, problem) in cases {
            XCTAssertThrowsError(try DatabaseURL(parsing: text), text) { error in
                XCTAssertTrue("\(error)".contains(problem), "\(text): \(error)")
            }
        }
    }

    func testTheServerIsReachedThroughItsSocket() async throws {
        let url = try await TestPostgres.shared.freshDatabase()
        let socket = try await TestPostgres.shared.socketURL(for: url)
        XCTAssertNotNil(socket.socketPath)
        let overSocket = try await PostgresClient.with(socket, logger: TestPostgres.logger, maximumConnections: 1) { client in
            var answer: (Bool, String) = (false, "")
            let rows = try await client.query("SELECT inet_server_addr() IS NULL, current_database()", logger: TestPostgres.logger)
            for try await row in rows.decode((Bool, String).self) { answer = row }
            return answer
        }
        XCTAssertTrue(overSocket.0, "a connection over a Unix socket has no server address")
        XCTAssertEqual(overSocket.1, url.database)

        var nowhere = socket
        nowhere.host = socket.host + "/missing"
        do {
            try await nowhere.checkConnection(logger: TestPostgres.logger)
            XCTFail("no server listens there")
        } catch {
            XCTAssertTrue("\(error)".contains("no server listens on \(socket.host)/missing/.s.PGSQL.\(socket.port)"), "\(error)")
        }
    }
}
