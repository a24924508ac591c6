import Foundation
import Synchronization

/// A request handed to a thread of its own while its connection is suspended (see `HTTPHandler.mayWait`).
///
/// Its connection is resumed exactly once: by the handler's thread when the response is ready, or by a
/// shutting-down server answering for it, whichever comes first; the later of the two changes nothing.
final class WaitingRequest: Sendable {
    private enum State {
        case running
        case answered(HTTPResponse)
        case delivered
    }

    private let state = Mutex(State.running)
    private let resume: @Sendable () -> Void

    /// `resume` hands the connection back to its worker, which then asks for the response.
    init(resume: @escaping @Sendable () -> Void) {
        self.resume = resume
    }

    /// Keeps `response` and resumes the connection, unless the request was answered already.
    func answer(_ response: HTTPResponse) {
        state.withLock { state in
            guard case .running = state else { return }
            state = .answered(response)
            // Under the lock, so that a concurrent `answer` can never resume the connection a second time.
            resume()
        }
    }

    /// The response to send, once answered; nil while the handler is still running or once delivered.
    func takeResponse() -> HTTPResponse? {
        state.withLock { state in
            guard case .answered(let response) = state else { return nil }
            state = .delivered
            return response
        }
    }
}

/// The requests of one server that are waiting on their own threads, so that stopping can answer them first:
/// a connection must not be suspended when the server closes its connections.
final class WaitingRequests: Sendable {
    private struct Registry {
        var requests: [ObjectIdentifier: WaitingRequest] = [:]
        var closed = false
    }

    private let registry = Mutex(Registry())

    /// Registers a request; false once the server is stopping (the caller then answers at once).
    func add(_ request: WaitingRequest) -> Bool {
        registry.withLock { registry in
            guard !registry.closed else { return false }
            registry.requests[ObjectIdentifier(request)] = request
            return true
        }
    }

    /// Forgets a request whose response was delivered, or whose connection ended.
    func remove(_ request: WaitingRequest) {
        _ = registry.withLock { $0.requests.removeValue(forKey: ObjectIdentifier(request)) }
    }

    var count: Int { registry.withLock { $0.requests.count } }

    /// Refuses new waiting requests and answers those still running with `response`.
    func close(answeringWith response: HTTPResponse) {
        let running = registry.withLock { registry in
            registry.closed = true
            return Array(registry.requests.values)
        }
        for request in running {
            request.answer(response)
        }
    }

    /// Waits (polling) until every registered request was delivered, or `timeout` passed; true if all were.
    func waitUntilEmpty(timeout: Duration) -> Bool {
        let deadline = ContinuousClock.now + timeout
        while count > 0 {
            guard ContinuousClock.now < deadline else { return false }
            Thread.sleep(forTimeInterval: 0.005)
        }
        return true
    }
}
