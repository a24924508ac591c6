# Shared by the benchmark scripts: a temporary workspace, the release binary, a Panda server and an
# OpenSSH sshd reference on free loopback ports, and clean-up of every process started (by PID).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$(mktemp -d /tmp/panda-bench.XXXXXX)"
PIDS=()
cleanup() {
  for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
  sleep 0.5
  for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill -9 "$p" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

SSHOPTS=(-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o BatchMode=yes -o LogLevel=ERROR
  -o IdentitiesOnly=yes)

build_release() {
  (cd "$ROOT" && swift build -c release >/dev/null)
  PANDA="$(cd "$ROOT" && swift build -c release --show-bin-path)/panda"
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# start_panda: sets PANDA_PORT, DATA, PANDA_PID.
start_panda() {
  DATA="$WORK/data"
  mkdir -p "$DATA"
  "$PANDA" serve --data-dir "$DATA" --sftp-port 0 "$@" >"$WORK/panda.out" 2>"$WORK/panda.log" &
  PANDA_PID=$!
  PIDS+=("$PANDA_PID")
  for _ in $(seq 1 100); do
    PANDA_PORT=$(grep -oE 'sftp listening on [^ ]*:[0-9]+' "$WORK/panda.out" | grep -oE '[0-9]+$' || true)
    [ -n "$PANDA_PORT" ] && return 0
    sleep 0.1
  done
  echo "panda did not start"; cat "$WORK/panda.log"; exit 1
}

# start_sshd AUTHORIZED_KEYS: OpenSSH sshd with internal-sftp on a free port; sets SSHD_PORT, SSHD_PID.
start_sshd() {
  local keys=$1
  SSHD_PORT=$(free_port)
  mkdir -p "$WORK/sshd"
  ssh-keygen -q -t ed25519 -N "" -f "$WORK/sshd/host_ed25519" >/dev/null
  cat >"$WORK/sshd/sshd_config" <<CFG
Port $SSHD_PORT
ListenAddress 127.0.0.1
HostKey $WORK/sshd/host_ed25519
PidFile $WORK/sshd/sshd.pid
AuthorizedKeysFile $keys
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
PermitRootLogin prohibit-password
StrictModes no
MaxStartups 1000
MaxSessions 1000
Subsystem sftp internal-sftp
CFG
  mkdir -p /run/sshd
  "$(command -v sshd || echo /usr/sbin/sshd)" -D -e -f "$WORK/sshd/sshd_config" 2>"$WORK/sshd/sshd.log" &
  SSHD_PID=$!
  PIDS+=("$SSHD_PID")
  for _ in $(seq 1 50); do
    (exec 3<>/dev/tcp/127.0.0.1/"$SSHD_PORT") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "sshd did not start"; cat "$WORK/sshd/sshd.log"; exit 1
}

# rss_mib PID: resident memory of a process in MiB.
rss_mib() { awk '/VmRSS/ {printf "%.1f", $2/1024}' "/proc/$1/status"; }
