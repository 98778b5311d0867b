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

# wants_yarn ARGS...: whether a `local` command line asks for the yarn engine (--engine yarn).
wants_yarn() {
  local previous="" arg
  for arg in "$@"; do
    [[ $arg == --engine=yarn || ( $previous == --engine && $arg == yarn ) ]] && return 0
    previous=$arg
  done
  return 1
}

# Builds the modules when a launcher description is missing (fresh clone), quietly, without tests. Given the
# command's arguments, it also wants what `local --engine yarn` needs when they ask for that engine (and only then:
# during the build's own integration tests of local mode, oozie-yarn is not built yet).
ensure_built() {
  local missing=0 module yarn=0
  wants_yarn "$@" && yarn=1
  local modules=(java-actions hql spark-job message-server local-kafka oozie-local)
  (( yarn )) && modules+=(oozie-yarn)
  for module in "${modules[@]}"; do
    [[ -f "$ROOT/$module/target/launcher.properties" ]] || missing=1
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

# launcher_value MODULE KEY: a value of the module's launcher description, target/launcher.properties (written by
# the build; local mode's ModuleJvm reads the same file).
launcher_value() {
  sed -n "s/^${2//./\\.}=//p" "$ROOT/$1/target/launcher.properties"
}

# run_module MODULE NAME ARGS...: the class the module's launcher description names main.NAME, with the module's
# classpath and JVM options, in a JVM of its own, as a cluster runs an action.
run_module() {
  local module=$1 name=$2
  shift 2
  ensure_built "$@"
  local main
  main=$(launcher_value "$module" "main.$name")
  if [[ -z $main ]]; then
    echo "realtime-trend: $module/target/launcher.properties names no main.$name: rebuild (mvn -DskipTests package)" >&2
    exit 2
  fi
  local log=${REALTIME_TREND_LOG:-${TMPDIR:-/tmp}/realtime-trend/${main##*.}.log}
  mkdir -p "$(dirname "$log")"
  # shellcheck disable=SC2046,SC2086
  exec java ${REALTIME_TREND_JAVA_OPTS:-} $(launcher_value "$module" java.options) $(launcher_value "$module" jdk.opens) \
    -Dlog4j2.configurationFile="$ROOT/bin/log4j2.properties" -Drealtime.trend.log="$log" \
    -Drealtime.trend.root="$ROOT" -cp "$(launcher_value "$module" classpath)" "$main" "$@"
}
