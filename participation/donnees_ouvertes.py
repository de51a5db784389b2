"""Open data: the public account of each council, per year, as files anyone may reuse.

Two kinds of datasets, each in CSV and JSON, described column by column in one dictionary
(`JEUX`), which the page `/donnees-ouvertes`, `docs/donnees-ouvertes.md` and the DCAT catalogue
all read:
- `chiffres`: the annual report's figures, exactly the agents' report (the same fold, the same
  small-cell threshold `SEUIL_PAR_DEFAUT`, cells under it already written "< 5" by the fold),
  in the long format of its CSV, whatever sections the report has;
- the public records (séances, decisions, avis, answers, budget proposals, tirages), read from
  the read models of the public pages, without any column about a person.

Licence Ouverte 2.0 (Etalab): see docs/donnees-ouvertes.md for why.
"""

import copy
import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from domaine.erreurs import Introuvable
from domaine.quartiers import arrondissements
from domaine.temps import a_paris, annee_a_paris, en_utc, jour_a_paris
from langues import N_
from participation.rapports import ServiceRapports
from projections.lecture_donnees_ouvertes import LectureDonneesOuvertes
from rapports.calcul import PREMIERE_ANNEE
from rapports.formats import en_json
from rapports.formats.lignes import lignes
from stockage.registre import Registre

LICENCE = "Licence Ouverte / Open Licence version 2.0 (Etalab)"
LICENCE_URL = (
    "https://www.etalab.gouv.fr/wp-content/uploads/2017/04/ETALAB-Licence-Ouverte-v2.0.pdf"
)
LICENCE_SPDX = "etalab-2.0"
FORMATS_OUVERTS = {"csv": "text/csv; charset=utf-8", "json": "application/json"}
TYPE_JSON_LD = "application/ld+json"
SECTIONS_RESERVEES_AUX_AGENTS: frozenset[str] = frozenset()
"""Sections of the annual report left out of the public report and the open data: none today
(every section counts people, never names them, and masks small demographic cells). A new
section that should stay with the agents is named here; nothing else needs to change."""
RAPPORTS_GARDES = 64


@dataclass(frozen=True)
class Colonne:
    """One column of a dataset: its name, its type (Table Schema's: string, integer, number,
    boolean, date, datetime, object), its meaning in French and its unit."""

    nom: str
    type: str
    sens: str
    unite: str = ""
    csv: bool = True  # False: in the JSON only (a nested object)


@dataclass(frozen=True)
class Jeu:
    """A dataset: published per council and year, in CSV and JSON."""

    code: str
    titre: str
    description: str
    colonnes: tuple[Colonne, ...]
    mots_cles: tuple[str, ...]


def _c(nom: str, type_: str, sens: str, unite: str = "", csv: bool = True) -> Colonne:
    return Colonne(nom, type_, sens, unite, csv)


_ID = "string"
_DH = "datetime"
LANGUE_DU_TEXTE = N_(
    "Langue dans laquelle le titre et le texte sont écrits (étiquette BCP 47 : fr, ar, en… ; "
    "und : une autre langue)."
)
_URL = _c("url", "string", N_("Adresse de la page publique de l'enregistrement sur le site."))

JEUX: tuple[Jeu, ...] = (
    Jeu(
        "chiffres",
        N_("Chiffres du rapport annuel"),
        N_(
            "Les chiffres du rapport annuel d'interaction du conseil citoyen (assemblée ouverte, "
            "groupe moteur, séances, avis, budget participatif, obligations de la Ville et de "
            "l'État, et toute autre section du rapport), une ligne par chiffre et ventilation. "
            "Les mêmes chiffres que le rapport des agents ; toute case démographique de 1 à 4 personnes est "
            "écrite « < 5 » (secret statistique). Le JSON est le rapport lui-même "
            "(schéma participation-rapport-annuel/1)."
        ),
        (
            _c("annee", "integer", N_("Année du rapport."), N_("année")),
            _c(
                "au",
                "date",
                N_(
                    "Date à laquelle les chiffres sont arrêtés (31 décembre, ou la "
                    "date du jour pour l'année en cours)."
                ),
            ),
            _c("partiel", "boolean", N_("Vrai pour l'année en cours (chiffres à date).")),
            _c("conseil", "string", N_("Numéro de l'arrondissement du conseil citoyen.")),
            _c("section", "string", N_("Section du rapport (assemblee, seances, avis…).")),
            _c("indicateur", "string", N_("Chiffre de la section (voir sa définition).")),
            _c(
                "ventilation",
                "string",
                N_(
                    "Chemin de la ventilation dans le chiffre "
                    "(par_college.habitant), vide pour le chiffre lui-même."
                ),
            ),
            _c(
                "valeur",
                "string",
                N_(
                    "La valeur, écrite comme dans le rapport JSON (nombre avec "
                    "un point décimal, date ISO, identifiant, true/false), vide si sans objet, "
                    "« < 5 » si masquée."
                ),
            ),
            _c(
                "masquee",
                "boolean",
                N_(
                    "Vrai si la case compte de 1 à 4 personnes et est masquée (secret statistique)."
                ),
            ),
            _c(
                "unite",
                "string",
                N_(
                    "Unité de la valeur : nombre (de personnes, séances, avis…), euros, jours, "
                    "proportion (de 0 à 1), date."
                ),
            ),
            _c("definition", "string", N_("Définition du chiffre (docs/metrics.md).")),
        ),
        ("rapport annuel", "indicateurs", "participation citoyenne"),
    ),
    Jeu(
        "seances",
        N_("Séances"),
        N_(
            "Les séances du conseil citoyen datées de l'année : date, statut, modalité, lieu, "
            "ordre du jour, nombre de participant·es. Aucune donnée personnelle (ni liste de "
            "présence, ni lien de visioconférence)."
        ),
        (
            _c("seance_id", _ID, N_("Identifiant de la séance.")),
            _c(
                "date",
                _DH,
                N_("Début de la séance (date et heure, ISO 8601 avec le décalage de Paris)."),
            ),
            _c("statut", "string", N_("planifiee (tenue si sa date est passée) ou annulee.")),
            _c("modalite", "string", N_("presentiel, en_ligne ou hybride.")),
            _c("lieu", "string", N_("Lieu de la séance.")),
            _c(
                "quartier", "string", N_("Quartier prioritaire (code) si la séance en concerne un.")
            ),
            _c("theme", "string", N_("Thème de la séance, s'il y en a un.")),
            _c("ordre_du_jour", "string", N_("Ordre du jour.")),
            _c(
                "accessibilite",
                "string",
                N_("Mesures d'accessibilité (codes séparés par des virgules)."),
            ),
            _c("motif_annulation", "string", N_("Motif de l'annulation, vide sinon.")),
            _c("presents", "integer", N_("Membres inscrit·es présent·es."), N_("personnes")),
            _c("anonymes", "integer", N_("Participant·es non inscrit·es."), N_("personnes")),
            _c("apres_coup_le", _DH, N_("Si la séance a été enregistrée après coup : quand.")),
            _URL,
        ),
        ("séances", "assemblée ouverte", "réunions publiques"),
    ),
    Jeu(
        "decisions",
        N_("Décisions"),
        N_("Les décisions prises en assemblée ouverte pendant l'année, avec leur vote."),
        (
            _c("seance_id", _ID, N_("Identifiant de la séance.")),
            _c("numero", "integer", N_("Numéro de la décision dans la séance.")),
            _c(
                "date",
                _DH,
                N_("Date de la séance (date et heure, ISO 8601 avec le décalage de Paris)."),
            ),
            _c("texte", "string", N_("Texte de la décision.")),
            _c("pour", "integer", N_("Voix pour."), N_("voix")),
            _c("contre", "integer", N_("Voix contre."), N_("voix")),
            _c("abstention", "integer", N_("Abstentions."), N_("voix")),
            _c("regle", "string", N_("Règle de majorité : simple, absolue ou deux_tiers.")),
            _c("adoptee", "boolean", N_("Vrai si la décision est adoptée.")),
            _URL,
        ),
        ("décisions", "votes", "assemblée ouverte"),
    ),
    Jeu(
        "avis",
        N_("Avis"),
        N_(
            "Les avis du conseil créés pendant l'année (auto-saisines, saisines, "
            "interpellations), leur destinataire et les étapes datées de leur suivi, sans leurs "
            "auteur·es."
        ),
        (
            _c("avis_id", _ID, N_("Identifiant de l'avis.")),
            _c("origine", "string", N_("auto_saisine, saisine ou interpellation.")),
            _c("titre", "string", N_("Titre (version courante).")),
            _c("texte", "string", N_("Texte (version courante).")),
            _c("langue", "string", LANGUE_DU_TEXTE),
            _c("sujet", "string", N_("Sujet.")),
            _c("axe", "string", N_("Axe du contrat de ville (axe_1…).")),
            _c(
                "destinataire",
                "string",
                N_("ville, etat, mairie_arrondissement, bailleur_social ou autre."),
            ),
            _c("institution", "string", N_("Institution destinataire précisée.")),
            _c("question", "string", N_("Question posée par la saisine.")),
            _c(
                "statut",
                "string",
                N_("Statut à la date du fichier (brouillon, adopte, transmis, repondu, clos…)."),
            ),
            _c("cree_le", _DH, N_("Création.")),
            _c("demandee_le", "date", N_("Saisine : date de la demande.")),
            _c("echeance_saisine", "date", N_("Saisine : date attendue de l'avis.")),
            _c("adopte_le", _DH, N_("Adoption en assemblée ouverte.")),
            _c("transmis_le", _DH, N_("Transmission au destinataire.")),
            _c("echeance_reponse", "date", N_("Date attendue de la réponse.")),
            _c("repondu_le", _DH, N_("Première réponse.")),
            _c("clos_le", _DH, N_("Clôture.")),
            _c("reponses", "integer", N_("Nombre de réponses du destinataire."), N_("réponses")),
            _URL,
        ),
        ("avis", "interpellation", "saisine", "contrat de ville"),
    ),
    Jeu(
        "reponses_avis",
        N_("Réponses aux avis"),
        N_(
            "Les réponses des destinataires aux avis du conseil, datées de l'année (le rôle "
            "qui répond, jamais la personne)."
        ),
        (
            _c("avis_id", _ID, N_("Identifiant de l'avis.")),
            _c("numero", "integer", N_("Numéro de la réponse (versions successives).")),
            _c(
                "le",
                _DH,
                N_("Date de la réponse (date et heure, ISO 8601 avec le décalage de Paris)."),
            ),
            _c("role", "string", N_("Rôle de qui répond (agent_ville, agent_etat…).")),
            _c("texte", "string", N_("Texte de la réponse.")),
            _c("liens", "string", N_("Liens cités (séparés par des espaces ; liste en JSON).")),
            _URL,
        ),
        ("avis", "réponses", "redevabilité"),
    ),
    Jeu(
        "budget_participatif",
        N_("Propositions au budget participatif"),
        N_(
            "Les propositions déposées pendant l'année dans l'arrondissement du conseil et leur "
            "statut à la date du fichier, sans leurs auteur·es."
        ),
        (
            _c("proposition_id", _ID, N_("Identifiant de la proposition.")),
            _c("titre", "string", N_("Titre.")),
            _c("description", "string", N_("Description.")),
            _c("quartier", "string", N_("Quartier (code QPV ou hors_qpv).")),
            _c("adresse", "string", N_("Lieu du projet.")),
            _c("langue", "string", LANGUE_DU_TEXTE),
            _c("theme", "string", N_("Thème.")),
            _c("cout_estime", "integer", N_("Coût estimé au dépôt."), N_("euros")),
            _c(
                "cout_reestime",
                "integer",
                N_("Coût réestimé par la Ville, s'il l'a été."),
                N_("euros"),
            ),
            _c("au_nom_du_conseil", "boolean", N_("Vrai si déposée au nom du conseil.")),
            _c(
                "statut",
                "string",
                N_(
                    "Statut (deposee, recevable, etudiee, soumise_au_vote, "
                    "laureate, realisee, irrecevable, non_retenue, abandonnee, fusionnee)."
                ),
            ),
            _c("statut_le", _DH, N_("Date du dernier changement de statut.")),
            _c("deposee_le", _DH, N_("Dépôt.")),
            _c("soutiens", "integer", N_("Soutiens reçus."), N_("soutiens")),
            _c("voix", "integer", N_("Voix obtenues au vote, s'il a eu lieu."), N_("voix")),
            _c("realisee_le", "date", N_("Date de réalisation.")),
            _c("motif", "string", N_("Motif public du dernier statut (irrecevable…).")),
            _c("fusionnee_dans", _ID, N_("Proposition dans laquelle elle a été fusionnée.")),
            _URL,
        ),
        ("budget participatif", "projets", "quartiers prioritaires"),
    ),
    Jeu(
        "tirages",
        N_("Tirages au sort"),
        N_(
            "Les tirages au sort du groupe moteur annoncés pendant l'année : la loterie, son "
            "engagement SHA-256, le hasard public et le ticket tiré. Le JSON contient aussi "
            "l'enregistrement public complet (identifiants pseudonymes et caractéristiques "
            "seulement), que chacun·e peut vérifier."
        ),
        (
            _c("tirage_id", _ID, N_("Identifiant du tirage.")),
            _c("annonce_le", _DH, N_("Annonce de la loterie.")),
            _c("effectue_le", _DH, N_("Tirage effectué (vide s'il est à venir).")),
            _c("taille", "integer", N_("Places à pourvoir."), N_("places")),
            _c("vivier", "integer", N_("Personnes volontaires dans le vivier."), N_("personnes")),
            _c("tickets", "integer", N_("Tickets de la loterie."), N_("tickets")),
            _c(
                "probabilite_minimale",
                "string",
                N_("Plus petite probabilité de sélection (fraction exacte)."),
            ),
            _c("engagement", "string", N_("Engagement SHA-256 (hexadécimal) de la loterie.")),
            _c("hasard_prevu", "string", N_("Le hasard public annoncé (par exemple quatre dés).")),
            _c("hasard", "string", N_("Le hasard public obtenu.")),
            _c("ticket", "integer", N_("Le ticket tiré.")),
            _c("enregistrement_url", "string", N_("Adresse de l'enregistrement public (JSON).")),
            _c(
                "enregistrement",
                "object",
                N_("L'enregistrement public complet (JSON seulement)."),
                csv=False,
            ),
            _URL,
        ),
        ("tirage au sort", "groupe moteur", "vérifiabilité"),
    ),
)
PAR_CODE = {jeu.code: jeu for jeu in JEUX}

_PAGES: dict[str, Callable[[dict[str, Any]], str]] = {
    "seances": lambda r: f"/seances/{r['seance_id']}",
    "decisions": lambda r: f"/seances/{r['seance_id']}",
    "avis": lambda r: f"/avis/{r['avis_id']}",
    "reponses_avis": lambda r: f"/avis/{r['avis_id']}",
    "budget_participatif": lambda r: f"/budget-participatif/{r['proposition_id']}",
    "tirages": lambda r: f"/tirages/{r['tirage_id']}",
}


def unite(cle: str, valeur: Any) -> str:
    """The unit of a report's leaf, from its path (as `rapports.formats.libelles.texte`
    reads it): "…_euros", "…_jours", a leaf "part_…" (a proportion), a date."""
    parties = cle.split(".")
    if isinstance(valeur, bool) or valeur is None:
        return ""
    if any(p.endswith("_euros") for p in parties):
        return "euros"
    if any(p.endswith("_jours") for p in parties):
        return "jours"
    if parties[-1].startswith("part_"):
        return "proportion"
    if isinstance(valeur, str) and len(valeur) == 10 and valeur[4] == "-" and valeur[7] == "-":
        return "date"
    if isinstance(valeur, int | float) or (isinstance(valeur, str) and valeur.startswith("<")):
        return "nombre"
    return ""


def _valeur_csv(valeur: Any) -> str:
    if valeur is None:
        return ""
    if isinstance(valeur, bool):
        return "true" if valeur else "false"
    if isinstance(valeur, list):
        return " ".join(str(v) for v in valeur)
    return str(valeur)


def _valeur_json(valeur: Any) -> Any:
    if isinstance(valeur, datetime):
        return a_paris(en_utc(valeur)).isoformat()
    if isinstance(valeur, date):
        return valeur.isoformat()
    return valeur


class DonneesOuvertes:
    """The open-data files of each council and year, and the catalogue describing them."""

    def __init__(
        self,
        lecture: LectureDonneesOuvertes,
        rapports: ServiceRapports,
        registre: Registre,
        url_publique: str,
    ) -> None:
        self.lecture = lecture
        self.rapports = rapports
        self.registre = registre
        self.url = url_publique.rstrip("/")
        self._memoire: dict[tuple[int, int, int, datetime | None], dict[str, Any]] = {}

    def annee_en_cours(self) -> int:
        return annee_a_paris(self.registre.maintenant())

    def annees(self, arrondissement: int) -> list[int]:
        """The years published for a council, the year in progress first (to date), down to
        the year of its first recorded activity (this year alone if it has none)."""
        self.rapports.perimetre(self.annee_en_cours(), arrondissement)  # 404 in French
        premiere = self.lecture.premiere_annee(arrondissement) or self.annee_en_cours()
        premiere = max(PREMIERE_ANNEE, min(premiere, self.annee_en_cours()))
        return list(range(self.annee_en_cours(), premiere - 1, -1))

    def rapport(self, annee: int, arrondissement: int) -> dict[str, Any]:
        """The council's public report: the agents' report (small cells are masked by the fold
        itself, `rapports.calcul._repartition`, at the same threshold), without the sections of
        `SECTIONS_RESERVEES_AUX_AGENTS`.

        Anyone may ask for it, so the last few are kept, keyed by the log's position (and, for
        the year in progress, the minute: a séance counts as held once its time has passed)."""
        position = self.rapports.projecteur.rattraper()
        minute = self.registre.maintenant().replace(second=0, microsecond=0)
        cle = (annee, arrondissement, position, minute if annee >= self.annee_en_cours() else None)
        if cle not in self._memoire:
            rapport = self.rapports.annuel(annee, arrondissement)
            for conseil in rapport["conseils"]:
                for section in SECTIONS_RESERVEES_AUX_AGENTS:
                    conseil.pop(section, None)
            self._memoire[cle] = rapport
            while len(self._memoire) > RAPPORTS_GARDES:
                del self._memoire[next(iter(self._memoire))]
        return copy.deepcopy(self._memoire[cle])

    def enregistrements(self, code: str, annee: int, arrondissement: int) -> list[dict[str, Any]]:
        """The rows of a dataset, each with exactly the dictionary's columns, as JSON values."""
        jeu = self._jeu(code)
        self.rapports.perimetre(annee, arrondissement)
        if code == "chiffres":
            return self._chiffres(self.rapport(annee, arrondissement))
        lire = {
            "seances": self.lecture.seances,
            "decisions": self.lecture.decisions,
            "avis": self.lecture.avis,
            "reponses_avis": self.lecture.reponses_aux_avis,
            "budget_participatif": self.lecture.propositions,
            "tirages": self.lecture.tirages,
        }[code]
        resultat = []
        for brute in lire(arrondissement, annee):
            ligne = dict(brute)
            if code == "reponses_avis":
                ligne["liens"] = json.loads(ligne["liens"] or "[]")
            if code == "tirages":
                ligne["enregistrement"] = json.loads(ligne.pop("document"))
                ligne["enregistrement_url"] = (
                    f"{self.url}/tirages/{ligne['tirage_id']}/enregistrement.json"
                )
            ligne["url"] = self.url + _PAGES[code](ligne)
            resultat.append({c.nom: _valeur_json(ligne.get(c.nom)) for c in jeu.colonnes})
        return resultat

    def _chiffres(self, rapport: dict[str, Any]) -> list[dict[str, Any]]:
        return [
            {
                "annee": rapport["annee"],
                "au": rapport["au"],
                "partiel": rapport["partiel"],
                "conseil": ligne.conseil,
                "section": ligne.section,
                "indicateur": ligne.indicateur,
                "ventilation": ligne.ventilation,
                "valeur": ligne.valeur,
                "masquee": isinstance(ligne.valeur, str) and ligne.valeur.startswith("< "),
                "unite": unite(ligne.cle, ligne.valeur),
                "definition": ligne.definition,
            }
            for ligne in lignes(rapport)
        ]

    def fichier(self, code: str, annee: int, arrondissement: int, format_: str) -> bytes:
        """A dataset's file. CSV: UTF-8 without byte-order mark, "," between fields, "." as
        the decimal point, one header line of the dictionary's names (RFC 4180, as data.gouv.fr
        recommends). JSON: the rows with their metadata; for `chiffres`, the report itself."""
        if format_ not in FORMATS_OUVERTS:
            raise Introuvable("Format inconnu : « %(format)s » (csv ou json).", format=format_[:10])
        jeu = self._jeu(code)
        if code == "chiffres" and format_ == "json":
            self.rapports.perimetre(annee, arrondissement)
            return en_json(self.rapport(annee, arrondissement))
        lignes_ = self.enregistrements(code, annee, arrondissement)
        if format_ == "csv":
            colonnes = [c.nom for c in jeu.colonnes if c.csv]
            sortie = io.StringIO()
            ecrivain = csv.writer(sortie, lineterminator="\r\n")
            ecrivain.writerow(colonnes)
            for ligne in lignes_:
                ecrivain.writerow([_valeur_csv(ligne[c]) for c in colonnes])
            return sortie.getvalue().encode("utf-8")
        document = {
            "jeu": code,
            "titre": f"{jeu.titre} — conseil citoyen du {arrondissement}e, {annee}",
            "annee": annee,
            "conseil": arrondissement,
            "au": jour_a_paris(self.registre.maintenant()).isoformat(),
            "licence": LICENCE_URL,
            "dictionnaire": f"{self.url}/donnees-ouvertes/dictionnaire.json",
            "enregistrements": lignes_,
        }
        return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode()

    def _jeu(self, code: str) -> Jeu:
        if code not in PAR_CODE:
            raise Introuvable("Jeu de données inconnu : « %(code)s ».", code=code[:30])
        return PAR_CODE[code]

    def chemin(self, code: str, annee: int, arrondissement: int, format_: str) -> str:
        return f"/donnees-ouvertes/{annee}/{arrondissement}/{code}.{format_}"

    def dictionnaire(self) -> dict[str, Any]:
        """Every dataset's columns, as a Table Schema per dataset (name, type, description,
        unit), with the licence."""
        return {
            "licence": {"titre": LICENCE, "url": LICENCE_URL, "spdx": LICENCE_SPDX},
            "jeux": [
                {
                    "code": jeu.code,
                    "titre": jeu.titre,
                    "description": jeu.description,
                    "schema": {
                        "fields": [
                            {
                                "name": c.nom,
                                "type": c.type,
                                "description": c.sens,
                                **({"unit": c.unite} if c.unite else {}),
                                **({} if c.csv else {"csv": False}),
                            }
                            for c in jeu.colonnes
                        ]
                    },
                }
                for jeu in JEUX
            ],
        }

    def catalogue(self) -> dict[str, Any]:
        """The DCAT catalogue in JSON-LD: one dcat:Dataset per dataset and council, one
        dcat:Distribution per year and format, every address absolute."""
        u = self.url
        cette_annee = self.annee_en_cours()
        editeur = {
            "@id": f"{u}/#editeur",
            "@type": "foaf:Organization",
            "foaf:name": "Conseils citoyens de Paris (plateforme participation)",
            "foaf:homepage": {"@id": f"{u}/"},
        }
        licence = {"@id": LICENCE_URL}
        jeux = []
        for arrondissement in arrondissements():
            annees = self.annees(arrondissement)
            lieu = {
                "@type": "dct:Location",
                "dct:identifier": f"751{arrondissement:02d}",
                "skos:prefLabel": {
                    "@value": f"Paris {arrondissement}e arrondissement",
                    "@language": "fr",
                },
            }
            for jeu in JEUX:
                distributions = [
                    {
                        "@id": f"{u}{self.chemin(jeu.code, annee, arrondissement, format_)}",
                        "@type": "dcat:Distribution",
                        "dct:title": _fr(f"{jeu.titre} {annee} ({format_.upper()})"),
                        "dcat:downloadURL": {
                            "@id": f"{u}{self.chemin(jeu.code, annee, arrondissement, format_)}"
                        },
                        "dcat:accessURL": {
                            "@id": f"{u}{self.chemin(jeu.code, annee, arrondissement, format_)}"
                        },
                        "dcat:mediaType": {
                            "@id": "http://www.iana.org/assignments/media-types/"
                            + FORMATS_OUVERTS[format_].split(";")[0]
                        },
                        "dct:format": format_.upper(),
                        "dct:license": licence,
                        "dct:temporal": _periode(annee, annee),
                        "dct:description": _fr(
                            "Année en cours, chiffres à date."
                            if annee == cette_annee
                            else f"Année {annee}, close."
                        ),
                    }
                    for annee in annees
                    for format_ in FORMATS_OUVERTS
                ]
                jeux.append(
                    {
                        "@id": f"{u}/donnees-ouvertes#{jeu.code}-{arrondissement}",
                        "@type": "dcat:Dataset",
                        "dct:identifier": f"participation-{jeu.code}-{arrondissement}",
                        "dct:title": _fr(
                            f"{jeu.titre} — conseil citoyen du {arrondissement}e arrondissement"
                        ),
                        "dct:description": _fr(jeu.description),
                        "dcat:keyword": [
                            _fr(m)
                            for m in (
                                *jeu.mots_cles,
                                "conseil citoyen",
                                "politique de la ville",
                                "Paris",
                            )
                        ],
                        "dct:publisher": {"@id": editeur["@id"]},
                        "dct:license": licence,
                        "dct:spatial": lieu,
                        "dct:temporal": _periode(annees[-1], annees[0]),
                        "dct:accrualPeriodicity": {"@id": "http://purl.org/cld/freq/continuous"},
                        "dct:language": {
                            "@id": "http://publications.europa.eu/resource/authority/language/FRA"
                        },
                        "dcat:landingPage": {"@id": f"{u}/donnees-ouvertes"},
                        "dcat:distribution": distributions,
                    }
                )
        return {
            "@context": CONTEXTE,
            "@id": f"{u}/donnees-ouvertes/catalogue.jsonld",
            "@type": "dcat:Catalog",
            "dct:title": _fr("Données ouvertes des conseils citoyens de Paris"),
            "dct:description": _fr(
                "Le compte public de chaque conseil citoyen de la politique de la ville à "
                "Paris, par année : chiffres du rapport annuel (petits effectifs masqués), "
                "séances, décisions, avis et réponses, budget participatif, tirages au sort."
            ),
            "dct:language": {
                "@id": "http://publications.europa.eu/resource/authority/language/FRA"
            },
            "dct:license": licence,
            "dct:publisher": editeur,
            "foaf:homepage": {"@id": f"{u}/donnees-ouvertes"},
            "dcat:dataset": jeux,
        }


CONTEXTE = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def _fr(texte: str) -> dict[str, str]:
    return {"@value": texte, "@language": "fr"}


def _periode(de: int, a: int) -> dict[str, Any]:
    return {
        "@type": "dct:PeriodOfTime",
        "dcat:startDate": {"@value": f"{de}-01-01", "@type": "xsd:date"},
        "dcat:endDate": {"@value": f"{a}-12-31", "@type": "xsd:date"},
    }


def dictionnaire_markdown() -> str:
    """The dictionary's tables in docs/donnees-ouvertes.md (a test keeps them in sync)."""
    lignes: list[str] = []
    for jeu in JEUX:
        lignes += [
            f"### `{jeu.code}`: {jeu.titre}",
            "",
            jeu.description,
            "",
            "| column | type | meaning (French) | unit |",
            "| --- | --- | --- | --- |",
        ]
        for c in jeu.colonnes:
            type_ = c.type if c.csv else f"{c.type} (JSON only)"
            lignes.append(f"| `{c.nom}` | {type_} | {c.sens} | {c.unite} |")
        lignes.append("")
    return "\n".join(lignes)


if __name__ == "__main__":
    # Rewrites the dictionary of docs/donnees-ouvertes.md (tests/unit/test_donnees_ouvertes.py).
    from pathlib import Path

    page = Path("docs/donnees-ouvertes.md")
    avant, reste = page.read_text(encoding="utf-8").split("<!-- dictionnaire -->", 1)
    apres = reste.split("<!-- /dictionnaire -->", 1)[1]
    tables = f"<!-- dictionnaire -->\n{dictionnaire_markdown()}<!-- /dictionnaire -->"
    page.write_text(avant + tables + apres, encoding="utf-8")
