extension ImportProblem.Kind {
    /// What is wrong, in English: the command line's words and the logs'. Bahasa Indonesia is the
    /// web catalogue's (`Messages+ImportProblems.swift`), one case each there too.
    public var english: String {
        switch self {
        case .emptyFile: "the file is empty: a header row is required"
        case .noRowsUnderHeader:
            "the header has no row under it: there is nothing to load (was the list exported with a filter that kept no row, or saved before its rows were pasted?)"
        case .utf16File: "the file is UTF-16, not UTF-8 (save it as CSV UTF-8)"
        case .workbookOrZipFile: "the file is a spreadsheet workbook (.xlsx or .ods) or a zip archive, not CSV (save the sheet as CSV UTF-8)"
        case .excel97File: "the file is an Excel 97-2003 workbook (.xls), not CSV (save the sheet as CSV UTF-8)"
        case .gzipFile: "the file is compressed (gzip), not CSV (decompress it first)"
        case .compressedFileDamaged:
            "the file is compressed (gzip) but damaged: it cannot be unpacked (compress the list again, or send it uncompressed)"
        case .compressedFileCutOff:
            "the compressed file (gzip) stops before its end: it was cut off while being sent or copied (send the whole file again)"
        case .unpacksTooLarge(let maximum):
            "unpacked, the compressed file is larger than the \(maximum) MB this server takes in an upload (split it by district, or ask the operator to load it with fkp import on the server)"
        case .pdfFile: "the file is a PDF document, not CSV"
        case .markupFile: "the file is a web page (HTML) or an XML document, not CSV (a sign-in or error page downloaded instead of the list? save the sheet as CSV UTF-8)"
        case .uploadTooLarge(let maximum):
            "the file is larger than the \(maximum) MB this server takes in an upload (split it by district, or ask the operator to load it with fkp import on the server)"
        case .pictureFile: "the file is a picture (JPEG, PNG or GIF), not CSV: a photo of a list cannot be read (upload the CSV file of the list)"
        case .jsonFile: "the file is JSON, not CSV (export the list as CSV)"
        case .quoteInsideUnquotedField: "a quote inside an unquoted field (quote the whole field and double the quote)"
        case .formulaKeepingText:
            "a value written as =\"...\", the formula with which a program exporting for a spreadsheet keeps digits as text, which CSV does not read (write the value alone, without = and the quotes)"
        case .textAfterClosingQuote:
            "text after a closing quote: a value that begins with a quote ends at the next one (a quote inside a value is written twice, "
                + "and the whole value quoted: \"Agus \"\"Gus\"\" Saputra\")"
        case .quoteEscapedWithBackslash:
            "a quote inside a quoted value written as \\\", as some programs export it: CSV writes it twice, \"\" (replace \\\" with \"\" and save again)"
        case .quoteClosesWithTextAfter(let line):
            "the quote that opens here closes on line \(line) and text follows it (a closing quote is missing?)"
        case .quoteNeverClosed: "a quoted field is never closed"
        case .recordTooLong(let maximum):
            "the row is longer than \(maximum / 1024) KiB, far more than any list row (a quote left open, or not a list file?)"
        case .nulByte: "a NUL byte (0x00), which a text cannot hold"
        case .notUTF8: "bytes that are not UTF-8: the file is saved in another encoding (save it as CSV UTF-8)"
        case .lineInOneField:
            "the whole line is one value in quotes, as when a list is pasted into one column of a spreadsheet and saved (load the CSV file itself, or split the column at the commas: Data, Text to Columns)"
        case .headerNotFirst(let line): "the header must be the first line, and it is on line \(line) (delete the lines above it)"
        case .headerMissing(let header): "the first line is a row of the list, not its header: the file has no header (add this line above it: \(header))"
        case .familiesListAsRegions: "this is a families list, not a regions list (load it as families)"
        case .regionsListAsFamilies: "this is a regions list, not a families list (load it as regions)"
        case .exportOfThisServer(.finalList):
            "this is a final list, the re-ranking's result as fkp export final writes it, not a preliminary list to load"
        case .exportOfThisServer(.dataCorrections): "this is a regency's accepted data corrections as this server exports them, not a list to load"
        case .exportOfThisServer(.auditTrail): "this is an export of the audit trail, not a list to load"
        case .headerSeparatedBy(";"):
            "the header is separated by ';', not by commas: a computer set to Indonesian saves CSV so, the comma being its decimal mark "
                + "(in Windows' region settings set the list separator to a comma and the decimal symbol to a dot, then save again; "
                + "or download the sheet as CSV from Google Sheets, which writes commas)"
        case .headerInOtherQuotes(single: true):
            "the columns' names are in single quotes ('family_id'), which CSV does not read as quotes: the program that wrote the file "
                + "quoted with ' (save it again with double quotes, \", as the quote character, or with none)"
        case .headerInOtherQuotes(single: false):
            "the columns' names are in curly quotes (“family_id”), which CSV does not read as quotes, as a word processor or a phone "
                + "writes them (write the names without quotes)"
        case .headerSeparatedBy(let separator):
            "the header is separated by \(separator == "\t" ? "tabs" : "'\(separator)'"), not by commas (save the file as CSV with commas)"
        case .codesSplitByLevel(inFamilies: true):
            "the unit's code is split into a column per level (kdprov, kdkab, kdkec, kddesa, kdsls, as BPS's registers keep it): the format has one column, sls_code, with the parts joined (32, 01, 010, 001, 0001 make 32010100010001)"
        case .codesSplitByLevel(inFamilies: false):
            "the places are in a column per level (kdprov, kdkab, kdkec, kddesa, as BPS's master files keep them): the regions list has a row per place, code,name,level, each code whole (32, 3201, 3201010, 3201010001...)"
        case .unknownColumn(let columns, let invisible):
            "unknown column (the columns are \(columns.joined(separator: ", ")))"
                + (invisible ? "; it holds an invisible character, save the file without it" : "")
        case .unknownColumns(let names, let columns):
            "\(names.count) unknown columns: \(ImportProblem.Kind.someOf(names, more: { "and \($0) more" })) "
                + "(the columns are \(columns.joined(separator: ", ")); delete the others from the file)"
        case .unnamedColumn:
            "a column with no name (a spreadsheet saves a column emptied but not deleted so: delete the columns after the last one and save again)"
        case .unnamedFirstColumn:
            "a first column with no name: the row numbers pandas and R write unless told not to (to_csv(index=False), write.csv(row.names = FALSE)), or a column emptied but not deleted (delete it)"
        case .columnNamedOtherwise(let name): "write the column's name as \(name), with underscores"
        case .columnInOtherWords(let name): "write the column's name as \(name): the format names its columns in English"
        case .rowNumberColumn: "a column of row numbers, which the format does not have (delete the column)"
        case .remarksColumn: "a column of remarks, which the format does not have (delete the column, or keep the remarks in a copy of the sheet)"
        case .coordinatesInOneColumn: "both coordinates in one column: the format has two, latitude and longitude, each in decimal degrees"
        case .columnWithMark(let name): "write the column's name alone, \(name), without the mark a template puts after it"
        case .columnTwice: "the column appears twice"
        case .requiredColumnMissing: "required column is missing from the header"
        case .headerRepeated: "the header row again, as when two files are joined (delete this line)"
        case .otherListJoined(let regions, let rows):
            "the header of a \(regions ? "regions" : "families") list, \(rows == 1 ? "1 row" : "\(rows) rows") under it: two lists joined into one "
                + "file (load each list on its own, the regions first)"
        case .columnNumbersRow: "a row numbering the columns, (1), (2), (3)..., as tables in reports have under their header (delete this line)"
        case .headerRepeatedInOtherWords: "the columns' names again, in other words, as a template's second header row describing its columns (delete this line)"
        case .fieldCount(let found, let inHeader):
            "\(found) fields where the header has \(inHeader)" + (found > inHeader ? " (a value holding a comma must be in double quotes)" : "")
        case .fileEndsMidRow(let found, let inHeader):
            "the file ends in the middle of this row, \(found) fields of the header's \(inHeader): it was cut off, as a download, a copy or a save that did not finish leaves a file (take the whole file again)"
        case .rowSplitByLineBreak(let next):
            "a line break inside a value splits this row, which goes on at line \(next): a value holding a line break must be in double quotes (quote it, or remove the break)"
        case .rowJoinedWithHeader:
            "a row and then the header's names on one line, as when two files are joined and the first does not end with a line break (break the line before the names, then delete them)"
        case .oneValueLine(let inHeader):
            "one value where the header has \(inHeader) columns: a title or a note above or under the list? (delete the line)"
        case .mostlyEmpty(let filled):
            "most of the row is empty, only \(Self.listed(filled, and: "and")) filled: a total or a note under the list, or a family not filled in (delete the line, or fill in the row)"
        case .emptyFieldsAtEnd(let found, let inHeader):
            "\(found) fields where the header has \(inHeader), "
                + (found - inHeader == 1 ? "the last one empty: a comma at the end of the line (delete it)"
                                         : "the last \(found - inHeader) empty: commas at the end of the line (delete them)")
        case .optionalColumnsLeftOut(let found, let inHeader, let columns):
            "\(found) fields where the header has \(inHeader): the line leaves out \(columns.joined(separator: " and ")) at its end, "
                + (columns.count == 1 ? "which is empty (write a comma for it, or, if no row has it, delete it from the header)"
                                      : "which are empty (write a comma for each, or, if no row has them, delete them from the header)")
        case .optionalColumnsInNoRow(let columns, let rows):
            "no row has \(columns.joined(separator: " and ")): every one of the \(rows) rows ends before "
                + (columns.count == 1 ? "it (delete it from the header)" : "them (delete them from the header)")
        case .commaInsideCurlyQuotes(let found, let inHeader):
            "\(found) fields where the header has \(inHeader): a value holding a comma is in curly quotes (“ ”), which CSV does not read as quotes (use straight double quotes: \")"
        case .commaInsideSingleQuotes(let found, let inHeader):
            "\(found) fields where the header has \(inHeader): a value holding a comma is in single quotes, which CSV does not read as quotes "
                + "(save the file again with double quotes, \", as the quote character)"
        case .empty: "must not be empty"
        case .emptyBelowAValue:
            "must not be empty: the rows above give a code and this one none, as a sheet saves a code written once for a group of rows or in merged cells (write the code on every row: unmerge the cells, then fill down)"
        case .longerThan(let characters): "longer than \(characters) characters"
        case .startsAsFormula(let text):
            "\(text == .name ? "a name" : "an address") that starts as a spreadsheet formula does (with =, +, - or @), which a spreadsheet opening the list would run (remove the sign)"
        case .invisibleCharacter(let scalar, let text):
            "holds \(scalar.invisibleCharacterName): \(text == .name ? "a name" : "an address") is one line of plain text"
        case .encodedTwice(let meant):
            "the letters are garbled, as when a UTF-8 file is opened as Windows text and saved again; it was meant as '\(meant.spellingInvisibleCharacters)' (go back to the file as it was sent and open it as UTF-8)"
        case .htmlEntities(let meant):
            "written with HTML character codes (such as &#39; or &amp;), as a web page's source writes characters, not the characters "
                + "themselves; it was meant as '\(meant.spellingInvisibleCharacters)' (write the characters themselves)"
        case .personalNumberInText(let text):
            "holds a number of about 16 digits, as a NIK or a family card number is: \(text == .name ? "a name" : "an address") is shown whole "
                + "to everyone who sees the list, a personal number only to BPS staff (give it in its column, kk_number or head_nik, not here)"
        case .questionMarkForCharacter:
            "a question mark next to a letter: a character the program that saved the file could not write in its character set (a letter "
                + "with a mark, a character of another script), written as ? (save the list as CSV UTF-8 and type the character again)"
        case .replacementCharacter:
            "holds �, which a program writes for a character it could not read: the file was opened in the wrong character set and saved "
                + "again, and the character is lost (go back to the file as it was sent, or type the character again)"
        case .notALevel: "one of province, regency, district, village, sls, subsls"
        case .notALevelCodeSays(let level):
            "one of province, regency, district, village, sls, subsls: the code's \(level.codeLength) digits make it \(level.rawValue)"
        case .levelNamedOtherwise(let level): "write the level in the format's words: \(level.rawValue) for this one"
        case .levelNamedOtherwiseCodeSays(let named, let codeSays):
            "a name of the level \(named.rawValue), but the code's \(codeSays.codeLength) digits make it \(codeSays.rawValue) "
                + "(write the level in the format's words, \(codeSays.rawValue) for this code, or correct the code)"
        case .regionCode(.notDigits): "a code is digits only"
        case .regionCode(.unknownLength(let digits)): "\(digits) digits is no level's length (2, 4, 7, 10, 14 or 16)"
        case .regionCode(.reservedRegencyNumber(let number)): "regency number \(number) is not used (01-69 regencies, 71-99 cities)"
        case .regionCode(.unusedProvinceNumber(let number)): "province number \(number) is not used (they run from 11 to 99)"
        case .codeLengthForLevel(let level, let found): "a \(level.rawValue) code has \(level.codeLength) digits, not \(found)"
        case .notTrueOrFalse: "true or false"
        case .trueOrFalseInOtherWords(let meant): "write true or false: \(meant) for this one"
        case .nonSLSAsLevel: "Non-SLS is not a level: write sls here and true in the non_sls column (add it to the header if it has none)"
        case .nonSLSAboveUnits: "only an SLS or sub-SLS can be Non-SLS"
        case .familyIDForm: "at most 32 letters, digits, dots, underscores or hyphens"
        case .unitCodeForm: "an SLS code has 14 digits, a sub-SLS code 16"
        case .placeAboveUnit(let level):
            "a \(level.rawValue) code, \(level.codeLength) digits: a family is listed in its SLS, whose code has 14 digits, or its sub-SLS (16)"
        case .membersRange: "a whole number from 1 to 99"
        case .numberWithWord(let number): "a number with a word: write the number alone, \(number) for this one"
        case .welfareGroupRange: "a welfare group is 1, 2, 3 or 4"
        case .numberAsText(let text):
            "\(text == .name ? "a number where a name belongs" : "a number of about 16 digits where an address belongs"): the columns may be shifted or swapped (compare the header's order with the values)"
        case .groupAndScoreSwapped: "welfare_group and welfare_score are swapped: a score where the group belongs, a group where the score does"
        case .decileNotGroup: "a decile (desil), not one of the four welfare groups of the preliminary list (write the group's code: 1, 2, 3 or 4)"
        case .welfareGroupLabel(let group): "write the welfare group's code, \(group.code) for this label"
        case .notDecimal: "not a decimal number (use a dot: 12.5)"
        case .scientificNotation(let writtenOut):
            "a number in scientific notation, as a spreadsheet or a statistics program writes a very small or very large one, perhaps with its last digits cut (write it out with all its digits\(writtenOut.map { ": \($0) for this one" } ?? ""))"
        case .notSixteenDigits(let digits): digits.map { "\($0) digit\($0 == 1 ? "" : "s"), not 16" } ?? "not 16 digits"
        case .letterAmongDigits(let position, let letter, let length):
            "\(length) characters, but character \(position) is the letter \(letter), not a digit"
                + (["O", "o"].contains(letter) ? " (typed for a zero?)" : ["I", "l"].contains(letter) ? " (typed for a one?)" : "")
        case .notPlainCharacters(let writtenOut):
            "a number written with characters that only look like digits, a minus or a dot, as a word processor or a web page writes them ("
                + (writtenOut.map { "write \($0)" } ?? "type it again with plain digits") + ")"
        case .thousandsSeparators(let writtenOut):
            "a number with its thousands separated, as a spreadsheet shows a cell formatted so (write it without the separators, the decimals after a dot: \(writtenOut) for this one)"
        case .percentage:
            "a percentage, as a spreadsheet shows a cell formatted so, not the number itself (format the column as a plain number and save again)"
        case .spreadsheetNumber:
            "a spreadsheet turned it into a rounded number (like 3.2E+15) and its last digits are lost (format the column as Text and enter the numbers again)"
        case .roundedBySpreadsheet(let numbers):
            "every one of the \(numbers) numbers in this column ends in 0: a spreadsheet kept only their first 15 digits and wrote 0 for the rest (format the column as Text and enter the numbers again)"
        case .spreadsheetTextMark: "starts with an apostrophe, a spreadsheet's mark for text (remove the apostrophe)"
        case .inOtherQuotes(single: true):
            "in single quotes, which CSV reads as part of the value, not as quotes (the program that wrote the file quoted with ': "
                + "write the value without them, or save the file again with double quotes, \", as the quote character)"
        case .valuesInSingleQuotes(let rows, let columns):
            "values in single quotes on every one of the \(rows) rows, in \(columns.joined(separator: ", ")): the program that wrote the "
                + "file quoted with ', which CSV reads as part of the value (save the file again with double quotes, \", as the quote character)"
        case .inOtherQuotes(single: false):
            "in curly quotes (“ ”), which CSV reads as part of the value, not as quotes (a word processor or a phone turns straight "
                + "quotes into curly ones: write the value without them)"
        case .placeholderForMissing:
            "a mark typed where the value is not known, not a value (give the value; where the column may be empty, leave the cell empty)"
        case .nameNotKnown:
            "words saying the name is not known, not a name (give the name: the forum's lists find each family by its head's name)"
        case .cellTooNarrow:
            "a spreadsheet's mark for a cell too narrow to show its number, saved in the number's place (widen the column, or format it as Text, and save again)"
        case .scoreReadAsThousands(let meant, let lowest, let highest):
            "a whole number far above the list's scores with decimals (from \(lowest) to \(highest)), which would rank this family among the "
                + "richest of its unit: its dot lost, \(Self.readAsThousands(meant)) (write the score with its dot; \(Self.openAsText))"
        case .coordinateReadAsThousands(let meant):
            "a whole number outside Indonesia: its dot lost, \(Self.readAsThousands(meant)) (write it with its dot; \(Self.openAsText))"
        case .numberShownAsDate:
            "a date at the start of a spreadsheet's calendar: the cell holds a number but is formatted as a date, which shows it as that many days after the calendar's first (format the column as plain numbers and save again)"
        case .missingValueMark:
            "a program's mark for a missing value (NA as R writes it, NaN as pandas, NULL as a database), not a value of the list (leave the cell empty where the value is unknown; in R, write.csv(na = \"\"))"
        case .spreadsheetError:
            "a spreadsheet's error value, not a value of the list: the formula that filled this cell failed (correct it, or paste the column as values, and save again)"
        case .wholeNumberAsDecimal:
            "a whole number written as a decimal, as a program that read the column as decimals (pandas, for one) or a spreadsheet showing decimals writes it (write it without the decimal mark and the zeros after it)"
        case .scoresAreGroups(let rows):
            "on every one of the \(rows) rows the score is the row's welfare group: the column was filled from welfare_group, and each "
                + "unit's order would be by group and family_id alone (give each family its own score)"
        case .familyIDIsPersonalNumber(let kk):
            "the \(kk ? "family card number" : "head's NIK") of this row: a family id is shown whole on every page and in every export, "
                + "where a personal number is masked for all but BPS staff (give BPS's family id, not a personal number)"
        case .kkNumbersAreNIKs(let rows):
            "on every one of the \(rows) rows the family card number is the head's NIK: the column was filled from head_nik (give each family's card number)"
        case .sameNumberOnEveryRow(let rows):
            "the same number on every one of the \(rows) rows: one value filled down or pasted over the whole column (give each row its own)"
        case .sameNameOnEveryRow(let rows):
            "the same name on every one of the \(rows) rows: one name filled down or pasted over the whole column (give each row its own head's name)"
        case .samePlaceNameOnEveryRow(let rows):
            "the same name on every one of the \(rows) rows, for places of several levels: one name filled down or pasted over the whole column "
                + "(give each place its own name)"
        case .columnNamesSwapped(let one, let other):
            "the values under \(one) are those of \(other), and those under \(other) those of \(one): the two names are swapped in the header (swap them back)"
        case .columnNamesMovedRound(let under, let valuesOf):
            "the names in the header stand over other columns' values: "
                + zip(under, valuesOf).enumerated().map { $0.offset == 0 ? "under \($0.element.0) are the values of \($0.element.1)" : "under \($0.element.0) those of \($0.element.1)" }
                    .joined(separator: ", ")
                + " (put each name over its own values)"
        case .namesReadAsAddresses(let count, let of):
            "\(count) of the \(of) heads' names read as addresses (a house number, an RT or RW, Jl., Kp.): head_name and address swapped in the header? (the column named head_name must hold the heads' names)"
        case .groupsFromZero(let rows):
            "every one of the \(rows) welfare groups is from 0 to 3: numbered from 0, as some systems number them? The format's groups are "
                + "1 (the poorest) to 4: if 0 is the poorest, add one to every group, not only to the 0s"
        case .groupsAsDeciles(let rows, let aboveFour):
            "every one of the \(rows) welfare groups is from 1 to 10, \(aboveFour) of them above 4: deciles (desil), not the four welfare groups "
                + "of the preliminary list? (give each family its group: 1, 2, 3 or 4; a decile of 4 or less is no group either)"
        case .membersAndGroupSwapped(let aboveFour):
            "every member count is from 1 to 4 and every welfare group a whole number, \(aboveFour) of them above 4: members and welfare_group swapped in the header? (a group is 1, 2, 3 or 4)"
        case .scoresRunReversed(let poorest, let itsMean, let richest, let theirMean):
            "the scores run the wrong way: the families of group \(poorest) score \(itsMean) on average, those of group \(richest) \(theirMean), "
                + "yet a lower score means a poorer family (is this a score where higher means poorer, such as a probability of being poor? "
                + "the list must give the welfare score, lowest for the poorest, or every unit's order is upside down)"
        case .oneScorePerUnit(let units, let rows) where units == 1:
            "the same score on every one of the \(rows) rows: the order of the families comes from the score, and would be by family_id alone "
                + "(a column filled down, or a list exported without its scores? give each family its own score)"
        case .oneScorePerUnit(let units, let rows):
            "within each of the \(units) units every family has the same score (\(rows) rows): the order within a unit comes from the score, "
                + "and would be by family_id alone (a score given to each unit or village rather than to each family? give each family its own score)"
        case .valuesInOtherWords(let written, let write, let rows):
            "every one of the \(rows) values is in other words than the format's: write "
                + zip(written, write).map { "\($0.1) for \($0.0)" }.joined(separator: ", ") + " (replace them in the whole column)"
        case .columnEmpty(let rows):
            "empty on every one of the \(rows) rows: the column is in the header but its values are not in the file (a list exported without them? the format requires them)"
        case .columnWrittenAsDecimals(let values):
            "every one of the \(values) values in this column ends in .0, as a program that read the column as decimals (pandas, for one) writes whole numbers (write them without the .0)"
        case .digitsInGroups: "digits written in groups, with spaces, dots or dashes between them (write the digits alone)"
        case .outsideIndonesia(let bounds): "outside Indonesia (\(bounds.lowerBound) to \(bounds.upperBound))"
        case .coordinateWrittenOtherwise(let decimal):
            "a coordinate written with a degree sign, a direction or minutes, as maps show it: write it in decimal degrees, south and west negative (\(decimal) for this one)"
        case .zeroCoordinates: "latitude and longitude both 0, what a device writes when it had no position (leave both empty)"
        case .coordinatesApart: "latitude and longitude come together or not at all"
        case .coordinatesInOneCell(let latitude, let longitude):
            "both coordinates in one cell, as a map copies them: write the latitude (\(latitude)) in latitude and the longitude (\(longitude)) in longitude"
        case .coordinateColumnMissing(let partner):
            "not in the header, while \(partner) is: latitude and longitude come together (add this column, or remove \(partner))"
        case .coordinateColumnEmpty(let partner, let rows):
            "empty on every one of the \(rows) rows that give \(partner): latitude and longitude come together "
                + "(the column's values lost when the list was put together? give both on each row, or leave both empty)"
        case .coordinatesSwapped: "latitude and longitude are swapped (in Indonesia the latitude is from -11.5 to 6.5, the longitude from 94.5 to 141.5)"
        case .sameFamilyID(let line): "the same family_id as line \(line)"
        case .unknownUnit(let rows, let lastLine):
            "no such SLS, sub-SLS or Non-SLS unit (import the regions first)" + (rows > 1 ? "; \(rows) rows name it, the last on line \(lastLine)" : "")
        case .unknownSubunit(let sls, let rows, let lastLine):
            "no such sub-SLS, though its SLS \(sls) is known (for a family of the SLS itself write the SLS's 14 digits; otherwise import the regions with this sub-SLS first)"
                + (rows > 1 ? "; \(rows) rows name it, the last on line \(lastLine)" : "")
        case .unknownUnitUnder(let place, let rows, let lastLine):
            (place.level == .village
                ? "no such SLS, sub-SLS or Non-SLS unit in village \(place), which is loaded (a code mistyped? otherwise import the regions with this unit first)"
                : "no such SLS, sub-SLS or Non-SLS unit, nor its village: of the places its code names, \(place.level.rawValue) \(place) is the lowest loaded "
                    + "(a code mistyped? otherwise import the regions with these places first)")
                + (rows > 1 ? "; \(rows) rows name it, the last on line \(lastLine)" : "")
        case .regencyNotLoaded(let regency, let units, let rows, let lastLine):
            "regency or city \(regency) is not loaded, nor any place in it: none of the \(units) units the file names in it is known "
                + "(\(rows) rows, the last on line \(lastLine); import its regions file first, or is the code mistyped?)"
        case .sameCode(let line): "the same code as line \(line)"
        case .leadingZerosLost(let was):
            "family \(was) without its leading zeros, which a spreadsheet drops from what it takes for a number: loading would remove \(was) and add a new family (format the column as Text and enter the ids again)"
        case .parentMissing(let parent, let rows, let lastLine):
            "its parent \(parent) is neither in the database nor in the file" + (rows > 1 ? "; \(rows) rows need it, the last on line \(lastLine)" : "")
        case .outsideRegion(let codes, let rows, let lastLine):
            "outside your region (\(codes.joined(separator: ", ")))" + (rows > 1 ? "; \(rows) rows name it, the last on line \(lastLine)" : "")
        case .listedOutsideRegion(let unit, let codes):
            "this family is listed in unit \(unit), outside your region (\(codes.joined(separator: ", "))): only that region's staff can move it"
        case .unitInForum(let removed, let unit, let forumID, let state):
            (removed.map { "family \($0) would be removed, but " } ?? "")
                + "unit \(unit) is in forum \(forumID), which is \(state.rawValue): its families cannot change any more"
        }
    }

    /// How a number's dot is lost in a spreadsheet, and how a list is opened to keep it.
    private static func readAsThousands(_ meant: String) -> String {
        "as when a spreadsheet set to Indonesian, where a dot separates thousands, reads \(meant)?"
    }

    private static let openAsText = "open a list in a spreadsheet through Data → From Text/CSV, every column as Text, not by a double click"
}
