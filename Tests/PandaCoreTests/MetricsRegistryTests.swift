import Dispatch
import PandaCore
import Testing

@Suite struct MetricsRegistryTests {
    let registry = MetricsRegistry([
        .init("c_total", .counter, "a counter"),
        .init("g", .gauge, "a gauge"),
        .init("h_seconds", .histogram, "a histogram", buckets: [0.1, 1, 10]),
    ])

    func family(_ name: String) -> MetricFamily? { registry.snapshot().first { $0.description.name == name } }

    @Test func countersAndGaugesKeepOneValuePerLabelSet() {
        registry.increment("c_total", [("outcome", "ok")])
        registry.increment("c_total", [("outcome", "ok")], by: 2)
        registry.increment("c_total", [("outcome", "failed")])
        registry.set("g", to: 7)
        registry.set("g", to: 5)
        registry.increment("unknown_total")
        #expect(family("c_total")?.values[[("outcome", "ok")]] == 3)
        #expect(family("c_total")?.values[[("outcome", "failed")]] == 1)
        #expect(family("g")?.values[[]] == 5)
        #expect(registry.snapshot().map(\.description.name) == ["c_total", "g", "h_seconds"])
    }

    @Test func histogramBucketsAreCumulative() {
        for value in [0.05, 0.5, 5, 50] { registry.observe("h_seconds", [("route", "a")], value) }
        let histogram = family("h_seconds")?.histograms[[("route", "a")]]
        #expect(histogram?.bucketCounts == [1, 2, 3])
        #expect(histogram?.count == 4)
        #expect(histogram?.sum == 55.55)
    }

    @Test func concurrentUpdatesAreAllCounted() {
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<1000 {
                registry.increment("c_total")
                registry.observe("h_seconds", [], 0.5)
            }
        }
        #expect(family("c_total")?.values[[]] == 8000)
        #expect(family("h_seconds")?.histograms[[]]?.count == 8000)
    }
}
