import Dispatch
import Foundation

/// Starts services in order, waits for SIGINT or SIGTERM, then stops them in reverse order.
///
/// Owns signal handling for the whole process, so no service installs its own handlers. Handlers are
/// installed before the first service starts, so a signal sent as soon as a listener is announced is
/// never lost. Used from the thread that runs `panda serve`.
public final class ServiceGroup {
    private let services: [any Service]
    private let logger: Logger
    private let stopDeadline: Duration
    private let stopRequested = DispatchSemaphore(value: 0)
    private var signalSources: [any DispatchSourceSignal] = []

    public init(services: [any Service], logger: Logger, stopDeadline: Duration = .seconds(10)) {
        self.services = services
        self.logger = logger
        self.stopDeadline = stopDeadline
    }

    /// Starts every service; if one fails to start, stops those already started and rethrows.
    public func start() throws {
        if signalSources.isEmpty { signalSources = installSignalHandlers() }
        var started: [any Service] = []
        for service in services {
            do {
                try service.start()
                started.append(service)
            } catch {
                logger.error("service.start_failed", ["service": service.name, "error": "\(error)"])
                for running in started.reversed() { running.stop(deadline: stopDeadline) }
                throw error
            }
        }
    }

    /// Blocks until SIGINT or SIGTERM (or `requestStop`), then stops every service.
    public func waitForShutdown() {
        if signalSources.isEmpty { signalSources = installSignalHandlers() }
        stopRequested.wait()
        logger.info("shutdown.begin")
        let clock = ContinuousClock()
        let began = clock.now
        for service in services.reversed() {
            service.stop(deadline: stopDeadline)
            logger.info("service.stopped", ["service": service.name])
        }
        logger.info("shutdown.done", ["seconds": String(format: "%.2f", (clock.now - began).seconds)])
    }

    /// Asks `waitForShutdown` to return, as a signal would.
    public func requestStop() { stopRequested.signal() }

    private func installSignalHandlers() -> [any DispatchSourceSignal] {
        var sources: [any DispatchSourceSignal] = []
        for signalNumber in [SIGINT, SIGTERM] {
            // Ignore the default action so the dispatch source sees the signal instead of the process dying.
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { [logger, stopRequested] in
                logger.info("signal", ["signal": signalNumber == SIGINT ? "SIGINT" : "SIGTERM"])
                stopRequested.signal()
            }
            source.resume()
            sources.append(source)
        }
        return sources
    }
}

extension Duration {
    /// The duration in seconds, for logs.
    public var seconds: Double {
        let (s, attoseconds) = components
        return Double(s) + Double(attoseconds) / 1e18
    }
}
