/// What one agent run does: the files, the account's folders, and the choices of the command line.
public struct AgentOptions: Sendable, Equatable {
    /// Local files to send, in any order (they are uploaded in the processing order of spec §5).
    public var files: [String]
    /// The roster the export is filtered to.
    public var studentsPath = "/outbound/students.csv"
    public var inboundFolder = "/inbound"
    /// Where files go for the server's dry run (`serverCheck`).
    public var validateFolder = "/validate"
    public var resultsFolder = "/results"
    /// Where the result reports are saved.
    public var reportsDirectory = "."
    /// How long to wait for the reports after the last upload, in seconds.
    public var waitSeconds = 900
    /// Seconds between two looks at the results folder.
    public var pollSeconds = 2.0
    /// Reports whose time is up to this many seconds before the upload still count (clock differences).
    public var clockSkewSeconds = 300.0
    /// Do not upload a file that has row errors.
    public var strict = false
    /// Upload the files as they are, without filtering them to students.csv.
    public var noFilter = false
    /// Stop after validating; upload nothing.
    public var dryRun = false
    /// Upload to the validate folder instead: the server checks the files with all its rules (roster,
    /// definitions, the changes they would make) and applies nothing.
    public var serverCheck = false

    /// The folder files are uploaded to.
    public var uploadFolder: String { serverCheck ? validateFolder : inboundFolder }
    /// Where the private directory of filtered copies is created (default: the system's temporary directory).
    public var temporaryRoot: String?

    public init(files: [String]) {
        self.files = files
    }
}
