import PandaCore

/// What the institution's contacts should do about each kind of event: the last paragraph of a mail.
enum EventAdvice {
    static func text(for kind: String) -> String {
        switch NotificationEvent.Kind(rawValue: kind) {
        case .cycleMissed:
            "No file arrived by today's deadline. Upload today's files to /inbound as soon as you can, or tell"
                + " the operator if there was nothing to send."
        case .fileRejected:
            "The file was not applied at all. Its report in /results (the .summary.txt and .errors.csv files)"
                + " says why; fix the file and upload it again."
        case .fileProcessedWithErrors:
            "The file was applied except for the rows listed in its .errors.csv report in /results, each with"
                + " its line and error code. Fix those rows and upload them again."
        case .fileHeld:
            "The file would deactivate students or end program memberships beyond the safety threshold, so it"
                + " waits for the operator to approve or discard it. Tell the operator whether the change is"
                + " intended."
        case .keyExpiring:
            "Send the operator a new public key and use it once it is registered; then ask for the old key to"
                + " be revoked. Logins with the old key stop when it expires."
        case .loginFailures:
            "Logins from this address failed repeatedly, so it is blocked for a while. If these were your own"
                + " attempts, check the username and the key your client uses; otherwise nothing is needed,"
                + " Panda accepts only registered keys."
        case nil:
            "See the details above, or ask the operator."
        }
    }
}
