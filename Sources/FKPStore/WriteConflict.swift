/// A write that lost a race with another transaction on the same row; nothing was changed.
public struct WriteConflict: Error, Sendable, CustomStringConvertible {
    public let what: String
    public var description: String { "\(what) was changed by someone else at the same moment" }
}
