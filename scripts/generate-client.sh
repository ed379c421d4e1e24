#!/usr/bin/env bash
# Generates a client of spec/vault-raft.openapi.yaml for another language with OpenAPI Generator, run
# through its Maven plugin at the version the build pins (so no npm package or separate jar is needed).
#
#   scripts/generate-client.sh python [OUT]             default OUT: target/clients/python
#   scripts/generate-client.sh go [OUT]                 default OUT: target/clients/go
#   scripts/generate-client.sh typescript-fetch [OUT]   default OUT: target/clients/typescript-fetch
#   scripts/generate-client.sh rust [OUT]               default OUT: target/clients/rust
#
# The options of each language live in spec/generators/LANG.yaml (the same file works as the
# openapi-generator-cli `-c` option). OUT must be outside the repository or in a git-ignored folder:
# the generator writes a README.md, docs and more, and must never overwrite the project's own files.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
die() { printf 'generate-client: %s\n' "$*" >&2; exit 1; }

LANG_NAME="${1:-}"
[[ -f "$REPO_ROOT/spec/generators/$LANG_NAME.yaml" ]] \
  || die "usage: $0 {python|go|typescript-fetch|rust} [OUT] (no spec/generators/${LANG_NAME:-LANG}.yaml)"
OUT="${2:-$REPO_ROOT/target/clients/$LANG_NAME}"
OUT="$(realpath -m "$OUT")"
case "$OUT/" in
  "$REPO_ROOT/"*)
    git -C "$REPO_ROOT" check-ignore -q "$OUT" \
      || die "$OUT is inside the repository and not git-ignored: choose a folder outside it or under target/"
    ;;
esac

mkdir -p "$OUT"

VERSION="$(sed -n 's:.*<openapi-generator.version>\(.*\)</openapi-generator.version>.*:\1:p' "$REPO_ROOT/pom.xml")"
[[ -n "$VERSION" ]] || die "no openapi-generator.version in pom.xml"

args=(
  -B -q -N -ntp -Dstyle.color=never -f "$REPO_ROOT/pom.xml"
  "org.openapitools:openapi-generator-maven-plugin:$VERSION:generate"
  "-Dopenapi.generator.maven.plugin.generatorName=$LANG_NAME"
  "-Dopenapi.generator.maven.plugin.inputSpec=$REPO_ROOT/spec/vault-raft.openapi.yaml"
  "-Dopenapi.generator.maven.plugin.configurationFile=$REPO_ROOT/spec/generators/$LANG_NAME.yaml"
  "-Dopenapi.generator.maven.plugin.output=$OUT"
  -Dopenapi.generator.maven.plugin.addCompileSourceRoot=false
  -Dopenapi.generator.maven.plugin.cleanupOutput=true
)
# A language may add hand-written files to the generated package (spec/generators/LANG/*.mustache).
if [[ -d "$REPO_ROOT/spec/generators/$LANG_NAME" ]]; then
  args+=("-Dopenapi.generator.maven.plugin.templateDirectory=$REPO_ROOT/spec/generators/$LANG_NAME")
fi
# Only the generator's problems are shown: its banner and Maven's colour resets are dropped.
mvn "${args[@]}" 2>&1 | sed $'s/\x1b\\[[0-9;]*m//g' | grep -v -e '^#' -e '^[[:space:]]*$' || true
[[ -f "$OUT/README.md" ]] || die "nothing generated in $OUT"
printf 'generate-client: %s client (openapi-generator %s) in %s\n' "$LANG_NAME" "$VERSION" "$OUT" >&2
