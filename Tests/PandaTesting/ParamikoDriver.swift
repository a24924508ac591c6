/// The Python program `ParamikoClient` runs: it reads a JSON request on standard input (login, then a
/// list of SFTP operations), performs them with paramiko, and prints one JSON report.
///
/// Each operation's result keeps the server's own SFTP status code and message (paramiko would turn
/// them into errno values), so tests can tell "no such file" from "permission denied".
enum ParamikoDriver {
    static let source = #"""
        import json, sys
        import paramiko
        from paramiko import sftp as codes

        class StatusError(Exception):
            def __init__(self, code, text):
                super().__init__(text)
                self.code = code
                self.text = text

        class StatusClient(paramiko.SFTPClient):
            def _convert_status(self, msg):
                code = msg.get_int()
                text = msg.get_text()
                if code == codes.SFTP_OK:
                    return
                if code == codes.SFTP_EOF:
                    raise EOFError(text)
                raise StatusError(code, text)

        def authenticate(transport, request):
            method = request["method"]
            user = request["username"]
            try:
                if method == "publickey":
                    transport.auth_publickey(user, paramiko.PKey.from_path(request["privateKey"]))
                elif method == "password":
                    transport.auth_password(user, request.get("secret", ""))
                elif method == "keyboard-interactive":
                    transport.auth_interactive(user, lambda title, text, prompts: [request.get("secret", "")] * len(prompts))
                elif method == "none":
                    transport.auth_none(user)
                return {"authenticated": transport.is_authenticated()}
            except paramiko.BadAuthenticationType as e:
                return {"authenticated": False, "allowed": list(e.allowed_types), "error": str(e)}
            except Exception as e:
                return {"authenticated": False, "error": "%s: %s" % (type(e).__name__, e)}

        def attributes(a):
            return {"size": a.st_size, "mode": a.st_mode}

        def perform(client, op):
            kind = op["op"]
            path = op.get("path")
            if kind == "get":
                client.get(path, op["local"]); return {}
            if kind == "put":
                client.put(op["local"], path, confirm=False); return {}
            if kind == "read":
                with client.open(path, "rb") as f:
                    return {"text": f.read().decode("utf-8", "replace")}
            if kind == "write":
                f = client.open(path, op.get("mode", "wb"))
                f.write(op.get("text", "").encode())
                f.close(); return {}
            if kind == "open":
                client.open(path, op.get("mode", "rb")).close(); return {}
            if kind == "list":
                return {"names": sorted(client.listdir(path))}
            if kind == "stat":
                return attributes(client.stat(path))
            if kind == "lstat":
                return attributes(client.lstat(path))
            if kind == "rename":
                client.rename(path, op["target"]); return {}
            if kind == "posix_rename":
                client.posix_rename(path, op["target"]); return {}
            if kind == "remove":
                client.remove(path); return {}
            if kind == "mkdir":
                client.mkdir(path); return {}
            if kind == "rmdir":
                client.rmdir(path); return {}
            if kind == "symlink":
                client.symlink(op["target"], path); return {}
            if kind == "readlink":
                return {"text": client.readlink(path)}
            if kind == "realpath":
                return {"text": client.normalize(path)}
            if kind == "chmod":
                client.chmod(path, op.get("modeBits", 0o644)); return {}
            if kind == "hardlink":
                client._request(codes.CMD_EXTENDED, "hardlink@openssh.com", path, op["target"]); return {}
            if kind == "statvfs":
                client._request(codes.CMD_EXTENDED, "statvfs@openssh.com", path); return {}
            raise ValueError("unknown operation " + kind)

        def run(request):
            transport = paramiko.Transport((request["host"], request["port"]))
            report = {"results": []}
            try:
                transport.start_client(timeout=15)
                report.update(authenticate(transport, request))
                if report["authenticated"] and request["operations"]:
                    client = StatusClient.from_transport(transport)
                    for op in request["operations"]:
                        result = {"op": op["op"], "status": 0, "message": ""}
                        try:
                            result.update(perform(client, op))
                        except StatusError as e:
                            result.update(status=e.code, message=e.text)
                        except Exception as e:
                            result.update(status=-1, message="%s: %s" % (type(e).__name__, e))
                        report["results"].append(result)
                    client.close()
            except Exception as e:
                report.setdefault("authenticated", False)
                report["error"] = "%s: %s" % (type(e).__name__, e)
            finally:
                transport.close()
            return report

        print(json.dumps(run(json.load(sys.stdin))))
        """#
}
