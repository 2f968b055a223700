/// A streaming RFC 4180 reader: comma-separated, double-quoted fields (with "" for a quote),
/// LF or CRLF line ends, an optional UTF-8 byte order mark. Bytes arrive in chunks of any size;
/// each complete record comes out with the line number it starts on.
public struct CSVReader: Sendable {
    public struct Record: Sendable, Equatable {
        public var line: Int
        public var fields: [String]
    }

    public struct Failure: Error, Sendable, Equatable {
        public var line: Int
        public var column: Int
        public var problem: String
    }

    private enum State { case fieldStart, unquoted, quoted, quoteInQuoted }

    private var state = State.fieldStart
    private var field: [UInt8] = []
    private var fields: [[UInt8]] = []
    private var line = 1
    private var recordLine = 1
    private var sawAnyByte = false
    private var pendingCR = false

    public init() {}

    /// The first failure (broken quoting, bad UTF-8); the reader stops reading there.
    public private(set) var failure: Failure?

    /// Feeds bytes; returns the records they complete. After a failure it returns the records
    /// before it and reads nothing more (see `failure`).
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [Record] {
        var out: [Record] = []
        guard failure == nil else { return out }
        do {
            try read(bytes, into: &out)
        } catch {
            failure = error
        }
        return out
    }

    private mutating func read(_ bytes: some Sequence<UInt8>, into out: inout [Record]) throws(Failure) {
        var input = Array(bytes)
        if !sawAnyByte && !input.isEmpty {
            sawAnyByte = true
            if input.starts(with: [0xEF, 0xBB, 0xBF]) { input.removeFirst(3) }
        }
        for byte in input {
            if pendingCR {
                pendingCR = false
                if byte == UInt8(ascii: "\n") { continue }
            }
            switch state {
            case .fieldStart, .unquoted:
                switch byte {
                case UInt8(ascii: ","):
                    endField()
                case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                    try endLine(crFirst: byte == UInt8(ascii: "\r"), into: &out)
                case UInt8(ascii: "\""):
                    guard state == .fieldStart else {
                        throw Failure(line: line, column: fields.count + 1, problem: "a quote inside an unquoted field (quote the whole field and double the quote)")
                    }
                    state = .quoted
                default:
                    field.append(byte)
                    state = .unquoted
                }
            case .quoted:
                if byte == UInt8(ascii: "\"") {
                    state = .quoteInQuoted
                } else {
                    if byte == UInt8(ascii: "\n") { line += 1 }
                    field.append(byte)
                }
            case .quoteInQuoted:
                switch byte {
                case UInt8(ascii: "\""):
                    field.append(byte)
                    state = .quoted
                case UInt8(ascii: ","):
                    endField()
                case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                    try endLine(crFirst: byte == UInt8(ascii: "\r"), into: &out)
                default:
                    throw Failure(line: line, column: fields.count + 1, problem: "text after a closing quote")
                }
            }
        }
    }

    /// Ends the input; returns the last record if the file does not end with a line break.
    public mutating func finish() throws(Failure) -> Record? {
        if let failure { throw failure }
        if state == .quoted {
            throw Failure(line: recordLine, column: fields.count + 1, problem: "a quoted field is never closed")
        }
        return try endRecord()
    }

    /// A line break outside quotes ends the record (a CR may be followed by the LF of a CRLF).
    private mutating func endLine(crFirst: Bool, into out: inout [Record]) throws(Failure) {
        pendingCR = crFirst
        if let record = try endRecord() { out.append(record) }
        line += 1
        recordLine = line
    }

    private mutating func endField() {
        fields.append(field)
        field = []
        state = .fieldStart
    }

    private mutating func endRecord() throws(Failure) -> Record? {
        endField()
        defer { fields = [] }
        if fields.count == 1 && fields[0].isEmpty { return nil }  // a blank line
        var texts: [String] = []
        texts.reserveCapacity(fields.count)
        for (index, bytes) in fields.enumerated() {
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw Failure(line: recordLine, column: index + 1, problem: "bytes that are not UTF-8 (save the file as UTF-8)")
            }
            texts.append(text)
        }
        return Record(line: recordLine, fields: texts)
    }
}
