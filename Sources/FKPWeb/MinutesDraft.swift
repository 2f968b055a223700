/// What was typed into a signature's form on the minutes and refused (a name or a reason missing,
/// or holding a personal number), put back in that form to be mended rather than typed again.
enum MinutesDraft {
    /// A paper signature or refusal recorded for the place `slot`.
    case paper(slot: String, name: String, reason: String)
    /// The voiding of mark `markID`.
    case void(markID: Int64, reason: String)
}
