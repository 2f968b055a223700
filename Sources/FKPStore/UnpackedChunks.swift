import FKPCore

/// A list file's chunks as the CSV they hold: unpacked as they are read when the file was
/// compressed with gzip (known by its first two bytes, whatever its name), as they are otherwise.
/// A list compressed is about a quarter of its size, which a weak connection feels; what is loaded,
/// and the SHA-256 its batch records, are those of the list itself.
public struct UnpackedChunks<Base: AsyncSequence & Sendable>: AsyncSequence, Sendable where Base.Element == [UInt8] {
    public typealias Element = [UInt8]
    let base: Base
    let limit: Int?

    /// `atMost`: the most bytes a compressed file may unpack to (the upload's limit on the server,
    /// so that a small file cannot fill its disk); nil: any size, as a file given on the command line.
    public init(_ base: Base, atMost limit: Int? = nil) {
        self.base = base
        self.limit = limit
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(base: base.makeAsyncIterator(), limit: limit) }

    public struct AsyncIterator: UnpackingIterator {
        var base: Base.AsyncIterator
        let limit: Int?
        /// The first bytes, kept until there are two to tell gzip by.
        var start: [UInt8] = []
        var inflater: GzipInflater?
        var plain = false
        var unpackedBytes = 0
        var ended = false

        public var isUnpacking: Bool { inflater != nil }

        public mutating func next() async throws -> [UInt8]? {
            while true {
                if let inflater, let piece = try Self.said({ try inflater.next() }) {
                    unpackedBytes += piece.count
                    if let limit, unpackedBytes > limit {
                        throw ImportProblems([ImportProblem(line: nil, problem: .unpacksTooLarge(maximumMegabytes: limit >> 20))])
                    }
                    return piece
                }
                guard !ended, let chunk = try await base.next() else {
                    guard !ended else { return nil }
                    ended = true
                    if let inflater { try Self.said { try inflater.finish() } }
                    return start.isEmpty ? nil : take(start)
                }
                if plain { return chunk }
                if let inflater {
                    inflater.feed(chunk)
                    continue
                }
                start += chunk
                guard start.count >= 2 else { continue }
                guard start[0] == 0x1F, start[1] == 0x8B else {
                    plain = true
                    return take(start)
                }
                let inflater = try GzipInflater()
                inflater.feed(take(start))
                self.inflater = inflater
            }
        }

        private mutating func take(_ bytes: [UInt8]) -> [UInt8] {
            start = []
            return bytes
        }

        /// The inflater's failures as the problems of the file that an import reports.
        private static func said<T>(_ body: () throws -> T) throws -> T {
            do {
                return try body()
            } catch let failure as GzipInflater.Failure {
                throw ImportProblems([ImportProblem(line: nil, problem: failure == .cutOff ? .compressedFileCutOff : .compressedFileDamaged)])
            }
        }
    }
}
