import PandaNotify
import Testing

@Suite("Retry schedule")
struct RetryScheduleTests {
    @Test("the standard schedule backs off from 10 s to 8 h and gives up after about a day")
    func standard() {
        let schedule = RetrySchedule.standard
        let expected: [Duration] = [
            .seconds(10), .seconds(30), .seconds(120), .seconds(600), .seconds(1800), .seconds(3600),
            .seconds(7200), .seconds(14_400), .seconds(28_800), .seconds(28_800),
        ]
        #expect((1...10).map { schedule.delay(afterFailedAttempt: $0) } == expected)
        #expect(schedule.delay(afterFailedAttempt: 11) == nil)
        #expect(schedule.maximumAttempts == 11)
        #expect(schedule.span > .seconds(23 * 3600) && schedule.span < .seconds(25 * 3600))
        #expect(zip(expected, expected.dropFirst()).allSatisfy { $0 <= $1 })
    }

    @Test("a custom schedule gives up after its last pause")
    func custom() {
        let schedule = RetrySchedule(delays: [.milliseconds(100), .milliseconds(200)])
        #expect(schedule.delay(afterFailedAttempt: 0) == nil)
        #expect(schedule.delay(afterFailedAttempt: 1) == .milliseconds(100))
        #expect(schedule.delay(afterFailedAttempt: 2) == .milliseconds(200))
        #expect(schedule.delay(afterFailedAttempt: 3) == nil)
        #expect(schedule.maximumAttempts == 3)
    }
}
