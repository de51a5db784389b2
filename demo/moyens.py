"""Demo means and training (rule 19): in each council, over the demo's years, the État's share
of its Paris-wide budget committed in December and granted in February, the Ville's smaller
grant, spending recorded each quarter (one council spends beyond its grant), a weekly room and
a few one-off ones, an adulte-relais in some councils, trainings of the Centre de ressources
and of the Université populaire, their attendance counted a few days later (a few members
named by their pseudonymous id), and a mistaken grant cancelled and recorded again."""

import random
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from functools import partial
from typing import TYPE_CHECKING

from demo.monde import Conseil, Planifier
from domaine.comptes import Acteur
from domaine.moyens import MoyensDuConseil, id_moyens
from domaine.temps import annee_a_paris, heure_de_paris

if TYPE_CHECKING:
    from lancement.plateforme import Plateforme

PART_DE_L_ETAT = 2_500
"""20 000 € a year for the eight Paris councils (seed l.1633), entered as each one's share."""
AVEC_ADULTE_RELAIS = (13, 18, 19, 20)
DEPENSE_TROP = 19
"""The council that spends beyond what it was granted (a carry-over): allowed and shown."""
FORMATIONS = (
    ("Le contrat de ville et ses partenaires", "Centre de ressources politique de la ville"),
    ("Prendre la parole en public", "Université populaire de la citoyenneté active"),
    ("Le budget participatif", "Université populaire de la citoyenneté active"),
    ("Animer un débat citoyen", "Carrefour des associations parisiennes"),
    ("La gestion urbaine de proximité", "Centre de ressources politique de la ville"),
)
SALLES = {
    10: "Maison des associations du 10e, 206 quai de Valmy",
    11: "Maison des associations du 11e, 8 rue du Général Renault",
    13: "Centre social Toussaint-Louverture, 13e",
    14: "Maison des associations du 14e, 22 rue Deparcieux",
    17: "Maison des associations du 17e, 25 rue Lantiez",
    18: "Maison des associations du 18e, 15 passage Ramey",
    19: "Maison des associations du 19e, 20 rue Édouard Pailleron",
    20: "Maison des associations du 20e, 1-3 rue Frédérick Lemaître",
}


def planifier_moyens(
    plateforme: "Plateforme", conseil: Conseil, ville: Acteur, etat: Acteur,
    debut: datetime, fin: datetime, plus_tard: Planifier,
) -> None:  # fmt: skip
    a = conseil.arrondissement
    alea = random.Random(f"moyens:{a}")  # noqa: S311 (demo data, not a secret)
    m = plateforme.moyens

    def le(jour: date, heure: int = 10) -> datetime:
        return max(debut + timedelta(hours=1), heure_de_paris(jour, time(heure)))

    premier = debut.date() + timedelta(days=2)
    plus_tard(le(premier), lambda: m.enregistrer_salle(
        ville, a, SALLES[a], "ville", "hebdomadaire", premier, None))  # fmt: skip
    if a in AVEC_ADULTE_RELAIS:
        embauche = premier + timedelta(days=60)
        plus_tard(le(embauche), lambda: m.enregistrer_accompagnement(
            etat, a, "adulte_relais", "etat", 100, None, embauche, None))  # fmt: skip
    if a == 18:
        soutien = premier + timedelta(days=30)
        plus_tard(le(soutien), lambda: m.enregistrer_accompagnement(
            ville, a, "autre", "ville", None, 120, soutien, soutien + timedelta(days=180)))  # fmt: skip
    for annee in range(annee_a_paris(debut), annee_a_paris(fin) + 1):
        _une_annee(plateforme, conseil, ville, etat, annee, alea, le, plus_tard)


def _une_annee(
    plateforme: "Plateforme", conseil: Conseil, ville: Acteur, etat: Acteur, annee: int,
    alea: random.Random, instant: Callable[[date], datetime], plus_tard: Planifier,
) -> None:  # fmt: skip
    a = conseil.arrondissement
    m = plateforme.moyens

    def engager() -> None:
        m.enregistrer_engagement(etat, a, annee, "etat", "budget_euros", PART_DE_L_ETAT)
        m.enregistrer_engagement(etat, a, annee, "etat", "adultes_relais",
                                 1 if a in AVEC_ADULTE_RELAIS else 0)  # fmt: skip
        m.enregistrer_engagement(ville, a, annee, "ville", "formations", 3)

    plus_tard(instant(date(annee - 1, 12, 10)), engager)
    accorde_etat = PART_DE_L_ETAT if alea.random() < 0.8 else 2_000
    accorde_ville = alea.choice((500, 800, 1_000, 1_200))

    def accorder() -> None:
        if a == 11:  # a typo, cancelled and recorded again the next day
            m.enregistrer_budget(etat, a, annee, "etat", "accorde", accorde_etat * 10)
        else:
            m.enregistrer_budget(etat, a, annee, "etat", "accorde", accorde_etat)
        m.enregistrer_budget(ville, a, annee, "ville", "accorde", accorde_ville)

    def corriger() -> None:
        moyens = plateforme.registre.charger(MoyensDuConseil, id_moyens(a), "")
        for entree, e in list(moyens.entrees.items()):
            if e.champs.get("euros") == accorde_etat * 10 and e.champs.get("annee") == annee:
                m.annuler(etat, a, entree, "Erreur de saisie : un zéro de trop")
                m.enregistrer_budget(etat, a, annee, "etat", "accorde", accorde_etat)

    plus_tard(instant(date(annee, 2, 12)), accorder)
    if a == 11:
        plus_tard(instant(date(annee, 2, 13)), corriger)
    taux = alea.uniform(0.55, 0.95)
    depenses = {
        "etat": accorde_etat + 400 if a == DEPENSE_TROP else int(accorde_etat * taux),
        "ville": int(accorde_ville * taux),
    }
    for institution, depense in depenses.items():
        for trimestre, mois in enumerate((4, 7, 10)):
            part = depense // 3 + (depense % 3 if trimestre == 2 else 0)
            qui = etat if institution == "etat" else ville
            plus_tard(instant(date(annee, mois, 5)), partial(
                m.enregistrer_budget, qui, a, annee, institution, "depense", part))  # fmt: skip
    for mois in (6, 11):
        jour = date(annee, mois, 8 + a % 10)
        salle = f"Mairie du {a}e, salle des fêtes"
        plus_tard(instant(jour - timedelta(days=20)), partial(
            m.enregistrer_salle, ville, a, salle, "ville", "ponctuelle", jour, None))  # fmt: skip
    for rang in range(alea.choice((2, 3, 3))):
        theme, organisme = FORMATIONS[(annee + a + rang) % len(FORMATIONS)]
        jour = date(annee, 3 + rang * 3, 10 + a % 15)
        plus_tard(instant(jour - timedelta(days=30)), partial(
            m.proposer_formation, ville, a, theme, organisme, "ville", jour))  # fmt: skip
        plus_tard(instant(jour + timedelta(days=3)), partial(
            _participations, plateforme, conseil, ville, theme, jour, alea))  # fmt: skip


def _participations(
    plateforme: "Plateforme", conseil: Conseil, ville: Acteur, theme: str, jour: date,
    alea: random.Random,
) -> None:  # fmt: skip
    a = conseil.arrondissement
    moyens = plateforme.registre.trouver(MoyensDuConseil, id_moyens(a))
    if moyens is None:
        return
    formation = next(
        (k for k, e in moyens.entrees.items()
         if e.nature == "formation" and e.champs["theme"] == theme and e.champs["le"] == jour),
        None,
    )  # fmt: skip
    if formation is None:
        return
    habitants, acteurs = alea.randint(4, 14), alea.randint(1, 6)
    total = habitants + acteurs
    femmes = alea.randint(total // 3, total - 1)
    non_precise = 1 if total > 8 else 0
    hommes = total - femmes - non_precise
    nommes = sorted(str(p) for p in conseil.membres)[: min(3, len(conseil.membres))]
    plateforme.moyens.enregistrer_participations(
        ville, a, formation, habitants, acteurs, femmes, hommes, 0, non_precise, nommes
    )
