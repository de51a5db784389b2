"""A text keeps the language its writer chose (a proposal, a comment): the form offers the
language the person reads the site in, the page declares the text's own (`lang`), a bad value
is refused next to its field, and texts stored before the choice existed read as French."""

import re
from uuid import UUID

from starlette.testclient import TestClient

from lancement.plateforme import Plateforme
from tests.web.outils import erreur_en_place, lisible, poster, section
from tests.web.test_budget import DEPOT, QPV_18, deposer_directement

DEPOT_EN_ARABE = {
    **DEPOT,
    "titre": "حديقة مشتركة في شارع ليون",
    "description": "تحويل الأرض المهملة إلى حديقة مشتركة مفتوحة للمدارس.",
    "langue": "ar",
}


def _selectionnees(html: str, ident: str) -> list[str]:
    select = re.search(rf'<select id="{ident}".*?</select>', html, re.S)
    assert select, ident
    return re.findall(r'<option value="([^"]*)"[^>]*\bselected\b', select.group(0))


def test_le_formulaire_propose_la_langue_dans_laquelle_on_lit_le_site(
    client: TestClient, participant_web: UUID
) -> None:
    formulaire = "/conseils/18/budget-participatif/deposer"
    assert _selectionnees(client.get(formulaire).text, "depot-langue") == ["fr"]
    for lue, proposee in (("en", "en"), ("ar", "ar"), ("fr-x-falc", "fr")):
        client.get(f"/langue/{lue}?retour={formulaire}")
        assert _selectionnees(client.get(formulaire).text, "depot-langue") == [proposee], lue


def test_une_proposition_ecrite_en_arabe_le_declare_sur_sa_page_et_dans_la_liste(
    client: TestClient, participant_web: UUID, plateforme_web: Plateforme
) -> None:
    reponse = poster(client, "/conseils/18/budget-participatif", DEPOT_EN_ARABE)

    assert reponse.status_code == 303
    page = client.get(reponse.headers["location"]).text
    assert '<html lang="fr" dir="ltr">' in page  # the interface stays French
    assert f'<h1 lang="ar" dir="auto">{DEPOT_EN_ARABE["titre"]}</h1>' in page
    assert f'lang="ar" dir="auto">{DEPOT_EN_ARABE["description"]}</div>' in page
    liste = client.get(f"/conseils/18/budget-participatif?quartier={QPV_18}").text
    assert f'lang="ar" dir="auto">{DEPOT_EN_ARABE["titre"]}</a>' in liste


def test_un_commentaire_garde_sa_langue_et_une_autre_langue_se_dit_inconnue(
    client: TestClient, participant_web: UUID, plateforme_web: Plateforme
) -> None:
    proposition = deposer_directement(plateforme_web, participant_web)
    adresse = f"/budget-participatif/{proposition}"
    for texte, langue in (("Good idea for the school.", "en"), ("Jàmm ak jàmm.", "und")):
        envoi = poster(client, f"{adresse}/commentaires", {"commentaire": texte, "langue": langue})
        assert envoi.status_code == 303

    commentaires = section(client.get(adresse).text, "commentaires")
    assert 'lang="en" dir="auto">Good idea for the school.</div>' in commentaires
    assert 'lang="" dir="auto">Jàmm ak jàmm.</div>' in commentaires


def test_une_langue_inconnue_est_refusee_a_cote_du_champ_sans_rien_enregistrer(
    client: TestClient, participant_web: UUID, plateforme_web: Plateforme
) -> None:
    avant = plateforme_web.registre.position()

    reponse = poster(client, "/conseils/18/budget-participatif", {**DEPOT, "langue": "klingon!"})

    erreur_en_place(
        reponse, "depot", "langue", "Choisissez la langue du texte", {"titre": DEPOT["titre"]}
    )
    assert plateforme_web.registre.position() == avant
    assert "Rien n'a été enregistré" in lisible(reponse.text)


def test_un_formulaire_sans_le_champ_ecrit_dans_la_langue_de_la_personne(
    client: TestClient, participant_web: UUID, plateforme_web: Plateforme
) -> None:
    """A page loaded before the field existed, or a script: the reader's language is the text's."""
    client.get("/langue/en?retour=/")
    reponse = poster(client, "/conseils/18/budget-participatif", DEPOT)

    assert reponse.status_code == 303
    proposition_id = UUID(reponse.headers["location"].rsplit("/", 1)[1])
    assert plateforme_web.lecture.proposition_bp(proposition_id).langue == "en"


def test_les_propositions_deposees_avant_le_choix_se_lisent_en_francais(
    plateforme_web: Plateforme, participant_web: UUID
) -> None:
    """Stored events lack `langue`: read back through the event store's own mapper, they say
    French, as the migration's default says for their read rows."""
    proposition_id = deposer_directement(plateforme_web, participant_web)
    registre = plateforme_web.registre
    (stocke,) = registre.recorder.select_events(proposition_id)
    etat = registre.mapper.transcoder.decode(stocke.state)
    assert etat.pop("langue") == "fr"
    ancien = type(stocke)(
        originator_id=stocke.originator_id,
        originator_version=stocke.originator_version,
        topic=stocke.topic,
        state=registre.mapper.transcoder.encode(etat),
    )

    evenement = registre.mapper.to_domain_event(ancien)

    assert evenement.langue == "fr"  # type: ignore[attr-defined]
