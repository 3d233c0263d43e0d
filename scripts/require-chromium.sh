#!/usr/bin/env bash
# Runs before the tests: the browser tests drive Debian's Chromium at /usr/bin/chromium. When it is missing
# it is installed first if this runs as root (scripts/install-system-deps.sh, as .ci/run does); otherwise the
# run stops at once with the command to run, instead of failing the browser suites minutes later.
set -euo pipefail
chromium=/usr/bin/chromium
[ -x "$chromium" ] && exit 0
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Chromium is missing at $chromium: installing it with scripts/install-system-deps.sh" >&2
  bash "$(dirname "$0")/install-system-deps.sh"
  [ -x "$chromium" ] && exit 0
fi
echo "The browser tests need Chromium at $chromium. Install it, then run the tests again:" >&2
echo "  sudo apt-get install -y chromium" >&2
exit 1
