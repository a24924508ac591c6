import Foundation
import PandaCore
import PandaStore
import PandaTesting
import Synchronization

/// A clock tests set by hand.
final class ManualClock: WallClock {
    private let current: Mutex<Date>
    init(_ date: Date = Date(timeIntervalSince1970: 1_796_000_000)) { current = Mutex(date) }
    func now() -> Date { current.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { current.withLock { $0 += seconds } }
}

/// A store in a fresh temporary data directory, with one institution `uni1` (both environments).
struct StoreFixture {
    let directory: TemporaryDirectory
    let store: Store
    let clock: ManualClock

    init(withInstitution: Bool = true) throws {
        directory = try TemporaryDirectory()
        clock = ManualClock()
        store = Store(database: try SQLiteDatabase(path: directory.file("panda.sqlite")), clock: clock)
        if withInstitution {
            _ = try store.institutions.add(
                id: try InstitutionID("uni1"), name: "University One", timeZone: "America/Chicago",
                contacts: [Contact(name: "Ada", email: "ada@uni.edu")], environments: [.test, .production])
        }
    }

    func newKey(_ fingerprint: String = "SHA256:abc") -> NewPublicKey {
        NewPublicKey(
            algorithm: .ed25519, bits: 256, fingerprint: fingerprint, base64: "AAAA", comment: "laptop",
            expiresAt: nil, allowedSources: [])
    }
}
