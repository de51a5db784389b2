"""The tirage au sort (lottery) of the groupe moteur: a pure, verifiable function (next issue)."""
