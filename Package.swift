// swift-tools-version:6.0
// Panda: scheduled SFTP data exchange between an education platform and its institutions.
// Layout and import rules: docs/architecture.md.
import PackageDescription

let package = Package(
    name: "Panda",
    products: [
        .executable(name: "panda", targets: ["panda"])
    ],
    targets: [
        // C libraries from Debian, each used from exactly one Swift target.
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CLibSSH", pkgConfig: "libssh", providers: [.apt(["libssh-dev"])]),
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CMicroHTTPD", pkgConfig: "libmicrohttpd", providers: [.apt(["libmicrohttpd-dev"])]),

        .target(name: "PandaCore", dependencies: ["CCrypto"]),
        .target(name: "PandaFormats", dependencies: ["PandaCore"]),
        .target(name: "PandaStore", dependencies: ["PandaCore", "CSQLite"]),
        .target(name: "PandaSFTP", dependencies: ["PandaCore"]),
        .target(name: "PandaSSH", dependencies: ["PandaCore", "CLibSSH"]),
        .target(name: "PandaExchange", dependencies: ["PandaCore", "PandaStore", "PandaSFTP", "PandaFormats"]),
        .target(name: "PandaAgent", dependencies: ["PandaCore", "PandaFormats", "PandaSSH"]),
        .target(name: "PandaNotify", dependencies: ["PandaCore", "PandaStore", "CCurl"]),
        .target(name: "PandaHTTP", dependencies: ["PandaCore", "PandaStore", "PandaExchange", "CMicroHTTPD"]),
        .target(
            name: "PandaCLI",
            dependencies: [
                "PandaCore", "PandaStore", "PandaFormats", "PandaSSH", "PandaSFTP", "PandaExchange", "PandaNotify",
                "PandaHTTP", "PandaAgent",
            ]),
        .executableTarget(name: "panda", dependencies: ["PandaCLI"]),

        .target(name: "PandaTesting", dependencies: ["PandaCore"], path: "Tests/PandaTesting"),
        .testTarget(name: "PandaCoreTests", dependencies: ["PandaCore", "PandaTesting"]),
        .testTarget(name: "PandaFormatsTests", dependencies: ["PandaFormats", "PandaTesting"]),
        .testTarget(name: "PandaStoreTests", dependencies: ["PandaStore", "PandaTesting"]),
        .testTarget(
            name: "PandaSSHTests", dependencies: ["PandaSSH", "PandaTesting"], resources: [.copy("Fixtures")]),
        .testTarget(name: "PandaSFTPTests", dependencies: ["PandaSFTP", "PandaTesting"]),
        .testTarget(
            name: "PandaExchangeTests", dependencies: ["PandaExchange", "PandaStore", "PandaFormats", "PandaTesting"]),
        .testTarget(name: "PandaNotifyTests", dependencies: ["PandaNotify", "PandaStore", "PandaTesting"]),
        .testTarget(
            name: "PandaHTTPTests",
            dependencies: ["PandaHTTP", "PandaStore", "PandaExchange", "PandaSSH", "PandaTesting"]),
        .testTarget(
            name: "PandaAgentTests",
            dependencies: ["PandaAgent", "PandaCore", "PandaFormats", "PandaExchange", "PandaStore", "PandaTesting"]),
        .testTarget(name: "PandaCLITests", dependencies: ["PandaCore", "PandaTesting"]),
        .testTarget(name: "PandaEndToEndTests", dependencies: ["PandaTesting"]),
    ],
    swiftLanguageModes: [.v6]
)
