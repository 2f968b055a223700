import FKPCore
import FKPStore
import FKPTestSupport
import Foundation
import PostgresNIO
import XCTest

final class ListImportTests: XCTestCase {
    static let header = FamilyCSV.columns.joined(separator: ",")
    static let context = WriteContext.system("test", action: "import")

    static func row(_ id: String, unit: String = "32010100010001", name: String = "Budi", group: String = "2", score: String = "10.5",
                    members: String = "4", kk: String = "3201010101000001", nik: String = "3201014501800001",
                    latitude: String = "", longitude: String = "") -> String {
        [id, unit, name, "Kp. Babakan", members, group, score, kk, nik, latitude, longitude].map { CSVWriter.line([$0]).dropLast() }
            .joined(separator: ",")
    }

    /// A head's name for the `n`th row: a list of ten rows or more with one name on every row is refused.
    static func headName(_ n: Int) -> String { ["Budi", "Siti Aminah", "Agus", "Dewi", "Rina"][n % 5] }

    static func load(_ kind: ListKind, _ text: String, _ db: Database) async throws -> ImportReport {
        try await ListImporter(database: db).run(kind, chunks: try FileChunks(bytes: Array(text.utf8)), fileName: "test.csv", context: context)
    }

    /// The problems the file is refused with (a failure if it is not).
    static func refusal(_ kind: ListKind, _ text: String, _ db: Database,
                        file: StaticString = #filePath, line: UInt = #line) async throws -> ImportProblems? {
        do {
            _ = try await load(kind, text, db)
            XCTFail("expected the file to be refused", file: file, line: line)
        } catch let problems as ImportProblems {
            return problems
        }
        return nil
    }

    /// Asserts the file is refused with a problem mentioning `expected`, and nothing changed.
    static func assertRefused(_ text: String, _ expected: String, _ db: Database, kind: ListKind = .families,
                              file: StaticString = #filePath, line: UInt = #line) async throws {
        let before = try await SQLTest.scalar(db, "SELECT (SELECT count(*) FROM fkp.families) + (SELECT count(*) FROM fkp.regions) + (SELECT count(*) FROM audit.entries)", as: Int64.self)
        do {
            _ = try await load(kind, text, db)
            XCTFail("expected the file to be refused: \(expected)", file: file, line: line)
        } catch let problems as ImportProblems {
            XCTAssertTrue(problems.description.contains(expected), "\(problems)", file: file, line: line)
        }
        let after = try await SQLTest.scalar(db, "SELECT (SELECT count(*) FROM fkp.families) + (SELECT count(*) FROM fkp.regions) + (SELECT count(*) FROM audit.entries)", as: Int64.self)
        XCTAssertEqual(before, after, "a refused file changes nothing", file: file, line: line)
    }

    func testTheRowsUnderAHeaderThatCannotBeReadAddNoProblemOfTheirs() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, SQLTest.places)
            // A quote in a row of a file separated by semicolons or tabs breaks no quoting of the
            // format's, and one in a file of the wrong list is not this list's: the header is the report.
            let semicolons = Self.header.replacingOccurrences(of: ",", with: ";")
                + "\nF1;32010100010001;Budi \"Bud\";x;4;2;10;3201010101000001;3201014501800001;;\n"
            let regions = "code,name,level\n3201010001,Desa \"Baru\",village\n"
            // The same with every name quoted, as a program quoting its text writes it: the quotes close before a semicolon or a tab.
            let quotedSemicolons = "\"" + Self.header.replacingOccurrences(of: ",", with: "\";\"") + "\"\n\"F1\";\"32010100010001\"\n"
            let quotedTabs = "\"" + Self.header.replacingOccurrences(of: ",", with: "\"\t\"") + "\"\n"
            // A file saved without its header: its first row is not taken for eleven unknown columns.
            let headerless = Self.row("F1") + "\n" + Self.row("F2") + "\n"
            // Nine columns, the first row with a problem of its own (a group 7): still a row, told by its keys.
            let headerlessNineColumns = "F1,32010100010001,Budi,x,4,7,10,3201010101000001,3201014501800001\n"
            for (kind, text, only): (ListKind, String, String) in [
                (.families, semicolons, "line 1: the header is separated by ';', not by commas: a computer set to Indonesian saves CSV so, the comma "
                    + "being its decimal mark (in Windows' region settings set the list separator to a comma and the decimal symbol to a dot, then "
                    + "save again; or download the sheet as CSV from Google Sheets, which writes commas)"),
                (.families, quotedSemicolons, "line 1: " + ImportProblem.Kind.headerSeparatedBy(";").english),
                (.regions, quotedTabs.replacingOccurrences(of: "family_id", with: "code"), "line 1: " + ImportProblem.Kind.headerSeparatedBy("\t").english),
                (.families, regions, "line 1: this is a regions list, not a families list (load it as regions)"),
                (.families, headerless, "line 1: the first line is a row of the list, not its header: the file has no header (add this line above it: \(Self.header))"),
                (.families, headerlessNineColumns, "line 1: the first line is a row of the list, not its header: the file has no header "
                    + "(add this line above it: \(FamilyCSV.required.joined(separator: ",")))"),
                (.regions, "3201,Kabupaten Bogor,regency,false\n", "line 1: the first line is a row of the list, not its header: the file has no header "
                    + "(add this line above it: code,name,level,non_sls)"),
            ] {
                do {
                    _ = try await Self.load(kind, text, db)
                    XCTFail("expected the file to be refused: \(only)")
                } catch let problems as ImportProblems {
                    XCTAssertEqual(problems.description, only)
                }
            }
        }
    }

    func testEveryKindOfBrokenFamilyFileIsRefusedWithLineAndColumnAndChangesNothing() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, SQLTest.places)
            let h = Self.header
            let cases: [(String, String)] = [
                ("", "line 1: the file is empty"),
                ("family_id,sls_code\n", "line 1, column head_name: required column is missing"),
                (h + ",nama_lain\n", "line 1, column nama_lain: unknown column"),
                (h + ",nama_lain,umur\n", "line 1, column nama_lain: unknown column (the columns are family_id, sls_code, head_name, address, members, "
                    + "welfare_group, welfare_score, kk_number, head_nik, latitude, longitude)\nline 1, column umur: unknown column"),
                // Three or more (a sheet of another system's columns): named together, once, ten at most.
                (h + ",nama_lain,umur,pekerjaan\n", "line 1, column nama_lain: 3 unknown columns: nama_lain, umur, pekerjaan (the columns are family_id, "),
                ((1...14).map { "kolom\($0)" }.joined(separator: ",") + "," + h + "\n",
                 "line 1, column kolom1: 14 unknown columns: kolom1, kolom2, kolom3, kolom4, kolom5, kolom6, kolom7, kolom8, kolom9, kolom10, and 4 more "
                    + "(the columns are family_id, sls_code, head_name, address, members, welfare_group, welfare_score, kk_number, head_nik, latitude, "
                    + "longitude; delete the others from the file)"),
                (h + ",nama\u{1B}[2Jlain\n", "line 1, column nama<U+1B>[2Jlain: unknown column"),
                (h + ",family_id\n", "line 1, column family_id: the column appears twice"),
                (h.replacingOccurrences(of: "family_id", with: "Family ID") + "\n",
                 "line 1, column Family ID: write the column's name as family_id, with underscores"),
                // What a list kept in a spreadsheet has beside the format's columns.
                ("No.," + h + ",Keterangan\n1," + Self.row("F1") + ",pindah\n",
                 "line 1, column No.: a column of row numbers, which the format does not have (delete the column)\n"
                    + "line 1, column Keterangan: a column of remarks, which the format does not have"),
                (h.replacingOccurrences(of: "latitude,longitude", with: "Koordinat") + "\n",
                 "line 1, column Koordinat: both coordinates in one column: the format has two, latitude and longitude"),
                // A template's marks for required columns, after their names.
                (h.replacingOccurrences(of: "family_id", with: "Family ID*").replacingOccurrences(of: "head_nik", with: "head_nik (wajib)") + "\n",
                 "line 1, column Family ID*: write the column's name alone, family_id, without the mark a template puts after it\n"
                    + "line 1, column head_nik (wajib): write the column's name alone, head_nik"),
                (h + ",,\n" + Self.row("F1") + ",,\n", "line 1, column #12: a column with no name (a spreadsheet saves a column emptied but not deleted so"),
                (h.replacingOccurrences(of: ",", with: ";") + "\n", "line 1: the header is separated by ';', not by commas"),
                (h.replacingOccurrences(of: ",", with: "\t") + "\n", "line 1: the header is separated by tabs, not by commas"),
                (h + "\nF1,32010100010001,Budi\n", "line 2: 3 fields where the header has 11"),
                // The same short row last, with no line break after it: the file was cut off there. A row
                // short of fields above the last is not; one value alone last is a note under the list.
                (h + "\n" + Self.row("F1") + "\nF2,32010100010001,Bu",
                 "line 3: the file ends in the middle of this row, 3 fields of the header's 11: it was cut off, as a download, a copy "
                    + "or a save that did not finish leaves a file (take the whole file again)"),
                (h + "\nF2,32010100010001,Bu\n" + Self.row("F1"), "line 2: 3 fields where the header has 11"),
                (h + "\n" + Self.row("F1") + "\nSumber: BPS", "line 3: one value where the header has 11 columns"),
                // A line break inside an unquoted value: the row's two parts together, once.
                (h + "\nF1,32010100010001,Budi,Kp. Babakan\nRT 01,4,2,10,3201010101000001,3201014501800001,,\n" + Self.row("F2"),
                 "line 2: a line break inside a value splits this row, which goes on at line 3: a value holding a line break must be in "
                    + "double quotes (quote it, or remove the break)"),
                (h + "\n" + Self.row("F2") + "\nF1,32010100010001,Budi,Kp. Babakan\nRT 01,4,2,10,3201010101000001,3201014501800001,,",
                 "line 3: a line break inside a value splits this row, which goes on at line 4"),
                // A personal number where a coordinate or a count belongs (columns shifted or swapped): shown masked.
                (h + "\n" + Self.row("F1", members: "3201014501800001", latitude: "-6.5", longitude: "3201010101000001") + "\n",
                 "line 2, column members: value '3201**********01': a whole number from 1 to 99\n"
                    + "line 2, column longitude: value '3201**********01': outside Indonesia (94.5 to 141.5)"),
                // Two short rows that do not make one: each its own count.
                (h + "\nF1,32010100010001,Budi\nF2,32010100010001,Budi,x\n" + Self.row("F3") + "\n",
                 "line 2: 3 fields where the header has 11\nline 3: 4 fields where the header has 11"),
                // Lines pasted into one column of a spreadsheet, then saved: each line one quoted value.
                ("\"" + h + "\"\n\"" + Self.row("F1") + "\"\n", "line 1: the whole line is one value in quotes, as when a list is pasted into one column"),
                (h + "\n\"" + Self.row("F1") + "\"\n", "line 2: the whole line is one value in quotes"),
                // A line that leaves out the empty optional columns at its end (and only such a line).
                (h + "\nF1,32010100010001,Budi,x,4,2,10,3201010101000001,3201014501800001\n",
                 "line 2: 9 fields where the header has 11: the line leaves out latitude and longitude at its end, which are empty"),
                (h + "\n" + Self.row("F1") + ",\n",
                 "line 2: 12 fields where the header has 11, the last one empty: a comma at the end of the line (delete it)"),
                (h + "\n" + Self.row("F1") + ", ,\n", "line 2: 13 fields where the header has 11, the last 2 empty: commas at the end of the line"),
                (h + "\nF1,32010100010001,Budi,Kp. Babakan, RT 01,4,2,10,3201010101000001,3201014501800001,,\n",
                 "line 2: 12 fields where the header has 11 (a value holding a comma must be in double quotes)"),
                (h + "\nF1,32010100010001,“Budi, S.Pd”,x,4,2,10,3201010101000001,3201014501800001,,\n",
                 "line 2: 12 fields where the header has 11: a value holding a comma is in curly quotes (“ ”), which CSV does not read as quotes"),
                // A file written with ' as its quote character: the quotes would load as part of each value.
                (h + "\nF1,32010100010001,'Budi, S.Pd',x,4,2,10,3201010101000001,3201014501800001,,\n",
                 "line 2: 12 fields where the header has 11: a value holding a comma is in single quotes, which CSV does not read as quotes"),
                (h + "\n" + Self.row("F1") + "\nF2,32010100010001,'Ma''ruf',x,4,2,10,3201010101000001,3201014501800001,,\n",
                 "line 3, column head_name: value ''Ma''ruf'': in single quotes, which CSV reads as part of the value, not as quotes"),
                (h + "\nF1,32010100010001,'Budi','Kp. Baru',4,2,10,3201010101000001,3201014501800001,,\n",
                 "line 2, column head_name: value ''Budi'': in single quotes, which CSV reads as part of the value, not as quotes "
                    + "(the program that wrote the file quoted with ': write the value without them, or save the file again with double quotes, "
                    + "\", as the quote character)\nline 2, column address: value ''Kp. Baru'': in single quotes"),
                (h + "\n'F1',32010100010001,Budi,x,4,2,10,3201010101000001,3201014501800001,,\n", "line 2, column family_id: value ''F1'': in single quotes"),
                (h + "\nF1,'32010100010001',Budi,x,4,2,10,3201010101000001,3201014501800001,,\n",
                 "line 2, column sls_code: value ''32010100010001'': in single quotes"),
                (h + "\nF1,32010100010001,Budi,x,'4',2,10,3201010101000001,3201014501800001,,\n", "line 2, column members: value ''4'': in single quotes"),
                (h + "\nF1,32010100010001,Budi,x,4,2,10,'3201010101000001',3201014501800001,,\n",
                 "line 2, column kk_number: value ''320************1'': in single quotes"),
                // Both coordinates as a map copies them, in one cell: one problem, the other cell not told to go with it.
                (h + "\n" + Self.row("F1", latitude: "-6.595038, 106.816635") + "\n",
                 "line 2, column latitude: value '-6.595038, 106.816635': both coordinates in one cell, as a map copies them: "
                    + "write the latitude (-6.595038) in latitude and the longitude (106.816635) in longitude"),
                (h + "\n" + Self.row("F1", name: "“Budi”") + "\n",
                 "line 2, column head_name: value '“Budi”': in curly quotes (“ ”), which CSV reads as part of the value, not as quotes"),
                ("'" + h.replacingOccurrences(of: ",", with: "','") + "'\n'F1','32010100010001'\n",
                 "line 1: the columns' names are in single quotes ('family_id'), which CSV does not read as quotes"),
                (h + "\nF1,32010100010001,\"Budi,x,4,2,10,3201010101000001,3201014501800001,,\n", "line 2, column head_name: a quoted field is never closed"),
                (h + "\nF1,32010100010001,Bu\"di,x,4,2,10,3201010101000001,3201014501800001,,\n", "line 2, column head_name: a quote inside an unquoted field"),
                (h + "\nF1,32010100010001,\"Budi\"x,x,4,2,10,3201010101000001,3201014501800001,,\n", "line 2, column head_name: text after a closing quote"),
                (",\(h)\n0,\(Self.row("F1"))\n", "line 1, column #1: a first column with no name: the row numbers pandas and R write unless told not to"),
                (h + "\n" + Self.row("F1") + "\nF2,\"32010100010001,Budi,x,4,2,10,3201010101000001,3201014501800001,,\n" + Self.row("F3", name: "Budi, S.Pd") + "\n",
                 "line 3, column sls_code: the quote that opens here closes on line 4 and text follows it"),
                (h + "\n" + Self.row("F1", name: " ") + "\n", "line 2, column head_name: must not be empty"),
                // A unit's code written once for its rows (merged cells): the rows below it name the way out.
                (h + "\n" + Self.row("F1") + "\n" + Self.row("F2", unit: "") + "\n",
                 "line 3, column sls_code: must not be empty: the rows above give a code and this one none, as a sheet saves a code written once "
                    + "for a group of rows or in merged cells (write the code on every row: unmerge the cells, then fill down)"),
                // A row numbering the columns under the header, as tables in government reports have.
                (h + "\n(1),(2),(3),(4),(5),(6),(7),(8),(9),(10),(11)\n" + Self.row("F1") + "\n",
                 "line 2: a row numbering the columns, (1), (2), (3)..., as tables in reports have under their header (delete this line)"),
                (h + "\n1,2,3,4,5,6,7,8,9,10,11\n" + Self.row("F1") + "\n", "line 2: a row numbering the columns"),
                // What a spreadsheet keeps under a list: a total, a source. One problem a line, not one a column.
                (h + "\n" + Self.row("F1") + "\n,,,JUMLAH,212,,,,,,\nSumber: BPS\n",
                 "line 3: most of the row is empty, only address and members filled: a total or a note under the list, or a family not filled in "
                    + "(delete the line, or fill in the row)\nline 4: one value where the header has 11 columns: a title or a note above or under the list? (delete the line)"),
                // Two files joined, the first without a line break at its end.
                (h + "\n" + Self.row("F1") + h + "\n" + Self.row("F2") + "\n",
                 "line 2: a row and then the header's names on one line, as when two files are joined and the first does not end with a line break"),
                (h + "\n" + Self.row("F1", latitude: "-6.5", longitude: "106.8") + h + "\n" + Self.row("F2") + "\n",
                 "line 2: a row and then the header's names on one line"),
                (h + "\nF1,32010100010001,Budi,,,,,,,,\n", "line 2: most of the row is empty, only family_id, sls_code and head_name filled"),
                // 101 letters that the database counts as 202 characters (e and a combining accent).
                (h + "\n" + Self.row("F1", name: String(repeating: "e\u{301}", count: 101)) + "\n", "longer than 200 characters"),
                (h + "\n" + Self.row("F1") + "\n" + Self.row("F1") + "\n", "line 3, column family_id: value 'F1': the same family_id as line 2"),
                // A unit none of whose places is loaded; one whose village is not, though its district is; one
                // not loaded in a village that is: each says what is, to tell a mistyped code from regions not loaded.
                (h + "\n" + Self.row("F1", unit: "33010100010001") + "\n",
                 "line 2, column sls_code: value '33010100010001': no such SLS, sub-SLS or Non-SLS unit (import the regions first)"),
                (h + "\n" + Self.row("F1", unit: "32010100099999") + "\n",
                 "line 2, column sls_code: value '32010100099999': no such SLS, sub-SLS or Non-SLS unit, nor its village: of the places its code names, "
                    + "district 3201010 is the lowest loaded (a code mistyped? otherwise import the regions with these places first)"),
                (h + "\n" + Self.row("F1", unit: "32010100019999") + "\n",
                 "line 2, column sls_code: value '32010100019999': no such SLS, sub-SLS or Non-SLS unit in village 3201010001, which is loaded "
                    + "(a code mistyped? otherwise import the regions with this unit first)"),
                // A unit whose regions were not loaded: once, at its first row, with how many name it.
                (h + "\n" + Self.row("F1", unit: "33010100099999") + "\n" + Self.row("F2") + "\n" + Self.row("F3", unit: "33010100099999") + "\n"
                    + Self.row("F4", unit: "32010100099998") + "\n",
                 "line 2, column sls_code: value '33010100099999': no such SLS, sub-SLS or Non-SLS unit (import the regions first); "
                    + "2 rows name it, the last on line 4\nline 5, column sls_code: value '32010100099998': no such SLS"),
                // Two units or more of a regency none of whose places is loaded: its regions not loaded yet, said once.
                (h + "\n" + Self.row("F1", unit: "32030100010001") + "\n" + Self.row("F2", unit: "32030100010002") + "\n"
                    + Self.row("F3", unit: "32010100099998") + "\n" + Self.row("F4", unit: "32030200010001") + "\n",
                 "line 2, column sls_code: value '32030100010001': regency or city 3203 is not loaded, nor any place in it: none of the 3 units "
                    + "the file names in it is known (3 rows, the last on line 5; import its regions file first, or is the code mistyped?)\n"
                    + "line 4, column sls_code: value '32010100099998': no such SLS, sub-SLS or Non-SLS unit, nor its village"),
                // A sub-SLS code not loaded, its SLS known: perhaps the SLS written with two more digits.
                (h + "\n" + Self.row("F1", unit: "3201010001000100") + "\n" + Self.row("F2", unit: "3201010001000100") + "\n",
                 "line 2, column sls_code: value '3201010001000100': no such sub-SLS, though its SLS 32010100010001 is known "
                    + "(for a family of the SLS itself write the SLS's 14 digits; otherwise import the regions with this sub-SLS first); 2 rows name it, the last on line 3"),
                (h + "\n" + Self.row("F1", unit: "3201010001999900") + "\n",
                 "line 2, column sls_code: value '3201010001999900': no such SLS, sub-SLS or Non-SLS unit in village 3201010001, which is loaded"),
                (h + "\n" + Self.row("F1", unit: "320101000100") + "\n", "line 2, column sls_code: value '320101000100': an SLS code has 14 digits"),
                // A place above the units, as a list kept by village gives its village.
                (h + "\n" + Self.row("F1", unit: "3201010001") + "\n",
                 "line 2, column sls_code: value '3201010001': a village code, 10 digits: a family is listed in its SLS, whose code has 14 digits, or its sub-SLS (16)"),
                (h + "\n" + Self.row("F1", group: "5") + "\n", "line 2, column welfare_group: value '5': a welfare group is 1, 2, 3 or 4"),
                (h + "\n" + Self.row("F1", group: "10.5", score: "2") + "\n",
                 "line 2, column welfare_group: value '10.5': welfare_group and welfare_score are swapped: a score where the group belongs, a group where the score does"),
                (h + "\n" + Self.row("F1", group: "5", score: "2") + "\n", "line 2, column welfare_group: value '5': a welfare group is 1, 2, 3 or 4"),
                (h + "\n" + Self.row("F1", group: "Desil 3") + "\n",
                 "line 2, column welfare_group: value 'Desil 3': a decile (desil), not one of the four welfare groups of the preliminary list"),
                (h + "\n" + Self.row("F1", score: "12,5") + "\n", "column welfare_score"),
                (h + "\n" + Self.row("F1", score: "abc") + "\n", "line 2, column welfare_score: value 'abc': not a decimal number"),
                // How a spreadsheet or a statistics program writes a very small number: named, and written out.
                (h + "\n" + Self.row("F1", score: "1.37E-01") + "\n",
                 "line 2, column welfare_score: value '1.37E-01': a number in scientific notation, as a spreadsheet or a statistics program writes a very small or very large one, perhaps with its last digits cut (write it out with all its digits: 0.137 for this one)"),
                (h + "\n" + Self.row("F1", latitude: "-6,5E+0", longitude: "106.8") + "\n",
                 "line 2, column latitude: value '-6,5E+0': a number in scientific notation"),
                (h + "\n" + Self.row("F1", score: String(repeating: "9", count: 31)) + "\n",
                 "line 2, column welfare_score: value '\(String(repeating: "9", count: 31))': longer than 30 characters"),
                (h + "\n" + Self.row("F1", nik: "320101450180000") + "\n", "line 2, column head_nik: value '3201*********00': 15 digits, not 16"),
                // Shown as typed where it holds too few digits to tell anyone: a mark for a missing number, a count.
                (h + "\n" + Self.row("F1", nik: "320101") + "\n", "line 2, column head_nik: value '320101': 6 digits, not 16"),
                (h + "\n" + Self.row("F1", nik: "3201014") + "\n", "line 2, column head_nik: value '3201*14': 7 digits, not 16"),
                (h + "\n" + Self.row("F1", kk: "-") + "\n", "line 2, column kk_number: value '-': a mark typed where the value is not known"),
                (h + "\n" + Self.row("F1", kk: "32010101010000AB") + "\n", "line 2, column kk_number"),
                // A letter typed among the sixteen digits: named by its place, the value shown masked.
                (h + "\n" + Self.row("F1", nik: "32010145O1800001") + "\n",
                 "line 2, column head_nik: value '3201**********01': 16 characters, but character 9 is the letter O, not a digit (typed for a zero?)"),
                (h + "\n" + Self.row("F1", unit: "32O10100010001") + "\n",
                 "line 2, column sls_code: value '32O10100010001': 14 characters, but character 3 is the letter O, not a digit (typed for a zero?)"),
                // The formula with which a program exporting for a spreadsheet keeps digits as text.
                (h + "\nF1,32010100010001,Budi,x,4,2,10,=\"3201010101000001\",3201014501800001,,\n",
                 "line 2, column kk_number: a value written as =\"...\", the formula with which a program exporting for a spreadsheet keeps digits as text"),
                // A score saved as its cell showed it: thousands separated, or a percentage.
                (h + "\n" + Self.row("F1", score: "1,502.75") + "\n",
                 "line 2, column welfare_score: value '1,502.75': a number with its thousands separated, as a spreadsheet shows a cell formatted so "
                    + "(write it without the separators, the decimals after a dot: 1502.75 for this one)"),
                (h + "\n" + Self.row("F1", score: "1.502,75") + "\n", "line 2, column welfare_score: value '1.502,75': a number with its thousands separated"),
                // Look-alikes of digits and minus: a coordinate copied from a map's page, a full-width digit.
                (h + "\n" + Self.row("F1", latitude: "\u{2212}6.5", longitude: "106.8") + "\n",
                 "line 2, column latitude: value '\u{2212}6.5': a number written with characters that only look like digits, a minus or a dot, "
                    + "as a word processor or a web page writes them (write -6.5)"),
                (h + "\n" + Self.row("F1", members: "\u{FF15}") + "\n", "line 2, column members: value '\u{FF15}': a number written with characters that only look like digits, a minus or a dot, as a word processor or a web page writes them (write 5)"),
                (h + "\n" + Self.row("F1", kk: "\u{FF13}201010101000001") + "\n", "line 2, column kk_number: value '\u{FF13}201**********01': a number written with characters that only look like digits, a minus or a dot, as a word processor or a web page writes them (type it again with plain digits)"),
                (h + "\n" + Self.row("F1", score: "12%") + "\n",
                 "line 2, column welfare_score: value '12%': a percentage, as a spreadsheet shows a cell formatted so, not the number itself"),
                // What a spreadsheet does to a column of long numbers, said as such.
                (h + "\n" + Self.row("F1", nik: "3.20101E+15") + "\n",
                 "line 2, column head_nik: value '3.20*****15': a spreadsheet turned it into a rounded number (like 3.2E+15)"),
                // A formula's error value saved as the cell's value, in any column.
                (h + "\n" + Self.row("F1", name: "#N/A") + "\n",
                 "line 2, column head_name: value '#N/A': a spreadsheet's error value, not a value of the list: the formula that filled this cell failed"),
                (h + "\n" + Self.row("F1", unit: "#REF!") + "\n", "line 2, column sls_code: value '#REF!': a spreadsheet's error value"),
                (h + "\n" + Self.row("F1", score: "#DIV/0!") + "\n", "line 2, column welfare_score: value '#DIV/0!': a spreadsheet's error value"),
                (h + "\n" + Self.row("F1", members: "#NILAI!") + "\n", "line 2, column members: value '#NILAI!': a spreadsheet's error value"),
                (h + "\n" + Self.row("F1", nik: "#N/A") + "\n", "line 2, column head_nik: value '#N/A': a spreadsheet's error value"),
                // A program's mark for a missing value, where the column refuses it (R writes NA unless told not to).
                (h + "\n" + Self.row("F1", kk: "NULL") + "\n", "line 2, column kk_number: value 'NULL': a program's mark for a missing value"),
                (h + "\n" + Self.row("F1", latitude: "NA", longitude: "NA") + "\n",
                 "line 2, column latitude: value 'NA': a program's mark for a missing value (NA as R writes it, NaN as pandas, NULL as a database)"),
                (h + "\n" + Self.row("F1", members: "\\N") + "\n", "line 2, column members: value '\\N': a program's mark for a missing value"),
                (h + "\nF1,32010100010001,\"Budi \\\"Ucok\\\"\",x,4,2,10,3201010101000001,3201014501800001,,\n",
                 "line 2, column head_name: a quote inside a quoted value written as \\\", as some programs export it: CSV writes it twice"),
                // A number for a name: columns shifted or swapped, a NIK perhaps, masked as one.
                (h + "\n" + Self.row("F1", name: "3201014501800001") + "\n",
                 "line 2, column head_name: value '3201**********01': a number where a name belongs: the columns may be shifted or swapped"),
                (h + "\nF1,32010100010001,Budi,3201014501800001,4,2,10,3201010101000001,3201014501800001,,\n",
                 "line 2, column address: value '3201**********01': a number of about 16 digits where an address belongs: the columns may be shifted or swapped"),
                // A mark typed where the value is not known: refused where a value is required, and for a name.
                (h + "\n" + Self.row("F1", name: "-") + "\n",
                 "line 2, column head_name: value '-': a mark typed where the value is not known, not a value (give the value; where the column may be empty, leave the cell empty)"),
                (h + "\n" + Self.row("F1", members: "?") + "\n", "line 2, column members: value '?': a mark typed where the value is not known"),
                // A small number in a cell formatted as a date: a day at the start of the spreadsheet's calendar.
                (h + "\n" + Self.row("F1", group: "1900-01-02", members: "05/01/1900") + "\n",
                 "line 2, column members: value '05/01/1900': a date at the start of a spreadsheet's calendar: the cell holds a number but is formatted "
                    + "as a date, which shows it as that many days after the calendar's first (format the column as plain numbers and save again)\n"
                    + "line 2, column welfare_group: value '1900-01-02': a date at the start of a spreadsheet's calendar"),
                (h + "\n" + Self.row("F1", members: "4-Jan") + "\n", "line 2, column members: value '4-Jan': a date at the start of a spreadsheet's calendar"),
                (h + "\n" + Self.row("F1", group: "Desil 3") + "\n", "line 2, column welfare_group: value 'Desil 3': a decile (desil)"),
                (h + "\n" + Self.row("F1", latitude: "–", longitude: "–") + "\n", "line 2, column latitude: value '–': a mark typed where the value is not known"),
                (h + "\n" + Self.row("F1", group: "NULL") + "\n", "line 2, column welfare_group: value 'NULL': a program's mark for a missing value"),
                (h + "\n" + Self.row("F1", score: "NaN") + "\n", "line 2, column welfare_score: value 'NaN': a program's mark for a missing value"),
                (h + "\n" + Self.row("F1", kk: "'3201010101000001") + "\n",
                 "line 2, column kk_number: value ''320***********01': starts with an apostrophe, a spreadsheet's mark for text"),
                (h + "\n" + Self.row("F1", unit: "3,20101E+13") + "\n",
                 "line 2, column sls_code: value '3,20101E+13': a spreadsheet turned it into a rounded number"),
                (h + "\n" + Self.row("3.29601E+11") + "\n",
                 "line 2, column family_id: value '3.29601E+11': a spreadsheet turned it into a rounded number"),
                (h + "\n" + Self.row("F1", nik: "3201014501800001'") + "\n", "line 2, column head_nik: value '3201***********1'': not 16 digits"),
                (h + "\n" + Self.row("F1", kk: "3201 0101 0100 0001") + "\n",
                 "line 2, column kk_number: value '3201*************01': digits written in groups, with spaces, dots or dashes between them"),
                (h + "\n" + Self.row("F1", unit: "3201.010.001.0001") + "\n",
                 "line 2, column sls_code: value '3201.010.001.0001': digits written in groups"),
                // Whole numbers written as decimals, as pandas writes a column it read as decimals.
                (h + "\n" + Self.row("F1", members: "4.0") + "\n",
                 "line 2, column members: value '4.0': a whole number written as a decimal, as a program that read the column as decimals"),
                (h + "\n" + Self.row("F1", group: "2.0") + "\n", "line 2, column welfare_group: value '2.0': a whole number written as a decimal"),
                (h + "\n" + Self.row("F1", members: "3.") + "\n", "line 2, column members: value '3.': a whole number written as a decimal"),
                (h + "\n" + Self.row("F1", members: "3,") + "\n", "line 2, column members: value '3,': a whole number from 1 to 99"),
                (h + "\n" + Self.row("F1", unit: "32010100010001.0") + "\n", "line 2, column sls_code: value '32010100010001.0': a whole number written"),
                (h + "\n" + Self.row("F1", nik: "3201014501800001.0") + "\n", "line 2, column head_nik: value '3201************.0': a whole number"),
                // With a decimal comma, as a spreadsheet in Indonesian shows decimals; three digits after it are thousands.
                (h + "\n" + Self.row("F1", members: "5,0") + "\n", "line 2, column members: value '5,0': a whole number written as a decimal"),
                (h + "\n" + Self.row("F1", group: "2,00") + "\n", "line 2, column welfare_group: value '2,00': a whole number written as a decimal"),
                (h + "\n" + Self.row("F1", members: "1,000") + "\n", "line 2, column members: value '1,000': a whole number from 1 to 99"),
                (h + "\n" + Self.row("F1", members: "1.5") + "\n", "line 2, column members: value '1.5': a whole number from 1 to 99"),
                (h + "\n" + Self.row("320100000061.0") + "\n" + Self.row("320100000054.0") + "\n",
                 "line 2, column family_id: every one of the 2 values in this column ends in .0, as a program that read the column as decimals"),
                (h + "\n" + Self.row("F1", group: "Sangat Miskin") + "\n",
                 "line 2, column welfare_group: value 'Sangat Miskin': write the welfare group's code, 1 for this label"),
                (h + "\n" + Self.row("F1", group: "3 - Rentan Miskin") + "\n",
                 "line 2, column welfare_group: value '3 - Rentan Miskin': write the welfare group's code, 3 for this label"),
                (h + "\n" + Self.row("F1", members: "0") + "\n", "line 2, column members: value '0': a whole number from 1 to 99"),
                (h + "\n" + Self.row("F1", members: "4 orang") + "\n",
                 "line 2, column members: value '4 orang': a number with a word: write the number alone, 4 for this one"),
                (h + "\n" + Self.row("F1", members: "0 orang") + "\n", "line 2, column members: value '0 orang': a whole number from 1 to 99"),
                (h + "\n" + Self.row("F1", latitude: "48.85", longitude: "2.35") + "\n", "line 2, column latitude: value '48.85': outside Indonesia"),
                (h + "\n" + Self.row("F1", latitude: "-6.6") + "\n", "latitude and longitude come together"),
                (h + "\n" + Self.row("F1", kk: "################") + "\n",
                 "line 2, column kk_number: value '################': a spreadsheet's mark for a cell too narrow to show its number"),
                (h + "\n" + Self.row("F1", latitude: "6°30'15\"S", longitude: "106,8° BT") + "\n",
                 "line 2, column latitude: value '6°30'15\"S': a coordinate written with a degree sign, a direction or minutes, as maps show it: "
                    + "write it in decimal degrees, south and west negative (-6.504167 for this one)\n"
                    + "line 2, column longitude: value '106,8° BT': a coordinate written with a degree sign"),
                (h + "\n" + Self.row("F1", latitude: "0", longitude: "0.0") + "\n",
                 "line 2, column latitude: value '0': latitude and longitude both 0, what a device writes when it had no position (leave both empty)"),
                (h + "\n" + Self.row("F1", latitude: "106.8", longitude: "-6.6") + "\n",
                 "line 2, column latitude: value '106.8': latitude and longitude are swapped"),
                (h + "\n" + Self.row("F1", latitude: "abc", longitude: "106.8") + "\n", "line 2, column latitude: value 'abc': not a decimal number"),
                (h + "\n" + Self.row("F1", name: "Bu\u{0}di") + "\n", "line 2, column head_name: a NUL byte (0x00), which a text cannot hold"),
                // Characters that print as nothing or turn the text around; the message spells them out.
                (h + "\n" + Self.row("F1", name: "Bu\tdi") + "\n", "line 2, column head_name: value 'Bu<U+9>di': holds a tab (U+0009): a name is one line of plain text"),
                (h + "\n" + Self.row("F1", name: "Bu\u{1B}[31mdi") + "\n", "line 2, column head_name: value 'Bu<U+1B>[31mdi': holds a control character (U+001B)"),
                (h + "\n" + Self.row("F1", name: "Bu\u{200B}di") + "\n", "line 2, column head_name: value 'Bu<U+200B>di': holds an invisible character (U+200B)"),
                (h + "\n" + Self.row("F1", name: "Budi\u{2028}Santoso") + "\n",
                 "line 2, column head_name: value 'Budi<U+2028>Santoso': holds a line break (U+2028): a name is one line of plain text"),
                (h + "\n" + Self.row("F1", name: "Budi\u{202E}ilA") + "\n", "line 2, column head_name: value 'Budi<U+202E>ilA': holds a text direction mark (U+202E)"),
                // What a spreadsheet opening an exported list would run: refused on the way in.
                (h + "\n" + Self.row("F1", name: "=HYPERLINK(\"http://x.example\",\"Budi\")") + "\n",
                 "line 2, column head_name: value '=HYPERLINK(\"http://x.example\",\"Budi\")': a name that starts as a spreadsheet formula does"),
                (h + "\nF1,32010100010001,Budi,@SUM(1+1)*cmd,4,2,10,3201010101000001,3201014501800001,,\n",
                 "line 2, column address: value '@SUM(1+1)*cmd': an address that starts as a spreadsheet formula does (with =, +, - or @)"),
                (h + "\nF1,32010100010001,Budi,-2+3+cmd|' /C calc'!A0,4,2,10,3201010101000001,3201014501800001,,\n",
                 "line 2, column address: value '-2+3+cmd|' /C calc'!A0': an address that starts as a spreadsheet formula does"),
                // A UTF-8 file opened as Windows text and saved again: the name as it was meant.
                (h + "\n" + Self.row("F1", name: "Maâ€™ruf") + "\n",
                 "line 2, column head_name: value 'Maâ€™ruf': the letters are garbled, as when a UTF-8 file is opened as Windows text and saved again; it was meant as 'Ma’ruf'"),
                (h + "\nF1,32010100010001,Budi,Kp. CafÃ©,4,2,10,3201010101000001,3201014501800001,,\n",
                 "line 2, column address: value 'Kp. CafÃ©': the letters are garbled"),
                // No name: a program's mark for a missing value, words saying it is not known, a count.
                (h + "\n" + Self.row("F1", name: "NULL") + "\n", "line 2, column head_name: value 'NULL': a program's mark for a missing value"),
                (h + "\n" + Self.row("F1", name: "TIDAK  Diketahui") + "\n",
                 "line 2, column head_name: value 'TIDAK  Diketahui': words saying the name is not known, not a name"),
                (h + "\n" + Self.row("F1", name: "0") + "\n", "line 2, column head_name: value '0': a number where a name belongs"),
                // A personal number as the family's id, which every page shows whole: masked in the message too.
                (h + "\n" + Self.row("3201010101000001", kk: "3201010101000001") + "\n",
                 "line 2, column family_id: value '3201**********01': the family card number of this row: a family id is shown whole on every page"),
                (h + "\n" + Self.row("3201014501800001", nik: "3201014501800001") + "\n",
                 "line 2, column family_id: value '3201**********01': the head's NIK of this row"),
                (h + "\nF1,32010100010001,Budi 3201014501800001,Kp. Baru,4,2,10,3201010101000001,3201014501800001,,\n",
                 "line 2, column head_name: value 'Budi 3201**********01': holds a number of about 16 digits, as a NIK or a family card number is: "
                    + "a name is shown whole to everyone who sees the list, a personal number only to BPS staff"),
                (h + "\nF1,32010100010001,Budi,\"Kp. Baru, KK 3201010101000001\",4,2,10,3201010101000001,3201014501800001,,\n",
                 "line 2, column address: value 'Kp. Baru, KK 3201**********01': holds a number of about 16 digits"),
                (h + "\nF1,32010100010001,Budi,NIK 3201 0145 0180 0001,4,2,10,3201010101000001,3201014501800001,,\n",
                 "line 2, column address: value 'NIK 3201 **** **** **01': holds a number of about 16 digits"),
                (h + "\nF1,32010100010001,Budi,320101450180000,4,2,10,3201010101000001,3201014501800001,,\n",
                 "line 2, column address: value '3201*********00': a number of about 16 digits where an address belongs"),
                // Characters a web page's source, or a program that could not write or read them, left in their place.
                (h + "\n" + Self.row("F1", name: "Ma&#39;ruf &amp;amp; Siti") + "\n",
                 "line 2, column head_name: value 'Ma&#39;ruf &amp;amp; Siti': written with HTML character codes (such as &#39; or &amp;), "
                    + "as a web page's source writes characters, not the characters themselves; it was meant as 'Ma'ruf & Siti'"),
                (h + "\nF1,32010100010001,Budi,Jl. Mawar &quot;Indah&quot;,4,2,10,3201010101000001,3201014501800001,,\n",
                 "line 2, column address: value 'Jl. Mawar &quot;Indah&quot;': written with HTML character codes"),
                (h + "\n" + Self.row("F1", name: "Nguy?n Van") + "\n",
                 "line 2, column head_name: value 'Nguy?n Van': a question mark next to a letter: a character the program that saved the file could not write"),
                (h + "\n" + Self.row("F1", name: "Ma\u{FFFD}ruf") + "\n",
                 "line 2, column head_name: value 'Ma\u{FFFD}ruf': holds \u{FFFD}, which a program writes for a character it could not read"),
                (h + "\nF1,32010100010001,Budi,\"Kp.\nBabakan\",4,2,10,3201010101000001,3201014501800001,,\n",
                 "line 2, column address: value 'Kp.<U+A>Babakan': holds a line break (U+000A): an address is one line of plain text"),
                ("PK\u{3}\u{4}\u{14}\u{0}\u{6}\u{0}", "line 1: the file is a spreadsheet workbook (.xlsx or .ods) or a zip archive, not CSV"),
                // The unit's code in a column per level, as BPS's registers keep it.
                ("family_id,kdprov,kdkab,kdkec,kddesa,kdsls,head_name,address,members,welfare_group,welfare_score,kk_number,head_nik\n",
                 "line 1: the unit's code is split into a column per level (kdprov, kdkab, kdkec, kddesa, kdsls, as BPS's registers keep it): "
                    + "the format has one column, sls_code, with the parts joined"),
                (h + ",kecamatan,desa\n", "line 1, column kecamatan: unknown column"),
                // This server's own files that are no list to load, named by their header.
                (FinalListCSV.header + "1,F1,,32010100010001,Budi,2,1,,,\n",
                 "line 1: this is a final list, the re-ranking's result as fkp export final writes it, not a preliminary list to load"),
                (DataCorrectionsCSV.columns.joined(separator: ",") + "\n", "line 1: this is a regency's accepted data corrections"),
                (AuditExportLine.columns.joined(separator: ",") + "\n", "line 1: this is an export of the audit trail, not a list to load"),
                ("[{\"family_id\": \"F1\", \"sls_code\": \"32010100010001\"}]\n", "line 1: the file is JSON, not CSV (export the list as CSV)"),
            ]
            for (text, expected) in cases where !expected.isEmpty {
                try await Self.assertRefused(text, expected, db)
            }
            // An empty code on the first row has no rows above it to name.
            do {
                _ = try await Self.load(.families, h + "\n" + Self.row("F1", unit: "") + "\n", db)
                XCTFail("an empty code is refused")
            } catch let problems as ImportProblems {
                XCTAssertEqual(problems.description, "line 2, column sls_code: must not be empty")
            }
            // A file quoted with ' throughout: one problem for the columns so quoted, not one for every value.
            do {
                let rows = (1...12).map { "'F\($0)','32010100010001','\(Self.headName($0))','Kp. Baru',4,2,1\($0).5,'32010101010000\(10 + $0)',"
                    + "'32010145018000\(10 + $0)',," }
                _ = try await Self.load(.families, h + "\n" + rows.joined(separator: "\n") + "\n", db)
                XCTFail("a file quoted with ' is refused")
            } catch let problems as ImportProblems {
                XCTAssertEqual(problems.description, "line 2: values in single quotes on every one of the 12 rows, in family_id, sls_code, "
                                   + "head_name, address, kk_number, head_nik: the program that wrote the file quoted with ', which CSV reads "
                                   + "as part of the value (save the file again with double quotes, \", as the quote character)")
            }
            // Both coordinates in the longitude's cell, the latitude's empty: that alone, not also a latitude missing.
            do {
                _ = try await Self.load(.families, h + "\n" + Self.row("F1", longitude: "106.8 -6.5") + "\n", db)
                XCTFail("both coordinates in one cell are refused")
            } catch let problems as ImportProblems {
                XCTAssertEqual(problems.description, "line 2, column longitude: value '106.8 -6.5': both coordinates in one cell, as a map copies "
                                   + "them: write the latitude (-6.5) in latitude and the longitude (106.8) in longitude")
            }
            // A short line not right with its optional ends empty (a latitude without its longitude; a
            // required column missing) is a plain count of fields.
            for (text, count) in [(h + "\nF1,32010100010001,Budi,x,4,2,10,3201010101000001,3201014501800001,-6.5\n", 10),
                                  (h + "\nF1,32010100010001,Budi,x,4,2,10,3201010101000001\n", 8)] {
                do {
                    _ = try await Self.load(.families, text, db)
                    XCTFail("a short line is refused")
                } catch let problems as ImportProblems {
                    XCTAssertEqual(problems.description, "line 2: \(count) fields where the header has 11")
                }
            }
        }
    }

    /// A file saved in another encoding, or with stray NUL bytes, is reported line by line with the
    /// file's other problems, as any problem is, up to the report's limit; nothing is imported.
    func testFieldsThatAreNoTextAreReportedWithTheFilesOtherProblems() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, SQLTest.places)
            let latin1: [UInt8] = Array("Bud".utf8) + [0xE9]  // "Budé" as Windows-1252 writes it
            var bytes = Array((Self.header + "\n").utf8)
            bytes += Array("F1,32010100010001,".utf8) + latin1 + Array(",x,4,2,10,3201010101000001,3201014501800001,,\n".utf8)
            bytes += Array((Self.row("F2", group: "7") + "\n").utf8)
            bytes += Array((Self.row("F3", name: "Bu\u{0}di") + "\n").utf8)
            bytes += Array("F4,32010100010001,Budi,x,4,2,10,3201010101000001,32010145018".utf8) + [0xB7] + Array("0001,,\n".utf8)
            for n in 5...120 {
                bytes += Array("F\(n),32010100010001,".utf8) + latin1 + Array(",x,4,2,10,3201010101000001,3201014501800001,,\n".utf8)
            }
            let before = try await SQLTest.scalar(db, "SELECT (SELECT count(*) FROM fkp.families) + (SELECT count(*) FROM audit.entries)", as: Int64.self)
            do {
                _ = try await ListImporter(database: db).run(.families, chunks: try FileChunks(bytes: bytes), fileName: "x", context: Self.context)
                XCTFail("a file with lines that are no text must be refused")
            } catch let problems as ImportProblems {
                let lines = problems.description.split(separator: "\n").map(String.init)
                XCTAssertEqual(Array(lines.prefix(3)), [
                    "line 2, column head_name: value 'Budé': bytes that are not UTF-8: the file is saved in another encoding (save it as CSV UTF-8)",
                    "line 3, column welfare_group: value '7': a welfare group is 1, 2, 3 or 4",
                    "line 4, column head_name: a NUL byte (0x00), which a text cannot hold",
                ], "\(problems)")
                XCTAssertEqual(lines[3], "line 5, column head_nik: bytes that are not UTF-8: the file is saved in another encoding (save it as CSV UTF-8)",
                               "a personal number's value is not shown")
                XCTAssertEqual(lines[4], "line 6, column head_name: value 'Budé': bytes that are not UTF-8: the file is saved in another encoding (save it as CSV UTF-8)")
                XCTAssertTrue(problems.description.contains("and 20 more problems"), "120 problems: 100 shown, the rest counted. \(problems)")
            }
            let after = try await SQLTest.scalar(db, "SELECT (SELECT count(*) FROM fkp.families) + (SELECT count(*) FROM audit.entries)", as: Int64.self)
            XCTAssertEqual(after, before)
        }
    }

    /// A spreadsheet saves rows that once held formatting as `,,,,`: they are skipped like blank lines.
    func testRowsOfEmptyFieldsAreSkippedLikeBlankLines() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, SQLTest.places)
            let empty = String(repeating: ",", count: FamilyCSV.columns.count - 1)
            let text = Self.header + "\r\n" + Self.row("F1") + "\r\n" + empty + "\r\n \r\n" + Self.row("F2") + "\r\n" + empty + "\r\n" + empty + "\r\n"
            let report = try await Self.load(.families, text, db)
            XCTAssertEqual(report.rows, 2)
            let families = try await SQLTest.scalar(db, "SELECT count(*) FROM fkp.families", as: Int64.self)
            XCTAssertEqual(families, 2)
        }
    }

    /// A header with nothing under it (or only blank lines and rows of empty fields) is a list that
    /// lost its rows: refused at the header's line, not loaded as a batch that changed nothing.
    func testAHeaderWithNoRowUnderItIsRefusedNotLoadedAsNothing() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, SQLTest.places)
            let emptyRow = String(repeating: ",", count: FamilyCSV.columns.count - 1)
            let noRows = ImportProblem.Kind.noRowsUnderHeader.english
            for (text, kind, expected) in [(Self.header + "\n", ListKind.families, "line 1: " + noRows),
                                           (Self.header, .families, "line 1: " + noRows),
                                           ("\u{FEFF}" + Self.header + "\r\n\r\n" + emptyRow + "\r\n \r\n", .families, "line 1: " + noRows),
                                           ("sep=,\n" + Self.header + "\n", .families, "line 2: " + noRows),
                                           ("code,name,level,non_sls\n", .regions, "line 1: " + noRows)] {
                try await Self.assertRefused(text, expected, db, kind: kind)
                let problems = try await Self.refusal(kind, text, db)
                XCTAssertEqual(problems?.description, expected, text.debugDescription)
            }
            // One row is a list.
            let report = try await Self.load(.families, Self.header + "\n" + Self.row("F1") + "\n", db)
            XCTAssertEqual(report.added, 1)
        }
    }

    /// A batch that changes one regency is that regency's history, also when the command line
    /// declared no place: it is in the regency's chain, so its audit view and exports hold it.
    func testABatchInsideOneRegencyIsInThatRegencysChain() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, SQLTest.places)
            func chainOfLastBatch() async throws -> String? {
                try await SQLTest.scalar(db, "SELECT chain || ' ' || coalesce(region_code, '-') FROM audit.entries WHERE table_name = 'fkp.import_batches' ORDER BY id DESC LIMIT 1", as: String.self)
            }
            _ = try await Self.load(.families, Self.header + "\n" + Self.row("F1") + "\n" + Self.row("F2", unit: "32010100020001") + "\n", db)
            let oneRegency = try await chainOfLastBatch()
            XCTAssertEqual(oneRegency, "regency:3201 3201")
            // Places of a second regency, and a file that reaches into both: the national chain.
            _ = try await Self.load(.regions, "code,name,level\n3202,Sukabumi,regency\n3202010,Cisolok,district\n3202010001,Desa,village\n32020100010001,RT 001,sls\n", db)
            let newRegency = try await chainOfLastBatch()
            XCTAssertEqual(newRegency, "regency:3202 3202")
            _ = try await Self.load(.families, Self.header + "\n" + Self.row("F1", name: "Budi Santoso") + "\n" + Self.row("F3", unit: "32020100010001") + "\n", db)
            let twoRegencies = try await chainOfLastBatch()
            XCTAssertEqual(twoRegencies, "national -")
            _ = try await Self.load(.regions, "code,name,level\n33,Jawa Tengah,province\n", db)
            let province = try await chainOfLastBatch()
            XCTAssertEqual(province, "national -", "a province's row is no regency's business")
            let batches = try await SQLTest.scalar(db, "SELECT string_agg(array_to_string(regencies, '+'), ' ' ORDER BY id) FROM fkp.import_batches", as: String.self)
            XCTAssertEqual(batches, "3201 3202 3201+3202 33")
            let verification = try await AuditRepository(database: db).verify()
            XCTAssertTrue(verification.isValid, "\(verification.problems)")
        }
    }

    /// A read that fails (here: a folder given as the file) fails the import; taken for the end
    /// of the file, it would load what came before it and remove every family after it.
    func testAFailedReadIsAnErrorNotTheEndOfTheFile() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, SQLTest.places)
            do {
                _ = try await ListImporter(database: db).run(.families, chunks: try FileChunks(path: NSTemporaryDirectory()), fileName: "x", context: Self.context)
                XCTFail("a folder is no file")
            } catch let failure as FileChunks.ReadFailed {
                XCTAssertEqual(failure.reason, "Is a directory")
            }
            XCTAssertThrowsError(try FileChunks(path: "/no/such/file.csv")) {
                XCTAssertEqual(($0 as? FileChunks.ReadFailed)?.description, "cannot read /no/such/file.csv: No such file or directory")
            }
            let batches = try await SQLTest.scalar(db, "SELECT count(*) FROM fkp.import_batches", as: Int64.self)
            XCTAssertEqual(batches, 0)
        }
    }

    /// Two loads of one regency at once: the second waits for the first and takes its difference
    /// from what the first left. Both computed from the same state, both added the same families
    /// and one failed on a duplicate key. The regency's lock is held here to make both wait.
    func testTwoImportsOfOneRegencyAtOnceRunOneAfterTheOther() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, SQLTest.places)
            let first = Self.header + "\n" + Self.row("F1") + "\n" + Self.row("F2", unit: "32010100010002") + "\n"
            let second = Self.header + "\n" + Self.row("F1", group: "3") + "\n" + Self.row("F3", unit: "32010100010002") + "\n"
            let lock = "hashtextextended('fkp.import 3201', 0)"
            let reports = try await db.client.withConnection { holder in
                try await holder.query(PostgresQuery(unsafeSQL: "SELECT pg_advisory_lock(\(lock))"), logger: db.logger)
                let loads = [first, second].map { text in Task { try await Self.load(.families, text, db) } }
                try await Task.sleep(for: .milliseconds(700))
                let waiting = try await SQLTest.scalar(db, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted", as: Int64.self)
                XCTAssertEqual(waiting, 2, "both imports wait for the regency")
                try await holder.query(PostgresQuery(unsafeSQL: "SELECT pg_advisory_unlock(\(lock))"), logger: db.logger)
                var reports: [ImportReport] = []
                for load in loads { reports.append(try await load.value) }
                return reports
            }
            XCTAssertEqual(reports.map(\.added).sorted(), [1, 2], "the later one adds only what the earlier one did not")
            XCTAssertEqual(reports.map(\.removed).sorted(), [0, 1])
            let families = try await SQLTest.scalar(db, "SELECT string_agg(id, ',' ORDER BY id) FROM fkp.families", as: String.self)
            XCTAssertTrue(["F1,F2", "F1,F3"].contains(families ?? ""), "one file or the other, whole: \(families ?? "-")")
        }
    }

    /// Rows under a header that cannot be read are not read as a header in turn: the report is the header's.
    func testABrokenHeaderIsTheWholeReport() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, SQLTest.places)
            for header in [Self.header + ",members", "\u{FEFF}\u{FEFF}" + Self.header] {
                do {
                    _ = try await Self.load(.families, header + "\n" + Self.row("F1") + "\n" + Self.row("F2") + "\n", db)
                    XCTFail("expected the header to be refused")
                } catch let problems as ImportProblems {
                    XCTAssertFalse(problems.shown.isEmpty)
                    XCTAssertEqual(problems.shown.filter { $0.line != 1 }.count, 0, "\(problems)")
                    if header.hasPrefix("\u{FEFF}") {
                        XCTAssertTrue(problems.description.contains("column <U+FEFF>family_id: unknown column"), "\(problems)")
                        XCTAssertTrue(problems.description.contains("it holds an invisible character"), "\(problems)")
                        XCTAssertEqual(problems.total, 1, "the column meant is not also said to be missing: \(problems)")
                    }
                }
            }
            // A file that began with a byte order mark, opened as Windows text and saved again: one problem.
            do {
                _ = try await Self.load(.families, "ï»¿" + Self.header + "\n" + Self.row("F1") + "\n", db)
                XCTFail("expected the header to be refused")
            } catch let problems as ImportProblems {
                XCTAssertEqual(problems.shown.map(\.description), [
                    "line 1, column ï»¿family_id: the letters are garbled, as when a UTF-8 file is opened as Windows text and saved again; "
                        + "it was meant as 'family_id' (go back to the file as it was sent and open it as UTF-8)",
                ])
            }
            // A header written in Indonesian: each column told its name in the format (and named as written), none also said to be missing.
            let indonesian = "ID Keluarga,Kode SLS,Nama Kepala Keluarga,Alamat,Jumlah ART,Kelompok,Skor,No. KK,NIK"
            do {
                _ = try await Self.load(.families, indonesian + "\n", db)
                XCTFail("expected the header to be refused")
            } catch let problems as ImportProblems {
                XCTAssertEqual(problems.shown.map(\.description), zip(indonesian.split(separator: ","), FamilyCSV.required).map {
                    "line 1, column \($0): write the column's name as \($1): the format names its columns in English"
                })
            }
            // A name in other words beside the column itself is an unknown column, not the column again.
            try await Self.assertRefused(Self.header + ",nama\n", "line 1, column nama: unknown column", db)
            try await Self.assertRefused("kode,nama,tingkat\n3202,Sukabumi,regency\n",
                                         "line 1, column tingkat: write the column's name as level", db, kind: .regions)
            // A sheet's title above its header: the header's line, once; not found further down than a few lines.
            let title = "DAFTAR KELUARGA DESA CONTOH,,,,,,,,,,\n\n"
            for (text, expected) in [(title + Self.header + "\n" + Self.row("F1") + "\n",
                                      ["line 1: the header must be the first line, and it is on line 3 (delete the lines above it)"]),
                                     ("Daftar;keluarga\n" + Self.header + "\n",
                                      ["line 1: the header must be the first line, and it is on line 2 (delete the lines above it)"]),
                                     ("judul\n1\n2\n3\n4\n5\n" + Self.header + "\n",
                                      ["line 1, column judul: unknown column (the columns are \(FamilyCSV.columns.joined(separator: ", ")))"]
                                        + FamilyCSV.required.map { "line 1, column \($0): required column is missing from the header" })] {
                do {
                    _ = try await Self.load(.families, text, db)
                    XCTFail("expected the header to be refused")
                } catch let problems as ImportProblems {
                    XCTAssertEqual(problems.shown.map(\.description), expected)
                }
            }
            // A list given as the other kind: one problem, what to do.
            for (kind, text, expected) in [(ListKind.regions, Self.header + "\n" + Self.row("F1") + "\n",
                                            "line 1: this is a families list, not a regions list (load it as families)"),
                                           (.families, "Code,Name,Level\n3202,Sukabumi,regency\n",
                                            "line 1: this is a regions list, not a families list (load it as regions)"),
                                           // Its own header broken (a column twice, one unknown): still the other list.
                                           (.regions, Self.header + ",latitude,catatan_lain\n" + Self.row("F1") + "\n",
                                            "line 1: this is a families list, not a regions list (load it as families)"),
                                           (.families, "code,name,level,level\n3202,Sukabumi,regency,regency\n",
                                            "line 1: this is a regions list, not a families list (load it as regions)")] {
                do {
                    _ = try await Self.load(kind, text, db)
                    XCTFail("expected \(kind) to refuse the other list")
                } catch let problems as ImportProblems {
                    XCTAssertEqual(problems.shown.map(\.description), [expected])
                }
            }
            // A name written with spaces or dashes is one problem each, not also a missing column.
            let spaced = Self.header.replacingOccurrences(of: "family_id", with: "Family ID").replacingOccurrences(of: "sls_code", with: "sls-code")
            do {
                _ = try await Self.load(.families, spaced + "\n" + Self.row("F1") + "\n", db)
                XCTFail("expected the header to be refused")
            } catch let problems as ImportProblems {
                XCTAssertEqual(problems.shown.map(\.description), [
                    "line 1, column Family ID: write the column's name as family_id, with underscores",
                    "line 1, column sls-code: write the column's name as sls_code, with underscores",
                ])
            }
        }
    }

    func testManyProblemsAreListedUpToAHundredWithACountOfTheRest() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, SQLTest.places)
            let rows = (1...150).map { Self.row("F\($0)", group: "9") }.joined(separator: "\n")
            do {
                _ = try await Self.load(.families, Self.header + "\n" + rows + "\n", db)
                XCTFail("expected problems")
            } catch let problems as ImportProblems {
                XCTAssertEqual(problems.shown.count, 100)
                XCTAssertEqual(problems.total, 150)
                XCTAssertTrue(problems.description.hasSuffix("... and 50 more problems (50 in welfare_group)"), "where the rest are: \(problems)")
            }
            // A sheet far wider than a list: its unknown columns one problem, ten of them named; every required one missing.
            let wide = (0..<150).map { "c\($0)" }.joined(separator: ",") + "\n"
            do {
                _ = try await Self.load(.families, wide, db)
                XCTFail("expected problems")
            } catch let problems as ImportProblems {
                XCTAssertEqual(problems.total, 1 + FamilyCSV.required.count, "\(problems)")
                XCTAssertTrue(problems.description.hasPrefix("line 1, column c0: 150 unknown columns: c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, and 140 more "),
                              "\(problems)")
                XCTAssertTrue(problems.description.hasSuffix("line 1, column head_nik: required column is missing from the header"), "\(problems)")
            }
        }
    }

    /// A required column empty on every row (a list exported without its personal numbers, or its
    /// scores) is one problem, not one per row; the rows' other problems are still named.
    func testARequiredColumnEmptyOnEveryRowIsOneProblem() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, SQLTest.places)
            let noNumbers = Self.header + "\n" + Self.row("F1", kk: "", nik: "") + "\n" + Self.row("F2", members: "0", kk: "", nik: "")
                + "\n" + Self.row("F3", kk: "", nik: "3201014501800003") + "\n"
            try await Self.assertRefused(noNumbers, "line 2, column kk_number: empty on every one of the 3 rows", db)
            do {
                _ = try await Self.load(.families, noNumbers, db)
                XCTFail("expected the column to be refused")
            } catch let problems as ImportProblems {
                XCTAssertEqual(problems.description, """
                    line 2, column kk_number: empty on every one of the 3 rows: the column is in the header but its values are not in the file \
                    (a list exported without them? the format requires them)
                    line 2, column head_nik: must not be empty
                    line 3, column members: value '0': a whole number from 1 to 99
                    line 3, column head_nik: must not be empty
                    """)
            }
            // Past the hundred problems shown: the rest are counted without the column's.
            let many = Self.header + "\n" + (1...150).map { Self.row("F\($0)", score: "", members: $0 > 120 ? "0" : "4") }.joined(separator: "\n") + "\n"
            do {
                _ = try await Self.load(.families, many, db)
                XCTFail("expected the column to be refused")
            } catch let problems as ImportProblems {
                XCTAssertEqual(problems.shown.first?.problem, .columnEmpty(rows: 150), "\(problems)")
                XCTAssertEqual(problems.total, 1 + 30, "\(problems)")
                XCTAssertFalse(problems.description.contains("welfare_score: must not be empty"), "\(problems)")
            }
            // One row with the column empty is that row's problem.
            try await Self.assertRefused(Self.header + "\n" + Self.row("F1", kk: "") + "\n", "line 2, column kk_number: must not be empty", db)
        }
    }

    /// Latitude without longitude in the whole file (its column not in the header, or empty on every
    /// row giving the other): one problem for the column, the other column's own still said.
    func testACoordinateColumnWithoutItsPartnerIsOneProblem() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, SQLTest.places)
            let latitudesOnly = Self.header + "\n" + Self.row("F1", latitude: "-6.6") + "\n" + Self.row("F2") + "\n"
                + Self.row("F3", latitude: "48.85") + "\n" + (4...12).map { Self.row("F\($0)", latitude: "-6.7") + "\n" }.joined()
            try await Self.assertRefused(latitudesOnly, "line 2, column longitude: empty on every one of the 11 rows that give latitude", db)
            let problems = try await Self.refusal(.families, latitudesOnly, db)
            XCTAssertEqual(problems?.description, """
                line 2, column longitude: empty on every one of the 11 rows that give latitude: latitude and longitude come together \
                (the column's values lost when the list was put together? give both on each row, or leave both empty)
                line 4, column latitude: value '48.85': outside Indonesia (-11.5 to 6.5)
                """)
            // The header without latitude: said there, whatever the rows.
            let header = FamilyCSV.columns.filter { $0 != "latitude" }.joined(separator: ",")
            let noLatitude = header + "\n" + (1...3).map { "F\($0),32010100010001,Budi,x,4,2,10,3201010101000001,3201014501800001,106.8" }.joined(separator: "\n") + "\n"
            try await Self.assertRefused(noLatitude, "line 1, column latitude: not in the header, while longitude is", db)
            let noLatitudeProblems = try await Self.refusal(.families, noLatitude, db)
            XCTAssertEqual(noLatitudeProblems?.total, 1, "\(String(describing: noLatitudeProblems))")
            // Fewer than ten rows giving latitude alone are each its row's problem (values shifted, say);
            // so are rows giving it alone among rows giving both.
            let few = Self.header + "\n" + (1...9).map { Self.row("F\($0)", latitude: "-6.6") + "\n" }.joined()
            let fewProblems = try await Self.refusal(.families, few, db)
            XCTAssertEqual(fewProblems?.total, 9, "\(String(describing: fewProblems))")
            XCTAssertEqual(fewProblems?.shown.first?.description, "line 2, column longitude: latitude and longitude come together or not at all")
            let some = Self.header + "\n" + Self.row("F1", latitude: "-6.6") + "\n" + Self.row("F2", latitude: "-6.6", longitude: "106.8") + "\n"
                + Self.row("F3", latitude: "-6.7") + "\n"
            let someProblems = try await Self.refusal(.families, some, db)
            XCTAssertEqual(someProblems?.description, """
                line 2, column longitude: latitude and longitude come together or not at all
                line 4, column longitude: latitude and longitude come together or not at all
                """)
        }
    }

    /// Personal numbers filled in wrongly as a whole: each family card number the head's NIK (the
    /// column filled from head_nik), or one number (or one head's name) on every row (filled down,
    /// or pasted over the column). Refused for the column; fewer than ten rows, or one row
    /// otherwise, could be a list's.
    func testPersonalNumbersFilledFromAnotherColumnOrFilledDownAreRefusedAsAWhole() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, SQLTest.places)
            func rows(_ count: Int, kk: (Int) -> String, nik: (Int) -> String) -> String {
                Self.header + "\n" + (1...count).map { Self.row("F\($0)", name: Self.headName($0), score: "1\($0).5", kk: kk($0), nik: nik($0)) }.joined(separator: "\n") + "\n"
            }
            let nik = { (n: Int) in "320101450180\(String(format: "%04d", n))" }
            let kk = { (n: Int) in "320101010100\(String(format: "%04d", n))" }
            try await Self.assertRefused(rows(12, kk: nik, nik: nik), "line 2, column kk_number: on every one of the 12 rows the family card number is "
                                         + "the head's NIK: the column was filled from head_nik (give each family's card number)", db)
            try await Self.assertRefused(rows(12, kk: { _ in kk(1) }, nik: nik), "line 2, column kk_number: the same number on every one of the 12 rows: "
                                         + "one value filled down or pasted over the whole column (give each row its own)", db)
            try await Self.assertRefused(rows(12, kk: kk, nik: { _ in nik(1) }), "line 2, column head_nik: the same number on every one of the 12 rows", db)
            // A head's name filled down, likewise.
            let oneName = Self.header + "\n" + (1...12).map { Self.row("F\($0)", name: "Budi", score: "1\($0).5", kk: kk($0), nik: nik($0)) }
                .joined(separator: "\n") + "\n"
            try await Self.assertRefused(oneName, "line 2, column head_name: the same name on every one of the 12 rows: one name filled down", db)
            let loaded = try await Self.load(.families, rows(9, kk: nik, nik: { _ in nik(1) }), db)
            XCTAssertEqual(loaded.added, 9)
            let oneOtherwise = try await Self.load(.families, rows(12, kk: { $0 == 12 ? kk(12) : nik($0) }, nik: { $0 == 12 ? nik(12) : nik(1) }), db)
            XCTAssertEqual(oneOtherwise.added, 3)
        }
    }

    /// Columns swapped under a right header: heads' names that read as addresses, most of them;
    /// member counts and groups, every group a whole number and some above 4. One problem each,
    /// for the column; a list that only looks so here and there loads.
    func testColumnsSwappedUnderTheHeaderAreNamedAsAWhole() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, SQLTest.places)
            func rows(_ count: Int, name: (Int) -> String = { _ in "Budi" }, members: (Int) -> String = { _ in "4" },
                      group: (Int) -> String = { _ in "2" }) -> String {
                Self.header + "\n" + (1...count).map {
                    Self.row("F\($0)", name: name($0), group: group($0), score: "1\($0).5", members: members($0), kk: "320101010100\(String(format: "%04d", $0))",
                             nik: "320101450180\(String(format: "%04d", $0))")
                }.joined(separator: "\n") + "\n"
            }
            // Every address but one with a number, an RT or a street's word; one a place's name alone.
            let addresses = { (n: Int) in n == 3 ? "Cibodas" : ["Kp. Babakan RT 00\(n % 9)", "Jl. Mawar No. \(n)", "Gg. Melati", "RT 02 RW 05"][n % 4] }
            try await Self.assertRefused(rows(12, name: addresses), "line 2, column head_name: 11 of the 12 heads' names read as addresses "
                                         + "(a house number, an RT or RW, Jl., Kp.): head_name and address swapped in the header?", db)
            let swapped = rows(12, members: { String($0 % 4 + 1) }, group: { String($0 % 7 + 1) })
            try await Self.assertRefused(swapped, "members and welfare_group swapped", db)
            do {
                _ = try await Self.load(.families, swapped, db)
                XCTFail("expected the columns to be refused")
            } catch let problems as ImportProblems {
                // The groups above 4 are the swap's, said once.
                XCTAssertEqual(problems.description, "line 2, column welfare_group: every member count is from 1 to 4 and every welfare group "
                               + "a whole number, 5 of them above 4: members and welfare_group swapped in the header? (a group is 1, 2, 3 or 4)")
            }
            // Fewer than ten rows; names of which fewer than four in five read as addresses; a family of five: each row says its own.
            try await Self.assertRefused(rows(9, members: { String($0 % 4 + 1) }, group: { String($0 % 7 + 1) }),
                                         "line 6, column welfare_group: value '6': a welfare group is 1, 2, 3 or 4", db)
            try await Self.assertRefused(rows(12, members: { $0 == 1 ? "5" : String($0 % 4 + 1) }, group: { String($0 % 7 + 1) }),
                                         "line 6, column welfare_group: value '6': a welfare group is 1, 2, 3 or 4", db)
            // Groups numbered from 0: one problem for the column, not the 0s alone (fixed alone, the rest would stay one below).
            let fromZero = rows(12, group: { String($0 % 4) })
            let fromZeroProblems = try await Self.refusal(.families, fromZero, db)
            XCTAssertEqual(fromZeroProblems?.description, "line 2, column welfare_group: every one of the 12 welfare groups is from 0 to 3: "
                           + "numbered from 0, as some systems number them? The format's groups are 1 (the poorest) to 4: if 0 is the poorest, "
                           + "add one to every group, not only to the 0s")
            try await Self.assertRefused(rows(9, group: { String($0 % 4) }), "line 5, column welfare_group: value '0': a welfare group is 1, 2, 3 or 4", db)
            // Deciles: one problem for the column, not the deciles above 4 alone (the others would load as groups).
            let deciles = rows(12, members: { String($0 % 6 + 2) }, group: { String($0 % 10 + 1) })
            let decileProblems = try await Self.refusal(.families, deciles, db)
            XCTAssertEqual(decileProblems?.description, "line 2, column welfare_group: every one of the 12 welfare groups is from 1 to 10, "
                           + "6 of them above 4: deciles (desil), not the four welfare groups of the preliminary list? (give each family its "
                           + "group: 1, 2, 3 or 4; a decile of 4 or less is no group either)")
            let loaded = try await Self.load(.families, rows(12, name: { $0 % 4 == 0 ? addresses($0) : "Siti Aminah" }), db)
            XCTAssertEqual(loaded.added, 12)
        }
    }

    /// Two names swapped in the header, the rows right under the wrong names: one problem, for the
    /// header, instead of both columns refused on every row (a coordinate's partner told on every row
    /// that the two come apart included).
    func testTwoColumnNamesSwappedInTheHeaderAreOneProblem() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, SQLTest.places)
            let rows = (1...12).map {
                Self.row("F\($0)", members: "\($0 % 5 + 1)", kk: "320101010100\(String(format: "%04d", $0))", nik: "320101450180\(String(format: "%04d", $0))")
            }.joined(separator: "\n") + "\n"
            let membersAndKK = Self.header.replacingOccurrences(of: "members", with: "X").replacingOccurrences(of: "kk_number", with: "members")
                .replacingOccurrences(of: "X", with: "kk_number")
            try await Self.assertRefused(membersAndKK + "\n" + rows, "the two names are swapped in the header", db)
            do {
                _ = try await Self.load(.families, membersAndKK + "\n" + rows, db)
                XCTFail("expected the header to be refused")
            } catch let problems as ImportProblems {
                XCTAssertEqual(problems.description, "line 1, column members: the values under members are those of kk_number, and those under "
                               + "kk_number those of members: the two names are swapped in the header (swap them back)")
            }
            let idAndLatitude = Self.header.replacingOccurrences(of: "family_id", with: "X").replacingOccurrences(of: "latitude", with: "family_id")
                .replacingOccurrences(of: "X", with: "latitude")
            do {
                _ = try await Self.load(.families, idAndLatitude + "\n" + rows, db)
                XCTFail("expected the header to be refused")
            } catch let problems as ImportProblems {
                XCTAssertEqual(problems.shown.map(\.problem), [.columnNamesSwapped("family_id", "latitude")], "\(problems)")
            }
            // The unit's code keeps a family id's form; under family_id it repeats, which ids never do.
            let idAndUnit = Self.header.replacingOccurrences(of: "family_id,sls_code", with: "sls_code,family_id")
            XCTAssertNotEqual(idAndUnit, Self.header)
            try await Self.assertRefused(idAndUnit + "\n" + rows, "line 1, column family_id: the values under family_id are those of sls_code, "
                                         + "and those under sls_code those of family_id: the two names are swapped in the header (swap them back)", db)
            // A family card number keeps a family id's form too; under kk_number the ids do not keep its rule.
            let idAndKK = Self.header.replacingOccurrences(of: "family_id", with: "X").replacingOccurrences(of: "kk_number", with: "family_id")
                .replacingOccurrences(of: "X", with: "kk_number")
            try await Self.assertRefused(idAndKK + "\n" + rows, "line 1, column family_id: the values under family_id are those of kk_number, "
                                         + "and those under kk_number those of family_id: the two names are swapped in the header (swap them back)", db)
        }
    }

    /// A spreadsheet that took 16-digit numbers as numbers and saved them written out keeps 15 digits
    /// and writes 0 for the last: each row looks right, the column is not. Named first, for the column.
    func testAColumnOfNumbersASpreadsheetRoundedIsRefusedAsAWhole() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, SQLTest.places)
            func rows(_ count: Int, nik: (Int) -> String, kk: (Int) -> String = { "32010101010\(String(format: "%05d", $0))" },
                      id: (Int) -> String = { "F\($0)" }) -> String {
                Self.header + "\n" + (1...count).map { Self.row(id($0), name: Self.headName($0), score: "1\($0).5", kk: kk($0), nik: nik($0)) }.joined(separator: "\n") + "\n"
            }
            let roundedNIK = { (n: Int) in "320101450180\(String(format: "%03d", n))0" }
            try await Self.assertRefused(rows(12, nik: roundedNIK),
                                         "line 2, column head_nik: every one of the 12 numbers in this column ends in 0: "
                                         + "a spreadsheet kept only their first 15 digits", db)
            // Both personal columns; not the family id, whose form is BPS's (every id may end in 0).
            do {
                _ = try await Self.load(.families, rows(12, nik: roundedNIK, kk: { "320101010100\(String(format: "%03d", $0))0" },
                                                        id: { "3296010001\(String(format: "%04d", $0))0000" }), db)
                XCTFail("expected the columns to be refused")
            } catch let problems as ImportProblems {
                XCTAssertEqual(problems.shown.map(\.column), ["kk_number", "head_nik"], "\(problems)")
                XCTAssertTrue(problems.shown.allSatisfy { $0.line == 2 && $0.value == nil }, "no number shown: \(problems)")
            }
            // Named first even below a hundred problems of rows.
            let manyBroken = rows(12, nik: roundedNIK) + (13...140).map { Self.row("F\($0)", group: "9") }.joined(separator: "\n") + "\n"
            do {
                _ = try await Self.load(.families, manyBroken, db)
                XCTFail("expected problems")
            } catch let problems as ImportProblems {
                XCTAssertEqual(problems.shown.first?.problem, .roundedBySpreadsheet(numbers: 12), "\(problems)")
                XCTAssertEqual(problems.total, 1 + 128)
            }
            // Nine numbers ending in 0 could be chance, and one that does not end in 0 is no rounding: loaded.
            let report = try await Self.load(.families, rows(9, nik: roundedNIK), db)
            XCTAssertEqual(report.added, 9)
            let mixed = rows(12, nik: { $0 == 12 ? "3201014501800121" : roundedNIK($0) }).replacingOccurrences(of: "F", with: "G")
            let second = try await Self.load(.families, mixed, db)
            XCTAssertEqual(second.added, 12)
            let idsEndingInZero = rows(12, nik: { "320101450180\(String(format: "%03d", $0))1" }, id: { "3296010001\(String(format: "%04d", $0))0000" })
            let third = try await Self.load(.families, idsEndingInZero, db)
            XCTAssertEqual(third.added, 12, "long family ids may all end in 0")
        }
    }

    /// Excel's hint above the header (`sep=,`) names the format's own separator and is passed over,
    /// the lines still counted; a hint naming another separator is the header's one problem.
    func testAnExcelSeparatorHintAboveTheHeaderIsReadAsSuch() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, SQLTest.places)
            try await Self.assertRefused("SEP=,\n" + Self.header + "\n" + Self.row("F1", group: "5") + "\n",
                                         "line 3, column welfare_group: value '5'", db)
            let report = try await Self.load(.families, "sep=,\r\n" + Self.header + "\r\n" + Self.row("F1") + "\r\n", db)
            XCTAssertEqual(report.added, 1)
            for separator in [";", "\t"] {
                let text = "sep=\(separator)\n" + Self.header.replacingOccurrences(of: ",", with: separator) + "\n"
                do {
                    _ = try await Self.load(.families, text, db)
                    XCTFail("a file separated by \(separator.debugDescription) is refused")
                } catch let problems as ImportProblems {
                    XCTAssertEqual(problems.shown.map(\.description),
                                   [separator == ";" ? "line 1: " + ImportProblem.Kind.headerSeparatedBy(";").english
                                                     : "line 1: the header is separated by tabs, not by commas (save the file as CSV with commas)"])
                    XCTAssertTrue(problems.description.contains(separator == ";" ? "set to Indonesian" : "tabs"))
                }
            }
            let regions = try await Self.load(.regions, "sep=,\ncode,name,level\n3202,Sukabumi,regency\n", db)
            XCTAssertEqual(regions.added, 1)
        }
    }

    /// Two lists joined into one file bring a second header row: said once as such, not as a wrong
    /// value in every column of that line.
    func testAHeaderRowInsideTheFileIsNamedAsTwoFilesJoined() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, SQLTest.places)
            let families = Self.header + "\n" + Self.row("F1") + "\n" + Self.header.uppercased() + "\n" + Self.row("F2") + "\n"
            try await Self.assertRefused(families, "line 3: the header row again, as when two files are joined (delete this line)", db)
            do {
                _ = try await Self.load(.families, families, db)
                XCTFail("a header inside the file is refused")
            } catch let problems as ImportProblems {
                XCTAssertEqual(problems.total, 1, "\(problems)")
            }
            // Two files saved as "CSV UTF-8", each beginning with a byte order mark.
            try await Self.assertRefused("\u{FEFF}" + Self.header + "\n" + Self.row("F1") + "\n\u{FEFF}" + Self.header + "\n" + Self.row("F2") + "\n",
                                         "line 3: the header row again, as when two files are joined (delete this line)", db)
            let regions = "code,name,level\n3202,Sukabumi,regency\n code , Name,level\n3202010,Cisolok,district\n"
            try await Self.assertRefused(regions, "line 3: the header row again, as when two files are joined", db, kind: .regions)
            // The other list joined under this one: its header named once with its rows, not a wrong count of fields a row.
            let regionsList = "code,name,level\n3202,Sukabumi,regency\n3202010,Cisolok,district\n"
            let regionsUnderFamilies = Self.header + "\n" + Self.row("F1", members: "0") + "\n" + regionsList
            do {
                _ = try await Self.load(.families, regionsUnderFamilies, db)
                XCTFail("two lists joined are refused")
            } catch let problems as ImportProblems {
                XCTAssertEqual(problems.description, "line 2, column members: value '0': a whole number from 1 to 99\n"
                               + "line 3: the header of a regions list, 2 rows under it: two lists joined into one file (load each list on its own, the regions first)")
            }
            try await Self.assertRefused("code,name,level\n3202,Sukabumi,regency\n" + Self.header + "\n" + Self.row("F1") + "\n" + Self.row("F2") + "\n",
                                         "line 3: the header of a families list, 2 rows under it", db, kind: .regions)
            // A template's second header row, naming each column in Indonesian: one problem, not one per column.
            let described = Self.header + "\nID Keluarga,Kode SLS,Nama Kepala Keluarga,Alamat,Jumlah ART,Kelompok,Skor,No. KK,NIK,Lintang,Bujur\n"
                + Self.row("F1") + "\n"
            do {
                _ = try await Self.load(.families, described, db)
                XCTFail("a row describing the columns is refused")
            } catch let problems as ImportProblems {
                XCTAssertEqual(problems.description, "line 2: the columns' names again, in other words, as a template's second header row describing its columns (delete this line)")
            }
            try await Self.assertRefused("code,name,level\nKode Wilayah,Nama Wilayah,Tingkat\n3202,Sukabumi,regency\n",
                                         "line 2: the columns' names again, in other words", db, kind: .regions)
            // A row that merely holds a column's name in one field is still checked as a row.
            try await Self.assertRefused(Self.header + "\n" + Self.row("family_id", name: "head_name", group: "welfare_group") + "\n",
                                         "line 2, column welfare_group: value 'welfare_group': a welfare group is 1, 2, 3 or 4", db)
        }
    }

    func testBrokenRegionFilesAreRefused() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, SQLTest.places)
            let h = "code,name,level"
            try await Self.assertRefused(h + "\n3301,Garut,regency\n", "line 2, column code: value '3301': its parent 33 is neither in the database nor in the file", db, kind: .regions)
            // A missing parent once, at its first child, with how many rows need it.
            try await Self.assertRefused(h + "\n3201990001,Desa A,village\n3201010,Kecamatan B,district\n3201990002,Desa C,village\n",
                                         "line 2, column code: value '3201990001': its parent 3201990 is neither in the database nor in the file; "
                                            + "2 rows need it, the last on line 4", db, kind: .regions)
            try await Self.assertRefused(h + "\n32011,X,regency\n", "line 2, column code: value '32011': 5 digits is no level's length", db, kind: .regions)
            try await Self.assertRefused(h + "\n'3201990','Kecamatan Baru','district'\n",
                                         "line 2, column code: value ''3201990'': in single quotes, which CSV reads as part of the value", db, kind: .regions)
            try await Self.assertRefused(h + "\n3201990,“Kecamatan Baru”,district\n",
                                         "line 2, column name: value '“Kecamatan Baru”': in curly quotes", db, kind: .regions)
            try await Self.assertRefused(h + "\n32O1010,Nanggung,district\n",
                                         "line 2, column code: value '32O1010': 7 characters, but character 3 is the letter O, not a digit (typed for a zero?)",
                                         db, kind: .regions)
            try await Self.assertRefused(h + "\n3.201E+3,X,regency\n", "line 2, column code: value '3.201E+3': a spreadsheet turned it into a rounded number",
                                         db, kind: .regions)
            try await Self.assertRefused(h + "\n'3201,X,regency\n", "line 2, column code: value ''3201': starts with an apostrophe", db, kind: .regions)
            try await Self.assertRefused(h + "\n,Kabupaten X,regency\n", "line 2, column code: must not be empty", db, kind: .regions)
            try await Self.assertRefused(h + "\n(1),(2),(3)\n3201,Bogor,regency\n", "line 2: a row numbering the columns", db, kind: .regions)
            try await Self.assertRefused(h + "\n32010100019001,Asrama,Non-SLS\n",
                                         "line 2, column level: value 'Non-SLS': Non-SLS is not a level: write sls here and true in the non_sls column", db, kind: .regions)
            try await Self.assertRefused("kdprov,nmprov,kdkab,nmkab,kdkec,nmkec\n32,JAWA BARAT,01,BOGOR,010,NANGGUNG\n",
                                         "line 1: the places are in a column per level (kdprov, kdkab, kdkec, kddesa, as BPS's master files keep them)", db, kind: .regions)
            try await Self.assertRefused(h + "\n3201,Bogor,regency\nSumber: BPS\n", "line 3: one value where the header has 3 columns", db, kind: .regions)
            try await Self.assertRefused(h + "\n3202,Kabupaten X, \n", "line 2, column level: must not be empty", db, kind: .regions)
            try await Self.assertRefused(h + "\n3202,Err:502,#N/A\n", "line 2, column level: value '#N/A': a spreadsheet's error value", db, kind: .regions)
            try await Self.assertRefused(h + "\n3202,Err:502,regency\n", "line 2, column name: value 'Err:502': a spreadsheet's error value", db, kind: .regions)
            try await Self.assertRefused(h + "\n32.02,X,regency\n", "line 2, column code: value '32.02': digits written in groups", db, kind: .regions)
            try await Self.assertRefused(h + "\n3202.0,X,regency\n", "line 2, column code: value '3202.0': a whole number written as a decimal",
                                         db, kind: .regions)
            try await Self.assertRefused(h + "\n3202,X,district\n", "a district code has 7 digits, not 4", db, kind: .regions)
            try await Self.assertRefused(h + "\n3202,Sukabumi,regency,\n", "line 2: 4 fields where the header has 3, the last one empty", db, kind: .regions)
            try await Self.assertRefused(h + "\n3202,Sukabumi,regency\n320201,Ci", "line 3: the file ends in the middle of this row, 2 fields of the header's 3", db, kind: .regions)
            try await Self.assertRefused(h + "\n3202,Kabupaten\nSukabumi,regency\n", "line 2: a line break inside a value splits this row, which goes on at line 3",
                                         db, kind: .regions)
            try await Self.assertRefused(h + ",non_sls\n3202,Sukabumi,regency\n",
                                         "line 2: 3 fields where the header has 4: the line leaves out non_sls at its end, which is empty (write a comma for it", db, kind: .regions)
            try await Self.assertRefused(h + "\n3202,Sukabumi,district,\n", "line 2: 4 fields where the header has 3 (a value holding a comma",
                                         db, kind: .regions)
            try await Self.assertRefused(h + "\n3270,X,regency\n", "regency number 70 is not used", db, kind: .regions)
            try await Self.assertRefused(h + "\n3202," + String(repeating: "e\u{301}", count: 101) + ",regency\n",
                                         "longer than 200 characters", db, kind: .regions)
            try await Self.assertRefused(h + "\n3202,\"Kabupaten\tSukabumi\",regency\n",
                                         "line 2, column name: value 'Kabupaten<U+9>Sukabumi': holds a tab (U+0009)", db, kind: .regions)
            try await Self.assertRefused(h + "\n3202,Kabupaten CiamÃ¬s,regency\n",
                                         "line 2, column name: value 'Kabupaten CiamÃ¬s': the letters are garbled, as when a UTF-8 file is opened as Windows text and saved again; it was meant as 'Kabupaten Ciamìs'",
                                         db, kind: .regions)
            try await Self.assertRefused(h + "\n3202,Kabupaten Sukabumi &#8211; Selatan,regency\n",
                                         "line 2, column name: value 'Kabupaten Sukabumi &#8211; Selatan': written with HTML character codes (such as &#39; or &amp;), "
                                            + "as a web page's source writes characters, not the characters themselves; it was meant as 'Kabupaten Sukabumi – Selatan'",
                                         db, kind: .regions)
            try await Self.assertRefused(h + "\n00,X,province\n", "line 2, column code: value '00': province number 00 is not used", db, kind: .regions)
            try await Self.assertRefused(h + "\n3202,X,Kabupaten\n",
                                         "line 2, column level: value 'Kabupaten': write the level in the format's words: regency for this one",
                                         db, kind: .regions)
            try await Self.assertRefused(h + "\n3202010001,X,Desa/Kelurahan\n",
                                         "line 2, column level: value 'Desa/Kelurahan': write the level in the format's words: village", db, kind: .regions)
            try await Self.assertRefused(h + "\n3202010001,X,Kelurahan/Desa\n",
                                         "line 2, column level: value 'Kelurahan/Desa': write the level in the format's words: village", db, kind: .regions)
            // A level's name that the code's length contradicts: one answer for both, not a word that the code refuses next.
            try await Self.assertRefused(h + "\n3202,X,Kecamatan\n",
                                         "line 2, column level: value 'Kecamatan': a name of the level district, but the code's 4 digits make it "
                                            + "regency (write the level in the format's words, regency for this code, or correct the code)", db, kind: .regions)
            try await Self.assertRefused(h + "\n3202,X,county\n",
                                         "line 2, column level: value 'county': one of province, regency, district, village, sls, subsls: the code's 4 digits make it regency",
                                         db, kind: .regions)
            try await Self.assertRefused(h + "\n32010100010009,X,5\n", "line 2, column level: value '5': one of province, regency, district, village, sls, subsls: "
                                         + "the code's 14 digits make it sls", db, kind: .regions)
            // A code that is none says nothing of the level it would give.
            do {
                _ = try await Self.load(.regions, h + "\n320201000,X,5\n", db)
                XCTFail("expected the row to be refused")
            } catch let problems as ImportProblems {
                XCTAssertEqual(problems.shown.first, ImportProblem(line: 2, column: "level", value: "5", problem: .notALevel))
            }
            try await Self.assertRefused(h + ",non_sls\n32010100010009,X,sls,Ya\n", "column non_sls: value 'Ya': write true or false: true for this one",
                                         db, kind: .regions)
            try await Self.assertRefused(h + ",non_sls\n32010100010009,X,sls,0\n", "column non_sls: value '0': write true or false: false for this one",
                                         db, kind: .regions)
            try await Self.assertRefused(h + ",non_sls\n32010100010009,X,sls,t\n", "column non_sls: value 't': true or false", db, kind: .regions)
            try await Self.assertRefused(h + ",non_sls\n3202,X,Regency,TRUE\n", "column non_sls: value 'TRUE': only an SLS or sub-SLS can be Non-SLS",
                                         db, kind: .regions)
            let report = try await Self.load(.regions, h + "\n3202,Sukabumi,regency\n3202010,Cisolok,district\n", db)
            XCTAssertEqual(report.added, 2, "a child may come after its parent in the same file")
        }
    }

    /// An uploader changes families only inside their places: a row naming a unit outside, a family
    /// listed now outside that the file would move in, and a family removed from a unit outside,
    /// each named at a line of the file, with the column that says why.
    func testAFileIsRefusedWhereItReachesOutsideTheUploadersPlaces() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, SQLTest.places)
            _ = try await Self.load(.regions, "code,name,level\n3202,Sukabumi,regency\n3202010,Cisolok,district\n"
                                    + "3202010001,Desa Tiga,village\n32020100010001,RT 001,sls\n", db)
            _ = try await Self.load(.families, Self.header + "\n" + Self.row("B1") + "\n"
                                    + Self.row("S1", unit: "32020100010001") + "\n" + Self.row("S2", unit: "32020100010001") + "\n", db)
            let bogor = [try RegionCode("3201")]
            func refusal(_ text: String) async throws -> [String] {
                do {
                    _ = try await ListImporter(database: db).run(.families, chunks: try FileChunks(bytes: Array(text.utf8)),
                                                                 fileName: "test.csv", context: Self.context, scope: bogor)
                    XCTFail("expected the file to be refused")
                    return []
                } catch let problems as ImportProblems {
                    return problems.shown.map(\.description)
                }
            }
            let moved = try await refusal(Self.header + "\n" + Self.row("B1") + "\n" + Self.row("S1") + "\n")
            XCTAssertEqual(moved, ["line 3, column family_id: value 'S1': this family is listed in unit 32020100010001, "
                                   + "outside your region (3201): only that region's staff can move it"])
            // S2 unchanged, S1 removed: the unit named where the file first lists it.
            let outside = try await refusal(Self.header + "\n" + Self.row("B1") + "\n" + Self.row("S2", unit: "32020100010001") + "\n")
            XCTAssertEqual(outside, ["line 3, column sls_code: value '32020100010001': outside your region (3201)"])
            let named = try await refusal(Self.header + "\n" + Self.row("S3", unit: "32020100010001") + "\n")
            XCTAssertEqual(named, ["line 2, column sls_code: value '32020100010001': outside your region (3201)"])
            // Once per unit, however many of its rows the file changes.
            let many = try await refusal(Self.header + "\n" + Self.row("S3", unit: "32020100010001") + "\n" + Self.row("B1") + "\n"
                                         + Self.row("S4", unit: "32020100010001") + "\n" + Self.row("S5", unit: "32020100010001") + "\n")
            XCTAssertEqual(many, ["line 2, column sls_code: value '32020100010001': outside your region (3201); 3 rows name it, the last on line 5"])
            let stored = try await SQLTest.scalar(db, "SELECT string_agg(id || '@' || sls_code, ',' ORDER BY id) FROM fkp.families", as: String.self)
            XCTAssertEqual(stored, "B1@32010100010001,S1@32020100010001,S2@32020100010001", "nothing changed")
        }
    }

    /// A file checked says which units it does not list it would take families from: a family
    /// that moved house, or a family id that clashes with another place's, counted as a change.
    /// Loaded, its batch keeps them, with the units it removed families from.
    func testACheckAndTheBatchLoadedNameTheUnitsAFileTakesFamiliesFrom() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, SQLTest.places)
            _ = try await Self.load(.regions, "code,name,level\n3202,Sukabumi,regency\n3202010,Cisolok,district\n"
                                    + "3202010001,Desa Tiga,village\n32020100010001,RT 009,sls\n", db)
            _ = try await Self.load(.families, Self.header + "\n" + Self.row("B1") + "\n" + Self.row("B2", unit: "32010100010002") + "\n"
                                    + Self.row("S1", unit: "32020100010001") + "\n" + Self.row("S2", unit: "32020100010001") + "\n", db)
            func check(_ text: String) async throws -> ImportReport {
                try await ListImporter(database: db).run(.families, chunks: try FileChunks(bytes: Array(text.utf8)), fileName: "test.csv",
                                                         context: Self.context, checkOnly: true)
            }
            let clash = try await check(Self.header + "\n" + Self.row("B1") + "\n" + Self.row("S1") + "\n")
            XCTAssertEqual(clash.changed, 1)
            XCTAssertEqual(clash.places.takenFromUnitsNotListed, [.init(code: "32020100010001", name: "RT 009", families: 1)])
            XCTAssertEqual(clash.places.removals, [])
            // Moved between units the file lists: its own revision, not named.
            let within = try await check(Self.header + "\n" + Self.row("B1") + "\n" + Self.row("S1") + "\n"
                                         + Self.row("S2", unit: "32020100010001") + "\n")
            XCTAssertEqual(within.places.takenFromUnitsNotListed, [])
            XCTAssertEqual(within.places.removals, [])
            let twoUnits = try await check(Self.header + "\n" + Self.row("B1") + "\n" + Self.row("S1") + "\n" + Self.row("S2") + "\n"
                                           + Self.row("B2") + "\n")
            XCTAssertEqual(twoUnits.places.takenFromUnitsNotListed, [.init(code: "32020100010001", name: "RT 009", families: 2),
                                                              .init(code: "32010100010002", name: "RT 002", families: 1)])
            let stored = try await SQLTest.scalar(db, "SELECT string_agg(id || '@' || sls_code, ',' ORDER BY id) FROM fkp.families", as: String.self)
            XCTAssertEqual(stored, "B1@32010100010001,B2@32010100010002,S1@32020100010001,S2@32020100010001", "a check changes nothing")

            // Loaded, the batch says the same, and keeps it: its page shows it after the load, its audit entry carries it.
            let loaded = try await Self.load(.families, Self.header + "\n" + Self.row("S1") + "\n" + Self.row("S2") + "\n" + Self.row("B2") + "\n", db)
            var expected = ChangedPlaces()
            expected.removals = [.init(code: "32010100010001", name: "RT 001", families: 1)]
            expected.takenFromUnitsNotListed = [.init(code: "32020100010001", name: "RT 009", families: 2),
                                                .init(code: "32010100010002", name: "RT 002", families: 1)]
            XCTAssertEqual([loaded.added, loaded.changed, loaded.removed], [0, 3, 1])
            XCTAssertEqual(loaded.places, expected)
            let batch = try await ImportBatchRepository(database: db).batch(try XCTUnwrap(loaded.batchID), within: nil)
            XCTAssertEqual(batch?.places, expected)
            let entry = try await SQLTest.scalar(db, """
                SELECT new_row -> 'places_changed' ->> 'removals' FROM audit.entries
                 WHERE table_name = 'fkp.import_batches' AND new_row ->> 'id' = '\(loaded.batchID ?? 0)'
                """, as: String.self)
            XCTAssertEqual(entry, #"[{"code": "32010100010001", "name": "RT 001", "families": 1}]"#)
            // A batch that changed no unit's families but by adding keeps none.
            let added = try await Self.load(.families, Self.header + "\n" + Self.row("S1") + "\n" + Self.row("S2") + "\n" + Self.row("B2") + "\n"
                                            + Self.row("B9") + "\n", db)
            XCTAssertEqual(added.places, ChangedPlaces())
            let keptNone = try await SQLTest.scalar(db, "SELECT places_changed::text FROM fkp.import_batches WHERE id = \(added.batchID ?? 0)", as: String.self)
            XCTAssertEqual(keptNone, "{}")
        }
    }

    /// A regions file checked names the first places it would rename or mark otherwise: a name
    /// column shifted by a row shows there before it renames the places. Loaded, its batch keeps them.
    func testACheckAndTheBatchLoadedNameThePlacesARegionsFileChanges() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, SQLTest.places)
            let text = "code,name,level,non_sls\n3201,Nanggung,regency,false\n3201010,Desa Satu,district,false\n3201010001,Desa Satu,village,false\n"
                + "32010100010001,RT 001,sls,true\n32010100010009,RT 009,sls,false\n"
            let report = try await ListImporter(database: db).run(.regions, chunks: try FileChunks(bytes: Array(text.utf8)), fileName: "test.csv",
                                                                  context: Self.context, checkOnly: true)
            XCTAssertEqual([report.added, report.changed], [1, 3])
            XCTAssertEqual(report.places.placeChanges, [
                .init(code: "3201", name: "Bogor", newName: "Nanggung", nonSLS: nil),
                .init(code: "3201010", name: "Nanggung", newName: "Desa Satu", nonSLS: nil),
                .init(code: "32010100010001", name: "RT 001", newName: nil, nonSLS: true),
            ])
            let names = try await SQLTest.scalar(db, "SELECT string_agg(code || ':' || name, ',' ORDER BY code) FROM fkp.regions WHERE code LIKE '3201%'", as: String.self)
            XCTAssertTrue(names?.hasPrefix("3201:Bogor,3201010:Nanggung,") == true, "a check changes nothing: \(String(describing: names))")
            // Loaded, the batch keeps the places it changed, with their names as they were.
            let loaded = try await Self.load(.regions, text, db)
            let batch = try await ImportBatchRepository(database: db).batch(try XCTUnwrap(loaded.batchID), within: nil)
            XCTAssertEqual(batch?.places.placeChanges, report.places.placeChanges)
            let kept = try await SQLTest.scalar(db, "SELECT places_changed -> 'place_changes' -> 2 ->> 'non_sls' FROM fkp.import_batches WHERE id = \(loaded.batchID ?? 0)", as: String.self)
            XCTAssertEqual(kept, "true")
        }
    }

    func testGeneratedListsRoundTripByteForByteAndReimportIsANoOp() async throws {
        try await withTestDatabase { db, _ in
            let generated = SyntheticRegency(.init(regency: try RegionCode("3201"), villages: 4, families: 600, seed: 11))
            let folder = NSTemporaryDirectory() + "fkp-roundtrip-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            try generated.regionsCSV.write(toFile: folder + "/regions.csv", atomically: true, encoding: .utf8)
            try generated.familiesCSV.write(toFile: folder + "/families.csv", atomically: true, encoding: .utf8)
            let importer = ListImporter(database: db)
            _ = try await importer.run(.regions, chunks: try FileChunks(path: folder + "/regions.csv"), fileName: "regions.csv", context: Self.context)
            let first = try await importer.run(.families, chunks: try FileChunks(path: folder + "/families.csv"), fileName: "families.csv", context: Self.context)
            XCTAssertEqual(first.added, 600)

            var exported = ""
            try await ListExporter(database: db).families(under: try RegionCode("3201"), wholeNumbers: true) { exported += $0 }
            XCTAssertEqual(exported, generated.familiesCSV, "export writes exactly what was imported, in the same order")
            var regions = ""
            try await ListExporter(database: db).regions(under: try RegionCode("3201")) { regions += $0 }
            XCTAssertEqual(regions, generated.regionsCSV)

            let again = try await importer.run(.families, chunks: try FileChunks(path: folder + "/families.csv"), fileName: "families.csv", context: Self.context)
            XCTAssertTrue(again.isNoOp)
            XCTAssertNil(again.batchID, "a no-op records no batch")
            let batches = try await SQLTest.scalar(db, "SELECT count(*) FROM fkp.import_batches", as: Int64.self)
            XCTAssertEqual(batches, 2)
            let familyEntries = try await SQLTest.scalar(db, "SELECT count(*) FROM audit.entries WHERE table_name = 'fkp.families'", as: Int64.self)
            XCTAssertEqual(familyEntries, 0, "a bulk load is one batch entry, not a row-by-row copy")
            let batchEntry = try await SQLTest.scalar(
                db, "SELECT new_row ->> 'sha256' FROM audit.entries WHERE table_name = 'fkp.import_batches' AND new_row ->> 'kind' = 'families'",
                as: String.self)
            XCTAssertEqual(batchEntry, first.sha256, "the batch's audit entry carries the file's SHA-256")
            let keptRows = try await SQLTest.scalar(db, "SELECT count(*) FROM audit.imported_families r JOIN fkp.import_batches b ON b.id = r.batch_id WHERE b.kind = 'families'", as: Int64.self)
            XCTAssertEqual(keptRows, 600)
            let verification = try await AuditRepository(database: db).verify()
            XCTAssertTrue(verification.isValid)
        }
    }

    func testQuotedNamesABOMAndCRLFLineEndsRoundTrip() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, SQLTest.places)
            // A backslash is syntax in the COPY text the rows travel as: `\N` must stay two letters, not become NULL.
            // A name beginning and ending with apostrophes of its own ('Ala', a transliteration) is a name; a nickname in
            // curly quotes inside one too.
            let names = ["Ma'ruf bin \"Ali\", Jr.", "Nur'aini Ñoman", "  Dewi  Sartika", "Ujang\u{00A0}Sopandi", "Rahmat \\N\\\\ Hidayat",
                         "Siti & Budi, AT&T;", "'Ala'", "Budi “Ucok” Santoso"]  // an ampersand, and one before no character's code, are text
            var text = "\u{FEFF}" + Self.header + "\r\n"
            for (index, name) in names.enumerated() {
                text += Self.row("N\(index)", name: name, score: "1\(index).25", kk: "320101010100001\(index)",
                                nik: "320101450180001\(index)") + "\r\n"
            }
            // A dash is what lists write for a missing street: text, not a formula.
            text += "N8,32010100010001,Budi,-,4,2,10.5,3201010101000001,3201014501800001,,\r\n"
            text += "N9,32010100010001,Budi,- RT 01/RW 02,4,2,10.5,3201010101000001,3201014501800001,,\r\n"
            // So is a house number not known, a question mark between spaces.
            text += "N10,32010100010001,Budi,Gg. Mawar No. ?,4,2,10.5,3201010101000001,3201014501800001,,\r\n"
            let report = try await Self.load(.families, text, db)
            XCTAssertEqual(report.added, 11)
            let stored = try await SQLTest.scalar(db, "SELECT head_name FROM fkp.families WHERE id = 'N0'", as: String.self)
            XCTAssertEqual(stored, "Ma'ruf bin \"Ali\", Jr.")
            let backslashes = try await SQLTest.scalar(db, "SELECT head_name FROM fkp.families WHERE id = 'N4'", as: String.self)
            XCTAssertEqual(backslashes, "Rahmat \\N\\\\ Hidayat")
            var exported = ""
            try await ListExporter(database: db).families(under: try RegionCode("32010100010001"), wholeNumbers: true) { exported += $0 }
            let again = try await Self.load(.families, exported, db)
            XCTAssertTrue(again.isNoOp, "the exported file, quoting and all, imports as the same data")
            XCTAssertTrue(exported.hasPrefix(Self.header + "\n"))
            let capitals = try await Self.load(.families, exported.replacingOccurrences(of: Self.header, with: Self.header.uppercased()), db)
            XCTAssertTrue(capitals.isNoOp, "column names in capitals are the same columns")
        }
    }

    func testARevisedFileChangesOnlyUnitsWhoseForumHasNotOpenedAndNamesTheOpenedOnes() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, SQLTest.places + SQLTest.forum(units: ["32010100010001"]))
            let original = [Self.row("A", score: "3.0"), Self.row("B", score: "1.0"), Self.row("C", unit: "32010100020001")]
            _ = try await Self.load(.families, Self.header + "\n" + original.joined(separator: "\n") + "\n", db)
            let ranks = try await SQLTest.scalar(db, "SELECT string_agg(id || sls_rank, ',' ORDER BY id) FROM fkp.families_in_order", as: String.self)
            XCTAssertEqual(ranks, "A2,B1,C1", "the order within a unit follows the score")

            // A planned forum still takes changes: B changes group, A leaves, D arrives.
            let revised = [Self.row("B", group: "1", score: "1.0"), Self.row("D", score: "0.5"), Self.row("C", unit: "32010100020001")]
            let report = try await Self.load(.families, Self.header + "\n" + revised.joined(separator: "\n") + "\n", db)
            XCTAssertEqual([report.added, report.changed, report.removed], [1, 1, 1])
            let after = try await SQLTest.scalar(db, "SELECT string_agg(id || welfare_group || sls_rank, ',' ORDER BY id) FROM fkp.families_in_order", as: String.self)
            XCTAssertEqual(after, "B12,C21,D21")

            // Once the forum opens, its units' families are frozen for imports.
            try await SQLTest.write(db, ["UPDATE fkp.forums SET state = 'open' WHERE id = 1"])
            let frozen = [Self.row("B", group: "3", score: "1.0"), Self.row("C", unit: "32010100020001", group: "4")]
            try await Self.assertRefused(Self.header + "\n" + frozen.joined(separator: "\n") + "\n",
                                         "line 2, column sls_code: value '32010100010001': unit 32010100010001 is in forum 1, which is open", db)
            try await Self.assertRefused(Self.header + "\n" + Self.row("B", score: "1.0") + "\n",
                                         "family D would be removed, but unit 32010100010001 is in forum 1, which is open", db)
            // Moving a family out of a frozen unit, by naming only the unit it moves to, changes the frozen unit too.
            try await Self.assertRefused(Self.header + "\n" + Self.row("B", unit: "32010100020001") + "\n" + Self.row("C", unit: "32010100020001") + "\n",
                                         "32010100010001", db)
            let untouched = try await Self.load(.families, Self.header + "\n" + Self.row("C", unit: "32010100020001", group: "4") + "\n", db)
            XCTAssertEqual(untouched.changed, 1, "units outside opened forums still take changes")
        }
    }

    /// A revised file whose ids lost their leading zeros in a spreadsheet would remove every such
    /// family and add it again under another id: refused, each named with the id it was.
    func testARevisedFileWhoseIDsLostTheirLeadingZerosIsRefused() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, SQLTest.places)
            let original = [Self.row("0012345"), Self.row("0012346"), Self.row("0099", unit: "32010100020001")]
            _ = try await Self.load(.families, Self.header + "\n" + original.joined(separator: "\n") + "\n", db)
            let rounded = [Self.row("12345"), Self.row("0012346"), Self.row("0099", unit: "32010100020001")]
            try await Self.assertRefused(Self.header + "\n" + rounded.joined(separator: "\n") + "\n",
                                         "line 2, column family_id: value '12345': family 0012345 without its leading zeros, which a spreadsheet "
                                            + "drops from what it takes for a number: loading would remove 0012345 and add a new family", db)
            // The same id in another unit is another family: a family may leave one unit as another arrives.
            let moved = [Self.row("0012346"), Self.row("0099", unit: "32010100020001"), Self.row("12345", unit: "32010100020001")]
            let report = try await Self.load(.families, Self.header + "\n" + moved.joined(separator: "\n") + "\n", db)
            XCTAssertEqual([report.added, report.changed, report.removed], [1, 0, 1])
        }
    }

    func testABulkLoadCannotBeDeclaredWithoutItsBatch() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, SQLTest.places + [SQLTest.family("F1")])
            await SQLTest.assertRefused("import batch 999 was not created in this transaction") {
                try await SQLTest.write(db, ["SELECT audit.declare_batch(999)", "UPDATE fkp.families SET members = 9"])
            }
            await SQLTest.assertRefused("was not created in this transaction") {
                try await SQLTest.write(db, [
                    "INSERT INTO fkp.import_batches (kind, file_name, sha256, actor, row_count) VALUES ('families', 'x', repeat('0', 64), 'test', 0)",
                ])
                try await SQLTest.write(db, ["SELECT audit.declare_batch(1)", "UPDATE fkp.families SET members = 9"])
            }
        }
    }
}
