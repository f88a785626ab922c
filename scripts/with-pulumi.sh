#!/usr/bin/env bash
# Runs a command with a Pulumi CLI and the dynamic-provider plugin on PATH (see ensure-pulumi.sh), and an engine
# home inside the repository's ignored .work/ folder so tests never touch the user's ~/.pulumi.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
pulumi_path=$(bash "$root/scripts/ensure-pulumi.sh" | tail -n 1)
export PATH="$pulumi_path:$PATH"
export PULUMI_HOME="${PULUMI_HOME:-$root/.work/pulumi-home}"
export PULUMI_SKIP_UPDATE_CHECK=true
mkdir -p "$PULUMI_HOME"
exec "$@"
