"""Use cases of the groupe moteur and of its tirages au sort."""

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any, Literal
from uuid import UUID

from domaine.annonces import calculer_annonce, verifier_annonce
from domaine.assemblee import Adhesion, id_adhesion
from domaine.comptes import Acteur, exiger_animateur
from domaine.erreurs import ChampInvalide, EtatIncompatible, au_champ
from domaine.groupe_moteur import DELAI_REPONSE_JOURS, GroupeMoteur, Objectifs, id_groupe_moteur
from domaine.quartiers import geographie_au, verifier_arrondissement
from domaine.quotas import examiner_quotas, minimums_reserves, normaliser, quotas_par_defaut
from domaine.seances import Seance
from domaine.temps import jour_a_paris
from domaine.tirages import Tirage
from domaine.viviers import GENRE_DEPUIS_TIRAGE, constituer_vivier, coordonnees
from domaine.vocabulaire import College, MotifSortieGroupe, VoieEntree
from langues import N_
from stockage.identites import Identites
from stockage.registre import Registre
from tirage.loterie import TICKETS_PAR_DEFAUT
from tirage.vivier import Candidat

ActionGroupeMoteur = Literal[
    "fixer_objectifs",
    "designer_par_consensus",
    "annoncer_tirage",
    "effectuer_tirage",
    "faire_sortir",
    "accepter_volontaire",
    "accepter",
]
"""The use cases of the groupe moteur, all the council's animateurs': drawing acts on a tirage
(its id), the others on a council (its arrondissement)."""


class ServiceGroupeMoteur:
    def __init__(self, registre: Registre, identites: Identites) -> None:
        self.registre = registre
        self.identites = identites

    def autoriser(
        self, acteur: Acteur | None, action: ActionGroupeMoteur, cible: int | UUID
    ) -> None:
        """The role check of the use case `action` alone, on `cible` (a council's arrondissement,
        or a tirage's id for `effectuer_tirage`): web handlers call it before reading their
        form, so that a refused role gets 403 whatever it typed. Raises `ActionInterdite`;
        the use case checks the same policy again, as its first step."""
        if isinstance(cible, UUID):
            if action != "effectuer_tirage":
                raise ValueError(f"{action} acts on a council, not on a tirage")
            cible = self._tirage(cible).arrondissement
        exiger_animateur(acteur, cible)

    def groupe(self, arrondissement: int) -> GroupeMoteur:
        verifier_arrondissement(arrondissement)
        return self.registre.charger(
            GroupeMoteur,
            id_groupe_moteur(arrondissement),
            N_("Ce conseil n'a pas encore constitué son groupe moteur."),
        )

    def fixer_objectifs(
        self, acteur: Acteur | None, arrondissement: int, objectifs: Objectifs
    ) -> int:
        """Create the groupe moteur with its targets, or change them (recorded)."""
        qui = exiger_animateur(acteur, arrondissement)
        le = self.registre.maintenant()
        groupe = self.registre.trouver(GroupeMoteur, id_groupe_moteur(arrondissement))
        if groupe is None:
            groupe = GroupeMoteur.constituer(arrondissement, objectifs, qui.compte_id, le)
        else:
            groupe.fixer_objectifs(objectifs, qui.compte_id, le)
        return self.registre.enregistrer(groupe)

    def quotas_proposes(
        self, arrondissement: int, vivier: Sequence[Candidat] | None = None
    ) -> dict[str, Any]:
        """The default quotas: from the targets, and feasible for `vivier` when given."""
        return self._proposes(self.groupe(arrondissement), vivier)

    def _proposes(self, groupe: GroupeMoteur, vivier: Sequence[Candidat] | None) -> dict[str, Any]:
        jour = jour_a_paris(self.registre.maintenant())
        quartiers = [q.code for q in geographie_au(jour).quartiers_de(groupe.arrondissement)]
        return quotas_par_defaut(
            groupe.objectifs,
            list(groupe.membres.values()),
            quartiers,
            self._reservees(groupe),
            vivier,
        )

    def _reservees(self, groupe: GroupeMoteur) -> dict[tuple[str, str], int]:
        """What announced tirages will seat at the least: their quotas' minimums."""
        tirages = [self.registre.trouver(Tirage, UUID(t)) for t in sorted(groupe.reservations)]
        return minimums_reserves(t.annonce["quotas"] for t in tirages if t)

    def designer_par_consensus(
        self,
        acteur: Acteur | None,
        arrondissement: int,
        seance_id: UUID,
        decision: int,
        membres: list[tuple[str, str, str]],
    ) -> int:
        """Seat the local actors agreed by consensus, approved by a decision of a séance."""
        qui = exiger_animateur(acteur, arrondissement)
        groupe = self.groupe(arrondissement)
        seance = self.registre.charger(Seance, seance_id, N_("Cette séance n'existe pas."))
        if seance.arrondissement != arrondissement:
            raise ChampInvalide("decision", "Cette séance n'est pas une séance de ce conseil.")
        adoptee = any(d.numero == decision and d.adoptee for d in seance.decisions)
        if not any(d.numero == decision for d in seance.decisions):
            raise ChampInvalide(
                "decision", "La séance n'a pas de décision n° %(numero)s.", numero=decision
            )
        au_champ(
            "membres",
            lambda: groupe.designer_par_consensus(
                membres, seance_id, decision, adoptee, qui.compte_id, self.registre.maintenant()
            ),
        )
        return self.registre.enregistrer(groupe)

    def annoncer_tirage(
        self,
        acteur: Acteur | None,
        arrondissement: int,
        quotas: dict[str, Any],
        hasard_prevu: str,
        volontaires: list[Candidat],
        liste_csv: str = "",
        tickets: int = TICKETS_PAR_DEFAUT,
        *,
        hasard_le: datetime,
    ) -> tuple[UUID, int]:
        """Build the pool (site volunteers, plus a list imported as POOL.csv with pseudonymous
        ids), compute the fair lottery, publish it with its commitment, and the date and time
        of the public randomness to come (before which it cannot be drawn)."""
        qui = exiger_animateur(acteur, arrondissement)
        groupe = self.groupe(arrondissement)
        le = self.registre.maintenant()
        libres, reservees = groupe.places_libres, groupe.places_reservees
        verifier_annonce(libres, reservees, hasard_prevu, hasard_le, le, tickets)
        vivier = constituer_vivier(groupe.membres, volontaires, liste_csv)
        lus = examiner_quotas(libres, reservees, quotas, vivier)
        annonce = calculer_annonce(vivier, lus, tickets, hasard_prevu, hasard_le)
        tirage = Tirage.annoncer(
            self.registre.nouvel_id(),
            arrondissement,
            annonce,
            qui.compte_id,
            le,
            normaliser(self._proposes(groupe, vivier)),
        )
        groupe.reserver(str(tirage.id), lus.taille, le)
        position = self.registre.enregistrer(tirage, groupe)
        # Contact details of imported people go to the erasable store, never to the record.
        self.identites.enregistrer_coordonnees(arrondissement, coordonnees(vivier), le)
        return tirage.id, position

    def effectuer_tirage(
        self, acteur: Acteur | None, tirage_id: UUID, hasard: str, temoins: list[str]
    ) -> int:
        """Draw at the séance; the drawn people enter the groupe moteur."""
        tirage = self._tirage(tirage_id)
        qui = exiger_animateur(acteur, tirage.arrondissement)
        if tirage.objet:
            raise EtatIncompatible("Ce tirage désigne des délégué·es, pas le groupe moteur.")
        groupe = self.groupe(tirage.arrondissement)
        le = self.registre.maintenant()
        selection = tirage.effectuer(hasard, temoins, qui.compte_id, le)
        groupe.lever_reservation(str(tirage_id), le)
        if len(selection) > groupe.places_libres:
            raise EtatIncompatible(
                "Le groupe moteur n'a plus que %(libres)s places libres.",
                libres=groupe.places_libres,
            )
        for membre_id in selection:
            self._entrer(groupe, tirage, membre_id, qui.compte_id)
        return self.registre.enregistrer(tirage, groupe)

    def faire_sortir(
        self,
        acteur: Acteur | None,
        arrondissement: int,
        membre_id: str,
        motif: str,
        remplacer: bool = True,
    ) -> tuple[str | None, int]:
        """Record an exit (or a refusal) and call the next substitute who keeps the quotas."""
        qui = exiger_animateur(acteur, arrondissement)
        groupe = self.groupe(arrondissement)
        le = self.registre.maintenant()
        sortant = groupe.faire_sortir(membre_id, motif, qui.compte_id, le)
        if not remplacer or not sortant.tirage_id or motif == MotifSortieGroupe.FIN_DE_MANDAT:
            return None, self.registre.enregistrer(groupe)
        tirage = self.registre.charger(Tirage, UUID(sortant.tirage_id), N_("Tirage introuvable."))
        restants = [m for m, v in groupe.membres.items() if v.tirage_id == sortant.tirage_id]
        entrant = tirage.prochain_suppleant(membre_id, restants)
        if entrant is None:
            return None, self.registre.enregistrer(groupe)
        tirage.appeler(entrant, membre_id, qui.compte_id, le)
        self._entrer(groupe, tirage, entrant, qui.compte_id)
        return entrant, self.registre.enregistrer(groupe, tirage)

    def accepter_volontaire(
        self, acteur: Acteur | None, arrondissement: int, personne_id: UUID
    ) -> int:
        """Seat a member of the open assembly who volunteered, without a tirage."""
        qui = exiger_animateur(acteur, arrondissement)
        groupe = self.groupe(arrondissement)
        adhesion = self.registre.charger(
            Adhesion,
            id_adhesion(arrondissement, personne_id),
            N_("Cette personne n'est pas membre de l'assemblée."),
        )
        if not (adhesion.membre and adhesion.volontaire):
            raise EtatIncompatible("Cette personne ne s'est pas portée volontaire.")
        p = adhesion.profil
        groupe.faire_entrer(
            str(personne_id),
            p.college.value,
            p.genre.value,
            p.quartier,
            VoieEntree.VOLONTAIRE.value,
            qui.compte_id,
            self.registre.maintenant(),
        )
        return self.registre.enregistrer(groupe)

    def accepter(self, acteur: Acteur | None, arrondissement: int, membre_id: str) -> int:
        """Record that someone drawn from a list accepted their seat."""
        qui = exiger_animateur(acteur, arrondissement)
        groupe = self.groupe(arrondissement)
        groupe.accepter(membre_id, qui.compte_id, self.registre.maintenant())
        return self.registre.enregistrer(groupe)

    def _tirage(self, tirage_id: UUID) -> Tirage:
        return self.registre.charger(Tirage, tirage_id, N_("Ce tirage n'existe pas."))

    def _entrer(self, groupe: GroupeMoteur, tirage: Tirage, membre_id: str, par: UUID) -> None:
        """Volunteers take their seat; people drawn from lists have a delay to answer."""
        traits = tirage.traits(membre_id)
        le = self.registre.maintenant()
        delai = None if traits["volontaire"] == "oui" else le + timedelta(days=DELAI_REPONSE_JOURS)
        groupe.faire_entrer(
            membre_id,
            College(traits["college"]).value,
            GENRE_DEPUIS_TIRAGE.get(traits["genre"], traits["genre"]),
            traits["quartier"],
            VoieEntree.TIRAGE.value,
            par,
            le,
            str(tirage.id),
            delai,
        )
