"""Use cases of the bodies of the contrat de ville and of the councils' delegates in them
(`domaine.instances`): each checks who may act first, loads, calls the domain, saves, and
returns the position of the last event (read-your-writes)."""

from datetime import date, datetime
from typing import Literal
from uuid import UUID

from domaine.annonces import calculer_annonce, verifier_annonce
from domaine.assemblee import Adhesion, id_adhesion
from domaine.budget import DecisionDuConseil, decision_du_conseil
from domaine.comptes import (
    Acteur,
    exiger_agent,
    exiger_agent_ou_animateur,
    exiger_animateur,
    exiger_compte,
)
from domaine.erreurs import ActionInterdite, ChampInvalide, EtatIncompatible
from domaine.instances import (
    PARIS,
    Delegation,
    Designe,
    Instance,
    id_delegation,
    id_instance_unique,
)
from domaine.quartiers import verifier_arrondissement
from domaine.seances import Seance
from domaine.temps import jour_a_paris
from domaine.tirages import Tirage
from domaine.viviers import candidat_volontaire
from domaine.vocabulaire import Role, StatutSeance
from langues import N_
from stockage.registre import Registre
from tirage.loterie import TICKETS_PAR_DEFAUT
from tirage.vivier import Quotas

INSTANCE_INTROUVABLE = N_("Cette instance n'existe pas.")
TIRAGE_INTROUVABLE = N_("Ce tirage n'existe pas.")
PREFIXE_OBJET = "instance:"
"""`Tirage.objet` of a tirage that designates delegates to a body."""

ActionInstances = Literal[
    "creer_instance",
    "designer",
    "annoncer_tirage",
    "effectuer_tirage",
    "terminer_mandat",
    "enregistrer_reunion",
    "enregistrer_presences",
    "rediger_compte_rendu",
    "presenter_compte_rendu",
]


def exiger_gestionnaire_de_reunion(acteur: Acteur | None, instance: Instance) -> Acteur:
    """Agents record any body's meetings; an animateur, those of a Paris-wide body or of a
    body of their arrondissement."""
    qui = exiger_compte(acteur)
    if qui.role_agent is not None:
        return qui
    if instance.arrondissement == PARIS and qui.conseils_animes:
        return qui
    if instance.arrondissement != PARIS:
        return exiger_animateur(qui, instance.arrondissement)
    raise ActionInterdite(
        "Seuls les agents de la Ville ou de l'État et les animateur·rices des conseils "
        "citoyens enregistrent les réunions des instances."
    )


class ServiceInstances:
    def __init__(self, registre: Registre) -> None:
        self.registre = registre

    def autoriser(
        self, acteur: Acteur | None, action: ActionInstances, cible: int | UUID | None
    ) -> None:
        """The role check of `action` alone (before a handler reads its form): `cible` is a
        council's arrondissement, or a body's id for `enregistrer_reunion`."""
        match action:
            case "creer_instance":
                exiger_agent(acteur)
            case "effectuer_tirage":
                assert isinstance(cible, UUID), "a draw acts on a tirage"
                tirage = self.registre.charger(Tirage, cible, TIRAGE_INTROUVABLE)
                exiger_animateur(acteur, tirage.arrondissement)
            case "enregistrer_reunion":
                assert isinstance(cible, UUID), "a meeting is recorded on a body"
                exiger_gestionnaire_de_reunion(acteur, self.instance(cible))
            case "enregistrer_presences":
                exiger_agent_ou_animateur(acteur, cible if isinstance(cible, int) else None)
            case "rediger_compte_rendu":
                assert isinstance(cible, int), "a report back is the council's"
                self._exiger_delegue_ou_animateur(acteur, cible)
            case _:
                assert isinstance(cible, int), f"{action} acts on a council"
                exiger_animateur(acteur, cible)

    def _exiger_delegue_ou_animateur(self, acteur: Acteur | None, arrondissement: int) -> Acteur:
        """A delegate of the council (holding any of its mandates), or one of its animateurs."""
        qui = exiger_compte(acteur)
        if qui.a_le_role(Role.ANIMATEUR, arrondissement):
            return qui
        mandats = self.delegation(arrondissement).mandats.values()
        if any(m.personne_id == str(qui.compte_id) for m in mandats):
            return qui
        raise ActionInterdite(
            "Seul·es les délégué·es du conseil et ses animateur·rices rendent compte des "
            "réunions des instances."
        )

    # --- bodies ---------------------------------------------------------------------------

    def instance(self, instance_id: UUID) -> Instance:
        return self.registre.charger(Instance, instance_id, INSTANCE_INTROUVABLE)

    def creer_instance(
        self, acteur: Acteur | None, nature: str, nom: str, arrondissement: int
    ) -> tuple[UUID, int]:
        """An agent adds a body; a steering committee exists once (per arrondissement)."""
        qui, _ = exiger_agent(acteur)
        instance_id = id_instance_unique(nature, arrondissement) or self.registre.nouvel_id()
        if self.registre.trouver(Instance, instance_id) is not None:
            raise EtatIncompatible("Ce comité de pilotage existe déjà.")
        instance = Instance.creer(
            instance_id, nature, nom, arrondissement, qui.compte_id, self.registre.maintenant()
        )
        return instance.id, self.registre.enregistrer(instance)

    # --- mandates ---------------------------------------------------------------------------

    def delegation(self, arrondissement: int) -> Delegation:
        verifier_arrondissement(arrondissement)
        trouvee = self.registre.trouver(Delegation, id_delegation(arrondissement))
        return trouvee or Delegation.ouvrir(arrondissement, self.registre.maintenant())

    def designer(
        self,
        acteur: Acteur | None,
        arrondissement: int,
        instance_id: UUID,
        designes: list[Designe],
        debut: date,
        fin: date,
        seance_id: UUID | None,
        decision: int | None,
    ) -> tuple[list[str], int]:
        """Delegates designated by a decision adopted in open assembly (`seance_id`,
        `decision`)."""
        qui = exiger_animateur(acteur, arrondissement)
        instance = self._instance_au_champ(instance_id)
        adoptee = self._decision(arrondissement, seance_id, decision)
        delegation = self.delegation(arrondissement)
        membres = self._membres(arrondissement, [d.personne_id for d in designes])
        ids = [self.registre.nouvel_id() for _ in designes]
        mandats = delegation.designer(
            instance,
            designes,
            debut,
            fin,
            membres,
            ids,
            qui.compte_id,
            self.registre.maintenant(),
            decision=adoptee,
        )
        return mandats, self.registre.enregistrer(delegation)

    def annoncer_tirage(
        self,
        acteur: Acteur | None,
        arrondissement: int,
        instance_id: UUID,
        volontaires: list[UUID],
        titulaires: int,
        suppleants: int,
        debut: date,
        fin: date,
        hasard_prevu: str,
        hasard_le: datetime,
    ) -> tuple[UUID, int]:
        """A tirage au sort among volunteers of the open assembly, announced (with its
        commitment) like the groupe moteur's; its draw designates the delegates."""
        qui = exiger_animateur(acteur, arrondissement)
        instance = self._instance_au_champ(instance_id)
        le = self.registre.maintenant()
        delegation = self.delegation(arrondissement)
        tirage_id = self.registre.nouvel_id()
        delegation.annoncer_tirage(
            tirage_id, instance, titulaires, suppleants, debut, fin, qui.compte_id, le
        )
        verifier_annonce(titulaires, 0, hasard_prevu, hasard_le, le, TICKETS_PAR_DEFAUT)
        if not volontaires:
            raise ChampInvalide("volontaires", "Choisissez les volontaires parmi les membres.")
        vivier = []
        for personne_id in sorted(set(volontaires)):
            adhesion = self.registre.trouver(Adhesion, id_adhesion(arrondissement, personne_id))
            if adhesion is None or not adhesion.membre:
                raise ChampInvalide(
                    "volontaires", "Seul·es les membres de l'assemblée ouverte sont tirés au sort."
                )
            profil = adhesion.profil
            vivier.append(
                candidat_volontaire(str(personne_id), profil.college, profil.genre, profil.quartier)
            )
        if len(vivier) < titulaires:
            raise ChampInvalide(
                "volontaires",
                "Il faut au moins %(titulaires)s volontaires pour %(titulaires)s places de titulaire.",
                titulaires=titulaires,
            )
        annonce = calculer_annonce(
            vivier, Quotas(titulaires, {}), TICKETS_PAR_DEFAUT, hasard_prevu, hasard_le
        )
        tirage = Tirage.annoncer(
            tirage_id,
            arrondissement,
            annonce,
            qui.compte_id,
            le,
            objet=f"{PREFIXE_OBJET}{instance.id}",
        )
        return tirage.id, self.registre.enregistrer(tirage, delegation)

    def est_tirage_de_delegues(self, tirage_id: UUID) -> bool:
        tirage = self.registre.trouver(Tirage, tirage_id)
        return tirage is not None and getattr(tirage, "objet", "").startswith(PREFIXE_OBJET)

    def effectuer_tirage(
        self, acteur: Acteur | None, tirage_id: UUID, hasard: str, temoins: list[str]
    ) -> int:
        """Draw with the announced public randomness; the panel become titulaires, the first
        substitutes suppléant·es."""
        tirage = self.registre.charger(Tirage, tirage_id, TIRAGE_INTROUVABLE)
        qui = exiger_animateur(acteur, tirage.arrondissement)
        if not tirage.objet.startswith(PREFIXE_OBJET):
            raise EtatIncompatible("Ce tirage ne désigne pas de délégué·es.")
        instance = self.instance(UUID(tirage.objet.removeprefix(PREFIXE_OBJET)))
        le = self.registre.maintenant()
        selection = tirage.effectuer(hasard, temoins, qui.compte_id, le)
        suppleants = list(tirage.resultat["suppleants"]) if tirage.resultat else []
        delegation = self.delegation(tirage.arrondissement)
        personnes = [UUID(p) for p in selection + suppleants]
        membres = self._membres(tirage.arrondissement, personnes)
        ids = [self.registre.nouvel_id() for _ in personnes]
        delegation.designer_par_tirage(
            instance, tirage_id, selection, suppleants, membres, ids, qui.compte_id, le
        )
        return self.registre.enregistrer(tirage, delegation)

    def terminer_mandat(
        self,
        acteur: Acteur | None,
        arrondissement: int,
        mandat_id: str,
        termine_le: date,
        motif: str,
    ) -> int:
        qui = exiger_animateur(acteur, arrondissement)
        delegation = self.delegation(arrondissement)
        delegation.terminer(mandat_id, termine_le, motif, qui.compte_id, self.registre.maintenant())
        return self.registre.enregistrer(delegation)

    # --- meetings and reports back -----------------------------------------------------------

    def enregistrer_reunion(
        self, acteur: Acteur | None, instance_id: UUID, tenue_le: date, ordre_du_jour: str
    ) -> tuple[str, int]:
        instance = self.instance(instance_id)
        qui = exiger_gestionnaire_de_reunion(acteur, instance)
        reunion_id = self.registre.nouvel_id()
        instance.enregistrer_reunion(
            reunion_id, tenue_le, ordre_du_jour, qui.compte_id, self.registre.maintenant()
        )
        return str(reunion_id), self.registre.enregistrer(instance)

    def enregistrer_presences(
        self,
        acteur: Acteur | None,
        instance_id: UUID,
        reunion_id: str,
        arrondissement: int,
        mandats: list[str],
    ) -> int:
        qui = exiger_agent_ou_animateur(acteur, arrondissement)
        instance = self.instance(instance_id)
        delegation = self.delegation(arrondissement)
        instance.enregistrer_presences(
            reunion_id,
            arrondissement,
            mandats,
            delegation.mandats,
            qui.compte_id,
            self.registre.maintenant(),
        )
        return self.registre.enregistrer(instance)

    def rediger_compte_rendu(
        self,
        acteur: Acteur | None,
        instance_id: UUID,
        reunion_id: str,
        arrondissement: int,
        mandat_id: str,
        texte: str,
    ) -> tuple[str, int]:
        """The delegate themself, or an animateur of the council on their behalf."""
        qui = self._exiger_delegue_ou_animateur(acteur, arrondissement)
        delegation = self.delegation(arrondissement)
        mandat = delegation.mandats.get(mandat_id)
        if mandat is None:
            raise ChampInvalide("mandat", "Choisissez le mandat de la personne qui rend compte.")
        if mandat.personne_id != str(qui.compte_id):
            exiger_animateur(qui, arrondissement)
        instance = self.instance(instance_id)
        compte_rendu_id = self.registre.nouvel_id()
        instance.rediger_compte_rendu(
            compte_rendu_id,
            reunion_id,
            arrondissement,
            mandat,
            texte,
            qui.compte_id,
            self.registre.maintenant(),
        )
        return str(compte_rendu_id), self.registre.enregistrer(instance)

    def presenter_compte_rendu(
        self,
        acteur: Acteur | None,
        instance_id: UUID,
        compte_rendu_id: str,
        seance_id: UUID | None,
    ) -> int:
        """An animateur marks the report back presented in a séance of the council."""
        instance = self.instance(instance_id)
        _, compte_rendu = instance.compte_rendu(compte_rendu_id)
        qui = exiger_animateur(acteur, compte_rendu.arrondissement)
        seance = self.registre.trouver(Seance, seance_id) if seance_id else None
        if seance is None or seance.arrondissement != compte_rendu.arrondissement:
            raise ChampInvalide("seance", "Choisissez une séance de ce conseil citoyen.")
        if seance.statut == StatutSeance.ANNULEE:
            raise ChampInvalide("seance", "Cette séance a été annulée.")
        instance.presenter_compte_rendu(
            compte_rendu_id,
            seance.id,
            jour_a_paris(seance.date),
            qui.compte_id,
            self.registre.maintenant(),
        )
        return self.registre.enregistrer(instance)

    # --- helpers ------------------------------------------------------------------------------

    def _instance_au_champ(self, instance_id: UUID | None) -> Instance:
        instance = self.registre.trouver(Instance, instance_id) if instance_id else None
        if instance is None:
            raise ChampInvalide("instance", "Choisissez l'instance.")
        return instance

    def _decision(
        self, arrondissement: int, seance_id: UUID | None, numero: int | None
    ) -> DecisionDuConseil:
        if seance_id is None or numero is None:
            raise ChampInvalide(
                "decision", "Choisissez la décision de l'assemblée ouverte qui désigne."
            )
        seance = self.registre.trouver(Seance, seance_id)
        if seance is None:
            raise ChampInvalide("decision", "Cette séance n'existe pas.")
        return decision_du_conseil(seance, arrondissement, numero)

    def _membres(self, arrondissement: int, personnes: list[UUID]) -> set[UUID]:
        """Those of `personnes` who are members of the council's open assembly today."""
        membres = set()
        for personne_id in personnes:
            adhesion = self.registre.trouver(Adhesion, id_adhesion(arrondissement, personne_id))
            if adhesion is not None and adhesion.membre:
                membres.add(personne_id)
        return membres
