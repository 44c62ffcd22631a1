"""The search app keeps no tables: its index lives on disk (see backends/)."""
