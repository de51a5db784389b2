"""Rights of a person over their data (RGPD): erasure, access, rectification.

Personal data (name, e-mail, password hash, API tokens, calendar feed secrets) lives only in
the erasable identity store, so erasing a person deletes those rows, records a pseudonymous `Compte.Efface` event
(who asked and why) and withdraws them from the public lists with ordinary events; the log,
the read models, the reports and the tirage records stay as they were.

The files a person deposited as a private person (in a library, on their avis draft or budget
proposal) are withdrawn with them (`Document.Retire`, reason `effacement`, by nobody) and their
bytes deleted from the storage unless another document uses the same content; those deposited
as an animateur, or attached to an avis the assembly adopted, stay as the council's records
(`domaine.documents.doit_partir_avec_son_deposant`; docs/privacy.md).
"""

import json
from datetime import datetime
from typing import Any, Literal
from uuid import UUID

from sqlalchemy import Engine, select

from domaine.assemblee import Adhesion, id_adhesion
from domaine.comptes import (
    Acteur,
    Compte,
    exiger_admin,
    exiger_compte,
    exiger_demandeur_d_effacement,
    exiger_soi_ou_admin,
)
from domaine.erreurs import DonneeInvalide, Introuvable
from domaine.groupe_moteur import GroupeMoteur, id_groupe_moteur
from domaine.instances import id_delegation
from domaine.quartiers import arrondissements
from domaine.vocabulaire import MotifEffacement, MotifSortie, MotifSortieGroupe
from langues import N_, _
from participation.documents import ServiceDocuments
from participation.notifications import oublier as oublier_les_notifications
from projections.tables import (
    avis,
    avis_auteurs,
    commentaires_bp,
    documents,
    mandats,
    membres,
    membres_gm,
    notifications,
    presences,
    propositions_bp,
    seances,
    soutiens_bp,
    tirages,
)
from stockage.calendriers import Calendriers
from stockage.export import charge_utile, en_json
from stockage.identites import Identite, Identites
from stockage.jetons import Jetons
from stockage.moteur import effacer_physiquement
from stockage.registre import Registre
from stockage.tables import convocations_envois

MOTIFS_ADMINISTRATION = (
    MotifEffacement.DEMANDE_PERSONNE.value,
    MotifEffacement.DEMANDE_ADMINISTRATION.value,
)
"""The reasons an administrator may give (the retention reason is the platform's own)."""

ActionRGPD = Literal["effacer", "effacer_par_l_administration", "exporter", "rectifier"]
"""The use cases of a person's rights, on a person (their account id); erasing from the
administrators' page is the administrators' alone, even of their own account."""


class ServiceRGPD:
    def __init__(
        self,
        registre: Registre,
        moteur: Engine,
        identites: Identites,
        jetons: Jetons,
        calendriers: Calendriers,
        documents: ServiceDocuments | None = None,
    ) -> None:
        self.registre = registre
        self.moteur = moteur
        self.identites = identites
        self.jetons = jetons
        self.calendriers = calendriers
        self.documents = documents

    def autoriser(self, acteur: Acteur | None, action: ActionRGPD, personne_id: UUID) -> None:
        """The role check of the use case `action` alone, on the person `personne_id`: web
        handlers call it before reading their form, so that a refused role gets 403 whatever
        it typed. Raises `ActionInterdite`; the use case checks the same policy again, first."""
        match action:
            case "effacer":
                exiger_demandeur_d_effacement(acteur, personne_id)
            case "effacer_par_l_administration":
                exiger_admin(acteur)
            case "exporter":
                exiger_soi_ou_admin(acteur, personne_id)
            case "rectifier":
                exiger_compte(acteur)

    # --- erasure ------------------------------------------------------------------------------

    def effacer(self, acteur: Acteur | None, personne_id: UUID, motif: str = "") -> int:
        """The person themself, or an administrator (on a request they received), erases."""
        qui, role = exiger_demandeur_d_effacement(acteur, personne_id)
        if role == "personne":
            motif = MotifEffacement.DEMANDE_PERSONNE.value
        else:
            motif = motif or MotifEffacement.DEMANDE_ADMINISTRATION.value
            if motif not in MOTIFS_ADMINISTRATION:
                raise DonneeInvalide(
                    "Une administratrice efface à la demande de la personne, reçue directement "
                    "ou transmise à l'administration."
                )
        return self._effacer(personne_id, motif, qui.compte_id, role)

    def effacer_depuis_la_console(self, personne_id: UUID, motif: str = "") -> int:
        """The CLI (`participation personne effacer`): whoever holds the server acts as the
        administration, with no account id (as when the first administrator is created)."""
        motif = motif or MotifEffacement.DEMANDE_ADMINISTRATION.value
        if motif not in MOTIFS_ADMINISTRATION:
            raise DonneeInvalide("Motif invalide : demande_personne ou demande_administration.")
        return self._effacer(personne_id, motif, None, "admin")

    def personne(self, reference: str) -> UUID:
        """A person designated by their id or their e-mail (CLI)."""
        try:
            personne_id = UUID(reference)
        except ValueError:
            trouve = self.identites.par_email(reference)
            if trouve is None:
                raise Introuvable(
                    "Aucun compte avec l'adresse « %(adresse)s ».", adresse=reference
                ) from None
            return trouve
        if self.registre.trouver(Compte, personne_id) is None:
            raise Introuvable("Ce compte n'existe pas.")
        return personne_id

    def effacer_par_la_plateforme(self, personne_id: UUID) -> int:
        """The retention job: the data of an inactive person are erased, by nobody in person.
        The job then calls `effacer_physiquement` once for all of them."""
        return self._effacer(
            personne_id, MotifEffacement.CONSERVATION_ECOULEE.value, None, "plateforme"
        )

    def _effacer(
        self, personne_id: UUID, motif: str, par: UUID | None, role: str, physiquement: bool = True
    ) -> int:
        compte = self.registre.charger(Compte, personne_id, N_("Ce compte n'existe pas."))
        le = self.registre.maintenant()
        agregats: list[Any] = []
        if not compte.efface:  # a retry after a failure completes the deletion below
            compte.effacer(motif, par, role, le)
            agregats = [compte, *self._retraits(personne_id, par or personne_id, le)]
        position = self.registre.enregistrer(*agregats) if agregats else self.registre.position()
        self.identites.supprimer(personne_id)
        self.jetons.revoquer_tous(personne_id)
        self.calendriers.revoquer(personne_id)
        oublier_les_notifications(self.moteur, personne_id)
        if self.documents is not None:
            self.documents.effacer_les_fichiers_de(personne_id)
        if physiquement:
            effacer_physiquement(self.moteur)
        return position

    def _retraits(self, personne_id: UUID, par: UUID, le: datetime) -> list[Any]:
        """Leave every open assembly and groupe moteur: no public list shows the person."""
        agregats: list[Any] = []
        for arrondissement in arrondissements():
            adhesion = self.registre.trouver(Adhesion, id_adhesion(arrondissement, personne_id))
            if adhesion is not None and adhesion.membre:
                adhesion.quitter(MotifSortie.NON_PRECISE.value, le)
                agregats.append(adhesion)
            groupe = self.registre.trouver(GroupeMoteur, id_groupe_moteur(arrondissement))
            if groupe is not None and str(personne_id) in groupe.membres:
                groupe.faire_sortir(str(personne_id), MotifSortieGroupe.DEMISSION.value, par, le)
                agregats.append(groupe)
        if self.documents is not None:
            agregats.extend(self.documents.retraits_a_l_effacement(personne_id, le))
        return agregats

    # --- rectification ------------------------------------------------------------------------

    def rectifier(self, acteur: Acteur | None, nom: str, email: str) -> Identite:
        qui = exiger_compte(acteur)
        return self.identites.modifier(qui.compte_id, nom, email)

    # --- access -------------------------------------------------------------------------------

    def exporter(self, acteur: Acteur | None, personne_id: UUID) -> dict[str, Any]:
        """Everything the platform holds about a person, for themself (or an administrator)."""
        exiger_soi_ou_admin(acteur, personne_id)
        return self.donnees(personne_id)

    def donnees(self, personne_id: UUID) -> dict[str, Any]:
        compte = self.registre.trouver(Compte, personne_id)
        if compte is None:
            raise Introuvable("Ce compte n'existe pas.")
        identite = self.identites.identite(personne_id)
        p = str(personne_id)
        with self.moteur.connect() as cnx:
            adhesions = cnx.execute(
                select(membres).where(membres.c.personne_id == p).order_by(membres.c.arrondissement)
            ).all()
            presentes = cnx.execute(
                select(
                    seances.c.seance_id,
                    seances.c.arrondissement,
                    seances.c.date,
                    seances.c.lieu,
                    presences.c.a_distance,
                )
                .join(presences, presences.c.seance_id == seances.c.seance_id)
                .where(presences.c.personne_id == p)
                .order_by(seances.c.date)
            ).all()
            avis_signes = cnx.execute(
                select(avis.c.avis_id, avis.c.arrondissement, avis.c.titre, avis.c.statut)
                .join(avis_auteurs, avis_auteurs.c.avis_id == avis.c.avis_id)
                .where(avis_auteurs.c.personne_id == p)
                .order_by(avis.c.cree_le)
            ).all()
            deposees = cnx.execute(
                select(
                    propositions_bp.c.proposition_id,
                    propositions_bp.c.arrondissement,
                    propositions_bp.c.titre,
                    propositions_bp.c.statut,
                    propositions_bp.c.deposee_le,
                )
                .where(propositions_bp.c.auteur_id == p)
                .order_by(propositions_bp.c.deposee_le)
            ).all()
            soutenues = cnx.execute(select(soutiens_bp).where(soutiens_bp.c.personne_id == p)).all()
            commentes = cnx.execute(
                select(commentaires_bp).where(commentaires_bp.c.auteur_id == p)
            ).all()
            au_groupe = cnx.execute(select(membres_gm).where(membres_gm.c.membre_id == p)).all()
            deposes = cnx.execute(
                select(
                    documents.c.document_id,
                    documents.c.arrondissement,
                    documents.c.titre,
                    documents.c.jour,
                    documents.c.type_media,
                    documents.c.taille,
                    documents.c.empreinte,
                    documents.c.depose_le,
                    documents.c.retire,
                    documents.c.motif_retrait,
                )
                .where(documents.c.depose_par == p)
                .order_by(documents.c.depose_le)
            ).all()
            tirages_ = cnx.execute(
                select(tirages.c.tirage_id).where(tirages.c.document.contains(f'"{p}"'))
            ).scalars()
            tires = [UUID(t) for t in tirages_]
            notes = cnx.execute(
                select(notifications)
                .where(notifications.c.personne_id == p)
                .order_by(notifications.c.position)
            ).all()
            mandats_ = cnx.execute(
                select(mandats).where(mandats.c.personne_id == p).order_by(mandats.c.debut)
            ).all()
            convocations = cnx.execute(
                select(convocations_envois)
                .where(convocations_envois.c.personne_id == p)
                .order_by(convocations_envois.c.cree_le, convocations_envois.c.seance_id)
            ).all()
        agregats = {
            personne_id,
            *(UUID(a.adhesion_id) for a in adhesions),
            *(UUID(s.seance_id) for s in presentes),
            *(UUID(a.avis_id) for a in avis_signes),
            *(UUID(d.proposition_id) for d in deposees),
            *(UUID(s.proposition_id) for s in soutenues),
            *(UUID(c.proposition_id) for c in commentes),
            *(id_groupe_moteur(g.arrondissement) for g in au_groupe),
            *(UUID(d.document_id) for d in deposes),
            *tires,
            *(id_delegation(m.arrondissement) for m in mandats_),
        }
        return {
            "format": "participation-donnees-personnelles/1",
            "produit_le": en_json(self.registre.maintenant()),
            "identifiant_pseudonyme": p,
            "identite": None
            if identite is None
            else {
                "nom_affiche": identite.nom,
                "adresse_electronique": identite.email,
                "compte_cree_le": en_json(self.identites.cree_le(personne_id)),
                "mot_de_passe": _("conservé sous forme d'empreinte argon2, jamais en clair"),
            },
            "compte_efface": compte.efface,
            "roles": [{"role": r.value, "conseil": a} for r, a in sorted(compte.roles, key=str)],
            "assemblees": [_ligne(a, "adhesion_id") for a in adhesions],
            "presences_aux_seances": [_ligne(s) for s in presentes],
            "avis_signes": [_ligne(a) for a in avis_signes],
            "budget_participatif": {
                "propositions_deposees": [_ligne(d) for d in deposees],
                "soutiens": [_ligne(s, "personne_id") for s in soutenues],
                "commentaires": [_ligne(c, "auteur_id") for c in commentes],
            },
            "groupe_moteur": [_ligne(g, "membre_id") for g in au_groupe],
            "documents_deposes": [_ligne(d) for d in deposes],
            "mandats_de_delegue": [_ligne(m, "personne_id") for m in mandats_],
            "notifications": [_ligne(n, "personne_id") for n in notes],
            "convocations": [_ligne(c, "personne_id") for c in convocations],
            "courriels": compte.courriels,
            "jetons_api": [
                {"libelle": j.libelle, "cree_le": en_json(j.cree_le)}
                for j in self.jetons.de(personne_id)
            ],
            "agenda_prive": _agenda(self.calendriers.cree_le(personne_id)),
            "evenements": self._evenements(agregats, p),
        }

    def _evenements(self, agregats: set[UUID], personne: str) -> list[dict[str, Any]]:
        """The pseudonymous events that mention the person, aggregate by aggregate."""
        trouves = []
        for agregat in agregats:
            for stocke in self.registre.recorder.select_events(agregat):
                evenement: Any = self.registre.mapper.to_domain_event(stocke)
                ligne = {
                    "aggregate_id": str(evenement.originator_id),
                    "version": evenement.originator_version,
                    "type": stocke.topic,
                    "recorded_at": evenement.timestamp.isoformat(),
                    "payload": charge_utile(evenement),
                }
                if agregat == UUID(personne) or personne in json.dumps(ligne["payload"]):
                    trouves.append(ligne)
        return sorted(trouves, key=lambda e: (e["recorded_at"], e["aggregate_id"], e["version"]))


def _ligne(ligne: Any, *sans: str) -> dict[str, Any]:
    return {k: en_json(v) for k, v in ligne._mapping.items() if k not in sans}


def _agenda(cree_le: datetime | None) -> dict[str, Any] | None:
    """The private calendar feed: when it was made; its address cannot be given back (only
    its fingerprint is kept)."""
    if cree_le is None:
        return None
    return {
        "cree_le": en_json(cree_le),
        "adresse": "conservée sous forme d'empreinte SHA-256, jamais en clair",
    }
