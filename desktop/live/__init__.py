"""The live picture: the change feed, the map's data, workers' positions and tracks, the alerts."""
