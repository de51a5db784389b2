"""The demo's texts read like a council's record: agendas, motions, minutes, avis and answers
from the corpus (never filler from Faker), within the domain's limits, the same for a seed."""

import random
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from demo import avis as demo_avis
from demo import budget as demo_budget
from demo.textes import (
    AVIS,
    COMMENTAIRES_PAR_PROJET,
    SUJETS,
    THEMES,
    Seance,
    Vote,
    commentaire_bp,
    compte_rendu,
    de,
    motion,
    ordre_du_jour,
    reponse_avis,
    texte_avis,
)
from domaine.textes import LONG_TEXTE_MAX, TEXTE_MAX, TITRE_MAX

SEANCE = datetime(2026, 3, 12, 17, 30, tzinfo=UTC)  # 18 h 30 in Paris


def _seance(quartier: str = "") -> Seance:
    votes = [Vote("Demander un créneau du gymnase en accès libre.", 24, 3, 2)]
    votes.append(Vote("Demander une fontaine à boire.", 4, 11, 1))
    return Seance(
        SEANCE,
        "Centre social — 3, rue de l'Exemple, Paris 18e",
        quartier,
        ["Goutte d'Or", "Blémont"],
        ["sport", "cadre_de_vie", "sante"],
        41,
        7,
        votes,
    )


def test_le_compte_rendu_dit_qui_est_venu_ce_qui_a_ete_dit_et_decide() -> None:
    texte = compte_rendu(_seance(), random.Random(1))

    assert texte.startswith("Séance plénière de l'assemblée ouverte du jeudi 12 mars 2026")
    assert "41 membres inscrits et 7 habitant·es non inscrit·es" in texte
    for numero, sujet in enumerate(["sport", "cadre_de_vie", "sante"], 2):
        assert f"{numero}. {THEMES[sujet].point}" in texte
    assert "24 pour, 3 contre, 2 abstentions — adoptée" in texte
    assert "4 pour, 11 contre, 1 abstention — rejetée" in texte
    assert "Point d'information, sans vote" in texte  # the third point had no vote
    assert re.search(r"La séance est levée à (20|21) h \d\d\.$", texte)
    assert len(texte) <= LONG_TEXTE_MAX


def test_une_seance_de_quartier_parle_de_son_quartier() -> None:
    texte = compte_rendu(_seance("Goutte d'Or"), random.Random(2))
    assert texte.startswith("Séance du quartier Goutte d'Or du jeudi 12 mars 2026")
    assert "{" not in texte and "}" not in texte  # every placeholder filled


@pytest.mark.parametrize("sujet", SUJETS)
def test_chaque_theme_donne_un_point_d_ordre_du_jour_et_des_motions(sujet: str) -> None:
    theme = THEMES[sujet]
    assert len(theme.point) <= TITRE_MAX
    for graine in range(10):
        texte = motion(sujet, random.Random(graine), "Blémont")
        assert texte.endswith(".") and "{" not in texte and len(texte) <= TEXTE_MAX


def test_les_seances_tirent_leurs_sujets_parmi_douze_themes() -> None:
    """`alea.sample(SUJETS, 3)` is one of the simulation's draws: its size must not change."""
    assert len(SUJETS) == 12
    odj = ordre_du_jour(["proprete", "jeunesse", "logement"])
    assert odj.splitlines() == [
        "1. Accueil des nouveaux membres",
        "2. Propreté des espaces publics",
        "3. Jeunesse : activités et lieux pour les 12-25 ans",
        "4. Logement social : relations avec les bailleurs",
        "5. Questions diverses",
    ]


@pytest.mark.parametrize("scenario", demo_avis.SCENARIOS, ids=lambda s: s.titre)
def test_chaque_avis_de_la_demo_a_son_texte_et_ses_reponses(
    scenario: demo_avis.Scenario,
) -> None:
    mots = AVIS[scenario.titre]
    for retravaille in (False, True):
        texte = texte_avis(scenario.titre, 18, "Goutte d'Or", random.Random(3), retravaille)
        assert "Le conseil citoyen demande :\n1. " in texte
        assert "{" not in texte and len(texte) <= LONG_TEXTE_MAX
    assert "Version retravaillée" in texte
    for rang in range(len(scenario.repondu)):
        reponse = reponse_avis(scenario.titre, rang, scenario.destinataire)
        assert len(reponse) > 80 and "Réponse de l'institution" not in reponse
    if scenario.origine == "saisine":
        assert mots.question.endswith((".", "?"))
    if scenario.diagnostic is not None:
        assert mots.diagnostic
    if scenario.retire is not None:
        assert mots.retrait


def test_les_commentaires_parlent_du_projet_commente() -> None:
    titres = {titre for _, titre, _ in demo_budget.PROJETS}
    assert titres == set(COMMENTAIRES_PAR_PROJET)
    alea = random.Random(4)
    textes = {
        commentaire_bp(f"Rénover le terrain de basket — rue X{i}", "Générique.", alea)
        for i in range(40)
    }
    assert textes & set(COMMENTAIRES_PAR_PROJET["Rénover le terrain de basket"])
    assert "Générique." in textes  # the simulation's general comment still appears


def test_les_memes_graines_donnent_les_memes_textes() -> None:
    assert compte_rendu(_seance(), random.Random(9)) == compte_rendu(_seance(), random.Random(9))


def test_l_elision_devant_une_voyelle() -> None:
    assert de("Algérie") == "d'Algérie"
    assert de("Belleville") == "de Belleville"


def test_la_demo_n_ecrit_plus_de_texte_de_remplissage() -> None:
    """No Faker filler (`paragraph`, `sentence`, `text`, `words`) in the demo's modules."""
    for module in (Path(__file__).parents[2] / "participation").glob("demo*.py"):
        source = module.read_text(encoding="utf-8")
        assert not re.search(r"faux\.(paragraphs?|sentences?|text|texts|words?)\(", source), module
