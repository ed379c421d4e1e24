"""hvac 2.4.0 side of the benchmarks: snapshot save/restore, readRaftConfig latency, start-up.

    hvac_bench.py save FILE | restore FILE | latency CONCURRENCY CALLS WARMUP | startup
Reads VAULT_ADDR and VAULT_TOKEN; prints one line of key=value figures.
"""
import os
import sys
import threading
import time


import hvac  # noqa: E402


def client():
    return hvac.Client(url=os.environ["VAULT_ADDR"], token=os.environ["VAULT_TOKEN"], timeout=300)


def save(path):
    t0 = time.perf_counter()
    response = client().sys.take_raft_snapshot()
    size = 0
    with open(path, "wb") as f:
        for chunk in response.iter_content(chunk_size=1 << 20):
            f.write(chunk)
            size += len(chunk)
    s = time.perf_counter() - t0
    print(f"bytes={size} seconds={s:.3f} mbps={size / 1e6 / s:.1f}")


def restore(path):
    t0 = time.perf_counter()
    with open(path, "rb") as f:
        data = f.read()  # hvac sends the snapshot from memory
    client().sys.restore_raft_snapshot(data)
    s = time.perf_counter() - t0
    print(f"bytes={len(data)} seconds={s:.3f} mbps={len(data) / 1e6 / s:.1f}")


def latency(concurrency, calls, warmup):
    # requests' Session is not documented as thread-safe: one client per thread.
    clients = [client() for _ in range(concurrency)]

    def run(total):
        results = []
        lock = threading.Lock()

        def worker(i):
            c = clients[i]
            mine = total // concurrency + (1 if i < total % concurrency else 0)
            own = []
            for _ in range(mine):
                b = time.perf_counter()
                c.sys.read_raft_config()
                own.append(time.perf_counter() - b)
            with lock:
                results.extend(own)

        threads = [threading.Thread(target=worker, args=(i,)) for i in range(concurrency)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return results

    run(warmup)
    t0 = time.perf_counter()
    lat = sorted(run(calls))
    s = time.perf_counter() - t0
    p50 = lat[len(lat) // 2] * 1000
    p99 = lat[max(0, -(-len(lat) * 99 // 100) - 1)] * 1000
    print(f"concurrency={concurrency} calls={len(lat)} p50_ms={p50:.3f} p99_ms={p99:.3f} calls_per_s={len(lat) / s:.0f}")


def startup():
    client().sys.read_raft_config()
    print(f"first_answer_ms={time.time() * 1000 - float(os.environ['BENCH_LAUNCH_MS']):.0f}")


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "save":
        save(sys.argv[2])
    elif cmd == "restore":
        restore(sys.argv[2])
    elif cmd == "latency":
        latency(int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
    elif cmd == "startup":
        startup()
    else:
        sys.exit("unknown command " + cmd)
