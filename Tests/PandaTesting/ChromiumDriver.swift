import Foundation

/// Headless Chromium for the dashboard tests: the DOM of a page (`dom`), and, driven over the DevTools
/// protocol, a click (`click`): opens a URL, clicks the element a CSS selector names (a form's submit button
/// posts the form as a user's click does, cookies and CSRF field included), waits for the next page and
/// returns its HTML.
///
/// The driver is a small Python program using only the standard library (its own WebSocket client), run
/// with the system python3; Chromium is started on a free loopback port with a throw-away profile and
/// stopped by PID.
public enum ChromiumDriver {
    public static var chromium: String? {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The DOM of `url` after the page settled (redirects followed, cookies kept within the run).
    public static func dom(_ url: String) throws -> String {
        guard let chromium else { throw Failure(message: "chromium is not installed; run scripts/bootstrap test") }
        let profile = try TemporaryDirectory(prefix: "panda-chromium")
        defer { profile.remove() }
        let outcome = try ChildProcess.run(
            chromium,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(profile.path)",
                "--virtual-time-budget=3000", "--dump-dom", url,
            ], timeout: .seconds(60))
        return outcome.stdout
    }

    /// Opens `url`, clicks `selector`, and returns the HTML of the page the click led to.
    public static func click(_ selector: String, at url: String) throws -> String {
        guard let chromium else { throw Failure(message: "chromium is not installed; run scripts/bootstrap test") }
        let dir = try TemporaryDirectory(prefix: "panda-cdp")
        defer { dir.remove() }
        let script = dir.file("cdp.py")
        try Data(source.utf8).write(to: URL(fileURLWithPath: script))
        let outcome = try ChildProcess.run(
            "/usr/bin/python3", [script, chromium, dir.file("profile"), url, selector], timeout: .seconds(90))
        guard outcome.succeeded else { throw Failure(message: "chromium driver failed: \(outcome.stderr)") }
        return outcome.stdout
    }

    public struct Failure: Error, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    static let source = #"""
        import base64, json, os, re, socket, struct, subprocess, sys, time, urllib.request

        chromium, profile, url, selector = sys.argv[1:5]
        browser = subprocess.Popen(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-port=0",
             "--remote-debugging-address=127.0.0.1", "--user-data-dir=" + profile, "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            port = None
            deadline = time.time() + 30
            while port is None and time.time() < deadline:
                line = browser.stderr.readline().decode(errors="replace")
                if not line and browser.poll() is not None:
                    sys.exit("chromium exited before listening")
                found = re.search(r"DevTools listening on ws://127\.0\.0\.1:(\d+)/", line)
                if found:
                    port = int(found.group(1))
            if port is None:
                sys.exit("chromium did not open its debugging port")
            targets = json.load(urllib.request.urlopen("http://127.0.0.1:%d/json/list" % port))
            page = next(t for t in targets if t["type"] == "page")
            path = page["webSocketDebuggerUrl"].split("/", 3)[3]

            sock = socket.create_connection(("127.0.0.1", port), timeout=30)
            key = base64.b64encode(os.urandom(16)).decode()
            sock.sendall(("GET /%s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                          "Sec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n\r\n" % (path, port, key)).encode())
            head = b""
            while b"\r\n\r\n" not in head:
                head += sock.recv(1)
            if b" 101 " not in head.split(b"\r\n")[0]:
                sys.exit("websocket handshake refused")

            def recv_exact(n):
                data = b""
                while len(data) < n:
                    chunk = sock.recv(n - len(data))
                    if not chunk:
                        raise EOFError
                    data += chunk
                return data

            def send(message):
                payload = json.dumps(message).encode()
                header = bytes([0x81])
                if len(payload) < 126:
                    header += bytes([0x80 | len(payload)])
                elif len(payload) < 65536:
                    header += bytes([0x80 | 126]) + struct.pack(">H", len(payload))
                else:
                    header += bytes([0x80 | 127]) + struct.pack(">Q", len(payload))
                mask = os.urandom(4)
                sock.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))

            def receive():
                message = b""
                while True:
                    first, second = recv_exact(2)
                    length = second & 0x7F
                    if length == 126:
                        length = struct.unpack(">H", recv_exact(2))[0]
                    elif length == 127:
                        length = struct.unpack(">Q", recv_exact(8))[0]
                    message += recv_exact(length)
                    if first & 0x80:
                        return json.loads(message)

            counter = [0]
            def call(method, params=None, until=None):
                counter[0] += 1
                send({"id": counter[0], "method": method, "params": params or {}})
                result, seen = None, until is None
                while result is None or not seen:
                    message = receive()
                    if message.get("id") == counter[0]:
                        if "error" in message:
                            sys.exit("%s failed: %s" % (method, message["error"]))
                        result = message.get("result", {})
                    elif until is not None and message.get("method") == until:
                        seen = True
                return result

            call("Page.enable")
            call("Page.navigate", {"url": url}, until="Page.loadEventFired")
            clicked = call("Runtime.evaluate", {
                "expression": "(() => { const e = document.querySelector(%s); if (!e) return false; e.click(); return true; })()"
                % json.dumps(selector), "returnByValue": True}, until="Page.loadEventFired")
            if not clicked["result"].get("value"):
                sys.exit("nothing matches " + selector)
            html = call("Runtime.evaluate", {"expression": "document.documentElement.outerHTML", "returnByValue": True})
            sys.stdout.write(html["result"]["value"])
        finally:
            browser.kill()
            browser.wait()
        """#
}
