# shellcheck shell=bash
# The benchmarks' cluster settings, sourced by run.sh and async.sh (bench_common.py reads the exported
# values): their own ports, away from a developer's cluster on 8200, and their own directory.
export VAULTX_CLUSTER_BASE_PORT="${BENCH_BASE_PORT:-18200}"
export VAULTX_CLUSTER_DIR="$WORK/cluster"
