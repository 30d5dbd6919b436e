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

if [ -z "$shot" ]; then
  if [ -z "${DISPLAY:-}" ]; then
    echo "No display: run 'make demo SCREENSHOT=shot.png' on a headless machine." >&2
    exit 2
  fi
  exec qgis "${args[@]}"
fi

work=$(mktemp -d)
trap 'kill $qgis_pid $xvfb_pid 2>/dev/null || true; rm -rf "$work"' EXIT
display=$(( 90 + RANDOM % 100 ))
Xvfb ":$display" -screen 0 "${HD_SCREEN:-1600x1000x24}" -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
sleep 1
export DISPLAY=":$display" HD_READY_FILE="$work/ready" HD_LOG_FILE="${HD_LOG_FILE:-$work/qgis.log}"
export HD_QUIT_AFTER_S=${HD_QUIT_AFTER_S:-4}
qgis "${args[@]}" >"$work/qgis.out" 2>&1 &
qgis_pid=$!
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
