"""Errors of the lottery; each carries the French message shown to the animateur."""


class ErreurTirage(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class EntreeInvalide(ErreurTirage):
    """A pool or quotas file that cannot be read as documented."""


class QuotasInfaisables(ErreurTirage):
    """No panel can meet the quotas with this pool; the message names the quota and numbers."""
