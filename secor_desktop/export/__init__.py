"""export layer (see ARCHITECTURE.md)."""
