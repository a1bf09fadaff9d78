#!/usr/bin/env bash
# The browser `npm run test:browser` renders the summary's timeline in: the machine's Chromium
# or Chrome (playwright-core downloads none). Installs Debian's `chromium` when none is there;
# fails, saying why, when it cannot (the test itself would fail too: it never skips).
set -euo pipefail
if [ -n "${CHROMIUM_PATH:-}" ]; then
  [ -x "$CHROMIUM_PATH" ] && exec echo "install-browser: CHROMIUM_PATH=$CHROMIUM_PATH"
  echo "install-browser: CHROMIUM_PATH=$CHROMIUM_PATH is not an executable file" >&2
  exit 1
fi
for path in /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome /usr/bin/google-chrome-stable; do
  if [ -x "$path" ]; then
    echo "install-browser: $path ($("$path" --version 2>/dev/null || echo 'version unknown'))"
    exit 0
  fi
done
if ! command -v apt-get >/dev/null; then
  echo "install-browser: no Chromium or Chrome found and no apt-get: install one, or set CHROMIUM_PATH" >&2
  exit 1
fi
sudo=()
if [ "$(id -u)" != 0 ]; then
  if ! sudo -n true 2>/dev/null; then
    echo "install-browser: no Chromium found; run as root (or with sudo): apt-get install chromium" >&2
    exit 1
  fi
  sudo=(sudo -n)
fi
echo "install-browser: installing Debian's chromium" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q >&2
"${sudo[@]}" apt-get install -y -q chromium >&2
echo "install-browser: /usr/bin/chromium ($(/usr/bin/chromium --version))"
