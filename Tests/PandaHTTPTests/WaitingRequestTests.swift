import Foundation
import PandaCore
import PandaHTTP
import PandaTesting
import Synchronization
import Testing

/// Requests that may wait (changes waiting for the database's writer) run on threads of their own: the
/// worker that received them keeps serving its other connections, and stopping the server answers them.
@Suite struct WaitingRequestTests {
    /// GET answers at once; POST waits until the test opens its gate.
    final class GatedHandler: HTTPHandler {
        let gate = DispatchSemaphore(value: 0)
        let postsStarted = Atomic<Int>(0)

        func respond(to request: HTTPRequest) -> HTTPResponse {
            guard request.method == "POST" else { return .text("read") }
            postsStarted.add(1, ordering: .sequentiallyConsistent)
            gate.wait()
            return .text("changed", status: 201)
        }
    }

    /// Runs `body` on a thread of its own (blocking work would starve Dispatch's pool); `wait()` returns its result.
    final class Background<T: Sendable>: @unchecked Sendable {
        private let group = DispatchGroup()
        private var result: Result<T, any Error>?

        init(_ body: @escaping @Sendable () throws -> T) {
            group.enter()
            Thread {
                self.result = Result { try body() }
                self.group.leave()
            }.start()
        }

        func wait() throws -> T {
            group.wait()
            return try result!.get()
        }
    }

    static func startServer(_ handler: GatedHandler) throws -> HTTPServer {
        let server = HTTPServer(
            configuration: HTTPServerConfiguration(host: "127.0.0.1", port: 0, workerThreads: 1), handler: handler,
            logger: Logger(component: "http", minimumLevel: .error))
        try server.start()
        return server
    }

    @Test func aWaitingChangeDoesNotHoldUpTheOtherConnectionsOfItsWorker() throws {
        let handler = GatedHandler()
        let server = try Self.startServer(handler)
        defer { server.stop(deadline: .seconds(5)) }
        let base = "http://127.0.0.1:\(server.port)"
        // One worker thread: before, the waiting POSTs would have held every other connection.
        let posts = (1...3).map { _ in Background { try Curl.request("POST", base + "/change", body: "{}") } }
        #expect(eventually { handler.postsStarted.load(ordering: .sequentiallyConsistent) == 3 })

        let started = ContinuousClock.now
        let read = try Curl.request("GET", base + "/status")
        #expect(read.status == 200)
        #expect(String(decoding: read.body, as: UTF8.self) == "read")
        #expect(ContinuousClock.now - started < .seconds(2))

        for _ in posts { handler.gate.signal() }
        for post in posts {
            let answer = try post.wait()
            #expect(answer.status == 201)
            #expect(String(decoding: answer.body, as: UTF8.self) == "changed")
        }
    }

    @Test func stoppingAnswersAWaitingRequestWithServiceUnavailable() throws {
        let handler = GatedHandler()
        let server = try Self.startServer(handler)
        let base = "http://127.0.0.1:\(server.port)"
        let post = Background { try Curl.request("POST", base + "/change", body: "{}") }
        #expect(eventually { handler.postsStarted.load(ordering: .sequentiallyConsistent) == 1 })

        let started = ContinuousClock.now
        server.stop(deadline: .seconds(5))
        #expect(ContinuousClock.now - started < .seconds(3))
        let answer = try post.wait()
        #expect(answer.status == 503)
        #expect(answer.errorCode == "shutting_down")
        // The handler finishes later, unobserved; its answer goes nowhere.
        handler.gate.signal()
    }

    @Test func anOperatorChangeWaitingForTheWriterLeavesHealthAndReadsAnswering() throws {
        let fixture = try HTTPFixture()
        defer { fixture.remove() }
        // Hold the database's writer the way a large import does.
        let writerHeld = DispatchSemaphore(value: 0)
        let releaseWriter = DispatchSemaphore(value: 0)
        let writer = Background {
            try fixture.store.database.write { _ in
                writerHeld.signal()
                releaseWriter.wait()
            }
        }
        writerHeld.wait()
        // More changes than the server has worker threads.
        let changes = (1...4).map { _ in
            Background {
                try Curl.request(
                    "PATCH", fixture.base + "/api/v1/accounts/uni1", token: fixture.token,
                    body: #"{"settleSeconds": 120}"#)
            }
        }
        Thread.sleep(forTimeInterval: 0.3)

        let started = ContinuousClock.now
        #expect(try Curl.request("GET", fixture.base + "/healthz").status == 200)
        #expect(try Curl.request("GET", fixture.base + "/api/v1/accounts", token: fixture.token).status == 200)
        #expect(try Curl.request("GET", fixture.base + "/metrics").status == 200)
        #expect(ContinuousClock.now - started < .seconds(3))

        releaseWriter.signal()
        try writer.wait()
        for change in changes {
            #expect(try change.wait().status == 200)
        }
        #expect(try fixture.store.accounts.get("uni1").settings.settleSeconds == 120)
    }

    @Test func theAdminServerLetsChangesAndSignInsWait() throws {
        let fixture = try HTTPFixture()
        defer { fixture.remove() }
        let application = fixture.application
        for method in ["POST", "PATCH", "PUT", "DELETE"] {
            #expect(application.mayWait(HTTPRequest(method: method, path: "/api/v1/accounts/uni1")))
        }
        #expect(application.mayWait(HTTPRequest(method: "GET", path: "/held", query: ["token": "t"])))
        #expect(!application.mayWait(HTTPRequest(method: "GET", path: "/api/v1/accounts", query: ["token": "t"])))
        #expect(!application.mayWait(HTTPRequest(method: "GET", path: "/healthz")))
        #expect(!application.mayWait(HTTPRequest(method: "HEAD", path: "/")))
    }
}
