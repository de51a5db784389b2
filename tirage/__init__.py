"""The tirage au sort: a fair lottery over panels that meet quotas, verifiable by anyone.

Pure and self-contained (it imports nothing from the rest of participation): the announcement
and the record of a draw are JSON documents; anyone can recompute them with `verification`, or
with the standalone script `verificateur_autonome.py` (standard library only).
"""

FORMAT = "participation-tirage/1"
