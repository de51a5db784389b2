"""One written definition per figure of the annual report: shown next to the figure in the HTML
report, and the source of `docs/metrics.md` (`python -m rapports.definitions`).

The texts are French and stay French here (`docs/metrics.md` is generated from them): they are
only marked for the catalogues (`N_`), and translated where the report shows them
(`rapports.formats.libelles`)."""

from langues import N_

SECTIONS: dict[str, str] = {
    "assemblee": N_("Assemblée ouverte"),
    "groupe_moteur": N_("Groupe moteur"),
    "seances": N_("Séances"),
    "avis": N_("Avis"),
    "budget_participatif": N_("Budget participatif"),
    "obligations": N_("Obligations de la Ville et de l'État, représentation"),
    "moyens": N_("Moyens et formation"),
    "instances": N_("Délégué·es dans les instances du contrat de ville"),
}

DEFINITIONS: dict[str, tuple[str, str]] = {
    "assemblee.au_1er_janvier": (
        N_("Membres au 1er janvier"),
        N_(
            "Personnes membres de l'assemblée ouverte le 1er janvier à 0 h (heure de Paris), avec "
            "le profil déclaré lors de leur dernière entrée."
        ),
    ),
    "assemblee.au_31_decembre": (
        N_("Membres au 31 décembre"),
        N_(
            "Personnes membres de l'assemblée ouverte le 31 décembre à minuit (ou à la date du "
            "rapport pour l'année en cours)."
        ),
    ),
    "assemblee.entrees": (
        N_("Entrées"),
        N_(
            "Adhésions et retours enregistrés pendant l'année (une personne qui part et revient "
            "compte deux fois)."
        ),
    ),
    "assemblee.sorties": (N_("Sorties"), N_("Départs de l'assemblée enregistrés pendant l'année.")),
    "assemblee.participants_uniques": (
        N_("Participant·es"),
        N_(
            "Personnes distinctes inscrites présentes à au moins une séance tenue dans l'année "
            "(les participant·es non inscrit·es ne sont comptés que par séance)."
        ),
    ),
    "assemblee.residence": (
        N_("Résidence"),
        N_(
            "« qpv » : quartier déclaré dans un quartier prioritaire de la politique de la ville "
            "en vigueur ce jour-là ; « hors_qpv » : ailleurs dans l'arrondissement ; "
            "« a_mettre_a_jour » : quartier déclaré qui ne figure plus dans la liste en vigueur "
            "(la géographie prioritaire a changé le 1er janvier 2024), tant que la personne ne "
            "l'a pas déclaré à nouveau."
        ),
    ),
    "assemblee.ne_se_prononce_pas": (
        N_("Ne se prononce pas"),
        N_(
            "Réponse proposée pour le genre et pour la tranche d'âge (celle-ci à partir de 18 ans : "
            "une personne mineure le déclare, pour l'accord parental). Elle est comptée à part, "
            "comme toute autre réponse, et figure dans chaque tableau même à zéro ; elle n'est "
            "jamais répartie entre les autres catégories. Aucune réponse n'est supposée : le "
            "formulaire d'adhésion n'en présélectionne aucune et refuse une question laissée sans "
            "réponse. Le quartier n'a pas cette réponse : il est déjà large (un quartier "
            "prioritaire, ou « hors QPV »), jamais une adresse, et c'est la présence des quartiers "
            "prioritaires que ces chiffres suivent."
        ),
    ),
    "assemblee.petits_effectifs": (
        N_("Petits effectifs"),
        N_(
            "Toute case démographique de 1 à 4 personnes (seuil réglable) est affichée « < 5 », "
            "jamais en chiffre, pour qu'aucune personne ne soit reconnaissable."
        ),
    ),
    "groupe_moteur.constitue": (
        N_("Groupe moteur constitué"),
        N_(
            "Oui si des objectifs de groupe moteur (taille, part d'habitant·es) ont été fixés "
            "avant le 31 décembre (pour Paris : pour au moins un conseil)."
        ),
    ),
    "groupe_moteur.taille_visee": (
        N_("Taille visée"),
        N_("Nombre de places fixé par les objectifs du groupe moteur au 31 décembre."),
    ),
    "groupe_moteur.membres_au_31_decembre": (
        N_("Composition au 31 décembre"),
        N_(
            "Membres du groupe moteur au 31 décembre, par collège et par genre (le groupe moteur "
            "est public : ses effectifs ne sont pas masqués)."
        ),
    ),
    "groupe_moteur.part_habitants": (
        N_("Part d'habitant·es"),
        N_("Habitant·es ÷ membres au 31 décembre, à comparer à la part visée (environ 2/3)."),
    ),
    "groupe_moteur.part_habitants_visee": (
        N_("Part d'habitant·es visée"),
        N_(
            "Part des places réservée aux habitant·es par les objectifs au 31 décembre (pour "
            "Paris : moyenne pondérée par la taille visée de chaque groupe)."
        ),
    ),
    "groupe_moteur.ecart_a_la_parite": (
        N_("Écart à la parité"),
        N_(
            "Femmes moins hommes au 31 décembre (0 : parité) ; les membres « autre » ou « ne se "
            "prononce pas » ne comptent ni d'un côté ni de l'autre."
        ),
    ),
    "groupe_moteur.entrees": (N_("Entrées"), N_("Membres entré·es pendant l'année, toutes voies.")),
    "groupe_moteur.sorties": (N_("Sorties"), N_("Membres sorti·es pendant l'année, tous motifs.")),
    "groupe_moteur.remplacements": (
        N_("Remplacements"),
        N_("Suppléant·es appelé·es pendant l'année pour remplacer un refus ou une sortie."),
    ),
    "groupe_moteur.places_vacantes_fin_annee": (
        N_("Places vacantes au 31 décembre"),
        N_("Taille visée moins membres au 31 décembre (zéro si le groupe est complet)."),
    ),
    "groupe_moteur.vacance_jours_places": (
        N_("Vacance (jours × places)"),
        N_("Somme, sur l'année, du nombre de places vacantes multiplié par leur durée en jours."),
    ),
    "groupe_moteur.vacance_plus_longue_jours": (
        N_("Plus longue vacance"),
        N_(
            "Plus longue période de l'année, en jours, pendant laquelle au moins une place est "
            "restée vacante."
        ),
    ),
    "groupe_moteur.tirages": (
        N_("Tirages au sort"),
        N_("Tirages effectués pendant l'année, avec le lien vers leur enregistrement public."),
    ),
    "seances.tenues": (
        N_("Séances tenues"),
        N_("Séances non annulées dont la date tombe dans l'année."),
    ),
    "seances.annulees": (N_("Séances annulées"), N_("Séances de l'année annulées.")),
    "seances.participation": (
        N_("Participation"),
        N_(
            "Par séance tenue : présent·es inscrit·es plus participant·es non inscrit·es ; "
            "moyenne, médiane et maximum sur les séances de l'année."
        ),
    ),
    "seances.decisions": (
        N_("Décisions"),
        N_(
            "Décisions votées en assemblée ouverte lors des séances tenues, adoptées ou rejetées "
            "selon la règle de majorité du conseil."
        ),
    ),
    "avis.emis": (
        N_("Avis engagés"),
        N_(
            "Avis rédigés (auto-saisine, interpellation du préfet) ou demandés (saisine) dans l'année."
        ),
    ),
    "avis.transmis": (
        N_("Avis transmis"),
        N_("Avis adoptés et transmis au destinataire dans l'année."),
    ),
    "avis.repondus": (
        N_("Avis répondus"),
        N_(
            "Avis ayant reçu dans l'année leur première réponse (ou, pour une interpellation, "
            "l'information des partenaires par le préfet)."
        ),
    ),
    "avis.delai_de_reponse_jours": (
        N_("Délai de réponse"),
        N_(
            "Jours entre la transmission et la première réponse, pour les avis répondus dans "
            "l'année : médiane et 90e centile (rang le plus proche)."
        ),
    ),
    "avis.en_retard_au_31_decembre": (
        N_("En retard au 31 décembre"),
        N_("Avis transmis, sans réponse au 31 décembre, dont l'échéance était dépassée."),
    ),
    "avis.par_destinataire": (
        N_("Par destinataire"),
        N_("Les mêmes comptes, par institution destinataire."),
    ),
    "budget_participatif.deposees": (
        N_("Propositions déposées"),
        N_("Propositions de budget participatif déposées dans l'année."),
    ),
    "budget_participatif.portees_par_le_conseil": (
        N_("Portées par le conseil"),
        N_(
            "Propositions déposées dans l'année déposées au nom du conseil ou portées par une "
            "décision de l'assemblée ouverte."
        ),
    ),
    "budget_participatif.statuts_au_31_decembre": (
        N_("Statuts au 31 décembre"),
        N_(
            "Toutes les propositions du conseil déposées jusqu'au 31 décembre, par statut à cette "
            "date."
        ),
    ),
    "budget_participatif.laureates": (
        N_("Lauréates"),
        N_("Propositions déclarées lauréates du vote dans l'année."),
    ),
    "budget_participatif.montant_estime_deposees_euros": (
        N_("Montant estimé"),
        N_(
            "Somme des coûts des propositions déposées dans l'année (réestimés par la Ville si "
            "elles ont été étudiées), en euros."
        ),
    ),
    "budget_participatif.montant_laureates_euros": (
        N_("Montant des lauréates"),
        N_("Somme des coûts des propositions lauréates dans l'année, en euros."),
    ),
    "budget_participatif.par_quartier": (
        N_("Par quartier"),
        N_("Propositions déposées et lauréates, par quartier prioritaire ou « hors QPV »."),
    ),
    "obligations.bilan": (
        N_("Bilan annuel"),
        N_(
            "Date à laquelle la Ville, et l'État, ont présenté au conseil leur bilan annuel des "
            "actions financées (vide : pas de présentation enregistrée)."
        ),
    ),
    "obligations.conseils_bilan": (
        N_("Conseils ayant reçu le bilan"),
        N_(
            "Pour Paris : nombre de conseils devant lesquels la Ville, et l'État, ont présenté "
            "leur bilan annuel de l'année."
        ),
    ),
    "obligations.comites_de_pilotage": (
        N_("Comités de pilotage"),
        N_(
            "Comités de pilotage tenus dans l'année et nombre de représentant·es du conseil "
            "présent·es : les comptes enregistrés avant les instances, puis les réunions des "
            "comités de pilotage enregistrées comme instances (délégué·es présent·es)."
        ),
    ),
    "obligations.comites_de_pilotage_avec_representants": (
        N_("Comités de pilotage avec représentant·es"),
        N_(
            "Pour Paris : somme, sur les conseils, des comités de pilotage de l'année où le "
            "conseil était représenté (au moins une personne présente) ; un comité où trois "
            "conseils étaient représentés compte trois fois."
        ),
    ),
    "moyens.budget": (
        N_("Budget de fonctionnement"),
        N_(
            "Par institution (Ville, État) et pour l'année : le montant engagé (saisi par un "
            "agent, par exemple la part du conseil dans les 20 000 € annuels de l'État pour "
            "l'ensemble des conseils parisiens), accordé et dépensé, en euros. Un enregistrement "
            "annulé ne compte pas ; un montant saisi après le 31 décembre ne compte pas non plus "
            "(le rapport est arrêté au 31 décembre)."
        ),
    ),
    "moyens.part_budget_depense": (
        N_("Part du budget dépensée"),
        N_(
            "Dépensé ÷ accordé, toutes institutions confondues (vide si rien n'a été accordé) ; "
            "au-delà de 100 %, le conseil a dépensé plus que ce qui est enregistré comme accordé "
            "(un report, ou une dotation non encore saisie) : c'est permis et signalé."
        ),
    ),
    "moyens.formations": (
        N_("Formations"),
        N_(
            "Sessions engagées pour l'année (somme des engagements), proposées au conseil à une "
            "date de l'année, et parmi elles celles dont la participation est enregistrée."
        ),
    ),
    "moyens.participations_formations": (
        N_("Participations aux formations"),
        N_(
            "Participant·es comptés aux formations de l'année, par collège et par genre (une "
            "personne venue à deux sessions compte deux fois) ; toute case de 1 à 4 s'affiche "
            "« < 5 ». Personne n'est nommé."
        ),
    ),
    "moyens.personnes_formees": (
        N_("Personnes formées identifiées"),
        N_(
            "Personnes distinctes désignées par leur identifiant pseudonyme dans les participations "
            "de l'année (celles qui n'ont été que comptées n'y figurent pas)."
        ),
    ),
    "moyens.accompagnement": (
        N_("Accompagnement"),
        N_(
            "Adultes-relais et autres accompagnements dont la période rencontre l'année : postes "
            "engagés (adultes-relais), postes, équivalents temps plein et heures."
        ),
    ),
    "moyens.salles": (
        N_("Salles mises à disposition"),
        N_(
            "Salles récurrentes (chaque semaine, chaque mois) dont la période rencontre l'année, "
            "et salles ponctuelles dont la date est dans l'année."
        ),
    ),
    "moyens.liste_des_formations": (
        N_("Formations de l'année"),
        N_(
            "Thème, organisme formateur (un organisme, jamais une personne), institution, date et "
            "nombre de participant·es (vide : participation non enregistrée)."
        ),
    ),
    "moyens.liste_des_salles": (
        N_("Salles de l'année"),
        N_("Nom et lieu, récurrence, début et fin (vide : sans fin prévue)."),
    ),
    "instances.instances_reunies": (
        N_("Instances réunies"),
        N_(
            "Instances du contrat de ville concernant le conseil (celles de tout Paris et celles "
            "de son arrondissement) qui ont tenu au moins une réunion enregistrée dans l'année."
        ),
    ),
    "instances.reunions": (
        N_("Réunions"),
        N_("Réunions de ces instances tenues dans l'année (date de la réunion)."),
    ),
    "instances.reunions_avec_delegues": (
        N_("Réunions avec délégué·es du conseil"),
        N_(
            "Réunions de l'année où au moins un·e délégué·e du conseil (titulaire ou suppléant·e, "
            "par son mandat) a été enregistré·e présent·e (pour Paris : d'au moins un conseil)."
        ),
    ),
    "instances.delegues_presents": (
        N_("Présences de délégué·es"),
        N_("Somme, sur les réunions de l'année, des délégué·es du conseil présent·es."),
    ),
    "instances.instances_reunies_sans_le_conseil": (
        N_("Instances réunies sans le conseil"),
        N_(
            "Instances dont au moins une réunion de l'année s'est tenue sans aucun·e délégué·e du "
            "conseil présent·e (présences non enregistrées comprises)."
        ),
    ),
    "instances.par_instance": (
        N_("Par instance"),
        N_(
            "Pour chaque instance réunie dans l'année : ses réunions, celles avec des délégué·es "
            "du conseil, et celles tenues sans le conseil."
        ),
    ),
    "instances.comptes_rendus_rediges": (
        N_("Comptes rendus de mandat rédigés"),
        N_("Comptes rendus de réunion rédigés dans l'année par les délégué·es du conseil."),
    ),
    "instances.comptes_rendus_presentes": (
        N_("Comptes rendus de mandat présentés"),
        N_("Comptes rendus présentés au conseil lors d'une de ses séances tenue dans l'année."),
    ),
    "instances.mandats_designes": (
        N_("Mandats attribués"),
        N_(
            "Mandats de délégué·e attribués dans l'année, par décision de l'assemblée ouverte ou "
            "par tirage au sort parmi les volontaires, titulaires et suppléant·es (un "
            "renouvellement est un nouveau mandat)."
        ),
    ),
    "instances.mandats_termines_avant_terme": (
        N_("Mandats terminés avant terme"),
        N_(
            "Mandats auxquels il a été mis fin dans l'année avant leur terme (démission, sortie "
            "de l'assemblée ouverte...)."
        ),
    ),
}


def markdown() -> str:
    """`docs/metrics.md`, written from the definitions above (a test keeps it in sync)."""
    lignes = [
        "# Annual report: definitions of the figures",
        "",
        "Generated by `python -m rapports.definitions > docs/metrics.md` from",
        "`rapports/definitions.py`, the single source also shown next to each",
        "figure in the HTML report (hence in French). The JSON schema is in",
        "[`rapport-annuel.md`](rapport-annuel.md).",
        "",
        "## Answers nobody is assumed to give",
        "",
        "The joining form preselects no personal answer: college, gender, age band and",
        "neighbourhood start empty (« — Choisissez — ») and a question left unanswered is",
        "refused next to its field. Where not saying is legitimate it is an explicit answer,",
        "stored and counted as its own category (key `ne_se_prononce_pas`), never spread over",
        "the others:",
        "",
        "- **gender**: « Ne se prononce pas » (as « Autre », it counts on neither side of the",
        "  groupe moteur's parity, `groupe_moteur.ecart_a_la_parite`; in a tirage, the quotas",
        "  proposed when the pool holds such people keep a seat open to them, women and men",
        "  keeping equal bounds: see format-tirage.md);",
        "- **age band**: « Ne se prononce pas (18 ans ou plus) »: an adult may keep their band to",
        "  themself; a minor says so, because rule 6 records a parental consent;",
        "- **neighbourhood**: no such answer. It is already coarse (one of the arrondissement's",
        "  QPV, or « hors QPV », never an address) and the QPV figures (`assemblee.residence`,",
        "  the groupe moteur's minimum per QPV) rest on it.",
        "",
        "The HTML and PDF reports show the « Ne se prononce pas » rows of the assembly's table",
        "even at zero; the JSON, CSV and XLSX list every category that has members (as for any",
        "category, a cell of 1 to 4 people reads « < 5 »). A leaving member's reason is optional:",
        "« Sans motif » is the default, stored as `non_precise`.",
        "",
    ]
    for section, titre in SECTIONS.items():
        lignes += [f"## {titre}", "", "| key | figure | definition |", "| --- | --- | --- |"]
        for cle, (libelle, definition) in DEFINITIONS.items():
            if cle.split(".")[0] == section:
                lignes.append(f"| `{cle}` | {libelle} | {definition} |")
        lignes.append("")
    return "\n".join(lignes)


if __name__ == "__main__":
    print(markdown(), end="")
