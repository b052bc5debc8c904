import Testing
@testable import PGCheckCLI

/// `--max-blocked 1s`, `500ms`, `2min`: durations as people write them.
@Suite struct DurationArgumentTests {
    @Test(arguments: [("1", Duration.seconds(1)), ("1.5s", .milliseconds(1500)), ("500ms", .milliseconds(500)),
                      ("2min", .seconds(120)), ("2m", .seconds(120)), ("1h", .seconds(3600)), (" 0.25S ", .milliseconds(250))])
    func parses(text: String, duration: Duration) {
        #expect(DurationArgument(argument: text)?.duration == duration)
    }

    @Test(arguments: ["", "soon", "-1s", "1 fortnight", "nan"])
    func refuses(text: String) {
        #expect(DurationArgument(argument: text) == nil)
    }
}
