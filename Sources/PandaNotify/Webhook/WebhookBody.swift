import Foundation
import PandaCore

/// The JSON body of a webhook POST: one event, rendered once and stored, so every attempt sends the same
/// bytes (and the same signature).
///
/// ```json
/// {"id":"…","event":"cycle.missed","account":"uni1","institution":"uni1","environment":"production",
///  "occurredAt":"2026-12-04T18:00:00Z","summary":"…","details":{…}}
/// ```
public enum WebhookBody {
    public static func render(
        id: String, event: NotificationEvent, institution: String, environment: String
    ) -> String {
        JSONValue.object([
            ("id", .string(id)),
            ("event", .string(event.kind.rawValue)),
            ("account", .string(event.account)),
            ("institution", .string(institution)),
            ("environment", .string(environment)),
            ("occurredAt", .date(event.occurredAt)),
            ("summary", .string(event.summary)),
            ("details", .object(event.details)),
        ]).rendered(pretty: false)
    }
}
