#!/usr/bin/env bash
# Print the path of a Chromium the lib renderer and the browser tests can drive.
#
#   bash scripts/find-chromium.sh      # prints the path, exit 0; or says how to get one, exit 1
#
# Order: $CHROMIUM_PATH (must be an executable file when set), /usr/bin/chromium,
# chromium-browser, chromium, google-chrome(-stable) on PATH, then a Playwright-managed
# Chromium under ~/.cache/ms-playwright/chromium-*/chrome-linux/chrome (newest first).
set -uo pipefail

if [ -n "${CHROMIUM_PATH:-}" ]; then
  if [ -f "$CHROMIUM_PATH" ] && [ -x "$CHROMIUM_PATH" ]; then
    echo "$CHROMIUM_PATH"
    exit 0
  fi
  echo "CHROMIUM_PATH=\"$CHROMIUM_PATH\" is not an executable file: point it at a Chromium or Chrome binary, or unset it to search the usual places" >&2
  exit 1
fi

for candidate in /usr/bin/chromium chromium-browser chromium google-chrome-stable google-chrome; do
  if path="$(command -v "$candidate" 2>/dev/null)" && [ -x "$path" ]; then
    echo "$path"
    exit 0
  fi
done

pw_root="${PLAYWRIGHT_BROWSERS_PATH:-$HOME/.cache/ms-playwright}"
for path in $(ls -d "$pw_root"/chromium-*/chrome-linux*/chrome 2>/dev/null | sort -t- -k2 -n -r); do
  if [ -x "$path" ]; then
    echo "$path"
    exit 0
  fi
done

cat >&2 <<'EOF'
No Chromium found. Figures (PNG/SVG export) and the browser tests need one. Either:
  sudo apt-get install chromium                 # Debian/Ubuntu (Ubuntu: chromium-browser)
  npx playwright install chromium               # where downloads from Playwright's CDN work
or point CHROMIUM_PATH at a Chromium/Chrome binary:  make figures CHROMIUM_PATH=/path/to/chrome
EOF
exit 1
