#!/usr/bin/env bash
# Installs everything the tests need on a fresh machine, then runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# Browser tests drive Debian's Chromium; without a CJK font every Chinese glyph is a box.
if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qiE 'wqy|noto (sans|serif) cjk'; then
  echo "== installing chromium and a CJK font"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null
fi

echo "== npm ci"
npm ci --no-audit --no-fund

echo "== typecheck"
npm run -s typecheck

echo "== build the client"
npm run -s build

echo "== tests"
npx vitest run
