"""The demo city: geography, people and a year of history from one seed number."""
