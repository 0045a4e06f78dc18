#!/usr/bin/env bash
# Installs everything the tests need on a fresh machine, then runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# Browser tests drive Debian's Chromium; without a CJK font every Chinese glyph is a box. The
# README's load-balancer recipe is tested behind Debian's nginx.
if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qiE 'wqy|noto (sans|serif) cjk' || [ ! -x /usr/sbin/nginx ]; then
  echo "== installing chromium, a CJK font and nginx"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei nginx >/dev/null
fi

# The store contract and scale-out tests use the machine's PostgreSQL and Redis.
if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  echo "== starting PostgreSQL"
  as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start
fi
if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  echo "== starting Redis"
  as_root redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log
fi
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p 5432 && redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && break
  sleep 1
done

echo "== npm ci"
npm ci --no-audit --no-fund

echo "== typecheck"
npm run -s typecheck

echo "== build the client"
npm run -s build

echo "== tests"
npx vitest run --project main

echo "== load test (a minute: 200 clients, a SIGKILL and restart)"
npx vitest run --project load
