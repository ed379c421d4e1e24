# shellcheck shell=bash
# The tools every benchmark script needs, sourced by run.sh, async.sh and big-snapshot.sh:
# `bench_tools` installs the server of VAULTX_SERVER_FLAVOUR (scripts/install-server.sh) and hvac
# 2.4.0 into .tools/venv, then sets BAO (the server binary, also its CLI) and PY (the venv's
# python); `bench_tools --time` also installs GNU time, which measures peak RSS. Needs ROOT and log.
bench_tools() {
  if [[ "${1:-}" == --time && ! -x /usr/bin/time ]]; then
    log "installing GNU time for peak RSS"
    apt-get update -qq && apt-get install -y -qq time >/dev/null
  fi
  BAO="$("$ROOT/scripts/install-server.sh")"
  PY="$ROOT/.tools/venv/bin/python"
  if ! "$PY" -c 'import importlib.metadata as m, sys; sys.exit(m.version("hvac") != "2.4.0")' 2>/dev/null; then
    log "installing hvac 2.4.0 into .tools/venv"
    "$PY" -m pip install --disable-pip-version-check --no-input -q "hvac==2.4.0"
  fi
}
