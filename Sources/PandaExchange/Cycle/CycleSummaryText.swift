import Foundation
import PandaCore
import PandaStore

/// The day's summary of a cycle, as `panda status ACCOUNT` prints it and `results/cycle-DAY.summary.txt`
/// holds it: state, publication, download, deadline, the cycle's files, and coverage when computed. Times are
/// the account's local times.
public enum CycleSummaryText {
    /// Students without data listed per file type; the JSON of `panda status --coverage` lists all.
    public static let listedStudents = 100

    public static func render(_ status: CycleStatus, coverage: CycleCoverage?) -> String {
        let zone = status.schedule.timeZone
        let settings = status.account.settings
        var lines = [
            "Cycle of \(status.day) (\(weekdayName(status.day))) for \(status.account.username),"
                + " times in \(status.schedule.timeZoneName)",
            "",
        ]
        func add(_ label: String, _ value: String) {
            lines.append(label.padding(toLength: 14, withPad: " ", startingAt: 0) + value)
        }
        add("state", status.state.rawValue + (status.late ? " (files arrived after the deadline)" : ""))
        if let reason = status.reason { add("no cycle", reason) }
        let record = status.record
        if status.publishAt != nil || record?.publishedAt != nil {
            let published = record?.publishedAt.map { "published \(local($0, day: status.day, zone))" }
            add("students.csv", "due \(settings.publishAt), " + (published ?? "not published"))
            add("retrieved", record?.retrievedAt.map { local($0, day: status.day, zone) } ?? "not yet")
        }
        if status.deadline != nil || record?.decidedAt != nil {
            var deadline = "\(settings.deadline)"
            if record?.missed == true { deadline += ", missed: nothing was uploaded by then" }
            if record?.serverWasDown == true { deadline += " (the server was down during the cycle)" }
            add("deadline", deadline)
        }
        lines.append("")
        if status.files.isEmpty && status.queued.isEmpty {
            lines.append("files         none")
        } else {
            lines.append("files")
            var table = TextTable(["  ID", "NAME", "UPLOADED", "STATUS", "ROWS"])
            for file in status.files {
                let c = file.counts
                table.add([
                    "  \(file.id)", file.name, local(file.uploadedAt, day: status.day, zone), file.status.rawValue,
                    "read \(c.read), rejected \(c.rejected)" + (file.purgedAt == nil ? "" : " (file purged)"),
                ])
            }
            for upload in status.queued {
                table.add(["  -", upload.name, local(upload.uploadedAt, day: status.day, zone), "queued", "-"])
            }
            lines.append(table.rendered())
        }
        if let coverage { lines += [""] + render(coverage) }
        return lines.joined(separator: "\n") + "\n"
    }

    static func render(_ coverage: CycleCoverage) -> [String] {
        var lines = ["coverage: \(coverage.expected) students expected (\(coverage.expectedSource))"]
        for type in coverage.types {
            var line = "  " + type.type.padding(toLength: 18, withPad: " ", startingAt: 0)
            if type.files.isEmpty {
                line += "no file; \(type.withoutCount) students without data"
            } else {
                line += "\(type.withData) with data, \(type.withoutCount) without"
                if !type.unreadable.isEmpty {
                    line += " (files \(type.unreadable.map(String.init).joined(separator: ", ")) purged, not counted)"
                }
            }
            lines.append(line)
            if !type.files.isEmpty && !type.without.isEmpty {
                let more = type.withoutCount - type.without.count
                lines.append(
                    "    without: " + type.without.joined(separator: ", ") + (more > 0 ? " and \(more) more" : ""))
            }
        }
        return lines
    }

    /// `HH:MM:SS` in the account's zone, with the date when it is not the cycle's day.
    static func local(_ date: Date, day: LocalDate, _ zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let time = String(format: "%02d:%02d:%02d", c.hour!, c.minute!, c.second!)
        let onDay = LocalDate(year: c.year!, month: c.month!, day: c.day!)
        return onDay == day ? time : "\(onDay) \(time)"
    }

    static func weekdayName(_ day: LocalDate) -> String {
        let name = "\(day.weekday)"
        return name.prefix(1).uppercased() + name.dropFirst()
    }
}
