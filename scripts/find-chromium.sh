#!/usr/bin/env bash
# The one Chromium finder: `make`, the lib renderer (lib/plot/browser.ts) and the tests all
# ask this script, so they always drive the same browser.
#
#   bash scripts/find-chromium.sh            # prints the path (exit 0); or says how to get one (exit 1)
#   bash scripts/find-chromium.sh --provide  # the same, but when none is found, unpacks the
#                                            # Chromium shipped in the npm package
#                                            # @sparticuz/chromium (no root needed) and prints it
#
# Order (a system browser is preferred):
#   1. $CHROMIUM_PATH, which must then be an executable file (exit 2 otherwise);
#   2. a system Chromium or Chrome: /usr/bin/chromium, then chromium-browser, chromium,
#      google-chrome-stable, google-chrome on PATH;
#   3. a Playwright-managed Chromium under ${PLAYWRIGHT_BROWSERS_PATH:-~/.cache/ms-playwright};
#   4. the one unpacked from npm into <repo>/.cache/chromium/<version>/chrome
#      (scripts/provide-chromium.ts; `make setup` runs it when 1-3 find nothing).
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
provide=0
case "${1:-}" in
  --provide) provide=1 ;;
  "") ;;
  *) echo "find-chromium.sh: unknown argument \"$1\" (use no argument or --provide)" >&2; exit 2 ;;
esac

found() { printf '%s\n' "$1"; exit 0; }

if [ -n "${CHROMIUM_PATH:-}" ]; then
  if [ -f "$CHROMIUM_PATH" ] && [ -x "$CHROMIUM_PATH" ]; then
    found "$CHROMIUM_PATH"
  fi
  echo "CHROMIUM_PATH=\"$CHROMIUM_PATH\" is not allowed: use the path of an executable Chromium or Chrome binary, or unset it to search the usual places" >&2
  exit 2
fi

for candidate in /usr/bin/chromium chromium-browser chromium google-chrome-stable google-chrome; do
  if path="$(command -v "$candidate" 2>/dev/null)" && [ -f "$path" ] && [ -x "$path" ]; then
    found "$path"
  fi
done

# Newest first: version-sorted, last line wins.
newest_executable() {
  local best=""
  while IFS= read -r path; do
    [ -x "$path" ] && best="$path"
  done < <(printf '%s\n' "$@" | sort -V)
  [ -n "$best" ] && printf '%s\n' "$best"
}

shopt -s nullglob
pw_root="${PLAYWRIGHT_BROWSERS_PATH:-$HOME/.cache/ms-playwright}"
if path="$(newest_executable "$pw_root"/chromium-*/chrome-linux*/chrome)"; then
  found "$path"
fi
# --provide: (re)checks the npm one, unpacking it when missing or from another version
if [ "$provide" = 1 ]; then
  if [ -d "$ROOT/node_modules/@sparticuz/chromium" ]; then
    (cd "$ROOT" && node --import tsx scripts/provide-chromium.ts) && exit 0
    echo "Unpacking the npm Chromium failed (see above)." >&2
  else
    echo "node_modules/@sparticuz/chromium is missing: run npm ci (make setup does)." >&2
  fi
fi
if path="$(newest_executable "$ROOT"/.cache/chromium/[0-9]*/chrome)"; then
  found "$path"
fi

cat >&2 <<'EOF'
No Chromium found. Figures (PNG/SVG export) and the browser tests need one. Either:
  make setup                                    # unpacks the Chromium shipped in npm (no root needed)
  sudo apt-get install chromium                 # Debian/Ubuntu (Ubuntu: chromium-browser)
or point CHROMIUM_PATH at a Chromium/Chrome binary:  make figures CHROMIUM_PATH=/path/to/chrome
EOF
exit 1
