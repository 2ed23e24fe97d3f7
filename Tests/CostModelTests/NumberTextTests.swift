import Testing

@testable import CostModel

/// The explanations' number formatting is total: it used to convert 1e300 to `Int64` (a trap) and to loop forever
/// looking for the decimal exponent of infinity.
@Suite struct NumberTextTests {
    @Test(arguments: [
        (Double.nan, "nan", "nan"), (.infinity, "inf", "inf"), (-.infinity, "-inf", "-inf"),
        (1e300, "1.00e300", "1.000e300"), (-1e300, "-1.00e300", "-1.000e300"), (5e-324, "4.94e-324", "4.941e-324"),
        (Double.greatestFiniteMagnitude, "1.80e308", "1.798e308"), (9.9996e20, "1.00e21", "1.000e21"),
        (1e19, "1.00e19", "1.000e19"), (1.5e14, "1.50e14", "150T"), (2.788e6, "2.79e6", "2.788M"),
        (0.391, "0.391", "0.391"),
    ])
    func anyDoubleFormats(value: Double, sig: String, short: String) {
        #expect(NumberText.sig(value) == sig)
        #expect(NumberText.short(value) == short)
        _ = NumberText.dollars(value)
        _ = NumberText.percent(value)
        _ = NumberText.fixed(value, 2)
    }

    @Test func fixedFallsBackToScientificWhenDigitsWouldNotFit() {
        #expect(NumberText.fixed(1e300, 2) == "1.000e300")
        #expect(NumberText.percent(1e30) == "1.000e32%")
        #expect(NumberText.fixed(-2.5, 1) == "-2.5")
        #expect(NumberText.fixed(-0.01, 1) == "0.0")
    }
}
