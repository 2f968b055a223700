/// A families list's family card numbers and heads' NIKs that may each be on more than one of its
/// rows, as its reading found them (`RepeatedNumberFilter`); nil for a column whose candidates were
/// too many to keep: every row is then asked.
public struct PossiblyRepeatedNumbers: Sendable {
    public var kkNumbers: [String]?
    public var headNIKs: [String]?

    public init(kkNumbers: [String]?, headNIKs: [String]?) {
        self.kkNumbers = kkNumbers
        self.headNIKs = headNIKs
    }
}
