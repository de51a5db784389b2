"""Given events / when command / then events, for aggregates of the `eventsourcing` library.

- `etant_donne(*evenements)` rebuilds an aggregate from past events (as the repository would):
  it has no pending event, so what the command emits is exactly what `collect_events()` returns.
- `alors(agregat, *types)` collects the new events and checks their types, in order.
- `refuse(agregat, commande, erreur, motif)` checks the command fails with a meaningful French
  message and that it left nothing to save: no pending event, version unchanged.
"""

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

import pytest

from domaine.erreurs import ErreurParticipation

A = TypeVar("A")

MAINTENANT = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


def plus_tard(**duree: float) -> datetime:
    return MAINTENANT + timedelta(**duree)


def etant_donne(*evenements: Any) -> Any:
    """Replay stored events into a fresh aggregate."""
    assert evenements, "an aggregate needs at least its creation event"
    agregat = None
    for evenement in evenements:
        agregat = evenement.mutate(agregat)
    assert agregat is not None
    assert agregat.collect_events() == []
    return agregat


def historique(agregat: Any) -> list[Any]:
    """The events an aggregate built by commands has pending: a handy way to write "given"."""
    return list(agregat.collect_events())


def alors(agregat: Any, *types: type) -> list[Any]:
    """The new events, checked against the expected types."""
    nouveaux = agregat.collect_events()
    assert [type(e) for e in nouveaux] == list(types), nouveaux
    return list(nouveaux)


def aucun_evenement(agregat: Any) -> None:
    assert agregat.collect_events() == []


def refuse(
    agregat: Any | None,
    commande: Callable[[], Any],
    erreur: type[ErreurParticipation],
    motif: str,
) -> ErreurParticipation:
    """The command raises `erreur` whose message matches `motif` and records nothing.

    `agregat` is None for a creation command: then there is no aggregate to inspect and the
    check is that the command raised before returning one.
    """
    version = agregat.version if agregat is not None else None
    with pytest.raises(erreur, match=motif) as info:
        commande()
    assert info.value.message == str(info.value)
    assert len(info.value.message) > 15, "the message must explain the refusal"
    if agregat is not None:
        assert agregat.collect_events() == []
        assert agregat.version == version
    return info.value
