"""A council's majority rule and its règlement intérieur (rule 8)."""

from datetime import date, timedelta
from typing import Any
from uuid import UUID

import pytest

from domaine.conseils import ConseilCitoyen, id_conseil
from domaine.erreurs import ChampInvalide, DonneeInvalide, EtatIncompatible
from domaine.quartiers import ARRONDISSEMENTS_FONDATEURS
from domaine.vocabulaire import RegleMajorite, Role, StatutConformite
from tests.unit.scenario import MAINTENANT, alors, aucun_evenement, etant_donne, plus_tard, refuse

ANIMATRICE = UUID("00000000-0000-4000-8000-0000000000b1")
AGENT = UUID("00000000-0000-4000-8000-0000000000d1")
TEXTE_V1 = "Article 1. L'assemblée se réunit une fois par mois."
TEXTE_V2 = "Article 1. L'assemblée se réunit deux fois par mois."


def institue(arrondissement: int = 18) -> Any:
    return ConseilCitoyen.Institue(
        originator_id=id_conseil(arrondissement),
        originator_version=1,
        timestamp=MAINTENANT,
        originator_topic=ConseilCitoyen.TOPIC,
        arrondissement=arrondissement,
    )


def depose(version: int, numero: int, texte: str) -> Any:
    return ConseilCitoyen.ReglementDepose(
        originator_id=id_conseil(18),
        originator_version=version,
        timestamp=plus_tard(days=version),
        numero=numero,
        texte=texte,
        par=ANIMATRICE,
    )


def statue(version: int, numero: int, statut: str = "conforme", motif: str = "") -> Any:
    return ConseilCitoyen.ConformiteStatuee(
        originator_id=id_conseil(18),
        originator_version=version,
        timestamp=plus_tard(days=version),
        numero=numero,
        statut=statut,
        role="agent_etat",
        motif=motif,
        par=AGENT,
    )


def test_chaque_arrondissement_a_un_seul_conseil_d_identifiant_stable() -> None:
    ids = {id_conseil(a) for a in ARRONDISSEMENTS_FONDATEURS}
    assert len(ids) == len(ARRONDISSEMENTS_FONDATEURS) == 8
    assert id_conseil(18) == id_conseil(18)


def test_un_conseil_est_institue_avec_la_majorite_simple_et_sans_reglement() -> None:
    conseil = ConseilCitoyen.instituer(18, MAINTENANT)

    (evenement,) = alors(conseil, ConseilCitoyen.Institue)
    assert evenement.arrondissement == 18
    assert evenement.originator_id == id_conseil(18)
    assert conseil.regle_majorite == RegleMajorite.SIMPLE
    assert conseil.reglement_en_vigueur is None


def test_on_n_institue_pas_de_conseil_hors_des_arrondissements_de_la_politique_de_la_ville() -> (
    None
):
    refuse(
        None,
        lambda: ConseilCitoyen.instituer(5, MAINTENANT),
        DonneeInvalide,
        "Le 5e arrondissement n'a aucun quartier prioritaire",
    )
    refuse(None, lambda: ConseilCitoyen.instituer(21, MAINTENANT), DonneeInvalide, "pas de 21e")


# --- majority rule ---------------------------------------------------------------------------


def test_le_conseil_change_sa_regle_de_majorite() -> None:
    conseil = etant_donne(institue())

    conseil.fixer_regle_majorite("deux_tiers", ANIMATRICE, plus_tard(days=1))

    (evenement,) = alors(conseil, ConseilCitoyen.RegleMajoriteFixee)
    assert evenement.regle == "deux_tiers"
    assert conseil.regle_majorite == RegleMajorite.DEUX_TIERS


def test_fixer_la_regle_deja_en_vigueur_n_enregistre_rien() -> None:
    conseil = etant_donne(institue())

    conseil.fixer_regle_majorite("simple", ANIMATRICE, plus_tard(days=1))

    aucun_evenement(conseil)


def test_une_regle_de_majorite_inconnue_est_refusee() -> None:
    conseil = etant_donne(institue())

    refuse(
        conseil,
        lambda: conseil.fixer_regle_majorite("unanimite", ANIMATRICE, plus_tard(days=1)),
        DonneeInvalide,
        "Règle de majorité inconnue.*unanimite",
    )


# --- règlement intérieur ---------------------------------------------------------------------


def test_un_premier_reglement_est_depose_en_attente_d_examen() -> None:
    conseil = etant_donne(institue())

    numero = conseil.deposer_reglement(f"  {TEXTE_V1}\n", ANIMATRICE, plus_tard(days=1))

    (evenement,) = alors(conseil, ConseilCitoyen.ReglementDepose)
    assert numero == evenement.numero == 1
    assert evenement.texte == TEXTE_V1
    version = conseil.reglement_en_vigueur
    assert version is not None
    assert (version.numero, version.statut) == (1, StatutConformite.EN_ATTENTE)


def test_une_nouvelle_version_du_reglement_porte_le_numero_suivant() -> None:
    conseil = etant_donne(institue(), depose(2, 1, TEXTE_V1), statue(3, 1))

    numero = conseil.deposer_reglement(TEXTE_V2, ANIMATRICE, plus_tard(days=5))

    (evenement,) = alors(conseil, ConseilCitoyen.ReglementDepose)
    assert numero == evenement.numero == 2
    assert [v.numero for v in conseil.reglements] == [1, 2]
    assert conseil.reglements[0].statut == StatutConformite.CONFORME
    assert conseil.reglement_en_vigueur.statut == StatutConformite.EN_ATTENTE


def test_deposer_un_texte_identique_a_la_version_en_vigueur_est_refuse() -> None:
    conseil = etant_donne(institue(), depose(2, 1, TEXTE_V1))

    refuse(
        conseil,
        lambda: conseil.deposer_reglement(f" {TEXTE_V1} ", ANIMATRICE, plus_tard(days=5)),
        EtatIncompatible,
        "identique",
    )


def test_un_reglement_vide_est_refuse() -> None:
    conseil = etant_donne(institue())

    refuse(
        conseil,
        lambda: conseil.deposer_reglement("  ", ANIMATRICE, plus_tard(days=1)),
        DonneeInvalide,
        "règlement intérieur.*obligatoire",
    )


@pytest.mark.parametrize("role", [Role.AGENT_VILLE, Role.AGENT_ETAT])
def test_un_agent_de_la_ville_ou_de_l_etat_declare_le_reglement_conforme(role: Role) -> None:
    conseil = etant_donne(institue(), depose(2, 1, TEXTE_V1))

    conseil.statuer_conformite(1, "conforme", role, "", AGENT, plus_tard(days=5))

    (evenement,) = alors(conseil, ConseilCitoyen.ConformiteStatuee)
    assert (evenement.numero, evenement.statut, evenement.role) == (1, "conforme", role.value)
    assert evenement.motif == ""
    version = conseil.reglement_en_vigueur
    assert version.statut == StatutConformite.CONFORME
    assert version.statue_par_role == role.value


def test_un_reglement_non_conforme_exige_un_motif() -> None:
    conseil = etant_donne(institue(), depose(2, 1, TEXTE_V1))

    refuse(
        conseil,
        lambda: conseil.statuer_conformite(
            1, "non_conforme", Role.AGENT_ETAT, "   ", AGENT, plus_tard(days=5)
        ),
        DonneeInvalide,
        "motif.*obligatoire",
    )
    conseil.statuer_conformite(
        1,
        "non_conforme",
        Role.AGENT_ETAT,
        "L'article 3 exclut les mineurs.",
        AGENT,
        plus_tard(days=5),
    )
    (evenement,) = alors(conseil, ConseilCitoyen.ConformiteStatuee)
    assert evenement.motif == "L'article 3 exclut les mineurs."
    assert conseil.reglement_en_vigueur.statut == StatutConformite.NON_CONFORME


def test_un_statut_de_conformite_inconnu_est_refuse() -> None:
    conseil = etant_donne(institue(), depose(2, 1, TEXTE_V1))

    refuse(
        conseil,
        lambda: conseil.statuer_conformite(
            1, "valide", Role.AGENT_VILLE, "", AGENT, plus_tard(days=5)
        ),
        DonneeInvalide,
        "Statut de conformité inconnu",
    )


@pytest.mark.parametrize("numero", [0, 2, -1])
def test_on_ne_statue_pas_sur_une_version_qui_n_existe_pas(numero: int) -> None:
    conseil = etant_donne(institue(), depose(2, 1, TEXTE_V1))

    refuse(
        conseil,
        lambda: conseil.statuer_conformite(
            numero, "conforme", Role.AGENT_VILLE, "", AGENT, plus_tard(days=5)
        ),
        DonneeInvalide,
        f"pas de version {numero}",
    )


def test_on_ne_statue_que_sur_la_derniere_version() -> None:
    conseil = etant_donne(institue(), depose(2, 1, TEXTE_V1), depose(3, 2, TEXTE_V2))

    refuse(
        conseil,
        lambda: conseil.statuer_conformite(
            1, "conforme", Role.AGENT_VILLE, "", AGENT, plus_tard(days=5)
        ),
        EtatIncompatible,
        "plus récente",
    )
    conseil.statuer_conformite(2, "conforme", Role.AGENT_VILLE, "", AGENT, plus_tard(days=5))
    alors(conseil, ConseilCitoyen.ConformiteStatuee)
    assert conseil.reglements[0].statut == StatutConformite.EN_ATTENTE
    assert conseil.reglements[1].statut == StatutConformite.CONFORME


def test_on_ne_statue_pas_sans_reglement_depose() -> None:
    conseil = etant_donne(institue())

    refuse(
        conseil,
        lambda: conseil.statuer_conformite(
            1, "conforme", Role.AGENT_ETAT, "", AGENT, plus_tard(days=5)
        ),
        DonneeInvalide,
        "pas de version 1",
    )


# --- duties recorded for the annual report (rules 16 and 17) ----------------------------------

AGENT = UUID("00000000-0000-4000-8000-0000000000d1")


def test_le_bilan_annuel_de_chaque_institution_s_enregistre_une_fois() -> None:
    from datetime import date

    conseil = etant_donne(institue())
    conseil.enregistrer_bilan_annuel(2026, "ville", date(2026, 3, 1), AGENT, plus_tard(days=1))
    alors(conseil, ConseilCitoyen.BilanAnnuelPresente)
    conseil.enregistrer_bilan_annuel(2026, "etat", date(2026, 3, 1), AGENT, plus_tard(days=1))
    alors(conseil, ConseilCitoyen.BilanAnnuelPresente)
    refuse(
        conseil,
        lambda: conseil.enregistrer_bilan_annuel(
            2026, "ville", date(2026, 3, 2), AGENT, plus_tard(days=2)
        ),
        EtatIncompatible,
        "déjà enregistré",
    )


@pytest.mark.parametrize(
    ("annee", "institution", "jour", "motif"),
    [
        (2026, "mairie", (2026, 3, 1), "Ville ou par l'État"),
        (2026, "ville", (2026, 3, 9), "futur"),
        (2027, "ville", (2026, 3, 1), "Année du bilan invalide"),
        (2013, "ville", (2026, 3, 1), "Année du bilan invalide"),
    ],
)
def test_un_bilan_invalide_est_refuse(
    annee: int, institution: str, jour: tuple[int, int, int], motif: str
) -> None:
    from datetime import date

    conseil = etant_donne(institue())
    refuse(
        conseil,
        lambda: conseil.enregistrer_bilan_annuel(
            annee, institution, date(*jour), AGENT, plus_tard(days=1)
        ),
        DonneeInvalide,
        motif,
    )


def test_la_representation_a_un_comite_de_pilotage_s_enregistre_une_fois() -> None:
    from datetime import date

    conseil = etant_donne(institue())
    conseil.enregistrer_copil("copil_parisien", date(2026, 2, 20), 3, AGENT, MAINTENANT)
    alors(conseil, ConseilCitoyen.RepresentationCopil)
    for comite, jour, nombre, erreur, motif in [
        ("copil_parisien", date(2026, 2, 20), 2, EtatIncompatible, "déjà enregistré"),
        ("copil_national", date(2026, 2, 21), 2, DonneeInvalide, "inconnu"),
        ("copil_parisien", date(2026, 4, 1), 2, DonneeInvalide, "futur"),
        ("copil_parisien", date(2026, 2, 22), -1, DonneeInvalide, "de 0 à 50"),
    ]:
        refuse(
            conseil,
            lambda c=comite, j=jour, n=nombre: conseil.enregistrer_copil(
                c, j, n, AGENT, MAINTENANT
            ),
            erreur,
            motif,
        )


# --- each refusal names the form field it is about -----------------------------------------


@pytest.mark.parametrize(
    ("commande", "champ"),
    [
        (lambda c: c.fixer_regle_majorite("", ANIMATRICE, MAINTENANT), "regle"),
        (lambda c: c.fixer_regle_majorite("unanimite", ANIMATRICE, MAINTENANT), "regle"),
        (lambda c: c.deposer_reglement("   ", ANIMATRICE, MAINTENANT), "texte"),
        (
            lambda c: c.designer_structure_porteuse(
                "", "association_ad_hoc", MAINTENANT.date(), AGENT, MAINTENANT
            ),
            "nom",
        ),
        (
            lambda c: c.designer_structure_porteuse(
                "Asso", "", MAINTENANT.date(), AGENT, MAINTENANT
            ),
            "forme",
        ),
        (
            lambda c: c.designer_structure_porteuse(
                "Asso", "collectif_informel", date(2010, 1, 1), AGENT, MAINTENANT
            ),
            "depuis",
        ),
        (
            lambda c: c.enregistrer_bilan_annuel(
                2026, "ville", MAINTENANT.date() + timedelta(days=1), AGENT, MAINTENANT
            ),
            "presente_le",
        ),
        (
            lambda c: c.enregistrer_bilan_annuel(
                2013, "ville", MAINTENANT.date(), AGENT, MAINTENANT
            ),
            "annee",
        ),
        (lambda c: c.enregistrer_copil("", MAINTENANT.date(), 1, AGENT, MAINTENANT), "comite"),
        (
            lambda c: c.enregistrer_copil(
                "copil_parisien", MAINTENANT.date() + timedelta(days=1), 1, AGENT, MAINTENANT
            ),
            "tenu_le",
        ),
        (
            lambda c: c.enregistrer_copil("copil_parisien", date(2010, 1, 1), 1, AGENT, MAINTENANT),
            "tenu_le",
        ),
        (
            lambda c: c.enregistrer_copil(
                "copil_parisien", MAINTENANT.date(), 51, AGENT, MAINTENANT
            ),
            "representants",
        ),
    ],
)
def test_un_refus_nomme_le_champ_du_formulaire(commande: Any, champ: str) -> None:
    conseil = etant_donne(institue())

    erreur = refuse(conseil, lambda: commande(conseil), ChampInvalide, r"\w")

    assert erreur.champ == champ


def test_statuer_sans_choisir_de_statut_est_refuse_a_cote_du_choix() -> None:
    conseil = etant_donne(institue(), depose(2, 1, TEXTE_V1))

    erreur = refuse(
        conseil,
        lambda: conseil.statuer_conformite(1, "", Role.AGENT_VILLE, "", AGENT, MAINTENANT),
        ChampInvalide,
        "Choisissez",
    )
    assert erreur.champ == "statut"
    motif = refuse(
        conseil,
        lambda: conseil.statuer_conformite(
            1, "non_conforme", Role.AGENT_VILLE, " ", AGENT, MAINTENANT
        ),
        ChampInvalide,
        "motif",
    )
    assert motif.champ == "motif"
