import PandaCore

/// Writes SSH wire-format fields.
struct SSHWireWriter {
    private(set) var bytes: [UInt8] = []

    mutating func write(_ value: UInt32) {
        bytes += [UInt8(value >> 24), UInt8(value >> 16 & 0xff), UInt8(value >> 8 & 0xff), UInt8(value & 0xff)]
    }

    mutating func write<Bytes: Collection<UInt8>>(string: Bytes) {
        write(UInt32(string.count))
        bytes += string
    }

    mutating func write(string: String) {
        write(string: Array(string.utf8))
    }

    /// An `mpint` from the big-endian magnitude of a non-negative integer.
    mutating func write<Bytes: Collection<UInt8>>(mpint magnitude: Bytes) {
        var digits = Array(magnitude.drop { $0 == 0 })
        if let first = digits.first, first & 0x80 != 0 {
            digits.insert(0, at: 0)
        }
        write(string: digits)
    }

    mutating func append<Bytes: Collection<UInt8>>(raw: Bytes) {
        bytes += raw
    }

    /// Overwrites the buffer (best effort against private material lingering in memory).
    mutating func wipe() {
        for index in bytes.indices { bytes[index] = 0 }
    }
}

/// Facts read from a public key blob that libssh 0.10 does not export.
enum SSHPublicKeyBlob {
    /// The key size in bits as `ssh-keygen -l` reports it (RSA/DSA: modulus; ECDSA: curve; Ed25519: 256).
    static func bits(ofBlob blob: [UInt8]) -> Int {
        var reader = PandaCore.SSHWireReader(blob)
        guard let typeBytes = reader.readString() else { return 0 }
        let type = String(decoding: typeBytes, as: UTF8.self)
        if let bits = SSHKeyAlgorithm(rawValue: type)?.fixedBits { return bits }
        switch type {
        case "ssh-rsa":
            _ = reader.readString()  // e
            return reader.readString().map(PandaCore.SSHWireReader.bitLength(ofMPInt:)) ?? 0  // n
        case "ssh-dss":
            return reader.readString().map(PandaCore.SSHWireReader.bitLength(ofMPInt:)) ?? 0  // p
        default:
            return 0
        }
    }
}
