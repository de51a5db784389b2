"""What the demo's councils, the Ville and the État write: agendas, decisions, minutes, avis, their
answers, and comments on budget participatif proposals.

A small corpus per theme (propreté, cadre de vie, tranquillité, jeunesse, éducation, santé,
logement, mobilités, culture, sport, solidarité, budget participatif) from which texts are
composed, so that the demo reads like the record of real councils rather than filler. Nothing
here is personal: people appear by their role ("la directrice du centre social"), places by the
name of the priority neighbourhood (QPV) or a common landmark ("devant l'école élémentaire").

Every choice among variants is drawn from a `random.Random` the caller keeps for texts only, so
that the simulation's own draws (who comes, how they vote, when things happen) do not depend on
the corpus: rewording a sentence here changes no other data of the demo.
"""

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from domaine.temps import a_paris

_JOURS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
_MOIS = [
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
]  # fmt: skip

LIEUX = [
    "au pied des immeubles",
    "devant l'école élémentaire",
    "autour du marché",
    "le long de la promenade",
    "près de la station de métro",
    "dans le square",
    "dans la cour de la résidence",
]


@dataclass(frozen=True)
class Theme:
    """One subject a council discusses: its agenda item, what people say about it, the motions
    put to the vote, and who comes from an institution to present it."""

    point: str
    constats: tuple[str, ...]
    motions: tuple[str, ...]
    invite: str


THEMES: dict[str, Theme] = {
    "proprete": Theme(
        "Propreté des espaces publics",
        (
            "Plusieurs habitant·es signalent des dépôts sauvages d'encombrants {lieu}, parfois "
            "plusieurs jours de suite, et des corbeilles qui débordent le dimanche soir.",
            "L'agent de la division propreté rappelle les horaires de passage des équipes et le "
            "retrait gratuit des encombrants sur rendez-vous ; il reconnaît que le secteur "
            "{quartier} est difficile depuis la fermeture du local vide-ordures.",
            "Les gardien·nes présent·es expliquent que les bacs de tri sont trop petits pour le "
            "nombre de logements ; des déjections canines sont signalées près de l'aire de jeux.",
            "Une habitante propose une matinée de nettoyage avec les écoles et l'amicale "
            "des locataires, comme l'an dernier, qui avait réuni une soixantaine de personnes.",
        ),
        (
            "Demander à la Ville un passage supplémentaire des équipes de propreté le dimanche "
            "matin dans le secteur {quartier}.",
            "Demander des corbeilles de plus grande capacité et un point de collecte des "
            "encombrants {lieu}.",
            "Organiser avec les écoles et l'amicale des locataires une matinée de nettoyage "
            "du quartier au printemps.",
        ),
        "un agent de la division propreté de l'arrondissement",
    ),
    "cadre_de_vie": Theme(
        "Réaménagement de la place et cadre de vie",
        (
            "Le projet de réaménagement de la place est présenté sur plans : moins de "
            "stationnement, des bancs et des arbres, un parvis piéton devant l'école.",
            "Des commerçant·es craignent de perdre leurs places de livraison ; des parents "
            "demandent au contraire une circulation apaisée aux heures d'entrée des classes.",
            "Les personnes âgées présentes regrettent l'absence de bancs à l'ombre {lieu} et de "
            "toilettes publiques accessibles.",
            "Le conseil note que les réunions de concertation ont lieu en journée, quand "
            "beaucoup d'habitant·es {de_quartier} travaillent.",
        ),
        (
            "Demander que la concertation sur la place comprenne une réunion en soirée et une "
            "permanence le samedi matin au marché.",
            "Demander des bancs à l'ombre et une fontaine à boire {lieu}.",
            "Rendre un avis favorable au parvis piéton devant l'école, sous réserve de garder "
            "deux places de livraison.",
        ),
        "la cheffe de projet politique de la ville de l'arrondissement",
    ),
    "tranquillite": Theme(
        "Tranquillité publique et sécurité aux abords des écoles",
        (
            "Des parents d'élèves décrivent des traversées dangereuses devant l'école "
            "élémentaire, où les voitures roulent vite malgré le passage piéton.",
            "Des habitant·es {de_quartier} signalent des regroupements tard le soir dans les "
            "halls et du bruit jusqu'à deux heures du matin ; ils ne savent pas à qui "
            "s'adresser.",
            "La déléguée à la cohésion police-population présente les dispositifs existants : "
            "groupe de partenariat opérationnel, correspondants de nuit, signalement en ligne.",
            "Le conseil rappelle que la tranquillité passe aussi par l'éclairage, une présence "
            "humaine et des activités pour les jeunes en soirée.",
        ),
        (
            "Demander un point école aux heures d'entrée et de sortie et un ralentisseur devant "
            "le passage piéton de l'école élémentaire.",
            "Demander qu'un membre du conseil citoyen participe au groupe de partenariat "
            "opérationnel du secteur {quartier}.",
            "Demander la réparation des éclairages en panne dans les cheminements piétons {lieu}.",
        ),
        "la déléguée à la cohésion police-population",
    ),
    "jeunesse": Theme(
        "Jeunesse : activités et lieux pour les 12-25 ans",
        (
            "Les jeunes présent·es expliquent qu'aucun lieu n'est ouvert après 19 h à "
            "{quartier}, en dehors du city-stade.",
            "Le responsable du centre Paris Anim' présente les activités de l'été et les "
            "chantiers éducatifs ; les inscriptions sont complètes en quelques heures.",
            "Des parents demandent des stages de révision pendant les vacances et de l'aide "
            "pour trouver un stage d'observation de troisième.",
        ),
        (
            "Demander l'ouverture de l'espace jeunes jusqu'à 21 h en semaine et le samedi "
            "après-midi.",
            "Constituer avec le collège et les associations un réseau d'entreprises qui "
            "accueillent des stagiaires de troisième.",
            "Demander des places supplémentaires dans les séjours d'été pour les jeunes du "
            "quartier.",
        ),
        "le responsable du centre Paris Anim'",
    ),
    "education": Theme(
        "Éducation et réussite scolaire",
        (
            "Des parents signalent des absences d'enseignant·es non remplacées au collège "
            "depuis plusieurs semaines.",
            "La coordinatrice du programme de réussite éducative présente l'accompagnement "
            "proposé aux familles ; peu de parents présents le connaissaient.",
            "L'aide aux devoirs des associations manque de bénévoles et de salles le soir.",
        ),
        (
            "Demander au rectorat le remplacement rapide des absences au collège et une "
            "rencontre avec les parents d'élèves.",
            "Demander l'ouverture de salles d'école le soir pour l'aide aux devoirs associative.",
            "Faire connaître le programme de réussite éducative par une réunion d'information "
            "dans chaque école du quartier.",
        ),
        "la coordinatrice du programme de réussite éducative",
    ),
    "sante": Theme(
        "Santé et accès aux soins",
        (
            "Le dernier médecin généraliste du secteur part à la retraite à la fin de l'année ; "
            "plusieurs habitant·es n'ont déjà plus de médecin traitant.",
            "L'atelier santé ville présente le projet de maison de santé et les permanences de "
            "prévention (dépistage, vaccination, bilans de santé).",
            "Des habitant·es évoquent les délais du centre médico-psychologique et le besoin "
            "d'un accompagnement en santé mentale pour les jeunes.",
        ),
        (
            "Soutenir le projet de maison de santé et demander qu'elle propose des "
            "consultations sans rendez-vous.",
            "Demander une journée de dépistage et de prévention {lieu}.",
            "Demander une permanence de l'Assurance maladie dans le quartier une fois par semaine.",
        ),
        "la coordinatrice de l'atelier santé ville",
    ),
    "logement": Theme(
        "Logement social : relations avec les bailleurs",
        (
            "Des locataires décrivent des ascenseurs en panne pendant des semaines, des "
            "infiltrations et des caves inondées ; leurs réclamations restent sans réponse.",
            "Le responsable de l'agence du bailleur présente le calendrier de réhabilitation de "
            "la résidence et reconnaît des retards sur les réparations courantes.",
            "L'amicale des locataires rappelle que les charges ont augmenté alors que le "
            "ménage des parties communes n'est plus assuré le samedi.",
        ),
        (
            "Demander au bailleur un délai maximal de réparation des ascenseurs et un point "
            "mensuel avec l'amicale des locataires.",
            "Demander une visite des logements signalés pour humidité, avec un technicien du "
            "bailleur et un membre du conseil citoyen.",
            "Demander le détail de la régularisation des charges avant tout nouvel appel de fonds.",
        ),
        "le responsable de l'agence locale du bailleur social",
    ),
    "mobilites": Theme(
        "Mobilités : bus, vélo et marche",
        (
            "Des habitant·es signalent des bus supprimés le soir sur la ligne qui dessert "
            "l'hôpital.",
            "La nouvelle piste cyclable est appréciée, mais des livreurs s'y arrêtent et les "
            "piétons ne savent plus où traverser.",
            "Des personnes en fauteuil et des parents avec poussette signalent des trottoirs "
            "encombrés et une station de métro sans ascenseur.",
        ),
        (
            "Demander le rétablissement de la fréquence du bus en soirée.",
            "Demander des aires de livraison et des traversées piétonnes signalées le long de "
            "la piste cyclable.",
            "Demander un calendrier de mise en accessibilité de la station de métro.",
        ),
        "un représentant de la section territoriale de voirie",
    ),
    "culture": Theme(
        "Culture et animation du quartier",
        (
            "Le bilan de la fête de quartier est présenté : près de six cents personnes, une "
            "scène ouverte aux jeunes et un repas partagé très apprécié.",
            "La bibliothèque propose d'accueillir des ateliers de conversation en français ; "
            "deux associations {de_quartier} sont prêtes à les animer.",
            "Des habitant·es souhaitent une fresque sur l'histoire du quartier, réalisée avec "
            "les écoles et les anciens.",
        ),
        (
            "Organiser la prochaine fête de quartier le premier samedi de juin, avec une "
            "commission ouverte à toutes et tous pour la préparer.",
            "Demander l'ouverture de la bibliothèque le dimanche pendant l'été.",
            "Proposer au budget participatif une fresque sur l'histoire du quartier.",
        ),
        "la directrice de la bibliothèque",
    ),
    "sport": Theme(
        "Sport pour toutes et tous",
        (
            "Le terrain de basket est en mauvais état et n'est pas éclairé ; des jeunes filles "
            "disent ne pas s'y sentir à leur place.",
            "Les créneaux du gymnase sont tous attribués aux clubs : il n'en reste aucun en "
            "accès libre pour les habitant·es.",
            "Une association propose des séances de sport santé pour les seniors {lieu}, le "
            "mardi matin.",
        ),
        (
            "Demander la rénovation et l'éclairage du terrain de basket, avec des créneaux "
            "réservés aux filles.",
            "Demander un créneau du gymnase en accès libre le samedi après-midi.",
            "Soutenir les séances de sport santé pour les seniors et demander un local pour "
            "ranger le matériel.",
        ),
        "le chef de la circonscription des équipements sportifs",
    ),
    "solidarite": Theme(
        "Solidarité et accès aux droits",
        (
            "Les associations constatent une hausse des demandes d'aide alimentaire, en "
            "particulier de familles monoparentales et d'étudiant·es.",
            "Depuis la fermeture de l'accueil de la CAF, les démarches se font en ligne ; "
            "beaucoup d'habitant·es {de_quartier} n'ont pas d'ordinateur ou n'y arrivent pas "
            "seul·es.",
            "Le centre social présente ses permanences d'écrivain public et d'aide numérique, "
            "complètes deux semaines à l'avance.",
        ),
        (
            "Demander le rétablissement d'un accueil physique de la CAF une demi-journée par "
            "semaine.",
            "Demander un second poste de médiateur numérique au centre social.",
            "Relayer la collecte de la banque alimentaire et recenser les besoins des familles "
            "du quartier.",
        ),
        "la directrice du centre social",
    ),
    "budget": Theme(
        "Propositions pour le budget participatif",
        (
            "Les membres présentent les idées recueillies au marché et à la sortie des écoles : "
            "bancs, jardin partagé, éclairage, agrès sportifs.",
            "Le conseil rappelle les règles : un projet d'investissement, sur l'espace public "
            "ou dans un équipement, d'intérêt général.",
            "Plusieurs propositions se recoupent ; le conseil propose aux porteurs de les "
            "fusionner pour leur donner plus de chances au vote.",
        ),
        (
            "Porter au nom du conseil citoyen le projet de jardin partagé {lieu}.",
            "Tenir un atelier le samedi au centre social pour aider les habitant·es à déposer "
            "leurs propositions.",
            "Réunir en un seul projet les propositions d'éclairage du secteur {quartier}.",
        ),
        "la chargée de mission budget participatif de la mairie",
    ),
}
SUJETS = list(THEMES)
"""The themes a séance may take up (their number is part of the demo's draws: keep twelve)."""

_QUESTIONS_DIVERSES = [
    "rappel de la permanence du conseil citoyen au marché le samedi matin",
    "appel à volontaires pour le groupe moteur",
    "préparation de la fête de quartier",
    "point sur les avis transmis et les réponses attendues",
    "présentation du budget participatif de l'année",
]


def date_en_toutes_lettres(instant: datetime) -> str:
    local = a_paris(instant)
    return f"{_JOURS[local.weekday()]} {local.day} {_MOIS[local.month - 1]} {local.year}"


_NOMBRES = ["Une", "Deux", "Trois", "Quatre", "Cinq", "Six"]


def de(nom: str) -> str:
    """« de Belleville », « d'Algérie »: French elision before a vowel."""
    return f"d'{nom}" if nom[:1].lower() in "aeiouyéèêâîôh" else f"de {nom}"


def _remplir(texte: str, alea: random.Random, quartier: str) -> str:
    return texte.format(lieu=alea.choice(LIEUX), quartier=quartier, de_quartier=de(quartier))


def ordre_du_jour(sujets: list[str]) -> str:
    points = ["Accueil des nouveaux membres", *(THEMES[s].point for s in sujets)]
    points.append("Questions diverses")
    return "\n".join(f"{i}. {p}" for i, p in enumerate(points, 1))


def theme_de_seance(sujet: str) -> str:
    return THEMES[sujet].point


def quartier_cite(quartier: str, quartiers: list[str], alea: random.Random) -> str:
    """The neighbourhood a séance speaks of: its own, or one of the arrondissement's."""
    return quartier or (alea.choice(quartiers) if quartiers else "l'arrondissement")


def motion(sujet: str, alea: random.Random, quartier: str) -> str:
    """The decision put to the vote on this subject (a motion: it reads well adopted or not)."""
    return _remplir(alea.choice(THEMES[sujet].motions), alea, quartier)


@dataclass
class Vote:
    texte: str
    pour: int
    contre: int
    abstention: int

    @property
    def adopte(self) -> bool:
        return self.pour > self.contre  # the demo's councils keep the simple majority


@dataclass
class Seance:
    """What the minutes of one séance need to know."""

    date: datetime
    lieu: str
    quartier: str
    """The priority neighbourhood of a neighbourhood séance; empty for a plenary."""
    quartiers: list[str]
    """The arrondissement's priority neighbourhoods, for the discussions."""
    sujets: list[str]
    presents: int
    anonymes: int
    votes: list[Vote] = field(default_factory=list)


def compte_rendu(s: Seance, alea: random.Random) -> str:
    """Minutes as a council's secretary would write them: who came, what was said on each
    point, what was put to the vote and its result, and when the séance ended."""
    quartier = quartier_cite(s.quartier, s.quartiers, alea)
    nature = (
        f"Séance du quartier {s.quartier}"
        if s.quartier
        else "Séance plénière de l'assemblée ouverte"
    )
    invites = [THEMES[sujet].invite for sujet in s.sujets[:2]]
    nouveaux = alea.randint(1, 6)
    presente = "personne se présente" if nouveaux == 1 else "personnes se présentent"
    blocs = [
        f"{nature} du {date_en_toutes_lettres(s.date)} — {s.lieu}.",
        f"Présent·es : {s.presents} membres inscrits et {s.anonymes} habitant·es non "
        f"inscrit·es. Invité·es : {invites[0]} et {invites[1]}. Animation : l'équipe "
        "d'animation du conseil citoyen ; prise de notes : un membre du groupe moteur.",
        "1. Accueil des nouveaux membres\n"
        f"{_NOMBRES[nouveaux - 1]} {presente} "
        "pour la première fois. L'animatrice rappelle le fonctionnement de l'assemblée "
        "ouverte : chacun·e peut y prendre la parole et y voter, les décisions sont prises à "
        "la majorité des présent·es.",
    ]
    for rang, sujet in enumerate(s.sujets):
        theme = THEMES[sujet]
        dits = alea.sample(theme.constats, 2)
        paragraphe = " ".join(_remplir(d, alea, quartier) for d in dits)
        if rang < len(s.votes):
            v = s.votes[rang]
            issue = "adoptée" if v.adopte else "rejetée"
            paragraphe += (
                f"\nVote sur la proposition « {v.texte.rstrip('.')} » : {v.pour} pour, {v.contre} contre, "
                f"{v.abstention} abstention{'s' if v.abstention > 1 else ''} — {issue}."
            )
        else:
            paragraphe += (
                "\nPoint d'information, sans vote : le sujet sera repris à une prochaine séance."
            )
        blocs.append(f"{rang + 2}. {theme.point}\n{paragraphe}")
    fin = a_paris(s.date) + timedelta(minutes=alea.choice([105, 120, 135, 150]))
    blocs.append(
        f"{len(s.sujets) + 2}. Questions diverses\n"
        f"{alea.choice(_QUESTIONS_DIVERSES).capitalize()}.\n"
        f"La séance est levée à {fin.hour} h {fin.minute:02d}."
    )
    return "\n\n".join(blocs)


# --- avis ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TexteAvis:
    """The words of one demo avis: what the council saw and asks, and what it is answered."""

    constats: tuple[str, ...]
    demandes: tuple[str, ...]
    reponses: tuple[str, ...] = ()
    """The addressee's successive answers (for an interpellation, the first one is the préfet's
    information of the partners)."""
    question: str = ""
    """For a saisine: what the Ville or the État asks the council."""
    diagnostic: str = ""
    retrait: str = ""


AVIS: dict[str, TexteAvis] = {
    "Propreté des rues commerçantes": TexteAvis(
        (
            "Les rues commerçantes {de_quartier} sont sales dès le milieu de la journée : "
            "cartons des commerces déposés sur les trottoirs, corbeilles pleines, dépôts "
            "d'encombrants au coin des rues.",
            "Les habitant·es et les commerçant·es rencontrés lors de la permanence du marché "
            "disent ne pas connaître les horaires de collecte des cartons.",
        ),
        (
            "Un passage de collecte des cartons des commerces en fin de journée.",
            "Des corbeilles de plus grande capacité dans les rues les plus fréquentées.",
            "Une campagne d'information avec l'association des commerçant·es, en plusieurs "
            "langues.",
            "Un bilan partagé avec le conseil citoyen six mois après la mise en place.",
        ),
    ),
    "Horaires de la bibliothèque": TexteAvis(
        (
            "La bibliothèque {de_quartier} ferme à 18 h en semaine et n'ouvre pas le dimanche ; "
            "les collégien·nes et les parents qui travaillent ne peuvent pas en profiter.",
            "C'est souvent le seul lieu calme pour faire ses devoirs : beaucoup d'élèves "
            "partagent leur chambre.",
        ),
        (
            "L'ouverture jusqu'à 20 h deux soirs par semaine.",
            "L'ouverture le dimanche après-midi, au moins pendant la période des examens.",
            "Une salle réservée au travail scolaire, avec l'aide aux devoirs des associations.",
        ),
    ),
    "Sécurité aux abords du collège": TexteAvis(
        (
            "À la sortie du collège, les élèves traversent une avenue où les voitures roulent "
            "vite ; deux accidents ont été évités de justesse depuis la rentrée.",
            "Des parents signalent aussi des rackets et des bagarres le long du trajet vers "
            "la station de métro.",
        ),
        (
            "Un passage piéton surélevé et un feu à la sortie du collège.",
            "La présence d'agents aux heures de sortie, en lien avec le collège.",
            "Une réunion avec les parents, le collège, la police et la mairie "
            "d'arrondissement avant la fin du trimestre.",
        ),
        reponses=(
            "La mairie d'arrondissement a demandé à la section territoriale de voirie l'étude "
            "d'un passage piéton surélevé ; des agents de la police municipale sont présents "
            "à la sortie du collège le mardi et le jeudi depuis la rentrée de janvier.",
        ),
    ),
    "Jardin partagé de la cité": TexteAvis(
        (
            "La pelouse au centre de la résidence est interdite d'accès et mal entretenue, "
            "alors que de nombreuses familles {de_quartier} n'ont ni balcon ni jardin.",
            "Une trentaine de locataires se sont déclarés prêts à s'occuper d'un jardin "
            "partagé, avec l'appui de l'amicale des locataires et de l'école voisine.",
        ),
        (
            "La mise à disposition d'une partie de la pelouse pour un jardin partagé.",
            "Des bacs surélevés accessibles aux personnes en fauteuil et un point d'eau.",
            "Une convention entre le bailleur et l'association des jardinier·es.",
        ),
        retrait=(
            "Le bailleur a lancé lui-même un appel à projets pour un jardin partagé dans la "
            "résidence : l'avis n'a plus d'objet et le conseil suivra le projet."
        ),
    ),
    "Rénovation des halls d'immeubles": TexteAvis(
        (
            "Les halls des immeubles {de_quartier} sont dégradés : boîtes aux lettres "
            "arrachées, éclairage en panne, portes d'entrée qui ne ferment plus.",
            "Les locataires ne se sentent plus chez eux en rentrant le soir, et les "
            "réclamations faites à l'agence restent sans suite.",
        ),
        (
            "La réparation des portes d'entrée et de l'éclairage des halls dans un délai d'un "
            "mois.",
            "Le remplacement des boîtes aux lettres.",
            "Un calendrier de rénovation complète des halls, présenté aux locataires en "
            "réunion publique.",
        ),
    ),
    "Éclairage public du square": TexteAvis(
        (
            "Le square {de_quartier} est plongé dans le noir dès 18 h en hiver : la moitié des "
            "lampadaires ne fonctionne plus.",
            "Les familles ne le traversent plus le soir et font un détour par l'avenue.",
        ),
        (
            "La réparation des lampadaires en panne.",
            "Un éclairage des cheminements qui traversent le square, avec des lampes à "
            "détection de présence.",
            "Une marche exploratoire de nuit avec des habitantes, pour repérer les endroits "
            "où l'on ne se sent pas en sécurité.",
        ),
    ),
    "Permanences d'accès aux droits": TexteAvis(
        (
            "Depuis la fermeture de l'accueil de la CAF et de la permanence de la préfecture, "
            "les habitant·es {de_quartier} doivent faire leurs démarches en ligne.",
            "Les associations reçoivent chaque semaine des personnes qui ont perdu leurs "
            "droits faute d'avoir pu renouveler un dossier.",
        ),
        (
            "Le retour d'un accueil physique de la CAF une demi-journée par semaine.",
            "Des rendez-vous pour les titres de séjour qui ne dépendent pas d'un site saturé.",
            "Le financement d'un poste de médiateur numérique dans le quartier.",
        ),
    ),
    "Pistes cyclables et mobilités douces": TexteAvis(
        (
            "La nouvelle piste cyclable {de_quartier} est utilisée, mais les livraisons s'y "
            "arrêtent et les piétons ne savent plus où traverser.",
            "Les personnes âgées et les parents avec poussette se plaignent de trottoirs rétrécis.",
        ),
        (
            "Des aires de livraison en dehors de la piste.",
            "Des traversées piétonnes signalées et éclairées.",
            "Des arceaux à vélos devant l'école et le centre social.",
        ),
        reponses=(
            "Madame, Monsieur, la Ville a pris connaissance de l'avis du conseil citoyen. Trois "
            "aires de livraison seront créées le long de la piste au premier semestre ; les "
            "traversées piétonnes seront repeintes et signalées lors des travaux d'été. Des "
            "arceaux à vélos seront installés devant l'école et le centre social. La section "
            "territoriale de voirie vous présentera le calendrier lors d'une prochaine séance.",
        ),
    ),
    "Accès au sport pour les jeunes": TexteAvis(
        (
            "Les jeunes {de_quartier}, et surtout les filles, ont peu d'accès au sport : le "
            "terrain de basket n'est pas éclairé, les créneaux du gymnase sont tous donnés aux "
            "clubs.",
            "Les clubs ont des listes d'attente et des cotisations trop chères pour beaucoup "
            "de familles.",
        ),
        (
            "La rénovation et l'éclairage du terrain de basket.",
            "Un créneau du gymnase en accès libre le samedi après-midi, encadré par un éducateur.",
            "Des créneaux réservés aux filles et des séances découvertes gratuites.",
            "Une aide à la cotisation pour les familles aux revenus modestes.",
        ),
        reponses=(
            "Madame, Monsieur, la Ville remercie le conseil citoyen pour son avis. Le terrain "
            "de basket sera rénové et éclairé jusqu'à 22 h ; les travaux sont inscrits au "
            "programme de l'année. Un créneau du gymnase sera ouvert en accès libre le samedi "
            "de 14 h à 17 h avec un éducateur sportif de la Ville.",
            "En complément de notre réponse précédente : deux créneaux réservés aux filles "
            "sont ouverts depuis la rentrée, le mercredi et le samedi, et le Pass'Sport "
            "municipal prend en charge la moitié de la cotisation des familles qui y ont droit. "
            "Les travaux du terrain de basket sont achevés.",
        ),
    ),
    "Trafic de stupéfiants au pied des immeubles": TexteAvis(
        (
            "Un point de vente de stupéfiants s'est installé au pied des immeubles de "
            "{quartier} : guetteurs dans les halls, allées et venues jour et nuit.",
            "Les habitant·es, en particulier les familles et les personnes âgées, ont peur de "
            "rentrer chez eux et n'osent pas témoigner.",
        ),
        (
            "Une action durable de la police nationale, et pas seulement des opérations "
            "ponctuelles.",
            "Des travaux du bailleur pour fermer les halls et les caves.",
            "Des actions de prévention avec les éducateurs de rue pour les plus jeunes, qui "
            "sont recrutés comme guetteurs.",
        ),
        reponses=(
            "Le préfet délégué pour l'égalité des chances a transmis l'interpellation au "
            "commissariat, au bailleur, à la mairie d'arrondissement et au club de prévention. "
            "Le sujet est inscrit au prochain groupe de partenariat opérationnel.",
            "Madame, Monsieur, à la suite de votre interpellation, la présence policière a été "
            "renforcée dans le secteur et deux opérations judiciaires ont été conduites. Le "
            "bailleur a engagé la pose de portes sécurisées dans les halls concernés.",
        ),
        diagnostic=(
            "Diagnostic partagé par le commissariat, le bailleur, la mairie d'arrondissement et "
            "le club de prévention : le point de vente s'est déplacé de deux rues ; fermeture "
            "des caves et présence éducative renforcée le soir."
        ),
    ),
    "Occupation des halls et des caves": TexteAvis(
        (
            "Des halls et des caves {de_quartier} sont occupés chaque soir ; les locataires "
            "subissent du bruit, des dégradations et ne peuvent plus utiliser leurs caves.",
            "Les signalements au bailleur et au commissariat n'ont pas fait cesser la situation.",
        ),
        (
            "La condamnation des caves inutilisées et la réparation des portes.",
            "Une présence de médiateurs de nuit.",
            "Une réunion des locataires avec le bailleur et la police.",
        ),
        reponses=(
            "Le préfet délégué pour l'égalité des chances a informé de l'interpellation le "
            "bailleur, le commissariat et le service de médiation de nuit de la Ville ; une "
            "visite des halls concernés est prévue avec l'amicale des locataires.",
        ),
        diagnostic=(
            "Diagnostic présenté au comité de pilotage du contrat de ville : trois halls "
            "concernés, caves à condamner, médiation de nuit à étendre à la résidence."
        ),
    ),
    "Immeuble privé dégradé en copropriété": TexteAvis(
        (
            "Un immeuble privé {de_quartier} se dégrade : fissures dans la cage d'escalier, "
            "fuites, installation électrique dangereuse ; des familles y vivent avec de jeunes "
            "enfants.",
            "La copropriété est en difficulté et les propriétaires bailleurs ne font pas les "
            "travaux.",
        ),
        (
            "Une visite des services d'hygiène et de la préfecture.",
            "Des mesures de mise en sécurité et, si nécessaire, le relogement temporaire des "
            "familles.",
            "L'accompagnement de la copropriété par un dispositif d'aide aux copropriétés en "
            "difficulté.",
        ),
        reponses=(
            "Le préfet délégué pour l'égalité des chances a saisi le service d'hygiène, "
            "l'agence régionale de santé et la direction du logement ; une visite de "
            "l'immeuble aura lieu dans le mois.",
        ),
    ),
    "Renouvellement urbain du quartier": TexteAvis(
        (
            "Le projet de renouvellement urbain prévoit des démolitions, des constructions "
            "neuves et l'ouverture de nouvelles rues dans {quartier}.",
            "Les habitant·es craignent une hausse des loyers après relogement et la "
            "disparition des commerces de proximité pendant les travaux.",
        ),
        (
            "Le relogement de chaque famille dans le quartier si elle le souhaite, à loyer "
            "équivalent.",
            "Le maintien des commerces pendant le chantier.",
            "Un local du projet ouvert aux habitant·es et un point d'avancement à chaque "
            "séance plénière du conseil.",
        ),
        question=(
            "La Ville et l'État sollicitent l'avis du conseil citoyen sur le projet de "
            "renouvellement urbain du quartier : le programme de démolitions et de "
            "constructions, les conditions de relogement et le calendrier des travaux. Le "
            "dossier de concertation est joint."
        ),
    ),
    "Projet de maison de santé": TexteAvis(
        (
            "Le quartier {quartier} perd ses médecins généralistes ; les habitant·es vont "
            "aux urgences faute de médecin traitant.",
        ),
        (
            "Une maison de santé avec des consultations sans rendez-vous.",
            "La présence d'un interprétariat et d'une médiatrice en santé.",
        ),
        question=(
            "L'agence régionale de santé et la Ville étudient l'implantation d'une maison de "
            "santé pluriprofessionnelle dans le quartier. Quel est l'avis du conseil citoyen "
            "sur son emplacement, ses horaires et les services qu'elle devrait proposer ?"
        ),
    ),
}
"""Keyed by the titles of `demo.avis.SCENARIOS`."""


def texte_avis(
    titre: str, arrondissement: int, quartier: str, alea: random.Random, retravaille: bool = False
) -> str:
    """The body of an avis: the finding, then what the council asks, numbered. A reworked
    version (after a vote that rejected it) says what changed."""
    t = AVIS[titre]
    constat = " ".join(c.format(quartier=quartier, de_quartier=de(quartier)) for c in t.constats)
    demandes = list(t.demandes)
    if retravaille:
        demandes = [*demandes[1:], demandes[0]] if len(demandes) > 2 else demandes
    else:
        demandes = demandes[: max(2, len(demandes) - alea.randint(0, 1))]
    lignes = [
        f"Le conseil citoyen du {arrondissement}e arrondissement, réuni en assemblée ouverte, "
        "rend l'avis suivant.",
        f"Constat\n{constat}",
        "Le conseil citoyen demande :\n"
        + "\n".join(f"{i}. {d}" for i, d in enumerate(demandes, 1)),
        alea.choice(
            [
                "Le conseil citoyen souhaite être associé à la mise en œuvre et attend une "
                "réponse écrite dans le délai prévu.",
                "Le conseil citoyen demande à être informé des suites données et propose d'en "
                "faire le point lors d'une prochaine séance plénière.",
            ]
        ),
    ]
    if retravaille:
        lignes.insert(
            1,
            "Version retravaillée après le vote de l'assemblée : les demandes sont "
            "hiérarchisées et la première porte sur ce qui peut être fait dans l'année.",
        )
    return "\n\n".join(lignes)


def reponse_avis(titre: str, rang: int, destinataire: str) -> str:
    """The addressee's answer of rank `rang` (written for the scenario, or a plain
    acknowledgement of what will be done when the scenario has none)."""
    t = AVIS[titre]
    if rang < len(t.reponses):
        return t.reponses[rang]
    qui = "l'État" if destinataire == "etat" else "la Ville"
    return (
        f"Madame, Monsieur, {qui} a bien reçu l'avis du conseil "
        f"citoyen sur le sujet « {titre.lower()} ». Les services concernés l'ont étudié : les "
        "premières mesures seront présentées au conseil lors de sa prochaine séance plénière."
    )


# --- budget participatif -----------------------------------------------------------------------

COMMENTAIRES_PAR_PROJET: dict[str, tuple[str, ...]] = {
    "Des bancs et de l'ombre sur la place": (
        "Ma mère a 82 ans, elle ne sort plus faute de pouvoir s'asseoir en chemin. Merci !",
        "Des arbres plutôt que des parasols, svp : ça rafraîchit vraiment en été.",
        "Attention à ne pas mettre les bancs juste sous les fenêtres, le soir ça résonne.",
    ),
    "Éclairer le passage sous le pont": (
        "Je fais un détour de dix minutes le soir pour ne pas passer par là. Oui mille fois.",
        "Il faudrait aussi nettoyer les tags et repeindre en clair, ça change tout.",
        "Les lampes à détection de présence consomment moins, à prévoir dans le projet.",
    ),
    "Un jardin partagé au pied des immeubles": (
        "Je jardinais au pays, je serais heureuse de transmettre aux enfants.",
        "Qui aura les clés ? Il faut que ce soit ouvert à tous, pas seulement à une association.",
        "L'école maternelle d'à côté cherche justement un lieu pour ses ateliers nature.",
    ),
    "Végétaliser la cour de l'école": (
        "La cour est une fournaise en juin, les enfants n'en peuvent plus.",
        "Les cours oasis d'autres écoles marchent très bien, allons-y.",
        "Pensez à garder un espace pour le ballon, sinon les grands vont râler.",
    ),
    "Une bagagerie pour les personnes sans abri": (
        "Je suis bénévole en maraude : c'est la demande qui revient le plus souvent.",
        "Il faudra des horaires larges, tôt le matin surtout.",
        "Bonne idée si c'est géré par une association qui connaît le public.",
    ),
    "Un local pour les permanences d'accès aux droits": (
        "Depuis que la CAF a fermé son accueil, on ne sait plus où aller.",
        "Prévoir un accès pour les poussettes et les fauteuils, l'ancien local n'en avait pas.",
        "Un écrivain public dans ce local, ce serait précieux.",
    ),
    "Une salle d'étude ouverte le soir": (
        "Mon fils partage sa chambre avec ses deux frères, il ne peut pas réviser.",
        "Avec du wifi et des prises, sinon ça ne servira pas.",
        "Des étudiant·es du quartier pourraient y donner un coup de main.",
    ),
    "Une fresque participative sur le mur du gymnase": (
        "Les anciens du quartier ont plein d'histoires à raconter, associons-les.",
        "Un artiste du quartier serait mieux qu'une entreprise venue d'ailleurs.",
        "Le mur est tagué toutes les semaines, une fresque le protégera.",
    ),
    "Une boîte à livres dans le square": (
        "J'ai des cartons de livres pour enfants à donner !",
        "Il faut qu'elle soit à l'abri de la pluie, celle de la rue d'à côté a moisi.",
        "Et des livres en plusieurs langues, pour toutes les familles.",
    ),
    "Rénover le terrain de basket": (
        "On joue sur un sol troué, il y a eu des entorses. Vivement !",
        "Avec un éclairage, on pourrait jouer après les cours en hiver.",
        "Pensez aux filles : des créneaux pour elles, sinon le terrain reste aux garçons.",
    ),
    "Des agrès de sport en accès libre": (
        "Super pour les seniors aussi, si les agrès sont adaptés.",
        "Un panneau avec des exercices expliqués, ce serait top.",
        "Je cours sur la promenade tous les matins, j'utiliserais ces agrès.",
    ),
    "Des toilettes publiques accessibles": (
        "Indispensable les jours de marché, surtout pour les personnes âgées.",
        "Il faut qu'elles soient entretenues, sinon elles seront vite fermées.",
        "Avec une table à langer, pensez aux parents.",
    ),
}
"""Keyed by the titles of `demo.budget.PROJETS`."""


def commentaire_bp(titre: str, generique: str, alea: random.Random) -> str:
    """A comment about this very proposal most of the time; else the general one drawn by the
    simulation (support, a condition, a doubt)."""
    propres = COMMENTAIRES_PAR_PROJET.get(titre.split(" — ")[0], ())
    if propres and alea.random() < 0.6:
        return alea.choice(propres)
    return generique
