"""What every benchmark script shares: the run's settings (environment variables that run.sh,
async.sh and big-snapshot.sh export), process timing, the HTTP helpers, the cluster's nodes, and the
save/restore command of every tool compared."""
import http.client
import json
import os
import re
import statistics
import subprocess
import sys
import time
import urllib.parse

E = os.environ
ROOT, WORK = E["BENCH_ROOT"], E["BENCH_WORK"]
ADDR, TOKEN = E["VAULT_ADDR"], E["VAULT_TOKEN"]
BAO, PY = E["BENCH_BAO"], E["BENCH_PYTHON"]
CLI = os.path.join(ROOT, "bin", "vaultx-raft")
BENCH_JAR = E["BENCH_JAR"]
RUNTIME_CP = E["BENCH_RUNTIME_CP"]
SNAPSHOT_MB = int(E.get("BENCH_SNAPSHOT_MB", "200"))
SYNTH_GIB = float(E.get("BENCH_SYNTHETIC_GIB", "2"))
ROUNDS = int(E.get("BENCH_ROUNDS", "2"))
CALLS = int(E.get("BENCH_LATENCY_CALLS", "2000"))
STARTS = int(E.get("BENCH_STARTUP_RUNS", "5"))
HEAP = "-Xmx64m"
DOC = E.get("BENCH_DOC", os.path.join(ROOT, "docs", "benchmarks.md"))
# The server's own CLI (the same binary as the server): "bao CLI" for OpenBao, "vault CLI" for Vault.
SERVER_VERSION = subprocess.run([BAO, "version"], capture_output=True, text=True).stdout.strip()
IS_VAULT = not SERVER_VERSION.startswith("OpenBao")
if IS_VAULT:
    # scripts/build-vault.sh sets no build date, and `vault version` then prints one a year before
    # the moment it runs: a date that says nothing about the binary.
    SERVER_VERSION = re.sub(r", built \S+$", "", SERVER_VERSION)
SERVER_CLI = "vault CLI" if IS_VAULT else "bao CLI"
TIME = "/usr/bin/time"
T0 = time.time()


def log(msg):
    print(f"[bench {time.time() - T0:6.0f}s] {msg}", file=sys.stderr, flush=True)


def env(**extra):
    e = dict(E)
    e.update({"VAULT_ADDR": ADDR, "VAULT_TOKEN": TOKEN, "BAO_ADDR": ADDR, "BAO_TOKEN": TOKEN})
    e.update(extra)
    return e


def timed(cmd, extra_env=None):
    """Runs cmd under /usr/bin/time -v: wall seconds (own clock), max RSS in MB, stdout."""
    out = os.path.join(WORK, "time.txt")
    t = time.perf_counter()
    p = subprocess.run([TIME, "-v", "-o", out] + cmd, env=env(**(extra_env or {})),
                       capture_output=True, text=True)
    wall = time.perf_counter() - t
    if p.returncode != 0:
        raise RuntimeError(f"{cmd} failed ({p.returncode}): {p.stderr[-2000:]}")
    return dict(time_report(out), wall=wall, stdout=p.stdout)


def time_report(path):
    """Peak RSS in MB and user + system CPU seconds from a `/usr/bin/time -v` report."""
    report = open(path).read()
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", report).group(1))
    cpu = sum(float(x) for x in re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)", report))
    return {"rss_mb": rss / 1024, "cpu": cpu}


def kv(line):
    return {k: float(v) for k, v in re.findall(r"(\w+)=([\d.]+)", line)}


def request(method, path, body=None, token=True):
    u = urllib.parse.urlparse(ADDR)
    c = http.client.HTTPConnection(u.hostname, u.port, timeout=120)
    headers = {"X-Vault-Token": TOKEN} if token else {}
    c.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
    r = c.getresponse()
    data = r.read()
    c.close()
    return r.status, data


def wait_ready():
    deadline = time.time() + 180
    while time.time() < deadline:
        try:
            if request("GET", "/v1/sys/health", token=False)[0] == 200 and \
                    request("GET", "/v1/sys/storage/raft/configuration")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.25)
    raise RuntimeError("cluster not ready after a restore")


def java(*args, heap=HEAP):
    return ["java", heap, "-cp", BENCH_JAR] + list(args)


def med(xs):
    return statistics.median(xs)


def load_average():
    return open("/proc/loadavg").read().split()[:3]


def settle(limit=90):
    """Waits (at most `limit` seconds) for the load of run.sh's own build and cluster start to pass,
    so that the load note reports other work, not ours."""
    cores = os.cpu_count() or 1
    start = time.time()
    while float(load_average()[0]) > cores * 0.75 and time.time() - start < limit:
        time.sleep(5)
    log(f"waited {time.time() - start:.0f}s for the machine to settle: load {' '.join(load_average())}")


SAVERS = {
    "curl": lambda f: ["curl", "-sS", "--fail", "-o", f, "-H", "X-Vault-Token: " + TOKEN,
                       ADDR + "/v1/sys/storage/raft/snapshot"],
    SERVER_CLI: lambda f: [BAO, "operator", "raft", "snapshot", "save", f],
    "hvac 2.4.0": lambda f: [PY, os.path.join(ROOT, "benchmarks", "hvac_bench.py"), "save", f],
    "vaultx facade (-Xmx64m)": lambda f: java("io.github.vaultx.raft.benchmarks.SnapshotMain", "save", f),
    "vaultx CLI (-Xmx64m)": lambda f: [CLI, "snapshot", "save", f],
}


RESTORERS = {
    "curl": lambda f: ["curl", "-sS", "--fail", "-X", "POST", "--data-binary", "@" + f,
                       "-H", "X-Vault-Token: " + TOKEN, ADDR + "/v1/sys/storage/raft/snapshot"],
    SERVER_CLI: lambda f: [BAO, "operator", "raft", "snapshot", "restore", f],
    "hvac 2.4.0": lambda f: [PY, os.path.join(ROOT, "benchmarks", "hvac_bench.py"), "restore", f],
    "vaultx facade (-Xmx64m)": lambda f: java("io.github.vaultx.raft.benchmarks.SnapshotMain", "restore", f),
    "vaultx CLI (-Xmx64m)": lambda f: [CLI, "snapshot", "restore", f],
}


def node_addrs():
    # run.sh exports the port (benchmarks/cluster-env.sh); the nodes are spaced as scripts/local-cluster.sh does.
    base = int(E["VAULTX_CLUSTER_BASE_PORT"])
    return [f"http://127.0.0.1:{base + 10 * i}" for i in range(1, int(E.get("BENCH_NODES", "1")) + 1)]


def health(a):
    u = urllib.parse.urlparse(a)
    c = http.client.HTTPConnection(u.hostname, u.port, timeout=10)
    try:
        c.request("GET", "/v1/sys/health")
        r = c.getresponse()
        r.read()
        return r.status
    except OSError as e:
        return str(e)
    finally:
        c.close()


def standby_addr():
    """The address of a node that answers sys/health with 429 (standby); after a restore the
    standbys take a while to catch up, so this waits up to three minutes."""
    deadline = time.time() + 180
    while True:
        seen = {a: health(a) for a in node_addrs()}
        for a, status in seen.items():
            if status == 429:
                return a
        if time.time() > deadline:
            raise RuntimeError(f"no standby answers sys/health with 429: {seen}")
        time.sleep(0.5)


# Row names and sizes that the runner and the report share.
APP_CDS_ROW = "vaultx facade with the program's AppCDS archive"
CPU_BLOCKS = 80
