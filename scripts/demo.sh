#!/usr/bin/env bash
# Start QGIS with the deployed plugin and a project (make demo).
# usage: demo.sh PROJECT [SCREENSHOT.png]
# With SCREENSHOT, QGIS runs on a virtual screen (Xvfb); once the project has loaded and drawn, the whole screen
# is saved to SCREENSHOT and QGIS quits.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PROFILES=${HD_PROFILES_PATH:-$ROOT/build/qgis-profiles}
PROFILE=${HD_PROFILE:-herzlich-digital-demo}
unset QT_QPA_PLATFORM  # `make` exports offscreen for the tests; the desktop needs a real (or virtual) X screen
project=$1
shot=${2:-}
args=(--profiles-path "$PROFILES" --profile "$PROFILE" --nologo --noversioncheck
      --code "$ROOT/scripts/qgis_startup.py" --project "$project")

# Live sensors: the SensorThings server, mosquitto and the feeder run beside QGIS (demo/sta_server/run.py) and
# stop when QGIS ends. The startup script adds the live layer once they have written their addresses.
# HD_SENSORS=0 leaves them out.
PYTHON=${HD_PYTHON:-$ROOT/.venv/bin/python}
STA_DIR=${HD_STA_DIR:-$(dirname "$PROFILES")/sta}  # build/sta for `make demo`; beside other profiles, apart
sta_pid=
sensors=0
if [ "${HD_SENSORS:-1}" = 1 ]; then
  if [ -x "$PYTHON" ]; then
    sensors=1
    mkdir -p "$STA_DIR"
    rm -f "$STA_DIR/services.json"  # QGIS waits for a fresh one
    export HD_SENSOR_INFO="$STA_DIR/services.json"
  else
    echo "No $PYTHON: the demo runs without live sensors ('make deps' creates it)." >&2
  fi
fi
start_sensors() {  # $1: the pid of QGIS (the services end with it)
  [ "$sensors" = 1 ] || return 0
  "$PYTHON" "$ROOT/demo/sta_server/run.py" --data-dir "$STA_DIR" --info "$STA_DIR/services.json" \
    --parent-pid "$1" >"$STA_DIR/services.log" 2>&1 </dev/null &
  sta_pid=$!
}
stop_sensors() {  # SIGTERM: run.py stops the feeder, the server and mosquitto; wait for that
  [ -n "$sta_pid" ] || return 0
  kill "$sta_pid" 2>/dev/null || return 0
  for _ in $(seq 1 20); do kill -0 "$sta_pid" 2>/dev/null || return 0; sleep 0.5; done
}

if [ -z "$shot" ]; then
  if [ -z "${DISPLAY:-}" ]; then
    echo "No display: run 'make demo SCREENSHOT=shot.png' on a headless machine." >&2
    exit 2
  fi
  start_sensors $$  # exec keeps the pid: QGIS is $$ from the next line on
  exec qgis "${args[@]}"
fi

work=$(mktemp -d)
trap 'kill $qgis_pid $xvfb_pid 2>/dev/null || true; stop_sensors; rm -rf "$work"' EXIT
display=$(( 90 + RANDOM % 100 ))
Xvfb ":$display" -screen 0 "${HD_SCREEN:-1600x1000x24}" -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
sleep 1
export DISPLAY=":$display" HD_READY_FILE="$work/ready" HD_LOG_FILE="${HD_LOG_FILE:-$work/qgis.log}"
export HD_QUIT_AFTER_S=${HD_QUIT_AFTER_S:-4}
qgis "${args[@]}" >"$work/qgis.out" 2>&1 &
qgis_pid=$!
start_sensors $qgis_pid
for _ in $(seq 1 "${HD_READY_TIMEOUT_S:-240}"); do
  [ -f "$work/ready" ] && break
  kill -0 $qgis_pid 2>/dev/null || { echo "QGIS stopped before the project loaded:" >&2; tail -20 "$work/qgis.out" >&2; exit 1; }
  sleep 1
done
[ -f "$work/ready" ] || { echo "QGIS did not get ready in time" >&2; exit 1; }
sleep 1
import -window root "$shot"
echo "Screenshot: $shot"
for _ in $(seq 1 10); do kill -0 $qgis_pid 2>/dev/null || break; sleep 1; done
