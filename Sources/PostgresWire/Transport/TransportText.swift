#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Text for `errno` values, as the C library words them ("Connection refused").
enum PosixErrorText {
    static func text(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}

/// A duration in seconds as a person would write it: "2", "0.5", "1.25".
enum DurationText {
    static func format(_ seconds: Double) -> String {
        if seconds == seconds.rounded(), abs(seconds) < 1e15 {
            return String(Int64(seconds))
        }
        let hundredths = (seconds * 100).rounded() / 100
        return String(hundredths)
    }

    /// "1 second", "2 seconds", "0.5 seconds".
    static func phrase(_ seconds: Double) -> String {
        let number = format(seconds)
        return number == "1" ? "1 second" : "\(number) seconds"
    }
}
