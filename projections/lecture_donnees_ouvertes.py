"""Queries of the open data (`participation.donnees_ouvertes`): a council's public records of one
year, from the same read models as its public pages, never a column about a person (no
author, no videoconference link, no name). Each record belongs to the year of its own date
(a séance's, a decision's, an avis's creation, an answer's, a proposal's filing, a tirage's
announcement), in Paris time."""

from datetime import datetime
from typing import Any

from sqlalchemy import Column, Engine, func, select

from domaine.temps import annee_a_paris, en_utc
from projections.tables import (
    avis,
    avis_reponses,
    decisions,
    faits,
    propositions_bp,
    seances,
    tirages,
)
from rapports.calcul import bornes

# The public columns of each read model, in the order the files give them.
COLONNES_SEANCES = (
    "seance_id",
    "date",
    "statut",
    "modalite",
    "lieu",
    "quartier",
    "theme",
    "ordre_du_jour",
    "accessibilite",
    "motif_annulation",
    "presents",
    "anonymes",
    "apres_coup_le",
)
COLONNES_DECISIONS = (
    "seance_id",
    "numero",
    "date",
    "texte",
    "pour",
    "contre",
    "abstention",
    "regle",
    "adoptee",
)
COLONNES_AVIS = (
    "avis_id",
    "origine",
    "titre",
    "texte",
    "langue",
    "sujet",
    "axe",
    "destinataire",
    "institution",
    "question",
    "statut",
    "cree_le",
    "demandee_le",
    "echeance_saisine",
    "adopte_le",
    "transmis_le",
    "echeance_reponse",
    "repondu_le",
    "clos_le",
)
COLONNES_REPONSES = ("avis_id", "numero", "le", "role", "texte", "liens")
COLONNES_PROPOSITIONS = (
    "proposition_id",
    "titre",
    "description",
    "quartier",
    "adresse",
    "langue",
    "theme",
    "cout_estime",
    "cout_reestime",
    "au_nom_du_conseil",
    "statut",
    "statut_le",
    "deposee_le",
    "soutiens",
    "voix",
    "realisee_le",
    "motif",
    "fusionnee_dans",
)
COLONNES_TIRAGES = (
    "tirage_id",
    "annonce_le",
    "effectue_le",
    "taille",
    "vivier",
    "tickets",
    "probabilite_minimale",
    "engagement",
    "hasard_prevu",
    "hasard",
    "ticket",
    "document",
)


class LectureDonneesOuvertes:
    """A council's public records of one year, oldest first."""

    def __init__(self, moteur: Engine) -> None:
        self.moteur = moteur

    def _lignes(
        self,
        table: Any,
        colonnes: tuple[str, ...],
        date: Column[datetime],
        arr: Column[int],
        arrondissement: int,
        annee: int,
        *ordre: Any,
    ) -> list[dict[str, Any]]:
        debut, fin = bornes(annee)
        requete = (
            select(*(table.c[n] for n in colonnes))
            .where(arr == arrondissement, date >= debut, date < fin)
            .order_by(date, *ordre)
        )
        with self.moteur.connect() as cnx:
            return [dict(ligne._mapping) for ligne in cnx.execute(requete)]

    def seances(self, arrondissement: int, annee: int) -> list[dict[str, Any]]:
        c = seances.c
        return self._lignes(
            seances, COLONNES_SEANCES, c.date, c.arrondissement, arrondissement, annee, c.seance_id
        )

    def decisions(self, arrondissement: int, annee: int) -> list[dict[str, Any]]:
        c = decisions.c
        return self._lignes(
            decisions,
            COLONNES_DECISIONS,
            c.date,
            c.arrondissement,
            arrondissement,
            annee,
            c.seance_id,
            c.numero,
        )

    def avis(self, arrondissement: int, annee: int) -> list[dict[str, Any]]:
        c = avis.c
        lignes = self._lignes(
            avis, COLONNES_AVIS, c.cree_le, c.arrondissement, arrondissement, annee, c.avis_id
        )
        if lignes:
            requete = (
                select(avis_reponses.c.avis_id, func.count())
                .where(avis_reponses.c.avis_id.in_([ligne["avis_id"] for ligne in lignes]))
                .group_by(avis_reponses.c.avis_id)
            )
            with self.moteur.connect() as cnx:
                nombres = {avis_id: n for avis_id, n in cnx.execute(requete)}
            for ligne in lignes:
                ligne["reponses"] = nombres.get(ligne["avis_id"], 0)
        return lignes

    def reponses_aux_avis(self, arrondissement: int, annee: int) -> list[dict[str, Any]]:
        debut, fin = bornes(annee)
        r = avis_reponses.c
        requete = (
            select(*(r[n] for n in COLONNES_REPONSES))
            .join(avis, avis.c.avis_id == r.avis_id)
            .where(avis.c.arrondissement == arrondissement, r.le >= debut, r.le < fin)
            .order_by(r.le, r.avis_id, r.numero)
        )
        with self.moteur.connect() as cnx:
            return [dict(ligne._mapping) for ligne in cnx.execute(requete)]

    def propositions(self, arrondissement: int, annee: int) -> list[dict[str, Any]]:
        c = propositions_bp.c
        return self._lignes(
            propositions_bp,
            COLONNES_PROPOSITIONS,
            c.deposee_le,
            c.arrondissement,
            arrondissement,
            annee,
            c.proposition_id,
        )

    def tirages(self, arrondissement: int, annee: int) -> list[dict[str, Any]]:
        c = tirages.c
        return self._lignes(
            tirages,
            COLONNES_TIRAGES,
            c.annonce_le,
            c.arrondissement,
            arrondissement,
            annee,
            c.tirage_id,
        )

    def premiere_annee(self, arrondissement: int) -> int | None:
        """The year of the council's first fact of the annual report (after its institution),
        None if it has none: its reports start there. Read along the index of dates, so it
        stops at the first row."""
        requete = (
            select(faits.c.le)
            .where(faits.c.arrondissement == arrondissement, faits.c.nature != "conseil")
            .order_by(faits.c.le)
            .limit(1)
        )
        with self.moteur.connect() as cnx:
            premier = cnx.execute(requete).scalar()
        return None if premier is None else annee_a_paris(en_utc(premier))
