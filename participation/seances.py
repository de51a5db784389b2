"""Use cases of séances, the council's animateurs' (and, for hybrid séances, the members' own
remote presence and online votes): each checks the role first (loading the séance to know its
council), calls it, saves it."""

from collections.abc import Sequence
from datetime import datetime
from typing import Any, Literal
from uuid import UUID

from domaine.assemblee import Adhesion, id_adhesion
from domaine.comptes import Acteur, exiger_animateur, exiger_compte
from domaine.conseils import ConseilCitoyen, id_conseil
from domaine.erreurs import ChampInvalide, ConflitDeModification
from domaine.quartiers import verifier_arrondissement
from domaine.seances import Seance, exiger_membre_de_l_assemblee
from domaine.textes import LANGUE_PAR_DEFAUT
from langues import N_
from participation.concurrence import reessayer_si_conflit
from stockage.registre import MESSAGE_CONFLIT, Registre

SEANCE_INTROUVABLE = N_("Cette séance n'existe pas.")

ActionSeance = Literal[
    "planifier",
    "enregistrer_apres_coup",
    "reprogrammer",
    "changer_presence",
    "marquer_presents",
    "compter_anonymes",
    "rediger_compte_rendu",
    "enregistrer_decision",
    "voter_compte_rendu",
    "annuler",
    "ouvrir_scrutin",
    "clore_scrutin",
    "se_declarer_a_distance",
    "voter_en_ligne",
]
"""The use cases of séances: planning one, or recording one after the fact, acts on a council
(its arrondissement); the others on a séance (its id). The last two are the members' (of the
council's assembly), the others the animateurs'."""
ACTIONS_DE_MEMBRE = ("se_declarer_a_distance", "voter_en_ligne")


class Maniere:
    """How a séance is held, as the planning forms give it: see `domaine.modalites`."""

    def __init__(
        self,
        modalite: str = "presentiel",
        lien_visio: str = "",
        accessibilite: Sequence[str] = (),
        accessibilite_autre: str = "",
    ) -> None:
        self.champs: dict[str, Any] = {
            "modalite": modalite,
            "lien_visio": lien_visio,
            "accessibilite": tuple(accessibilite),
            "accessibilite_autre": accessibilite_autre,
        }


class ServiceSeances:
    def __init__(self, registre: Registre) -> None:
        self.registre = registre

    def autoriser(self, acteur: Acteur | None, action: ActionSeance, cible: int | UUID) -> None:
        """The role check of the use case `action` alone, on `cible` (a council's arrondissement,
        or a séance's id; see `ActionSeance`): web handlers call it before reading their form,
        so that a refused role gets 403 whatever it typed. Raises `ActionInterdite`; the use
        case checks the same policy again, as its first step."""
        if isinstance(cible, UUID):
            if action in ("planifier", "enregistrer_apres_coup"):
                raise ValueError(f"{action} acts on a council, not on a séance")
            cible = self._seance(cible).arrondissement
        if action in ACTIONS_DE_MEMBRE:
            self._membre(acteur, cible)
            return
        exiger_animateur(acteur, cible)

    def planifier(
        self,
        acteur: Acteur | None,
        arrondissement: int,
        date: datetime,
        lieu: str,
        ordre_du_jour: str,
        quartier: str = "",
        theme: str = "",
        maniere: Maniere | None = None,
    ) -> tuple[UUID, int]:
        qui = exiger_animateur(acteur, arrondissement)
        verifier_arrondissement(arrondissement)
        seance = Seance.planifier(
            arrondissement,
            date,
            lieu,
            ordre_du_jour,
            qui.compte_id,
            self.registre.maintenant(),
            self.registre.nouvel_id(),
            quartier=quartier,
            theme=theme,
            **(maniere or Maniere()).champs,
        )
        return seance.id, self.registre.enregistrer(seance)

    def enregistrer_apres_coup(
        self,
        acteur: Acteur | None,
        arrondissement: int,
        date: datetime,
        lieu: str,
        ordre_du_jour: str,
        quartier: str = "",
        theme: str = "",
        maniere: Maniere | None = None,
    ) -> tuple[UUID, int]:
        """A séance held but not planned in time; its attendance and decisions follow with the
        ordinary commands (it counts as held at once)."""
        qui = exiger_animateur(acteur, arrondissement)
        verifier_arrondissement(arrondissement)
        conseil = self.registre.charger(
            ConseilCitoyen, id_conseil(arrondissement), N_("Conseil introuvable.")
        )
        seance = Seance.enregistrer_apres_coup(
            arrondissement,
            date,
            lieu,
            ordre_du_jour,
            qui.compte_id,
            self.registre.maintenant(),
            conseil.created_on,
            self.registre.nouvel_id(),
            quartier=quartier,
            theme=theme,
            **(maniere or Maniere()).champs,
        )
        return seance.id, self.registre.enregistrer(seance)

    def reprogrammer(
        self,
        acteur: Acteur | None,
        seance_id: UUID,
        version: int | None,
        date: datetime,
        lieu: str,
        ordre_du_jour: str,
        quartier: str | None = None,
        theme: str | None = None,
        maniere: Maniere | None = None,
    ) -> int:
        """`maniere` None keeps the séance's modality, link and accessibility."""
        seance, qui = self._pour_animateur(acteur, seance_id, version)
        seance.reprogrammer(
            date,
            lieu,
            ordre_du_jour,
            qui.compte_id,
            self.registre.maintenant(),
            quartier=quartier,
            theme=theme,
            **(maniere.champs if maniere else {}),
        )
        return self.registre.enregistrer(seance)

    def changer_presence(
        self, acteur: Acteur | None, seance_id: UUID, personne_id: UUID, present: bool
    ) -> int:
        """Toggling attendance is idempotent, so it needs no version check."""
        seance, qui = self._pour_animateur(acteur, seance_id, None)
        le = self.registre.maintenant()
        if present:
            adhesion = self.registre.trouver(
                Adhesion, id_adhesion(seance.arrondissement, personne_id)
            )
            seance.marquer_present(adhesion, qui.compte_id, le)
        else:
            seance.retirer_presence(personne_id, qui.compte_id, le)
        return self.registre.enregistrer(seance)

    def marquer_presents(
        self, acteur: Acteur | None, seance_id: UUID, personnes: list[UUID]
    ) -> tuple[int, int]:
        """Several people present at once (a paper sheet entered afterwards), all or none.
        Returns how many were newly marked and the position."""
        seance, qui = self._pour_animateur(acteur, seance_id, None)
        adhesions = [
            (p, self.registre.trouver(Adhesion, id_adhesion(seance.arrondissement, p)))
            for p in dict.fromkeys(personnes)
        ]
        nouvelles = seance.marquer_presents(adhesions, qui.compte_id, self.registre.maintenant())
        return nouvelles, self.registre.enregistrer(seance)

    def compter_anonymes(
        self, acteur: Acteur | None, seance_id: UUID, version: int | None, nombre: int
    ) -> int:
        seance, qui = self._pour_animateur(acteur, seance_id, version)
        seance.compter_anonymes(nombre, qui.compte_id, self.registre.maintenant())
        return self.registre.enregistrer(seance)

    def rediger_compte_rendu(
        self,
        acteur: Acteur | None,
        seance_id: UUID,
        version: int | None,
        texte: str,
        langue: str = LANGUE_PAR_DEFAUT,
    ) -> int:
        seance, qui = self._pour_animateur(acteur, seance_id, version)
        seance.rediger_compte_rendu(texte, qui.compte_id, self.registre.maintenant(), langue)
        return self.registre.enregistrer(seance)

    def enregistrer_decision(
        self,
        acteur: Acteur | None,
        seance_id: UUID,
        texte: str,
        pour: int,
        contre: int,
        abstention: int,
        *,
        pour_distance: int = 0,
        contre_distance: int = 0,
        abstention_distance: int = 0,
        scrutin: int = 0,
    ) -> int:
        """`pour`, `contre`, `abstention` in the room; the remote votes apart (hybrid or online
        séances), or taken from closed online poll n° `scrutin`."""
        seance, qui = self._pour_animateur(acteur, seance_id, None)
        conseil = self.registre.charger(
            ConseilCitoyen, id_conseil(seance.arrondissement), N_("Conseil introuvable.")
        )
        seance.enregistrer_decision(
            texte,
            pour,
            contre,
            abstention,
            conseil.regle_majorite,
            qui.compte_id,
            self.registre.maintenant(),
            pour_distance=pour_distance,
            contre_distance=contre_distance,
            abstention_distance=abstention_distance,
            scrutin=scrutin,
        )
        return self.registre.enregistrer(seance)

    def voter_compte_rendu(
        self,
        acteur: Acteur | None,
        seance_id: UUID,
        seance_approuvee: UUID | None,
        version: int | None,
        pour: int,
        contre: int,
        abstention: int,
    ) -> int:
        """At séance `seance_id`, the vote on version `version` of the minutes of
        `seance_approuvee` (the same séance or an earlier one of its council): a decision of
        this séance, and the approval (or not) on the other; both séances are saved in one
        transaction, so neither is recorded without the other. `seance_approuvee` and
        `version` are None when the form chose none (refused after the role check)."""
        seance, qui = self._pour_animateur(acteur, seance_id, None)
        if seance_approuvee is None:
            raise ChampInvalide("seance", "Choisissez le compte rendu mis aux voix.")
        if version is None:
            raise ChampInvalide("version", "Choisissez la version du compte rendu mise aux voix.")
        if seance_approuvee == seance_id:
            cible = seance
        else:
            trouvee = self.registre.trouver(Seance, seance_approuvee)
            if trouvee is None:
                raise ChampInvalide("seance", SEANCE_INTROUVABLE)
            cible = trouvee
        conseil = self.registre.charger(
            ConseilCitoyen, id_conseil(seance.arrondissement), N_("Conseil introuvable.")
        )
        seance.voter_compte_rendu(
            cible,
            version,
            pour,
            contre,
            abstention,
            conseil.regle_majorite,
            qui.compte_id,
            self.registre.maintenant(),
        )
        if cible is seance:
            return self.registre.enregistrer(seance)
        return self.registre.enregistrer(seance, cible)

    def annuler(
        self, acteur: Acteur | None, seance_id: UUID, version: int | None, motif: str
    ) -> int:
        seance, qui = self._pour_animateur(acteur, seance_id, version)
        seance.annuler(motif, qui.compte_id, self.registre.maintenant())
        return self.registre.enregistrer(seance)

    # --- hybrid séances ---------------------------------------------------------------------

    def se_declarer_a_distance(self, acteur: Acteur | None, seance_id: UUID) -> tuple[bool, int]:
        """The member marks themselves present remotely; whether they were not yet, and the
        position. Everyone connects at the start: the attendance of others commutes with
        one's own, so a version conflict is retried (`participation.concurrence`)."""
        seance = self._seance(seance_id)
        qui = self._membre(acteur, seance.arrondissement)

        def appliquer() -> tuple[bool, int]:
            seance = self._seance(seance_id)
            adhesion = self.registre.trouver(
                Adhesion, id_adhesion(seance.arrondissement, qui.compte_id)
            )
            nouveau = seance.se_declarer_a_distance(adhesion, self.registre.maintenant())
            return nouveau, self.registre.enregistrer(seance)

        return reessayer_si_conflit(appliquer)

    def ouvrir_scrutin(self, acteur: Acteur | None, seance_id: UUID, texte: str) -> tuple[int, int]:
        """An online poll; its number and the position."""
        seance, qui = self._pour_animateur(acteur, seance_id, None)
        numero = seance.ouvrir_scrutin(texte, qui.compte_id, self.registre.maintenant())
        return numero, self.registre.enregistrer(seance)

    def voter_en_ligne(
        self, acteur: Acteur | None, seance_id: UUID, numero: int, choix: str
    ) -> int:
        """One vote per member: two votes of the same member at once load the same version,
        one saves, the other meets the conflict, reloads, and is refused by the séance as a
        second vote. Others' votes commute with one's own, hence the retries."""
        seance = self._seance(seance_id)
        qui = self._membre(acteur, seance.arrondissement)

        def appliquer() -> int:
            seance = self._seance(seance_id)
            seance.voter_en_ligne(numero, qui.compte_id, choix, self.registre.maintenant())
            return self.registre.enregistrer(seance)

        return reessayer_si_conflit(appliquer)

    def clore_scrutin(self, acteur: Acteur | None, seance_id: UUID, numero: int) -> int:
        """Retried on a conflict too: a vote arriving meanwhile is counted, or refused as too
        late, never lost silently."""
        qui = exiger_animateur(acteur, self._seance(seance_id).arrondissement)

        def appliquer() -> int:
            seance = self._seance(seance_id)
            seance.clore_scrutin(numero, qui.compte_id, self.registre.maintenant())
            return self.registre.enregistrer(seance)

        return reessayer_si_conflit(appliquer)

    def _membre(self, acteur: Acteur | None, arrondissement: int) -> Acteur:
        qui = exiger_compte(acteur)
        adhesion = self.registre.trouver(Adhesion, id_adhesion(arrondissement, qui.compte_id))
        return exiger_membre_de_l_assemblee(qui, adhesion, arrondissement)

    def _pour_animateur(
        self, acteur: Acteur | None, seance_id: UUID, version: int | None
    ) -> tuple[Seance, Acteur]:
        seance = self._seance(seance_id)
        qui = exiger_animateur(acteur, seance.arrondissement)
        if version is not None and seance.version != version:
            raise ConflitDeModification(MESSAGE_CONFLIT)
        return seance, qui

    def _seance(self, seance_id: UUID) -> Seance:
        return self.registre.charger(Seance, seance_id, SEANCE_INTROUVABLE)
