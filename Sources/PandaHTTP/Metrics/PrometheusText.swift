import Foundation
import PandaCore

/// Renders metric families in the Prometheus text exposition format (version 0.0.4).
enum PrometheusText {
    static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    static func render(_ families: [MetricFamily]) -> String {
        var out = ""
        for family in families {
            let d = family.description
            out += "# HELP \(d.name) \(escapeHelp(d.help))\n# TYPE \(d.name) \(d.kind.rawValue)\n"
            switch d.kind {
            case .counter, .gauge:
                for (labels, value) in family.values.sorted(by: { labelText($0.key) < labelText($1.key) }) {
                    out += "\(d.name)\(labelText(labels)) \(number(value))\n"
                }
            case .histogram:
                for (labels, histogram) in family.histograms.sorted(by: { labelText($0.key) < labelText($1.key) }) {
                    for (bound, count) in zip(d.buckets, histogram.bucketCounts) {
                        out += "\(d.name)_bucket\(labelText(labels, adding: ("le", number(bound)))) \(count)\n"
                    }
                    out += "\(d.name)_bucket\(labelText(labels, adding: ("le", "+Inf"))) \(histogram.count)\n"
                    out += "\(d.name)_sum\(labelText(labels)) \(number(histogram.sum))\n"
                    out += "\(d.name)_count\(labelText(labels)) \(histogram.count)\n"
                }
            }
        }
        return out
    }

    static func labelText(_ labels: MetricLabels, adding extra: (String, String)? = nil) -> String {
        var pairs = labels.pairs.map { ($0.name, $0.value) }
        if let extra { pairs.append(extra) }
        guard !pairs.isEmpty else { return "" }
        return "{" + pairs.map { "\($0.0)=\"\(escapeValue($0.1))\"" }.joined(separator: ",") + "}"
    }

    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    private static func escapeValue(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    private static func escapeHelp(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
    }
}
