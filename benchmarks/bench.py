"""Runs the measurements side by side and writes the report (BENCH_DOC, docs/benchmarks.md by default);
called by run.sh, which sets up the tools, the build and the cluster (VAULT_ADDR, VAULT_TOKEN) and tears
them down."""
import base64
import http.client
import json
import os
import platform
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
SERVER_CLI = "vault CLI" if IS_VAULT else "bao CLI"
TIME = "/usr/bin/time"
T0 = time.time()
results = {}


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
    report = open(out).read()
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", report).group(1))
    cpu = sum(float(x) for x in re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)", report))
    return {"wall": wall, "rss_mb": rss / 1024, "cpu": cpu, "stdout": p.stdout}


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


# ---------------------------------------------------------------- 1. fill and snapshots
def fill():
    raw = 675_000  # base64 -> 900 KB, under Raft's 1 MiB max_entry_size
    count = -(-SNAPSHOT_MB * 1_000_000 * 105 // 100 // (raw * 4 // 3))
    request("POST", "/v1/sys/mounts/bench", {"type": "kv"})
    u = urllib.parse.urlparse(ADDR)
    c = http.client.HTTPConnection(u.hostname, u.port, timeout=120)
    t = time.perf_counter()
    for i in range(count):
        body = json.dumps({"v": base64.b64encode(os.urandom(raw)).decode()})
        c.request("PUT", f"/v1/bench/k{i}", body=body, headers={"X-Vault-Token": TOKEN})
        r = c.getresponse()
        r.read()
        if r.status not in (200, 204):
            raise RuntimeError(f"fill: PUT answered {r.status}")
    c.close()
    results["fill"] = {"requests": count, "mb": count * raw * 4 / 3 / 1e6,
                       "seconds": time.perf_counter() - t}
    log(f"filled {count} values in {results['fill']['seconds']:.1f}s")


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


def snapshots():
    save, restore = {k: [] for k in SAVERS}, {k: [] for k in RESTORERS}
    reference = os.path.join(WORK, "reference.snap")
    size = 0
    for rnd in range(ROUNDS):
        for name, cmd in SAVERS.items():
            f = os.path.join(WORK, "save.snap")
            if os.path.exists(f):
                os.remove(f)
            r = timed(cmd(f), {"JAVA_OPTS": HEAP})
            r["bytes"] = os.path.getsize(f)
            r.update(kv(r["stdout"]))
            save[name].append(r)
            if name == "curl":
                os.replace(f, reference)
                size = r["bytes"]
            log(f"save round {rnd + 1} {name}: {r['bytes'] / 1e6:.0f} MB in {r['wall']:.2f}s, RSS {r['rss_mb']:.0f} MB")
        for name, cmd in RESTORERS.items():
            r = timed(cmd(reference), {"JAVA_OPTS": HEAP})
            r.update(kv(r["stdout"]))
            restore[name].append(r)
            log(f"restore round {rnd + 1} {name}: {r['wall']:.2f}s, RSS {r['rss_mb']:.0f} MB")
            wait_ready()
    results["snapshot_bytes"] = size
    results["save"], results["restore"] = save, restore


def synthetic():
    root = os.path.join(WORK, "synthetic")
    t = time.perf_counter()
    size = int(subprocess.run([sys.executable, os.path.join(ROOT, "benchmarks", "synthetic_snapshot.py"),
                               root, str(SYNTH_GIB)], check=True, capture_output=True, text=True).stdout)
    log(f"synthetic snapshot of {size / 2**30:.2f} GiB written in {time.perf_counter() - t:.0f}s")
    port = int(E.get("BENCH_SYNTHETIC_PORT", "18299"))
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                               "--directory", root], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                http.client.HTTPConnection("127.0.0.1", port, timeout=1).connect()
                break
            except OSError:
                time.sleep(0.1)
        out = os.path.join(WORK, "synthetic.snap")
        rows = {}
        for name, cmd, extra in (
            ("curl", ["curl", "-sS", "--fail", "-o", out, url + "/v1/sys/storage/raft/snapshot"], {}),
            ("vaultx facade (-Xmx64m)", java("io.github.vaultx.raft.benchmarks.SnapshotMain", "save", out),
             {"VAULT_ADDR": url}),
        ):
            r = timed(cmd, extra)
            r.update(kv(r["stdout"]))
            r["bytes"] = os.path.getsize(out)
            os.remove(out)
            rows[name] = r
            log(f"synthetic {name}: {r['wall']:.2f}s RSS {r['rss_mb']:.0f} MB")
        results["synthetic"] = {"size": size, "rows": rows}
    finally:
        server.terminate()
        server.wait(10)
        subprocess.run(["rm", "-rf", root])


# ---------------------------------------------------------------- offline snapshot inspect
INSPECT_CP = RUNTIME_CP + ":" + os.path.join(ROOT, "raft-client", "target", "test-classes")
INSPECT_PROBE = "io.github.vaultx.raft.internal.SnapshotInspectProbe"


def inspect():
    """RaftSnapshots.inspect (details at depth 2, -Xmx64m) against cat and sha256sum of the same
    file, on the real ~200 MB snapshot and on a generated intact one of BENCH_SYNTHETIC_GIB."""
    reference = os.path.join(WORK, "reference.snap")
    if not os.path.exists(reference):
        subprocess.run(["curl", "-sS", "--fail", "-o", reference, "-H", "X-Vault-Token: " + TOKEN,
                        ADDR + "/v1/sys/storage/raft/snapshot"], check=True)
    large = os.path.join(WORK, "inspect-large.snap")
    subprocess.run(["java", "-cp", INSPECT_CP, INSPECT_PROBE, "generate", large,
                    str(int(SYNTH_GIB * 2**30))], check=True, capture_output=True)
    rows = {}
    try:
        for label, f in (("real", reference), ("generated", large)):
            subprocess.run(["cat", f], stdout=subprocess.DEVNULL, check=True)  # same page cache for all
            tools = {
                "cat": ["sh", "-c", 'cat "$0" > /dev/null', f],
                "sha256sum": ["sha256sum", f],
                "RaftSnapshots.inspect (-Xmx64m)": ["java", HEAP, "-cp", INSPECT_CP, INSPECT_PROBE,
                                                    "inspect", f],
            }
            rows[label] = {"bytes": os.path.getsize(f), "tools": {k: [] for k in tools}}
            for rnd in range(ROUNDS):
                for name, cmd in tools.items():
                    r = timed(cmd)
                    r.update(kv(r["stdout"]))
                    rows[label]["tools"][name].append(r)
                    log(f"inspect {label} round {rnd + 1} {name}: {r['wall']:.2f}s RSS {r['rss_mb']:.0f} MB "
                        f"{r['stdout'].strip()[:160]}")
    finally:
        os.remove(large)
    results["inspect"] = rows


def report_inspect(w, goals):
    if "inspect" not in results:
        return
    w("## Offline snapshot inspect\n")
    w("`RaftSnapshots.inspect` with details (keys per prefix at depth 2) reads the file once: gzip, tar, "
      "SHA-256 of meta.json and state.bin, every protobuf entry of state.bin. It runs in a JVM of its own "
      "with -Xmx64m, next to `cat FILE > /dev/null` (reading only) and `sha256sum FILE` (hashing the whole "
      "file), on a warm page cache; median of the rounds. The JVM's wall time includes its start; "
      "`inside` is the inspect call alone, and the heap peak is measured inside.\n")
    w("| Snapshot | Tool | Wall (s) | MB/s (wall) | Inside (s) | MB/s (inside) | Heap peak (MB) | RSS (MB) |")
    w("|---|---|---|---|---|---|---|---|")
    for label, row in results["inspect"].items():
        size = row["bytes"]
        for name, runs in row["tools"].items():
            wall = med([r["wall"] for r in runs])
            inside = [r["seconds"] for r in runs if "seconds" in r]
            peak = [r["heapPeak"] for r in runs if "heapPeak" in r]
            w(f"| {label}, {size / 1e6:.0f} MB | {name} | {wall:.2f} | {size / wall / 1e6:.0f} | "
              f"{med(inside) if inside else 0:.2f} | {size / med(inside) / 1e6 if inside else 0:.0f} | "
              f"{med(peak) / 2**20 if peak else 0:.1f} | {med([r['rss_mb'] for r in runs]):.0f} |")
    w("")
    large = results["inspect"].get("generated")
    if large:
        peak = med([r["heapPeak"] for r in large["tools"]["RaftSnapshots.inspect (-Xmx64m)"]])
        goals.append((f"Inspect a {large['bytes'] / 2**30:.1f} GiB snapshot under -Xmx64m",
                      f"heap peak {peak / 2**20:.1f} MB", peak < 64 * 2**20))


# ---------------------------------------------------------------- 2. latency and JMH
def latency():
    rows = {}
    for c in (1, 8, 32):
        warm = max(1000, c * 50)
        rows.setdefault("vaultx facade", {})[c] = kv(subprocess.run(
            java("io.github.vaultx.raft.benchmarks.LatencyMain", str(c), str(CALLS), str(warm), heap="-Xmx256m"),
            env=env(), check=True, capture_output=True, text=True).stdout)
        rows.setdefault("hvac 2.4.0", {})[c] = kv(subprocess.run(
            [PY, os.path.join(ROOT, "benchmarks", "hvac_bench.py"), "latency", str(c), str(CALLS), str(warm)],
            env=env(), check=True, capture_output=True, text=True).stdout)
        rows.setdefault("curl", {})[c] = curl_latency(c)
        log("latency at " + str(c) + ": " + ", ".join(
            f"{k} p50 {v[c]['p50_ms']:.2f} ms {v[c]['calls_per_s']:.0f}/s" for k, v in rows.items()))
    results["latency"] = rows


def curl_latency(c):
    cfg = os.path.join(WORK, "curl.cfg")
    url = ADDR + "/v1/sys/storage/raft/configuration"
    with open(cfg, "w") as f:
        f.write(f'header = "X-Vault-Token: {TOKEN}"\n')
        for _ in range(CALLS):
            f.write(f'url = "{url}"\noutput = "/dev/null"\n')
    cmd = ["curl", "-sS", "--fail", "-w", "%{time_total}\\n", "-K", cfg]
    if c > 1:
        cmd[1:1] = ["--parallel", "--parallel-max", str(c)]
    t = time.perf_counter()
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    s = time.perf_counter() - t
    lat = sorted(float(x) for x in out.split())
    return {"p50_ms": lat[len(lat) // 2] * 1000, "p99_ms": lat[-(-len(lat) * 99 // 100) - 1] * 1000,
            "calls_per_s": len(lat) / s}


def jmh():
    out = os.path.join(WORK, "jmh.json")
    subprocess.run(["java", "-jar", BENCH_JAR, "FacadeOverheadBenchmark", "-prof", "gc", "-rf", "json", "-rff", out],
                   check=True, capture_output=True, text=True)
    rows = {}
    for b in json.load(open(out)):
        m = b["primaryMetric"]
        alloc = b.get("secondaryMetrics", {}).get("gc.alloc.rate.norm") or \
            b.get("secondaryMetrics", {}).get("\u00b7gc.alloc.rate.norm") or {}
        rows[b["benchmark"].rsplit(".", 1)[1]] = {"us": m["score"], "err": m["scoreError"],
                                                  "bytes": alloc.get("score"), "bytes_err": alloc.get("scoreError")}
    results["jmh"] = rows
    log(f"jmh: {rows}")


# ---------------------------------------------------------------- 3. start-up
APP_CDS_ROW = "vaultx facade with the program's AppCDS archive"


def app_cds_archive():
    """One training run of StartupMain from the benchmarks jar (jars only: CDS refuses directories)
    that dumps the classes it loaded: what an application does for its own start-up."""
    archive = os.path.join(WORK, "startup-main.jsa")
    if os.path.exists(archive):
        os.remove(archive)
    subprocess.run(["java", "-XX:ArchiveClassesAtExit=" + archive, "-Xlog:disable", "-cp", BENCH_JAR,
                    "io.github.vaultx.raft.benchmarks.StartupMain"],
                   env=env(BENCH_LAUNCH_MS="0"), check=True, capture_output=True)
    return archive


def startup():
    rows = {}
    archive = app_cds_archive()
    cmds = {
        "vaultx facade": (["java", "-cp", RUNTIME_CP, "io.github.vaultx.raft.benchmarks.StartupMain"], True),
        APP_CDS_ROW: (["java", "-XX:SharedArchiveFile=" + archive, "-Xlog:disable", "-Xlog:all=warning:stderr",
                       "-cp", BENCH_JAR, "io.github.vaultx.raft.benchmarks.StartupMain"], True),
        "vaultx CLI list-peers": ([CLI, "list-peers"], False),
        "vaultx CLI --help (every command parsed, no client)": ([CLI, "--help"], False),
        "JVM alone (java -XX:TieredStopAtLevel=1 -version)": (["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                                                              "-XX:-UsePerfData", "-version"], False),
        SERVER_CLI + " list-peers": ([BAO, "operator", "raft", "list-peers"], False),
        "hvac 2.4.0": ([PY, os.path.join(ROOT, "benchmarks", "hvac_bench.py"), "startup"], True),
        "curl": (["curl", "-sS", "--fail", "-o", "/dev/null", "-H", "X-Vault-Token: " + TOKEN,
                  ADDR + "/v1/sys/storage/raft/configuration"], False),
    }
    for _ in range(STARTS):
        for name, (cmd, inner) in cmds.items():
            r = timed(cmd, {"BENCH_LAUNCH_MS": str(time.time_ns() // 1_000_000)})
            row = rows.setdefault(name, {"wall": [], "first": [], "cpu": []})
            row["wall"].append(r["wall"] * 1000)
            row["cpu"].append(r["cpu"] * 1000)
            if inner:
                row["first"].append(kv(r["stdout"])["first_answer_ms"])
    jars = [j for j in E["BENCH_RUNTIME_JARS"].split(":") if j.endswith(".jar")]
    results["startup"] = rows
    results["deps"] = {"jars": len(jars), "mb": sum(os.path.getsize(j) for j in jars) / 1e6,
                       "names": sorted(os.path.basename(j) for j in jars)}
    site = subprocess.run([PY, "-c", "import hvac,os;print(os.path.dirname(os.path.dirname(hvac.__file__)))"],
                          check=True, capture_output=True, text=True).stdout.strip()
    total = 0
    for pkg in ("hvac", "requests", "urllib3", "idna", "certifi", "charset_normalizer"):
        for dp, _, fs in os.walk(os.path.join(site, pkg)):
            total += sum(os.path.getsize(os.path.join(dp, f)) for f in fs)
    results["hvac_deps_mb"] = total / 1e6
    log("startup done")


# ---------------------------------------------------------------- issue 12: save, CPU per call, load
def load_average():
    return open("/proc/loadavg").read().split()[:3]


def save_inside_jvm():
    """takeRaftSnapshot timed inside one JVM: the first call (cold JIT) and the best later one."""
    rows = []
    for rnd in range(ROUNDS):
        f = os.path.join(WORK, "save.snap")
        r = kv(subprocess.run(java("io.github.vaultx.raft.benchmarks.SnapshotMain", "save", f, "4"),
                              env=env(), check=True, capture_output=True, text=True).stdout)
        os.remove(f)
        bare = kv(subprocess.run(java("io.github.vaultx.raft.benchmarks.BareCopyMain", f, "4"),
                                 env=env(), check=True, capture_output=True, text=True).stdout)
        os.remove(f)
        curl = timed(SAVERS["curl"](f))
        os.remove(f)
        r["curl_wall"] = curl["wall"]
        r["bare_first"], r["bare_warm"] = bare["first_seconds"], bare["warm_seconds"]
        rows.append(r)
        log(f"save inside the JVM round {rnd + 1}: first {r['seconds']:.2f}s, later {r['warm_seconds']:.2f}s, "
            f"bare OkHttp later {r['bare_warm']:.2f}s, curl {curl['wall']:.2f}s")
    results["save_inside_jvm"] = rows


CPU_BLOCKS = 80


def cpu_per_call():
    out = subprocess.run(java("io.github.vaultx.raft.benchmarks.CpuPerCallMain", str(CPU_BLOCKS), "2000",
                              heap="-Xmx256m"),
                         check=True, capture_output=True, text=True).stdout
    results["cpu_per_call"] = kv(out)
    log(f"cpu per call: {results['cpu_per_call']}")


def settle(limit=90):
    """Waits (at most `limit` seconds) for the load of run.sh's own build and cluster start to pass,
    so that the load note reports other work, not ours."""
    cores = os.cpu_count() or 1
    start = time.time()
    while float(load_average()[0]) > cores * 0.75 and time.time() - start < limit:
        time.sleep(5)
    log(f"waited {time.time() - start:.0f}s for the machine to settle: load {' '.join(load_average())}")


def shared_machine_note():
    before, after = results.get("load_before"), results.get("load_after")
    if not before:
        return ""
    cores = os.cpu_count() or 1
    busy = max(float(before[0]), float(after[0]) if after else 0) > cores * 0.75
    return (f"- Load average (1, 5, 15 min) {' '.join(before)} at the start, {' '.join(after or [])} at the end"
            + (f": the run shared the {cores} cores with other work (builds), so wall times and rates are "
               "lower than on an idle machine and vary more; CPU-time and ratio figures suffer least."
               if busy else "."))


def issue12_report(w, goals):
    """The figures and goal rows of issue 12 (snapshot save speed, CLI start-up, facade CPU)."""
    w("## Issue 12 goals in detail\n")
    rows = results.get("save_inside_jvm")
    if rows:
        size = results["snapshot_bytes"] / 1e6
        curl = med([r["curl_wall"] for r in rows])
        first, later = med([r["seconds"] for r in rows]), med([r["warm_seconds"] for r in rows])
        w("### takeRaftSnapshot inside the JVM\n")
        w("`SnapshotMain save FILE 4` under -Xmx64m: four saves with one client; the first includes the "
          "client's class loading and runs before the JIT has compiled SHA-256 with its CPU intrinsic; the "
          "fastest later one is what a running application gets. `BareCopyMain FILE 4` then does the same "
          "with a plain OkHttpClient that only copies the body to the file (no verification, no hash, no "
          "atomic move): the floor of any OkHttp client on this machine. curl ran right after, in each round.\n")
        w("| | Seconds | MB/s | Throughput vs curl |")
        w("|---|---:|---:|---:|")
        w(f"| curl (process) | {curl:.2f} | {size / curl:.0f} | 100% |")
        w(f"| facade, first call in a fresh JVM | {first:.2f} | {size / first:.0f} | {curl / first:.0%} |")
        w(f"| facade, later call | {later:.2f} | {size / later:.0f} | {curl / later:.0%} |")
        if "bare_warm" in rows[0]:
            bare = med([r["bare_warm"] for r in rows])
            w(f"| bare OkHttp copy, later call | {bare:.2f} | {size / bare:.0f} | {curl / bare:.0%} |")
        w("")
        goals.append(("12.1 takeRaftSnapshot in a running JVM >= 90% of curl (real snapshot)",
                      f"{curl / later:.0%} (first call in a fresh JVM: {curl / first:.0%})", curl / later >= 0.9))
    s = results.get("synthetic")
    if s:
        floor = s["rows"]["curl"]["wall"]
        fr = s["rows"]["vaultx facade (-Xmx64m)"]
        goals.append((f"12.1 takeRaftSnapshot >= 90% of curl ({s['size'] / 2**30:.0f} GiB synthetic, heap flat under -Xmx64m)",
                      f"{floor / fr['wall']:.0%}, peak heap {fr['peak_heap_mb']:.0f} MB",
                      floor / fr["wall"] >= 0.9 and fr["peak_heap_mb"] < 64))
    sv = results.get("save")
    if sv:
        cli, bao = sv["vaultx CLI (-Xmx64m)"], sv[SERVER_CLI]
        cw, bw = med([r["wall"] for r in cli]), med([r["wall"] for r in bao])
        cr, br = med([r["rss_mb"] for r in cli]), med([r["rss_mb"] for r in bao])
        goals.append(("12.2 `vaultx-raft snapshot save` wall <= " + SERVER_CLI + "'s", f"{cw:.2f} vs {bw:.2f} s ({cw / bw:.2f}x)", cw <= bw))
        goals.append(("12.2 `vaultx-raft snapshot save` peak RSS <= " + SERVER_CLI + "'s", f"{cr:.0f} vs {br:.0f} MB", cr <= br))
    st = results.get("startup")
    if st:
        lw, bw = med(st["vaultx CLI list-peers"]["wall"]), med(st[SERVER_CLI + " list-peers"]["wall"])
        goals.append(("12.3 `vaultx-raft list-peers` wall <= 2x " + SERVER_CLI + "'s", f"{lw:.0f} vs {bw:.0f} ms ({lw / bw:.1f}x)", lw <= 2 * bw))
        first = med(st["vaultx facade"]["first"])
        goals.append(("12.3 library: first answer from a cold JVM <= 300 ms, default JVM flags",
                      f"{first:.0f} ms", first <= 300))
        if APP_CDS_ROW in st:
            cds = med(st[APP_CDS_ROW]["first"])
            goals.append(("12.3 library: first answer from a cold JVM <= 300 ms, with the program's AppCDS archive",
                          f"{cds:.0f} ms", cds <= 300))
    c = results.get("cpu_per_call")
    if c:
        if "extra_cpu_us" in c:
            # Paired: each facade block against the bare block next to it.
            over = c["extra_cpu_us"] / c["bare_cpu_us"]
            err = c["extra_cpu_err"] / c["bare_cpu_us"]
        else:
            over = c["facade_cpu_us"] / c["bare_cpu_us"] - 1
            err = (c["facade_cpu_err"] + c["bare_cpu_err"]) / c["bare_cpu_us"]
        w("### Facade CPU time and allocation per call\n")
        w(f"`CpuPerCallMain`: CPU time and bytes allocated on the calling thread (not wall time, which the "
          f"other processes on the cores inflate), {CPU_BLOCKS} alternating blocks of 2000 calls each against "
          "TinyHttpServer; ± is the 99.9% confidence half-width over the blocks. The facade's extra CPU time "
          "is measured pair by pair (each facade block minus the bare block beside it), which cancels what the "
          "machine did meanwhile.\n")
        w("| | CPU µs/call | ± | Bytes allocated/call |")
        w("|---|---:|---:|---:|")
        w(f"| bare OkHttp | {c['bare_cpu_us']:.1f} | {c['bare_cpu_err']:.1f} | {c['bare_bytes']:.0f} |")
        w(f"| facade readRaftConfig | {c['facade_cpu_us']:.1f} | {c['facade_cpu_err']:.1f} | {c['facade_bytes']:.0f} |")
        if "extra_cpu_us" in c:
            w(f"| facade's extra, pair by pair | {c['extra_cpu_us']:+.1f} | {c['extra_cpu_err']:.1f} | |")
        j = results.get("jmh", {})
        if j.get("facade", {}).get("bytes") is not None:
            w(f"\nJMH `-prof gc` (gc.alloc.rate.norm): facade {j['facade']['bytes']:.0f} B/op, "
              f"bare OkHttp {j['bareOkHttp']['bytes']:.0f} B/op.")
        w("")
        # Met when the whole confidence interval lies under 5%, not met when it lies at or above.
        goals.append(("12.5 facade CPU per call < 5% over a bare OkHttp call",
                      f"{over:+.1%} ± {err:.1%} ({c['facade_cpu_us']:.1f} vs {c['bare_cpu_us']:.1f} µs)",
                      True if over + err < 0.05 else False if over - err >= 0.05 else None))
    if "standby" not in results:
        goals.append(("12.4 save and restore through a standby (redirect path)",
                      "not measured in this run (needs BENCH_NODES=3)", "not measured"))
    if IS_VAULT:
        goals.append(("12.6 the same table for HashiCorp Vault", "this report", "yes"))
    else:
        other = os.path.join(os.path.dirname(DOC), "benchmarks-vault.md")
        goals.append(("12.6 the same table for HashiCorp Vault",
                      "in benchmarks-vault.md (its own run)" if os.path.exists(other)
                      else "not measured: run `BENCH_SERVER=vault benchmarks/run.sh`",
                      "see there" if os.path.exists(other) else "not measured"))


# ---------------------------------------------------------------- issue 12.4: through a standby
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


def standby():
    """Save and restore with every tool given a standby's address: the standby answers 307 to the
    active node, which each tool must follow (curl with -L); the same snapshot as in `snapshots`."""
    reference = os.path.join(WORK, "reference.snap")
    if not os.path.exists(reference):
        subprocess.run(["curl", "-sS", "--fail", "-o", reference, "-H", "X-Vault-Token: " + TOKEN,
                        ADDR + "/v1/sys/storage/raft/snapshot"], check=True)
    rows = {}
    for rnd in range(ROUNDS):
        addr = standby_addr()
        savers = dict(SAVERS)
        savers["curl"] = lambda f: ["curl", "-sS", "--fail", "-L", "-o", f, "-H", "X-Vault-Token: " + TOKEN,
                                    addr + "/v1/sys/storage/raft/snapshot"]
        restorers = dict(RESTORERS)
        restorers["curl"] = lambda f: ["curl", "-sS", "--fail", "-L", "-X", "POST", "--data-binary", "@" + f,
                                       "-H", "X-Vault-Token: " + TOKEN, addr + "/v1/sys/storage/raft/snapshot"]
        for kind, tools in (("save", savers), ("restore", restorers)):
            for name, cmd in tools.items():
                f = os.path.join(WORK, "standby.snap") if kind == "save" else reference
                if kind == "save" and os.path.exists(f):
                    os.remove(f)
                row = rows.setdefault(name, {"save": [], "restore": [], "errors": []})
                try:
                    r = timed(cmd(f), {"VAULT_ADDR": addr, "BAO_ADDR": addr, "JAVA_OPTS": HEAP})
                except RuntimeError as e:
                    said = [l for l in str(e).split("): ", 1)[-1].splitlines() if l.strip()]
                    row["errors"].append(f"{kind}: {said[-1] if said else e}"[:300])
                    log(f"standby {kind} round {rnd + 1} {name} failed: {str(e)[-300:]}")
                    if kind == "restore":
                        wait_ready()
                    continue
                if kind == "save":
                    r["bytes"] = os.path.getsize(f)
                    os.remove(f)
                row[kind].append(r)
                log(f"standby {kind} round {rnd + 1} {name} via {addr}: {r['wall']:.2f}s, RSS {r['rss_mb']:.0f} MB")
                if kind == "restore":
                    wait_ready()
                    addr = standby_addr()
    results["standby"] = {"bytes": os.path.getsize(reference), "rows": rows}


def report_standby(w, goals):
    sb = results.get("standby")
    if not sb:
        return
    size = sb["bytes"] / 1e6
    rows = sb["rows"]
    w("## Save and restore through a standby (the 307 path)\n")
    w(f"Every tool is given a standby's address of the {E.get('BENCH_NODES')}-node cluster; the standby answers "
      "`307 Temporary Redirect` to the active node, which the tool follows (curl with `-L`). The same "
      f"{size:.0f} MB snapshot, {ROUNDS} rounds, median. `vs active node`: the same tool's median against the "
      "active node's address in section 1 of this run (above 100%: faster through the standby).\n")
    w("| Tool | Save (s) | Save vs curl | Save vs active node | Restore (s) | Restore vs curl | "
      "Restore vs active node | Peak RSS save/restore (MB) |")
    w("|---|---:|---:|---:|---:|---:|---:|---:|")

    def wall(name, kind):
        rs = rows.get(name, {}).get(kind) or []
        return med([r["wall"] for r in rs]) if rs else None

    def direct(name, kind):
        rs = results.get(kind, {}).get(name) or []
        return med([r["wall"] for r in rs]) if rs else None

    def ratio(a, b):
        return "" if not (a and b) else format(a / b, ".0%")

    for name, row in rows.items():
        cs, cr = wall("curl", "save"), wall("curl", "restore")
        s, r = wall(name, "save"), wall(name, "restore")
        rss = "/".join(format(med([x["rss_mb"] for x in row[k]]), ".0f") if row[k] else "-"
                       for k in ("save", "restore"))
        w(f"| {name} | {'failed' if s is None else format(s, '.2f')} | {ratio(cs, s)} | "
          f"{ratio(direct(name, 'save'), s)} | {'failed' if r is None else format(r, '.2f')} | {ratio(cr, r)} | "
          f"{ratio(direct(name, 'restore'), r)} | {rss} |")
    w("")
    for name, row in rows.items():
        for e in row["errors"]:
            w(f"- {name} failed through the standby, {e}")
    if any(e.startswith("save") for e in rows.get(SERVER_CLI, {}).get("errors", [])):
        w(f"- The {SERVER_CLI}'s `operator raft snapshot save` does not follow the standby's 307: a known "
          "problem of the Go API client that both CLIs share (hashicorp/vault issue 15258, "
          "openbao/openbao-helm issue 128). The facade and the vaultx CLI follow it.")
    w("")
    facade = "vaultx facade (-Xmx64m)"
    s, r = wall(facade, "save"), wall(facade, "restore")
    cs, cr = wall("curl", "save"), wall("curl", "restore")
    measured = bool(s and r and cs and cr)
    goals.append(("12.4 save and restore through a standby (redirect path)",
                  f"facade through a standby: save {cs / s:.0%} of curl -L's throughput, restore {cr / r:.0%}"
                  if measured else "a tool failed: see the standby section", "measured" if measured else "**no**"))


# ---------------------------------------------------------------- report
def med(xs):
    return statistics.median(xs)


def report_snapshots(w, goals):
    if "save" not in results:
        return
    w("## 1. Snapshot save and restore\n")
    f = results["fill"]
    w(f"The cluster was filled with {f['requests']} random KV values ({f['mb']:.0f} MB of base64, "
      f"under Raft's 1 MiB entry limit) in {f['seconds']:.1f} s. The snapshot is "
      f"{results['snapshot_bytes'] / 1e6:.0f} MB. {ROUNDS} rounds, tools interleaved in each round; "
      "the table shows the median of the rounds. Restores all send the curl-saved snapshot back to the same "
      "cluster; the next step waits until the cluster answers again. RSS: peak resident memory of the "
      "process from `/usr/bin/time -v`; heap: peak Java heap in use (sum of the heap pools' peaks).\n")
    for title, key in (("Save", "save"), ("Restore", "restore")):
        rows = results[key]
        floor = med([r["wall"] for r in rows["curl"]])
        w(f"### {title} ({results['snapshot_bytes'] / 1e6:.0f} MB)\n")
        w("| Tool | Wall (s) | MB/s | Throughput vs curl | CPU (s) | Peak RSS (MB) | Peak heap (MB) |")
        w("|---|---:|---:|---:|---:|---:|---:|")
        for name, rs in rows.items():
            wall = med([r["wall"] for r in rs])
            heap = med([r["peak_heap_mb"] for r in rs]) if "peak_heap_mb" in rs[0] else None
            cpu = f"{med([r['cpu'] for r in rs]):.2f}" if "cpu" in rs[0] else ""
            w(f"| {name} | {wall:.2f} | {results['snapshot_bytes'] / 1e6 / wall:.0f} | {floor / wall:.0%} | "
              f"{cpu} | {med([r['rss_mb'] for r in rs]):.0f} | {'' if heap is None else f'{heap:.0f}'} |")
        w("")
        ours = med([r["wall"] for r in rows["vaultx facade (-Xmx64m)"]])
        hv = med([r["wall"] for r in rows["hvac 2.4.0"]])
        goals.append((f"{title}: facade throughput >= 90% of curl", f"{floor / ours:.0%}", floor / ours >= 0.9))
        goals.append((f"{title}: facade faster than hvac", f"{hv / ours:.2f}x hvac's speed", ours < hv))
        rss_o = med([r["rss_mb"] for r in rows["vaultx facade (-Xmx64m)"]])
        rss_h = med([r["rss_mb"] for r in rows["hvac 2.4.0"]])
        goals.append((f"{title}: facade peak RSS below hvac's", f"{rss_o:.0f} MB vs {rss_h:.0f} MB", rss_o < rss_h))
    w("Process wall time includes start-up (JVM, Python, Go binary); the facade's own line below "
      "excludes it.\n")
    for key in ("save", "restore"):
        rs = results[key]["vaultx facade (-Xmx64m)"]
        w(f"- facade {key}, inside the JVM: median {med([r['seconds'] for r in rs]):.2f} s, "
          f"{med([r['mbps'] for r in rs]):.0f} MB/s")
    w("")
    if "synthetic" not in results:
        return
    s = results["synthetic"]
    w(f"### Synthetic {s['size'] / 2**30:.2f} GiB snapshot under -Xmx64m\n")
    w("A gzipped tar (gzip level 0, random content, ending in a non-empty SHA256SUMS.sealed) served by "
      "`python3 -m http.server` on 127.0.0.1; the facade streams it to a file while verifying the gzip, the "
      "tar and the SHA-256 in the same pass.\n")
    w("| Tool | Wall (s) | MB/s | Throughput vs curl | Peak RSS (MB) | Peak heap (MB) | Max heap (MB) |")
    w("|---|---:|---:|---:|---:|---:|---:|")
    floor = s["rows"]["curl"]["wall"]
    for name, r in s["rows"].items():
        w(f"| {name} | {r['wall']:.2f} | {r['bytes'] / 1e6 / r['wall']:.0f} | {floor / r['wall']:.0%} | "
          f"{r['rss_mb']:.0f} | {r.get('peak_heap_mb', '') and format(r['peak_heap_mb'], '.0f')} | "
          f"{r.get('max_heap_mb', '') and format(r['max_heap_mb'], '.0f')} |")
    w("")
    fr = s["rows"]["vaultx facade (-Xmx64m)"]
    goals.append(("Memory flat under -Xmx64m (2 GiB synthetic)",
                  f"peak heap {fr['peak_heap_mb']:.0f} MB, RSS {fr['rss_mb']:.0f} MB for {s['size'] / 1e6:.0f} MB",
                  fr["peak_heap_mb"] < 64))
    goals.append(("Synthetic (server-bound, see notes): facade throughput >= 90% of curl", f"{floor / fr['wall']:.0%}", floor / fr["wall"] >= 0.9))



def report_latency(w, goals):
    if "latency" not in results:
        return
    w("## 2. Small calls: readRaftConfig\n")
    w(f"{CALLS} calls per tool and concurrency level after a warm-up, against the cluster's leader. "
      "The facade: one shared client, N threads. hvac: N threads, one client each (requests' Session is not "
      "documented as thread-safe). curl: one process, `-K` config with the URLs, `--parallel --parallel-max N` "
      "for N > 1 (connections reused): the floor.\n")
    w("| Tool | Concurrency | p50 (ms) | p99 (ms) | Calls/s | Calls/s vs curl |")
    w("|---|---:|---:|---:|---:|---:|")
    lat = results["latency"]
    for c in (1, 8, 32):
        for name in lat:
            r = lat[name][c]
            w(f"| {name} | {c} | {r['p50_ms']:.2f} | {r['p99_ms']:.2f} | {r['calls_per_s']:.0f} | "
              f"{r['calls_per_s'] / lat['curl'][c]['calls_per_s']:.0%} |")
        o, h = lat["vaultx facade"][c], lat["hvac 2.4.0"][c]
        goals.append((f"Latency at {c}: facade ahead of hvac (p50, p99, calls/s)",
                      f"p50 {o['p50_ms']:.2f} vs {h['p50_ms']:.2f} ms, p99 {o['p99_ms']:.2f} vs {h['p99_ms']:.2f} ms, "
                      f"{o['calls_per_s']:.0f} vs {h['calls_per_s']:.0f}/s",
                      o["p50_ms"] < h["p50_ms"] and o["p99_ms"] < h["p99_ms"] and o["calls_per_s"] > h["calls_per_s"]))
    w("")
    if "jmh" not in results:
        return
    j = results["jmh"]
    f_, b_ = j["facade"], j["bareOkHttp"]
    over = f_["us"] / b_["us"] - 1
    w("### Facade overhead (JMH 1.37)\n")
    w("`benchmarks/jmh`, `FacadeOverheadBenchmark`: one thread, average time per call against a tiny "
      "HTTP/1.1 keep-alive server on 127.0.0.1 (TinyHttpServer: one write per answer, TCP_NODELAY) answering "
      "a 3-server configuration. The bare call only reads the body; the "
      "facade also runs retry, circuit breaker and error mapping and parses the JSON into records. "
      "1 fork, 5 x 1 s warm-up, 10 x 1 s measurement.\n")
    w("| Benchmark | µs/call | ± (99.9%) |")
    w("|---|---:|---:|")
    w(f"| bare OkHttp | {b_['us']:.1f} | {b_['err']:.1f} |")
    w(f"| facade readRaftConfig | {f_['us']:.1f} | {f_['err']:.1f} |")
    w(f"\nFacade overhead: {over:+.1%} of a bare call ({f_['us'] - b_['us']:+.1f} µs); compare it with the "
      "error columns: on 2 cores the client, the server and the JIT share the CPU.\n")
    noise = (f_["err"] + b_["err"]) / b_["us"]
    goals.append(("Facade overhead < 5% of a bare call",
                  f"{over:+.1%}, error bars ±{noise:.0%} of a bare call",
                  None if noise > 0.05 else over < 0.05))



def report_startup(w, goals):
    if "startup" not in results:
        return
    w("## 3. Start-up\n")
    w(f"Median of {STARTS} runs. Wall: process start to exit, measured outside. First answer: measured inside, "
      "from the launcher's clock just before the process was started to the first answered readRaftConfig "
      "(the rest of wall is shutdown).\n")
    w("| Program | Wall (ms) | CPU, user + system (ms) | First answer (ms) |")
    w("|---|---:|---:|---:|")
    st = results["startup"]
    for name, r in st.items():
        cpu = f"{med(r['cpu']):.0f}" if r.get("cpu") else ""
        w(f"| {name} | {med(r['wall']):.0f} | {cpu} | {med(r['first']):.0f} |" if r["first"] else
          f"| {name} | {med(r['wall']):.0f} | {cpu} | |")
    w("")
    d = results["deps"]
    w(f"Runtime dependency set of raft-client (itself included): {d['jars']} jars, {d['mb']:.1f} MB: "
      + ", ".join(d["names"]) + ".")
    w(f"For context, hvac 2.4.0 with requests, urllib3, idna, certifi and charset_normalizer: "
      f"{results['hvac_deps_mb']:.1f} MB installed.\n")
    o, h = med(st["vaultx facade"]["wall"]), med(st["hvac 2.4.0"]["wall"])
    goals.append(("Start-up: facade wall time below hvac's", f"{o:.0f} vs {h:.0f} ms", o < h))
    goals.append(("Dependency size below hvac's", f"{d['mb']:.1f} vs {results['hvac_deps_mb']:.1f} MB",
                  d["mb"] < results["hvac_deps_mb"]))



def report(path):
    L = []
    w = L.append
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    w("# Benchmarks\n")
    w("Written by `benchmarks/run.sh` from one run on one machine; every figure in a table was measured "
      "side by side in that run. Ratios are what to read; absolute times are context only and depend on "
      "the machine. Nothing here is asserted by the build, and `mvn verify` does not run it.\n")
    w(f"- Machine: {os.cpu_count()} cores ({cpu}), {platform.system()} {platform.release()}, "
      f"{subprocess.run(['java', '-version'], capture_output=True, text=True).stderr.splitlines()[0]}")
    w(f"- Server: {subprocess.run([BAO, 'version'], capture_output=True, text=True).stdout.strip()}, "
      f"{E.get('BENCH_NODES', '1')}-node Raft cluster on 127.0.0.1 (scripts/local-cluster.sh), plain HTTP")
    w(f"- Measurements took {results['run_minutes']:.1f} minutes (plus the build and the cluster start); date {results['date']}")
    w(shared_machine_note() + "\n")

    goals = []
    report_snapshots(w, goals)
    report_latency(w, goals)
    report_startup(w, goals)
    report_standby(w, goals)
    issue12_report(w, goals)

    report_inspect(w, goals)
    w("## Notes\n")
    w("- Snapshot save: the facade copies on the calling thread while a second thread hashes (SHA-256) and "
      "verifies (gzip, tar, non-empty SHA256SUMS.sealed) the same bytes from 8 fixed 256 KiB blocks; curl "
      "and hvac only copy, " + SERVER_CLI.split()[0] + " checks for SHA256SUMS.sealed. In a fresh JVM, SHA-256 runs without its CPU "
      "intrinsic until C2 has compiled it, which on a busy machine can take most of a 200 MB download: the "
      "first-call and later-call rows above show the difference.")
    w("- takeRaftSnapshot in a running JVM (issue 12 section): a perf profile of eight saves in one JVM (211 MB "
      "each, 3-node OpenBao) puts a warm save's CPU at about 0.24 s on the copying thread (socket reads of at "
      "most one 8 KiB Okio segment each, passed through Okio's buffer layers, and the file writes) and about "
      "0.18 s on the verifying thread (SHA-256 as C2's intrinsic at about 1.6 GB/s, gzip's CRC, the tar walk), "
      "against curl's 0.13 s in all, while the server producing the snapshot takes most of the other core. "
      "The bare OkHttp copy row is that read path alone, without the verifying thread.")
    w("- The synthetic snapshot is stored (gzip level 0), and Python's http.server, not the client, can limit "
      "both curl and the facade there: that row shows the facade keeps up with such a server in flat memory.")
    w("- `bin/vaultx-raft` starts the JVM with a static class-data-sharing archive of the classes a training "
      "run at package time loaded (picocli's included), the serial collector and -Xmx64m; C1 only on one "
      "compiler thread, except that snapshot commands let C2 compile the two SHA-256 methods (and, in "
      "practice, nothing else), since SHA-256 reaches CPU speed only as C2's intrinsic.")
    w(f"- `{APP_CDS_ROW}` (section 3): the same program started with an AppCDS archive that one training "
      "run of it dumped (`-XX:ArchiveClassesAtExit`, then `-XX:SharedArchiveFile`): what an application "
      "that cares about its start-up does for all its classes, the client's included. Without it, most of "
      "the first answer's time is loading and verifying about 1,000 classes from the jars (OkHttp, Kotlin, "
      "Okio, Retrofit, Moshi, Resilience4j, slf4j and the client's own).")
    w("- CLI snapshot save against " + SERVER_CLI.split()[0] + ": the JVM, the archive and the client start before the "
      "request is sent (the list-peers row of section 3 is that cost), while a Go binary starts in a few "
      "milliseconds; then the server takes its time to the first byte and the transfer runs at curl's pace "
      "at best. The CLI also hashes every byte (SHA-256 for `-format=json` and the client's SnapshotInfo), "
      "which the Go CLI does not.")
    w("- Tried for issue 12, beyond what the tables show (2 cores, 211 MB snapshot, 3-node OpenBao): the CLI's "
      "archive made by `-XX:ArchiveClassesAtExit` left picocli's classes out (list-peers 0.26 s of CPU; the "
      "static archive: 0.22 s); C2 for everything in `snapshot save` (1.2-1.3 s of CPU, 81-86 MB RSS) against "
      "C1 only (2.3 s, SHA-256 without its intrinsic) and C2 for SHA-256 alone (0.85 s, 65 MB); the archive "
      "dumped under G1 with the module graph (no gain under the serial collector, none with G1 either); "
      "raising all compile thresholds for list-peers (no gain); `-Xint` (0.32 s of CPU, worse); an AppCDS "
      "archive for the library's start (shown in section 3); sending a restore's body in 256 KiB steps "
      "instead of 8 KiB segments (about 8% less CPU but 12 MB more RSS: not kept); and a plain "
      "`HttpURLConnection` copy of the snapshot, which was no faster than OkHttp's.")
    w("- Restore: curl and hvac hold the whole snapshot in memory (their RSS grows with it); the facade and "
      + SERVER_CLI.split()[0] + " stream the file.")
    w("- JVM start-up (class loading of OkHttp, Kotlin, Retrofit, Moshi, Resilience4j, TLS) dominates every "
      "short JVM run here, including the process wall times of the snapshot tables.")
    w("- Facade CPU per call (issue 12 section): a JFR profile of `readRaftConfig` in a loop puts about a "
      "fifth of the facade's time in Moshi parsing the answer into the generated models and records, a "
      "seventh in Retrofit building the request (resolving its URL), about 5% in the CompletableFuture "
      "stages that the sync client shares with the async one, and some in the client's four interceptors "
      "(each looks up the call's operation; one copies the request to add the token). The bare call only "
      "reads the body's bytes.")
    w("- At 32 callers the facade shares one OkHttp client whose pool keeps 5 idle connections; curl and "
      "hvac keep one connection per caller.")
    w("- What the CLI's start costs (section 3, CPU column): the JVM alone is the floor; `--help` adds "
      "picocli, which builds its model of the commands by reflection (the launcher registers only the "
      "command that runs; `--help` registers all); `list-peers` adds the client (OkHttp, Retrofit, Moshi, "
      "Resilience4j) and the request. With every class mapped from the archive, what is left is running "
      "their initialisation in the interpreter and C1 (a profile of list-peers: a quarter of the CPU time "
      "in the C1 compiler thread, a tenth in linking lambdas, the rest class initialisers and the call; "
      "OkHttp alone loads every JCA security provider to choose its TLS platform, even for plain http).\n")
    w("## Goals\n")
    w("| Goal | Measured | Met |")
    w("|---|---|---|")
    for g, m, ok in goals:
        w(f"| {g} | {m} | {ok if isinstance(ok, str) else 'not decided: the error bars straddle the goal' if ok is None else 'yes' if ok else '**no**'} |")
    w("")
    # big-snapshot.sh writes its own section between markers; a full report keeps it.
    old = open(path).read() if os.path.exists(path) else ""
    start, end = "<!-- big-snapshot:start -->", "<!-- big-snapshot:end -->"
    kept = old[old.index(start):old.index(end) + len(end)] + "\n" if start in old and end in old else ""
    open(path, "w").write("\n".join(L) + "\n" + ("\n" + kept if kept else ""))
    json.dump(results, open(os.path.join(WORK, "results.json"), "w"), indent=1, default=str)


def rerender(path):
    """Writes the report again from a run's results.json, without measuring."""
    results.update(json.load(open(path)))
    for key in ("latency",):
        for tool in results[key].values():
            for c in list(tool):
                tool[int(c)] = tool.pop(c)
    report(DOC)


if __name__ == "__main__":
    if E.get("BENCH_RERENDER"):
        rerender(E["BENCH_RERENDER"])
        sys.exit(0)
    # Start-up, latency and JMH first, on the idle, empty cluster: after the fill and the restores the
    # server compacts its 200 MB state in the background and would add noise.
    settle()
    results["load_before"] = load_average()
    default = "startup,latency,jmh,cpu_per_call,fill,snapshots,save_inside_jvm,synthetic,inspect"
    if int(E.get("BENCH_NODES", "1")) >= 3:
        default = default.replace("snapshots,", "snapshots,standby,")
    phases = E.get("BENCH_PHASES", default).split(",")
    for phase in phases:
        log(f"phase {phase}")
        globals()[phase]()
    results["load_after"] = load_average()
    results["run_minutes"] = (time.time() - T0) / 60
    results["date"] = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    report(DOC)
    log(f"wrote {DOC}")
