#!/usr/bin/env bash
# Provision libchdb.so (the embedded ClickHouse engine) and print its path.
#
# Usage: scripts/chdb-provision.sh [--check]
#   stdout: ONLY the absolute path of a verified libchdb.so (callers capture it);
#   stderr: progress and errors.
#   --check: verify only, never download; exit 1 if not provisioned.
#
# The pin (package, version, integrity) lives in chdb.properties on the Java
# classpath so scripts and Java can never disagree about which engine is used.
#
# Environment:
#   TRACKWATCH_CHDB_LIBRARY  use this libchdb.so as-is (no download, no hash check).
#   TRACKWATCH_CACHE_DIR     cache root (default ${XDG_CACHE_HOME:-~/.cache}/trackwatch).
#   TRACKWATCH_CHDB_TGZ      provision from this local npm tarball instead of running
#                            `npm pack` (air-gapped machines, tests). It is verified
#                            against the pinned integrity exactly like a download.
# The npm registry is whatever npm is configured with; no URL is hard-coded here.
set -euo pipefail

die() { printf 'chdb-provision: %s\n' "$*" >&2; exit 1; }
say() { printf 'chdb-provision: %s\n' "$*" >&2; }

check_only=false
case "${1:-}" in
  --check) check_only=true ;;
  "") ;;
  *) die "unknown argument '$1' (usage: $0 [--check])" ;;
esac

# An explicit library overrides everything: the user vouches for it.
if [[ -n "${TRACKWATCH_CHDB_LIBRARY:-}" ]]; then
  lib=$TRACKWATCH_CHDB_LIBRARY
  [[ -f "$lib" && -r "$lib" ]] || die "TRACKWATCH_CHDB_LIBRARY=$lib is not a readable file."
  printf '%s\n' "$(readlink -f -- "$lib")"
  exit 0
fi

here=$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")
props="$here/../monitor/src/main/resources/dev/trackwatch/embedded/chdb.properties"
[[ -r "$props" ]] || die "pin file not found: $props"

# Minimal reader for our own key=value file (last occurrence wins, like java.util.Properties).
prop() {
  local v
  v=$(sed -n "s/^[[:space:]]*$1[[:space:]]*=[[:space:]]*//p" "$props" | tail -n 1 | tr -d '\r')
  v=${v%"${v##*[![:space:]]}"}
  [[ -n "$v" ]] || die "key '$1' missing in $props"
  printf '%s' "$v"
}
pkg=$(prop package); version=$(prop version); integrity=$(prop integrity)
# version becomes a path component and integrity a hash to compare: reject anything odd.
[[ "$version" =~ ^[A-Za-z0-9._+-]+$ ]] || die "bad version '$version' in $props"
[[ "$integrity" == sha512-* ]] || die "integrity in $props must be a sha512- SRI hash"

cache="${TRACKWATCH_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/trackwatch}/chdb/$version"
lib="$cache/libchdb.so"
marker="$cache/.verified"

file_size() { stat -c %s -- "$1" 2>/dev/null || wc -c <"$1"; }

# Fast path: marker says "this exact tarball was verified and unpacked, giving a
# file of N bytes". Checking the size catches truncation/partial copies without
# re-hashing 559 MB on every launch. Fully offline, no npm call.
is_provisioned() {
  [[ -f "$lib" && -r "$marker" ]] || return 1
  local m_int m_size
  m_int=$(sed -n 's/^integrity=//p' "$marker")
  m_size=$(sed -n 's/^size=//p' "$marker")
  [[ "$m_int" == "$integrity" && -n "$m_size" && "$(file_size "$lib")" == "$m_size" ]]
}

if is_provisioned; then printf '%s\n' "$lib"; exit 0; fi
if $check_only; then
  say "chDB $version is not provisioned (or failed verification) in $cache; run scripts/chdb-provision.sh."
  exit 1
fi

mkdir -p "$cache"
# Serialise concurrent runs (e.g. two launcher invocations, or parallel CI jobs
# sharing a cache) so they do not download/rename over each other.
if command -v flock >/dev/null 2>&1; then
  exec 9>"$cache/.lock"
  if ! flock -n 9; then
    say "waiting for another provisioning run to finish..."
    flock 9
  fi
  # The other run may have finished the job while we waited.
  if is_provisioned; then printf '%s\n' "$lib"; exit 0; fi
else
  say "warning: flock not found; not guarding against concurrent provisioning."
fi

# Temp dirs live inside the cache dir so the final mv is a same-filesystem rename.
work=$(mktemp -d "$cache/.tmp.XXXXXX")
trap 'rm -rf -- "$work"' EXIT

# SRI value of a file: "sha512-" + base64(raw sha512 digest).
sri_sha512() {
  local f=$1 b64
  if command -v openssl >/dev/null 2>&1; then
    b64=$(openssl dgst -sha512 -binary "$f" | base64 -w0)
  elif command -v node >/dev/null 2>&1; then
    b64=$(node -e 'const c=require("crypto"),fs=require("fs");const h=c.createHash("sha512");
      fs.createReadStream(process.argv[1]).on("data",d=>h.update(d)).on("end",()=>process.stdout.write(h.digest("base64")));' "$f")
  elif command -v python3 >/dev/null 2>&1; then
    b64=$(python3 -c 'import hashlib,base64,sys
h=hashlib.sha512()
with open(sys.argv[1],"rb") as f:
    for b in iter(lambda: f.read(1<<20), b""): h.update(b)
print(base64.b64encode(h.digest()).decode(), end="")' "$f")
  else
    die "need openssl, node or python3 to verify the download."
  fi
  printf 'sha512-%s' "$b64"
}

# Download the pinned tarball into $work/dl via npm (using npm's own registry
# config, proxy and auth) and echo its path. npm's chatter goes to stderr.
npm_fetch() {
  rm -rf -- "$work/dl"; mkdir -p "$work/dl"
  say "downloading $pkg@$version with npm (chDB is ~170 MB)..."
  npm pack "$pkg@$version" --pack-destination "$work/dl" --loglevel=warn "$@" >&2 \
    || die "npm pack $pkg@$version failed (see npm output above)."
  local t=("$work"/dl/*.tgz)
  [[ -f "${t[0]}" ]] || die "npm pack produced no tarball."
  printf '%s' "${t[0]}"
}

if [[ -n "${TRACKWATCH_CHDB_TGZ:-}" ]]; then
  tgz=$TRACKWATCH_CHDB_TGZ
  [[ -f "$tgz" && -r "$tgz" ]] || die "TRACKWATCH_CHDB_TGZ=$tgz is not a readable file."
  say "verifying local tarball $tgz..."
  actual=$(sri_sha512 "$tgz")
  # A local file will not change by retrying; refuse it outright (and leave it alone).
  [[ "$actual" == "$integrity" ]] || die "integrity mismatch for $tgz: expected $integrity, got $actual. Refusing to use it."
else
  command -v npm >/dev/null 2>&1 \
    || die "npm not found: install Node.js/npm (to download chDB $version) or set TRACKWATCH_CHDB_LIBRARY to an existing libchdb.so."
  tgz=$(npm_fetch)
  actual=$(sri_sha512 "$tgz")
  if [[ "$actual" != "$integrity" ]]; then
    # Could be a transient corruption (proxy, disk): discard and try once more,
    # asking npm to bypass its cache this time.
    say "integrity mismatch (expected $integrity, got $actual); retrying download once..."
    rm -f -- "$tgz"
    tgz=$(npm_fetch --prefer-online)
    actual=$(sri_sha512 "$tgz")
    if [[ "$actual" != "$integrity" ]]; then
      rm -f -- "$tgz"
      die "integrity mismatch for $pkg@$version: expected $integrity, got $actual (twice). Refusing to install it; check your npm registry/proxy."
    fi
  fi
fi
say "integrity OK ($pkg@$version); unpacking libchdb.so..."

# Only the shared library is needed; the node binding etc. stay out. -m: give it
# a current mtime, not npm's fixed 1985 one, so age-based cache cleaners leave it alone.
mkdir -p "$work/x"
tar -xzmf "$tgz" -C "$work/x" package/libchdb.so || die "could not extract package/libchdb.so from $tgz"
new="$work/x/package/libchdb.so"
[[ -s "$new" ]] || die "extracted libchdb.so is empty."
size=$(file_size "$new")
chmod 0644 "$new"

# Order matters for crash safety: drop the marker first, rename the library in
# (atomic; a JVM that has the old file mapped keeps its inode), then write the
# marker last via its own rename. A crash anywhere leaves no valid marker, so the
# next run re-provisions instead of trusting a half-written file.
rm -f -- "$marker"
mv -f -- "$new" "$lib"
printf 'integrity=%s\nsize=%s\npackage=%s\nversion=%s\n' "$integrity" "$size" "$pkg" "$version" >"$work/marker"
mv -f -- "$work/marker" "$marker"
[[ -n "${TRACKWATCH_CHDB_TGZ:-}" ]] || rm -f -- "$tgz"

say "chDB $version ready: $lib"
printf '%s\n' "$lib"
