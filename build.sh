#!/usr/bin/env bash
# Bootstrapper: restores the pinned Cake tool and runs build/build.cake, passing every argument on unchanged.
#   ./build.sh --snapshot ../shared/data     the whole pipeline, offline
#   ./build.sh --target Test                 the tests
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "build.sh: the .NET 10 SDK is needed (dotnet not on PATH); see README 'Install'." >&2
  exit 1
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export CAKE_SETTINGS_ENABLESCRIPTCACHE=true

dotnet tool restore >/dev/null
exec dotnet cake build/build.cake "$@"
