/// The checks every bar passes and the defaults it gets, whichever format it came in.
enum BarChecks {
    /// What is wrong with a bar's values, naming its fields as the file does; nil when nothing is. Missing values
    /// (NaN) pass.
    static func problem(high: Double, low: Double, volume: Double,
                        names: @autoclosure () -> (high: String, low: String, volume: String)) -> String? {
        if high < low { return "\(names().high) \(high) is below \(names().low) \(low)" }
        if volume < 0 { return "\(names().volume) \(volume) is negative" }
        return nil
    }

    /// The interval of a bar whose file does not say: daily for bars at midnight, intraday otherwise.
    static func defaultInterval(for time: Int64) -> String {
        time % MarketTime.day == 0 ? "1d" : "intraday"
    }
}
