import Foundation

/// Text typed by a person, inside a LIKE pattern: its `%`, `_` and `\` stand for themselves, not
/// for any text, any character and the escape.
enum LikePattern {
    static func literal(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
    }
}
