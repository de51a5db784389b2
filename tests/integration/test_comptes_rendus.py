"""Minutes through the use cases: approval saves two séances in one transaction, the read models
follow (versions, votes, minutes awaiting a vote), and time travel and the projections check
see the new events."""

from datetime import timedelta
from typing import Any
from uuid import UUID

import pytest

from domaine.comptes import Acteur
from domaine.erreurs import ChampInvalide, ConflitDeModification
from domaine.seances import Seance
from domaine.temps import en_utc
from lancement.plateforme import Plateforme
from participation.historique import ServiceHistorique
from projections.verification import verifier
from tests.integration.outils import DATE_SEANCE, planifier, rejoindre, rien_n_est_enregistre

pytestmark = pytest.mark.calendrier

AVRIL = DATE_SEANCE + timedelta(days=28)


def deux_seances(plateforme: Plateforme, horloge: Any, animateur: Acteur) -> tuple[UUID, UUID]:
    """March, its minutes written two days later; April, held: ready to vote."""
    mars = planifier(plateforme, animateur)
    avril = planifier(plateforme, animateur, date=AVRIL, lieu="Maison des associations")
    horloge.now = DATE_SEANCE + timedelta(days=2)
    plateforme.seances.rediger_compte_rendu(animateur, mars, None, "Vingt personnes présentes.")
    horloge.now = AVRIL + timedelta(hours=1)
    return mars, avril


def test_la_seance_suivante_approuve_le_compte_rendu_et_les_deux_sont_lus(
    plateforme: Plateforme, horloge: Any, animateur_18: Acteur, creer_compte: Any
) -> None:
    habitante, actrice = creer_compte(), creer_compte()
    rejoindre(plateforme, habitante)
    rejoindre(
        plateforme,
        actrice,
        college="acteur_local",
        structure_nom="Régie de quartier",
        structure_type="association",
    )
    mars, avril = deux_seances(plateforme, horloge, animateur_18)
    horloge.now = DATE_SEANCE + timedelta(hours=1)
    for qui in (habitante, actrice):
        plateforme.seances.changer_presence(animateur_18, mars, qui.compte_id, True)
    horloge.now = AVRIL + timedelta(hours=1)
    plateforme.projecteur.rattraper()
    lecture = plateforme.lecture_comptes_rendus
    (attente,) = lecture.en_attente(18, AVRIL)
    assert (attente.seance_id, attente.version, attente.correction) == (str(mars), 1, False)

    position = plateforme.seances.voter_compte_rendu(animateur_18, avril, mars, 1, 14, 1, 2)
    plateforme.projecteur.attendre(position)

    cr = lecture.compte_rendu(mars)
    assert cr.approuvee is not None and cr.approuvee.texte == "Vingt personnes présentes."
    assert cr.projet is None
    approbation = cr.approbation
    assert approbation is not None
    assert (approbation.par_seance_id, approbation.decision) == (str(avril), 1)
    assert en_utc(approbation.par_seance_date) == AVRIL
    (decision,) = plateforme.lecture.decisions_de_seance(avril)
    assert decision.texte == "Approbation du compte rendu de la séance du 10/03/2026 (version 1)"
    assert decision.adoptee
    vote = lecture.votes_de_la_seance(avril)[1]
    assert (vote.seance_id, vote.version, en_utc(vote.par_seance_date)) == (
        str(mars),
        1,
        DATE_SEANCE,
    )
    assert lecture.en_attente(18, AVRIL) == []
    assert lecture.versions_approuvees([str(mars), str(avril)]) == {str(mars): 1}
    assert lecture.presents_par_college(18, mars) == {"habitant": 1, "acteur_local": 1}

    # A correction: the approved text stays, the new version awaits its vote.
    plateforme.seances.rediger_compte_rendu(animateur_18, mars, None, "Vingt-deux personnes.")
    plateforme.projecteur.rattraper()
    cr = lecture.compte_rendu(mars)
    assert cr.approuvee is not None and cr.approuvee.numero == 1
    assert cr.projet is not None and (cr.projet.numero, cr.projet.texte) == (
        2,
        "Vingt-deux personnes.",
    )
    (attente,) = lecture.en_attente(18, AVRIL)
    assert (attente.version, attente.correction) == (2, True)
    assert verifier(plateforme.registre, plateforme.moteur) == []


def test_les_deux_seances_sont_enregistrees_ensemble_ou_pas_du_tout(
    plateforme: Plateforme, horloge: Any, animateur_18: Acteur, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Someone rewrites March's minutes between the loading of March and the save: the save
    conflicts on March, and April gets no decision either."""
    mars, avril = deux_seances(plateforme, horloge, animateur_18)
    trouver = plateforme.registre.trouver

    def trouver_puis_modifier(classe: Any, agregat_id: UUID) -> Any:
        charge = trouver(classe, agregat_id)
        if agregat_id == mars:
            plateforme.seances.rediger_compte_rendu(
                animateur_18, mars, None, "Réécrit entre-temps."
            )
        return charge

    monkeypatch.setattr(plateforme.registre, "trouver", trouver_puis_modifier)
    avant = plateforme.registre.position() + 1  # the rewrite, recorded meanwhile
    with pytest.raises(ConflitDeModification):
        plateforme.seances.voter_compte_rendu(animateur_18, avril, mars, 1, 14, 1, 2)
    assert plateforme.registre.position() == avant
    monkeypatch.undo()
    assert plateforme.registre.charger(Seance, avril, "").decisions == []
    assert plateforme.registre.charger(Seance, mars, "").approbations == []


def test_un_vote_refuse_n_enregistre_rien(
    plateforme: Plateforme, horloge: Any, animateur_18: Acteur
) -> None:
    mars, avril = deux_seances(plateforme, horloge, animateur_18)
    with rien_n_est_enregistre(plateforme):
        with pytest.raises(ChampInvalide, match="antérieure"):
            plateforme.seances.voter_compte_rendu(animateur_18, mars, avril, 1, 3, 0, 0)
        with pytest.raises(ChampInvalide, match="Choisissez"):
            plateforme.seances.voter_compte_rendu(animateur_18, avril, None, 1, 3, 0, 0)
        with pytest.raises(ChampInvalide, match="n'existe pas"):
            plateforme.seances.voter_compte_rendu(animateur_18, avril, UUID(int=7), 1, 3, 0, 0)


def test_le_voyage_dans_le_temps_voit_l_approbation_a_sa_date(
    plateforme: Plateforme, horloge: Any, animateur_18: Acteur
) -> None:
    mars, avril = deux_seances(plateforme, horloge, animateur_18)
    plateforme.seances.voter_compte_rendu(animateur_18, avril, mars, 1, 9, 0, 0)
    approuve_le = horloge.now
    horloge.avancer(days=1)
    plateforme.seances.rediger_compte_rendu(animateur_18, mars, None, "Correction.")
    plateforme.projecteur.rattraper()
    service = ServiceHistorique(plateforme.registre, plateforme.moteur, evenements_par_point=2)
    service.preparer_points()

    def version_approuvee(au: Any) -> int:
        etat = service.etat_au(18, au)
        assert etat == service.etat_au_par_rejeu_complet(18, au)
        return next(s.version_approuvee for s in etat.seances if s.seance_id == mars)

    assert version_approuvee(approuve_le - timedelta(seconds=1)) == 0
    assert version_approuvee(approuve_le) == 1
    assert version_approuvee(horloge.now) == 1  # the correction is not approved
