"""Qt widgets, item models and the map view of the Concord control room."""
