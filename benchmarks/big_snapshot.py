"""Multi-gigabyte snapshots against a real 3-node cluster: save and restore with every tool, through
the active node and a standby, what the server needs meanwhile, and the server limits that cut long
transfers. Called by big-snapshot.sh, which builds, starts the cluster and exports what bench_common.py
reads; reuses bench_common.py's tools and helpers. Keeps each size's figures in
benchmarks/target/big-<server>-<GiB>.json and renders every size measured so far into the report's
big-snapshot section (between markers, so that run.sh's full report keeps it)."""
import base64
import glob
import http.client
import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

import bench_common
from bench_common import E, WORK, TOKEN, SERVER_CLI, IS_VAULT, HEAP, log, timed, kv, java, med

GIB = float(E["BIG_GIB"])
STATE = E["VAULTX_CLUSTER_DIR"]
FLAVOUR = "vault" if IS_VAULT else "openbao"
RESULTS = os.path.join(WORK, f"big-{FLAVOUR}-{GIB:g}.json")
ROUNDS = int(E.get("BIG_ROUNDS", "1"))
VALUE_KB = int(E.get("BIG_VALUE_KB", "900"))
# After a restore, reads stopped for 51-163 s at 2 GiB: the wait for the cluster grows with the size.
WAIT_S = int(max(180, 90 * GIB))
FACADE = "vaultx facade (-Xmx64m)"
CLI = "vaultx CLI (-Xmx64m)"
START, END = "<!-- big-snapshot:start -->", "<!-- big-snapshot:end -->"
results = {"gib": GIB, "server": bench_common.SERVER_VERSION}


# ---------------------------------------------------------------- the cluster and its nodes
def nodes():
    """(number, address, pid, directory) of every node."""
    out = []
    for n, addr in enumerate(bench_common.node_addrs(), start=1):
        d = os.path.join(STATE, f"node{n}")
        out.append((n, addr, int(open(os.path.join(d, "server.pid")).read()), d))
    return out


def pid_of(addr):
    """The process id of the node at `addr`."""
    return next(pid for _, a, pid, _ in nodes() if a == addr)


def active_addr():
    deadline = time.time() + WAIT_S
    while True:
        for _, a, _, _ in nodes():
            if bench_common.health(a) == 200:
                return a
        if time.time() > deadline:
            raise RuntimeError("no node answers sys/health with 200")
        time.sleep(0.5)


def ready():
    """Waits until some node is active and answers the Raft configuration (bench_common.wait_ready asks
    only the first node, which a restart may have made a standby)."""
    deadline = time.time() + WAIT_S
    while True:
        try:
            addr = active_addr()
            if call(addr, "GET", "/v1/sys/storage/raft/configuration")[0] == 200:
                return addr
        except (OSError, RuntimeError):
            pass
        if time.time() > deadline:
            raise RuntimeError(f"the cluster did not serve again within {WAIT_S} s")
        time.sleep(0.25)


def holds_for(check, quiet, limit, failure):
    """Waits until `check()` has been true at every poll for `quiet` seconds; returns when that began.
    A check that raises OSError, RuntimeError, ValueError or KeyError counts as false. Raises
    RuntimeError(`failure` and the limit) when `limit` seconds pass first."""
    deadline = time.time() + limit
    since = None
    while time.time() < deadline:
        try:
            ok = check()
        except (OSError, RuntimeError, ValueError, KeyError):
            ok = False
        since = (since or time.time()) if ok else None
        if since and time.time() - since >= quiet:
            return since
        time.sleep(0.5)
    raise RuntimeError(f"{failure} within {limit} s")


def settled(quiet=10):
    """Waits until KV reads through the active node have succeeded without a break for `quiet`
    seconds: after a restore the cluster can answer, then stop while the nodes reload the data."""
    holds_for(lambda: call(active_addr(), "GET", "/v1/bench/k0", timeout=5)[0] == 200, quiet, WAIT_S + 60,
              f"the cluster did not serve for {quiet} s without a break")


def caught_up(quiet=10):
    """Waits until autopilot has called every server healthy, with every server at the leader's last
    index, for `quiet` seconds; returns when that began. A restore is applied on the followers by
    sending them the whole snapshot, which they install and reload after the active node answers
    reads again; a second big restore before they finished lost the leader on both servers
    (2026-12-05: "leadership lost while committing log"). Operators should wait for this too."""
    def all_at_one_index():
        status, body = call(active_addr(), "GET", "/v1/sys/storage/raft/autopilot/state", timeout=5)
        state = json.loads(body)["data"] if status == 200 else {}
        servers = (state.get("servers") or {}).values()
        return (state.get("healthy") is True and len(servers) == int(E.get("BENCH_NODES", "3"))
                and all(s.get("healthy") for s in servers)
                and len({s.get("last_index") for s in servers}) == 1)
    return holds_for(all_at_one_index, quiet, WAIT_S + 300,
                     "the followers did not catch up (autopilot healthy, every server at one index)")


def call(addr, method, path, body=None, timeout=10):
    u = urllib.parse.urlparse(addr)
    c = http.client.HTTPConnection(u.hostname, u.port, timeout=timeout)
    try:
        c.request(method, path, body=body, headers={"X-Vault-Token": TOKEN})
        r = c.getresponse()
        return r.status, r.read()
    finally:
        c.close()


def dir_bytes(path):
    total = 0
    for root, _, files in os.walk(path):
        for f in files:
            try:
                total += os.path.getsize(os.path.join(root, f))
            except OSError:
                pass
    return total


def rss_mb(pid):
    try:
        for line in open(f"/proc/{pid}/status"):
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


# ---------------------------------------------------------------- fill
def fill():
    """Random KV values of BIG_VALUE_KB (900 KB by default, under Raft's 1 MiB entry limit) until the
    data reaches the size asked: the snapshot is the data, gzip-compressed, plus a few MB. The value
    size matters to the server: a restore, and a follower installing the result, commits the data
    in Bolt transactions of 50,000 entries and holds each in memory until it commits, so with 900 KB
    values a 5 GiB restore held the whole snapshot in memory on every node at once."""
    raw = VALUE_KB * 1000 * 3 // 4  # base64 -> VALUE_KB
    count = -(-int(GIB * 2**30) // (raw * 4 // 3))
    results["value_kb"] = VALUE_KB
    status, _ = call(bench_common.ADDR, "POST", "/v1/sys/mounts/bench", json.dumps({"type": "kv"}))
    if status not in (200, 204, 400):
        raise RuntimeError(f"mounting kv answered {status}")

    def put(i):
        body = json.dumps({"v": base64.b64encode(os.urandom(raw)).decode()})
        for attempt in range(5):
            try:
                status, data = call(bench_common.ADDR, "PUT", f"/v1/bench/k{i}", body, timeout=120)
                if status in (200, 204):
                    return
                err = f"{status} {data[:200]!r}"
            except OSError as e:
                err = str(e)
            time.sleep(1 + attempt)
        raise RuntimeError(f"fill: PUT k{i} failed: {err}")

    t = time.perf_counter()
    with ThreadPoolExecutor(4 if VALUE_KB >= 256 else 16) as pool:
        for n, _ in enumerate(pool.map(put, range(count)), start=1):
            if n % (500 if VALUE_KB >= 256 else 20000) == 0:
                log(f"filled {n}/{count}")
    results["fill"] = {"values": count, "bytes": count * raw * 4 // 3, "seconds": time.perf_counter() - t}
    log(f"filled {count} values ({count * raw * 4 / 3 / 2**30:.2f} GiB) in {results['fill']['seconds']:.0f}s")


# ---------------------------------------------------------------- what the server does meanwhile
class Watch:
    """While a transfer runs: every node's RSS and the size of each node's directory (data, Raft
    snapshots, a restore's temp file) every 0.2 s, and a KV read through the active node every
    0.1 s; `unavailable` is the longest stretch without a successful read."""

    def __init__(self, reads_from):
        self.reads_from = reads_from
        self.stop = threading.Event()
        self.rss = {}
        self.disk = {}
        self.base_disk = {n: dir_bytes(d) for n, _, _, d in nodes()}
        self.ok_times = []
        self.threads = [threading.Thread(target=self._sample, daemon=True),
                        threading.Thread(target=self._read, daemon=True)]

    def __enter__(self):
        self.t0 = time.time()
        for t in self.threads:
            t.start()
        return self

    def _sample(self):
        while not self.stop.is_set():
            for n, _, pid, d in nodes():
                self.rss[n] = max(self.rss.get(n, 0), rss_mb(pid))
                self.disk[n] = max(self.disk.get(n, 0), dir_bytes(d) - self.base_disk[n])
            self.stop.wait(0.2)

    def _read(self):
        while not self.stop.is_set():
            try:
                if call(self.reads_from, "GET", "/v1/bench/k0", timeout=2)[0] == 200:
                    self.ok_times.append(time.time())
            except OSError:
                pass
            self.stop.wait(0.1)

    def finish(self):
        self.stop.set()
        for t in self.threads:
            t.join()
        times = [self.t0] + self.ok_times + [time.time()]
        gap = max(b - a for a, b in zip(times, times[1:]))
        return {"node_rss_mb": max(self.rss.values() or [0]), "node_disk_mb": max(self.disk.values() or [0]) / 1e6,
                "unavailable_s": gap}

    def __exit__(self, *exc):
        self.stop.set()


def after_restore(watch):
    """Waits until the cluster serves reads again and every standby is back, then stops the watch."""
    ready()
    # Not the first read that works: after a 2 GiB restore the nodes can answer, then seal again
    # while they reload (Vault 1.21.4 after its CLI's restore, 2026-12-04). The watch keeps sampling
    # until reads have worked for a while, so a second stop counts too.
    settled()
    figures = watch.finish()
    # The followers install the restored snapshot after the active node serves again: the next
    # transfer waits for them, and the results keep how long after the transfer's start they were done.
    figures["caught_up_s"] = caught_up() - watch.t0
    bench_common.standby_addr()
    return figures


# ---------------------------------------------------------------- tools
def savers(addr):
    s = dict(bench_common.SAVERS)
    s["curl"] = lambda f: ["curl", "-sS", "--fail", "-L", "-o", f, "-H", "X-Vault-Token: " + TOKEN,
                           addr + "/v1/sys/storage/raft/snapshot"]
    return s


def curl_restore(addr, f):
    """curl -T sends the file as it reads it; -L sends it again after a standby's 307."""
    return ["curl", "-sS", "--fail", "-L", "-X", "POST", "-T", f, "-H", "X-Vault-Token: " + TOKEN,
            addr + "/v1/sys/storage/raft/snapshot"]


def restorers(addr):
    r = {
        "curl -T (streams)": lambda f: curl_restore(addr, f),
        "curl --data-binary (in memory)": lambda f: [
            "curl", "-sS", "--fail", "-L", "-X", "POST", "--data-binary", "@" + f,
            "-H", "X-Vault-Token: " + TOKEN, addr + "/v1/sys/storage/raft/snapshot"],
    }
    for k, v in bench_common.RESTORERS.items():
        if k != "curl":
            r[k] = v
    chosen = E.get("BIG_RESTORE_TOOLS")
    return {k: v for k, v in r.items() if not chosen or k.split()[0] in chosen.split(",")}


# The phase being measured, for the figures that say how they were taken.
PHASE = [""]


def settle_disk():
    """Writes every dirty page out, untimed, so that each timed transfer starts with none pending: a
    2 GiB file written just before (the last tool's output, the reference) otherwise throttles the
    next writer at the disk's pace, whichever tool comes next."""
    os.sync()
    synced = results.setdefault("synced_phases", [])
    if PHASE[0] not in synced:
        synced.append(PHASE[0])


def run(cmd, addr):
    settle_disk()
    return timed(cmd, {"VAULT_ADDR": addr, "BAO_ADDR": addr, "JAVA_OPTS": HEAP})


def transfers(path, addr):
    """Every tool saves, then every tool restores the reference, through `addr`."""
    reference = os.path.join(WORK, "reference.snap")
    # A phase measured again (BIG_KEEP) replaces its earlier figures instead of adding to them.
    rows = results[path] = {"save": {}, "restore": {}, "errors": [], "rounds": ROUNDS}
    # The first read of the data after the fill comes partly from disk (at 5 GiB the three nodes'
    # databases outgrow the page cache), so the first tool timed would pay for it: one untimed save
    # reads the data once before the timed ones.
    warm = run(savers(addr)["curl"]("/dev/null"), addr)["wall"]
    rows["warm_up_seconds"] = warm
    log(f"{path}: untimed curl save to warm the server up: {warm:.1f}s")
    # Whether the nodes' TMPDIR, where a restore writes its decompressed temp file, is inside the
    # directories whose growth is measured (scripts/local-cluster.sh since 2026-12-04 22:30 UTC).
    rows["disk_counts_tmp"] = all(os.path.isdir(os.path.join(d, "tmp")) for _, _, _, d in nodes())
    for rnd in range(ROUNDS):
        for name, cmd in savers(addr).items():
            f = os.path.join(WORK, "save.snap")
            if os.path.exists(f):
                os.remove(f)
            with Watch(addr) as w:
                try:
                    r = run(cmd(f), addr)
                except RuntimeError as e:
                    w.finish()
                    rows["errors"].append(f"{name} save: {last_line(e)}")
                    log(f"{path} save {name} failed: {last_line(e)}")
                    checkpoint()
                    continue
                r.update(w.finish())
            r["bytes"] = os.path.getsize(f)
            r.update(kv(r["stdout"]))
            r.pop("stdout")
            rows["save"].setdefault(name, []).append(r)
            checkpoint()
            if name == "curl" and not os.path.exists(reference):
                os.replace(f, reference)
                results["snapshot_bytes"] = os.path.getsize(reference)
            log(f"{path} save {name}: {r['bytes'] / 1e6:.0f} MB in {r['wall']:.1f}s, RSS {r['rss_mb']:.0f} MB, "
                f"node RSS {r['node_rss_mb']:.0f} MB")
        if os.path.exists(os.path.join(WORK, "save.snap")):
            os.remove(os.path.join(WORK, "save.snap"))
        for name, cmd in restorers(addr).items():
            if path == "standby":
                addr = bench_common.standby_addr()
                cmd = restorers(addr)[name]
            with Watch(active_addr()) as w:
                try:
                    r = run(cmd(reference), addr)
                except RuntimeError as e:
                    after_restore(w)
                    rows["errors"].append(f"{name} restore: {last_line(e)}")
                    log(f"{path} restore {name} failed: {last_line(e)}")
                    checkpoint()
                    continue
                try:
                    r.update(after_restore(w))
                except RuntimeError as e:
                    # Keep what was measured: the cluster not coming back is itself the finding.
                    rows["errors"].append(f"{name} restore: exit status 0 after {r['wall']:.1f} s, then {e}")
                    checkpoint()
                    raise
            r.update(kv(r["stdout"]))
            r.pop("stdout")
            if r["node_disk_mb"] < os.path.getsize(reference) / 1e6 / 2:
                # Every restore writes the snapshot to a temp file on the active node first.
                rows["errors"].append(
                    f"{name} restore: exit status 0 after {r['wall']:.1f} s, but no node wrote the snapshot "
                    f"(+{r['node_disk_mb']:.0f} MB) and reads never stopped: nothing was restored")
                log(f"{path} restore {name}: nothing was restored")
                continue
            rows["restore"].setdefault(name, []).append(r)
            checkpoint()
            log(f"{path} restore {name}: {r['wall']:.1f}s, RSS {r['rss_mb']:.0f} MB, unavailable "
                f"{r['unavailable_s']:.1f}s, leader disk +{r['node_disk_mb']:.0f} MB, node RSS {r['node_rss_mb']:.0f} MB")
    results["snapshot_bytes"] = os.path.getsize(reference)


MULTIPLIER = [1]


def multipliers(r):
    """Each measured phase's `performance_multiplier` (1 for the runs that did not record it)."""
    return {k: r.get("phase_multiplier", {}).get(k, 1) for k in r.get("phase_dates", {})}


def with_multiplier(r, phase, date):
    """`phase date`, with the phase's `performance_multiplier` when the phases differ in it."""
    if len(set(multipliers(r).values())) < 2:
        return f"{phase} {date}"
    m = f"`performance_multiplier` {multipliers(r)[phase]}"
    return f"{phase} {date[:-1]}; {m})" if date.endswith(")") else f"{phase} {date} ({m})"


def raft_timing(r):
    values = set(multipliers(r).values()) or {MULTIPLIER[0]}
    if len(values) > 1:
        return "Raft timing: each phase's `performance_multiplier` is in the list below (5 is Vault's default when it is unset)."
    m = values.pop()
    return (f"Raft timing: `performance_multiplier` {m}"
            + (" (Vault's default when it is unset)." if m == 5 else
               " (the test clusters' setting; 5, Vault's default, gives the leader five times longer "
               "leases and heartbeat timeouts)."))


def checkpoint():
    """Writes what is measured so far, so that a run that stops keeps it (BIG_RERENDER renders it)."""
    json.dump(dict(results, date=time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())), open(RESULTS, "w"), indent=1)


def last_line(e):
    # curl follows its real complaint ("option --data-binary: out of memory") with a hint to read
    # its manual; the complaint is what the report needs.
    said = [l for l in str(e).split("): ", 1)[-1].splitlines()
            if l.strip() and not l.startswith("curl: try ") and not l.lstrip().startswith(("at ", "..."))]
    return (said[-1] if said else str(e))[:300]


def reference_snapshot(addr):
    """The snapshot every restore sends: curl's save of the active phase, or a fresh one when that
    phase did not run (benchmarks/big-snapshot.sh removes the files of an earlier run)."""
    reference = os.path.join(WORK, "reference.snap")
    if not os.path.exists(reference):
        run(savers(addr)["curl"](reference), addr)
        results["snapshot_bytes"] = os.path.getsize(reference)
    return reference


def snapshot_main(command, f, addr, calls=2):
    """`SnapshotMain command f calls` in one JVM; its key=value figures, or what it said if it failed."""
    settle_disk()
    p = subprocess.run(java("io.github.vaultx.raft.benchmarks.SnapshotMain", command, f, str(calls)),
                       env=bench_common.env(VAULT_ADDR=addr), capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError(f"SnapshotMain {command} exited {p.returncode}: {last_line(p.stderr or p.stdout)}")
    return kv(p.stdout)


def running_jvm():
    """The facade in one JVM: two saves and three restores with one client; the second of each is
    what a running application gets, the third restore skips the local check (what the check adds is
    the difference). Also times the restore's local check alone."""
    addr = active_addr()
    reference = reference_snapshot(addr)
    f = os.path.join(WORK, "save.snap")
    save = snapshot_main("save", f, addr)
    os.remove(f)
    curl_save = run(savers(addr)["curl"](f), addr)["wall"]
    os.remove(f)
    with Watch(addr) as w:
        restore = snapshot_main("restore", reference, addr, 3)
        after_restore(w)
    with Watch(addr) as w:
        curl_wall = run(curl_restore(addr, reference), addr)["wall"]
        after_restore(w)
    results["running_jvm"] = {"save": save, "restore": restore, "curl_save": curl_save, "curl_restore": curl_wall}
    log(f"running JVM: save first {save['seconds']:.1f}s later {save['warm_seconds']:.1f}s (curl {curl_save:.1f}s); "
        f"restore first {restore['seconds']:.1f}s later {restore['warm_seconds']:.1f}s (curl -T {curl_wall:.1f}s), "
        f"verification alone {restore['verify_seconds']:.1f}s"
        + (f", check skipped {restore['unverified_seconds']:.1f}s" if "unverified_seconds" in restore else ""))


# ---------------------------------------------------------------- profile
def cli_jit_flags():
    """The JIT flags bin/vaultx-raft gives snapshot commands (C1 compiles everything, C2 only SHA-256),
    read from the launcher so that the profile measures what it ships."""
    text = open(bench_common.CLI).read()
    block = text[text.index('*" snapshot "*'):]
    block = block[:block.index("\nelse")]
    flags = [f.rstrip(")") for f in re.findall(r"-XX:(?:Tier4|CompileCommand)\S+", block)]
    if not flags:
        raise SystemExit("bin/vaultx-raft: no JIT flags found in its snapshot branch")
    return flags


CLI_JIT = cli_jit_flags()
CLK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    """User and system CPU of a process and all its threads so far."""
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK


def machine_ticks():
    """(all ticks, idle and iowait ticks) of every core so far."""
    v = [int(x) for x in open("/proc/stat").readline().split()[1:]]
    return sum(v), v[3] + v[4]


def pin(leader):
    """With a leader pid: every thread of the leader on core 0, the other nodes on core 1; with None,
    every node on every core again."""
    for _, _, pid, _ in nodes():
        cpus = "0-1" if leader is None else ("0" if pid == leader else "1")
        subprocess.run(["taskset", "-a", "-cp", cpus, str(pid)], capture_output=True, check=True)


def facade(command, f, jit=(), jfr=None):
    flags = list(jit) + ([f"-XX:StartFlightRecording=filename={jfr},settings=profile"] if jfr else [])
    return ["java", HEAP] + flags + ["-cp", bench_common.BENCH_JAR, "io.github.vaultx.raft.benchmarks.SnapshotMain",
                                      command, f]


def java_threads(root):
    """{tid: (thread name, CPU seconds)} of every java process below `root`, read from /proc."""
    out, todo = {}, [root]
    while todo:
        pid = todo.pop()
        try:
            for tid in os.listdir(f"/proc/{pid}/task"):
                todo += [int(c) for c in open(f"/proc/{pid}/task/{tid}/children").read().split()]
            if open(f"/proc/{pid}/comm").read().strip() == "java":
                for tid in os.listdir(f"/proc/{pid}/task"):
                    name = open(f"/proc/{pid}/task/{tid}/comm").read().strip()
                    out[tid] = (name, cpu_seconds(f"{pid}/task/{tid}"))
        except OSError:
            pass  # ended meanwhile
    return out


def thread_kind(name):
    """JVM threads by what they do; the program's own threads by name (/proc keeps 15 characters)."""
    if "CompilerThre" in name:
        return "JIT compilers"
    if name.startswith(("GC Thread", "VM Thread", "G1 ", "VM Periodic")):
        return "GC and VM"
    return name


def timed_threads(cmd, extra_env):
    """timed(), and the CPU of a java command's threads by kind, sampled every 0.1 s while it runs."""
    out = os.path.join(WORK, "time.txt")
    log_file = os.path.join(WORK, "timed.log")
    t = time.perf_counter()
    with open(log_file, "w") as lf:
        p = subprocess.Popen([bench_common.TIME, "-v", "-o", out] + cmd, env=bench_common.env(**extra_env),
                             stdout=lf, stderr=subprocess.STDOUT)
        seen = {}
        while p.poll() is None:
            seen.update(java_threads(p.pid))
            time.sleep(0.1)
    wall = time.perf_counter() - t
    if p.returncode != 0:
        raise RuntimeError(f"{cmd} failed ({p.returncode}): {open(log_file).read()[-2000:]}")
    kinds = {}
    for name, cpu in seen.values():
        kinds[thread_kind(name)] = kinds.get(thread_kind(name), 0) + cpu
    return dict(bench_common.time_report(out), wall=wall,
                threads={k: round(v, 2) for k, v in sorted(kinds.items(), key=lambda kv: -kv[1]) if v >= 0.05})


def measured(cmd, addr, leader, pinned):
    """One transfer, timed, with the CPU the leader used meanwhile and how busy both cores were."""
    settle_disk()
    if pinned:
        pin(leader)
        cmd = ["taskset", "-c", "1"] + cmd
    try:
        lead0, (all0, idle0) = cpu_seconds(leader), machine_ticks()
        x = timed_threads(cmd, {"VAULT_ADDR": addr, "BAO_ADDR": addr, "JAVA_OPTS": HEAP})
        all1, idle1 = machine_ticks()
        x["leader_cpu"] = cpu_seconds(leader) - lead0
        x["busy"] = 1 - (idle1 - idle0) / max(1, all1 - all0)
    finally:
        if pinned:
            pin(None)
    return x


def jfr_profile(path):
    """Where a JVM spent its time: the top frames of its Java and native samples, its samples per
    thread, and the time its JIT compilers took."""
    def events(kind):
        p = subprocess.run(["jfr", "print", "--json", "--events", kind, path], capture_output=True, text=True,
                           check=True)
        return json.loads(p.stdout)["recording"]["events"]

    def frame(e):
        frames = (e["values"].get("stackTrace") or {}).get("frames") or [{}]
        m = frames[0].get("method") or {}
        return f"{(m.get('type') or {}).get('name', '?')}.{m.get('name', '?')}"

    out = {}
    for kind, key in (("jdk.ExecutionSample", "java"), ("jdk.NativeMethodSample", "native")):
        evs = events(kind)
        tops, threads = {}, {}
        for e in evs:
            tops[frame(e)] = tops.get(frame(e), 0) + 1
            t = (e["values"].get("sampledThread") or {}).get("javaName") or "?"
            threads[t] = threads.get(t, 0) + 1
        out[key] = {"samples": len(evs), "top": sorted(tops.items(), key=lambda kv: -kv[1])[:8],
                    "threads": sorted(threads.items(), key=lambda kv: -kv[1])[:6]}
    stats = events("jdk.CompilerStatistics")
    total = stats[-1]["values"]["totalTimeSpent"] if stats else "PT0S"  # ISO 8601, "PT1.171S"
    m = re.fullmatch(r"PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?", total)
    out["jit_ms"] = (int(m.group(1) or 0) * 3600 + int(m.group(2) or 0) * 60 + float(m.group(3) or 0)) * 1000 \
        if m else None
    out["compilations"] = stats[-1]["values"]["compileCount"] if stats else 0
    return out


def profile():
    """Why the facade trails curl on 2 cores: every save and restore with the CPU the leader used and how
    busy the machine was; the same saves with the leader alone on core 0 and everything else on core 1;
    fresh-JVM saves and restores with the JIT flags of bin/vaultx-raft beside the defaults; saves into
    tmpfs (/dev/shm) beside saves to the disk; and a JFR profile of one facade save and one restore
    (untimed). BIG_PROFILE=saves measures only the saves to the disk and to tmpfs, unpinned, and adds
    them to the figures of an earlier profile run of the same fill size (BIG_KEEP=1)."""
    addr = active_addr()
    leader = pid_of(addr)
    reference = reference_snapshot(addr)
    f = os.path.join(WORK, "save.snap")
    saves_only = E.get("BIG_PROFILE") == "saves"
    out = results["profile"] = (results.get("profile") if saves_only else None) or {"save": {}, "restore": {},
                                                                                       "rounds": ROUNDS}
    measured_now = set()
    # The same saves into memory (tmpfs): what is left of the gap without the file system's write path.
    shm = os.path.join("/dev/shm", "vaultx-profile-save.snap")
    saves = {"curl": (savers(addr)["curl"](f), f), "facade": (facade("save", f), f),
             "facade, CLI's JIT flags": (facade("save", f, CLI_JIT), f),
             "curl, to tmpfs": (savers(addr)["curl"](shm), shm), "facade, to tmpfs": (facade("save", shm), shm)}
    if not os.path.isdir("/dev/shm"):
        saves = {k: v for k, v in saves.items() if "tmpfs" not in k}
    if saves_only:  # the comparison with and without the file system, not the JIT or the pinning
        saves = {k: v for k, v in saves.items() if "JIT" not in k}
    for rnd in range(ROUNDS):
        for pinned in ((False,) if saves_only else (False, True)):
            for name, (cmd, target) in (saves.items() if rnd % 2 == 0 else reversed(list(saves.items()))):
                if pinned and "tmpfs" in name:
                    continue
                label = name + (", leader alone on a core" if pinned else "")
                x = measured(cmd, addr, leader, pinned)
                os.remove(target)
                if label not in measured_now:  # rows measured again replace the earlier ones
                    out["save"][label] = []
                    measured_now.add(label)
                out["save"][label].append(x)
                log(f"profile: save {label}: {x['wall']:.1f}s, client CPU {x['cpu']:.1f}s, "
                    f"leader CPU {x['leader_cpu']:.1f}s, cores busy {x['busy']:.0%}, threads {x['threads']}")
    if saves_only:
        out["saves_again"] = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
        out["saves_rounds"] = ROUNDS
        return
    restores = {"curl -T": curl_restore(addr, reference), "facade": facade("restore", reference),
                "facade, CLI's JIT flags": facade("restore", reference, CLI_JIT)}
    for rnd in range(ROUNDS):
        for pinned in ((False, True) if rnd == 0 else (False,)):
            for name, cmd in (restores.items() if rnd % 2 == 0 else reversed(list(restores.items()))):
                if pinned and "JIT" in name:
                    continue
                label = name + (", leader alone on a core" if pinned else "")
                addr = active_addr()
                leader = pid_of(addr)
                with Watch(addr) as w:
                    x = measured(cmd, addr, leader, pinned)
                    x.update(after_restore(w))
                out["restore"].setdefault(label, []).append(x)
                log(f"profile: restore {label}: {x['wall']:.1f}s, client CPU {x['cpu']:.1f}s, "
                    f"leader CPU {x['leader_cpu']:.1f}s, cores busy {x['busy']:.0%}, threads {x['threads']}")
    # One JFR recording of each, untimed: the recording costs a little of its own.
    jfr = os.path.join(WORK, "save.jfr")
    subprocess.run(facade("save", f, jfr=jfr), env=bench_common.env(VAULT_ADDR=addr), check=True,
                   capture_output=True)
    os.remove(f)
    out["save_jfr"] = jfr_profile(jfr)
    addr = active_addr()
    jfr = os.path.join(WORK, "restore.jfr")
    with Watch(addr) as w:
        subprocess.run(facade("restore", reference, jfr=jfr), env=bench_common.env(VAULT_ADDR=addr), check=True,
                       capture_output=True)
        after_restore(w)
    out["restore_jfr"] = jfr_profile(jfr)
    for k in ("save_jfr", "restore_jfr"):
        p = out[k]
        log(f"profile: {k}: JIT {p['jit_ms']:.0f} ms in {p['compilations']} compilations; java top "
            f"{p['java']['top'][:4]}; native top {p['native']['top'][:3]}")


# ---------------------------------------------------------------- limits
def restart_with(options):
    """Restarts every node with `options` in its listener block (the data stays), unseals it and
    waits for the cluster."""
    key = json.load(open(os.path.join(STATE, "init.json")))["keys_base64"][0]
    binary = E["BENCH_BAO"]
    for n, addr, pid, d in nodes():
        subprocess.run(["kill", "-TERM", str(pid)])
        for _ in range(100):
            if not os.path.exists(f"/proc/{pid}"):
                break
            time.sleep(0.1)
        cfg = os.path.join(d, "config.hcl")
        text = re.sub(r"(tls_disable\s*=\s*true\n)(?:  # limits\n.*\n)*", r"\1", open(cfg).read())
        lines = "".join(f"  # limits\n  {o}\n" for o in options)
        open(cfg, "w").write(re.sub(r"(tls_disable\s*=\s*true\n)", r"\1" + lines.replace("\\", "\\\\"), text))
        # As scripts/local-cluster.sh starts it: a restore's temp file goes under the node's directory.
        tmp = os.path.join(d, "tmp")
        env = dict(os.environ, TMPDIR=tmp) if os.path.isdir(tmp) else None
        p = subprocess.Popen([binary, "server", f"-config={cfg}"], stdout=open(os.path.join(d, "server.log"), "a"),
                             stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True, env=env)
        open(os.path.join(d, "server.pid"), "w").write(str(p.pid))
    for n, addr, _, _ in nodes():
        deadline = time.time() + 60
        while True:
            try:
                u = urllib.parse.urlparse(addr)
                c = http.client.HTTPConnection(u.hostname, u.port, timeout=5)
                c.request("PUT", "/v1/sys/unseal", body=json.dumps({"key": key}))
                if c.getresponse().status == 200:
                    break
            except OSError:
                pass
            if time.time() > deadline:
                raise RuntimeError(f"node{n} did not unseal after a restart")
            time.sleep(0.3)
    ready()
    bench_common.standby_addr()


def limits():
    """Save and restore through the active node with a small max_request_duration, then with a small
    http_read_timeout, with curl and the facade: what the server answers, what the tool says, whether
    the file and the cluster are intact."""
    reference = reference_snapshot(active_addr())
    limit = E.get("BIG_LIMIT", "2s")
    # curl runs at a rate that makes its transfer last about three times the limit.
    rate = str(max(1, int(os.path.getsize(reference) / (3 * float(limit.rstrip("s"))))))
    rows = []
    for setting in ("max_request_duration", "http_read_timeout"):
        restart_with([f'{setting} = "{limit}"'])
        tools = {
            f"curl --limit-rate {int(rate) // 1000000} MB/s": (
                lambda f, a: savers(a)["curl"](f) + ["--limit-rate", rate],
                lambda a: curl_restore(a, reference) + ["--limit-rate", rate]),
            FACADE: (lambda f, a: bench_common.SAVERS[FACADE](f), lambda a: bench_common.RESTORERS[FACADE](reference)),
        }
        for name, (saver, restorer) in tools.items():
            for kind in ("save", "restore"):
                f = os.path.join(WORK, "limit.snap")
                if os.path.exists(f):
                    os.remove(f)
                addr = active_addr()  # a restore can move the leadership
                cmd = saver(f, addr) if kind == "save" else restorer(addr)
                t = time.perf_counter()
                p = subprocess.run(cmd, env=bench_common.env(VAULT_ADDR=addr, BAO_ADDR=addr, JAVA_OPTS=HEAP),
                                   capture_output=True, text=True)
                wall = time.perf_counter() - t
                lines = [l.strip() for l in (p.stderr + p.stdout).splitlines() if l.strip()]
                # A Java stack trace: its first line holds the message.
                said = [l for l in lines if not l.startswith(("at ", "..."))][:1] if p.returncode else lines[-1:]
                left = ""
                if kind == "save":
                    if os.path.exists(f):
                        check = subprocess.run([os.path.join(bench_common.ROOT, "bin", "vaultx-raft"), "snapshot", "inspect",
                                                f], capture_output=True, text=True)
                        left = (f"file of {os.path.getsize(f) / 1e6:.0f} MB left, "
                                + ("verifies" if check.returncode == 0 else "damaged"))
                    else:
                        left = "no file"
                    after = ""
                else:
                    # A restore the server took goes on after its answer (the nodes reload the data):
                    # wait until the cluster has served for a while, or the next tool meets a node in
                    # the middle of it (503 sealed).
                    try:
                        settled()
                    except RuntimeError as e:
                        log(f"limits: after the {name} restore: {e}")
                    after = "reads k0" if call(ready(), "GET", "/v1/bench/k0")[0] == 200 else "**k0 unreadable**"
                rows.append({"setting": f"{setting} = {limit}", "tool": name, "kind": kind, "exit": p.returncode,
                             "wall": wall, "said": (said[-1] if said else "")[:400], "file": left,
                             "cluster": after})
                log(f"limits {setting}={limit} {name} {kind}: exit {p.returncode} after {wall:.1f}s: "
                    f"{rows[-1]['said'][:200]} {left} {after}")
    restart_with([])
    results["limits"] = rows


# ---------------------------------------------------------------- report
def pct(a, b):
    return f"{a / b:.0%}" if a and b else ""


def render():
    """The big-snapshot section from every size measured on this server so far."""
    runs = sorted((json.load(open(p)) for p in glob.glob(os.path.join(WORK, f"big-{FLAVOUR}-*.json"))),
                  key=lambda r: r["gib"])
    L = [START, "## Big snapshots\n"]
    w = L.append
    # Rounds of the active and standby phases, as each run recorded them (runs before 2026-12-05 12:10
    # UTC did not, and all used one).
    rounds = sorted({r[p].get("rounds", 1) for r in runs for p in ("active", "standby") if p in r} or {1})
    rounds_text = (f"{rounds[0]} round{'s' if rounds[0] > 1 else ''} per size" if len(rounds) == 1
                   else f"{rounds[0]}-{rounds[-1]} rounds per size")
    w(f"Written by `benchmarks/big-snapshot.sh GiB {FLAVOUR}`, one run per size on a 3-node cluster of "
      f"{runs[-1]['server']} (plain HTTP, 127.0.0.1), random KV values (size per run below); {rounds_text}, "
      "tools interleaved. `node RSS`: the largest resident set of any node process during the transfer; "
      "`leader disk`: the largest growth of a node's directory (the new database a restore builds, and, "
      "where the size's notes say so, the decompressed temp file the server writes first into its TMPDIR); "
      "`unavailable`: the longest stretch without a successful KV read through the active node, "
      "from the start of the restore until the cluster serves again.\n")
    for r in runs:
        before, after = r.get("load_before"), r.get("load_after")
        if before:
            w(f"- {r['snapshot_bytes'] / 2**30:.2f} GiB run: load average {' '.join(before)} at the start, "
              + (f"{' '.join(after)} at the end" if after else "none at the end (the run stopped)")
              + f" ({os.cpu_count()} cores).")
    w("")
    goals = []
    for r in runs:
        size = r["snapshot_bytes"]
        gib = size / 2**30
        w(f"### {gib:.2f} GiB snapshot ({r['fill']['values']} values written in {r['fill']['seconds']:.0f} s, "
          f"{r['date']})\n")
        w(f"Values of {r.get('value_kb', 900)} KB. Raft log: " + (f"`trailing_logs` and `snapshot_threshold` {r['raft_logs']}, `snapshot_interval` 5s "
                          "(`BIG_RAFT_LOGS`), so the nodes keep no second copy of the data in their log"
                          if r.get("raft_logs") else "the servers' defaults (10,000 entries kept, so the log holds a "
                          "second copy of the data)")
          + ". " + raft_timing(r) + "\n")
        if r.get("stopped"):
            w(f"**The run stopped** {r['stopped']}; the phases after it were not measured.\n")
        if r.get("kept"):
            w("Phases measured (`BIG_KEEP=1` adds a run's phases to the figures of an earlier fill of the same "
              "size): "
              + ", ".join(with_multiplier(r, k, v) for k, v in r.get("phase_dates", {}).items()) + ".\n")
        if r.get("synced_phases"):
            w("Before each timed transfer of the phases " + ", ".join(r["synced_phases"]) + " every dirty page "
              "was written out (`sync`, untimed), so no tool is throttled by the pages of the file written just "
              "before it; the other phases were measured without.\n")
        for path, title in (("active", "through the active node"), ("standby", "through a standby (307)")):
            rows = r.get(path)
            if not rows:
                continue
            if "warm_up_seconds" in rows:
                w(f"An untimed curl save ({rows['warm_up_seconds']:.1f} s) read the data once before the timed "
                  "saves, so that no tool pays for the first read from disk.\n")
            w(f"Leader disk {title}: " + ("counts the restore's decompressed temp file (each node's TMPDIR is "
                                          "in its directory)." if rows.get("disk_counts_tmp") else
                                          "does not count the restore's decompressed temp file, which went to "
                                          "the servers' TMPDIR (/tmp, not measured): add about the snapshot's "
                                          "size on the node that received the restore.") + "\n")
            for kind in ("save", "restore"):
                tools = rows[kind]
                ref = "curl" if kind == "save" else "curl -T (streams)"
                base = med([x["wall"] for x in tools[ref]]) if ref in tools else None
                w(f"#### {kind.capitalize()} {title}\n")
                w("| Tool | Seconds | MB/s | Throughput vs curl | CPU s | Peak RSS (MB) | Peak heap (MB) | "
                  "Node RSS (MB) | Leader disk (MB) | Unavailable (s) |")
                w("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
                for name, xs in tools.items():
                    walls = [x["wall"] for x in xs]
                    wall = med(walls)
                    heap = med([x["peak_heap_mb"] for x in xs]) if name == FACADE and "peak_heap_mb" in xs[0] else None
                    w(f"| {name} | {wall:.1f} | {size / 1e6 / wall:.0f} | {pct(base, wall)} | "
                      f"{med([x['cpu'] for x in xs]):.1f} | {med([x['rss_mb'] for x in xs]):.0f} | "
                      f"{'' if heap is None else format(heap, '.0f')} | {med([x['node_rss_mb'] for x in xs]):.0f} | "
                      f"{med([x['node_disk_mb'] for x in xs]):.0f} | "
                      f"{format(med([x['unavailable_s'] for x in xs]), '.1f') if kind == 'restore' else ''} |")
                w("")
            for e in rows.get("errors", []):
                w(f"- Failed {title}: {e}")
            if rows.get("errors"):
                w("")
        a = r.get("active", {})
        if a:
            s, rs = a["save"], a["restore"]
            # A tool whose call failed has no row, and its goal is reported as not measured.
            for kind, tools, base, goal in (("save", s, "curl", "curl"), ("restore", rs, "curl -T (streams)", "curl -T")):
                label = f"{gib:.1f} GiB: facade {kind} in a fresh JVM >= 90% of {goal}"
                if base in tools and FACADE in tools:
                    c, f = med([x["wall"] for x in tools[base]]), med([x["wall"] for x in tools[FACADE]])
                    goals.append((label, f"{c / f:.0%}", c / f >= 0.9))
                else:
                    goals.append((label, "not measured (a call failed: see above)", False))
            if CLI in s and SERVER_CLI in s:
                c, b = med([x["wall"] for x in s[CLI]]), med([x["wall"] for x in s[SERVER_CLI]])
                goals.append((f"{gib:.1f} GiB: `vaultx-raft snapshot save` wall <= 1.05x {SERVER_CLI}'s",
                              f"{c:.1f} vs {b:.1f} s ({c / b:.2f}x)", c <= 1.05 * b))
            if CLI in rs and SERVER_CLI in rs:
                c, b = med([x["wall"] for x in rs[CLI]]), med([x["wall"] for x in rs[SERVER_CLI]])
                goals.append((f"{gib:.1f} GiB: `vaultx-raft snapshot restore` wall <= 1.05x {SERVER_CLI}'s",
                              f"{c:.1f} vs {b:.1f} s ({c / b:.2f}x)", c <= 1.05 * b))
            heaps = [x["peak_heap_mb"] for k in ("save", "restore") for x in a[k].get(FACADE, [])]
            if heaps:
                goals.append((f"{gib:.1f} GiB: facade peak heap <= 64 MB", f"{max(heaps):.0f} MB", max(heaps) <= 64))
        j = r.get("running_jvm")
        if j:
            sv, rv = j["save"], j["restore"]
            w(f"#### The facade in a running JVM ({gib:.2f} GiB)\n")
            skipped = rv.get("unverified_seconds")
            w("`SnapshotMain save FILE 2` and `restore FILE " + ("3" if skipped else "2") + "` under -Xmx64m: the "
              "second call of one client is what a running application gets (the program waits, untimed, for "
              "the cluster between the restores); curl ran right after. `Verification alone`: "
              "`RaftSnapshots.verify` on the same file in the same JVM, with no server."
              + (" `Check skipped`: a third restore with `RestoreOption.SKIP_LOCAL_VERIFICATION`; the local "
                 "check runs while the file is sent (ADR 16), and what it adds to a restore is the second "
                 "call's time less this one." if skipped else
                 " This run's client checked the whole file before it sent a byte (before ADR 16).") + "\n")
            w("| | Save (s) | Save vs curl | Restore (s) | Restore vs curl -T |")
            w("|---|---:|---:|---:|---:|")
            w(f"| curl | {j['curl_save']:.1f} | 100% | {j['curl_restore']:.1f} | 100% |")
            w(f"| facade, first call | {sv['seconds']:.1f} | {pct(j['curl_save'], sv['seconds'])} | "
              f"{rv['seconds']:.1f} | {pct(j['curl_restore'], rv['seconds'])} |")
            w(f"| facade, second call | {sv['warm_seconds']:.1f} | {pct(j['curl_save'], sv['warm_seconds'])} | "
              f"{rv['warm_seconds']:.1f} | {pct(j['curl_restore'], rv['warm_seconds'])} |")
            if skipped:
                w(f"| facade, check skipped | | | {skipped:.1f} | {pct(j['curl_restore'], skipped)} |")
            w(f"| verification alone | | | {rv['verify_seconds']:.1f} | "
              f"{rv['verify_seconds'] / rv['warm_seconds']:.0%} of the restore |")
            w("")
            goals.append((f"{gib:.1f} GiB: facade save in a running JVM >= 95% of curl",
                          pct(j["curl_save"], sv["warm_seconds"]), j["curl_save"] / sv["warm_seconds"] >= 0.95))
            goals.append((f"{gib:.1f} GiB: facade restore in a running JVM >= 95% of curl -T",
                          pct(j["curl_restore"], rv["warm_seconds"]), j["curl_restore"] / rv["warm_seconds"] >= 0.95))
            if skipped:
                added = rv["warm_seconds"] - skipped
                goals.append((f"{gib:.1f} GiB: what the restore's local check adds <= 10% of the restore's wall time",
                              f"{added:+.1f} of {rv['warm_seconds']:.1f} s ({added / rv['warm_seconds']:+.0%}; "
                              f"the check alone takes {rv['verify_seconds']:.1f} s)",
                              added <= 0.1 * rv["warm_seconds"]))
            else:
                goals.append((f"{gib:.1f} GiB: restore's local verification <= 10% of the restore's wall time",
                              f"{rv['verify_seconds']:.1f} of {rv['warm_seconds']:.1f} s "
                              f"({rv['verify_seconds'] / rv['warm_seconds']:.0%})",
                              rv["verify_seconds"] <= 0.1 * rv["warm_seconds"]))
        prof = r.get("profile")
        if prof:
            w(f"#### Where the time goes ({gib:.2f} GiB, `BIG_PHASES=profile`)\n")
            w("Each transfer with the CPU the active node used meanwhile (`leader CPU`, from /proc) and the share "
              "of both cores busy (`/proc/stat`); the client's CPU by thread, sampled from /proc every 0.1 s "
              "(`JIT compilers`: C1 and C2; `GC and VM`: the collector and the VM thread; the rest by thread "
              "name). `Leader alone on a core`: every thread of the active node pinned to core 0, the other "
              "nodes and the client to core 1 (`taskset`), so that the client cannot take the server's core. "
              "`CLI's JIT flags`: the fresh JVM with the flags bin/vaultx-raft gives snapshot commands (C2 "
              f"compiles SHA-256 only). {prof['rounds']} round(s), interleaved, medians; restores waited for the "
              "followers between them."
              + (f" The unpinned saves of curl and the facade, and the saves to tmpfs, were measured on another "
                 f"fill of the same size ({prof['saves_again']}, `BIG_PROFILE=saves`, "
                 f"{prof.get('saves_rounds', prof['rounds'])} rounds)." if prof.get("saves_again") else "")
              + " `Range`: the fastest and the slowest round.\n")
            w("| Transfer | Client | Seconds | Range (s) | vs curl | Client CPU s | Leader CPU s | Cores busy "
              "| Client CPU by thread (s) |")
            w("|---|---|---:|---:|---:|---:|---:|---:|---|")
            for kind in ("save", "restore"):
                rows = prof.get(kind, {})
                ref = "curl" if kind == "save" else "curl -T"
                for name, xs in rows.items():
                    # Each variant against curl in the same conditions (pinned, or writing to tmpfs).
                    base = rows.get(ref + "".join(v for v in (", to tmpfs", ", leader alone on a core") if v in name))
                    walls = [x["wall"] for x in xs]
                    wall = med(walls)
                    threads = {}
                    for x in xs:
                        for k, v in x.get("threads", {}).items():
                            threads.setdefault(k, []).append(v)
                    shown = ", ".join(f"{k} {med(v):.1f}" for k, v in
                                      sorted(threads.items(), key=lambda kv: -med(kv[1]))[:5])
                    w(f"| {kind} | {name} | {wall:.1f} | {min(walls):.1f}-{max(walls):.1f} | "
                      f"{pct(med([x['wall'] for x in base]), wall) if base else ''} | "
                      f"{med([x['cpu'] for x in xs]):.1f} | {med([x['leader_cpu'] for x in xs]):.1f} | "
                      f"{med([x['busy'] for x in xs]):.0%} | {shown} |")
            w("")
            for k, title in (("save_jfr", "save"), ("restore_jfr", "restore")):
                j = prof.get(k)
                if not j:
                    continue
                top = ", ".join(f"`{m.split('/')[-1]}` {n}" for m, n in j["java"]["top"][:5])
                native = ", ".join(f"`{m.split('/')[-1]}` {n}" for m, n in j["native"]["top"][:3])
                w(f"- JFR of one facade {title} in a fresh JVM (untimed): {j['java']['samples']} Java samples, "
                  f"most on top: {top}; {j['native']['samples']} native samples: {native}; the JIT compiled "
                  f"{j['compilations']} methods in {j['jit_ms'] / 1000:.1f} s of compiler time.")
            w("")
        lim = r.get("limits")
        if lim:
            w(f"#### Server limits ({gib:.2f} GiB, through the active node)\n")
            w("Every node restarted with one listener setting lowered, the data kept; each tool saves, then "
              "restores the reference snapshot.\n")
            w("| Setting | Tool | Call | Exit | Seconds | What the tool said (last line) | File | Cluster after |")
            w("|---|---|---|---:|---:|---|---|---|")
            for x in lim:
                said = x["said"].replace("|", "\\|")
                w(f"| `{x['setting']}` | {x['tool']} | {x['kind']} | {x['exit']} | {x['wall']:.1f} | {said} | "
                  f"{x['file']} | {x['cluster']} |")
            w("")
    if len(runs) >= 2:
        small, big = runs[0], runs[-1]

        def rss(r, kind):
            xs = r.get("active", {}).get(kind, {}).get(FACADE, [])
            return med([x["rss_mb"] for x in xs]) if xs else None

        for kind in ("save", "restore"):
            a, b = rss(small, kind), rss(big, kind)
            if a and b:
                goals.append((f"facade {kind} RSS flat in the snapshot's size",
                              f"{a:.0f} MB at {small['snapshot_bytes'] / 2**30:.1f} GiB, {b:.0f} MB at "
                              f"{big['snapshot_bytes'] / 2**30:.1f} GiB", b <= a * 1.1))
    w(GOALS + "\n")
    w("| Goal | Measured | Met |")
    w("|---|---|---|")
    for g, m, ok in goals:
        w(f"| {g} | {m} | {'yes' if ok else '**no**'} |")
    w("")
    w(END)
    return "\n".join(L)


GOALS = "#### Big-snapshot goals"


def keep_unmeasured(old, new):
    """`new` (the section rendered from the figures in benchmarks/target) with the sizes that only
    `old` (the section in the report) has: their load-average line, their subsection and their goal
    rows, in size order. The figures of a run live in benchmarks/target, which a fresh clone lacks;
    a run of one size must not drop the others from the report."""
    def split(section):
        lines = section.split("\n")
        starts = [i for i, x in enumerate(lines) if re.match(r"### [\d.]+ GiB snapshot", x)]
        goals = next((i for i, x in enumerate(lines) if x == GOALS), len(lines))
        subs = {}
        for k, i in enumerate(starts):
            end = starts[k + 1] if k + 1 < len(starts) else goals
            subs[round(float(lines[i].split()[1]), 1)] = lines[i:end]
        loads = {round(float(x.split()[1]), 1): x for x in lines[:starts[0] if starts else goals]
                 if re.match(r"- [\d.]+ GiB run: load average", x)}
        rows = [x for x in lines[goals:] if x.startswith("| ") and not x.startswith(("| Goal", "|---"))]
        return lines, starts, goals, subs, loads, rows

    o_lines, _, _, o_subs, o_loads, o_rows = split(old)
    n_lines, n_starts, n_goals, n_subs, n_loads, n_rows = split(new)
    missing = sorted(set(o_subs) - set(n_subs))
    if not missing:
        return new
    subs = {**n_subs, **{g: o_subs[g] for g in missing}}
    loads = {**n_loads, **{g: o_loads[g] for g in missing if g in o_loads}}
    head = [x for x in n_lines[:n_starts[0] if n_starts else n_goals] if not re.match(r"- [\d.]+ GiB run:", x)]
    blank = head.index("", head.index("## Big snapshots") + 2)  # the line after the intro paragraph
    head = head[:blank + 1] + [loads[g] for g in sorted(loads)] + [""] + [x for x in head[blank + 1:] if x]
    rows = [x for x in o_rows if any(x.startswith(f"| {g:.1f} GiB:") for g in missing)] + n_rows
    rows.sort(key=lambda x: float(m.group(1)) if (m := re.match(r"\| ([\d.]+) GiB:", x)) else 1e9)
    body = [x for g in sorted(subs) for x in subs[g]]
    return "\n".join(head + body + [GOALS, "", "| Goal | Measured | Met |", "|---|---|---|"] + rows + ["", END])


def write_report():
    doc = E["BENCH_DOC"]
    text = open(doc).read() if os.path.exists(doc) else "# Benchmarks\n"
    section = render()
    if START in text:
        section = keep_unmeasured(text[text.index(START):text.index(END) + len(END)], section)
        text = text[:text.index(START)] + section + text[text.index(END) + len(END):]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    open(doc, "w").write(text)
    log(f"wrote the big-snapshot section of {doc}")


if __name__ == "__main__":
    if E.get("BIG_RERENDER"):
        write_report()
        sys.exit(0)
    if E.get("BIG_KEEP") and os.path.exists(RESULTS):
        # Adds the phases of this run to the figures kept from an earlier one of the same size.
        results.update(json.load(open(RESULTS)))
        # Where an earlier run stopped is no longer news once this one measures the phases after it.
        results.pop("stopped", None)
        results["server"] = bench_common.SERVER_VERSION
        results["kept"] = True
    results["load_before"] = bench_common.load_average()
    # A trimmed Raft log (BIG_RAFT_LOGS) shapes the nodes' disk, and the report names it.
    results["raft_logs"] = int(E["BIG_RAFT_LOGS"]) if E.get("BIG_RAFT_LOGS") else None
    # The nodes' Raft timing (scripts/local-cluster.sh), per phase since phases of one size can come
    # from several runs; runs before 2026-12-05 05:40 UTC used 1.
    MULTIPLIER[0] = int(E.get("VAULTX_RAFT_PERFORMANCE_MULTIPLIER", "1"))
    phases = E.get("BIG_PHASES", "fill,active,standby,running_jvm,limits").split(",")
    for phase in phases:
        log(f"phase {phase}")
        PHASE[0] = phase
        try:
            if phase == "fill":
                fill()
            elif phase == "active":
                transfers("active", active_addr())
            elif phase == "standby":
                transfers("standby", bench_common.standby_addr())
            else:
                globals()[phase]()
        except RuntimeError as e:
            # The figures measured so far stay, and the report says where and why the run stopped.
            results["stopped"] = f"in the {phase.replace('_', '-')} phase: {e}"
            checkpoint()
            write_report()
            raise
        # With BIG_KEEP the phases of one size can come from runs hours apart; the report says when.
        results.setdefault("phase_dates", {})[phase] = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
        results.setdefault("phase_multiplier", {})[phase] = MULTIPLIER[0]
        json.dump(dict(results, date=time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())), open(RESULTS, "w"),
                  indent=1)
    results["load_after"] = bench_common.load_average()
    results["date"] = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    json.dump(results, open(RESULTS, "w"), indent=1)
    write_report()
