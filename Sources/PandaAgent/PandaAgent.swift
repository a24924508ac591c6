/// The institution's side of the exchange (spec §8): `panda agent` fetches students.csv, filters the SIS
/// export to the listed students, validates it with the server's format rules, uploads it atomically and
/// waits for the result reports.
///
/// The logic talks to the server through `RemoteExchange` and to time through `AgentClock`, so it runs in
/// tests against memory; `SFTPRemoteExchange` is the real connection.
public enum PandaAgent {}
