/// A long-running part of the server (SSH listener, importer, scheduler, HTTP): started once, stopped once.
///
/// `start` returns once the service is ready (e.g. listening); `stop` must return within the deadline,
/// finishing or safely abandoning in-flight work.
public protocol Service: AnyObject, Sendable {
    /// Name used in log lines, e.g. `ssh`.
    var name: String { get }
    func start() throws
    func stop(deadline: Duration)
}
