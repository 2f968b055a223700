extension ImportProblem {
    /// What is wrong, as a fixed case with its details rather than a sentence, so that each
    /// language says it in its own words: `english` for the command line and the logs
    /// (`ImportProblem+English.swift`), Bahasa Indonesia in the web catalogue (`Messages+ImportProblems.swift`).
    public enum Kind: Sendable, Equatable {
        // The file as a whole
        case emptyFile
        /// A header and not one row under it: a list exported with a filter that kept none, or saved
        /// before its rows were pasted. Loaded, it would change nothing and say so, as if all were well.
        case noRowsUnderHeader
        case utf16File
        case workbookOrZipFile
        case excel97File
        /// Compressed twice: what is left once unpacked is compressed still (a file compressed once is unpacked as it is read).
        case gzipFile
        /// A file that begins as gzip does but cannot be unpacked: a wrong checksum, bytes that are not gzip after it.
        case compressedFileDamaged
        /// A compressed file that ends inside its compressed stream: sent or copied in part.
        case compressedFileCutOff
        /// A compressed upload that unpacks to more than the server takes in an upload.
        case unpacksTooLarge(maximumMegabytes: Int)
        case pdfFile
        /// A web page or XML document: a sign-in page downloaded instead of a shared sheet, a sheet saved as a web page.
        case markupFile
        /// A list exported as JSON by a web application or an API.
        case jsonFile
        /// A photo or scan of the printed list, as a phone offers to upload.
        case pictureFile
        /// An upload larger than the server takes from a browser; the command line takes any size.
        case uploadTooLarge(maximumMegabytes: Int)
        // CSV syntax
        case quoteInsideUnquotedField
        /// `="3201..."`: the formula with which a program exporting for a spreadsheet keeps digits as text.
        case formulaKeepingText
        case textAfterClosingQuote
        /// `\"` inside a quoted value, as MySQL's and PHP's exports escape a quote.
        case quoteEscapedWithBackslash
        /// The quote that opens on the problem's line closes on `closingLine`, with text after it.
        case quoteClosesWithTextAfter(closingLine: Int)
        case quoteNeverClosed
        case recordTooLong(maximumBytes: Int)
        case nulByte
        case notUTF8
        // The header
        case headerSeparatedBy(Character)
        /// The columns' names in single quotes (`'family_id'`) or curly double quotes, which CSV does
        /// not read as quotes: the file was written with another quote character.
        case headerInOtherQuotes(single: Bool)
        /// A whole line in one quoted field, commas and all: what a spreadsheet saves after a list's
        /// lines were pasted into its first column.
        case lineInOneField
        /// The header below the first line (a title above it): where it is.
        case headerNotFirst(headerLine: Int)
        /// The first line is a row of the list in the format's column order: the header to add above it.
        case headerMissing(header: String)
        /// The header of the other list: a file given to the wrong form or command.
        case familiesListAsRegions
        case regionsListAsFamilies
        /// A file this server wrote that is no list to load (a final list, data corrections, an audit trail export).
        case exportOfThisServer(ServerExportKind)
        /// The places' codes in a column per level (`kdprov`, `kdkab`...), as BPS's registers keep them.
        case codesSplitByLevel(inFamilies: Bool)
        case unknownColumn(columns: [String], holdsInvisibleCharacter: Bool)
        /// Three unknown columns or more (a sheet of another system's columns): named together, once.
        case unknownColumns(names: [String], columns: [String])
        /// A header field with no name, as a spreadsheet saves a column emptied but not deleted.
        case unnamedColumn
        /// The first column unnamed: the row numbers pandas and R write unless told not to.
        case unnamedFirstColumn
        /// A column's name with spaces or dashes for its underscores (`Family ID`).
        case columnNamedOtherwise(String)
        /// `No`, `No. Urut`: the row numbers a list kept in a spreadsheet begins with.
        case rowNumberColumn
        /// `Keterangan`, `Catatan`: a column of remarks beside the list.
        case remarksColumn
        /// `Koordinat`, `GPS`: both coordinates in one column.
        case coordinatesInOneColumn
        /// A column's name with a template's mark after it (`family_id*`, `head_nik (wajib)`): the name alone.
        case columnWithMark(String)
        /// A column named in other words (`NIK`, `alamat`): the format's name for it.
        case columnInOtherWords(String)
        case columnTwice
        case requiredColumnMissing
        // One row
        /// A row of the header's names, as when two lists are joined into one file.
        case headerRepeated
        /// The other list's header under this one's, and the rows under it: two lists joined into
        /// one file (`regions`: the header is a regions list's).
        case otherListJoined(regions: Bool, rows: Int)
        /// A row naming most columns in other words: a template's second header row.
        case headerRepeatedInOtherWords
        /// `(1),(2),(3)...`: a row numbering the columns under the header, as government tables have.
        case columnNumbersRow
        case fieldCount(found: Int, inHeader: Int)
        /// The file's last line, with too few fields and no line break after it: the file was cut off there.
        case fileEndsMidRow(found: Int, inHeader: Int)
        /// A row split over two lines by a line break inside an unquoted value (`ShortRow`).
        case rowSplitByLineBreak(continuesOnLine: Int)
        /// A row, then the header's names on the same line: two files joined, the first not ending with a line break.
        case rowJoinedWithHeader
        /// A line of one value: a title, a note or a source under or above the list.
        case oneValueLine(inHeader: Int)
        /// More than half the required columns empty, these filled: a total under the list, or a family not filled in.
        case mostlyEmpty(filled: [String])
        /// More fields than the header's, the extra ones empty: commas at the end of the line.
        case emptyFieldsAtEnd(found: Int, inHeader: Int)
        /// Fewer fields than the header, the missing ones its last, optional, columns (named), the row right without them.
        case optionalColumnsLeftOut(found: Int, inHeader: Int, columns: [String])
        /// The header's last, optional, columns (named) in no row: every one of `rows` ends before
        /// them (a header copied from the format, the rows from a system without them).
        case optionalColumnsInNoRow(columns: [String], rows: Int)
        /// More fields than the header, a value among them in typographic quotes (“Budi, S.Pd”, as a
        /// phone or a word processor writes quotes), which CSV does not take for quotes.
        case commaInsideCurlyQuotes(found: Int, inHeader: Int)
        /// More fields than the header, a value among them in single quotes (`'Budi, S.Pd'`, as a
        /// program quoting with `'` writes it), which CSV does not take for quotes.
        case commaInsideSingleQuotes(found: Int, inHeader: Int)
        case empty
        /// An empty unit code under rows that give one: a code written once for a group of rows, or in merged cells.
        case emptyBelowAValue
        case longerThan(characters: Int)
        case invisibleCharacter(Unicode.Scalar, in: OneLineText)
        /// A name or an address beginning with =, +, @ (or - before a function or a reference), which a
        /// spreadsheet would run as a formula.
        case startsAsFormula(in: OneLineText)
        /// UTF-8 read as Windows-1252 and saved again (`Maâ€™ruf`): the text as it was meant.
        case encodedTwice(meant: String)
        /// Written with HTML character references (`Ma&#39;ruf`, `HTMLEntities`): the text as it was meant.
        case htmlEntities(meant: String)
        /// A run of 15 to 17 digits inside a name or an address: a personal number, shown whole there to everyone.
        case personalNumberInText(in: OneLineText)
        /// `?` next to a letter: a character the program that saved the file could not write (`LostCharacters`).
        case questionMarkForCharacter
        /// `�` (U+FFFD): a character a program could not read, lost (`LostCharacters`).
        case replacementCharacter
        case notALevel
        /// Not a level's word, the row's code valid: the level its length gives.
        case notALevelCodeSays(RegionLevel)
        /// A level's name (`Desa`, `Kabupaten/Kota`, `RT`) where the format's word for it belongs.
        case levelNamedOtherwise(RegionLevel)
        /// A level's name for `named`, where the row's code is of another level, `codeSays`: the word or the code is wrong.
        case levelNamedOtherwiseCodeSays(named: RegionLevel, codeSays: RegionLevel)
        case regionCode(RegionCode.Problem)
        case codeLengthForLevel(RegionLevel, found: Int)
        case notTrueOrFalse
        /// Yes or no in other words (`ya`, `tidak`, `1`): the keyword meant.
        case trueOrFalseInOtherWords(Bool)
        case nonSLSAboveUnits
        /// `Non-SLS` written as a level: the unit's level, and the mark in its own column.
        case nonSLSAsLevel
        case familyIDForm
        case unitCodeForm
        /// A place's code above the units (a village's, a district's) where a family's unit is asked.
        case placeAboveUnit(RegionLevel)
        case membersRange
        /// `4 orang`: the number to write alone.
        case numberWithWord(String)
        case welfareGroupRange
        /// Digits where the head's name belongs, or sixteen where the address does: columns shifted or swapped.
        case numberAsText(in: OneLineText)
        /// A decimal where the group belongs and a group's code where the score does.
        case groupAndScoreSwapped
        /// `Desil 3`: a decile where one of the four groups belongs.
        case decileNotGroup
        /// A group's label (`Miskin`) where its code belongs.
        case welfareGroupLabel(WelfareGroup)
        case notDecimal
        /// `1.37E-01`: with the number written out, where it fits the column.
        case scientificNotation(writtenOut: String?)
        /// `−6.5`, `５`: look-alikes of digits, minus or dot (`PlainDigits`); the number in plain characters where it may be shown.
        case notPlainCharacters(writtenOut: String?)
        /// `1,502.75`, `1.502,75`: thousands separated as a cell formatted so shows them; the number without them.
        case thousandsSeparators(writtenOut: String)
        /// `12%`: a cell formatted as a percentage, saved as it shows.
        case percentage
        /// A personal number of another length: how many digits it has, when it is digits only (a digit lost or added).
        case notSixteenDigits(digits: Int?)
        /// A number of its right length (a personal number's 16, a code's of its level), one or two of
        /// its characters letters (an O typed for a zero): the first, by its place from 1.
        case letterAmongDigits(position: Int, letter: String, length: Int)
        /// A long number a spreadsheet wrote as `3.20101E+15`, its last digits lost.
        case spreadsheetNumber
        /// A value that would be right without the apostrophe with which a spreadsheet marks text.
        case spreadsheetTextMark
        /// A value wrapped in single quotes (`'Z1'`, `'Ma''ruf'`) or curly double quotes (`“Budi”`),
        /// which CSV does not read as quotes: they would load as part of the value.
        case inOtherQuotes(single: Bool)
        /// Values in single quotes on every one of `rows` rows (ten or more), in `columns`: the file
        /// was written with `'` as its quote character; said once, for those columns.
        case valuesInSingleQuotes(rows: Int, columns: [String])
        /// `#N/A`, `#REF!`: a formula's error value saved as the cell's value.
        case spreadsheetError
        /// `NA`, `NaN`, `NULL`: a program's mark for a missing value, where the column refuses it.
        case missingValueMark
        /// `-`, `?`: a mark typed where the value is not known.
        case placeholderForMissing
        /// `Tidak diketahui`, `Tanpa nama`: words saying a name is not known.
        case nameNotKnown
        /// `05/01/1900`: a small number in a cell formatted as a date, shown as a day at the start of the spreadsheet's calendar.
        case numberShownAsDate
        /// `####`: a cell too narrow for its number, saved as the spreadsheet showed it.
        case cellTooNarrow
        /// A whole number among scores with decimals, a thousand times one of them: `1.502` read as
        /// 1502 by a spreadsheet set to Indonesian, where a dot separates thousands (`ScoresReadAsThousands`);
        /// what was `meant`, and the lowest and the highest of the list's scores with decimals.
        case scoreReadAsThousands(meant: String, lowest: String, highest: String)
        /// A whole-number coordinate outside Indonesia whose thousandth, `meant`, is inside: `106.827`
        /// read as 106827 so.
        case coordinateReadAsThousands(meant: String)
        /// Every number of the column ends in 0: a spreadsheet kept 15 digits of each (`WholeColumnTally`).
        case roundedBySpreadsheet(numbers: Int)
        /// A whole number written as a decimal (`4.0`), as a program that read the column as decimals writes it.
        case wholeNumberAsDecimal
        /// Every value of the column a whole number written as a decimal (`WholeColumnTally`).
        case columnWrittenAsDecimals(values: Int)
        /// Every family card number the head's NIK on its row: the column filled from head_nik.
        case kkNumbersAreNIKs(rows: Int)
        /// Every score the row's welfare group: the column filled from welfare_group (`WholeColumnTally`).
        case scoresAreGroups(rows: Int)
        /// A family id that is the row's family card number (`kk`) or its head's NIK: a personal
        /// number, which every page and export shows whole as the family's id.
        case familyIDIsPersonalNumber(kk: Bool)
        /// One personal number on every row: filled down, or pasted over the column.
        case sameNumberOnEveryRow(rows: Int)
        /// One head's name on every row: filled down, or pasted over the column.
        case sameNameOnEveryRow(rows: Int)
        /// One name on every row of a regions list, for places of several levels: filled down, or pasted over the column.
        case samePlaceNameOnEveryRow(rows: Int)
        /// Two columns' names swapped in the header, each column's values under the other's name (`SwappedColumns`).
        case columnNamesSwapped(String, String)
        /// Three names or more moved round in the header (`SwappedColumns`): under each of `under`
        /// stand the values of the name at the same place in `valuesOf`.
        case columnNamesMovedRound(under: [String], valuesOf: [String])
        /// Most heads' names read as addresses (`WholeColumnTally.looksLikeAddress`): the columns swapped.
        case namesReadAsAddresses(Int, of: Int)
        /// Every member count 1 to 4 and every group a whole number below 100, some above 4: the columns swapped.
        case membersAndGroupSwapped(groupsAboveFour: Int)
        /// Every welfare group 0 to 3, some 0: the groups numbered from 0, each one below the format's.
        case groupsFromZero(rows: Int)
        /// Every welfare group 1 to 10, `aboveFour` of them above 4: deciles, not groups.
        case groupsAsDeciles(rows: Int, aboveFour: Int)
        /// A required column empty on every row: its values left out of the file.
        case columnEmpty(rows: Int)
        /// Every value of a column in other words than the format's (`ValuesInOtherWords`): each
        /// word `written` and the one to `write` for it, at the same place.
        case valuesInOtherWords(written: [String], write: [String], rows: Int)
        /// The groups' mean scores falling from the poorest group to the richest: a score where a
        /// higher value means a poorer family, which would turn every unit's order upside down.
        /// The poorest and the richest group of the list, each with its mean score as shown.
        case scoresRunReversed(poorest: Int, itsMean: String, richest: Int, theirMean: String)
        /// Every unit's families sharing one score (`ScoresWithinUnits`): the order within each unit
        /// would be by family id alone. The units (of two rows or more) and their rows.
        case oneScorePerUnit(units: Int, rows: Int)
        /// Digits written in groups (`3201 0145 0180 0001`): right once the separators go.
        case digitsInGroups
        case outsideIndonesia(ClosedRange<Double>)
        /// `6°30'15"S`, `6,5° LS`: with the value in decimal degrees.
        case coordinateWrittenOtherwise(decimal: String)
        case coordinatesApart
        /// One coordinate's column in the header without the other's (`partner`, the one there).
        case coordinateColumnMissing(partner: String)
        /// A coordinate's column empty on every row that gives its `partner` (ten rows or more).
        case coordinateColumnEmpty(partner: String, rows: Int)
        /// A latitude in Indonesia's longitudes and a longitude in its latitudes.
        case coordinatesSwapped
        /// 0 and 0: what a device writes when it had no position.
        case zeroCoordinates
        /// `-6.595038, 106.816635` in one coordinate's column, the other's empty: both, as a map copies them.
        case coordinatesInOneCell(latitude: String, longitude: String)
        // Against the database and the rest of the file
        case sameFamilyID(asLine: Int)
        /// Named once, at the first of the rows that name the unit.
        case unknownUnit(rows: Int, lastLine: Int)
        /// An unknown sub-SLS whose SLS is known: perhaps the SLS itself, written with two more digits.
        case unknownSubunit(sls: String, rows: Int, lastLine: Int)
        /// An unknown unit of which a place above is loaded, `place` the lowest: a code mistyped, or its regions not all loaded.
        case unknownUnitUnder(place: RegionCode, rows: Int, lastLine: Int)
        /// Two units or more of a regency none of whose places is loaded: its regions not loaded yet
        /// (or its code mistyped). Named once, at the first row, with the units and rows.
        case regencyNotLoaded(String, units: Int, rows: Int, lastLine: Int)
        case sameCode(asLine: Int)
        /// A family id that is a family of the same unit without its leading zeros (`was`): a spreadsheet took the ids for numbers.
        case leadingZerosLost(was: String)
        /// Named once, at the first of the rows whose parent it is.
        case parentMissing(String, rows: Int, lastLine: Int)
        /// Named once per unit, at the first of the rows that change it.
        case outsideRegion([String], rows: Int, lastLine: Int)
        /// A family the file lists in the uploader's places that is listed now in a unit outside them.
        case listedOutsideRegion(unit: String, [String])
        /// A family (removed, when `removedFamily` is set) of `unit`, which is in a forum past planning.
        case unitInForum(removedFamily: String?, unit: String, forumID: Int64, state: ForumState)

        /// `a`, `a and b`, `a, b and c`: in `and`, the language's word.
        public static func listed(_ names: [String], and: String) -> String {
            names.count < 2 ? names.joined() : names.dropLast().joined(separator: ", ") + " \(and) " + names.last!
        }

        /// The texts that must stay one line: a region's or a head's name, an address.
        public enum OneLineText: Sendable, Equatable { case name, address }
    }
}

extension ImportProblem.Kind {
    /// At most ten names, then how many more in the reader's words (`more`): a header of forty
    /// unknown columns is not named forty times over.
    public static func someOf(_ names: [String], more: (Int) -> String) -> String {
        let shown = names.prefix(10).joined(separator: ", ")
        return names.count > 10 ? shown + ", " + more(names.count - 10) : shown
    }
}
