#!/usr/bin/env bash
# Build the one-folder app with PyInstaller and wrap it in a Linux tarball:
#   dist/lineside/                       the app (run dist/lineside/lineside)
#   dist/lineside-VERSION-linux-ARCH.tar.gz   that folder + install.sh + desktop entry + icon
# Usage: packaging/build.sh [--smoke]   (--smoke: then run packaging/smoke.py on the build)
# PYTHON selects the interpreter that has PyInstaller and Lineside installed (default .venv).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-.venv/bin/python}
"$PYTHON" -c 'import PyInstaller' 2>/dev/null || "$PYTHON" -m pip install -q -e ".[package]"
VERSION=$("$PYTHON" -c 'from importlib.metadata import version; print(version("lineside"))')
ARCH=$(uname -m)
"$PYTHON" -m PyInstaller --noconfirm --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/lineside.spec
STAGE=$(mktemp -d)
trap 'rm -rf "$STAGE"' EXIT
NAME="lineside-$VERSION-linux-$ARCH"
mkdir "$STAGE/$NAME"
cp -R dist/lineside "$STAGE/$NAME/lineside"
cp packaging/install.sh packaging/lineside.desktop resources/icons/lineside.svg "$STAGE/$NAME/"
tar -C "$STAGE" -czf "dist/$NAME.tar.gz" "$NAME"
echo "built dist/lineside ($(du -sm dist/lineside | cut -f1) MB) and dist/$NAME.tar.gz" \
  "($(du -sm "dist/$NAME.tar.gz" | cut -f1) MB)"
if [ "${1:-}" = "--smoke" ]; then
  "$PYTHON" packaging/smoke.py dist/lineside "dist/$NAME.tar.gz"
fi
