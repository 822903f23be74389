#!/usr/bin/env bash
# Builds the operating-system layer of the Trackwatch image without a base image from a container
# registry: a Java 25 runtime made by jlink from the local JDK, plus the shared libraries it needs taken
# from Debian packages (apt-get download, dpkg-deb -x). Jib puts it under the application layers
# (monitor/pom.xml, `mvn -pl monitor jib:buildTar`); docs/operations.md#the-image.
#
#   scripts/image-rootfs.sh [OUT]     default OUT: monitor/target/image-rootfs
#
# Needs: a JDK >= 25 (JAVA_HOME, else the newest under /usr/lib/jvm), apt-get and dpkg-deb.
set -euo pipefail

ROOT=$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/..
OUT=${1:-$ROOT/monitor/target/image-rootfs}
say() { printf 'image-rootfs: %s\n' "$*" >&2; }

# The modules the daemon and its libraries use (jdeps --print-module-deps over the jar and its lib/, less the
# debugger modules jdk.attach and jdk.jdi; plus jdk.crypto.ec for TLS, jdk.zipfs, java.management).
MODULES=java.base,java.compiler,java.desktop,java.instrument,java.management,java.naming,java.net.http,java.prefs,java.scripting,java.security.jgss,java.security.sasl,java.sql,java.transaction.xa,java.xml,jdk.crypto.ec,jdk.httpserver,jdk.jfr,jdk.management,jdk.net,jdk.unsupported,jdk.zipfs

# Debian packages whose files the runtime links against: the C library, libstdc++ and zlib for the JVM;
# freetype, fontconfig and a font for the charts Slack messages carry (java.desktop, headless).
PACKAGES=(libc6 libgcc-s1 libstdc++6 zlib1g libfreetype6 libpng16-16 libbrotli1 libbz2-1.0 libfontconfig1
  fontconfig-config libexpat1 fonts-dejavu-core)

JDK=${JAVA_HOME:-}
if [[ -z "$JDK" || ! -x "$JDK/bin/jlink" ]]; then
  JDK=$(ls -d /usr/lib/jvm/*25* 2>/dev/null | sort -V | tail -n 1)
fi
[[ -x "$JDK/bin/jlink" ]] || { say "no JDK with jlink found (set JAVA_HOME to a JDK 25)"; exit 2; }

rm -rf "$OUT"
mkdir -p "$OUT/opt" "$OUT/tmp" "$OUT/var/lib/trackwatch" "$OUT/etc"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

say "jlink from $JDK"
"$JDK/bin/jlink" --add-modules "$MODULES" --strip-debug --no-man-pages --no-header-files \
  --compress=zip-6 --output "$OUT/opt/java"

say "Debian packages: ${PACKAGES[*]}"
(cd "$work" && apt-get download -qq "${PACKAGES[@]}")
for deb in "$work"/*.deb; do
  dpkg-deb -x "$deb" "$OUT"
done
# Jib copies files, not links: replace every link with a copy of its target inside the tree (an absolute
# target such as /lib64/ld-linux-x86-64.so.2's is resolved in the tree, never on this machine).
while IFS= read -r link; do
  target=$(readlink "$link")
  if [[ "$target" == /* ]]; then resolved=$OUT$target; else resolved=$(dirname "$link")/$target; fi
  if [[ -e "$resolved" && ! -d "$resolved" ]]; then
    rm "$link" && cp -L "$resolved" "$link"
  else
    rm "$link"
  fi
done < <(find "$OUT" -type l)
# Documentation and the packages' maintainer files are not needed at run time.
rm -rf "$OUT/usr/share/doc" "$OUT/usr/share/man" "$OUT/usr/share/lintian" "$OUT/usr/share/locale"

# An unprivileged user for tools that look the uid up; Kubernetes sets the uid itself (runAsUser).
printf 'root:x:0:0:root:/root:/sbin/nologin\ntrackwatch:x:65532:65532:trackwatch:/var/lib/trackwatch:/sbin/nologin\n' \
  > "$OUT/etc/passwd"
printf 'root:x:0:\ntrackwatch:x:65532:\n' > "$OUT/etc/group"
chmod 1777 "$OUT/tmp"
say "done: $OUT ($(du -sh "$OUT" | cut -f1))"
