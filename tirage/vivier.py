"""The pool (vivier) and the quotas, read and checked as the offline CLI contract documents.

`POOL.csv`: header and columns `id,college,genre,quartier,volontaire` (other columns ignored).
`QUOTAS.json`: `{"taille": 30, "quotas": {"college": {"habitant": [20, 20], ...}, ...}}`.
"""

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from tirage.erreurs import EntreeInvalide

CATEGORIES = ("college", "genre", "quartier", "volontaire")
VALEURS = {
    "college": ("habitant", "acteur_local"),
    "genre": ("femme", "homme", "autre", "nsp"),
    "volontaire": ("oui", "non"),
}
ID_MAX = 64
VALEUR_MAX = 100


@dataclass(frozen=True)
class Candidat:
    """A pseudonymous id and the features the quotas may constrain: never a name."""

    id: str
    college: str
    genre: str
    quartier: str
    volontaire: str
    autres: tuple[tuple[str, str], ...] = field(default=(), compare=False)  # other CSV columns

    def trait(self, categorie: str) -> str:
        if categorie in CATEGORIES:
            valeur: str = getattr(self, categorie)
            return valeur
        return dict(self.autres).get(categorie, "")  # a column this candidate's list lacked

    def en_json(self, categories: Sequence[str] = ()) -> dict[str, str]:
        """The public form: the five columns, plus the other columns the quotas constrain
        (any other column, a name say, never leaves the organiser's file)."""
        autres = {c: self.trait(c) for c in categories if c not in CATEGORIES}
        return {"id": self.id, **{c: self.trait(c) for c in CATEGORIES}, **autres}

    @classmethod
    def depuis_json(cls, donnees: dict[str, str]) -> "Candidat":
        fixes = {c: donnees[c] for c in ("id", *CATEGORIES)}
        autres = tuple(sorted((c, v) for c, v in donnees.items() if c not in fixes))
        return cls(**fixes, autres=autres)


@dataclass(frozen=True)
class Quotas:
    """Panel size and, per category and value, inclusive [min, max] bounds."""

    taille: int
    bornes: dict[str, dict[str, tuple[int, int]]]

    def en_json(self) -> dict[str, Any]:
        return {
            "taille": self.taille,
            "quotas": {
                c: {v: [lo, hi] for v, (lo, hi) in sorted(vals.items())}
                for c, vals in sorted(self.bornes.items())
            },
        }


def lire_vivier(texte: str) -> list[Candidat]:
    """Read POOL.csv; the pool comes back sorted by id (its canonical order)."""
    try:
        return _lire_vivier(texte)
    except csv.Error as erreur:  # a field over 128 KiB, a NUL byte, an open quote…
        if "field larger than field limit" in str(erreur):
            raise EntreeInvalide(
                "Le vivier contient un champ de plus de %(taille)s Kio : "
                "vérifiez le fichier (une personne par ligne).",
                taille=csv.field_size_limit() // 1024,
            ) from None
        raise EntreeInvalide(
            "Le vivier n'est pas un fichier CSV lisible (%(erreur)s).", erreur=erreur
        ) from None


def _lire_vivier(texte: str) -> list[Candidat]:
    lecteur = csv.DictReader(io.StringIO(texte.lstrip("\ufeff")))
    colonnes = [(c or "").strip() for c in (lecteur.fieldnames or [])]
    manquantes = [c for c in ("id", *CATEGORIES) if c not in colonnes]
    if manquantes:
        raise EntreeInvalide(
            "Colonnes manquantes dans le vivier : %(colonnes)s.", colonnes=", ".join(manquantes)
        )
    lecteur.fieldnames = colonnes
    autres_colonnes = sorted({c for c in colonnes if c and c not in ("id", *CATEGORIES)})
    candidats: dict[str, Candidat] = {}
    for numero, ligne in enumerate(lecteur, start=2):
        valeurs = {c: (ligne.get(c) or "").strip() for c in ("id", *CATEGORIES)}
        if not valeurs["id"] or len(valeurs["id"]) > ID_MAX or "," in valeurs["id"]:
            raise EntreeInvalide(
                "Ligne %(ligne)s : identifiant vide, trop long ou invalide.", ligne=numero
            )
        for categorie, permises in VALEURS.items():
            if valeurs[categorie] not in permises:
                raise EntreeInvalide(
                    "Ligne %(ligne)s : %(categorie)s « %(valeur)s » inconnu "
                    "(attendu : %(permises)s).",
                    ligne=numero,
                    categorie=categorie,
                    valeur=valeurs[categorie],
                    permises=", ".join(permises),
                )
        if not valeurs["quartier"]:
            raise EntreeInvalide("Ligne %(ligne)s : quartier vide.", ligne=numero)
        if valeurs["id"] in candidats:
            raise EntreeInvalide(
                "Ligne %(ligne)s : l'identifiant « %(id)s » est en double.",
                ligne=numero,
                id=valeurs["id"],
            )
        autres = tuple(
            sorted((c, (ligne.get(c) or "").strip()[:VALEUR_MAX]) for c in autres_colonnes)
        )
        candidats[valeurs["id"]] = Candidat(**valeurs, autres=autres)
    if not candidats:
        raise EntreeInvalide("Le vivier est vide.")
    return [candidats[i] for i in sorted(candidats)]


def lire_quotas(document: Any, vivier: list[Candidat]) -> Quotas:
    """Check QUOTAS.json against the pool: known categories, integer bounds, a possible size."""
    if not isinstance(document, dict) or not isinstance(document.get("taille"), int):
        raise EntreeInvalide("Le fichier de quotas doit contenir « taille » (un entier).")
    taille = document["taille"]
    if isinstance(taille, bool) or not 1 <= taille <= len(vivier):
        raise EntreeInvalide(
            "La taille du panel (%(taille)s) doit être comprise entre 1 et la taille du vivier "
            "(%(vivier)s).",
            taille=taille,
            vivier=len(vivier),
        )
    quotas = document.get("quotas", {})
    if not isinstance(quotas, dict):
        raise EntreeInvalide("« quotas » doit être un objet {catégorie: {valeur: [min, max]}}.")
    bornes: dict[str, dict[str, tuple[int, int]]] = {}
    connues = [*CATEGORIES, *sorted({c for candidat in vivier for c, _ in candidat.autres})]
    for categorie, valeurs in quotas.items():
        if categorie not in connues:
            raise EntreeInvalide(
                "Catégorie de quota inconnue : « %(categorie)s » (colonnes du vivier : "
                "%(colonnes)s).",
                categorie=categorie,
                colonnes=", ".join(connues),
            )
        if not isinstance(valeurs, dict):
            raise EntreeInvalide(
                "Les quotas de « %(categorie)s » doivent être un objet.", categorie=categorie
            )
        bornes[categorie] = {}
        for valeur, paire in valeurs.items():
            if (
                not isinstance(paire, list)
                or len(paire) != 2
                or not all(isinstance(b, int) and not isinstance(b, bool) for b in paire)
                or not 0 <= paire[0] <= paire[1]
            ):
                raise EntreeInvalide(
                    "Quota %(categorie)s = %(valeur)s : attendu [min, max] entiers avec "
                    "0 ≤ min ≤ max, reçu %(recu)s.",
                    categorie=categorie,
                    valeur=valeur,
                    recu=repr(paire),
                )
            bornes[categorie][str(valeur)] = (paire[0], paire[1])
    return Quotas(taille, bornes)
