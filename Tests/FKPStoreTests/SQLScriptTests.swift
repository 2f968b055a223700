import FKPStore
import XCTest

final class SQLScriptTests: XCTestCase {
    func testSplitsOnSemicolonsOutsideQuotesCommentsAndDollarBodies() {
        let script = """
            -- a comment; with a semicolon
            CREATE TABLE a (x text DEFAULT 'semi;colon');
            /* block; comment */ CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$;
            CREATE FUNCTION g() RETURNS int LANGUAGE plpgsql AS $body$ BEGIN RETURN 2; END $body$;
            SELECT 'it''s; fine', "odd;name" FROM a
            """
        let statements = SQLScript.statements(script)
        XCTAssertEqual(statements.count, 4)
        XCTAssertEqual(statements[0], "CREATE TABLE a (x text DEFAULT 'semi;colon')")
        XCTAssertTrue(statements[1].hasSuffix("AS $$ SELECT 1; $$"))
        XCTAssertTrue(statements[2].contains("$body$ BEGIN RETURN 2; END $body$"))
        XCTAssertEqual(statements[3], #"SELECT 'it''s; fine', "odd;name" FROM a"#)
    }
}
