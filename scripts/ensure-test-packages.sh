#!/usr/bin/env bash
# Installs the Debian packages the tests use when they are missing (needs root and apt):
# chromium for the browser tests of the site, redis-server (with redis-cli and redis-check-rdb)
# and mariadb-server (with mysqladmin and mysqldump) for the tests that run the drafted
# database commands against real servers, and openssh-server (sshd) for the fleet tests, which
# start several throwaway SSH servers on loopback addresses. Without root or apt, the tests that need a missing
# package skip and say so.
set -euo pipefail
missing=()
if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then
  missing+=(chromium)
fi
command -v redis-server >/dev/null 2>&1 && command -v redis-check-rdb >/dev/null 2>&1 \
  || missing+=(redis-server)
command -v mariadbd >/dev/null 2>&1 && command -v mariadb-install-db >/dev/null 2>&1 \
  || missing+=(mariadb-server)
[ -x /usr/sbin/sshd ] || missing+=(openssh-server)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "not installed and cannot be installed here: ${missing[*]}; the tests that need them will skip" >&2
  exit 0
fi
echo "Installing for the tests: ${missing[*]}..." >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
# the packages' own services are not started: the tests start throwaway servers of their own
apt-get install -y -qq "${missing[@]}" >/dev/null
