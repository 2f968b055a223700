import Foundation

extension String {
    /// The text as one word for /bin/sh, whatever it holds: single-quoted, each `'` written `'\''`.
    public var shellQuoted: String {
        "'" + replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }
}
