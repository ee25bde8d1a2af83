#!/bin/sh
# Adds this unpacked Cartable to the desktop menu of the current user (no root needed):
# the .desktop entry (pointing at this folder) and the icons, under ~/.local/share.
# Run it again after moving the folder; `--remove` takes the entry and icons away.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
data="${XDG_DATA_HOME:-$HOME/.local/share}"
entry="$data/applications/cartable.desktop"
if [ "${1:-}" = "--remove" ]; then
    rm -f "$entry"
    find "$data/icons/hicolor" -path '*/apps/cartable.*' -type f -exec rm -f {} + 2>/dev/null || true
    echo "removed $entry"
    exit 0
fi
mkdir -p "$data/applications"
(cd "$here/share" && find icons -type f) | while read -r icon; do
    mkdir -p "$data/$(dirname "$icon")"
    cp "$here/share/$icon" "$data/$icon"
done
sed -e "s|^Exec=.*|Exec=\"$here/cartable\"|" -e "s|^TryExec=.*|TryExec=$here/cartable|" \
    "$here/share/applications/cartable.desktop" > "$entry"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$data/applications" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$data/icons/hicolor" 2>/dev/null || true
echo "installed $entry"
