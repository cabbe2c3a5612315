#!/usr/bin/env bash
# Validates docker-compose.yaml without a Docker engine: with dummy values for every required
# variable the file must interpolate and validate (`docker-compose config -q`), and without
# them it must refuse to. Exits non-zero on any failure. Usage: deploy/ci-validate.sh
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
compose_file="$root/docker-compose.yaml"

if command -v docker-compose >/dev/null 2>&1; then
  compose=(docker-compose)
elif docker compose version >/dev/null 2>&1; then
  compose=(docker compose)
elif [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "docker-compose not found: installing the Debian package" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose >/dev/null
  compose=(docker-compose)
else
  echo "docker-compose is not installed (Debian: apt-get install docker-compose)" >&2
  exit 1
fi

required=(
  POSTGRES_PASSWORD SHUTTER_COMMAND_DB_PASSWORD SHUTTER_READER_DB_PASSWORD
  RABBITMQ_PASSWORD
  MONGO_ROOT_PASSWORD MONGO_PROJECTIONS_PASSWORD MONGO_QUERY_PASSWORD MONGO_MEDIA_PASSWORD MONGO_PUSH_PASSWORD
  MINIO_ROOT_PASSWORD SHUTTER_S3_SECRET_KEY
  SHUTTER_ADMIN_PASSWORD SHUTTER_PUSH_FCM_PROJECT_ID
)

# A clean environment and an empty env file: the operator's shell or `.env` cannot make a
# broken file pass here.
empty_env_file="$(mktemp)"
trap 'rm -f "$empty_env_file"' EXIT
run_config() {
  env -i PATH="$PATH" HOME="${HOME:-/tmp}" "$@" \
    "${compose[@]}" --env-file "$empty_env_file" -f "$compose_file" --project-directory "$root" config -q
}

dummies=()
for name in "${required[@]}"; do
  dummies+=("$name=ci-dummy-${name,,}")
done

if ! run_config "${dummies[@]}"; then
  echo "FAIL: docker-compose.yaml does not validate with every required variable set" >&2
  exit 1
fi
echo "ok: docker-compose.yaml validates with the required variables set"

# Each required variable on its own must be enforced.
for missing in "${required[@]}"; do
  rest=()
  for pair in "${dummies[@]}"; do
    [ "${pair%%=*}" = "$missing" ] || rest+=("$pair")
  done
  if output="$(run_config "${rest[@]}" 2>&1)"; then
    echo "FAIL: docker-compose.yaml validates without $missing" >&2
    exit 1
  fi
  if ! grep -q "$missing" <<<"$output"; then
    echo "FAIL: without $missing the error does not name it: $output" >&2
    exit 1
  fi
done
echo "ok: each of the ${#required[@]} required variables is enforced with a message naming it"
