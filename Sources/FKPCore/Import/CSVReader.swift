/// A streaming RFC 4180 reader: comma-separated, double-quoted fields (with "" for a quote; spaces
/// around the quotes, which the RFC does not allow, are passed over), LF, CRLF or CR line ends, an
/// optional UTF-8 byte order mark. Bytes arrive in chunks of any size;
/// each complete record comes out with the line number it starts on. Blank lines (also of page
/// breaks, or of invisible characters such as a zero-width space), and rows of empty fields (`,,,,`
/// as spreadsheets save rows that once held formatting), are skipped.
public struct CSVReader: Sendable {
    public struct Record: Sendable, Equatable {
        public var line: Int
        public var fields: [String]
        /// Fields whose bytes are no text (not UTF-8, or holding a NUL byte); each is empty in
        /// `fields`. The record's place in the file is still known, so reading goes on after it and
        /// a file with many such lines is reported line by line, like any other problem.
        public var unreadableFields: [UnreadableField] = []

        public init(line: Int, fields: [String], unreadableFields: [UnreadableField] = []) {
            self.line = line
            self.fields = fields
            self.unreadableFields = unreadableFields
        }
    }

    public struct UnreadableField: Sendable, Equatable {
        /// From 1.
        public var column: Int
        public var problem: ImportProblem.Kind
        /// Bytes that are not UTF-8 read as Windows text, the encoding of a sheet saved as "CSV" rather
        /// than "CSV UTF-8" on Windows, so that the person can find the value.
        public var asWindowsText: String? = nil
    }

    public struct Failure: Error, Sendable, Equatable {
        public var line: Int
        /// Nil when the problem is the whole file's (it is not a CSV file at all).
        public var column: Int?
        public var problem: ImportProblem.Kind
    }

    /// `spacesAfterQuoted`: spaces or tabs after a closing quote, before the comma or line end.
    private enum State { case fieldStart, unquoted, quoted, quoteInQuoted, spacesAfterQuoted }

    private var state = State.fieldStart
    /// The bytes of the record being read, its fields one after another; `fieldEnds` marks where
    /// each ends. One buffer for the record rather than one array per field: a million-row file
    /// would otherwise cost ten million allocations.
    private var recordBytes: [UInt8] = []
    private var fieldEnds: [Int] = []
    private var line = 1
    private var recordLine = 1
    /// Where the quoted field being read opened: a missing closing quote swallows the lines after
    /// it, and the person needs the line where the quote is, not where the reader noticed.
    private var quoteLine = 1
    private var sawStart = false
    private var startBytes: [UInt8] = []
    private var pendingCR = false
    /// Whether the last byte read inside quotes was a CR: its LF, if one follows, is the same line break.
    private var quotedCR = false
    /// The white space right after a closing quote (a space or a tab), to tell a header separated by tabs.
    private var separatorAfterQuote: UInt8 = 0

    public init() {
        recordBytes.reserveCapacity(512)
        fieldEnds.reserveCapacity(16)
    }

    /// The first failure (broken quoting, a row too long, another kind of file); the reader stops reading there.
    public private(set) var failure: Failure?

    /// Whether the file's last record had no line break after it (`finish` returned it): a row
    /// short of fields there is what a file cut off in the middle of a row leaves.
    public private(set) var endsWithoutLineBreak = false

    /// Feeds bytes; returns the records they complete. After a failure it returns the records
    /// before it and reads nothing more (see `failure`).
    public mutating func feed(_ bytes: [UInt8]) -> [Record] {
        var out: [Record] = []
        guard failure == nil else { return out }
        var input = bytes
        if !sawStart {
            // A byte order mark, or the first bytes that tell another kind of file, may arrive split
            // over chunks: hold back what could still be one.
            startBytes += bytes
            // Four bytes tell UTF-16 without its mark.
            if startBytes.count < 4 || Self.knownStarts.contains(where: { $0.count > startBytes.count && $0.starts(with: startBytes) }) {
                return out
            }
            if let problem = Self.otherFileKinds.first(where: { startBytes.starts(with: $0.start) })?.problem
                ?? (Self.isUTF16WithoutMark(startBytes) ? .utf16File : nil) {
                failure = Failure(line: 1, column: nil, problem: problem)
                sawStart = true
                return out
            }
            input = startBytes.starts(with: Self.byteOrderMark) ? Array(startBytes.dropFirst(3)) : startBytes
            sawStart = true
            startBytes = []
        }
        do {
            try input.withUnsafeBufferPointer { buffer throws(Failure) in try read(buffer, into: &out) }
        } catch {
            failure = error
        }
        return out
    }

    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
    /// Files that people choose instead of the CSV, known by their first bytes. Read as text they
    /// fail on some byte of their binary content, with a message that does not say what is wrong.
    private static let otherFileKinds: [(start: [UInt8], problem: ImportProblem.Kind)] = [
        // Spreadsheets offer "Unicode text" (UTF-16) beside CSV.
        ([0xFF, 0xFE], .utf16File),
        ([0xFE, 0xFF], .utf16File),
        (Array("PK\u{03}\u{04}".utf8), .workbookOrZipFile),
        ([0xD0, 0xCF, 0x11, 0xE0], .excel97File),
        ([0x1F, 0x8B], .gzipFile),
        (Array("%PDF-".utf8), .pdfFile),
        // A phone's file picker offers its photos first.
        ([0xFF, 0xD8, 0xFF], .pictureFile),
        ([0x89] + Array("PNG\r\n".utf8), .pictureFile),
        (Array("GIF8".utf8), .pictureFile),
        // A shared sheet's link downloaded as its sign-in page, or a sheet saved as a web page or as XML.
        (Array("<!DOCTYPE html".utf8), .markupFile),
        (Array("<!doctype html".utf8), .markupFile),
        (Array("<html".utf8), .markupFile),
        (Array("<HTML".utf8), .markupFile),
        (Array("<?xml".utf8), .markupFile),
        // A list exported by a web application or an API as JSON: an array of objects, or one object a line.
        (Array("[{".utf8), .jsonFile),
        (Array("[ {".utf8), .jsonFile),
        (Array("[\n".utf8), .jsonFile),
        (Array("[\r\n".utf8), .jsonFile),
        (Array("{\"".utf8), .jsonFile),
    ]

    /// UTF-16 written without its byte order mark, as some programs export text: the first two
    /// characters each a byte and a NUL (little-endian) or a NUL and a byte (big-endian). No CSV
    /// begins with a NUL byte.
    private static func isUTF16WithoutMark(_ start: [UInt8]) -> Bool {
        guard start.count >= 4 else { return false }
        let littleEndian = start[0] != 0 && start[1] == 0 && start[2] != 0 && start[3] == 0
        let bigEndian = start[0] == 0 && start[1] != 0 && start[2] == 0 && start[3] != 0
        return littleEndian || bigEndian
    }

    /// Beginnings that need more bytes before the reader knows what the file is.
    private static let knownStarts = [byteOrderMark] + otherFileKinds.map(\.start)

    private static let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
    private static let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")
    /// The separators a spreadsheet set to another locale, or a program's export, writes instead of the comma.
    private static let otherSeparators: [UInt8: Character] = [UInt8(ascii: ";"): ";", tab: "\t", UInt8(ascii: "|"): "|"]
    /// Ctrl-Z, which old DOS and Windows programs write after a text's last line to mark its end.
    private static let endOfFileMark: UInt8 = 0x1A
    /// A page break and a vertical tab, which some programs write between a report's pages.
    private static let formFeed: UInt8 = 0x0C, verticalTab: UInt8 = 0x0B

    private mutating func read(_ input: UnsafeBufferPointer<UInt8>, into out: inout [Record]) throws(Failure) {
        var index = input.startIndex
        while index < input.endIndex {
            let byte = input[index]
            if pendingCR {
                pendingCR = false
                if byte == Self.lf { index += 1; continue }
            }
            switch state {
            case .fieldStart, .unquoted:
                switch byte {
                case Self.comma:
                    endField()
                case Self.lf, Self.cr:
                    endLine(crFirst: byte == Self.cr, into: &out)
                case Self.quote:
                    if state == .unquoted {
                        // Only spaces before it (`a, "b, c"`, as people type a list): the value is the
                        // quoted one, its surrounding spaces ignored as any value's are.
                        let fieldStart = fieldEnds.last ?? 0
                        guard recordBytes[fieldStart...].allSatisfy(Self.isSpace) else {
                            // `="3201..."`: how a program exporting for a spreadsheet keeps digits as text.
                            let isFormulaForText = recordBytes[fieldStart...].filter { !Self.isSpace($0) } == [UInt8(ascii: "=")]
                            throw Failure(line: line, column: fieldEnds.count + 1,
                                          problem: isFormulaForText ? .formulaKeepingText : .quoteInsideUnquotedField)
                        }
                        recordBytes.removeSubrange(fieldStart...)
                    }
                    state = .quoted
                    quoteLine = line
                default:
                    // The rest of an unquoted field, copied at once.
                    var end = index + 1
                    while end < input.endIndex, !Self.endsUnquotedRun(input[end]) { end += 1 }
                    recordBytes.append(contentsOf: UnsafeBufferPointer(rebasing: input[index..<end]))
                    try checkRecordLength()
                    state = .unquoted
                    index = end
                    continue
                }
            case .quoted:
                if byte == Self.quote {
                    state = .quoteInQuoted
                } else {
                    // A line break inside quotes counts as one outside: CR LF, LF, or CR alone.
                    if byte == Self.cr || (byte == Self.lf && !quotedCR) { line += 1 }
                    recordBytes.append(byte)
                    try checkRecordLength()
                }
                quotedCR = byte == Self.cr
            case .quoteInQuoted, .spacesAfterQuoted:
                switch byte {
                case Self.quote where state == .quoteInQuoted:
                    recordBytes.append(byte)
                    state = .quoted
                case Self.comma:
                    endField()
                case Self.lf, Self.cr:
                    endLine(crFirst: byte == Self.cr, into: &out)
                case Self.space, Self.tab:
                    if state == .quoteInQuoted { separatorAfterQuote = byte }
                    state = .spacesAfterQuoted
                default:
                    guard quoteLine != line else {
                        // A tab after the quote is passed over as white space: the text after it shows it was the separator.
                        let after = state == .spacesAfterQuoted && separatorAfterQuote == Self.tab ? Self.tab : byte
                        if recordLine == 1, let separator = Self.otherSeparators[after] {
                            // `"family_id";"sls_code"`: a header saved with another separator, its names quoted.
                            throw Failure(line: line, column: nil, problem: .headerSeparatedBy(separator))
                        }
                        // `"Budi \"Ucok\""`: a quote escaped as MySQL's and PHP's exports do, which CSV reads as its end.
                        let escaped = state == .quoteInQuoted && recordBytes.last == UInt8(ascii: "\\")
                        throw Failure(line: line, column: fieldEnds.count + 1, problem: escaped ? .quoteEscapedWithBackslash : .textAfterClosingQuote)
                    }
                    throw Failure(line: quoteLine, column: fieldEnds.count + 1,
                                  problem: .quoteClosesWithTextAfter(closingLine: line))
                }
            }
            index += 1
        }
    }

    /// The longest row read: a list's rows are a few hundred bytes, so a longer one is a quote
    /// left open or a file that is no list, refused before it fills the memory.
    public static let maximumRecordBytes = 64 << 10

    private func checkRecordLength() throws(Failure) {
        guard recordBytes.count > Self.maximumRecordBytes else { return }
        throw Failure(line: state == .quoted ? quoteLine : recordLine, column: fieldEnds.count + 1,
                      problem: .recordTooLong(maximumBytes: Self.maximumRecordBytes))
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == space || byte == tab }

    private static func endsUnquotedRun(_ byte: UInt8) -> Bool {
        byte == comma || byte == lf || byte == cr || byte == quote
    }

    /// Ends the input; returns the records not yet returned: those of a file shorter than the
    /// bytes held back at its start, and the last one if the file does not end with a line break.
    public mutating func finish() throws(Failure) -> [Record] {
        var out: [Record] = []
        if !sawStart {
            // A file shorter than the bytes that tell another kind of file (a byte order mark's, a
            // workbook's...): it is read as text, and bytes that are not UTF-8 are reported as such.
            sawStart = true
            let text = startBytes.starts(with: Self.byteOrderMark) ? Array(startBytes.dropFirst(3)) : startBytes
            try text.withUnsafeBufferPointer { buffer throws(Failure) in try read(buffer, into: &out) }
        }
        if let failure { throw failure }
        if state == .quoted {
            throw Failure(line: quoteLine, column: fieldEnds.count + 1, problem: .quoteNeverClosed)
        }
        if let last = endRecord() {
            out.append(last)
            endsWithoutLineBreak = true
        }
        return out
    }

    /// A line break outside quotes ends the record (a CR may be followed by the LF of a CRLF).
    private mutating func endLine(crFirst: Bool, into out: inout [Record]) {
        pendingCR = crFirst
        if let record = endRecord() { out.append(record) }
        line += 1
        recordLine = line
    }

    private mutating func endField() {
        fieldEnds.append(recordBytes.count)
        state = .fieldStart
    }

    private mutating func endRecord() -> Record? {
        endField()
        defer {
            recordBytes.removeAll(keepingCapacity: true)
            fieldEnds.removeAll(keepingCapacity: true)
        }
        let (isBlank, hasNUL, isASCII) = recordBytes.withUnsafeBufferPointer(Self.survey)
        if isBlank { return nil }  // a blank line, a row of empty fields, or an old program's end-of-file mark
        // A line of invisible characters only (a zero-width space, a no-break space) looks blank, and is.
        if !isASCII, !hasNUL, recordBytes.count <= 64, recordBytes.withUnsafeBufferPointer(Self.holdsNothingVisible) { return nil }
        var texts: [String] = []
        var unreadable: [UnreadableField] = []
        texts.reserveCapacity(fieldEnds.count)
        var start = 0
        for (index, end) in fieldEnds.enumerated() {
            let (text, problem) = recordBytes.withUnsafeBufferPointer { bytes -> (String, UnreadableField?) in
                let field = UnsafeBufferPointer(rebasing: bytes[start..<end])
                // UTF-8 allows a NUL byte, PostgreSQL's text does not: named here rather than by the database.
                if hasNUL, field.contains(0) { return ("", UnreadableField(column: index + 1, problem: .nulByte)) }
                // ASCII is UTF-8 as it stands; the validating initialiser is generic and costs a
                // type lookup per call, a tenth of reading a million-row file.
                if isASCII { return (String(decoding: field, as: UTF8.self), nil) }
                return String(validating: field, as: UTF8.self).map { ($0, nil) }
                    ?? ("", UnreadableField(column: index + 1, problem: .notUTF8, asWindowsText: Windows1252.text(field)))
            }
            if let problem { unreadable.append(problem) }
            texts.append(text)
            start = end
        }
        return Record(line: recordLine, fields: texts, unreadableFields: unreadable)
    }

    /// In one pass over a record's bytes: whether they are only spaces, tabs, page breaks and end-of-file marks, whether
    /// they hold a NUL byte, and whether they are all ASCII (a NUL byte is, but the record then needs a closer look).
    private static func survey(_ bytes: UnsafeBufferPointer<UInt8>) -> (isBlank: Bool, hasNUL: Bool, isASCII: Bool) {
        var isBlank = true
        var high: UInt8 = 0
        for byte in bytes {
            if byte == 0 { return (false, true, false) }
            high |= byte
            if byte != space && byte != tab && byte != endOfFileMark && byte != formFeed && byte != verticalTab { isBlank = false }
        }
        return (isBlank, false, high < 0x80)
    }

    /// Whether a record's bytes are UTF-8 of white space and invisible characters only. A line break
    /// inside quotes is a field's content, blank or not, as it is among ASCII spaces (`survey`).
    private static func holdsNothingVisible(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let text = String(validating: bytes, as: UTF8.self) else { return false }
        return text.unicodeScalars.allSatisfy { scalar in
            let isLineBreak = scalar.isInvisibleCharacter && scalar.invisibleKind == .lineBreak
            return !isLineBreak && (scalar.properties.isWhitespace || scalar.isInvisibleCharacter)
        }
    }
}
