import HTTPTypes

/// A request refused for a reason the person can mend: the error page says which, in the person's
/// language, and links back to where they were.
protocol ExplainedRefusal: Error {
    var status: HTTPResponse.Status { get }
    /// Where to go back to, if not the start page.
    var back: String? { get }
    func message(_ t: Translations) -> String
}
