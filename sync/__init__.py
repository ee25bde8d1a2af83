"""Everything that crosses the network. Never imports `player` (an import-linter contract)."""
