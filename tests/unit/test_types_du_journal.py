"""Every event type the domain can store has its line in the journal's table (label and role),
so that a new event cannot be added without saying how the public journal shows it."""

import importlib
import pkgutil

from eventsourcing.domain import Aggregate

import domaine
from domaine.journal import AGREGATS, ROLES, TYPES


def types_enregistres() -> list[type]:
    """Every event class of the domain that can be stored (the abstract `Created` bases aside)."""
    return [
        valeur
        for agregat in AGREGATS
        for nom, valeur in vars(agregat).items()
        if isinstance(valeur, type) and hasattr(valeur, "TOPIC") and nom != "Created"
    ]


def _agregats_du_domaine() -> set[type]:
    trouves: set[type] = set()
    for module in pkgutil.iter_modules(domaine.__path__):
        contenu = importlib.import_module(f"domaine.{module.name}")
        for valeur in vars(contenu).values():
            if (
                isinstance(valeur, type)
                and issubclass(valeur, Aggregate)
                and valeur is not Aggregate
            ):
                trouves.add(valeur)
    return trouves


def test_le_tableau_connait_chaque_agregat_du_domaine() -> None:
    assert _agregats_du_domaine() == set(AGREGATS)


def test_chaque_type_d_evenement_a_sa_ligne_et_rien_de_plus() -> None:
    enregistres = types_enregistres()
    assert len(enregistres) == len({t.TOPIC for t in enregistres})  # type: ignore[attr-defined]
    manquants = [t.TOPIC for t in enregistres if t not in TYPES]  # type: ignore[attr-defined]
    assert manquants == []
    assert set(TYPES) == set(enregistres)


def test_les_roles_sont_ceux_de_la_liste_fermee_et_les_libelles_uniques() -> None:
    assert {t.role for t in TYPES.values()} <= set(ROLES)
    libelles = [t.libelle for t in TYPES.values()]
    assert len(libelles) == len(set(libelles))
