import Dispatch
import Synchronization

/// The SHA-256 (hex) of a committed upload, delivered once the background hasher has it; nil when the
/// file could not be read back (the importer then computes the digest itself).
final class PendingDigest: Sendable {
    private enum State {
        case waiting([@Sendable (String?) -> Void])
        case ready(String?)
    }

    private let state = Mutex(State.waiting([]))
    private let readySignal = DispatchSemaphore(value: 0)

    init() {}

    /// A digest already known.
    init(known: String?) {
        state.withLock { $0 = .ready(known) }
        readySignal.signal()
    }

    /// The digest if it is already known.
    var valueIfReady: String?? {
        state.withLock { state in
            if case .ready(let value) = state { return .some(value) }
            return nil
        }
    }

    /// Runs `body` with the digest: now if known, otherwise on the hasher's thread when it is.
    func whenReady(_ body: @escaping @Sendable (String?) -> Void) {
        let known: String?? = state.withLock { state in
            switch state {
            case .ready(let value): return .some(value)
            case .waiting(var callbacks):
                callbacks.append(body)
                state = .waiting(callbacks)
                return nil
            }
        }
        if let known { body(known) }
    }

    /// Blocks until the digest is known.
    func wait() -> String? {
        if let known = valueIfReady { return known }
        readySignal.wait()
        readySignal.signal()
        return valueIfReady ?? nil
    }

    func resolve(_ value: String?) {
        let callbacks: [@Sendable (String?) -> Void] = state.withLock { state in
            guard case .waiting(let callbacks) = state else { return [] }
            state = .ready(value)
            return callbacks
        }
        readySignal.signal()
        for callback in callbacks { callback(value) }
    }
}
