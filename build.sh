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
# Plain text when the output goes to a file or a pipe (CI logs): Cake and ipsml (Spectre.Console) honour NO_COLOR.
if [ ! -t 1 ]; then
  export NO_COLOR=1
fi

dotnet tool restore >/dev/null
exec dotnet cake build/build.cake "$@"
