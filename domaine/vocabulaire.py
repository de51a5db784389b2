"""Closed lists of the domain: each value is stored in events, each label is shown in French."""

from enum import StrEnum


class College(StrEnum):
    HABITANT = "habitant"
    ACTEUR_LOCAL = "acteur_local"

    @property
    def libelle(self) -> str:
        return {"habitant": "Habitant·e", "acteur_local": "Acteur local"}[self.value]


class Genre(StrEnum):
    """Declared only to watch parity (rule 5). "Ne se prononce pas" is a full answer, offered
    and counted as its own category (docs/metrics.md): nobody is assigned a gender."""

    FEMME = "femme"
    HOMME = "homme"
    AUTRE = "autre"
    NON_PRECISE = "ne_se_prononce_pas"

    @property
    def libelle(self) -> str:
        return {
            "femme": "Femme",
            "homme": "Homme",
            "autre": "Autre",
            "ne_se_prononce_pas": "Ne se prononce pas",
        }[self.value]


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
        return {
            "moins_de_18": "Moins de 18 ans",
            "18_24": "18 à 24 ans",
            "25_39": "25 à 39 ans",
            "40_59": "40 à 59 ans",
            "60_74": "60 à 74 ans",
            "75_et_plus": "75 ans et plus",
            "ne_se_prononce_pas": "Ne se prononce pas (18 ans ou plus)",
        }[self.value]


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
        return {
            "association": "Association",
            "ecole": "École",
            "amicale": "Amicale",
            "commerce": "Commerce",
            "institution": "Institution",
            "autre": "Autre",
        }[self.value]


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
        return {
            "non_precise": "Non précisé",
            "demenagement": "Déménagement",
            "manque_de_temps": "Manque de temps",
            "desaccord": "Désaccord",
            "raisons_personnelles": "Raisons personnelles",
            "autre": "Autre",
        }[self.value]


class Role(StrEnum):
    PARTICIPANT = "participant"
    ANIMATEUR = "animateur"
    AGENT_VILLE = "agent_ville"
    AGENT_ETAT = "agent_etat"
    ADMIN = "admin"

    @property
    def libelle(self) -> str:
        return {
            "participant": "Participant·e",
            "animateur": "Animateur·rice",
            "agent_ville": "Agent de la Ville",
            "agent_etat": "Agent de l'État",
            "admin": "Administrateur·rice",
        }[self.value]


class StatutConformite(StrEnum):
    EN_ATTENTE = "en_attente"
    CONFORME = "conforme"
    NON_CONFORME = "non_conforme"

    @property
    def libelle(self) -> str:
        return {
            "en_attente": "En attente d'examen",
            "conforme": "Conforme",
            "non_conforme": "Non conforme",
        }[self.value]


class RegleMajorite(StrEnum):
    """How a council decides in open assembly; set per council, simple majority by default."""

    SIMPLE = "simple"
    ABSOLUE = "absolue"
    DEUX_TIERS = "deux_tiers"

    @property
    def libelle(self) -> str:
        return {
            "simple": "Majorité simple (plus de pour que de contre)",
            "absolue": "Majorité absolue (plus de la moitié des votants)",
            "deux_tiers": "Majorité des deux tiers des suffrages exprimés",
        }[self.value]


class StatutSeance(StrEnum):
    PLANIFIEE = "planifiee"
    ANNULEE = "annulee"

    @property
    def libelle(self) -> str:
        return {"planifiee": "Planifiée", "annulee": "Annulée"}[self.value]


class ModaliteSeance(StrEnum):
    """How a séance is held: in a room, online (the Ville's videoconference tool), or both."""

    PRESENTIEL = "presentiel"
    EN_LIGNE = "en_ligne"
    HYBRIDE = "hybride"

    @property
    def libelle(self) -> str:
        return {
            "presentiel": "En présentiel",
            "en_ligne": "En ligne (visioconférence)",
            "hybride": "Hybride (sur place et en visioconférence)",
        }[self.value]

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
        return {
            "plain_pied": "accès de plain-pied",
            "interpretation_lsf": "interprétation en langue des signes française (LSF)",
            "garde_enfants": "garde d'enfants",
        }[self.value]


class ChoixDeVote(StrEnum):
    """A member's answer in an online poll."""

    POUR = "pour"
    CONTRE = "contre"
    ABSTENTION = "abstention"

    @property
    def libelle(self) -> str:
        return {"pour": "Pour", "contre": "Contre", "abstention": "Abstention"}[self.value]


class FormeStructurePorteuse(StrEnum):
    """The three ways a council may be carried (seed l.1630)."""

    ASSOCIATION_AD_HOC = "association_ad_hoc"
    ASSOCIATION_EXISTANTE = "association_existante"
    COLLECTIF_INFORMEL = "collectif_informel"

    @property
    def libelle(self) -> str:
        return {
            "association_ad_hoc": "Association créée pour le conseil citoyen",
            "association_existante": "Association locale existante",
            "collectif_informel": "Collectif informel porté par une association parisienne",
        }[self.value]


class VoieEntree(StrEnum):
    """How someone entered the groupe moteur (seed l.1629)."""

    TIRAGE = "tirage"
    CONSENSUS = "consensus"
    VOLONTAIRE = "volontaire"

    @property
    def libelle(self) -> str:
        return {
            "tirage": "Tiré·e au sort",
            "consensus": "Désigné·e par consensus des acteurs locaux",
            "volontaire": "Volontaire accepté·e",
        }[self.value]


class MotifSortieGroupe(StrEnum):
    """Why someone left the groupe moteur (rule 11)."""

    DEMISSION = "demission"
    ABSENCES = "absences_repetees"
    DEMENAGEMENT = "demenagement"
    FIN_DE_MANDAT = "fin_de_mandat"
    REFUS = "refus"

    @property
    def libelle(self) -> str:
        return {
            "demission": "Démission",
            "absences_repetees": "Absences répétées non justifiées",
            "demenagement": "Déménagement",
            "fin_de_mandat": "Fin de mandat",
            "refus": "A refusé après le tirage",
        }[self.value]


class OrigineAvis(StrEnum):
    """Why the council speaks (rules 14 and 18)."""

    AUTO_SAISINE = "auto_saisine"
    SAISINE = "saisine"
    INTERPELLATION = "interpellation"

    @property
    def libelle(self) -> str:
        return {
            "auto_saisine": "Auto-saisine",
            "saisine": "Saisine par une institution",
            "interpellation": "Interpellation du préfet",
        }[self.value]


class Destinataire(StrEnum):
    """Who an avis is addressed to, and so who must answer it."""

    VILLE = "ville"
    ETAT = "etat"
    MAIRIE_ARRONDISSEMENT = "mairie_arrondissement"
    BAILLEUR_SOCIAL = "bailleur_social"
    AUTRE = "autre"

    @property
    def libelle(self) -> str:
        return {
            "ville": "Ville de Paris",
            "etat": "État / Préfecture",
            "mairie_arrondissement": "Mairie d'arrondissement",
            "bailleur_social": "Bailleur social",
            "autre": "Autre institution",
        }[self.value]

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
        return {
            "axe_1": "Axe 1 : accompagner les parcours et prévenir les ruptures",
            "axe_2": "Axe 2 : vivre sa ville et son quartier",
            "axe_3": "Axe 3 : dynamiser les quartiers dans la ville",
        }[self.value]


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
        return {
            "saisine_recue": "Saisine reçue",
            "brouillon": "Projet en cours de rédaction",
            "adopte": "Adopté en assemblée",
            "transmis": "Transmis",
            "reception_accusee": "Réception accusée",
            "repondu": "Réponse reçue",
            "partenaires_informes": "Partenaires informés par le préfet",
            "diagnostic_presente": "Diagnostic présenté au comité de pilotage",
            "clos": "Clos",
            "retire": "Retiré",
        }[self.value]

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
        return {
            "cadre_de_vie": "Cadre de vie",
            "solidarite": "Solidarité",
            "education": "Éducation",
            "environnement": "Environnement",
            "culture": "Culture",
            "sport": "Sport",
            "autre": "Autre",
        }[self.value]


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
        return {
            "deposee": "Déposée",
            "recevable": "Recevable",
            "irrecevable": "Irrecevable",
            "etudiee": "Étudiée",
            "soumise_au_vote": "Soumise au vote",
            "laureate": "Lauréate",
            "non_retenue": "Non retenue",
            "en_realisation": "En réalisation",
            "realisee": "Réalisée",
            "abandonnee": "Abandonnée",
            "fusionnee": "Fusionnée",
        }[self.value]


class ComitePilotage(StrEnum):
    """Steering committees where councils have representatives (rule 16)."""

    PARISIEN = "copil_parisien"
    ARRONDISSEMENT = "copil_arrondissement"

    @property
    def libelle(self) -> str:
        return {
            "copil_parisien": "Comité de pilotage parisien du contrat de ville",
            "copil_arrondissement": "Comité de pilotage d'arrondissement",
        }[self.value]


class MotifEffacement(StrEnum):
    """Why a person's data was erased (RGPD): a closed list, recorded in the `Compte.Efface`
    event instead of any free text."""

    DEMANDE_PERSONNE = "demande_personne"
    DEMANDE_ADMINISTRATION = "demande_administration"
    CONSERVATION_ECOULEE = "conservation_ecoulee"

    @property
    def libelle(self) -> str:
        return {
            "demande_personne": "Demande de la personne",
            "demande_administration": "Demande transmise à l'administration",
            "conservation_ecoulee": "Durée de conservation écoulée",
        }[self.value]


class ModeCourriels(StrEnum):
    """How a person wants to be told by e-mail (convocations, reminders). In-app notifications
    always appear; only the e-mails change."""

    TOUS = "tous"
    RESUME = "resume"
    AUCUN = "aucun"

    @property
    def libelle(self) -> str:
        return {
            "tous": "Chaque message, dès qu'il est envoyé (par défaut)",
            "resume": "Un résumé par semaine, le lundi matin",
            "aucun": "Aucun courriel (seulement les notifications sur le site)",
        }[self.value]


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
        return {
            "copil_parisien": "Comité de pilotage parisien du contrat de ville",
            "copil_arrondissement": "Comité de pilotage d'arrondissement",
            "comite_technique": "Comité technique",
            "renouvellement_urbain": "Instance de renouvellement urbain (ANRU / NPNRU)",
            "revue_de_projets": "Revue de projets",
            "conseil_de_quartier": "Lien avec un conseil de quartier",
            "autre": "Autre instance",
        }[self.value]


class RoleMandat(StrEnum):
    """A delegate sits as titular or as substitute (suppléant·e)."""

    TITULAIRE = "titulaire"
    SUPPLEANT = "suppleant"

    @property
    def libelle(self) -> str:
        return {"titulaire": "Titulaire", "suppleant": "Suppléant·e"}[self.value]


class MotifFinMandat(StrEnum):
    """Why a mandate ends before its term."""

    DEMISSION = "demission"
    SORTIE_DE_L_ASSEMBLEE = "sortie_de_l_assemblee"
    AUTRE = "autre"

    @property
    def libelle(self) -> str:
        return {
            "demission": "Démission",
            "sortie_de_l_assemblee": "Sortie de l'assemblée ouverte",
            "autre": "Autre motif",
        }[self.value]
