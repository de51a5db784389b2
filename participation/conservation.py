"""Retention periods (RGPD): what the daily job erases once it is no longer needed.

- People inactive for `PARTICIPATION_CONSERVATION_ANS` years (default 3): no open-assembly
  membership, no seat at a groupe moteur, no role, and nothing done on the platform (joining,
  leaving, attending, filing, supporting or commenting a proposal) for that long. Their data
  are erased like on request, with the reason "durée de conservation écoulée".
- Contact details of people imported from lists for a tirage, once the draw's acceptances
  closed (rule 22): the draw happened, its answer delay passed and no seat of it awaits an
  answer. The public record keeps the pseudonymous ids and features only.
"""

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from uuid import UUID

from sqlalchemy import Engine, func, select

from domaine.groupe_moteur import DELAI_REPONSE_JOURS
from participation.rgpd import ServiceRGPD
from projections.tables import (
    commentaires_bp,
    comptes,
    membres,
    membres_gm,
    presences,
    propositions_bp,
    roles,
    seances,
    soutiens_bp,
    tirages,
)
from stockage.identites import Identites, personnes
from stockage.moteur import effacer_physiquement


@dataclass(frozen=True)
class Bilan:
    personnes_effacees: list[UUID]
    candidats_purges: int


class Conservation:
    def __init__(self, rgpd: ServiceRGPD, moteur: Engine, identites: Identites, ans: int) -> None:
        self.rgpd = rgpd
        self.ans = ans  # PARTICIPATION_CONSERVATION_ANS
        self.moteur = moteur
        self.identites = identites

    def appliquer(self, ans: int | None = None) -> Bilan:
        """What the daily job runs; safe to run twice."""
        maintenant = self.rgpd.registre.maintenant()
        effacees = self.inactifs(maintenant, ans or self.ans)
        for personne_id in effacees:
            self.rgpd.effacer_par_la_plateforme(personne_id)
        purges = self.purger_viviers(maintenant)
        effacer_physiquement(self.moteur)  # also what an earlier erasure could not remove
        return Bilan(effacees, purges)

    def inactifs(self, maintenant: datetime, ans: int) -> list[UUID]:
        """People still holding data, with no current engagement, idle for `ans` years."""
        seuil = _annees_avant(maintenant, ans)
        with self.moteur.connect() as cnx:
            engages = {
                *cnx.execute(
                    select(membres.c.personne_id).where(membres.c.actif.is_(True))
                ).scalars(),
                *cnx.execute(select(roles.c.personne_id)).scalars(),
                *cnx.execute(select(membres_gm.c.membre_id)).scalars(),
            }
            derniere: dict[str, datetime] = {}
            sources = [
                select(comptes.c.personne_id, comptes.c.ouvert_le).join(
                    personnes, personnes.c.personne_id == comptes.c.personne_id
                ),
                select(membres.c.personne_id, func.max(membres.c.entre_le)).group_by(
                    membres.c.personne_id
                ),
                select(membres.c.personne_id, func.max(membres.c.sorti_le)).group_by(
                    membres.c.personne_id
                ),
                select(presences.c.personne_id, func.max(seances.c.date))
                .join(seances, seances.c.seance_id == presences.c.seance_id)
                .group_by(presences.c.personne_id),
                select(
                    propositions_bp.c.auteur_id, func.max(propositions_bp.c.deposee_le)
                ).group_by(propositions_bp.c.auteur_id),
                select(soutiens_bp.c.personne_id, func.max(soutiens_bp.c.depuis)).group_by(
                    soutiens_bp.c.personne_id
                ),
                select(commentaires_bp.c.auteur_id, func.max(commentaires_bp.c.le)).group_by(
                    commentaires_bp.c.auteur_id
                ),
            ]
            for numero, requete in enumerate(sources):
                for personne, le in cnx.execute(requete):
                    if le is None or (numero and personne not in derniere):
                        continue  # the first source: only people whose data are still held
                    le = _utc(le)
                    derniere[personne] = max(derniere.get(personne, le), le)
        return sorted(UUID(p) for p, le in derniere.items() if le < seuil and p not in engages)

    def purger_viviers(self, maintenant: datetime) -> int:
        """Forget the contact details of the pools whose acceptances closed."""
        clos: dict[int, set[str]] = {}
        ouverts: dict[int, set[str]] = {}
        with self.moteur.connect() as cnx:
            en_attente = set(
                cnx.execute(
                    select(membres_gm.c.tirage_id).where(membres_gm.c.reponse_avant.is_not(None))
                ).scalars()
            )
            for t in cnx.execute(
                select(
                    tirages.c.tirage_id,
                    tirages.c.arrondissement,
                    tirages.c.effectue_le,
                    tirages.c.document,
                )
            ):
                ids = {v["id"] for v in json.loads(t.document).get("vivier", [])}
                ferme = (
                    t.effectue_le is not None
                    and _utc(t.effectue_le) + timedelta(days=DELAI_REPONSE_JOURS) <= maintenant
                    and t.tirage_id not in en_attente
                )
                (clos if ferme else ouverts).setdefault(t.arrondissement, set()).update(ids)
        purges = 0
        for arrondissement, ids in clos.items():
            gardes = ouverts.get(arrondissement, set())
            a_purger = sorted(
                c
                for c in self.identites.candidats_de(arrondissement)
                if c in ids and c not in gardes
            )
            purges += self.identites.purger_candidats(arrondissement, a_purger)
        return purges


def _utc(le: datetime) -> datetime:
    """SQLite gives naive datetimes back (stored in UTC)."""
    return le if le.tzinfo is not None else le.replace(tzinfo=UTC)


def _annees_avant(instant: datetime, ans: int) -> datetime:
    try:
        return instant.replace(year=instant.year - ans)
    except ValueError:  # 29 February
        return instant.replace(year=instant.year - ans, day=28)
