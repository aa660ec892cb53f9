#!/bin/sh
# /usr/bin/gatepost-agent and /usr/bin/gatepost-hub: one script, installed under both names by the Debian packages
# (docs/install.md). Runs /usr/share/gatepost/<name>.jar with a Java 21 or newer, chosen in this order:
#   $GATEPOST_JAVA (a java binary), $JAVA_HOME's if it is 21+, the java on PATH if it is 21+,
#   the newest 21+ under /usr/lib/jvm.
# Failing all, the java on PATH runs the jar, whose first class prints the one line saying what to install.
# $JAVA_OPTS goes before -jar (the systemd units set the heap there). /etc/default/<name> (shell syntax), when it
# exists, may set GATEPOST_JAVA, JAVA_OPTS and JAVA_TOOL_OPTIONS (a TLS trust store): the service and a command
# typed by hand (--check-config) then run alike.
set -e
name=$(basename "$0")
jar=/usr/share/gatepost/$name.jar
if [ -r "/etc/default/$name" ]; then
  set -a
  . "/etc/default/$name"
  set +a
fi

# The major version of the Java installed in $1 (a JDK/JRE home), from its release file; empty if unknown.
major() {
  sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$1/release" 2>/dev/null
}

java=${GATEPOST_JAVA:-}
if [ -z "$java" ] && [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  m=$(major "$JAVA_HOME")
  if [ -n "$m" ] && [ "$m" -ge 21 ]; then java=$JAVA_HOME/bin/java; fi
fi
if [ -z "$java" ]; then
  on_path=$(command -v java 2>/dev/null || true)
  if [ -n "$on_path" ]; then
    home=$(dirname "$(dirname "$(readlink -f "$on_path")")")
    m=$(major "$home")
    if [ -n "$m" ] && [ "$m" -ge 21 ]; then java=$on_path; fi
  fi
fi
if [ -z "$java" ]; then
  best=0
  for home in /usr/lib/jvm/*; do
    [ -x "$home/bin/java" ] || continue
    m=$(major "$home")
    if [ -n "$m" ] && [ "$m" -ge 21 ] && [ "$m" -gt "$best" ]; then best=$m; java=$home/bin/java; fi
  done
fi
java=${java:-java}
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
exec "$java" $JAVA_OPTS -jar "$jar" "$@"
