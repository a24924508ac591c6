import Foundation

/// Structured `key=value` logging: `ts=… level=info component=ssh event=login account=uni1 …`.
///
/// Values are quoted when they contain spaces, quotes or `=`, so lines stay machine-parseable.
/// Never pass secrets or personal data (passwords, record contents) as values.
public struct Logger: Sendable {
    /// Severity of a line.
    public enum Level: String, Sendable, Comparable {
        case debug, info, warning, error

        private var rank: Int {
            switch self {
            case .debug: 0
            case .info: 1
            case .warning: 2
            case .error: 3
            }
        }

        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rank < rhs.rank }
    }

    public let component: String
    public let minimumLevel: Level
    private let sink: any LogSink
    private let context: [(String, String)]

    public init(component: String, sink: any LogSink = StandardErrorSink(), minimumLevel: Level = .info) {
        self.component = component
        self.sink = sink
        self.minimumLevel = minimumLevel
        self.context = []
    }

    private init(component: String, sink: any LogSink, minimumLevel: Level, context: [(String, String)]) {
        self.component = component
        self.sink = sink
        self.minimumLevel = minimumLevel
        self.context = context
    }

    /// A logger for another component that writes to the same sink.
    public func named(_ component: String) -> Logger {
        Logger(component: component, sink: sink, minimumLevel: minimumLevel, context: context)
    }

    /// A logger that adds `fields` to every line (e.g. a connection id).
    public func with(_ fields: KeyValuePairs<String, String>) -> Logger {
        Logger(
            component: component, sink: sink, minimumLevel: minimumLevel,
            context: context + fields.map { ($0.key, $0.value) })
    }

    public func debug(_ event: String, _ fields: KeyValuePairs<String, String> = [:]) {
        log(.debug, event, fields)
    }

    public func info(_ event: String, _ fields: KeyValuePairs<String, String> = [:]) {
        log(.info, event, fields)
    }

    public func warning(_ event: String, _ fields: KeyValuePairs<String, String> = [:]) {
        log(.warning, event, fields)
    }

    public func error(_ event: String, _ fields: KeyValuePairs<String, String> = [:]) {
        log(.error, event, fields)
    }

    public func log(_ level: Level, _ event: String, _ fields: KeyValuePairs<String, String>) {
        guard level >= minimumLevel else { return }
        var line = "ts=\(Timestamp.iso8601(Date())) level=\(level.rawValue) component=\(component) event=\(event)"
        for (key, value) in context {
            line += " \(key)=\(Self.quotedValue(value))"
        }
        for (key, value) in fields {
            line += " \(key)=\(Self.quotedValue(value))"
        }
        sink.write(line)
    }

    /// `value` as it appears in a `key=value` line: bare when safe, quoted and escaped otherwise.
    public static func quotedValue(_ value: String) -> String {
        if !value.isEmpty && !value.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" || $0.isNewline }) {
            return value
        }
        var out = "\""
        for ch in value {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.append(ch)
            }
        }
        return out + "\""
    }
}
