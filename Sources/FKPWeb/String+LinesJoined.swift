extension String {
    /// The text as one line: each run of line breaks (CR, LF) made one space. For what a text field
    /// sends, and a file name shown on a page and kept with its batch.
    var linesJoined: String {
        guard contains(where: \.isNewline) else { return self }
        return split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }).joined(separator: " ")
    }
}
