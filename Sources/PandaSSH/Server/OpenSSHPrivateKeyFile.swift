import CLibSSH
import Foundation
import PandaCore

/// Renders a private key in OpenSSH's own format (`-----BEGIN OPENSSH PRIVATE KEY-----`, unencrypted).
///
/// libssh 0.10 writes only Ed25519 keys in that format and RSA/ECDSA keys as PKCS#8 PEM; we want every host
/// key in the format `ssh-keygen` writes, so RSA and ECDSA keys are re-encoded here from libssh's PEM export
/// and the key's public blob (format: OpenSSH `PROTOCOL.key`).
enum OpenSSHPrivateKeyFile {
    private static let magic = Array("openssh-key-v1".utf8) + [0]

    /// The file text for `key`, with `comment` stored inside as `ssh-keygen -C` would.
    static func render(_ key: LibSSHKey, comment: String) throws -> String {
        var pemPointer: UnsafeMutablePointer<CChar>?
        let rc = withExtendedLifetime(key) { ssh_pki_export_privkey_base64(key.raw, nil, nil, nil, &pemPointer) }
        guard rc == SSH_OK, let pem = LibSSH.takeString(pemPointer) else {
            throw SSHServerError.libssh(call: "ssh_pki_export_privkey_base64", message: "return code \(rc)")
        }
        guard let (label, der) = decodePEM(pem) else { throw DERReader.Malformed() }
        if label == "OPENSSH PRIVATE KEY" { return pem }

        let publicBlob = try Array(Data(base64Encoded: key.publicKey().base64()) ?? Data())
        var publicFields = PandaCore.SSHWireReader(publicBlob)
        guard let typeBytes = publicFields.readString() else { throw DERReader.Malformed() }
        let type = String(decoding: typeBytes, as: UTF8.self)

        var section = SSHWireWriter()
        let check = UInt32.random(in: .min ... .max)
        section.write(check)
        section.write(check)
        section.write(string: type)
        if type == "ssh-rsa" {
            let fields = try rsaPrivateFields(label: label, der: der)
            section.write(mpint: fields.n)
            section.write(mpint: fields.e)
            section.write(mpint: fields.d)
            section.write(mpint: fields.iqmp)
            section.write(mpint: fields.p)
            section.write(mpint: fields.q)
        } else if type.hasPrefix("ecdsa-sha2-") {
            guard let curve = publicFields.readString(), let point = publicFields.readString() else {
                throw DERReader.Malformed()
            }
            section.write(string: curve)
            section.write(string: point)
            section.write(mpint: try ecPrivateScalar(label: label, der: der))
        } else {
            throw SSHServerError.libssh(call: "OpenSSH key export", message: "unsupported key type \(type)")
        }
        section.write(string: comment)
        var padding: UInt8 = 1
        while section.bytes.count % 8 != 0 {
            section.append(raw: [padding])
            padding += 1
        }

        var file = SSHWireWriter()
        file.append(raw: magic)
        file.write(string: "none")  // cipher
        file.write(string: "none")  // kdf
        file.write(string: [UInt8]())  // kdf options
        file.write(1)  // number of keys
        file.write(string: publicBlob)
        file.write(string: section.bytes)
        section.wipe()
        defer { file.wipe() }

        let body = Data(file.bytes).base64EncodedString()
        var text = "-----BEGIN OPENSSH PRIVATE KEY-----\n"
        var index = body.startIndex
        while index < body.endIndex {
            let end = body.index(index, offsetBy: 70, limitedBy: body.endIndex) ?? body.endIndex
            text += body[index..<end] + "\n"
            index = end
        }
        return text + "-----END OPENSSH PRIVATE KEY-----\n"
    }

    /// The label and DER bytes of a single-block PEM text.
    static func decodePEM(_ pem: String) -> (String, [UInt8])? {
        var label: String?
        var body = ""
        for line in pem.split(whereSeparator: \.isNewline) {
            if line.hasPrefix("-----BEGIN ") && line.hasSuffix("-----") {
                label = String(line.dropFirst(11).dropLast(5))
            } else if line.hasPrefix("-----END ") {
                break
            } else if label != nil {
                body += line
            }
        }
        guard let label, let data = Data(base64Encoded: body) else { return nil }
        return (label, Array(data))
    }

    /// The inner key of a PKCS#8 `PrivateKeyInfo`, or the DER itself for the traditional formats.
    private static func innerKey(label: String, der: [UInt8]) throws -> ArraySlice<UInt8> {
        guard label == "PRIVATE KEY" else { return der[...] }
        var outer = DERReader(der[...])
        var info = DERReader(try outer.read(DERReader.sequence))
        _ = try info.read(DERReader.integer)  // version
        _ = try info.read(DERReader.sequence)  // algorithm identifier
        return try info.read(DERReader.octetString)
    }

    private static func rsaPrivateFields(label: String, der: [UInt8]) throws -> (
        n: ArraySlice<UInt8>, e: ArraySlice<UInt8>, d: ArraySlice<UInt8>, p: ArraySlice<UInt8>,
        q: ArraySlice<UInt8>, iqmp: ArraySlice<UInt8>
    ) {
        var outer = DERReader(try innerKey(label: label, der: der))
        var key = DERReader(try outer.read(DERReader.sequence))
        _ = try key.read(DERReader.integer)  // version
        let n = try key.read(DERReader.integer)
        let e = try key.read(DERReader.integer)
        let d = try key.read(DERReader.integer)
        let p = try key.read(DERReader.integer)
        let q = try key.read(DERReader.integer)
        _ = try key.read(DERReader.integer)  // d mod (p-1)
        _ = try key.read(DERReader.integer)  // d mod (q-1)
        let iqmp = try key.read(DERReader.integer)
        return (n, e, d, p, q, iqmp)
    }

    private static func ecPrivateScalar(label: String, der: [UInt8]) throws -> ArraySlice<UInt8> {
        var outer = DERReader(try innerKey(label: label, der: der))
        var key = DERReader(try outer.read(DERReader.sequence))
        _ = try key.read(DERReader.integer)  // version 1
        return try key.read(DERReader.octetString)
    }
}
