"""The conseil citoyen of an arrondissement: its majority rule and its règlement intérieur."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate

from domaine.erreurs import (
    ChampInvalide,
    DonneeInvalide,
    EtatIncompatible,
    au_champ,
)
from domaine.quartiers import verifier_instituable
from domaine.temps import annee_a_paris, jour_a_paris
from domaine.textes import LONG_TEXTE_MAX, TITRE_MAX, jour_des_conseils, texte
from domaine.traduction import N_, _
from domaine.vocabulaire import (
    ComitePilotage,
    FormeStructurePorteuse,
    RegleMajorite,
    Role,
    StatutConformite,
)

DELAI_REPONSE_AVIS_MOIS = 2
ESPACE_DE_NOMS = uuid5(NAMESPACE_URL, "https://participation.paris/conseils-citoyens")


def id_conseil(arrondissement: int) -> UUID:
    """Each arrondissement has exactly one council: its id derives from the number."""
    return uuid5(ESPACE_DE_NOMS, f"conseil-citoyen/{arrondissement}")


@dataclass(frozen=True)
class StructurePorteuse:
    """Who carries the council from `depuis` on (rule 7); the previous one until then."""

    nom: str
    forme: FormeStructurePorteuse
    depuis: date


@dataclass(frozen=True)
class VersionReglement:
    numero: int
    texte: str
    deposee_le: datetime
    statut: StatutConformite
    statue_par_role: str | None = None
    motif: str = ""


class ConseilCitoyen(Aggregate):
    """One per arrondissement (rule 1): the founding eight when the platform is set up, others
    when a geography gives their arrondissement a QPV."""

    TOPIC = "participation:ConseilCitoyen"

    class Created(Aggregate.Created):
        """Base of this aggregate's creation event (the library requires it to be named)."""

        TOPIC = "participation:ConseilCitoyen.Created"

    class Institue(Created):
        TOPIC = "participation:ConseilCitoyen.Institue"
        arrondissement: int

    class RegleMajoriteFixee(Aggregate.Event):
        TOPIC = "participation:ConseilCitoyen.RegleMajoriteFixee"
        regle: str
        par: UUID

        def apply(self, aggregate: Any) -> None:
            aggregate.regle_majorite = RegleMajorite(self.regle)

    class ReglementDepose(Aggregate.Event):
        TOPIC = "participation:ConseilCitoyen.ReglementDepose"
        numero: int
        texte: str
        par: UUID

        def apply(self, aggregate: Any) -> None:
            aggregate.reglements.append(
                VersionReglement(
                    self.numero, self.texte, self.timestamp, StatutConformite.EN_ATTENTE
                )
            )

    class ConformiteStatuee(Aggregate.Event):
        TOPIC = "participation:ConseilCitoyen.ConformiteStatuee"
        numero: int
        statut: str
        role: str
        motif: str
        par: UUID

        def apply(self, aggregate: Any) -> None:
            reglements: list[VersionReglement] = aggregate.reglements
            version = reglements[self.numero - 1]
            reglements[self.numero - 1] = VersionReglement(
                version.numero,
                version.texte,
                version.deposee_le,
                StatutConformite(self.statut),
                self.role,
                self.motif,
            )

    class StructurePorteuseDesignee(Aggregate.Event):
        TOPIC = "participation:ConseilCitoyen.StructurePorteuseDesignee"
        nom: str
        forme: str
        depuis: date
        par: UUID

        def apply(self, aggregate: Any) -> None:
            aggregate.structures_porteuses.append(
                StructurePorteuse(self.nom, FormeStructurePorteuse(self.forme), self.depuis)
            )

    class DelaiReponseAvisFixe(Aggregate.Event):
        """How long institutions have to answer this council's avis (default 2 months)."""

        TOPIC = "participation:ConseilCitoyen.DelaiReponseAvisFixe"
        mois: int
        par: UUID

        def apply(self, aggregate: Any) -> None:
            aggregate.delai_reponse_avis_mois = self.mois

    class BilanAnnuelPresente(Aggregate.Event):
        """The Ville or the État presented its yearly review of local actions (rule 17)."""

        TOPIC = "participation:ConseilCitoyen.BilanAnnuelPresente"
        annee: int
        institution: str  # "ville" or "etat": the presenting agent's side
        presente_le: date
        par: UUID

        def apply(self, aggregate: Any) -> None:
            aggregate.bilans[(self.annee, self.institution)] = self.presente_le

    class RepresentationCopil(Aggregate.Event):
        """How many of the council's representatives attended a steering committee (rule 16)."""

        TOPIC = "participation:ConseilCitoyen.RepresentationCopil"
        comite: str
        tenu_le: date
        representants: int
        par: UUID

        def apply(self, aggregate: Any) -> None:
            aggregate.copils.append((self.comite, self.tenu_le, self.representants))

    class DepotsDesMembresRegles(Aggregate.Event):
        """Whether the members of the open assembly may deposit documents in the council's
        library (the animateurs always may; see `domaine.documents`)."""

        TOPIC = "participation:ConseilCitoyen.DepotsDesMembresRegles"
        ouverts: bool
        par: UUID

        def apply(self, aggregate: Any) -> None:
            aggregate.depots_des_membres = self.ouverts

    depots_des_membres = False
    """Class default: councils (and time-travel checkpoints) from before the setting existed."""

    def __init__(self, arrondissement: int) -> None:
        self.arrondissement = arrondissement
        self.regle_majorite = RegleMajorite.SIMPLE
        self.delai_reponse_avis_mois = DELAI_REPONSE_AVIS_MOIS
        self.bilans: dict[tuple[int, str], date] = {}
        self.copils: list[tuple[str, date, int]] = []
        self.reglements: list[VersionReglement] = []
        self.structures_porteuses: list[StructurePorteuse] = []

    @classmethod
    def instituer(cls, arrondissement: int, le: datetime) -> "ConseilCitoyen":
        verifier_instituable(arrondissement)
        conseil: ConseilCitoyen = cls._create(
            cls.Institue,
            id=id_conseil(arrondissement),
            arrondissement=arrondissement,
            timestamp=le,
        )
        return conseil

    @property
    def reglement_en_vigueur(self) -> VersionReglement | None:
        return self.reglements[-1] if self.reglements else None

    def fixer_regle_majorite(self, regle: str, par: UUID, le: datetime) -> None:
        if not regle:
            raise ChampInvalide("regle", "Choisissez une règle de majorité.")
        try:
            valeur = RegleMajorite(regle)
        except ValueError:
            raise ChampInvalide(
                "regle", "Règle de majorité inconnue : « %(regle)s ».", regle=regle
            ) from None
        if valeur == self.regle_majorite:
            return
        self.trigger_event(self.RegleMajoriteFixee, regle=valeur.value, par=par, timestamp=le)

    def fixer_delai_reponse_avis(self, mois: int, par: UUID, le: datetime) -> None:
        if isinstance(mois, bool) or not isinstance(mois, int) or not 1 <= mois <= 12:
            raise ChampInvalide(
                "mois", "Le délai de réponse aux avis se compte en mois, de 1 à 12."
            )
        if mois == self.delai_reponse_avis_mois:
            return
        self.trigger_event(self.DelaiReponseAvisFixe, mois=mois, par=par, timestamp=le)

    def regler_depots_des_membres(self, ouverts: bool, par: UUID, le: datetime) -> None:
        """Open (or close) the library to deposits by the members; nothing if unchanged."""
        if not isinstance(ouverts, bool):
            raise ChampInvalide("ouverts", "Choisissez d'ouvrir ou non le dépôt aux membres.")
        if ouverts == self.depots_des_membres:
            return
        self.trigger_event(self.DepotsDesMembresRegles, ouverts=ouverts, par=par, timestamp=le)

    def enregistrer_bilan_annuel(
        self, annee: int, institution: str, presente_le: date, par: UUID, le: datetime
    ) -> None:
        """Recorded once per year and institution; the date is when it was presented."""
        if institution not in ("ville", "etat"):
            raise DonneeInvalide("Le bilan annuel est présenté par la Ville ou par l'État.")
        if presente_le > jour_a_paris(le):
            raise ChampInvalide(
                "presente_le", "La date de présentation ne peut pas être dans le futur."
            )
        if not 2014 <= annee <= annee_a_paris(le) or annee > presente_le.year:
            raise ChampInvalide(
                "annee",
                "Année du bilan invalide : %(annee)s (un bilan porte sur une année écoulée ou en "
                "cours, présentée au plus tôt cette année-là).",
                annee=annee,
            )
        if (annee, institution) in self.bilans:
            deja = (
                N_("Le bilan %(annee)s de la Ville est déjà enregistré pour ce conseil.")
                if institution == "ville"
                else N_("Le bilan %(annee)s de l’État est déjà enregistré pour ce conseil.")
            )
            raise EtatIncompatible(deja, annee=annee)
        self.trigger_event(
            self.BilanAnnuelPresente,
            annee=annee,
            institution=institution,
            presente_le=presente_le,
            par=par,
            timestamp=le,
        )

    def enregistrer_copil(
        self, comite: str, tenu_le: date, representants: int, par: UUID, le: datetime
    ) -> None:
        """A count of representatives at a steering committee: how they were recorded before the
        bodies of the contract (`domaine.instances`). No use case records it any more; its
        events stay in the log, read and counted by the annual report."""
        if not comite:
            raise ChampInvalide("comite", "Choisissez le comité de pilotage.")
        try:
            valeur = ComitePilotage(comite)
        except ValueError:
            raise ChampInvalide(
                "comite", "Comité de pilotage inconnu : « %(comite)s ».", comite=comite
            ) from None
        if tenu_le > jour_a_paris(le):
            raise ChampInvalide("tenu_le", "La date du comité ne peut pas être dans le futur.")
        au_champ("tenu_le", lambda: jour_des_conseils(tenu_le, _("date du comité")))
        if isinstance(representants, bool) or not 0 <= representants <= 50:
            raise ChampInvalide(
                "representants", "Le nombre de représentant·es présent·es va de 0 à 50."
            )
        if any(c == valeur.value and d == tenu_le for c, d, __ in self.copils):
            raise EtatIncompatible("Ce comité de pilotage est déjà enregistré pour ce conseil.")
        self.trigger_event(
            self.RepresentationCopil,
            comite=valeur.value,
            tenu_le=tenu_le,
            representants=representants,
            par=par,
            timestamp=le,
        )

    def deposer_reglement(self, contenu: str, par: UUID, le: datetime) -> int:
        """A new version of the règlement intérieur; its conformity is pending until checked."""
        propre = au_champ("texte", lambda: texte(contenu, _("règlement intérieur"), LONG_TEXTE_MAX))
        courant = self.reglement_en_vigueur
        if courant is not None and courant.texte == propre:
            raise EtatIncompatible("Ce texte est identique à la version en vigueur.")
        numero = len(self.reglements) + 1
        self.trigger_event(self.ReglementDepose, numero=numero, texte=propre, par=par, timestamp=le)
        return numero

    def designer_structure_porteuse(
        self, nom: str, forme: str, depuis: date, par: UUID, le: datetime
    ) -> None:
        """The Ville or the État (their agents: the use case checks it) records which structure
        carries the council, and since when."""
        propre = au_champ("nom", lambda: texte(nom, _("nom de la structure porteuse"), TITRE_MAX))
        if not forme:
            raise ChampInvalide("forme", "Choisissez la forme de la structure porteuse.")
        try:
            valeur = FormeStructurePorteuse(forme)
        except ValueError:
            raise ChampInvalide(
                "forme", "Forme de structure porteuse inconnue : « %(forme)s ».", forme=forme
            ) from None
        au_champ("depuis", lambda: jour_des_conseils(depuis, _("depuis le")))
        if depuis > jour_a_paris(le) + timedelta(days=366):
            raise ChampInvalide(
                "depuis", "La date de début ne peut pas dépasser un an dans le futur."
            )
        precedente = self.structure_porteuse_au(depuis)
        if self.structures_porteuses and depuis <= self.structures_porteuses[-1].depuis:
            raise EtatIncompatible(
                "Une structure porteuse est déjà enregistrée à partir de cette date ou après : "
                "la nouvelle doit commencer plus tard."
            )
        if precedente is not None and (precedente.nom, precedente.forme) == (propre, valeur):
            raise EtatIncompatible("Cette structure porte déjà le conseil citoyen.")
        self.trigger_event(
            self.StructurePorteuseDesignee,
            nom=propre,
            forme=valeur.value,
            depuis=depuis,
            par=par,
            timestamp=le,
        )

    def structure_porteuse_au(self, jour: date) -> StructurePorteuse | None:
        courante = None
        for structure in self.structures_porteuses:
            if structure.depuis <= jour:
                courante = structure
        return courante

    def statuer_conformite(
        self, numero: int, statut: str, role: Role, motif: str, par: UUID, le: datetime
    ) -> None:
        """Only the Ville or the Préfecture checks conformity with the law (rule 8): the use
        case checks the agent's role, recorded as `role`."""
        if not statut:
            raise ChampInvalide(
                "statut", "Choisissez : conforme, non conforme ou en attente d'examen."
            )
        try:
            valeur = StatutConformite(statut)
        except ValueError:
            raise ChampInvalide(
                "statut", "Statut de conformité inconnu : « %(statut)s ».", statut=statut
            ) from None
        if not 1 <= numero <= len(self.reglements):
            raise DonneeInvalide(
                "Le règlement intérieur n'a pas de version %(numero)s.", numero=numero
            )
        if numero != len(self.reglements):
            raise EtatIncompatible(
                "Une version plus récente du règlement intérieur a été déposée : "
                "statuez sur la dernière version."
            )
        raison = au_champ(
            "motif",
            lambda: texte(
                motif, _("motif"), 2_000, obligatoire=valeur == StatutConformite.NON_CONFORME
            ),
        )
        self.trigger_event(
            self.ConformiteStatuee,
            numero=numero,
            statut=valeur.value,
            role=role.value,
            motif=raison,
            par=par,
            timestamp=le,
        )
