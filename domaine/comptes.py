"""Accounts as the domain sees them: a pseudonymous id and the roles it holds.

Names, e-mails and password hashes live in the erasable identity store, never here.
"""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate

from domaine.erreurs import (
    ActionInterdite,
    ChampInvalide,
    DonneeInvalide,
    EtatIncompatible,
    au_champ,
)
from domaine.quartiers import verifier_arrondissement
from domaine.traduction import _
from domaine.vocabulaire import ModeCourriels, MotifEffacement, Role

RolesTenus = frozenset[tuple[Role, int | None]]


@dataclass(frozen=True)
class Acteur:
    """Who issues a command: the account id and its roles (animateur roles are per council)."""

    compte_id: UUID
    roles: RolesTenus = field(default_factory=frozenset)

    def a_le_role(self, role: Role, arrondissement: int | None = None) -> bool:
        if role == Role.PARTICIPANT:
            return True
        if role == Role.ANIMATEUR:
            return (role, arrondissement) in self.roles
        return (role, None) in self.roles

    @property
    def role_agent(self) -> Role | None:
        for role in (Role.AGENT_ETAT, Role.AGENT_VILLE):
            if self.a_le_role(role):
                return role
        return None

    @property
    def conseils_animes(self) -> list[int]:
        return sorted(a for r, a in self.roles if r == Role.ANIMATEUR and a is not None)


def exiger_compte(acteur: Acteur | None) -> Acteur:
    if acteur is None:
        raise ActionInterdite("Connectez-vous pour effectuer cette action.")
    return acteur


def exiger_animateur(acteur: Acteur | None, arrondissement: int) -> Acteur:
    qui = exiger_compte(acteur)
    if not qui.a_le_role(Role.ANIMATEUR, arrondissement):
        raise ActionInterdite(
            "Seul·es les animateur·rices du conseil citoyen du %(arrondissement)se "
            "arrondissement peuvent effectuer cette action.",
            arrondissement=arrondissement,
        )
    return qui


def exiger_agent(acteur: Acteur | None) -> tuple[Acteur, Role]:
    qui = exiger_compte(acteur)
    role = qui.role_agent
    if role is None:
        raise ActionInterdite(
            "Seuls les agents de la Ville ou de l'État peuvent effectuer cette action."
        )
    return qui, role


def exiger_agent_ville(acteur: Acteur | None) -> Acteur:
    qui = exiger_compte(acteur)
    if not qui.a_le_role(Role.AGENT_VILLE):
        raise ActionInterdite(
            "Seuls les agents de la Ville de Paris peuvent effectuer cette action."
        )
    return qui


def exiger_admin(acteur: Acteur | None) -> Acteur:
    qui = exiger_compte(acteur)
    if not qui.a_le_role(Role.ADMIN):
        raise ActionInterdite("Seul·es les administrateur·rices peuvent effectuer cette action.")
    return qui


def exiger_agent_ou_animateur(acteur: Acteur | None, arrondissement: int | None) -> Acteur:
    """The Ville's and the État's agents, or the council's own animateurs (who record its
    representatives at a steering committee). `None`: the council is not chosen yet (a form's
    empty field): an animateur of any council may then be told to choose it."""
    qui = exiger_compte(acteur)
    if qui.role_agent is not None:
        return qui
    if arrondissement is None:
        if not qui.conseils_animes:
            exiger_agent(qui)
        return qui
    return exiger_animateur(qui, arrondissement)


def est_agent_ou_admin(acteur: Acteur | None) -> bool:
    """The institutions' side: agents of the Ville or the État, and administrators. They hold
    API tokens and read the annual reports."""
    return acteur is not None and (acteur.role_agent is not None or acteur.a_le_role(Role.ADMIN))


def exiger_agent_ou_admin(acteur: Acteur | None, action: str) -> Acteur:
    """`action` completes the refusal: "créer un jeton d'API" (marked `N_` by the caller,
    translated here)."""
    qui = exiger_compte(acteur)
    if not est_agent_ou_admin(qui):
        raise ActionInterdite(
            "Seuls les agents de la Ville ou de l'État (et les administrateur·rices) "
            "peuvent %(action)s.",
            action=_(action),
        )
    return qui


def exiger_demandeur_d_effacement(acteur: Acteur | None, personne_id: UUID) -> tuple[Acteur, str]:
    """The person themself, or an administrator, erases a person's data; returns who asked, as
    the erasure records it (`ROLES_DEMANDEURS`)."""
    qui = exiger_compte(acteur)
    if qui.compte_id == personne_id:
        return qui, "personne"
    if qui.a_le_role(Role.ADMIN):
        return qui, "admin"
    raise ActionInterdite(
        "Seul·es la personne elle-même ou un·e administrateur·rice peuvent effacer ses données."
    )


def exiger_soi_ou_admin(acteur: Acteur | None, personne_id: UUID) -> Acteur:
    """A person downloads their own data; an administrator, anyone's."""
    qui = exiger_compte(acteur)
    if qui.compte_id != personne_id and not qui.a_le_role(Role.ADMIN):
        raise ActionInterdite("Vous ne pouvez télécharger que vos propres données.")
    return qui


class Compte(Aggregate):
    """An account: opened by its holder, granted roles by an administrator."""

    TOPIC = "participation:Compte"

    class Created(Aggregate.Created):
        """Base of this aggregate's creation event (the library requires it to be named)."""

        TOPIC = "participation:Compte.Created"

    class Ouvert(Created):
        TOPIC = "participation:Compte.Ouvert"

    class RoleAttribue(Aggregate.Event):
        TOPIC = "participation:Compte.RoleAttribue"
        role: str
        arrondissement: int | None
        par: UUID | None

        def apply(self, aggregate: Any) -> None:
            aggregate.roles.add((Role(self.role), self.arrondissement))

    class RoleRetire(Aggregate.Event):
        TOPIC = "participation:Compte.RoleRetire"
        role: str
        arrondissement: int | None
        par: UUID

        def apply(self, aggregate: Any) -> None:
            aggregate.roles.discard((Role(self.role), self.arrondissement))

    class Efface(Aggregate.Event):
        """The person's data was erased: who asked (an account and its role, or the platform
        for the retention job) and why, never the erased data itself."""

        TOPIC = "participation:Compte.Efface"
        motif: str
        par: UUID | None
        role_demandeur: str

        def apply(self, aggregate: Any) -> None:
            aggregate.roles.clear()
            aggregate.efface = True

    class CourrielsChoisis(Aggregate.Event):
        """How the person wants to be told by e-mail (`ModeCourriels`): a choice, no personal
        data."""

        TOPIC = "participation:Compte.CourrielsChoisis"
        mode: str

        def apply(self, aggregate: Any) -> None:
            aggregate.courriels = self.mode

    courriels: str = ModeCourriels.TOUS.value
    """A class default, so that accounts opened (or snapshotted) before the choice existed
    read as the default."""

    def __init__(self) -> None:
        self.roles: set[tuple[Role, int | None]] = set()
        self.efface = False

    @classmethod
    def ouvrir(cls, compte_id: UUID, le: datetime) -> "Compte":
        compte: Compte = cls._create(cls.Ouvert, id=compte_id, timestamp=le)
        return compte

    def acteur(self) -> Acteur:
        return Acteur(self.id, frozenset(self.roles))

    def effacer(self, motif: str, par: UUID | None, role_demandeur: str, le: datetime) -> None:
        """`par` is None when the retention job erases an inactive person."""
        if self.efface:
            raise EtatIncompatible("Les données de cette personne sont déjà effacées.")
        try:
            valeur = MotifEffacement(motif)
        except ValueError:
            raise DonneeInvalide(
                "Motif d'effacement inconnu : « %(motif)s ».", motif=motif
            ) from None
        if role_demandeur not in ROLES_DEMANDEURS:
            raise DonneeInvalide(
                "Demandeur d'effacement inconnu : « %(role)s ».", role=role_demandeur
            )
        self.trigger_event(
            self.Efface, motif=valeur.value, par=par, role_demandeur=role_demandeur, timestamp=le
        )

    def choisir_courriels(self, mode: str, le: datetime) -> None:
        """Every message (the default), a weekly digest, or no e-mail at all."""
        if self.efface:
            raise EtatIncompatible("Ce compte a été effacé.")
        try:
            valeur = ModeCourriels(mode)
        except ValueError:
            raise ChampInvalide(
                "mode",
                "Choisissez comment être prévenu·e : chaque message, un résumé par "
                "semaine, ou aucun courriel.",
            ) from None
        if valeur.value == self.courriels:
            return
        self.trigger_event(self.CourrielsChoisis, mode=valeur.value, timestamp=le)

    def attribuer_role(
        self, role: str, arrondissement: int | None, par: UUID | None, le: datetime
    ) -> None:
        """`par` is None only when the platform's first administrator is created from the CLI."""
        if self.efface:
            raise EtatIncompatible("Ce compte a été effacé.")
        cle = _cle_role(role, arrondissement)
        if cle in self.roles:
            return
        self.trigger_event(
            self.RoleAttribue, role=cle[0].value, arrondissement=cle[1], par=par, timestamp=le
        )

    def retirer_role(self, role: str, arrondissement: int | None, par: UUID, le: datetime) -> None:
        cle = _cle_role(role, arrondissement)
        if cle not in self.roles:
            raise EtatIncompatible("Ce compte n'a pas ce rôle.")
        if cle[0] == Role.ADMIN and par == self.id:
            raise EtatIncompatible("Vous ne pouvez pas retirer votre propre rôle d'administration.")
        self.trigger_event(
            self.RoleRetire, role=cle[0].value, arrondissement=cle[1], par=par, timestamp=le
        )


ROLES_DEMANDEURS = ("personne", "admin", "plateforme")
"""Who asked for an erasure: the person themself, an administrator, or the retention job."""


def _cle_role(role: str, arrondissement: int | None) -> tuple[Role, int | None]:
    """The role held, named by the fields of the administrators' form (`role`, and the
    `arrondissement` of an animateur)."""
    if not role:
        raise ChampInvalide("role", "Choisissez le rôle à attribuer.")
    try:
        valeur = Role(role)
    except ValueError:
        raise ChampInvalide("role", "Rôle inconnu : « %(role)s ».", role=role) from None
    if valeur == Role.PARTICIPANT:
        raise ChampInvalide("role", "Tout compte est participant : ce rôle ne s'attribue pas.")
    if valeur == Role.ANIMATEUR:
        if arrondissement is None:
            raise ChampInvalide(
                "arrondissement",
                "Un rôle d'animateur·rice se rattache à un conseil citoyen.",
            )
        return valeur, au_champ("arrondissement", lambda: verifier_arrondissement(arrondissement))
    return valeur, None
