"""The composition root: wires the event store, the stores, the services and the read models."""

from collections.abc import Callable
from uuid import UUID, uuid4

from participation.archives import Archives
from participation.assemblee import ServiceAssemblee
from participation.avis import ServiceAvis
from participation.budget import ServiceBudgetParticipatif
from participation.calendriers import ServiceCalendriers
from participation.comptes import ServiceComptes
from participation.conseils import ServiceConseils
from participation.conservation import Conservation
from participation.convocations import ServiceConvocations
from participation.documents import ServiceDocuments
from participation.donnees_ouvertes import DonneesOuvertes
from participation.echeances import ServiceEcheances
from participation.geographie import ServiceGeographie
from participation.groupe_moteur import ServiceGroupeMoteur
from participation.historique import ServiceHistorique
from participation.instances import ServiceInstances
from participation.jetons import ServiceJetons
from participation.moyens import ServiceMoyens
from participation.notifications import ServiceNotifications
from participation.rapports import ServiceRapports
from participation.resumes import ServiceResumes
from participation.rgpd import ServiceRGPD
from participation.seances import ServiceSeances
from projections.lecture import Lecture
from projections.lecture_avis import LectureAvis
from projections.lecture_calendrier import LectureCalendrier
from projections.lecture_comptes_rendus import LectureComptesRendus
from projections.lecture_documents import LectureDocuments
from projections.lecture_donnees_ouvertes import LectureDonneesOuvertes
from projections.lecture_instances import LectureInstances
from projections.lecture_journal import LectureJournal
from projections.lecture_moyens import LectureMoyens
from projections.lecture_notifications import LectureNotifications
from projections.lecture_seances import LectureSeances
from projections.projecteur import Projecteur
from stockage.audit import Chaine
from stockage.calendriers import Calendriers
from stockage.configuration import Configuration
from stockage.fichiers import Fichiers, fichiers_pour
from stockage.identites import Identites
from stockage.jetons import Jetons
from stockage.lots import IdentitesParLots, RegistreParLots
from stockage.messagerie import Messagerie, messagerie_pour
from stockage.moteur import creer_moteur
from stockage.registre import Horloge, Registre, maintenant_utc
from stockage.reprises import Reprises
from stockage.schema import migrer


class Plateforme:
    """Everything a web worker or a CLI command needs, for one database."""

    def __init__(
        self,
        configuration: Configuration,
        horloge: Horloge = maintenant_utc,
        generateur_ids: Callable[[], UUID] = uuid4,
        messagerie: Messagerie | None = None,
        par_lots: bool = False,
        fichiers: Fichiers | None = None,
    ) -> None:
        """`par_lots`: events and identities are written in batches, for a single writer that
        loads a lot of data (the demo; see `stockage.lots`)."""
        self.configuration = configuration
        self.moteur = creer_moteur(configuration)
        self.registre: Registre
        self.identites: Identites
        if par_lots:
            identites = IdentitesParLots(self.moteur)
            self.registre = RegistreParLots(configuration, horloge, generateur_ids, identites)
            self.identites = identites
        else:
            self.registre = Registre(configuration, horloge, generateur_ids)
            self.identites = Identites(self.moteur)
        self.chaine = Chaine(self.registre, self.moteur)
        self.registre.chaine = self.chaine
        jetons = Jetons(self.moteur)
        self.jetons = ServiceJetons(jetons, self.registre)
        self.reprises = Reprises(self.moteur)
        self.comptes = ServiceComptes(self.registre, self.identites)
        self.conseils = ServiceConseils(self.registre)
        self.geographie = ServiceGeographie(self.registre, self.moteur)
        self.geographie.installer()
        self.moyens = ServiceMoyens(self.registre)
        self.assemblee = ServiceAssemblee(self.registre)
        self.seances = ServiceSeances(self.registre)
        self.historique = ServiceHistorique(self.registre, self.moteur)
        self.groupe_moteur = ServiceGroupeMoteur(self.registre, self.identites)
        self.avis = ServiceAvis(self.registre)
        self.budget = ServiceBudgetParticipatif(self.registre)
        self.instances = ServiceInstances(self.registre)
        self.projecteur = Projecteur(self.registre, self.moteur)
        self.lecture = Lecture(self.moteur)
        self.lecture_avis = LectureAvis(self.moteur)
        self.lecture_journal = LectureJournal(self.moteur)
        self.lecture_seances = LectureSeances(self.moteur)
        self.lecture_comptes_rendus = LectureComptesRendus(self.moteur)
        self.lecture_documents = LectureDocuments(self.moteur)
        self.lecture_moyens = LectureMoyens(self.moteur)
        self.lecture_instances = LectureInstances(self.moteur)
        self.fichiers = fichiers or fichiers_pour(configuration)
        self.documents = ServiceDocuments(
            self.registre,
            self.lecture_documents,
            self.fichiers,
            configuration.taille_max_document,
            self.projecteur.rattraper,
        )
        self.rapports = ServiceRapports(self.registre, self.moteur, self.projecteur)
        self.archives = Archives(self.moteur, self.rapports)
        self.donnees_ouvertes = DonneesOuvertes(
            LectureDonneesOuvertes(self.moteur),
            self.rapports,
            self.registre,
            configuration.url_publique,
        )
        self.messagerie = messagerie or messagerie_pour(configuration)
        self.echeances = ServiceEcheances(
            self.avis,
            self.moteur,
            self.identites,
            self.projecteur,
            self.messagerie,
            configuration.url_publique,
        )
        self.convocations = ServiceConvocations(
            self.registre,
            self.moteur,
            self.identites,
            self.projecteur,
            self.messagerie,
            configuration.url_publique,
        )
        lecture_notifications = LectureNotifications(self.moteur)
        self.notifications = ServiceNotifications(self.registre, self.moteur, lecture_notifications)
        self.resumes = ServiceResumes(
            self.convocations,
            self.moteur,
            self.identites,
            lecture_notifications,
            self.messagerie,
            configuration.url_publique,
        )

        calendriers = Calendriers(self.moteur)
        self.calendriers = ServiceCalendriers(
            LectureCalendrier(self.moteur), calendriers, self.registre, configuration.url_publique
        )
        self.rgpd = ServiceRGPD(
            self.registre, self.moteur, self.identites, jetons, calendriers, self.documents
        )
        self.conservation = Conservation(
            self.rgpd, self.moteur, self.identites, configuration.conservation_ans
        )

    def migrer(self) -> None:
        """Bring the schema to the latest version, institute the councils, catch up."""
        migrer_schema(self)
        self.conseils.instituer_tous()
        self.projecteur.rattraper()
        self.geographie.installer()

    def tenir_a_jour(self) -> None:
        """The web app's poller: catch the read models up, then the referential (a list or a
        council another process recorded is seen within seconds)."""
        self.projecteur.tenir_a_jour()
        self.geographie.installer()

    def fermer(self) -> None:
        self.registre.close()
        self.moteur.dispose()

    def __enter__(self) -> "Plateforme":
        return self

    def __exit__(self, *_exception: object) -> None:
        self.fermer()


def migrer_schema(plateforme: Plateforme) -> None:
    migrer(plateforme.moteur)
