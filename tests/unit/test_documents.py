"""The checks of a deposited file (type from the content, size, images re-encoded without their
metadata), the `Document` aggregate and who may deposit or withdraw."""

import io
from datetime import UTC, date, datetime
from uuid import UUID, uuid4

import pytest
from PIL import Image, ImageFile

from domaine.comptes import Acteur
from domaine.documents import (
    Document,
    MotifRetrait,
    doit_partir_avec_son_deposant,
    exiger_deposant_au_conseil,
    exiger_peut_joindre_a_un_avis,
    exiger_peut_joindre_a_une_proposition,
    exiger_peut_retirer_document,
    nom_de_fichier,
)
from domaine.erreurs import ActionInterdite, ChampInvalide, ChampsInvalides, EtatIncompatible
from domaine.fichiers import Format, verifier_fichier
from domaine.vocabulaire import Role, StatutAvis
from tests.fichiers_d_essai import GPS, PDF, SCRIPT_DEGUISE, docx, image, odt, zip_quelconque

LE = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
MO = 1024 * 1024
EMPREINTE = "cd" * 32
ANIMATEUR = Acteur(uuid4(), frozenset({(Role.ANIMATEUR, 18)}))
MEMBRE = Acteur(uuid4())


# --- the file --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("contenu", "format_"),
    [
        (PDF, Format.PDF),
        (image("PNG"), Format.PNG),
        (image("JPEG"), Format.JPEG),
        (image("WEBP"), Format.WEBP),
        (odt(), Format.ODT),
        (docx(), Format.DOCX),
    ],
)
def test_le_type_est_lu_dans_le_contenu(contenu: bytes, format_: Format) -> None:
    assert verifier_fichier(contenu, MO).format == format_


@pytest.mark.parametrize("contenu", [SCRIPT_DEGUISE, zip_quelconque(), b"GIF89a" + b"\0" * 20])
def test_un_type_non_accepte_est_refuse_quel_que_soit_son_nom(contenu: bytes) -> None:
    with pytest.raises(ChampInvalide) as refus:
        verifier_fichier(contenu, MO)
    assert refus.value.champ == "fichier"
    assert "n'est pas accepté" in refus.value.message
    assert "pas dans son nom" in refus.value.message


def test_un_document_office_a_macros_est_refuse() -> None:
    with pytest.raises(ChampInvalide, match="macros"):
        verifier_fichier(docx(macros=True), MO)


def test_un_fichier_trop_gros_est_refuse_avec_la_limite() -> None:
    with pytest.raises(ChampInvalide, match="1,0 Mo"):
        verifier_fichier(PDF + b"0" * MO, MO)


def test_un_fichier_vide_est_refuse() -> None:
    with pytest.raises(ChampInvalide, match="Choisissez un fichier"):
        verifier_fichier(b"", MO)


@pytest.mark.parametrize("tolerant", [False, True], ids=["pillow-strict", "pillow-tolerant"])
@pytest.mark.parametrize("format_", ["PNG", "JPEG", "WEBP"])
def test_une_image_tronquee_est_refusee(
    format_: str, tolerant: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Also when Pillow was told to load truncated images, as WeasyPrint (imported by the
    server for its PDFs) tells it for the whole process."""
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", tolerant)
    entiere = image(format_, (300, 200))
    with pytest.raises(ChampInvalide, match="illisible ou incomplète"):
        verifier_fichier(entiere[: len(entiere) // 2], MO)
    assert verifier_fichier(entiere, MO).contenu  # the whole image passes


@pytest.mark.parametrize("format_", ["PNG", "JPEG", "WEBP"])
def test_une_image_est_reencodee_sans_sa_position_gps(format_: str) -> None:
    avec_gps = image(format_, gps=True)
    assert Image.open(io.BytesIO(avec_gps)).getexif().get_ifd(GPS)  # the test's premise
    verifie = verifier_fichier(avec_gps, MO)
    relue = Image.open(io.BytesIO(verifie.contenu))
    assert not relue.getexif()
    assert b"Camille" not in verifie.contenu
    assert relue.size == (32, 24)
    assert verifier_fichier(avec_gps, MO).contenu == verifie.contenu  # deterministic


def test_une_image_tournee_par_son_exif_est_redressee() -> None:
    dessin = Image.new("RGB", (40, 10))
    exif = Image.Exif()
    exif[0x0112] = 6  # rotated 90°: the viewer shows it 10 × 40
    sortie = io.BytesIO()
    dessin.save(sortie, "JPEG", exif=exif.tobytes())
    relue = Image.open(io.BytesIO(verifier_fichier(sortie.getvalue(), MO).contenu))
    assert relue.size == (10, 40)


def test_un_pdf_est_garde_tel_quel() -> None:
    assert verifier_fichier(PDF, MO).contenu == PDF


# --- the aggregate ---------------------------------------------------------------------------


def deposer(**champs: object) -> Document:
    valeurs: dict[str, object] = {
        "titre": "Compte rendu du 3 mars",
        "jour": date(2026, 3, 3),
        "nature": "compte_rendu",
    }
    valeurs.update(champs)
    return Document.deposer(
        uuid4(),
        18,
        str(valeurs["titre"]),
        valeurs["jour"],  # type: ignore[arg-type]
        str(valeurs["nature"]),
        EMPREINTE,
        1234,
        "application/pdf",
        ANIMATEUR.compte_id,
        Role.ANIMATEUR,
        LE,
    )


def test_un_document_depose_enregistre_l_empreinte_jamais_le_nom_du_fichier() -> None:
    document = deposer()
    (depose,) = document.collect_events()
    assert isinstance(depose, Document.Depose)
    assert depose.empreinte == EMPREINTE and depose.taille == 1234
    assert depose.role == "animateur" and depose.nature == "compte_rendu"
    assert not any("nom" in champ for champ in vars(depose))


def test_les_champs_refuses_sont_tous_nommes() -> None:
    with pytest.raises(ChampsInvalides) as refus:
        deposer(titre=" ", nature="secret", jour=date(2030, 1, 1))
    assert set(refus.value.erreurs) == {"titre", "nature", "jour"}


def test_sans_date_le_document_est_date_du_jour_du_depot_a_paris() -> None:
    assert deposer(jour=None).jour == date(2026, 3, 2)


def test_un_document_retire_ne_l_est_qu_une_fois() -> None:
    document = deposer()
    document.retirer(MotifRetrait.RETRAIT, ANIMATEUR.compte_id, LE)
    assert document.retire
    with pytest.raises(EtatIncompatible):
        document.retirer(MotifRetrait.EFFACEMENT, None, LE)


def test_le_nom_de_telechargement_vient_du_titre_avec_une_seule_extension() -> None:
    assert nom_de_fichier("Compte rendu du 3 mars", Format.PDF) == "compte-rendu-du-3-mars.pdf"
    assert nom_de_fichier("Plan.exe.pdf / ../ é", Format.PNG) == "plan-exe-pdf-e.png"
    assert nom_de_fichier("???", Format.DOCX) == "document.docx"


# --- who may act -----------------------------------------------------------------------------


def test_l_animation_depose_toujours_les_membres_quand_le_conseil_l_ouvre() -> None:
    assert exiger_deposant_au_conseil(ANIMATEUR, 18, False, False)[1] == Role.ANIMATEUR
    assert exiger_deposant_au_conseil(MEMBRE, 18, True, True)[1] == Role.PARTICIPANT
    with pytest.raises(ActionInterdite, match="n'a pas ouvert"):
        exiger_deposant_au_conseil(MEMBRE, 18, True, False)
    with pytest.raises(ActionInterdite, match="Rejoignez"):
        exiger_deposant_au_conseil(MEMBRE, 18, False, True)
    with pytest.raises(ActionInterdite):
        exiger_deposant_au_conseil(ANIMATEUR, 19, True, False)


def test_les_pieces_jointes_d_un_avis_suivent_qui_peut_le_reecrire() -> None:
    auteur = MEMBRE.compte_id
    assert exiger_peut_joindre_a_un_avis(MEMBRE, 18, auteur, StatutAvis.BROUILLON)[1] == (
        Role.PARTICIPANT
    )
    with pytest.raises(ActionInterdite):
        exiger_peut_joindre_a_un_avis(Acteur(uuid4()), 18, auteur, StatutAvis.BROUILLON)
    with pytest.raises(ActionInterdite, match="adopté"):
        exiger_peut_joindre_a_un_avis(MEMBRE, 18, auteur, StatutAvis.ADOPTE)
    assert exiger_peut_joindre_a_un_avis(ANIMATEUR, 18, auteur, StatutAvis.ADOPTE)[1] == (
        Role.ANIMATEUR
    )
    with pytest.raises(ActionInterdite, match="transmis"):
        exiger_peut_joindre_a_un_avis(ANIMATEUR, 18, auteur, StatutAvis.TRANSMIS)


def test_les_pieces_jointes_d_un_projet_sont_a_son_auteur_et_a_l_animation() -> None:
    auteur = MEMBRE.compte_id
    assert exiger_peut_joindre_a_une_proposition(MEMBRE, 18, auteur)[1] == Role.PARTICIPANT
    assert exiger_peut_joindre_a_une_proposition(ANIMATEUR, 18, auteur)[1] == Role.ANIMATEUR
    with pytest.raises(ActionInterdite):
        exiger_peut_joindre_a_une_proposition(Acteur(uuid4()), 18, auteur)


def test_un_document_est_retire_par_son_deposant_ou_l_animation() -> None:
    deposant: UUID = MEMBRE.compte_id
    exiger_peut_retirer_document(MEMBRE, 18, deposant)
    exiger_peut_retirer_document(ANIMATEUR, 18, deposant)
    with pytest.raises(ActionInterdite):
        exiger_peut_retirer_document(Acteur(uuid4()), 18, deposant)
    with pytest.raises(ActionInterdite, match="Connectez-vous"):
        exiger_peut_retirer_document(None, 18, deposant)


def test_a_l_effacement_partent_les_fichiers_deposes_a_titre_personnel() -> None:
    assert doit_partir_avec_son_deposant("participant", None)
    assert doit_partir_avec_son_deposant("participant", StatutAvis.BROUILLON)
    assert doit_partir_avec_son_deposant("participant", StatutAvis.RETIRE)
    assert not doit_partir_avec_son_deposant("participant", StatutAvis.ADOPTE)
    assert not doit_partir_avec_son_deposant("participant", StatutAvis.TRANSMIS)
    assert not doit_partir_avec_son_deposant("animateur", None)
