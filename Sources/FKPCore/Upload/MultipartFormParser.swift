/// A `multipart/form-data` body (RFC 7578, its framing from RFC 2046) read as it arrives, in
/// pieces of any size: each part's headers, then its content in slices (never gathered: an upload
/// of any size passes through), then its end. Any bytes at all are either read or refused as
/// `Malformed`; nothing here traps, which a parser handed a stranger's bytes must promise
/// (`scripts/fuzz multipart-form`). No I/O.
public struct MultipartFormParser: Sendable {
    public struct Header: Sendable, Equatable {
        /// In lower case: header names are compared without case.
        public let name: String
        public let value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public enum Event {
        case partBegins([Header])
        /// The next bytes of the part's content, valid only during the call.
        case content(UnsafeRawBufferPointer)
        case partEnds
    }

    /// What makes the body not a form; the reason is for a log, not for a person's page.
    public struct Malformed: Error, Sendable, Equatable, CustomStringConvertible {
        public let reason: String
        public var description: String { reason }
    }

    /// A part's headers longer than this are refused rather than kept: a browser's are a few
    /// hundred bytes, and a body is a stranger's.
    public static let headersLimit = 16 * 1024

    private enum State: Sendable {
        /// Before the first delimiter: bytes passed over.
        case preamble
        /// A delimiter read: "--" closes the form; spaces, then CRLF, begin a part.
        case afterDelimiter
        case closing
        case padding
        case paddingEnd
        case headers
        case content
        /// After the closing delimiter: bytes passed over.
        case epilogue
    }

    /// CR LF "--" boundary: what separates parts (RFC 2046, 5.1.1).
    private let delimiter: [UInt8]
    private var state = State.preamble
    /// How much of the delimiter the last bytes were; in content, those bytes are held back until
    /// they turn out to be content. The body is read as if after a CRLF, so that it may begin with
    /// its first delimiter.
    private var matched = 2
    private var headerBytes: [UInt8] = []

    /// Nil for a boundary RFC 2046 does not allow: 1 to 70 of its characters, not ending in a space.
    public init?(boundary: String) {
        let bytes = Array(boundary.utf8)
        guard (1...70).contains(bytes.count), bytes.last != UInt8(ascii: " "), bytes.allSatisfy(Self.isBoundaryCharacter) else { return nil }
        delimiter = Array("\r\n--".utf8) + bytes
    }

    /// Whether the closing delimiter has been read: a body that ends before it is cut short.
    public var isComplete: Bool {
        if case .epilogue = state { return true }
        return false
    }

    /// Reads the next bytes of the body, handing what they hold to `handle` in order.
    public mutating func feed(_ bytes: UnsafeRawBufferPointer, _ handle: (Event) throws -> Void) throws {
        var index = 0
        while index < bytes.count {
            switch state {
            case .preamble:
                let byte = bytes[index]
                index += 1
                if advanceMatch(byte) { state = .afterDelimiter }
            case .content where matched > 0:
                // A delimiter begun at the end of the last piece: matched on byte by byte.
                if bytes[index] == delimiter[matched] {
                    index += 1
                    matched += 1
                    if matched == delimiter.count {
                        matched = 0
                        try handle(.partEnds)
                        state = .afterDelimiter
                    }
                } else {
                    // It was content. Its one CR is its first byte, so no delimiter begins within
                    // it; this byte is read again as content's.
                    try delimiter.withUnsafeBytes { try handle(.content(UnsafeRawBufferPointer(rebasing: $0[0..<matched]))) }
                    matched = 0
                }
            case .content:
                // Content up to the next delimiter is handed over in one run: a delimiter begins with
                // CR, so only a CR is looked at more closely.
                var scan = index
                while true {
                    guard let cr = bytes[scan...].firstIndex(of: 13) else {
                        if index < bytes.count { try handle(.content(UnsafeRawBufferPointer(rebasing: bytes[index...]))) }
                        index = bytes.count
                        break
                    }
                    let available = min(delimiter.count, bytes.count - cr)
                    guard bytes[cr..<(cr + available)].elementsEqual(delimiter[0..<available]) else {
                        scan = cr + 1
                        continue
                    }
                    if index < cr { try handle(.content(UnsafeRawBufferPointer(rebasing: bytes[index..<cr]))) }
                    index = cr + available
                    if available == delimiter.count {
                        try handle(.partEnds)
                        state = .afterDelimiter
                    } else {
                        // The piece ends inside what may be a delimiter: held back until the next one tells.
                        matched = available
                    }
                    break
                }
            case .afterDelimiter:
                let byte = bytes[index]
                index += 1
                switch byte {
                case UInt8(ascii: "-"): state = .closing
                case UInt8(ascii: " "), UInt8(ascii: "\t"): state = .padding
                case 13: state = .paddingEnd
                default: throw Malformed(reason: "a delimiter followed by \(byte), not CRLF or --")
                }
            case .closing:
                guard bytes[index] == UInt8(ascii: "-") else { throw Malformed(reason: "a closing delimiter with one dash") }
                index += 1
                state = .epilogue
            case .padding:
                let byte = bytes[index]
                index += 1
                switch byte {
                case UInt8(ascii: " "), UInt8(ascii: "\t"): break
                case 13: state = .paddingEnd
                default: throw Malformed(reason: "a delimiter's line holds \(byte)")
                }
            case .paddingEnd:
                guard bytes[index] == 10 else { throw Malformed(reason: "a delimiter's line ends in CR without LF") }
                index += 1
                headerBytes.removeAll(keepingCapacity: true)
                state = .headers
            case .headers:
                let byte = bytes[index]
                index += 1
                headerBytes.append(byte)
                guard headerBytes.count <= Self.headersLimit else { throw Malformed(reason: "a part's headers longer than \(Self.headersLimit) bytes") }
                // The headers end at an empty line: CRLF at their start, or CRLF CRLF.
                if byte == 10, headerBytes.count == 2 || headerBytes.suffix(4).elementsEqual([13, 10, 13, 10]), headerBytes[headerBytes.count - 2] == 13 {
                    try handle(.partBegins(try Self.headers(in: headerBytes.dropLast(headerBytes.count == 2 ? 2 : 4))))
                    matched = 0
                    state = .content
                }
            case .epilogue:
                return
            }
        }
    }

    /// Moves the preamble's match of the delimiter on by one byte; true when the whole delimiter has
    /// been read. A CR is the delimiter's only one, at its start, so a byte that breaks a match
    /// starts a new one only if it is a CR.
    private mutating func advanceMatch(_ byte: UInt8) -> Bool {
        if byte == delimiter[matched] {
            matched += 1
            if matched == delimiter.count {
                matched = 0
                return true
            }
        } else {
            matched = byte == 13 ? 1 : 0
        }
        return false
    }

    /// `Name: value` lines separated by CRLF; a line of another form is refused.
    private static func headers(in block: ArraySlice<UInt8>) throws -> [Header] {
        guard !block.isEmpty else { return [] }
        var found: [Header] = []
        var lines: [ArraySlice<UInt8>] = []
        var start = block.startIndex, index = block.startIndex
        while index < block.endIndex {
            if block[index] == 13, index + 1 < block.endIndex, block[index + 1] == 10 {
                lines.append(block[start..<index])
                index += 2
                start = index
            } else {
                index += 1
            }
        }
        lines.append(block[start..<block.endIndex])
        for line in lines {
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex,
                  line[..<colon].allSatisfy(isTokenCharacter) else { throw Malformed(reason: "a part's header line without a name") }
            let value = line[(colon + 1)...].drop { $0 == 32 || $0 == 9 }
            guard !value.contains(13), !value.contains(10) else { throw Malformed(reason: "a CR or LF inside a part's header") }
            var trimmed = value
            while let last = trimmed.last, last == 32 || last == 9 { trimmed = trimmed.dropLast() }
            found.append(Header(name: String(decoding: line[..<colon], as: UTF8.self).lowercased(), value: String(decoding: trimmed, as: UTF8.self)))
        }
        return found
    }

    /// RFC 9110's `tchar`: what a header's name is made of.
    private static func isTokenCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"): true
        default: tokenPunctuation.contains(byte)
        }
    }

    private static let tokenPunctuation = Array("!#$%&'*+-.^_`|~".utf8)

    /// RFC 2046's `bchars`.
    private static func isBoundaryCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"): true
        default: boundaryPunctuation.contains(byte)
        }
    }

    private static let boundaryPunctuation = Array("'()+_,-./:=? ".utf8)
}
