# Shared by bin/realtime-trend and bin/test: setup a fresh Debian machine needs, and module launching.
# shellcheck shell=bash

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Debian's Chromium and its driver (the crawl's local browser); installed when missing.
ensure_browser() {
  if [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]]; then
    return
  fi
  echo "realtime-trend: installing Debian packages chromium chromium-driver" >&2
  local sudo=""
  [[ $(id -u) -ne 0 ]] && sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get install -y -q chromium chromium-driver >&2 \
    || { $sudo apt-get update -q >&2 && $sudo apt-get install -y -q chromium chromium-driver >&2; }
}

# Builds the modules when a launcher file is missing (fresh clone), quietly, without tests. Given the command's
# arguments, it also wants what `local --engine yarn` needs when they ask for that engine (and only then: during
# the build's own integration tests of local mode, oozie-yarn is not built yet).
ensure_built() {
  local missing=0 module yarn=0 previous="" arg
  for arg in "$@"; do
    [[ $arg == --engine=yarn || ( $previous == --engine && $arg == yarn ) ]] && yarn=1
    previous=$arg
  done
  local modules=(java-actions hql spark-job message-server local-kafka oozie-local)
  (( yarn )) && modules+=(oozie-yarn)
  for module in "${modules[@]}"; do
    [[ -f "$ROOT/$module/target/classpath.txt" ]] || missing=1
  done
  # the Hive metastore client Spark loads to read the table through the metastore (analyzeSource=metastore)
  [[ -d "$ROOT/spark-job/hive-metastore-client/target/hive-metastore-client" ]] || missing=1
  # what local --engine yarn puts on its mini cluster: the node's jars and the oozie, hive2 and spark sharelibs
  local dir
  if (( yarn )); then
    for dir in oozie-yarn/target/node-lib oozie-yarn/target/sharelib/oozie oozie-yarn/sharelib-hive2/target/sharelib/hive2 \
        oozie-yarn/sharelib-spark/target/sharelib/spark; do
      [[ -d "$ROOT/$dir" ]] || missing=1
    done
  fi
  if (( missing )); then
    echo "realtime-trend: building (mvn package -DskipTests), once; module by module:" >&2
    # progress: one line per module as Maven starts it, the result, and any error (the full log: target/build.log)
    (cd "$ROOT" && mkdir -p target && mvn -B -DskipTests package 2>&1 | tee target/build.log \
      | grep --line-buffered -E '^\[INFO\] Building realtime-trend|BUILD (SUCCESS|FAILURE)|^\[ERROR\]' \
      | sed -u 's/^\[INFO\] /  /' >&2; exit "${PIPESTATUS[0]}")
  fi
}

# run_module MODULE MAIN_CLASS ARGS...: the module's own classpath in its own JVM, as a cluster runs an action.
run_module() {
  local module=$1 main=$2
  shift 2
  ensure_built "$@"
  local opens
  opens=$(cat "$ROOT/spark-job/target/classes/realtime-trend-jvm-options.txt")
  local log=${REALTIME_TREND_LOG:-${TMPDIR:-/tmp}/realtime-trend/${main##*.}.log}
  mkdir -p "$(dirname "$log")"
  # shellcheck disable=SC2086
  exec java ${REALTIME_TREND_JAVA_OPTS:-} $opens \
    -Dlog4j2.configurationFile="$ROOT/bin/log4j2.properties" -Drealtime.trend.log="$log" \
    -Drealtime.trend.root="$ROOT" \
    -cp "$ROOT/$module/target/classes:$(cat "$ROOT/$module/target/classpath.txt"):$(cat "$ROOT/$module/target/classpath-provided.txt")" \
    "$main" "$@"
}
