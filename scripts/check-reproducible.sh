#!/usr/bin/env bash
# Builds every artifact twice from clean and compares them byte for byte: the build is
# reproducible when project.build.outputTimestamp (pom.xml) is all that stamps the jars.
#
#   scripts/check-reproducible.sh            # exit 0 when every jar is identical
#
# Not part of CI (it costs two more full builds, tests skipped); run it before a release and
# after changing a plugin. Nothing is installed into ~/.m2.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

build() {
  mvn -B -ntp -q clean package -DskipTests >"$work/build-$1.log" 2>&1 || {
    cat "$work/build-$1.log" >&2
    echo "check-reproducible: build $1 failed" >&2
    exit 1
  }
  find . -path ./.tools -prune -o -path '*/target/*' \( -name '*.jar' -o -name '*.pom' \) \
    -not -path '*/target/it/*' -not -path '*/target/local-repo/*' -print |
    sort | xargs sha256sum >"$work/sums-$1"
}

echo "check-reproducible: first build..." >&2
build 1
echo "check-reproducible: second build..." >&2
build 2
count="$(wc -l <"$work/sums-1")"
if diff "$work/sums-1" "$work/sums-2" >"$work/diff"; then
  echo "check-reproducible: all $count artifacts are identical"
else
  echo "check-reproducible: these artifacts differ between two builds:" >&2
  grep '^[<>]' "$work/diff" | awk '{print $3}' | sort -u >&2
  exit 1
fi
