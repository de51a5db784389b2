"""Shared helpers of the tirage tests: pools, feasible quotas, sealing a tampered record, and
running the standalone verifier (in-process and as a separate `python3` process)."""

import contextlib
import copy
import io
import json
import random
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from tirage import verificateur_autonome
from tirage.canonique import ecrire
from tirage.loterie import apparitions, engagement, lot_de, membres_par_type
from tirage.vivier import CATEGORIES, VALEURS, Candidat, Quotas

RACINE = Path(__file__).resolve().parents[2]
AUTONOME = RACINE / "tirage" / "verificateur_autonome.py"
QUARTIERS = ("Q01", "Q02", "Q03", "Q04", "Q05")


def vivier_aleatoire(
    rng: random.Random, taille: int, quartiers: int = 3, ids: list[str] | None = None
) -> list[Candidat]:
    noms = ids or [f"p{i:04d}" for i in range(taille)]
    return sorted(
        (
            Candidat(
                id=ident,
                college=rng.choice(("habitant", "habitant", "acteur_local")),
                genre=rng.choice(("femme", "homme", "femme", "homme", "autre", "nsp")),
                quartier=rng.choice(QUARTIERS[:quartiers]),
                volontaire=rng.choice(("oui", "non")),
            )
            for ident in noms
        ),
        key=lambda c: c.id,
    )


def quotas_faisables(
    rng: random.Random, vivier: list[Candidat], taille: int, marge: int = 0
) -> Quotas:
    """Quotas met by a random panel drawn from the pool (hence feasible), widened by `marge`."""
    panel = rng.sample(vivier, taille)
    bornes: dict[str, dict[str, tuple[int, int]]] = {}
    for categorie in CATEGORIES:
        if rng.random() < 0.3:
            continue
        comptes = Counter(c.trait(categorie) for c in panel)
        valeurs = sorted({c.trait(categorie) for c in vivier})
        bornes[categorie] = {}
        for valeur in valeurs:
            if rng.random() < 0.8:
                n = comptes.get(valeur, 0)
                bas, haut = rng.randint(0, marge), rng.randint(0, marge)
                bornes[categorie][valeur] = (max(0, n - bas), n + haut)
    return Quotas(taille, bornes)


@st.composite
def viviers_et_quotas(draw: st.DrawFn, max_vivier: int = 80) -> tuple[list[Candidat], Quotas]:
    """Random pools (5..max_vivier people) with random features, and feasible random quotas."""
    n = draw(st.integers(5, max_vivier))
    ids = draw(
        st.lists(
            st.text("abcXYZ019-_é", min_size=1, max_size=6), min_size=n, max_size=n, unique=True
        )
    )
    quartiers = draw(st.integers(1, len(QUARTIERS)))
    colleges = draw(st.lists(st.sampled_from(VALEURS["college"]), min_size=n, max_size=n))
    genres = draw(st.lists(st.sampled_from(VALEURS["genre"]), min_size=n, max_size=n))
    lieux = draw(st.lists(st.sampled_from(QUARTIERS[:quartiers]), min_size=n, max_size=n))
    volontaires = draw(st.lists(st.sampled_from(VALEURS["volontaire"]), min_size=n, max_size=n))
    vivier = sorted(
        (
            Candidat(*champs)
            for champs in zip(ids, colleges, genres, lieux, volontaires, strict=True)
        ),
        key=lambda c: c.id,
    )
    taille = draw(st.integers(1, min(n, 20)))
    graine = draw(st.integers(0, 2**32 - 1))
    marge = draw(st.sampled_from((0, 0, 1, 3)))
    return vivier, quotas_faisables(random.Random(graine), vivier, taille, marge)


def respecte(personnes: list[Candidat], quotas: Quotas) -> bool:
    if len(personnes) != quotas.taille:
        return False
    for categorie, valeurs in quotas.bornes.items():
        comptes = Counter(p.trait(categorie) for p in personnes)
        for valeur, (bas, haut) in valeurs.items():
            if not bas <= comptes.get(valeur, 0) <= haut:
                return False
    return True


def sceller(record: dict[str, Any]) -> dict[str, Any]:
    """Recompute the commitment of a (tampered) record, as a dishonest publisher would."""
    annonce = {k: v for k, v in record.items() if k not in ("tirage", "selection", "suppleants")}
    record["engagement"] = engagement(annonce)
    return record


def recalculer_apparitions(record: dict[str, Any]) -> dict[str, Any]:
    """Make `apparitions` and `probabilite_minimale` consistent with the published tickets."""
    lot = lot_de(record)
    vivier = [Candidat(**c) for c in record["vivier"]]
    comptes = apparitions(lot, membres_par_type(vivier, record["categories"], lot.types))
    record["apparitions"] = dict(sorted(comptes.items()))
    record["probabilite_minimale"] = f"{min(comptes.values())}/{lot.m}"
    return record


def copie(record: dict[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(record)


def autonome_en_memoire(record: Any) -> tuple[int, str]:
    """Run the standalone verifier's checks in this process: (exit code, printed text)."""
    sortie = io.StringIO()
    code = 0
    with contextlib.redirect_stdout(sortie):
        try:
            verificateur_autonome.verifier(json.loads(json.dumps(record)))
        except SystemExit as fin:
            code = int(fin.code or 0)
        except (KeyError, TypeError, ValueError, AttributeError, ZeroDivisionError):
            code = 1
    return code, sortie.getvalue()


def autonome(chemin: Path) -> subprocess.CompletedProcess[str]:
    """Run the standalone verifier as residents do, without any site-packages (`-S`)."""
    return subprocess.run(
        [sys.executable, "-S", str(AUTONOME), str(chemin)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


def ecrire_fichier(chemin: Path, document: Any) -> Path:
    chemin.write_text(ecrire(document), encoding="utf-8")
    return chemin
