#!/usr/bin/env bash
# Builds and installs Citus from ../shared/vendor/citus through its build.sh, from a copy with the
# source tree's two symbolic links put back: the vendored tree stores
# src/backend/{distributed,columnar}/safeclib as small text files holding the link's target (how git
# checks a symlink out without core.symlinks), so the build compiles no safestringlib and citus.so
# fails to load ("undefined symbol: strcpy_s"). An install with that fault is rebuilt; a good one is
# left alone (build.sh's own check). Needs root. LINLI_CITUS_VENDOR overrides the vendor folder.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
vendor=${LINLI_CITUS_VENDOR:-$root/../shared/vendor/citus}
so="$(/usr/lib/postgresql/15/bin/pg_config --pkglibdir)/citus.so"
if [ -f "$so" ] && nm -D --undefined-only "$so" | grep -qw strcpy_s; then
  echo "citus.so needs strcpy_s (built without safestringlib): rebuilding"
  export CITUS_REBUILD=1
fi
copy=$(mktemp -d /tmp/linli-citus-vendor.XXXXXX)
trap 'rm -rf "$copy"' EXIT
cp -r "$vendor/." "$copy/"
chmod -R u+w "$copy"
for f in "$copy"/source/src/backend/*/safeclib; do
  if [ -f "$f" ]; then target=$(cat "$f"); rm "$f"; ln -s "$target" "$f"; fi
done
bash "$copy/build.sh"
