extension String {
    /// More than `limit` characters as PostgreSQL's `length()` counts them: code points, not the
    /// letters a reader sees. "é" written as e and a combining accent is two, so a check by
    /// `count` let through names the database then refused.
    public func isLonger(than limit: Int) -> Bool {
        // Bytes are never fewer than code points: most texts are answered without counting.
        utf8.count > limit && unicodeScalars.count > limit
    }
}
