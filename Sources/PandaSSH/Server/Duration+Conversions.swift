extension Duration {
    /// The duration in seconds as a `TimeInterval`.
    var timeIntervalValue: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }

    /// Whole milliseconds, clamped to what `poll` accepts.
    var pollMilliseconds: Int32 {
        let milliseconds = timeIntervalValue * 1000
        if milliseconds <= 0 { return 0 }
        return Int32(min(milliseconds.rounded(.up), Double(Int32.max)))
    }
}
