#!/bin/sh
# Install the unpacked Lineside build for this user: ~/.local/opt/lineside, the `lineside`
# command in ~/.local/bin, the menu entry and icon. No Python needed; no root needed.
# Data (databases, PKI, logs) lives in the per-user data folder, never in the install folder.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
PREFIX=${PREFIX:-"$HOME/.local"}
mkdir -p "$PREFIX/opt" "$PREFIX/bin" "$PREFIX/share/applications" \
  "$PREFIX/share/icons/hicolor/scalable/apps"
rm -rf "$PREFIX/opt/lineside"
cp -R "$HERE/lineside" "$PREFIX/opt/lineside"
ln -sf "$PREFIX/opt/lineside/lineside" "$PREFIX/bin/lineside"
cp "$HERE/lineside.svg" "$PREFIX/share/icons/hicolor/scalable/apps/lineside.svg"
sed "s|^Exec=lineside|Exec=$PREFIX/bin/lineside|" "$HERE/lineside.desktop" \
  >"$PREFIX/share/applications/lineside.desktop"
echo "Lineside installed in $PREFIX/opt/lineside; start it from the menu or with: lineside"
