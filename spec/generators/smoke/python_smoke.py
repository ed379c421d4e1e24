"""Smoke test of the Python client generated from spec/vault-raft.openapi.yaml, against a real server.

Reads VAULT_ADDR and VAULT_TOKEN like the vault CLI, and VAULTX_SERVER_FLAVOUR (openbao or vault) for the
promote/demote checks; exits non-zero on the first failed check. Run by scripts/client-smoke.sh (and so by GeneratedClientsIT in `mvn -ntp verify`).
"""

import datetime
import http.server
import os
import sys
import tarfile
import tempfile
import threading
import time

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


def client(token, addr=None):
    # The spec's server URL is {vault_addr}/v1: pass VAULT_ADDR as the variable, never a URL without /v1.
    # The token is the one API key; a namespace is the per-call x_vault_namespace or a default header.
    config = vrc.Configuration(
        server_index=0,
        server_variables={"vault_addr": addr or os.environ["VAULT_ADDR"]},
        api_key={"VaultToken": token},
    )
    return vrc.RaftApi(vrc.ApiClient(config))


def refusal(call):
    """Status and Vault's own messages of a call that must fail."""
    try:
        call()
    except vrc.ApiException as e:
        return e.status, vrc.ErrorResponse.from_json(e.body).errors
    return 0, ["the call succeeded"]


token = os.environ["VAULT_TOKEN"]
api = client(token)

# The call of issue 27: a token and no namespace (the token once went out as X-Vault-Namespace too).
config = api.read_raft_configuration().data.config
check(len(config.servers) >= 1, f"configuration lists {len(config.servers)} servers")
check(sum(1 for s in config.servers if s.leader) == 1, "exactly one leader in the configuration")
check(all(s.node_id and s.address for s in config.servers), "every server has node_id and address")

state = api.read_raft_autopilot_state(x_vault_token=token).data
check(state.leader in state.servers, f"autopilot leader {state.leader} is among its servers")
check(set(state.voters) <= set(state.servers), f"voters {state.voters} are servers")
check(isinstance(state.failure_tolerance, int), f"failure tolerance {state.failure_tolerance}")
leader = state.servers[state.leader]
check(isinstance(leader.stable_since, datetime.datetime), f"stable_since parsed: {leader.stable_since}")
check(isinstance(leader.last_contact, str), f"last_contact is a Go duration string: {leader.last_contact}")

autopilot = api.read_raft_autopilot_configuration(x_vault_token=token).data
check(isinstance(autopilot.max_trailing_logs, int), f"max_trailing_logs {autopilot.max_trailing_logs}")
check(autopilot.dead_server_last_contact_threshold.endswith("s"), "durations are Go duration strings")

# The DR-token parameter is the call's token: the configured API key must never replace it.
status, errors = refusal(lambda: api.read_raft_autopilot_state(x_vault_token="bogus-dr-operation-token"))
check(status == 403 and any("permission denied" in m for m in errors), f"a bogus DR token is refused: {status} {errors}")

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



def promote_and_demote(follower):
    """OpenBao serves promote and demote (issue 17); HashiCorp Vault refuses both as an unsupported path."""
    flavour = os.environ.get("VAULTX_SERVER_FLAVOUR")
    if flavour not in ("openbao", "vault"):
        print("python smoke: promote/demote not checked: set VAULTX_SERVER_FLAVOUR to openbao or vault", flush=True)
        return
    check(follower is not None, f"a follower to demote: {follower}")
    server_id = vrc.RaftServerIdRequest(server_id=follower)
    if flavour == "vault":
        for call in (api.demote_raft_peer, api.promote_raft_peer):
            status, errors = refusal(lambda: call(server_id))
            check(status == 404 and any("unsupported path" in m for m in errors), f"promote/demote refused by Vault: {status} {errors}")
        return
    api.demote_raft_peer(server_id)
    status, errors = refusal(lambda: api.demote_raft_peer(server_id))
    check(status == 500 and any("already a non-voter" in m for m in errors), f"demoted {follower}; a second demote: {status} {errors}")
    api.promote_raft_peer(server_id)
    status, errors = refusal(lambda: api.promote_raft_peer(vrc.RaftServerIdRequest(server_id="no-such-node")))
    check(status == 500 and any("not found in raft configuration" in m for m in errors), f"promoted {follower}; an unknown id: {status} {errors}")
    # Autopilot applies the promotion a moment later; the next test must find three voters again.
    deadline = time.monotonic() + 60
    while not any(s.node_id == follower and s.voter for s in api.read_raft_configuration().data.config.servers):
        check(time.monotonic() < deadline, f"{follower} is a voter again within 60 s")
        time.sleep(0.25)
    check(True, f"{follower} is a voter again")


promote_and_demote(next((s.node_id for s in config.servers if not s.leader), None))


class Recorder(http.server.BaseHTTPRequestHandler):
    """Answers like a server without the path and keeps the headers it was sent."""

    seen = []

    def do_GET(self):
        Recorder.seen.append((self.path, dict(self.headers)))
        body = b'{"errors":[]}'
        self.send_response(404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


# On a local recorder: no namespace header unless one is given, then exactly the one given.
recorder = http.server.HTTPServer(("127.0.0.1", 0), Recorder)
threading.Thread(target=recorder.serve_forever, daemon=True).start()
local = client("t", f"http://127.0.0.1:{recorder.server_port}")
refusal(lambda: local.read_raft_configuration())
refusal(lambda: local.read_raft_configuration(x_vault_namespace="team-a"))
refusal(lambda: local.read_raft_autopilot_state(x_vault_token="dr"))
recorder.shutdown()
(path0, seen0), (_, seen1), (_, seen2) = Recorder.seen
check(
    seen0.get("X-Vault-Token") == "t" and "X-Vault-Namespace" not in seen0 and path0 == "/v1/sys/storage/raft/configuration",
    f"a call without a namespace sends the token alone to {{vault_addr}}/v1 ({path0})",
)
check(seen1.get("X-Vault-Namespace") == "team-a" and seen1.get("X-Vault-Token") == "t", "X-Vault-Namespace and X-Vault-Token are sent")
check(seen2.get("X-Vault-Token") == "dr", f"the DR token is sent as given: {seen2.get('X-Vault-Token')}")

print(f"python smoke: {passed} passed, 0 failed", flush=True)
