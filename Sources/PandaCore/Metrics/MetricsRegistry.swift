import Synchronization

/// Counters, gauges and histograms kept in memory for `/metrics`, fed by the services' observers.
///
/// One registry per server process. Every family is declared once (`MetricFamilyDescription`) so names, help
/// and histogram buckets live in one place; updates take a lock for a few nanoseconds.
public final class MetricsRegistry: Sendable {
    private let families: Mutex<[String: MetricFamily]>
    private let order: [String]

    public init(_ descriptions: [MetricFamilyDescription]) {
        var families: [String: MetricFamily] = [:]
        for description in descriptions { families[description.name] = MetricFamily(description: description) }
        self.families = Mutex(families)
        order = descriptions.map(\.name)
    }

    /// Adds `amount` to a counter (or a gauge).
    public func increment(_ name: String, _ labels: MetricLabels = [], by amount: Double = 1) {
        families.withLock { families in
            families[name]?.values[labels, default: 0] += amount
        }
    }

    /// Sets a gauge.
    public func set(_ name: String, _ labels: MetricLabels = [], to value: Double) {
        families.withLock { families in
            families[name]?.values[labels] = value
        }
    }

    /// Records one observation of a histogram.
    public func observe(_ name: String, _ labels: MetricLabels = [], _ value: Double) {
        families.withLock { families in
            // Mutated in place: copying the family out and back (as a first version did) copied its
            // dictionaries under the lock, and every admin API request observes its duration.
            guard let buckets = families[name]?.description.buckets else { return }
            families[name]!.histograms[labels, default: HistogramValues(bucketCount: buckets.count)].record(
                value, buckets: buckets)
        }
    }

    /// A copy of every family, in declaration order.
    public func snapshot() -> [MetricFamily] {
        families.withLock { families in order.compactMap { families[$0] } }
    }
}

/// Label pairs in a fixed order, e.g. `[("outcome", "success")]`.
public struct MetricLabels: Hashable, Sendable, ExpressibleByArrayLiteral {
    public var pairs: [Pair]

    public struct Pair: Hashable, Sendable {
        public var name: String
        public var value: String
    }

    public init(_ pairs: [(String, String)]) { self.pairs = pairs.map { Pair(name: $0.0, value: $0.1) } }
    public init(arrayLiteral elements: (String, String)...) { self.init(elements) }
}

/// What a family is: name, help text, type and, for a histogram, its bucket upper bounds.
public struct MetricFamilyDescription: Sendable {
    public enum Kind: String, Sendable { case counter, gauge, histogram }

    public var name: String
    public var help: String
    public var kind: Kind
    public var buckets: [Double]

    public init(_ name: String, _ kind: Kind, _ help: String, buckets: [Double] = []) {
        self.name = name
        self.kind = kind
        self.help = help
        self.buckets = buckets
    }
}

/// One family's current values.
public struct MetricFamily: Sendable {
    public var description: MetricFamilyDescription
    /// Counter and gauge values by labels.
    public var values: [MetricLabels: Double] = [:]
    public var histograms: [MetricLabels: HistogramValues] = [:]

    public init(description: MetricFamilyDescription) { self.description = description }
}

/// A histogram's cumulative bucket counts, count and sum.
public struct HistogramValues: Sendable {
    /// Observations at or below each bound of the family's buckets (cumulative, as Prometheus wants).
    public var bucketCounts: [UInt64]
    public var count: UInt64 = 0
    public var sum: Double = 0

    init(bucketCount: Int) { bucketCounts = [UInt64](repeating: 0, count: bucketCount) }

    mutating func record(_ value: Double, buckets: [Double]) {
        for (index, bound) in buckets.enumerated() where value <= bound {
            bucketCounts[index] += 1
        }
        count += 1
        sum += value
    }
}
