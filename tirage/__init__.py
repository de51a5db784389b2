"""The tirage au sort: a fair lottery over panels that meet quotas, verifiable by anyone.

Pure and self-contained (it imports nothing from the rest of participation): the announcement
and the record of a draw are JSON documents; anyone can recompute them with `verification`, or
with the standalone script `verificateur_autonome.py` (standard library only).
"""

FORMAT = "participation-tirage/2"
"""Version 2 adds the announced date and time of the public randomness (`hasard_prevu_le`, in
the commitment) and the instant of the draw (`tirage.le`), which may not come before it."""
FORMAT_1 = "participation-tirage/1"
"""Announcements without a date for the randomness: records published before version 2, and
announcements made without one (offline), still verify."""
FORMATS = (FORMAT_1, FORMAT)
