#!/usr/bin/env bash
# Regenerates tarn/api/ from openapi/openapi.json. Never edit tarn/api/ by hand: CI runs this
# and fails when the result differs from what is committed.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
command -v openapi-python-client >/dev/null || python3 -m pip install --quiet 'openapi-python-client==0.29.1'
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
openapi-python-client generate --path "$here/../../openapi/openapi.json" --config "$here/generator.yaml" \
    --meta none --output-path "$work/api" >/dev/null
rm -rf "$here/tarn/api"
cp -r "$work/api" "$here/tarn/api"
