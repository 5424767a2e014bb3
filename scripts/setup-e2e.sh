#!/usr/bin/env bash
# Installs what the end-to-end tests need, and nothing when it is already there (npm's
# `pretest:e2e` runs this before every `npm run test:e2e`, so the no-op path must take well under a
# second):
#   - the pinned LiteLLM release from PyPI into .venv (the version is read from
#     config/litellm/litellm-release.ts, the same constant the ECS image tag uses), with the `prisma`
#     Python client that release pins (LITELLM_PRISMA_CLIENT_VERSION, same file);
#   - the OpenTelemetry SDK and OTLP/HTTP exporter that release's `proxy-runtime` extra pins
#     (LITELLM_OPENTELEMETRY_VERSION, same file), for the `otel` callback's test;
#   - PostgreSQL's server binaries (Debian package) for the database tests;
#   - redis-server and redis-cli (Debian package) for the Redis tests;
#   - valkey-server and valkey-cli (Debian package; on Debian 12 from bookworm-backports, added as an
#     apt source when missing) for the same tests against Valkey, the engine the stack runs.
# Runs without a terminal (CI is root with no stdin). A non-root user without PostgreSQL is told
# exactly what to install.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV_DIR=".venv"
RELEASE_FILE="config/litellm/litellm-release.ts"

LITELLM_VERSION="$(sed -n 's/^export const LITELLM_VERSION = "\([^"]*\)";.*/\1/p' "$RELEASE_FILE")"
if [[ -z "$LITELLM_VERSION" ]]; then
  echo "setup-e2e: could not read LITELLM_VERSION from $RELEASE_FILE" >&2
  echo "  expected a line like: export const LITELLM_VERSION = \"1.108.7\";" >&2
  exit 1
fi
PRISMA_CLIENT_VERSION="$(sed -n 's/^export const LITELLM_PRISMA_CLIENT_VERSION = "\([^"]*\)";.*/\1/p' "$RELEASE_FILE")"
if [[ -z "$PRISMA_CLIENT_VERSION" ]]; then
  echo "setup-e2e: could not read LITELLM_PRISMA_CLIENT_VERSION from $RELEASE_FILE" >&2
  echo "  expected a line like: export const LITELLM_PRISMA_CLIENT_VERSION = \"0.11.0\";" >&2
  exit 1
fi

OTEL_VERSION="$(sed -n 's/^export const LITELLM_OPENTELEMETRY_VERSION = "\([^"]*\)";.*/\1/p' "$RELEASE_FILE")"
if [[ -z "$OTEL_VERSION" ]]; then
  echo "setup-e2e: could not read LITELLM_OPENTELEMETRY_VERSION from $RELEASE_FILE" >&2
  echo "  expected a line like: export const LITELLM_OPENTELEMETRY_VERSION = \"1.45.1\";" >&2
  exit 1
fi

# Prints the installed LiteLLM version, or nothing when it or a companion package is missing, or
# when the prisma client is not the pinned one. Reads package metadata: importing litellm itself
# takes seconds.
installed_litellm_version() {
  PRISMA_CLIENT_VERSION="$PRISMA_CLIENT_VERSION" "$VENV_DIR/bin/python" - <<'PY' 2>/dev/null || true
import importlib.metadata as metadata
import os
try:
    metadata.version("psycopg")
    if metadata.version("prisma") == os.environ["PRISMA_CLIENT_VERSION"]:
        print(metadata.version("litellm"))
except metadata.PackageNotFoundError:
    pass
PY
}

ensure_litellm() {
  local found=""
  if [[ -x "$VENV_DIR/bin/python" ]]; then
    found="$(installed_litellm_version)"
  fi
  if [[ "$found" == "$LITELLM_VERSION" ]]; then
    return 0
  fi
  local python="${PYTHON:-python3}"
  if ! command -v "$python" >/dev/null 2>&1; then
    echo "setup-e2e: python3 (3.9-3.13) is needed to install LiteLLM $LITELLM_VERSION; install it, e.g." >&2
    echo "  sudo apt-get install -y python3 python3-venv" >&2
    exit 1
  fi
  echo "setup-e2e: installing litellm[proxy]==$LITELLM_VERSION and prisma==$PRISMA_CLIENT_VERSION into $VENV_DIR (about a minute)"
  if [[ ! -x "$VENV_DIR/bin/python" ]]; then
    "$python" -m venv "$VENV_DIR"
  fi
  # prisma: the Python client the release pins for its image (not the newest in LiteLLM's wider
  # `extra-proxy` range, whose internals LiteLLM does not match); the proxy imports it even without
  # a database, e.g. to classify an authentication error. psycopg: the database tests connect with
  # the URL LiteLLM builds.
  "$VENV_DIR/bin/python" -m pip install --quiet --disable-pip-version-check \
    "litellm[proxy]==$LITELLM_VERSION" \
    "prisma==$PRISMA_CLIENT_VERSION" \
    "psycopg[binary]>=3.2,<4"
  echo "setup-e2e: installed litellm $(installed_litellm_version) in $VENV_DIR"
}

# Prints "yes" when the OpenTelemetry API, SDK and OTLP/HTTP exporter are all at the pinned version.
otel_installed() {
  OTEL_VERSION="$OTEL_VERSION" "$VENV_DIR/bin/python" - <<'PY' 2>/dev/null || true
import importlib.metadata as metadata
import os
try:
    packages = ("opentelemetry-api", "opentelemetry-sdk", "opentelemetry-exporter-otlp-proto-http")
    if all(metadata.version(package) == os.environ["OTEL_VERSION"] for package in packages):
        print("yes")
except metadata.PackageNotFoundError:
    pass
PY
}

# The `otel` callback imports the SDK and the OTLP/HTTP exporter; `litellm[proxy]` brings only the
# API (at whatever version its other dependencies allow), so all three are pinned together.
ensure_otel() {
  if [[ "$(otel_installed)" == "yes" ]]; then
    return 0
  fi
  echo "setup-e2e: installing opentelemetry-sdk and opentelemetry-exporter-otlp-proto-http $OTEL_VERSION into $VENV_DIR"
  "$VENV_DIR/bin/python" -m pip install --quiet --disable-pip-version-check \
    "opentelemetry-api==$OTEL_VERSION" \
    "opentelemetry-sdk==$OTEL_VERSION" \
    "opentelemetry-exporter-otlp-proto-http==$OTEL_VERSION"
  if [[ "$(otel_installed)" != "yes" ]]; then
    echo "setup-e2e: pip installed OpenTelemetry $OTEL_VERSION but the installed versions differ" >&2
    exit 1
  fi
}

postgres_bin_dir() {
  local initdb
  for initdb in /usr/lib/postgresql/*/bin/initdb; do
    if [[ -x "$initdb" ]]; then
      dirname "$initdb"
    fi
  done | sort -V | tail -n 1
}

# Installs a Debian package: directly as root (CI), through password-less sudo otherwise (GitHub's
# runners); anyone else is told the exact command. Usage: apt_install PACKAGE "WHAT IS MISSING"
# [RELEASE]; with RELEASE (e.g. bookworm-backports) the package comes from that release, whose apt
# source is added first when no source names it.
apt_install() {
  local package="$1" missing="$2" release="${3:-}"
  local as_root=() target=() add_source=""
  if [[ -n "$release" ]]; then
    target=(-t "$release")
    if ! grep -rqs -- "$release" /etc/apt/sources.list /etc/apt/sources.list.d/; then
      add_source="deb http://deb.debian.org/debian $release main"
    fi
  fi
  if [[ "$(id -u)" -ne 0 ]]; then
    if ! sudo -n true 2>/dev/null; then
      echo "setup-e2e: $missing." >&2
      echo "  Install it, then run this script again:" >&2
      if [[ -n "$add_source" ]]; then
        echo "    echo '$add_source' | sudo tee /etc/apt/sources.list.d/$release.list" >&2
      fi
      echo "    sudo apt-get update && sudo apt-get install -y ${release:+-t $release }$package" >&2
      exit 1
    fi
    as_root=(sudo -n)
  fi
  if [[ -n "$add_source" ]]; then
    echo "setup-e2e: adding the apt source $release ($add_source)"
    echo "$add_source" | "${as_root[@]}" tee "/etc/apt/sources.list.d/$release.list" >/dev/null
  fi
  echo "setup-e2e: installing $package from Debian packages${release:+ ($release)}"
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${target[@]}" "$package" >/dev/null
}

ensure_postgres() {
  if [[ -n "$(postgres_bin_dir)" ]]; then
    return 0
  fi
  apt_install postgresql "PostgreSQL's server is not installed (no /usr/lib/postgresql/*/bin/initdb)"
  if [[ -z "$(postgres_bin_dir)" ]]; then
    echo "setup-e2e: apt-get installed postgresql but no /usr/lib/postgresql/*/bin/initdb exists" >&2
    exit 1
  fi
}

ensure_redis() {
  if [[ -x /usr/bin/redis-server && -x /usr/bin/redis-cli ]]; then
    return 0
  fi
  apt_install redis-server "redis-server is not installed (no /usr/bin/redis-server)"
  if [[ ! -x /usr/bin/redis-server ]]; then
    echo "setup-e2e: apt-get installed redis-server but /usr/bin/redis-server does not exist" >&2
    exit 1
  fi
}

# Valkey 8.0 is in Debian 13 (trixie) and later; Debian 12 (bookworm) has it only in its backports.
ensure_valkey() {
  if [[ -x /usr/bin/valkey-server && -x /usr/bin/valkey-cli ]]; then
    return 0
  fi
  local codename=""
  if [[ -r /etc/os-release ]]; then
    codename="$(. /etc/os-release && echo "${VERSION_CODENAME:-}")"
  fi
  local release=""
  if [[ "$codename" == "bookworm" ]]; then
    release="bookworm-backports"
  fi
  apt_install valkey-server "valkey-server is not installed (no /usr/bin/valkey-server)" "$release"
  if [[ ! -x /usr/bin/valkey-server ]]; then
    echo "setup-e2e: apt-get installed valkey-server but /usr/bin/valkey-server does not exist" >&2
    exit 1
  fi
}

ensure_litellm
ensure_otel
ensure_postgres
ensure_redis
ensure_valkey
