"""The attendance sheet of a séance on a large council: numbering, search as you type, filters,
pages, one click per line, the quick entry of a paper sheet and the printable PDF."""

import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from uuid import UUID, uuid4

import pytest
from sqlalchemy import event, insert
from starlette.testclient import TestClient

from lancement.plateforme import Plateforme
from projections.tables import membres
from tests.web.conftest import ComptesWeb, HorlogeWeb
from tests.web.outils import (
    HTMX,
    champs,
    connecter,
    erreur_en_place,
    lisible,
    planifier_seance,
    poster,
    rejoindre_directement,
    section,
)

pytestmark = pytest.mark.calendrier  # dates relative to the test's clock

NOMS = ["Zoé Vidal", "Émile Durand", "adèle Martin", "Bruno Émery", "Chloé Acteur"]


def inscrire(plateforme: Plateforme, comptes: ComptesWeb, nom: str, **profil: str) -> UUID:
    compte_id, _ = comptes(nom)
    rejoindre_directement(plateforme, compte_id, **profil)
    return compte_id


@pytest.fixture
def seance(
    client: TestClient,
    animateur_web: UUID,
    plateforme_web: Plateforme,
    comptes_web: ComptesWeb,
    horloge_web: HorlogeWeb,
) -> str:
    """A séance of 10 March 2026, held; five members joined before it, the clock on 11 March."""
    for nom in NOMS:
        profil = (
            {"college": "acteur_local", "structure_nom": "Amicale", "structure_type": "association"}
            if nom == "Chloé Acteur"
            else {}
        )
        inscrire(plateforme_web, comptes_web, nom, **profil)
    seance_id = planifier_seance(client)
    horloge_web.avancer(days=9)
    return seance_id


def lignes(html: str) -> list[tuple[int, str]]:
    """(number, name) of each line shown."""
    return [
        (int(n), lisible(re.sub(r"<[^>]+>", "", nom)))
        for n, nom in re.findall(
            r'<tr id="ligne-(\d+)">\s*<td>\d+</td>\s*<th scope="row">(.*?)</th>', html, re.S
        )
    ]


# --- numbering --------------------------------------------------------------------------------


def test_la_feuille_numerote_les_membres_du_jour_par_ordre_alphabetique(
    client: TestClient,
    seance: str,
    plateforme_web: Plateforme,
    comptes_web: ComptesWeb,
    horloge_web: HorlogeWeb,
) -> None:
    # Someone who left after the séance stays on its sheet; someone who joined after it is not.
    zoe = plateforme_web.identites.par_email("web2@exemple.fr")
    assert zoe is not None
    plateforme_web.projecteur.attendre(
        plateforme_web.assemblee.quitter(plateforme_web.comptes.acteur(zoe), 18, "")
    )
    inscrire(plateforme_web, comptes_web, "Aaron Nouveau")

    page = client.get(f"/seances/{seance}").text

    assert lignes(page) == [
        (1, "adèle Martin"),
        (2, "Bruno Émery"),
        (3, "Chloé Acteur"),
        (4, "Émile Durand"),
        (5, "Zoé Vidal (a quitté l'assemblée depuis)"),
    ]
    presences = lisible(section(page, "presences"))
    assert "0</strong> présent·e sur 5 membres de l'assemblée ce jour-là" in presences
    assert "5 lignes." in presences


def test_qui_a_rejoint_pendant_la_seance_vient_apres_les_membres_du_debut(
    client: TestClient,
    animateur_web: UUID,
    plateforme_web: Plateforme,
    comptes_web: ComptesWeb,
    horloge_web: HorlogeWeb,
) -> None:
    """The printed sheet's numbers hold: who joined at the séance is numbered after them."""
    inscrire(plateforme_web, comptes_web, "Zoé Vidal")
    seance = planifier_seance(client, date="2026-03-02T18:30")
    horloge_web.avancer(hours=9)  # 19:00 in Paris, during the séance
    inscrire(plateforme_web, comptes_web, "Aaron Arrivé")

    page = client.get(f"/seances/{seance}").text

    assert lignes(page) == [
        (1, "Zoé Vidal"),
        (2, "Aaron Arrivé (a rejoint l'assemblée pendant la séance)"),
    ]


# --- search as you type, filters, pages ----------------------------------------------------------


def test_la_recherche_se_fait_en_tapant_et_sans_javascript(client: TestClient, seance: str) -> None:
    page = client.get(f"/seances/{seance}").text
    assert f'<form method="get" action="/seances/{seance}#titre-feuille" role="search"' in page
    recherche = champs(page)["feuille-q"]
    assert recherche["type"] == "search"
    assert recherche["hx-trigger"] == "input changed delay:300ms, search"
    assert recherche["hx-get"] == f"/seances/{seance}/presences"

    fragment = client.get(f"/seances/{seance}/presences?q=EM", headers=HTMX)
    sans_js = client.get(f"/seances/{seance}?q=em")

    assert fragment.status_code == 200
    assert fragment.text.lstrip().startswith('<p id="feuille-statut" hx-swap-oob="innerHTML">')
    assert "<html" not in fragment.text
    assert lignes(fragment.text) == [(2, "Bruno Émery"), (4, "Émile Durand")]  # accents ignored
    assert "2 lignes sur 5." in lisible(fragment.text)
    assert fragment.headers["hx-replace-url"] == f"/seances/{seance}?q=EM"
    assert lignes(sans_js.text) == [(2, "Bruno Émery"), (4, "Émile Durand")]
    assert champs(sans_js.text)["feuille-q"]["valeur"] == "em"
    assert lignes(client.get(f"/seances/{seance}?q=3").text) == [(3, "Chloé Acteur")]
    aucun = client.get(f"/seances/{seance}/presences?q=personne", headers=HTMX)
    assert "Aucun membre ne correspond à cette recherche." in aucun.text


def test_filtrer_par_college_et_par_presence(
    client: TestClient, seance: str, plateforme_web: Plateforme
) -> None:
    assert poster(client, f"/seances/{seance}/presences", {"lignes": "1, 4"}).status_code == 303

    acteurs = client.get(f"/seances/{seance}?college=acteur_local")
    presents = client.get(f"/seances/{seance}/presences?etat=presents", headers=HTMX)
    absents_habitants = client.get(f"/seances/{seance}?etat=absents&college=habitant")
    inconnu = client.get(f"/seances/{seance}?college=martien&etat=peut-etre&page=-2")

    assert lignes(acteurs.text) == [(3, "Chloé Acteur")]
    assert champs(acteurs.text)["feuille-college"]["valeur"] == "acteur_local"
    assert lignes(presents.text) == [(1, "adèle Martin"), (4, "Émile Durand")]
    assert lignes(absents_habitants.text) == [(2, "Bruno Émery"), (5, "Zoé Vidal")]
    assert len(lignes(inconnu.text)) == 5  # unknown filter values are ignored


def test_une_grande_assemblee_se_parcourt_par_pages_de_50(
    client: TestClient,
    animateur_web: UUID,
    plateforme_web: Plateforme,
    comptes_web: ComptesWeb,
    horloge_web: HorlogeWeb,
) -> None:
    for n in range(120):
        inscrire(plateforme_web, comptes_web, f"Membre {n:03d}")
    seance = planifier_seance(client)
    horloge_web.avancer(days=9)

    premiere = client.get(f"/seances/{seance}").text
    troisieme = client.get(f"/seances/{seance}/presences?page=3", headers=HTMX).text
    au_dela = client.get(f"/seances/{seance}?page=9").text

    assert [n for n, _ in lignes(premiere)] == list(range(1, 51))
    assert "120 lignes, page 1 sur 3." in lisible(premiere)
    assert f'href="/seances/{seance}?page=2#titre-feuille"' in premiere
    assert [n for n, _ in lignes(troisieme)] == list(range(101, 121))
    assert f'hx-get="/seances/{seance}/presences?page=2"' in troisieme
    assert "Page suivante" not in troisieme
    assert [n for n, _ in lignes(au_dela)] == list(range(101, 121))  # the last page


def test_la_feuille_se_lit_en_un_nombre_fixe_de_requetes(
    client: TestClient,
    animateur_web: UUID,
    plateforme_web: Plateforme,
    comptes_web: ComptesWeb,
    horloge_web: HorlogeWeb,
) -> None:
    """No query per member: the page costs the same with 20 or 200 members."""

    def requetes_pour(membres_en_plus: int) -> int:
        for n in range(membres_en_plus):
            inscrire(plateforme_web, comptes_web, f"Personne {uuid4().hex[:8]}")
        compte = [0]

        def compter(*_: object) -> None:
            compte[0] += 1

        event.listen(plateforme_web.moteur, "before_cursor_execute", compter)
        try:
            assert client.get(f"/seances/{seance}").status_code == 200
        finally:
            event.remove(plateforme_web.moteur, "before_cursor_execute", compter)
        return compte[0]

    seance = planifier_seance(client, date="2026-03-20T18:30")
    horloge_web.avancer(days=1)
    petite = requetes_pour(20)
    grande = requetes_pour(180)
    assert grande == petite


# --- one click per line ---------------------------------------------------------------------------


def test_sans_javascript_un_clic_revient_a_la_meme_recherche_et_a_la_ligne(
    client: TestClient, seance: str, plateforme_web: Plateforme
) -> None:
    emile = plateforme_web.identites.par_email("web3@exemple.fr")

    reponse = poster(
        client,
        f"/seances/{seance}/presences/{emile}",
        {"present": "oui", "q": "emi", "college": "habitant", "page": "1"},
    )

    assert reponse.status_code == 303
    assert reponse.headers["location"] == f"/seances/{seance}?q=emi&college=habitant#ligne-4"
    page = lisible(client.get(reponse.headers["location"]).text)
    assert "Émile Durand : présent·e." in page
    assert 'aria-label="Émile Durand, présent·e : marquer absent·e"' in page
    # the hidden fields of each line carry the search, so the next click comes back to it too
    assert '<input type="hidden" name="q" value="emi">' in page


def test_un_clic_refuse_s_affiche_sur_sa_ligne(
    client: TestClient, seance: str, plateforme_web: Plateforme
) -> None:
    fantome = _membre_du_modele_de_lecture_seulement(plateforme_web)
    avant = plateforme_web.registre.position()

    reponse = poster(
        client, f"/seances/{seance}/presences/{fantome}", {"present": "oui"}, htmx=True
    )

    assert reponse.status_code == 409
    assert reponse.text.lstrip().startswith('<tr id="ligne-')
    assert 'class="erreur-champ" id="erreur-presence-' in reponse.text
    assert "n'est pas membre de l'assemblée de ce conseil" in lisible(reponse.text)
    assert plateforme_web.registre.position() == avant


def _membre_du_modele_de_lecture_seulement(plateforme: Plateforme) -> UUID:
    """A line the read model shows but the domain does not know (a read model out of step):
    the domain has the last word."""
    fantome = uuid4()
    with plateforme.moteur.begin() as cnx:
        cnx.execute(
            insert(membres).values(
                arrondissement=18,
                personne_id=str(fantome),
                adhesion_id=str(uuid4()),
                actif=True,
                college="habitant",
                genre="femme",
                tranche_age="25_39",
                quartier="hors_qpv",
                structure_nom="",
                structure_type="",
                entre_le=plateforme.registre.maintenant().replace(year=2025),
                nombre_entrees=1,
            )
        )
    return fantome


# --- quick entry of a paper sheet -----------------------------------------------------------------


def test_la_saisie_rapide_marque_les_lignes_cochees_d_un_coup(
    client: TestClient, seance: str, plateforme_web: Plateforme
) -> None:
    avant = plateforme_web.registre.position()

    reponse = poster(client, f"/seances/{seance}/presences", {"lignes": "1, 3-4"}, htmx=True)

    assert reponse.status_code == 200
    presences = lisible(section(reponse.text, "presences"))
    assert (
        '<p class="note succes" role="status" tabindex="-1" autofocus>3 présences enregistrées. '
        "Vérifiez les noms : n° 1 adèle Martin, n° 3 Chloé Acteur, n° 4 Émile Durand.</p>"
    ) in presences
    assert '<strong id="nombre-presents">3</strong>' in presences
    assert plateforme_web.registre.position() == avant + 3

    encore = poster(client, f"/seances/{seance}/presences", {"lignes": "4 5"}, htmx=True)
    assert "1 présence enregistrée (1 déjà notée)." in lisible(encore.text)


@pytest.mark.parametrize(
    ("saisie", "message"),
    [
        ("1, 3, 9-12", "Numéros hors de la feuille (lignes 1 à 5) : 9, 10, 11, 12."),
        ("0", "Numéro hors de la feuille (lignes 1 à 5) : 0."),
        ("2, trois", "« trois » n'est ni un numéro de ligne ni un intervalle"),
        ("5-2", "L'intervalle « 5-2 » va à l'envers : écrivez 2-5."),
        ("  ", "Indiquez au moins un numéro de ligne"),
    ],
)
def test_une_saisie_rapide_invalide_est_refusee_en_place(
    client: TestClient, seance: str, plateforme_web: Plateforme, saisie: str, message: str
) -> None:
    avant = plateforme_web.registre.position()

    for htmx in (True, False):
        reponse = poster(client, f"/seances/{seance}/presences", {"lignes": saisie}, htmx=htmx)

        erreur_en_place(reponse, "saisie", "lignes", message, {"lignes": saisie})
        assert '<details class="outil" id="saisie-papier" open>' in reponse.text
    assert plateforme_web.registre.position() == avant


def test_une_ligne_que_le_domaine_refuse_fait_tout_refuser_en_nommant_la_ligne(
    client: TestClient, seance: str, plateforme_web: Plateforme
) -> None:
    fantome = _membre_du_modele_de_lecture_seulement(plateforme_web)
    page = client.get(f"/seances/{seance}").text
    (numero,) = [n for n, nom in lignes(page) if nom.startswith("Personne effacée")]
    avant = plateforme_web.registre.position()

    reponse = poster(client, f"/seances/{seance}/presences", {"lignes": f"1-{numero}"})

    erreur_en_place(
        reponse,
        "saisie",
        "lignes",
        f"Ligne {numero} : Une personne n'était pas membre de l'assemblée le 10/03/2026",
        {"lignes": f"1-{numero}"},
    )
    assert plateforme_web.registre.position() == avant
    assert fantome not in {u for u in plateforme_web.lecture.presents(UUID(seance))}


def test_le_code_de_controle_change_quand_l_assemblee_change(
    client: TestClient,
    animateur_web: UUID,
    plateforme_web: Plateforme,
    comptes_web: ComptesWeb,
    horloge_web: HorlogeWeb,
) -> None:
    inscrire(plateforme_web, comptes_web, "Zoé Vidal")
    seance = planifier_seance(client)

    def controle() -> str:
        page = client.get(f"/seances/{seance}").text
        trouve = re.search(r"code de contrôle (\w{4}) ;", page)
        assert trouve, "pas de code de contrôle"
        return trouve.group(1)

    horloge_web.avancer(days=1)  # before the séance: the sheet is the assembly of today
    imprime = controle()
    inscrire(plateforme_web, comptes_web, "Aaron Avant")  # joins before the séance
    assert controle() != imprime  # a sheet printed earlier no longer matches: it says so
    horloge_web.avancer(days=8)  # the séance is over
    apres = controle()
    inscrire(plateforme_web, comptes_web, "Aaron Après")  # after the séance: not on its sheet
    assert controle() == apres


# --- the printable sign-in sheet ------------------------------------------------------------------


def _outil(nom: str) -> str:
    chemin = shutil.which(nom)
    if chemin is None:
        pytest.skip(f"{nom} (poppler-utils) est absent")
    return chemin


def test_la_feuille_d_emargement_s_imprime_avec_tous_les_membres(
    client: TestClient, seance: str, tmp_path: Path
) -> None:
    reponse = client.get(f"/seances/{seance}/feuille-emargement.pdf")

    assert reponse.status_code == 200
    assert reponse.headers["content-type"] == "application/pdf"
    assert reponse.headers["content-disposition"] == (
        'attachment; filename="feuille-emargement-18e-2026-03-10.pdf"'
    )
    assert "no-store" in reponse.headers["cache-control"]
    assert reponse.content.startswith(b"%PDF-")
    fichier = tmp_path / "feuille.pdf"
    fichier.write_bytes(reponse.content)
    texte = subprocess.run(
        [_outil("pdftotext"), "-layout", str(fichier), "-"],
        check=True,
        capture_output=True,
        timeout=60,
    ).stdout.decode()
    assert "Feuille d'émargement — Conseil citoyen du 18e arrondissement" in texte
    assert "Séance du mardi 10 mars 2026 à 18 h 30 — Centre Barbara" in texte
    for numero, nom in enumerate(
        ["adèle Martin", "Bruno Émery", "Chloé Acteur", "Émile Durand", "Zoé Vidal"], 1
    ):
        assert re.search(rf"^\s*{numero}\s+{nom}\s+(Habitant·e|Acteur local)", texte, re.M), nom
    assert "N°" in texte and "Signature" in texte


def test_seuls_les_animateurs_du_conseil_telechargent_la_feuille(
    seance: str,
    comptes_web: ComptesWeb,
    nouveau_client: Callable[[], TestClient],
    plateforme_web: Plateforme,
) -> None:
    anonyme = nouveau_client()
    membre = nouveau_client()
    connecter(membre, "web2@exemple.fr")  # Zoé Vidal, a member of the assembly
    _, email_19 = comptes_web("Yanis Animateur du 19e", "animateur", 19)
    animateur_19 = nouveau_client()
    connecter(animateur_19, email_19)

    for qui, attendu in ((anonyme, "Connectez-vous"), (membre, "Seul·es"), (animateur_19, "18e")):
        for url in (
            f"/seances/{seance}/feuille-emargement.pdf",
            f"/seances/{seance}/presences?q=a",
        ):
            reponse = qui.get(url)
            assert reponse.status_code == 403, url
            assert attendu in lisible(reponse.text)
            assert "Émile Durand" not in reponse.text
        page = qui.get(f"/seances/{seance}").text
        assert "feuille-emargement.pdf" not in page
        assert "Émile Durand" not in page
