/// The Python programs behind `WebhookReceiver` and `SMTPSink`: small loopback servers that record what
/// they receive as JSON lines in a file, print `listening PORT` once bound, and run until killed.
enum LoopbackReceiverScripts {
    /// `webhook.py PORT OUTPUT STATUS [SECRET]`: answers every POST with STATUS, or 401 when SECRET is
    /// given and `X-Panda-Signature` is not `sha256=` + the HMAC-SHA256 of the body under it.
    static let webhook = #"""
        import hashlib, hmac, http.server, json, sys

        port, output, status = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
        secret = sys.argv[4].encode() if len(sys.argv) > 4 else None

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                signature = self.headers.get("X-Panda-Signature")
                valid = None
                if secret is not None:
                    expected = "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest()
                    valid = signature is not None and hmac.compare_digest(signature, expected)
                record = {"path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()},
                          "body": body.decode("utf-8", "replace"), "signatureValid": valid}
                with open(output, "a") as f:
                    f.write(json.dumps(record) + "\n")
                answer = 401 if valid is False else status
                self.send_response(answer)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
        print("listening %d" % server.server_address[1], flush=True)
        server.serve_forever()
        """#

    /// `smtp.py PORT OUTPUT`: a minimal SMTP server (EHLO, AUTH PLAIN, MAIL, RCPT, DATA, RSET, NOOP, QUIT)
    /// that accepts every message.
    static let smtp = #"""
        import base64, json, socketserver, sys

        port, output = int(sys.argv[1]), sys.argv[2]

        class Handler(socketserver.StreamRequestHandler):
            def reply(self, text):
                self.wfile.write((text + "\r\n").encode())
                self.wfile.flush()

            def handle(self):
                self.reply("220 sink ESMTP")
                sender, recipients, user = None, [], None
                while True:
                    line = self.rfile.readline()
                    if not line:
                        return
                    command = line.decode("utf-8", "replace").rstrip("\r\n")
                    upper = command.upper()
                    if upper.startswith("EHLO"):
                        self.reply("250-sink\r\n250-8BITMIME\r\n250-AUTH PLAIN\r\n250 SIZE 10485760")
                    elif upper.startswith("HELO"):
                        self.reply("250 sink")
                    elif upper.startswith("AUTH PLAIN"):
                        token = command[10:].strip()
                        if not token:
                            self.reply("334 ")
                            token = self.rfile.readline().decode().strip()
                        parts = base64.b64decode(token).split(b"\0")
                        user = parts[1].decode() if len(parts) > 2 else None
                        self.reply("235 2.7.0 accepted")
                    elif upper.startswith("MAIL FROM:"):
                        sender, recipients = command[10:].strip().split(" ")[0], []
                        self.reply("250 OK")
                    elif upper.startswith("RCPT TO:"):
                        recipients.append(command[8:].strip().split(" ")[0])
                        self.reply("250 OK")
                    elif upper == "DATA":
                        self.reply("354 end with <CRLF>.<CRLF>")
                        lines = []
                        while True:
                            data = self.rfile.readline()
                            if not data or data == b".\r\n":
                                break
                            lines.append(data[1:] if data.startswith(b"..") else data)
                        record = {"from": sender, "to": recipients, "user": user,
                                  "data": b"".join(lines).decode("utf-8", "replace")}
                        with open(output, "a") as f:
                            f.write(json.dumps(record) + "\n")
                        self.reply("250 OK queued")
                    elif upper == "RSET":
                        sender, recipients = None, []
                        self.reply("250 OK")
                    elif upper == "NOOP":
                        self.reply("250 OK")
                    elif upper == "QUIT":
                        self.reply("221 bye")
                        return
                    else:
                        self.reply("502 not implemented")

        class Server(socketserver.ThreadingTCPServer):
            allow_reuse_address = True
            daemon_threads = True

        server = Server(("127.0.0.1", port), Handler)
        print("listening %d" % server.server_address[1], flush=True)
        server.serve_forever()
        """#
}
