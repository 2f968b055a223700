extension Int64 {
    /// The number `bytes` spell as `Int64(String)` reads one (a sign, then decimal digits), without
    /// making the string.
    public init?(decimal bytes: UnsafeBufferPointer<UInt8>) {
        guard let first = bytes.first else { return nil }
        let negative = first == UInt8(ascii: "-")
        let digits = negative || first == UInt8(ascii: "+") ? UnsafeBufferPointer(rebasing: bytes.dropFirst()) : bytes
        guard !digits.isEmpty else { return nil }
        var value: Int64 = 0
        for byte in digits {
            let digit = byte &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            let (shifted, overflowShift) = value.multipliedReportingOverflow(by: 10)
            let (next, overflowDigit) = negative ? shifted.subtractingReportingOverflow(Int64(digit))
                                                 : shifted.addingReportingOverflow(Int64(digit))
            guard !overflowShift, !overflowDigit else { return nil }
            value = next
        }
        self = value
    }
}
