"""The live picture: the map pane and its case markers, the worker list, the alerts strip and its
chime, the basemap choice, the track replay, and the live feed that keeps them current."""
