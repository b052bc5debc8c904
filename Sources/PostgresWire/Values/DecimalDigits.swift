/// Decimal digits written straight into memory, two at a time: what `int8out`, `pg_ultostr_zeropad` and
/// `pg_ultostr` print, without going through `String`.
enum DecimalDigits {
    /// "00" … "99", two bytes per number.
    private static let pairs: StaticString = "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"

    /// The most bytes ``writeSigned(_:to:)`` writes.
    static let maximumSignedLength = 20

    /// How many digits `value` has (1 for zero).
    @inline(__always)
    static func count(_ value: UInt64) -> Int {
        var digits = 1
        var rest = value
        while rest >= 10_000 {
            rest /= 10_000
            digits &+= 4
        }
        if rest >= 1_000 { return digits &+ 3 }
        if rest >= 100 { return digits &+ 2 }
        if rest >= 10 { return digits &+ 1 }
        return digits
    }

    /// Writes `value` in exactly `width` digits ending at `target + width` (the caller knows the width
    /// fits: ``count(_:)``, or more for zero padding, which is written too).
    @inline(__always)
    static func write(_ value: UInt64, width: Int, to target: UnsafeMutablePointer<UInt8>) {
        let table = pairs.utf8Start
        var rest = value
        var end = target + width
        while rest >= 100 {
            let pair = Int(rest % 100) &* 2
            rest /= 100
            end -= 2
            end[0] = table[pair]
            end[1] = table[pair &+ 1]
        }
        if rest >= 10 {
            let pair = Int(rest) &* 2
            end -= 2
            end[0] = table[pair]
            end[1] = table[pair &+ 1]
        } else {
            end -= 1
            end[0] = UInt8(truncatingIfNeeded: rest) &+ 0x30
        }
        while end > target {
            end -= 1
            end[0] = UInt8(ascii: "0")
        }
    }

    /// Writes `value` without padding; returns the bytes written.
    @inline(__always)
    static func write(_ value: UInt64, to target: UnsafeMutablePointer<UInt8>) -> Int {
        let width = count(value)
        write(value, width: width, to: target)
        return width
    }

    /// Writes `value` zero-padded to at least `width` digits (`pg_ultostr_zeropad`); returns the bytes written.
    @inline(__always)
    static func writePadded(_ value: UInt64, minimumWidth width: Int, to target: UnsafeMutablePointer<UInt8>) -> Int {
        let digits = max(count(value), width)
        write(value, width: digits, to: target)
        return digits
    }

    /// Writes a signed integer as `int8out` prints it; returns the bytes written (at most 20).
    @inline(__always)
    static func writeSigned(_ value: Int64, to target: UnsafeMutablePointer<UInt8>) -> Int {
        guard value < 0 else { return write(UInt64(value), to: target) }
        target[0] = UInt8(ascii: "-")
        return 1 &+ write(value.magnitude, to: target + 1)
    }
}
