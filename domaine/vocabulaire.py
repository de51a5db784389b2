"""Closed lists of the domain: each value is stored in events, each label is written in French
and shown in the request's language (`domaine.traduction`)."""

from enum import StrEnum

from domaine.traduction import N_, _


class College(StrEnum):
    HABITANT = "habitant"
    ACTEUR_LOCAL = "acteur_local"

    @property
    def libelle(self) -> str:
        libelle = {"habitant": N_("Habitant·e"), "acteur_local": N_("Acteur local")}[self.value]
        return _(libelle)


class Genre(StrEnum):
    """Declared only to watch parity (rule 5). "Ne se prononce pas" is a full answer, offered
    and counted as its own category (docs/metrics.md): nobody is assigned a gender."""

    FEMME = "femme"
    HOMME = "homme"
    AUTRE = "autre"
    NON_PRECISE = "ne_se_prononce_pas"

    @property
    def libelle(self) -> str:
        libelle = {
            "femme": N_("Femme"),
            "homme": N_("Homme"),
            "autre": N_("Autre"),
            "ne_se_prononce_pas": N_("Ne se prononce pas"),
        }[self.value]
        return _(libelle)


class TrancheAge(StrEnum):
    """Declared for the assembly's balance. An adult may keep their band to themself
    ("ne se prononce pas", which says 18 or over); a minor says so, for the parental consent
    (rule 6)."""

    MOINS_18 = "moins_de_18"
    DE_18_A_24 = "18_24"
    DE_25_A_39 = "25_39"
    DE_40_A_59 = "40_59"
    DE_60_A_74 = "60_74"
    PLUS_75 = "75_et_plus"
    NON_PRECISE = "ne_se_prononce_pas"

    @property
    def libelle(self) -> str:
        libelle = {
            "moins_de_18": N_("Moins de 18 ans"),
            "18_24": N_("18 à 24 ans"),
            "25_39": N_("25 à 39 ans"),
            "40_59": N_("40 à 59 ans"),
            "60_74": N_("60 à 74 ans"),
            "75_et_plus": N_("75 ans et plus"),
            "ne_se_prononce_pas": N_("Ne se prononce pas (18 ans ou plus)"),
        }[self.value]
        return _(libelle)


class TypeStructure(StrEnum):
    """Kind of structure an acteur local speaks for."""

    ASSOCIATION = "association"
    ECOLE = "ecole"
    AMICALE = "amicale"
    COMMERCE = "commerce"
    INSTITUTION = "institution"
    AUTRE = "autre"

    @property
    def libelle(self) -> str:
        libelle = {
            "association": N_("Association"),
            "ecole": N_("École"),
            "amicale": N_("Amicale"),
            "commerce": N_("Commerce"),
            "institution": N_("Institution"),
            "autre": N_("Autre"),
        }[self.value]
        return _(libelle)


class MotifSortie(StrEnum):
    """Why someone left: a closed list, so that no free text about a person lands in the log."""

    NON_PRECISE = "non_precise"
    DEMENAGEMENT = "demenagement"
    MANQUE_DE_TEMPS = "manque_de_temps"
    DESACCORD = "desaccord"
    RAISONS_PERSONNELLES = "raisons_personnelles"
    AUTRE = "autre"

    @property
    def libelle(self) -> str:
        libelle = {
            "non_precise": N_("Non précisé"),
            "demenagement": N_("Déménagement"),
            "manque_de_temps": N_("Manque de temps"),
            "desaccord": N_("Désaccord"),
            "raisons_personnelles": N_("Raisons personnelles"),
            "autre": N_("Autre"),
        }[self.value]
        return _(libelle)


class Role(StrEnum):
    PARTICIPANT = "participant"
    ANIMATEUR = "animateur"
    AGENT_VILLE = "agent_ville"
    AGENT_ETAT = "agent_etat"
    ADMIN = "admin"

    @property
    def libelle(self) -> str:
        libelle = {
            "participant": N_("Participant·e"),
            "animateur": N_("Animateur·rice"),
            "agent_ville": N_("Agent de la Ville"),
            "agent_etat": N_("Agent de l'État"),
            "admin": N_("Administrateur·rice"),
        }[self.value]
        return _(libelle)


class StatutConformite(StrEnum):
    EN_ATTENTE = "en_attente"
    CONFORME = "conforme"
    NON_CONFORME = "non_conforme"

    @property
    def libelle(self) -> str:
        libelle = {
            "en_attente": N_("En attente d'examen"),
            "conforme": N_("Conforme"),
            "non_conforme": N_("Non conforme"),
        }[self.value]
        return _(libelle)


class RegleMajorite(StrEnum):
    """How a council decides in open assembly; set per council, simple majority by default."""

    SIMPLE = "simple"
    ABSOLUE = "absolue"
    DEUX_TIERS = "deux_tiers"

    @property
    def libelle(self) -> str:
        libelle = {
            "simple": N_("Majorité simple (plus de pour que de contre)"),
            "absolue": N_("Majorité absolue (plus de la moitié des votants)"),
            "deux_tiers": N_("Majorité des deux tiers des suffrages exprimés"),
        }[self.value]
        return _(libelle)


class StatutSeance(StrEnum):
    PLANIFIEE = "planifiee"
    ANNULEE = "annulee"

    @property
    def libelle(self) -> str:
        libelle = {"planifiee": N_("Planifiée"), "annulee": N_("Annulée")}[self.value]
        return _(libelle)


class ModaliteSeance(StrEnum):
    """How a séance is held: in a room, online (the Ville's videoconference tool), or both."""

    PRESENTIEL = "presentiel"
    EN_LIGNE = "en_ligne"
    HYBRIDE = "hybride"

    @property
    def libelle(self) -> str:
        libelle = {
            "presentiel": N_("En présentiel"),
            "en_ligne": N_("En ligne (visioconférence)"),
            "hybride": N_("Hybride (sur place et en visioconférence)"),
        }[self.value]
        return _(libelle)

    @property
    def a_distance(self) -> bool:
        """Online or hybrid: members may attend and vote remotely."""
        return self != ModaliteSeance.PRESENTIEL


class Accessibilite(StrEnum):
    """What a séance offers so that everyone can come (stated by the animateurs)."""

    PLAIN_PIED = "plain_pied"
    INTERPRETATION_LSF = "interpretation_lsf"
    GARDE_ENFANTS = "garde_enfants"

    @property
    def libelle(self) -> str:
        libelle = {
            "plain_pied": N_("accès de plain-pied"),
            "interpretation_lsf": N_("interprétation en langue des signes française (LSF)"),
            "garde_enfants": N_("garde d'enfants"),
        }[self.value]
        return _(libelle)


class ChoixDeVote(StrEnum):
    """A member's answer in an online poll."""

    POUR = "pour"
    CONTRE = "contre"
    ABSTENTION = "abstention"

    @property
    def libelle(self) -> str:
        libelle = {"pour": N_("Pour"), "contre": N_("Contre"), "abstention": N_("Abstention")}
        return _(libelle[self.value])


class FormeStructurePorteuse(StrEnum):
    """The three ways a council may be carried (seed l.1630)."""

    ASSOCIATION_AD_HOC = "association_ad_hoc"
    ASSOCIATION_EXISTANTE = "association_existante"
    COLLECTIF_INFORMEL = "collectif_informel"

    @property
    def libelle(self) -> str:
        libelle = {
            "association_ad_hoc": N_("Association créée pour le conseil citoyen"),
            "association_existante": N_("Association locale existante"),
            "collectif_informel": N_("Collectif informel porté par une association parisienne"),
        }[self.value]
        return _(libelle)


class VoieEntree(StrEnum):
    """How someone entered the groupe moteur (seed l.1629)."""

    TIRAGE = "tirage"
    CONSENSUS = "consensus"
    VOLONTAIRE = "volontaire"

    @property
    def libelle(self) -> str:
        libelle = {
            "tirage": N_("Tiré·e au sort"),
            "consensus": N_("Désigné·e par consensus des acteurs locaux"),
            "volontaire": N_("Volontaire accepté·e"),
        }[self.value]
        return _(libelle)


class MotifSortieGroupe(StrEnum):
    """Why someone left the groupe moteur (rule 11)."""

    DEMISSION = "demission"
    ABSENCES = "absences_repetees"
    DEMENAGEMENT = "demenagement"
    FIN_DE_MANDAT = "fin_de_mandat"
    REFUS = "refus"

    @property
    def libelle(self) -> str:
        libelle = {
            "demission": N_("Démission"),
            "absences_repetees": N_("Absences répétées non justifiées"),
            "demenagement": N_("Déménagement"),
            "fin_de_mandat": N_("Fin de mandat"),
            "refus": N_("A refusé après le tirage"),
        }[self.value]
        return _(libelle)


class OrigineAvis(StrEnum):
    """Why the council speaks (rules 14 and 18)."""

    AUTO_SAISINE = "auto_saisine"
    SAISINE = "saisine"
    INTERPELLATION = "interpellation"

    @property
    def libelle(self) -> str:
        libelle = {
            "auto_saisine": N_("Auto-saisine"),
            "saisine": N_("Saisine par une institution"),
            "interpellation": N_("Interpellation du préfet"),
        }[self.value]
        return _(libelle)


class Destinataire(StrEnum):
    """Who an avis is addressed to, and so who must answer it."""

    VILLE = "ville"
    ETAT = "etat"
    MAIRIE_ARRONDISSEMENT = "mairie_arrondissement"
    BAILLEUR_SOCIAL = "bailleur_social"
    AUTRE = "autre"

    @property
    def libelle(self) -> str:
        libelle = {
            "ville": N_("Ville de Paris"),
            "etat": N_("État / Préfecture"),
            "mairie_arrondissement": N_("Mairie d'arrondissement"),
            "bailleur_social": N_("Bailleur social"),
            "autre": N_("Autre institution"),
        }[self.value]
        return _(libelle)

    @property
    def roles_repondants(self) -> tuple[Role, ...]:
        """The agents who record this addressee's answers: the Ville's agents for the Ville and
        the mairies, the Préfecture's for the État; either for other institutions, whose
        answers reach the council through the contract's partners."""
        if self in (Destinataire.VILLE, Destinataire.MAIRIE_ARRONDISSEMENT):
            return (Role.AGENT_VILLE,)
        if self == Destinataire.ETAT:
            return (Role.AGENT_ETAT,)
        return (Role.AGENT_VILLE, Role.AGENT_ETAT)


class AxeContrat(StrEnum):
    """The three axes of the Paris Contrat de Ville 2015-2020 (seed l.399-410)."""

    PARCOURS = "axe_1"
    VIVRE_SA_VILLE = "axe_2"
    DYNAMISER = "axe_3"

    @property
    def libelle(self) -> str:
        libelle = {
            "axe_1": N_("Axe 1 : accompagner les parcours et prévenir les ruptures"),
            "axe_2": N_("Axe 2 : vivre sa ville et son quartier"),
            "axe_3": N_("Axe 3 : dynamiser les quartiers dans la ville"),
        }[self.value]
        return _(libelle)


class StatutAvis(StrEnum):
    SAISINE_RECUE = "saisine_recue"
    BROUILLON = "brouillon"
    ADOPTE = "adopte"
    TRANSMIS = "transmis"
    RECEPTION_ACCUSEE = "reception_accusee"
    REPONDU = "repondu"
    PARTENAIRES_INFORMES = "partenaires_informes"
    DIAGNOSTIC_PRESENTE = "diagnostic_presente"
    CLOS = "clos"
    RETIRE = "retire"

    @property
    def libelle(self) -> str:
        libelle = {
            "saisine_recue": N_("Saisine reçue"),
            "brouillon": N_("Projet en cours de rédaction"),
            "adopte": N_("Adopté en assemblée"),
            "transmis": N_("Transmis"),
            "reception_accusee": N_("Réception accusée"),
            "repondu": N_("Réponse reçue"),
            "partenaires_informes": N_("Partenaires informés par le préfet"),
            "diagnostic_presente": N_("Diagnostic présenté au comité de pilotage"),
            "clos": N_("Clos"),
            "retire": N_("Retiré"),
        }[self.value]
        return _(libelle)

    @property
    def attend_une_reponse(self) -> bool:
        return self in (StatutAvis.TRANSMIS, StatutAvis.RECEPTION_ACCUSEE)

    @property
    def avant_transmission(self) -> bool:
        return self in (StatutAvis.SAISINE_RECUE, StatutAvis.BROUILLON, StatutAvis.ADOPTE)


class ThemeBP(StrEnum):
    """Themes of a budget participatif proposal."""

    CADRE_DE_VIE = "cadre_de_vie"
    SOLIDARITE = "solidarite"
    EDUCATION = "education"
    ENVIRONNEMENT = "environnement"
    CULTURE = "culture"
    SPORT = "sport"
    AUTRE = "autre"

    @property
    def libelle(self) -> str:
        libelle = {
            "cadre_de_vie": N_("Cadre de vie"),
            "solidarite": N_("Solidarité"),
            "education": N_("Éducation"),
            "environnement": N_("Environnement"),
            "culture": N_("Culture"),
            "sport": N_("Sport"),
            "autre": N_("Autre"),
        }[self.value]
        return _(libelle)


class StatutProposition(StrEnum):
    """Where a budget participatif proposal stands; the legal moves are in `domaine.budget`."""

    DEPOSEE = "deposee"
    RECEVABLE = "recevable"
    IRRECEVABLE = "irrecevable"
    ETUDIEE = "etudiee"
    SOUMISE_AU_VOTE = "soumise_au_vote"
    LAUREATE = "laureate"
    NON_RETENUE = "non_retenue"
    EN_REALISATION = "en_realisation"
    REALISEE = "realisee"
    ABANDONNEE = "abandonnee"
    FUSIONNEE = "fusionnee"

    @property
    def libelle(self) -> str:
        libelle = {
            "deposee": N_("Déposée"),
            "recevable": N_("Recevable"),
            "irrecevable": N_("Irrecevable"),
            "etudiee": N_("Étudiée"),
            "soumise_au_vote": N_("Soumise au vote"),
            "laureate": N_("Lauréate"),
            "non_retenue": N_("Non retenue"),
            "en_realisation": N_("En réalisation"),
            "realisee": N_("Réalisée"),
            "abandonnee": N_("Abandonnée"),
            "fusionnee": N_("Fusionnée"),
        }[self.value]
        return _(libelle)


class ComitePilotage(StrEnum):
    """Steering committees where councils have representatives (rule 16)."""

    PARISIEN = "copil_parisien"
    ARRONDISSEMENT = "copil_arrondissement"

    @property
    def libelle(self) -> str:
        libelle = {
            "copil_parisien": N_("Comité de pilotage parisien du contrat de ville"),
            "copil_arrondissement": N_("Comité de pilotage d'arrondissement"),
        }[self.value]
        return _(libelle)


class MotifEffacement(StrEnum):
    """Why a person's data was erased (RGPD): a closed list, recorded in the `Compte.Efface`
    event instead of any free text."""

    DEMANDE_PERSONNE = "demande_personne"
    DEMANDE_ADMINISTRATION = "demande_administration"
    CONSERVATION_ECOULEE = "conservation_ecoulee"

    @property
    def libelle(self) -> str:
        libelle = {
            "demande_personne": N_("Demande de la personne"),
            "demande_administration": N_("Demande transmise à l'administration"),
            "conservation_ecoulee": N_("Durée de conservation écoulée"),
        }[self.value]
        return _(libelle)


class ModeCourriels(StrEnum):
    """How a person wants to be told by e-mail (convocations, reminders). In-app notifications
    always appear; only the e-mails change."""

    TOUS = "tous"
    RESUME = "resume"
    AUCUN = "aucun"

    @property
    def libelle(self) -> str:
        libelle = {
            "tous": N_("Chaque message, dès qu'il est envoyé (par défaut)"),
            "resume": N_("Un résumé par semaine, le lundi matin"),
            "aucun": N_("Aucun courriel (seulement les notifications sur le site)"),
        }[self.value]
        return _(libelle)


class NatureInstance(StrEnum):
    """The kinds of bodies of the contrat de ville where councils have delegates (rule 16)."""

    COPIL_PARISIEN = "copil_parisien"
    COPIL_ARRONDISSEMENT = "copil_arrondissement"
    COMITE_TECHNIQUE = "comite_technique"
    RENOUVELLEMENT_URBAIN = "renouvellement_urbain"
    REVUE_DE_PROJETS = "revue_de_projets"
    CONSEIL_DE_QUARTIER = "conseil_de_quartier"
    AUTRE = "autre"

    @property
    def libelle(self) -> str:
        libelle = {
            "copil_parisien": N_("Comité de pilotage parisien du contrat de ville"),
            "copil_arrondissement": N_("Comité de pilotage d'arrondissement"),
            "comite_technique": N_("Comité technique"),
            "renouvellement_urbain": N_("Instance de renouvellement urbain (ANRU / NPNRU)"),
            "revue_de_projets": N_("Revue de projets"),
            "conseil_de_quartier": N_("Lien avec un conseil de quartier"),
            "autre": N_("Autre instance"),
        }[self.value]
        return _(libelle)


class RoleMandat(StrEnum):
    """A delegate sits as titular or as substitute (suppléant·e)."""

    TITULAIRE = "titulaire"
    SUPPLEANT = "suppleant"

    @property
    def libelle(self) -> str:
        libelle = {"titulaire": N_("Titulaire"), "suppleant": N_("Suppléant·e")}[self.value]
        return _(libelle)


class MotifFinMandat(StrEnum):
    """Why a mandate ends before its term."""

    DEMISSION = "demission"
    SORTIE_DE_L_ASSEMBLEE = "sortie_de_l_assemblee"
    AUTRE = "autre"

    @property
    def libelle(self) -> str:
        libelle = {
            "demission": N_("Démission"),
            "sortie_de_l_assemblee": N_("Sortie de l'assemblée ouverte"),
            "autre": N_("Autre motif"),
        }[self.value]
        return _(libelle)
