"""Renders a run's results (the dict bench.py fills, or a results.json) as the Markdown report
(docs/benchmarks.md, docs/benchmarks-vault.md). The hand-written notes of the existing report survive a
new run, and so does everything after its goals that other scripts and hands wrote (see TAIL)."""
import json
import os
import platform
import subprocess

from bench_common import (APP_CDS_ROW, BAO, CALLS, CPU_BLOCKS, DOC, E, IS_VAULT, ROUNDS, SERVER_CLI,
                         STARTS, med)

# The first marker of the parts after the goals that this report does not write: async.sh's section,
# big-snapshot.sh's section and the hand-written text on its figures that follows it. A full report
# keeps the existing file from the first of them to its end, in the order it has.
TAIL = ("<!-- async:start -->", "<!-- big-snapshot:start -->")


def shared_machine_note(results):
    before, after = results.get("load_before"), results.get("load_after")
    if not before:
        return ""
    cores = os.cpu_count() or 1
    busy = max(float(before[0]), float(after[0]) if after else 0) > cores * 0.75
    return (f"- Load average (1, 5, 15 min) {' '.join(before)} at the start, {' '.join(after or [])} at the end"
            + (f": the run shared the {cores} cores with other work (builds), so wall times and rates are "
               "lower than on an idle machine and vary more; CPU-time and ratio figures suffer least."
               if busy else "."))


def report_goal_details(results, w, goals):
    """The figures behind the goals: save speed inside the JVM, CLI start-up, the facade's CPU per call."""
    w("## Goals in detail\n")
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


def report_snapshots(results, w, goals):
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


def report_latency(results, w, goals):
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


def report_startup(results, w, goals):
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


def report_standby(results, w, goals):
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


def report_inspect(results, w, goals):
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


def render(results, path):
    """Writes the report of `results` to `path`, keeping the notes and the TAIL of the file there."""
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
    w(shared_machine_note(results) + "\n")

    goals = []
    report_snapshots(results, w, goals)
    report_latency(results, w, goals)
    report_startup(results, w, goals)
    report_standby(results, w, goals)
    report_goal_details(results, w, goals)

    report_inspect(results, w, goals)
    old = open(path).read() if os.path.exists(path) else ""
    notes = kept(old, "notes")
    if notes:
        w(notes)
    w("## Goals\n")
    w("| Goal | Measured | Met |")
    w("|---|---|---|")
    for g, m, ok in goals:
        w(f"| {g} | {m} | {ok if isinstance(ok, str) else 'not decided: the error bars straddle the goal' if ok is None else 'yes' if ok else '**no**'} |")
    w("")
    starts = [old.index(m) for m in TAIL if m in old]
    tail = old[min(starts):] if starts else ""
    open(path, "w").write("\n".join(L).rstrip("\n") + "\n" + ("\n" + tail if tail else ""))


def kept(old, name):
    """The section between `<!-- name:start -->` and `<!-- name:end -->` of the old report, markers
    included, or "" when it has none."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    if start not in old or end not in old:
        return ""
    return old[old.index(start):old.index(end) + len(end)] + "\n"


def rerender(path):
    """Writes the report again from a run's results.json, without measuring."""
    results = json.load(open(path))
    for tool in results.get("latency", {}).values():  # JSON turned the concurrency keys into strings
        for c in list(tool):
            tool[int(c)] = tool.pop(c)
    render(results, DOC)
