"""Smoke test of the Python client generated from spec/vault-raft.openapi.yaml, against a real server.

Reads VAULT_ADDR, VAULT_TOKEN (and VAULT_NAMESPACE if set) like the vault CLI; exits non-zero on the first
failed check. Run by scripts/client-smoke.sh (and so by GeneratedClientsIT in `mvn -ntp verify`).
"""

import datetime
import http.server
import os
import sys
import tarfile
import tempfile
import threading

import vault_raft_client as vrc
from vault_raft_client.exceptions import ForbiddenException, NotFoundException

passed = 0


def check(condition, what):
    global passed
    if not condition:
        print(f"python smoke: FAILED: {what}", flush=True)
        sys.exit(1)
    passed += 1
    print(f"python smoke: ok: {what}", flush=True)


def client(token):
    api_key = {"VaultToken": token}
    if os.environ.get("VAULT_NAMESPACE"):
        api_key["VaultNamespace"] = os.environ["VAULT_NAMESPACE"]
    # The spec's server URL is {vault_addr}/v1: pass VAULT_ADDR as the variable, never a URL without /v1.
    config = vrc.Configuration(
        server_index=0, server_variables={"vault_addr": os.environ["VAULT_ADDR"]}, api_key=api_key
    )
    return vrc.RaftApi(vrc.ApiClient(config))


api = client(os.environ["VAULT_TOKEN"])

config = api.read_raft_configuration().data.config
check(len(config.servers) >= 1, f"configuration lists {len(config.servers)} servers")
check(sum(1 for s in config.servers if s.leader) == 1, "exactly one leader in the configuration")
check(all(s.node_id and s.address for s in config.servers), "every server has node_id and address")

state = api.read_raft_autopilot_state().data
check(state.leader in state.servers, f"autopilot leader {state.leader} is among its servers")
check(set(state.voters) <= set(state.servers), f"voters {state.voters} are servers")
check(isinstance(state.failure_tolerance, int), f"failure tolerance {state.failure_tolerance}")
leader = state.servers[state.leader]
check(isinstance(leader.stable_since, datetime.datetime), f"stable_since parsed: {leader.stable_since}")
check(isinstance(leader.last_contact, str), f"last_contact is a Go duration string: {leader.last_contact}")

autopilot = api.read_raft_autopilot_configuration().data
check(isinstance(autopilot.max_trailing_logs, int), f"max_trailing_logs {autopilot.max_trailing_logs}")
check(autopilot.dead_server_last_contact_threshold.endswith("s"), "durations are Go duration strings")

# The generated take_raft_snapshot() returns the whole body in memory; the _without_preload_content
# variant gives the urllib3 response, which streams.
with tempfile.TemporaryDirectory() as folder:
    path = os.path.join(folder, "raft.snap")
    response = api.take_raft_snapshot_without_preload_content()
    check(response.status == 200, f"snapshot answers {response.status}")
    with open(path, "wb") as out:
        for chunk in response.stream(64 * 1024):
            out.write(chunk)
    response.release_conn()
    size = os.path.getsize(path)
    with tarfile.open(path, "r:gz") as tar:
        members = tar.getmembers()
    check(
        members and members[-1].name == "SHA256SUMS.sealed" and members[-1].size > 0,
        f"snapshot of {size} bytes streamed to a file ends with a non-empty SHA256SUMS.sealed",
    )

try:
    api.read_raft_auto_snapshot_config("smoke")
    check(False, "an Enterprise-only call fails on the open-source server")
except NotFoundException as e:
    errors = vrc.ErrorResponse.from_json(e.body).errors
    # OpenBao's router says "unsupported path", Vault CE's Enterprise stub "enterprise-only feature".
    check(
        any("unsupported path" in m or "enterprise-only feature" in m for m in errors),
        f"Enterprise-only call: 404 {errors}",
    )

try:
    client("not-a-token").read_raft_configuration()
    check(False, "a bad token is refused")
except ForbiddenException as e:
    errors = vrc.ErrorResponse.from_json(e.body).errors
    # OpenBao says "permission denied"; Vault may wrap it in its multi-error form.
    check(e.status == 403 and any("permission denied" in m for m in errors), f"bad token: 403 {errors}")



class Recorder(http.server.BaseHTTPRequestHandler):
    """Answers like a server without the path and keeps the headers it was sent."""

    seen = {}
    path = ""

    def do_GET(self):
        Recorder.seen, Recorder.path = dict(self.headers), self.path
        body = b'{"errors":[]}'
        self.send_response(404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


# The namespace is the optional VaultNamespace API key: check on a local recorder that it is sent.
recorder = http.server.HTTPServer(("127.0.0.1", 0), Recorder)
threading.Thread(target=recorder.serve_forever, daemon=True).start()
config = vrc.Configuration(
    server_index=0,
    server_variables={"vault_addr": f"http://127.0.0.1:{recorder.server_port}"},
    api_key={"VaultToken": "t", "VaultNamespace": "team-a"},
)
try:
    vrc.RaftApi(vrc.ApiClient(config)).read_raft_configuration()
except NotFoundException:
    pass
recorder.shutdown()
check(
    Recorder.seen.get("X-Vault-Namespace") == "team-a"
    and Recorder.seen.get("X-Vault-Token") == "t"
    and Recorder.path == "/v1/sys/storage/raft/configuration",
    f"X-Vault-Namespace and X-Vault-Token are sent to {{vault_addr}}/v1 ({Recorder.path})",
)

print(f"python smoke: {passed} passed, 0 failed", flush=True)
