#!/bin/sh
# Used by the Dockerfile after `mvnw package dependency:copy-dependencies`: puts a runnable
# /out/app.jar (started with `java -jar`) for one service module into OUT_DIR.
#
# A module whose pom repackages with spring-boot-maven-plugin yields a Spring Boot executable
# jar (main artifact, or the `exec` classifier when the plain jar is kept for devstack): it is
# used as it is. A module without it yields a plain jar: that jar gets a manifest naming the
# application class and the module's runtime dependencies, copied to OUT_DIR/lib.
#
# Usage: assemble-app.sh MODULE OUT_DIR   (run from the repository root)
set -eu

module="$1"
out="$2"
version=0.1.0-SNAPSHOT
target="$module/target"

case "$module" in
  command-side) main_class=dev.shutter.command.CommandSideApplication ;;
  projections) main_class=dev.shutter.projections.ProjectionsApplication ;;
  query-side) main_class=dev.shutter.query.QuerySideApplication ;;
  media-uploader) main_class=dev.shutter.media.MediaUploaderApplication ;;
  push-dispatcher) main_class=dev.shutter.push.PushDispatcherApplication ;;
  *) echo "unknown service module '$module'" >&2; exit 1 ;;
esac

mkdir -p "$out"

for candidate in "$target/$module-$version-exec.jar" "$target/$module-$version.jar"; do
  if [ -f "$candidate" ] && jar tf "$candidate" | grep -q '^BOOT-INF/classes/'; then
    cp "$candidate" "$out/app.jar"
    echo "$module: Spring Boot executable jar $(basename "$candidate")"
    exit 0
  fi
done

plain="$target/$module-$version.jar"
[ -f "$plain" ] || { echo "$plain was not built" >&2; exit 1; }
[ -d "$target/dependency" ] || { echo "$target/dependency is missing: run dependency:copy-dependencies" >&2; exit 1; }

mkdir -p "$out/lib"
cp "$target"/dependency/*.jar "$out/lib/"
cp "$plain" "$out/app.jar"

# One Class-Path entry per line: a line that starts with a space continues the previous one
# (the second space separates the entries), so no line grows past the manifest's limit.
manifest="$(mktemp)"
{
  echo "Main-Class: $main_class"
  prefix="Class-Path: "
  for dependency in "$out"/lib/*.jar; do
    echo "${prefix}lib/$(basename "$dependency")"
    prefix="  "
  done
} >"$manifest"
jar --update --file "$out/app.jar" --manifest "$manifest"
rm -f "$manifest"
echo "$module: plain jar with $(ls "$out/lib" | wc -l) runtime dependencies in lib/"
