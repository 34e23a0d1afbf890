"""The stored format of a case's parties: data, not wording.

A case keeps its parties' names, phones and ID numbers each in one column, the entries joined by
the Chinese enumeration comma "、" (older rows and imported ones may use ","). The intake writes
that format, the duplicate check and the masking for auditors split it, and the database's own
masking function (migration 0008, concord_case_parties_masked) splits on the same character: changing it would
change the data, so it is kept here, apart from the modules that word things for the user.
"""

from __future__ import annotations

PARTY_SEPARATOR = "、"  # between two parties in party_names / party_phones / party_id_numbers
PARTY_SEPARATORS = (PARTY_SEPARATOR, ",")  # what splitting a stored list accepts
