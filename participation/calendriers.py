"""Use cases of the calendar feeds: a public feed per council, one file per séance, and a
private feed of the councils a person belongs to, at a secret address (the format is
`participation.calendrier`; docs/calendriers.md says how to subscribe).

The private feed's secret is stored state, not an event. It is a credential (like an API
token, `participation.jetons`), not a fact of a council's life: nobody else needs to know
that someone subscribed, the public journal and the annual reports have nothing to say about
it, and an event is forever while the secret's fingerprint must go when the person revokes it
or is erased. So `stockage.calendriers` keeps only its SHA-256, next to the identity store,
and a revoked or replaced secret leaves no trace. Its address lists the councils a person is
a member of, which is why it is secret: the feeds' séances themselves are all public.

A feed is fetched by a calendar application, which says nothing of its user's language: the
private feed speaks its holder's chosen language, a council's public feed French (the file of
one séance, downloaded from its page, the language of that request).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal
from uuid import UUID

from domaine.comptes import Acteur, exiger_compte
from domaine.erreurs import Introuvable
from domaine.modalites import phrase_d_accessibilite
from domaine.quartiers import libelle_quartier, verifier_arrondissement
from langues import FRANCAIS, N_, _, parler
from participation.calendrier import SeanceAuCalendrier, calendrier
from projections.lecture_calendrier import LectureCalendrier, SeanceLue
from stockage.calendriers import Calendriers
from stockage.registre import Registre

ActionCalendriers = Literal["creer", "revoquer"]
"""The use cases of the private feed; each acts on the signed-in account's own feed."""
NOM_PRIVE = N_("Mes conseils citoyens : séances")


def nom_du_conseil(arrondissement: int) -> str:
    return _("Conseil citoyen du %(arrondissement)se : séances", arrondissement=arrondissement)


@dataclass(frozen=True)
class Flux:
    """An iCalendar file and the last change of the séances it holds (None: it holds none)."""

    contenu: bytes
    modifie_le: datetime | None


def perimetre(seance: SeanceLue) -> str:
    """The line a calendar shows for a séance of one neighbourhood or on one theme."""
    parties = []
    if seance.quartier:
        parties.append(
            _("Séance du quartier %(quartier)s", quartier=libelle_quartier(seance.quartier))
        )
    if seance.theme:
        parties.append(_("Thème : %(theme)s", theme=seance.theme))
    return " — ".join(parties)


class ServiceCalendriers:
    def __init__(
        self,
        lecture: LectureCalendrier,
        calendriers: Calendriers,
        registre: Registre,
        url_publique: str,
    ) -> None:
        self.lecture = lecture
        self.stock = calendriers
        self.registre = registre
        self.url_publique = url_publique.rstrip("/")

    # --- the private feed's secret ---------------------------------------------------------

    def autoriser(
        self, acteur: Acteur | None, action: ActionCalendriers, cible: object = None
    ) -> None:
        """The role check of the use case `action` alone (anyone signed in, on their own feed;
        `cible` is unused). Raises `ActionInterdite`."""
        exiger_compte(acteur)

    def creer(self, acteur: Acteur | None) -> str:
        """A new secret address for the signed-in person's feed, replacing the one they had
        (which then answers 404): the secret is returned once and never stored."""
        qui = exiger_compte(acteur)
        return self.stock.creer(qui.compte_id, self.registre.maintenant())

    def revoquer(self, acteur: Acteur | None) -> bool:
        """Stop the person's feed (its address then answers 404); False if they had none."""
        qui = exiger_compte(acteur)
        return self.stock.revoquer(qui.compte_id)

    def cree_le(self, personne_id: UUID) -> datetime | None:
        """When the person's current private feed was created; None if they have none."""
        return self.stock.cree_le(personne_id)

    # --- the feeds -------------------------------------------------------------------------

    def du_conseil(self, arrondissement: int) -> Flux:
        """Every séance of the council, past and future, cancelled ones included; in French
        (a subscription does not say who reads it)."""
        verifier_arrondissement(arrondissement)
        seances = self.lecture.seances_des_conseils([arrondissement])
        with parler(FRANCAIS):
            return self._flux(seances, nom_du_conseil(arrondissement))

    def de_la_seance(self, seance_id: UUID) -> Flux:
        """One séance, to add to one's calendar by hand."""
        seance = self.lecture.seance(seance_id)
        if seance is None:
            raise Introuvable("Cette séance n'existe pas.")
        return self._flux([seance], nom_du_conseil(seance.arrondissement))

    def prive(self, secret: str) -> Flux | None:
        """The séances of every council the secret's holder is a member of now or animates;
        None for an unknown or revoked secret (the web answers 404, as for an address that
        never was)."""
        personne_id = self.stock.titulaire(secret)
        if personne_id is None:
            return None
        seances = self.lecture.seances_des_conseils(self.lecture.conseils_de(personne_id))
        with parler(self.stock.langue(personne_id)):  # French if they chose none
            return self._flux(seances, _(NOM_PRIVE), avec_lien_visio=True)

    def _flux(
        self, seances: Sequence[SeanceLue], nom: str, *, avec_lien_visio: bool = False
    ) -> Flux:
        """`avec_lien_visio` only for the private feed: the videoconference link is for the
        members (the séance page shows it to them alone), not for a public address."""
        evenements = [self._au_calendrier(s, avec_lien_visio) for s in seances]
        contenu = calendrier(evenements, nom, le=self.registre.maintenant())
        modifie_le = max((s.modifiee_le for s in seances), default=None)
        return Flux(contenu, modifie_le)

    def _au_calendrier(self, seance: SeanceLue, avec_lien_visio: bool) -> SeanceAuCalendrier:
        return SeanceAuCalendrier(
            seance_id=seance.seance_id,
            arrondissement=seance.arrondissement,
            date=seance.date,
            lieu=seance.lieu,
            ordre_du_jour=seance.ordre_du_jour,
            annulee=seance.annulee,
            sequence=seance.sequence,
            lien=f"{self.url_publique}/seances/{seance.seance_id}",
            lien_visio=seance.lien_visio if avec_lien_visio else "",
            accessibilite=phrase_d_accessibilite(
                [m for m in seance.accessibilite.split(",") if m], seance.accessibilite_autre
            ),
            modifiee_le=seance.modifiee_le,
            motif_annulation=seance.motif_annulation,
            perimetre=perimetre(seance),
        )
