#!/usr/bin/env bash
# Shared by quickstart.sh and deploy/bench/run.sh: build, start and stop paymesh's processes on this machine.
# Source it; it defines functions only. Every process it starts is recorded and stopped by mesh_stop_all.

# Negative array indexes and empty arrays under `set -u` need bash 4.4; macOS ships bash 3.2.
if ((BASH_VERSINFO[0] < 4 || (BASH_VERSINFO[0] == 4 && BASH_VERSINFO[1] < 4))); then
  printf 'paymesh scripts need bash 4.4 or newer, this is bash %s (on macOS: brew install bash)\n' "$BASH_VERSION" >&2
  exit 1
fi

PAYMESH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PAYMESH_HOME="${PAYMESH_HOME:-$PAYMESH_ROOT/.paymesh}"
MESH_PIDS=()

say() { printf '\033[1;34m▸\033[0m %s\n' "$*"; }
die() { printf '\033[1;31m✗ %s\033[0m\n' "$*" >&2; exit 1; }

mesh_java_version() { # mesh_java_version <java>: its feature version (17, 25, ...)
  local version
  version="$("$1" -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.specification.version = //p')"
  version="${version#1.}" # Java 8 and older: 1.8
  echo "${version%%.*}"
}

mesh_require_java() {
  command -v java >/dev/null || die "java not found: install a JDK 17 or newer"
  command -v curl >/dev/null || die "curl not found: install curl"
  local version
  version="$(mesh_java_version java)"
  # macOS's /usr/bin/java stub answers without a JDK behind it.
  [[ -n "$version" ]] || die "$(command -v java) runs no JDK: install a JDK 17 or newer (or set JAVA_HOME and PATH)"
  [[ "$version" -ge 17 ]] || die "JDK $version found; paymesh needs 17 or newer"
}

# mesh_require_free_ports <hint> <port...>: dies at the first port something listens on, with <hint> on what to do.
mesh_require_free_ports() {
  local hint="$1" port; shift
  for port in "$@"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then die "port $port is already in use: $hint"; fi
  done
}

# mesh_log <name>: the log of a process started under <name> (<name>-$MESH_INSTANCE when several copies run).
mesh_log() { echo "$PAYMESH_HOME/logs/$1${MESH_INSTANCE:+-$MESH_INSTANCE}.log"; }

# Builds the three services (and the tool classpath) when they are missing or older than their sources.
mesh_build() {
  local stale=false module
  for module in fraud-service ledger-service payment-gateway; do
    local jar="$PAYMESH_ROOT/$module/target/quarkus-app/quarkus-run.jar"
    if [[ ! -f "$jar" ]] || [[ -n "$(find "$PAYMESH_ROOT/$module/src/main" "$PAYMESH_ROOT/$module/pom.xml" "$PAYMESH_ROOT/pom.xml" \
      -newer "$jar" -print -quit)" ]]; then
      stale=true
    fi
  done
  mkdir -p "$PAYMESH_HOME/logs"
  if $stale; then
    say "building the services (./mvnw package -DskipTests; the first build downloads dependencies)"
    (cd "$PAYMESH_ROOT" && ./mvnw -B -ntp package -DskipTests) > "$PAYMESH_HOME/logs/build.log" 2>&1 \
      || { tail -30 "$PAYMESH_HOME/logs/build.log" >&2; die "build failed, see $PAYMESH_HOME/logs/build.log"; }
  else
    say "services already built"
  fi
  mesh_toolbox
}

# The classpath of MeshTool (embedded PostgreSQL, OTLP receiver), resolved once by Maven.
mesh_toolbox() {
  mkdir -p "$PAYMESH_HOME/logs"
  local classpath="$PAYMESH_HOME/tool.classpath" entries entry stale=false
  if [[ ! -s "$classpath" || "$PAYMESH_ROOT/pom.xml" -nt "$classpath" || "$PAYMESH_ROOT/ledger-service/pom.xml" -nt "$classpath" ]]; then
    stale=true
  else
    # A cleared ~/.m2 leaves a classpath of missing jars.
    IFS=: read -ra entries < "$classpath" || true # no newline at its end
    for entry in "${entries[@]}"; do [[ -e "$entry" ]] || { stale=true; break; }; done
  fi
  if $stale; then
    say "resolving the local toolbox (embedded PostgreSQL, OTLP receiver)"
    (cd "$PAYMESH_ROOT" && ./mvnw -B -ntp -q -pl ledger-service dependency:build-classpath -Dmdep.includeScope=test \
      -Dmdep.outputFile="$PAYMESH_HOME/tool.classpath") >> "$PAYMESH_HOME/logs/build.log" 2>&1 \
      || die "could not resolve the toolbox classpath, see $PAYMESH_HOME/logs/build.log"
  fi
}

# mesh_tool_background <log name> <command> <options...>: runs MeshTool in the background.
mesh_tool_background() {
  local log="$PAYMESH_HOME/logs/$1.log"; shift
  # Emptied here, not by the background redirection: a caller waiting for a line must not find the last run's.
  : > "$log"
  java -cp "$(cat "$PAYMESH_HOME/tool.classpath")" "$PAYMESH_ROOT/deploy/scripts/MeshTool.java" "$@" >> "$log" 2>&1 &
  MESH_PIDS+=("$!")
}

mesh_tool() {
  java -cp "$(cat "$PAYMESH_HOME/tool.classpath")" "$PAYMESH_ROOT/deploy/scripts/MeshTool.java" "$@"
}

# mesh_wait_for <what> <seconds> <command...>: polls a readiness command once a second. The command's stderr stays
# visible, so a check that dies (a process that exited) says why.
mesh_wait_for() {
  local what="$1" seconds="$2"; shift 2
  local i
  for ((i = 0; i < seconds; i++)); do
    if "$@" >/dev/null; then return 0; fi
    sleep 1
  done
  die "$what not ready after ${seconds}s (logs in $PAYMESH_HOME/logs)"
}

# mesh_settle <interval s> <polls> <target> <held at target> <held> <command...>: polls <command>'s count every <interval> s,
# at most <polls> times, until it reached <target> and held for <held at target> polls, or held for <held> polls
# whatever it is; prints the count (-1 when the last poll failed). A failed poll holds nothing and stops nothing.
mesh_settle() {
  local interval="$1" polls="$2" target="$3" held_at_target="$4" held="$5" last=-1 stable=0 count=-1 i
  shift 5
  for ((i = 0; i < polls; i++)); do
    if ! count="$("$@")"; then
      count=-1 last=-1 stable=0
      sleep "$interval"
      continue
    fi
    if [[ "$count" == "$last" ]]; then stable=$((stable + 1)); else stable=0 last="$count"; fi
    if { [[ "$count" -ge "$target" && "$stable" -ge "$held_at_target" ]]; } || [[ "$stable" -ge "$held" ]]; then break; fi
    sleep "$interval"
  done
  echo "$count"
}

# mesh_tempo_payment_search <Tempo URL> <since, epoch ms>: Tempo's search answer for the payments (traces with the
# gateway's POST /api/payments server span) since then, at most 200; fails when Tempo does not answer.
mesh_tempo_payment_search() {
  curl -fsS --max-time 2 -G "$1/api/search" \
    --data-urlencode 'q={ resource.service.name = "payment-gateway" && name = "POST /api/payments" }' \
    --data limit=200 --data "start=$(($2 / 1000))" --data "end=$(($(date +%s) + 60))"
}

# mesh_tempo_payment_count <Tempo URL> <since, epoch ms>: how many payments that search finds; fails while it finds
# none (so a wait does not settle on a Tempo that has not made them searchable yet) or Tempo does not answer.
mesh_tempo_payment_count() {
  mesh_tempo_payment_search "$@" | grep -o '"traceID"' | wc -l | tr -d ' '
}

# mesh_start_tool <what> <seconds> <log> <ready text> <MeshTool command...>: starts a MeshTool server in the
# background and waits until its log says "<ready text><port>"; sets MESH_TOOL_PORT and MESH_TOOL_PID.
mesh_start_tool() {
  local what="$1" seconds="$2" log="$3" ready="$4"; shift 4
  mesh_tool_background "$(basename "$log" .log)" "$@"
  mesh_wait_for "$what" "$seconds" mesh_logged "${MESH_PIDS[-1]}" "$ready" "$log"
  MESH_TOOL_PID="${MESH_PIDS[-1]}" MESH_TOOL_PORT="$(sed -n "s|^$ready\([0-9]*\).*|\1|p" "$log")"
  [[ -n "$MESH_TOOL_PORT" ]] || die "could not read the port of the $what from $log"
}

# mesh_start_postgres <port>: port 0 takes a free one; either way MESH_PG_PORT holds the port it listens on.
mesh_start_postgres() {
  local port="$1"
  say "starting PostgreSQL (embedded binaries from Maven) on $([[ "$port" == 0 ]] && echo "a free port" || echo "localhost:$port")"
  mesh_start_tool "PostgreSQL" 120 "$PAYMESH_HOME/logs/postgres.log" "PostgreSQL ready on localhost:" \
    postgres --port "$port" --data "$PAYMESH_HOME/pgdata"
  # shellcheck disable=SC2034 # read by the scripts that source this file
  MESH_PG_PORT="$MESH_TOOL_PORT"
}

# mesh_start_otlp_receiver <port> <--file F | --count-only>: port 0 takes a free one; MESH_OTLP_PORT then holds the
# port it listens on, MESH_OTLP_PID its process. Log: $(mesh_log otlp-receiver).
mesh_start_otlp_receiver() {
  local port="$1"; shift
  mesh_start_tool "OTLP receiver" 60 "$(mesh_log otlp-receiver)" "OTLP receiver on http://127.0.0.1:" \
    otlp-receiver --port "$port" "$@"
  # shellcheck disable=SC2034 # read by the scripts that source this file
  MESH_OTLP_PID="$MESH_TOOL_PID" MESH_OTLP_PORT="$MESH_TOOL_PORT"
}

# mesh_start_service <module> <port> [VAR=value...]: the fast-jar in prod mode, logs in $(mesh_log <module>).
# MESH_JAVA (default java) and MESH_PACKAGE (the folder under target/, default quarkus-app) choose another JVM or
# packaging; MESH_JVM_OPTS are that JVM's options. It runs in the package's folder, so options can name files there.
mesh_start_service() {
  local module="$1" port="$2"; shift 2
  local jvm_opts log
  log="$(mesh_log "$module")"
  read -r -a jvm_opts <<<"${MESH_JVM_OPTS:-}"
  say "starting $module on http://localhost:$port"
  (cd "$PAYMESH_ROOT/$module/target/${MESH_PACKAGE:-quarkus-app}" \
    && exec env QUARKUS_HTTP_PORT="$port" "$@" "${MESH_JAVA:-java}" "${jvm_opts[@]}" -jar quarkus-run.jar) \
    > "$log" 2>&1 &
  MESH_PIDS+=("$!")
  echo "$!" > "$PAYMESH_HOME/$(basename "$log" .log).pid"
}

# mesh_logged <pid> <text> <log>: the process still runs and has written <text> to its log (a busy port or a crash
# ends it: that is said at once instead of after the whole wait).
mesh_logged() {
  kill -0 "$1" 2>/dev/null || die "process $1 exited before writing '$2', see $3"
  grep -q "$2" "$3"
}

# Ready means: our own process is alive and its readiness probe answers UP (not some other process on that port).
mesh_service_ready() {
  local module="$1" port="$2"
  kill -0 "$(cat "$PAYMESH_HOME/$module.pid")" 2>/dev/null || die "$module exited, see $(mesh_log "$module")"
  curl -fs "http://localhost:$port/q/health/ready"
}

mesh_wait_healthy() {
  local module="$1" port="$2"
  mesh_wait_for "$module" 90 mesh_service_ready "$module" "$port"
  say "$module is healthy"
}

# Blocks until a signal arrives. `wait` returns as soon as one does, so the caller's trap runs at once (a plain
# foreground `sleep` would delay the trap until it ends when the signal is sent to the script alone).
mesh_wait_forever() {
  tail -f /dev/null &
  MESH_PIDS+=("$!")
  wait "$!"
}

# mesh_stop_from <index> [seconds]: stops what this shell started from <index> of MESH_PIDS on, newest first, with
# SIGTERM so each process shuts down cleanly (and writes what it writes at exit), SIGKILL after <seconds> (15).
mesh_stop_from() {
  local from="$1" seconds="${2:-15}" i j pid
  for ((i = ${#MESH_PIDS[@]} - 1; i >= from; i--)); do
    pid="${MESH_PIDS[$i]}"
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      for ((j = 0; j < seconds * 2; j++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
    fi
  done
  MESH_PIDS=("${MESH_PIDS[@]:0:from}")
}

# Stops everything this shell started.
mesh_stop_all() { mesh_stop_from 0; }
