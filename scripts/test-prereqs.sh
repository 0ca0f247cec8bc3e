#!/usr/bin/env bash
# Makes a fresh Debian machine ready for the test suite: headless Chromium for the console and
# extension tests, docker-compose to validate docker-compose.yml, librdkafka + gcc for the
# Kafka-protocol test broker, which it then builds.
# Installs what is missing when run as root (CI); otherwise says what to install and fails.
# Cheap when everything is present: a few file tests, no apt, no compiler.
#   --kafka-only: just what the Kafka test broker needs (test/helpers/kafka.ts runs it this way).
set -euo pipefail

packages=(chromium docker-compose librdkafka-dev gcc libc6-dev)
if [[ "${1:-}" == "--kafka-only" ]]; then
  packages=(librdkafka-dev gcc libc6-dev)
fi

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mock_src="$root/test/kafka-mock/kafka-mock.c"
mock_bin="$root/test/kafka-mock/kafka-mock"

# package -> file that proves it is installed
declare -A needs=(
  [chromium]=/usr/bin/chromium
  # Validates docker-compose.yml without a Docker engine.
  [docker-compose]=/usr/bin/docker-compose
  [librdkafka-dev]=/usr/include/librdkafka/rdkafka_mock.h
  [gcc]=/usr/bin/gcc
  # gcc only recommends the C library headers, and --no-install-recommends skips them.
  [libc6-dev]=/usr/include/stdio.h
)

missing=()
for pkg in "${packages[@]}"; do
  [[ -e "${needs[$pkg]}" ]] || missing+=("$pkg")
done

if ((${#missing[@]} > 0)); then
  if [[ "$(id -u)" -ne 0 ]]; then
    echo "test-prereqs: missing Debian packages: ${missing[*]}" >&2
    echo "test-prereqs: install them with:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
  echo "test-prereqs: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  # Another apt run (a parallel job, unattended-upgrades) may hold the lock: wait for it.
  apt_opts=(-o DPkg::Lock::Timeout=600 -o Acquire::Retries=3)
  apt-get "${apt_opts[@]}" update -qq
  apt-get "${apt_opts[@]}" install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  for pkg in "${missing[@]}"; do
    if [[ ! -e "${needs[$pkg]}" ]]; then
      echo "test-prereqs: $pkg installed but ${needs[$pkg]} is still missing" >&2
      exit 1
    fi
  done
fi

if [[ ! -x "$mock_bin" || "$mock_src" -nt "$mock_bin" ]]; then
  echo "test-prereqs: building test/kafka-mock/kafka-mock" >&2
  # Build beside the target and rename: parallel test workers may run this at the same time and
  # must never execute a half-written binary.
  tmp="$mock_bin.tmp.$$"
  trap 'rm -f "$tmp"' EXIT
  gcc -O2 -Wall -o "$tmp" "$mock_src" -lrdkafka
  mv -f "$tmp" "$mock_bin"
fi
