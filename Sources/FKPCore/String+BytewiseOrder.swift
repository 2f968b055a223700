import Foundation

extension String {
    /// Whether this string's UTF-8 bytes sort before `other`'s: PostgreSQL's "C" order, in which the
    /// re-ranking rule breaks ties by family id. Compared as memory, as a million-family regency's
    /// sorts ask it tens of millions of times.
    public func precedesBytewise(_ other: String) -> Bool {
        let compared: Bool?? = utf8.withContiguousStorageIfAvailable { a in
            other.utf8.withContiguousStorageIfAvailable { b in
                let common = Swift.min(a.count, b.count)
                let order = common == 0 ? 0 : memcmp(a.baseAddress!, b.baseAddress!, common)
                return order != 0 ? order < 0 : a.count < b.count
            }
        }
        return (compared ?? nil) ?? utf8.lexicographicallyPrecedes(other.utf8)
    }
}
