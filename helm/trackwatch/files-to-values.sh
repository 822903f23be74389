#!/usr/bin/env bash
# Prints a values file for config.source=inline from a checks directory and a runbooks directory:
#
#   helm/trackwatch/files-to-values.sh checks runbooks > my-checks-values.yaml
#   helm upgrade --install trackwatch helm/trackwatch -f my-checks-values.yaml ...
#
# Each file becomes one entry, path (below the directory) to content, JSON-quoted by jq (YAML reads
# JSON strings), so any content survives. Hidden files are left out, as the daemon's loader does.
set -euo pipefail
(( $# >= 1 && $# <= 2 )) || { echo "usage: $0 CHECKS_DIR [RUNBOOKS_DIR]" >&2; exit 2; }
command -v jq >/dev/null || { echo "files-to-values: needs jq" >&2; exit 2; }

entries() {
  local dir=$1 file
  (cd "$dir" && find . -type f -not -path '*/.*' | LC_ALL=C sort) | while IFS= read -r file; do
    file=${file#./}
    printf '    %s: %s\n' "$(jq -Rn --arg p "$file" '$p')" "$(jq -Rs . < "$dir/$file")"
  done
}

echo "config:"
echo "  source: inline"
echo "  checks:"
entries "$1"
if (( $# == 2 )); then
  echo "  runbooks:"
  entries "$2"
fi
