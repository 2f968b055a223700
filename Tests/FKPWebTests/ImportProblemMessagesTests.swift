import FKPCore
@testable import FKPWeb
import XCTest

final class ImportProblemMessagesTests: XCTestCase {
    /// One of every kind (the compiler keeps the Indonesian switch complete; this keeps it translated).
    static let everyKind: [ImportProblem.Kind] = [
        .emptyFile, .noRowsUnderHeader, .utf16File, .workbookOrZipFile, .excel97File, .gzipFile, .compressedFileDamaged, .compressedFileCutOff, .unpacksTooLarge(maximumMegabytes: 200), .pdfFile, .markupFile, .jsonFile, .pictureFile, .uploadTooLarge(maximumMegabytes: 200),
        .quoteInsideUnquotedField, .formulaKeepingText, .textAfterClosingQuote, .quoteEscapedWithBackslash, .quoteClosesWithTextAfter(closingLine: 9), .quoteNeverClosed, .recordTooLong(maximumBytes: 65536),
        .nulByte, .notUTF8, .headerSeparatedBy(";"), .headerInOtherQuotes(single: true), .headerInOtherQuotes(single: false), .commaInsideSingleQuotes(found: 12, inHeader: 11), .inOtherQuotes(single: true), .inOtherQuotes(single: false), .valuesInSingleQuotes(rows: 12, columns: ["family_id", "head_name"]), .coordinatesInOneCell(latitude: "-6.5", longitude: "106.8"), .lineInOneField, .familiesListAsRegions, .regionsListAsFamilies, .exportOfThisServer(.finalList), .exportOfThisServer(.dataCorrections), .exportOfThisServer(.auditTrail), .codesSplitByLevel(inFamilies: true), .codesSplitByLevel(inFamilies: false), .headerNotFirst(headerLine: 3), .headerMissing(header: "code,name,level"), .headerSeparatedBy("\t"),
        .unknownColumn(columns: ["code", "name"], holdsInvisibleCharacter: false),
        .unknownColumns(names: ["kdprov", "kdkab", "umur"], columns: ["code", "name"]), .unknownColumns(names: (1...14).map { "x\($0)" }, columns: ["code"]),
        .unknownColumn(columns: ["code", "name"], holdsInvisibleCharacter: true), .unnamedColumn, .unnamedFirstColumn, .columnNamedOtherwise("family_id"), .columnInOtherWords("head_nik"), .columnWithMark("family_id"), .rowNumberColumn, .remarksColumn, .coordinatesInOneColumn, .columnTwice, .requiredColumnMissing,
        .headerRepeated, .otherListJoined(regions: true, rows: 15), .headerRepeatedInOtherWords, .columnNumbersRow, .fieldCount(found: 3, inHeader: 9), .fileEndsMidRow(found: 3, inHeader: 11), .rowSplitByLineBreak(continuesOnLine: 5), .rowJoinedWithHeader, .oneValueLine(inHeader: 11), .mostlyEmpty(filled: ["address", "members"]), .fieldCount(found: 10, inHeader: 9), .emptyFieldsAtEnd(found: 10, inHeader: 9),
        .emptyFieldsAtEnd(found: 12, inHeader: 9), .optionalColumnsLeftOut(found: 9, inHeader: 11, columns: ["latitude", "longitude"]), .optionalColumnsLeftOut(found: 3, inHeader: 4, columns: ["non_sls"]), .optionalColumnsInNoRow(columns: ["latitude", "longitude"], rows: 3000), .optionalColumnsInNoRow(columns: ["non_sls"], rows: 20), .commaInsideCurlyQuotes(found: 12, inHeader: 11), .empty, .emptyBelowAValue, .longerThan(characters: 200),
        .invisibleCharacter("\t", in: .name), .invisibleCharacter("\u{1B}", in: .address), .startsAsFormula(in: .name), .startsAsFormula(in: .address), .encodedTwice(meant: "Ma’ruf"), .htmlEntities(meant: "Ma'ruf"), .questionMarkForCharacter, .replacementCharacter, .personalNumberInText(in: .name), .personalNumberInText(in: .address), .notALevel, .notALevelCodeSays(.regency), .levelNamedOtherwise(.village), .levelNamedOtherwiseCodeSays(named: .province, codeSays: .regency),
        .regionCode(.notDigits), .regionCode(.unknownLength(5)), .regionCode(.reservedRegencyNumber("70")),
        .regionCode(.unusedProvinceNumber("10")), .codeLengthForLevel(.village, found: 7), .notTrueOrFalse, .trueOrFalseInOtherWords(true), .nonSLSAboveUnits, .nonSLSAsLevel,
        .familyIDForm, .unitCodeForm, .placeAboveUnit(.village), .membersRange, .numberWithWord("4"), .welfareGroupRange, .decileNotGroup, .groupAndScoreSwapped, .numberAsText(in: .name), .numberAsText(in: .address), .welfareGroupLabel(.poor), .notDecimal, .scientificNotation(writtenOut: "0.137"), .scientificNotation(writtenOut: nil), .thousandsSeparators(writtenOut: "1502.75"), .percentage, .notPlainCharacters(writtenOut: "-6.5"), .notPlainCharacters(writtenOut: nil), .notSixteenDigits(digits: 15), .notSixteenDigits(digits: 1), .notSixteenDigits(digits: nil),
        .letterAmongDigits(position: 9, letter: "O", length: 16), .letterAmongDigits(position: 3, letter: "O", length: 14), .letterAmongDigits(position: 16, letter: "l", length: 16), .letterAmongDigits(position: 3, letter: "B", length: 16),
        .spreadsheetNumber, .spreadsheetTextMark, .spreadsheetError, .missingValueMark, .placeholderForMissing, .nameNotKnown, .numberShownAsDate, .cellTooNarrow, .scoreReadAsThousands(meant: "1.502", lowest: "0.1234", highest: "3.9876"), .coordinateReadAsThousands(meant: "106.827"), .roundedBySpreadsheet(numbers: 250), .wholeNumberAsDecimal, .columnWrittenAsDecimals(values: 3), .columnEmpty(rows: 50), .valuesInOtherWords(written: ["Desa", "Kecamatan"], write: ["village", "district"], rows: 40), .oneScorePerUnit(units: 1, rows: 12), .oneScorePerUnit(units: 30, rows: 240), .scoresRunReversed(poorest: 1, itsMean: "0.83", richest: 4, theirMean: "0.12"), .columnNamesSwapped("kk_number", "latitude"), .columnNamesMovedRound(under: ["code", "name", "level"], valuesOf: ["name", "level", "code"]), .namesReadAsAddresses(45, of: 50), .membersAndGroupSwapped(groupsAboveFour: 12), .kkNumbersAreNIKs(rows: 12), .scoresAreGroups(rows: 12), .familyIDIsPersonalNumber(kk: true), .familyIDIsPersonalNumber(kk: false), .sameNumberOnEveryRow(rows: 12), .sameNameOnEveryRow(rows: 12), .samePlaceNameOnEveryRow(rows: 14), .digitsInGroups,
        .outsideIndonesia(-11.5...6.5), .coordinateWrittenOtherwise(decimal: "-6.504167"), .groupsFromZero(rows: 40), .groupsAsDeciles(rows: 40, aboveFour: 24), .coordinatesApart, .coordinateColumnMissing(partner: "latitude"), .coordinateColumnEmpty(partner: "longitude", rows: 40), .coordinatesSwapped, .zeroCoordinates, .sameFamilyID(asLine: 4), .unknownUnit(rows: 1, lastLine: 2), .unknownUnit(rows: 107, lastLine: 294), .unknownSubunit(sls: "32010100010001", rows: 1, lastLine: 2), .regencyNotLoaded("3203", units: 20, rows: 2000, lastLine: 2001), .unknownSubunit(sls: "32010100010001", rows: 3, lastLine: 9), .unknownUnitUnder(place: try! RegionCode("3201010001"), rows: 1, lastLine: 2), .unknownUnitUnder(place: try! RegionCode("3201010"), rows: 4, lastLine: 9), .sameCode(asLine: 4), .leadingZerosLost(was: "0012345"),
        .parentMissing("3201010", rows: 1, lastLine: 2), .parentMissing("3201010", rows: 20, lastLine: 45), .outsideRegion(["3202"], rows: 1, lastLine: 2), .outsideRegion(["3202"], rows: 5, lastLine: 9), .listedOutsideRegion(unit: "32020100010001", ["3201"]),
        .unitInForum(removedFamily: "F9", unit: "32010100010001", forumID: 7, state: .reviewing),
        .unitInForum(removedFamily: nil, unit: "32010100010001", forumID: 7, state: .closed),
    ]

    func testEveryProblemIsSaidInBahasaIndonesiaAndInEnglishAsTheCommandLineSaysIt() {
        var seen = Set<String>()
        for kind in Self.everyKind {
            let problem = ImportProblem(line: 2, column: "head_name", value: "Budi", problem: kind)
            let indonesian = Messages.importProblem(problem, .indonesian)
            XCTAssertTrue(indonesian.hasPrefix("baris 2, kolom head_name: nilai 'Budi': "), indonesian)
            XCTAssertFalse(indonesian.hasSuffix(": "), "\(kind) has no Indonesian text")
            XCTAssertNotEqual(String(indonesian.dropFirst(40)), kind.english, "\(kind) is not translated")
            XCTAssertTrue(seen.insert(indonesian).inserted, "two kinds say the same: \(indonesian)")
            XCTAssertEqual(Messages.importProblem(problem, .english), problem.description)
        }
    }

    func testDetailsAreCarriedIntoTheIndonesianText() {
        let inForum = ImportProblem(line: nil, problem: .unitInForum(removedFamily: "F9", unit: "32010100010001", forumID: 7, state: .reviewing))
        XCTAssertEqual(Messages.importProblem(inForum, .indonesian),
                       "keluarga F9 akan terhapus, padahal unit 32010100010001 termasuk forum 7 yang sudah pada tahap "
                       + "'Pembahasan daftar': keluarganya tidak dapat diubah lagi")
        let tab = ImportProblem(line: 5, column: "address", value: "Jl.\tMawar", problem: .invisibleCharacter("\t", in: .address))
        XCTAssertEqual(Messages.importProblem(tab, .indonesian),
                       "baris 5, kolom address: nilai 'Jl.<U+9>Mawar': memuat karakter tab (U+0009): alamat harus satu baris teks biasa")
        let wholeFile = ImportProblem(line: 1, problem: .workbookOrZipFile)
        XCTAssertEqual(Messages.importProblem(wholeFile, .indonesian),
                       "baris 1: berkas ini buku kerja spreadsheet (.xlsx atau .ods) atau arsip zip, bukan CSV "
                       + "(simpan lembar kerjanya sebagai CSV UTF-8)")
    }
}
