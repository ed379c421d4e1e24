"""Runs the measurements side by side and has bench_report.py write the report (BENCH_DOC,
docs/benchmarks.md by default); called by run.sh, which sets up the tools, the build and the cluster
(VAULT_ADDR, VAULT_TOKEN) and tears them down. BENCH_RERENDER=results.json writes the report again
without measuring; BENCH_PHASES picks phases (the functions below)."""
import base64
import http.client
import json
import os
import subprocess
import sys
import time
import urllib.parse

import bench_report
from bench_common import (ADDR, APP_CDS_ROW, BAO, BENCH_JAR, CALLS, CLI, CPU_BLOCKS, DOC, E, HEAP, PY,
                         RESTORERS, ROOT, ROUNDS, RUNTIME_CP, SAVERS, SERVER_CLI, SNAPSHOT_MB, STARTS,
                         SYNTH_GIB, T0, TOKEN, WORK, env, kv, java, load_average, log, request, settle,
                         standby_addr, timed, wait_ready)

results = {}


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
            # Untimed: write out the 2 GiB just generated, so that no tool writes its copy while the
            # kernel still flushes them. Two runs on 2026-12-05 without this gave curl 5.4 s, then 1.5 s;
            # these dirty pages are the likely cause, not a measured one (big_snapshot.py syncs likewise).
            os.sync()
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


# benchmarks.jar carries the probe (a raft-client test class, packed by the benchmarks profile).
INSPECT_CP = BENCH_JAR


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


def cpu_per_call():
    out = subprocess.run(java("io.github.vaultx.raft.benchmarks.CpuPerCallMain", str(CPU_BLOCKS), "2000",
                              heap="-Xmx256m"),
                         check=True, capture_output=True, text=True).stdout
    results["cpu_per_call"] = kv(out)
    log(f"cpu per call: {results['cpu_per_call']}")


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


if __name__ == "__main__":
    if E.get("BENCH_RERENDER"):
        bench_report.rerender(E["BENCH_RERENDER"])
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
    json.dump(results, open(os.path.join(WORK, "results.json"), "w"), indent=1, default=str)
    bench_report.render(results, DOC)
    log(f"wrote {DOC}")
