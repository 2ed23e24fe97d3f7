#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// libm's natural logarithm (the C library directly, not Foundation).
@inline(__always) func naturalLog(_ x: Double) -> Double { log(x) }
