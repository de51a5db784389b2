"""The pool (vivier) of a tirage of the groupe moteur: the site volunteers not seated yet, plus a
list imported as POOL.csv. Contact columns of that list go to the erasable store, never to the
announcement or the log."""

from collections.abc import Collection

from domaine.erreurs import ChampInvalide
from domaine.tirages import valeurs_du_tirage
from domaine.traduction import N_
from domaine.vocabulaire import Genre
from tirage.erreurs import ErreurTirage
from tirage.vivier import Candidat, lire_vivier

VIVIER_VIDE = N_("Le vivier est vide : aucun·e volontaire retenu·e et aucune liste importée.")
COLONNES_DE_CONTACT = ("nom", "prenom", "email", "courriel", "telephone", "adresse")
"""Columns of an imported list that hold contact details: kept out of the record."""

GENRE_VERS_TIRAGE = {Genre.NON_PRECISE.value: "nsp"}
GENRE_DEPUIS_TIRAGE = {"nsp": Genre.NON_PRECISE.value}


def candidat_volontaire(personne_id: str, college: str, genre: str, quartier: str) -> Candidat:
    """A member of the open assembly who volunteered on the site, as a lottery candidate."""
    return Candidat(
        personne_id,
        college,
        GENRE_VERS_TIRAGE.get(genre, genre),
        quartier,
        "oui",
        (("source", "volontariat"),),
    )


def constituer_vivier(
    membres: Collection[str], volontaires: list[Candidat], liste_csv: str
) -> list[Candidat]:
    """The volunteers who are not `membres` of the groupe moteur yet, plus the imported list,
    whose people must not be seated already nor appear twice."""
    vivier = [c for c in volontaires if c.id not in membres]
    if liste_csv.strip():
        try:
            importes = lire_vivier(liste_csv)
        except ErreurTirage as erreur:
            raise ChampInvalide("liste_csv", erreur.gabarit, **valeurs_du_tirage(erreur)) from None
        assis = [c.id for c in importes if c.id in membres]
        if assis:
            raise ChampInvalide(
                "liste_csv",
                "« %(membre)s » siège déjà au groupe moteur : retirez-le de la liste.",
                membre=assis[0],
            )
        deja = {c.id for c in vivier}
        doublons = [c.id for c in importes if c.id in deja]
        if doublons:
            raise ChampInvalide(
                "liste_csv",
                "Identifiant en double dans le vivier : %(membre)s.",
                membre=doublons[0],
            )
        vivier += importes
    return vivier


def coordonnees(vivier: list[Candidat]) -> dict[str, dict[str, str]]:
    """The contact details the imported people came with, by id (for the erasable store)."""
    return {
        c.id: {k: v for k, v in c.autres if k in COLONNES_DE_CONTACT and v}
        for c in vivier
        if any(k in COLONNES_DE_CONTACT and v for k, v in c.autres)
    }
