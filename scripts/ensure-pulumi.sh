#!/usr/bin/env bash
# Makes a Pulumi CLI available for the tests and the quickstart, and prints the directory to put on PATH
# as the last line of its output.
#
# Order of preference:
#   1. a `pulumi` already on PATH whose major.minor matches the installed @pulumi/pulumi (used as is);
#   2. a CLI built earlier into the cache directory (no work at all);
#   3. build the CLI from the Go module proxy with the Go toolchain, at the release matching @pulumi/pulumi.
# The dynamic-provider plugin (pulumi-resource-pulumi-nodejs) ships inside @pulumi/pulumi; its folder is
# printed as part of the PATH line so the engine finds it.
#
# Cache: $PULUMI_CLI_CACHE, default ${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-azure-sql-migration (outside the repo).
set -euo pipefail

repo_root=$(cd "$(dirname "$0")/.." && pwd)
say() { echo "[ensure-pulumi] $*" >&2; }

sdk_pkg="$repo_root/node_modules/@pulumi/pulumi/package.json"
if [ ! -f "$sdk_pkg" ]; then
  say "node_modules/@pulumi/pulumi is missing: run 'npm ci' first"
  exit 1
fi
sdk_version=$(node -p "require('$sdk_pkg').version")
plugin_dir="$repo_root/node_modules/@pulumi/pulumi/bin"
[ -x "$plugin_dir/pulumi-resource-pulumi-nodejs" ] || plugin_dir="$repo_root/node_modules/@pulumi/pulumi"
if [ ! -x "$plugin_dir/pulumi-resource-pulumi-nodejs" ]; then
  say "pulumi-resource-pulumi-nodejs not found inside @pulumi/pulumi $sdk_version"
  exit 1
fi

same_minor() { [ "$(echo "$1" | cut -d. -f1,2)" = "$(echo "$2" | cut -d. -f1,2)" ]; }

if command -v pulumi >/dev/null 2>&1; then
  found=$(pulumi version 2>/dev/null | sed 's/^v//')
  if same_minor "$found" "$sdk_version"; then
    say "using pulumi $found already on PATH ($(command -v pulumi))"
    echo "$(dirname "$(command -v pulumi)"):$plugin_dir"
    exit 0
  fi
  say "pulumi $found on PATH does not match @pulumi/pulumi $sdk_version; using a matching build instead"
fi

cache_root=${PULUMI_CLI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-azure-sql-migration}
work="$cache_root/pulumi-v$sdk_version"
bin="$work/bin"
# The engine prefers plugins bundled next to its own binary (and warns about ones found on PATH), so the
# dynamic-provider launcher, which resolves @pulumi/pulumi from the stack's directory, is copied beside it.
bundle_plugin() { cp "$plugin_dir/pulumi-resource-pulumi-nodejs" "$bin/pulumi-resource-pulumi-nodejs"; }

if [ -x "$bin/pulumi" ] && [ "$("$bin/pulumi" version 2>/dev/null)" = "v$sdk_version" ]; then
  [ -x "$bin/pulumi-resource-pulumi-nodejs" ] || bundle_plugin
  say "using cached pulumi v$sdk_version ($bin)"
  echo "$bin:$plugin_dir"
  exit 0
fi

command -v go >/dev/null 2>&1 || { say "no pulumi on PATH and no Go toolchain to build one"; exit 1; }
say "building pulumi v$sdk_version from the Go module proxy into $work (first time only; takes several minutes)"
mkdir -p "$work/src" "$bin"
cd "$work/src"

pkg="github.com/pulumi/pulumi/pkg/v3"
sdk="github.com/pulumi/pulumi/sdk/v3"
# pkg/v3 carries replace directives that `go install pkg@version` refuses; a throw-away module that
# requires pkg and sdk at the same release and repeats pkg's non-local replace lines builds it instead.
pkg_mod=$(go mod download -json "$pkg@v$sdk_version" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const j=JSON.parse(s);if(j.Error){console.error(j.Error);process.exit(1)}console.log(j.GoMod)})')
replaces=$(grep -E '^replace ' "$pkg_mod" | grep -v '=> \.' || true)
go_version=$(grep -E '^go [0-9]' "$pkg_mod" | head -1 | cut -d' ' -f2)
{
  echo "module pulumi-cli-build"
  echo
  echo "go $go_version"
  echo
  echo "require ("
  echo "  $pkg v$sdk_version"
  echo "  $sdk v$sdk_version"
  echo ")"
  echo
  [ -n "$replaces" ] && echo "$replaces"
} > go.mod
cat > tools.go <<'GO'
//go:build tools

package tools

import _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
GO
say "resolving modules"
GOFLAGS=-mod=mod go mod tidy -e >&2
say "compiling the CLI"
GOFLAGS=-mod=mod go build -trimpath \
  -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$sdk_version" \
  -o "$bin/pulumi.tmp" "$pkg/cmd/pulumi" >&2
mv "$bin/pulumi.tmp" "$bin/pulumi"
bundle_plugin

# The Node.js language host is only needed to run program folders (inline Automation API programs, which the
# tests and the quickstart use, run in-process). It is its own module; build it when the proxy serves it.
host="github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3"
if host_error=$(GOFLAGS=-mod=mod go get "$host@v$sdk_version" 2>&1) &&
  GOFLAGS=-mod=mod go build -trimpath -o "$bin/pulumi-language-nodejs" "$host" >&2; then
  say "built the Node.js language host"
else
  say "the Node.js language host could not be built (inline programs do not need it): $(echo "$host_error" | tail -n 2 | tr '\n' ' ')"
fi
say "built $("$bin/pulumi" version)"
echo "$bin:$plugin_dir"
