"""Writing in batches (the demo's `par_lots`) gives the very log and identities that one
transaction per command would."""

import random
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest

from domaine.assemblee import Adhesion, id_adhesion
from domaine.comptes import Acteur
from domaine.erreurs import DonneeInvalide, EtatIncompatible
from lancement.plateforme import Plateforme
from stockage.configuration import Configuration
from stockage.lots import RegistreParLots
from tests.conftest import DEBUT, HorlogeReglable
from tests.integration.outils import DATE_SEANCE, planifier, rejoindre


def _plateforme(chemin: Path, par_lots: bool, taille_lot: int = 4, memoire: int = 1000) -> Any:
    horloge = HorlogeReglable()
    alea = random.Random(3)

    def ids() -> UUID:
        return UUID(int=alea.getrandbits(128), version=4)

    plateforme = Plateforme(Configuration(f"sqlite:///{chemin}"), horloge, ids, par_lots=par_lots)
    if par_lots:
        plateforme.registre.taille_lot = taille_lot
        plateforme.registre.agregats_en_memoire = memoire
    plateforme.migrer()
    return plateforme, horloge


def _histoire(plateforme: Plateforme, horloge: HorlogeReglable) -> list[int]:
    """A few accounts join, one leaves, a séance is held with attendance and a decision."""
    positions = []
    animateur_id, _ = plateforme.comptes.inscrire("Anim", "anim@exemple.fr", "x" * 12, "h")
    plateforme.comptes.amorcer_role(animateur_id, "animateur", 18)
    animateur = plateforme.comptes.acteur(animateur_id)
    personnes: list[Acteur] = []
    for i in range(6):
        compte_id, _ = plateforme.comptes.inscrire(f"P {i}", f"p{i}@exemple.fr", "x" * 12, "h")
        acteur = plateforme.comptes.acteur(compte_id)
        assert acteur is not None
        personnes.append(acteur)
        horloge.avancer(hours=1)
        positions.append(rejoindre(plateforme, acteur))
    positions.append(plateforme.assemblee.quitter(personnes[0], 18, "demenagement"))
    seance_id = planifier(plateforme, animateur)
    horloge.now = DATE_SEANCE
    horloge.avancer(hours=1)
    for personne in personnes[1:]:
        positions.append(
            plateforme.seances.changer_presence(animateur, seance_id, personne.compte_id, True)
        )
    positions.append(plateforme.seances.enregistrer_decision(animateur, seance_id, "Oui", 5, 0, 0))
    return positions


def _journal(plateforme: Plateforme) -> list[tuple[Any, ...]]:
    return [
        (n.id, n.originator_id, n.originator_version, n.topic, n.state)
        for n in plateforme.registre.recorder.select_notifications(0, 10_000)
    ]


def test_le_journal_ecrit_par_lots_est_celui_d_une_transaction_par_commande(
    tmp_path: Path, hachage_rapide: None
) -> None:
    simple, horloge = _plateforme(tmp_path / "simple.sqlite3", par_lots=False)
    par_lots, horloge_lots = _plateforme(tmp_path / "lots.sqlite3", par_lots=True)

    attendues = _histoire(simple, horloge)
    annoncees = _histoire(par_lots, horloge_lots)

    assert annoncees == attendues  # the positions it announces are the ones events get
    assert par_lots.registre.en_attente > 0  # the last few are still queued...
    assert par_lots.projecteur.rattraper() == attendues[-1]  # ...the projector writes them
    assert _journal(par_lots) == _journal(simple)
    assert par_lots.identites.tous() == simple.identites.tous()
    simple.projecteur.rattraper()
    for p in (simple, par_lots):
        assert p.lecture.effectifs()[18].total == 5
        p.fermer()


def test_les_agregats_restent_en_memoire_puis_se_relisent_depuis_le_journal(
    tmp_path: Path, hachage_rapide: None
) -> None:
    plateforme, _ = _plateforme(tmp_path / "lots.sqlite3", True, taille_lot=100, memoire=1)
    registre: RegistreParLots = plateforme.registre
    compte_id, _ = plateforme.comptes.inscrire("P", "p@exemple.fr", "x" * 12, "h")
    acteur = plateforme.comptes.acteur(compte_id)
    rejoindre(plateforme, acteur)
    cle = id_adhesion(18, compte_id)
    adhesion = registre.charger(Adhesion, cle, "absente")
    assert registre.trouver(Adhesion, cle) is adhesion  # no replay: the same object
    assert registre.recorder.max_notification_id() == 8  # nothing written yet
    assert plateforme.identites._en_attente  # nor the identity

    plateforme.assemblee.quitter(acteur, 18)
    assert registre.position() == 11  # writes the queue: account, entry, exit
    assert not plateforme.identites._en_attente
    relue = registre.charger(Adhesion, cle, "absente")
    assert relue is not adhesion and not relue.membre  # memory emptied, read back
    assert relue.version == adhesion.version == 2
    plateforme.fermer()


def test_une_commande_refusee_n_ecrit_rien(tmp_path: Path, hachage_rapide: None) -> None:
    plateforme, _ = _plateforme(tmp_path / "lots.sqlite3", par_lots=True)
    compte_id, _ = plateforme.comptes.inscrire("P", "p@exemple.fr", "x" * 12, "h")
    acteur = plateforme.comptes.acteur(compte_id)
    rejoindre(plateforme, acteur)
    with pytest.raises(EtatIncompatible):
        rejoindre(plateforme, acteur)
    assert plateforme.registre.position() == 10  # the eight councils, the account, the entry
    plateforme.fermer()


def test_une_identite_en_attente_se_lit_et_une_adresse_deja_prise_est_refusee(
    tmp_path: Path, hachage_rapide: None
) -> None:
    plateforme, _ = _plateforme(tmp_path / "lots.sqlite3", par_lots=True)
    compte_id, _ = plateforme.comptes.inscrire("Awa", "awa@exemple.fr", "x" * 12, "h")
    assert plateforme.identites.par_email("AWA@exemple.fr") == compte_id  # read: written first
    with pytest.raises(DonneeInvalide):
        plateforme.identites.creer(compte_id, "Autre", "awa@exemple.fr", "x" * 12, DEBUT, "h")
        plateforme.registre.vider()  # already in the table: refused when written
    plateforme.identites.creer(UUID(int=1), "Bo", "bo@exemple.fr", "x" * 12, DEBUT, "h")
    with pytest.raises(DonneeInvalide):  # already queued: refused at once
        plateforme.identites.creer(UUID(int=2), "Bo", "bo@exemple.fr", "x" * 12, DEBUT, "h")
    plateforme.fermer()


def test_les_lots_vont_dans_le_journal_que_le_site_lit(
    configuration: Configuration, hachage_rapide: None
) -> None:
    """On PostgreSQL the application's name is its table's: batches must land in the very log
    the site reads, and its hash chain must verify."""
    lots = Plateforme(configuration, HorlogeReglable(), par_lots=True)
    try:
        lots.migrer()
        lots.comptes.inscrire("Par Lots", "lots@exemple.fr", "x" * 12)
        ecrite = lots.registre.position()
    finally:
        lots.fermer()
    site = Plateforme(configuration, HorlogeReglable())
    try:
        assert site.registre.position() == ecrite == 9  # 8 councils, 1 account
        assert site.chaine.verifier().intact
    finally:
        site.fermer()
