"""Domain rules and services of the Concord desktop application (no Qt here)."""
