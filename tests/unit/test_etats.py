"""The codec of aggregate states (`participation.etats`): what goes in comes back, attribute by
attribute and type by type, and a stored state can name no class but the domain's own."""

import dataclasses
import json
import zlib
from datetime import date, datetime, timedelta, timezone
from enum import Enum
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from eventsourcing.domain import Aggregate

from domaine.assemblee import Adhesion, profil
from domaine.conseils import ConseilCitoyen
from domaine.groupe_moteur import GroupeMoteur, Objectifs
from domaine.seances import Seance
from domaine.vocabulaire import RegleMajorite, Role
from participation.etats import EtatIllisible, decoder, encoder
from tests.unit.scenario import MAINTENANT, plus_tard

ANIMATRICE = UUID("00000000-0000-4000-8000-0000000000b1")
PARIS_ETE = timezone(timedelta(hours=2))


def forme(v: Any) -> Any:
    """Everything that makes a value what it is, time zones included (`==` ignores them)."""
    if isinstance(v, Aggregate):  # (the order of its attributes is no part of its state)
        return (type(v), sorted((nom, forme(x)) for nom, x in vars(v).items()))
    if isinstance(v, datetime):
        return (datetime, v.isoformat(), repr(v.tzinfo))
    if isinstance(v, Enum):
        return (type(v), v.value)
    if dataclasses.is_dataclass(v) and not isinstance(v, type):
        return (type(v), tuple(forme(getattr(v, f.name)) for f in dataclasses.fields(v)))
    if isinstance(v, dict):
        return (type(v), [(forme(k), forme(x)) for k, x in v.items()])
    if isinstance(v, (set, frozenset)):
        return (type(v), sorted(repr(forme(x)) for x in v))
    if isinstance(v, (list, tuple)):
        return (type(v), [forme(x) for x in v])
    return (type(v), v)


def membre(numero: int, le: datetime, arrondissement: int = 18) -> Adhesion:
    p = profil(arrondissement, "habitant", "femme", "25_39", "hors_qpv", le.date())
    personne = UUID(int=numero, version=4)
    return Adhesion.rejoindre_une_premiere_fois(arrondissement, personne, p, True, le)


def agregats() -> list[Any]:
    """One aggregate of each kind, with every sort of attribute filled in."""
    alice, bilal = membre(1, MAINTENANT), membre(2, MAINTENANT.astimezone(PARIS_ETE))
    alice.declarer_volontariat(True, plus_tard(days=1))
    alice.quitter("demenagement", plus_tard(days=2))
    acteur = profil(
        18, "acteur_local", "homme", "40_59", "hors_qpv", MAINTENANT.date(), "École", "ecole"
    )
    alice.revenir(acteur, True, plus_tard(days=3))

    seance = Seance.planifier(18, plus_tard(days=5), "Salle", "Odj", ANIMATRICE, MAINTENANT)
    tenue = plus_tard(days=6)
    seance.marquer_present(bilal, ANIMATRICE, tenue)
    seance.marquer_present(alice, ANIMATRICE, tenue)
    seance.compter_anonymes(3, ANIMATRICE, tenue)
    pendant = plus_tard(days=5, hours=2)  # minutes written during the séance, voted at its end
    seance.rediger_compte_rendu("Compte rendu\n« accentué »", ANIMATRICE, pendant)
    seance.enregistrer_decision("Avis", 2, 1, 0, RegleMajorite.DEUX_TIERS, ANIMATRICE, tenue)
    # Minutes approved by the séance itself, then a correction awaiting its vote.
    seance.voter_compte_rendu(seance, 1, 4, 0, 1, RegleMajorite.SIMPLE, ANIMATRICE, tenue)
    seance.rediger_compte_rendu("Compte rendu corrigé", ANIMATRICE, plus_tard(days=7))
    annulee = Seance.planifier(18, plus_tard(days=9), "Salle B", "Odj", ANIMATRICE, MAINTENANT)
    annulee.annuler("Grève", ANIMATRICE, plus_tard(days=1))

    conseil = ConseilCitoyen.instituer(18, MAINTENANT)
    conseil.fixer_regle_majorite("absolue", ANIMATRICE, plus_tard(days=1))
    conseil.deposer_reglement("Article 1.", ANIMATRICE, plus_tard(days=1))
    conseil.statuer_conformite(1, "conforme", Role.AGENT_ETAT, "", ANIMATRICE, plus_tard(days=2))
    conseil.designer_structure_porteuse(
        "Centre social", "association_existante", date(2026, 4, 1), ANIMATRICE, plus_tard(days=2)
    )
    conseil.enregistrer_bilan_annuel(2026, "ville", date(2026, 3, 3), ANIMATRICE, plus_tard(days=2))
    conseil.enregistrer_copil(
        "copil_arrondissement", date(2026, 3, 3), 2, ANIMATRICE, plus_tard(days=2)
    )

    groupe = GroupeMoteur.constituer(18, Objectifs(taille=20), ANIMATRICE, MAINTENANT)
    groupe.faire_entrer("m1", "habitant", "femme", "hors_qpv", "consensus", ANIMATRICE, MAINTENANT)
    groupe.faire_entrer("m2", "acteur_local", "homme", "hors_qpv", "tirage", ANIMATRICE, MAINTENANT)
    groupe.reserver("tirage-1", 3, plus_tard(days=1))
    tous = [alice, bilal, seance, annulee, conseil, groupe]
    for agregat in tous:
        agregat.collect_events()
    return tous


def test_chaque_agregat_revient_tel_quel_dans_le_meme_ordre() -> None:
    avant = agregats()

    apres = decoder(encoder(avant))

    assert list(apres) == [a.id for a in avant]
    assert [forme(a) for a in apres.values()] == [forme(a) for a in avant]
    assert apres[avant[1].id].created_on.utcoffset() == timedelta(hours=2)
    seance = apres[avant[2].id]
    assert seance.presents == {avant[0].personne_id, avant[1].personne_id}
    assert seance.collect_events() == []
    assert seance.version_approuvee == 1
    assert [v.numero for v in seance.comptes_rendus] == [1, 2]
    assert seance.votes_de_comptes_rendus[0].seance_id == seance.id


def test_un_agregat_restaure_continue_son_histoire() -> None:
    (alice, *_) = agregats()
    restauree = decoder(encoder([alice]))[alice.id]

    restauree.quitter("", plus_tard(days=4))
    alice.quitter("", plus_tard(days=4))

    assert [type(e) for e in restauree.collect_events()] == [Adhesion.Sortie]
    alice.collect_events()
    assert forme(restauree) == forme(alice)


def test_les_conteneurs_de_deux_agregats_restaures_ne_sont_pas_partages() -> None:
    seance = agregats()[2]
    etat = encoder([seance])
    une, autre = decoder(etat)[seance.id], decoder(etat)[seance.id]

    une.presents.clear()

    assert autre.presents == seance.presents


def test_encoder_refuse_ce_qu_il_ne_saurait_relire() -> None:
    (alice, *_) = agregats()
    alice.quitter("", plus_tard(days=4))
    with pytest.raises(ValueError, match="pending events"):
        encoder([alice])
    alice.collect_events()
    alice.chemin = Path("/tmp")
    with pytest.raises(TypeError, match="no encoding"):
        encoder([alice])
    with pytest.raises(TypeError, match="not an aggregate"):
        encoder([object()])


def contenu(document: Any) -> bytes:
    return zlib.compress(b"\0\0\0\0" + json.dumps(document).encode())


def groupe(nom: str, *colonnes: Any) -> Any:
    return [[0], [{"g": [nom, 1, [f"a{i}" for i in range(len(colonnes))], list(colonnes)]}]]


ADHESION = "domaine.assemblee:Adhesion"


@pytest.mark.parametrize(
    "document",
    [
        groupe("os:system"),
        groupe("builtins:eval"),
        groupe("domaine.assemblee:profil"),  # a function of the domain
        groupe("domaine.erreurs:ChampInvalide"),  # a class, but no state of the domain
        groupe("domaine.seances:Decision"),  # a dataclass is not an aggregate
        groupe("domaine.inconnu:Agregat"),  # nothing is imported
        groupe("domaine.assemblee:Adhesion.__init__"),
        groupe(ADHESION, {"e": ["subprocess:Popen", ["ls"]]}),
        groupe(ADHESION, {"c": ["domaine.vocabulaire:College", []]}),  # an enum, not a dataclass
        groupe(ADHESION, {"V": [{"e": ["domaine.vocabulaire:College", "inconnu"]}]}),
        groupe(ADHESION, {"V": [{"zz": 1}]}),  # an unknown tag
        groupe(ADHESION, {"V": [{"u": 0, "dt": "x"}]}),  # two tags
        groupe(ADHESION, {"U": [3]}),  # no such UUID in the table
        groupe(ADHESION, [1, 2]),  # a column longer than the group
        [[0, 0], []],  # an order naming no group
        {"pas": "une liste"},
    ],
)
def test_un_etat_forge_ne_nomme_que_des_classes_du_domaine(document: Any) -> None:
    with pytest.raises(EtatIllisible):
        decoder(contenu(document))


@pytest.mark.parametrize("octets", [b"", b"pas du zlib", zlib.compress(b"\0\0\0\x09" + b"x" * 20)])
def test_un_etat_tronque_ou_illisible_est_refuse(octets: bytes) -> None:
    with pytest.raises(EtatIllisible):
        decoder(octets)
