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
# The Node.js language host (pulumi-language-nodejs, needed by `pulumi up` of a folder program): the official one
# when it is found (next to the CLI or on PATH); otherwise this repository's tools/language-host, compiled into the
# cache and started by a launcher next to a CLI built here (where the CLI looks for bundled plugins first), or, for
# a CLI already on PATH, in a folder added to the PATH line. The Go module proxy here refuses the official one.
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

# Marks the launcher of tools/language-host, so it is never mistaken for an official language host.
host_marker="tools/language-host of pulumi-azure-sql-migration"
is_ours() { grep -q "$host_marker" "$1" 2>/dev/null; }

# An official pulumi-language-nodejs on PATH (not ours), or nothing.
official_host_on_path() {
  local found
  found=$(command -v pulumi-language-nodejs 2>/dev/null) || return 1
  is_ours "$found" && return 1
  echo "$found"
}

# Writes the launcher of tools/language-host into folder $1 (compiling the host into the cache when its sources
# changed), unless an official language host is there or on PATH.
ensure_language_host() {
  local dir=$1 target="$1/pulumi-language-nodejs" official src hash out tmp launcher
  if [ -x "$target" ] && ! is_ours "$target"; then
    say "using the official Node.js language host ($target)"
    return 0
  fi
  if official=$(official_host_on_path); then
    say "using the official Node.js language host on PATH ($official)"
    rm -f "$target"
    return 0
  fi
  src="$repo_root/tools/language-host"
  local tsc="$repo_root/node_modules/.bin/tsc"
  if [ ! -x "$tsc" ]; then
    say "no official Node.js language host and no TypeScript compiler to build tools/language-host: run 'npm ci' (folder programs cannot run; inline programs can)"
    return 0
  fi
  hash=$(cat "$src/tsconfig.json" "$src"/src/*.ts | sha256sum | cut -c1-16)
  out="$cache_root/language-host/$hash"
  if [ ! -f "$out/main.js" ]; then
    mkdir -p "$cache_root/language-host"
    tmp=$(mktemp -d "$cache_root/language-host/.build-XXXXXX")
    say "building the Node.js language host from tools/language-host into $out"
    "$tsc" -p "$src" --outDir "$tmp" >&2
    chmod 755 "$tmp"
    # Another run may have built the same sources meanwhile: keep theirs.
    mv -T "$tmp" "$out" 2>/dev/null || rm -rf "$tmp"
  fi
  mkdir -p "$dir"
  launcher=$(mktemp "$dir/.pulumi-language-nodejs.XXXXXX")
  cat > "$launcher" <<LAUNCHER
#!/bin/sh
# pulumi-language-nodejs: the $host_marker (not the official language host),
# written by scripts/ensure-pulumi.sh because no official one was found. Serves programs with their own @pulumi/pulumi.
PULUMI_LANGUAGE_HOST_VERSION='$sdk_version' PULUMI_LANGUAGE_HOST_FALLBACK_SDK='$repo_root/node_modules/@pulumi/pulumi' exec node '$out/main.js' "\$@"
LAUNCHER
  chmod 755 "$launcher"
  if cmp -s "$launcher" "$target"; then rm -f "$launcher"; else mv -f "$launcher" "$target"; fi
  say "using the Node.js language host from tools/language-host ($target)"
}

same_minor() { [ "$(echo "$1" | cut -d. -f1,2)" = "$(echo "$2" | cut -d. -f1,2)" ]; }

if command -v pulumi >/dev/null 2>&1; then
  found=$(pulumi version 2>/dev/null | sed 's/^v//')
  if same_minor "$found" "$sdk_version"; then
    say "using pulumi $found already on PATH ($(command -v pulumi))"
    cli_dir=$(dirname "$(command -v pulumi)")
    cache_root=${PULUMI_CLI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-azure-sql-migration}
    if is_ours "$cli_dir/pulumi-language-nodejs"; then
      # The CLI this script built, already on PATH: keep our host beside it current.
      ensure_language_host "$cli_dir"
      echo "$cli_dir:$plugin_dir"
    elif [ -x "$cli_dir/pulumi-language-nodejs" ] || official_host_on_path >/dev/null; then
      echo "$cli_dir:$plugin_dir"
    else
      # A CLI we do not own: our host goes in a folder of its own on PATH (the CLI notes it uses it from there).
      ensure_language_host "$cache_root/language-host/bin"
      echo "$cli_dir:$plugin_dir:$cache_root/language-host/bin"
    fi
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
  ensure_language_host "$bin"
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
  say "the official Node.js language host could not be built: $(echo "$host_error" | tail -n 2 | tr '\n' ' ')"
fi
ensure_language_host "$bin"
say "built $("$bin/pulumi" version)"
echo "$bin:$plugin_dir"
