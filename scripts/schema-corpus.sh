#!/usr/bin/env bash
# Makes the real-world schema corpus (test/corpus/corpus.ts) from a local clone of microsoft/sql-server-samples
# (MIT licence): copies the sample databases' scripts into a folder outside the repository and prints the
# SCHEMA_CORPUS_DIR to export. The project does not commit these files.
#
#   scripts/schema-corpus.sh <clone-or-git-dir> [target-dir, default ~/.cache/pulumi-azure-sql-migration/schema-corpus]
set -euo pipefail
source_repo="${1:?usage: scripts/schema-corpus.sh <clone of microsoft/sql-server-samples> [target-dir]}"
target="${2:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-azure-sql-migration/schema-corpus}"
paths=(
  samples/databases/wide-world-importers/wwi-ssdt/wwi-ssdt
  samples/databases/adventure-works/oltp-install-script/instawdb.sql
  samples/databases/northwind-pubs/instnwnd.sql
  samples/databases/northwind-pubs/instpubs.sql
)
mkdir -p "$target"
git --git-dir="$( [ -d "$source_repo/.git" ] && echo "$source_repo/.git" || echo "$source_repo")" archive HEAD "${paths[@]}" | tar -x -C "$target"
echo "export SCHEMA_CORPUS_DIR=$target"
