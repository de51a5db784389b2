"""Every form of the avis pages refuses invalid input in place: HTTP 422 (409 when the avis moved
on meanwhile), the message next to its field, what was typed kept, with htmx (the form alone)
and without (the whole page); and nothing is recorded."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

import pytest

from tests.web.outils import HTMX, erreur_en_place, jeton, lisible
from tests.web.scene_avis import SceneAvis, fixture_scene_avis  # noqa: F401 (the fixture)

pytestmark = pytest.mark.calendrier  # run again under other dates in CI (.ci/run)

PROJET = {
    "origine": "auto_saisine",
    "titre": "Éclairage rue Myrha",
    "sujet": "Sécurité",
    "axe": "axe_2",
    "destinataire": "ville",
    "institution": "",
    "texte": "Le conseil demande un meilleur éclairage.",
}


@dataclass(frozen=True)
class Cas:
    """One invalid input of one form: who posts what where, and the refusal expected."""

    formulaire: str
    role: str
    cible: Callable[[SceneAvis], str]  # the URL posted to (the page is the URL without the verb)
    donnees: dict[str, str]
    champ: str
    message: str
    gardes: tuple[str, ...] = ()  # fields whose typed value must come back


def _avis(fabrique: str, verbe: str) -> Callable[[SceneAvis], str]:
    return lambda s: f"/avis/{getattr(s, fabrique)()}/{verbe}"


def _page(url: str) -> str:
    if url.startswith("/avis/"):
        return "/".join(url.split("/")[:3])
    return "/conseils/18/avis"


CAS = [
    Cas("avis", "autrice", lambda s: "/conseils/18/avis", {**PROJET, "titre": " "}, "titre",
        "« titre » est obligatoire", ("texte", "sujet")),
    Cas("avis", "autrice", lambda s: "/conseils/18/avis", {**PROJET, "texte": ""}, "texte",
        "« texte de l'avis » est obligatoire", ("titre",)),
    Cas("avis", "autrice", lambda s: "/conseils/18/avis",
        {**PROJET, "destinataire": "bailleur_social"}, "institution",
        "Précisez le nom de l'institution", ("titre", "texte", "destinataire")),
    Cas("avis", "autrice", lambda s: "/conseils/18/avis", {**PROJET, "destinataire": ""},
        "destinataire", "Choisissez le destinataire", ("titre",)),
    Cas("saisine", "agent_ville", lambda s: "/conseils/18/saisines",
        {"titre": "Square", "question": "Votre avis ?", "demandee_le": "2026-03-01",
         "echeance": "2026-03-01"}, "echeance", "postérieure à aujourd'hui",
        ("titre", "question", "echeance")),
    Cas("saisine", "agent_ville", lambda s: "/conseils/18/saisines",
        {"titre": "Square", "question": "Votre avis ?", "demandee_le": "",
         "echeance": "2026-05-01"}, "demandee_le", "« date de la demande » est obligatoire",
        ("question", "echeance")),
    Cas("delai", "animatrice", lambda s: "/conseils/18/avis/delai", {"mois": "13"}, "mois",
        "de 1 à 12", ("mois",)),
    Cas("delai", "animatrice", lambda s: "/conseils/18/avis/delai", {"mois": "trois"}, "mois",
        "doit être un nombre entier", ("mois",)),
    Cas("jet", "voisine", _avis("saisine", "versions"), {"titre": "Notre avis", "texte": " "},
        "texte", "« texte de l'avis » est obligatoire", ("titre",)),
    Cas("amender", "autrice", _avis("brouillon", "versions"),
        {"titre": "", "texte": "Un texte revu"}, "titre", "« titre » est obligatoire",
        ("texte",)),
    Cas("vote", "animatrice", _avis("brouillon", "vote"), {"decision": ""}, "decision",
        "Choisissez la décision"),
    Cas("reponse", "agent_ville", _avis("transmis", "reponses"),
        {"texte": "Nous répondons.", "liens": "ftp://exemple.fr/plan.pdf"}, "liens",
        "adresse http(s) attendue", ("texte", "liens")),
    Cas("reponse", "agent_ville", _avis("transmis", "reponses"),
        {"texte": " ", "liens": "https://paris.fr/plan.pdf"}, "texte",
        "« texte de la réponse » est obligatoire", ("liens",)),
    Cas("partenaires", "agent_etat", _avis("interpellation_transmise", "partenaires-informes"),
        {"texte": ""}, "texte", "« partenaires informés » est obligatoire"),
    Cas("diagnostic", "agent_etat", _avis("interpellation_informee", "diagnostic"),
        {"comite_le": "2030-01-01", "texte": "Diagnostic partagé."}, "comite_le",
        "ne peut pas être dans le futur", ("comite_le", "texte")),
    Cas("diagnostic", "agent_etat", _avis("interpellation_informee", "diagnostic"),
        {"comite_le": "hier", "texte": "Diagnostic partagé."}, "comite_le",
        "n'est pas une date valide", ("texte",)),
    Cas("cloture", "animatrice", _avis("repondu", "cloture"), {"motif": "x" * 20_001}, "motif",
        "trop long"),
    Cas("retrait", "autrice", _avis("brouillon", "retrait"), {"motif": "  "}, "motif",
        "« motif » est obligatoire"),
]  # fmt: skip


def _identifiant(cas: Cas) -> str:
    return f"{cas.formulaire}-{cas.champ}"


def _poster(scene: SceneAvis, role: str, url: str, donnees: dict[str, Any], htmx: bool) -> Any:
    navigateur = scene[role]
    champs = {**donnees, "csrf": jeton(navigateur, _page(url))}
    return navigateur.post(url, data=champs, headers=HTMX if htmx else None)


@pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "sans-js"])
@pytest.mark.parametrize("cas", CAS, ids=_identifiant)
def test_chaque_formulaire_d_avis_refuse_en_place_sans_rien_perdre(
    scene_avis: SceneAvis, cas: Cas, htmx: bool
) -> None:
    url = cas.cible(scene_avis)
    avant = scene_avis.p.registre.position()

    reponse = _poster(scene_avis, cas.role, url, cas.donnees, htmx)

    gardes = {champ: cas.donnees[champ] for champ in cas.gardes}
    erreur_en_place(reponse, cas.formulaire, cas.champ, cas.message, gardes)
    if htmx:  # the form alone, which htmx swaps for itself
        assert reponse.text.lstrip().startswith(f'<form id="formulaire-{cas.formulaire}"')
    else:  # the whole page, the form's summary taking the focus
        assert "<html" in reponse.text
        assert f'id="erreurs-{cas.formulaire}" role="alert" tabindex="-1" autofocus' in (
            reponse.text
        )
    assert f'id="formulaire-{cas.formulaire}"' in reponse.text
    assert "novalidate" in reponse.text
    assert scene_avis.p.registre.position() == avant


def test_les_formulaires_d_avis_sont_novalidate_et_leurs_champs_se_nomment_formulaire_champ(
    scene_avis: SceneAvis,
) -> None:
    html = scene_avis["animatrice"].get("/conseils/18/avis").text
    for ident in ("avis-titre", "avis-texte", "avis-destinataire", "delai-mois"):
        assert f'id="{ident}"' in html
    formulaires = [f for f in html.split("<form")[1:] if 'class="formulaire"' in f.split(">")[0]]
    assert formulaires and all("novalidate" in f.split(">")[0] for f in formulaires)


def test_un_formulaire_perime_revient_avec_son_resume_et_le_texte_tape(
    scene_avis: SceneAvis,
) -> None:
    avis_id = scene_avis.brouillon()
    ancienne = scene_avis.p.lecture_avis.avis(str(avis_id)).version
    scene_avis.p.projecteur.attendre(
        scene_avis.p.avis.amender(scene_avis.qui("animatrice"), avis_id, None, "Titre", "Revu")
    )
    avant = scene_avis.p.registre.position()
    texte = "Ma version, longuement travaillée."

    for htmx in (True, False):
        reponse = _poster(
            scene_avis,
            "autrice",
            f"/avis/{avis_id}/versions",
            {"version": str(ancienne), "titre": "Mon titre", "texte": texte},
            htmx,
        )
        assert reponse.status_code == 409
        html = lisible(reponse.text)
        assert "rechargez la page" in html and 'id="erreurs-amender"' in html
        assert f">{texte}</textarea>" in html  # nothing typed is lost
    assert scene_avis.p.registre.position() == avant


def test_un_refus_dont_le_formulaire_n_est_plus_propose_s_affiche_en_haut_de_la_page(
    scene_avis: SceneAvis,
) -> None:
    """Two agents acknowledge the same avis: the second one's form is gone, the message stays."""
    avis_id: UUID = scene_avis.transmis()
    scene_avis.p.projecteur.attendre(
        scene_avis.p.avis.accuser_reception(scene_avis.qui("agent_ville"), avis_id)
    )
    for htmx in (True, False):
        reponse = _poster(scene_avis, "agent_ville", f"/avis/{avis_id}/accuse-reception", {}, htmx)
        assert reponse.status_code == 409
        assert 'id="refus" role="alert" tabindex="-1" autofocus' in reponse.text
        assert "Impossible d'accuser réception" in lisible(reponse.text)
        assert f'href="/avis/{avis_id}"' in reponse.text


def test_un_role_refuse_reste_un_403_quoi_qu_il_ait_saisi(scene_avis: SceneAvis) -> None:
    brouillon = scene_avis.brouillon()
    interpellation = scene_avis.interpellation_informee()
    avant = scene_avis.p.registre.position()
    for role, url, donnees in (
        ("autrice", f"/avis/{brouillon}/vote", {"decision": "pas une décision"}),
        ("autrice", "/conseils/18/saisines", {"demandee_le": "n'importe"}),
        ("agent_ville", "/conseils/18/avis/delai", {"mois": "beaucoup"}),
        ("animatrice", f"/avis/{interpellation}/diagnostic", {"comite_le": "hier"}),
    ):
        assert _poster(scene_avis, role, url, donnees, htmx=False).status_code == 403, url
    assert scene_avis.p.registre.position() == avant
