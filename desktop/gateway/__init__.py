"""The field gateway: phones' positions (OsmAnd / Traccar Client) and reports, into the database.

``server`` is the aiohttp service, ``protocol`` and ``reports`` decode requests, ``filters`` judge
fixes, ``devices`` maps phones to workers and holds their hashed tokens. Writing is in
:mod:`desktop.gateway.ingest`.
"""
