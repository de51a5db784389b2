"""The `participation` command, run in-process as a newcomer would run it from a shell."""

import json
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from uuid import UUID

import pytest
from sqlalchemy import create_engine, text

from demo import generateur
from demo.cli import main as demo_main
from domaine.quartiers import ARRONDISSEMENTS_FONDATEURS
from domaine.temps import debut_du_jour
from domaine.vocabulaire import StatutProposition
from lancement.cli import main
from lancement.plateforme import Plateforme
from projections.lecture_documents import FiltresDocuments
from stockage.configuration import VARIABLE_URL, Configuration
from tests.conftest import APRES_LA_DEMO, CLE_DE_TEST, FIN_DE_LA_DEMO

pytestmark = pytest.mark.calendrier  # run again under other dates in CI (.ci/run)


@pytest.fixture
def base(configuration: Configuration, monkeypatch: pytest.MonkeyPatch) -> Configuration:
    monkeypatch.setenv(VARIABLE_URL, configuration.database_url)
    monkeypatch.setenv("PARTICIPATION_MOT_DE_PASSE", "un mot de passe solide")
    return configuration


def _modifier(configuration: Configuration, sql: str) -> None:
    moteur = create_engine(configuration.url_sqlalchemy())
    with moteur.begin() as cnx:
        cnx.execute(text(sql))
    moteur.dispose()


def test_la_base_se_cree_puis_les_projections_sont_conformes(
    base: Configuration, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["db", "upgrade"]) == 0
    assert main(["comptes", "creer", "--email", "a@example.org", "--nom", "Awa Diallo"]) == 0
    assert main(["projections", "check"]) == 0
    assert "conformes" in capsys.readouterr().out


def test_check_sort_en_erreur_apres_une_retouche_a_la_main_puis_rebuild_repare(
    base: Configuration, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["comptes", "creer", "--email", "a@example.org", "--nom", "A"]) == 0
    _modifier(base, "UPDATE lecture_comptes SET ouvert_le = '2001-01-01 00:00:00'")

    assert main(["projections", "check"]) == 1
    assert "lecture_comptes" in capsys.readouterr().out

    assert main(["projections", "rebuild"]) == 0
    assert main(["projections", "check"]) == 0


def test_une_saisie_invalide_donne_une_ligne_en_francais_et_le_code_2(
    base: Configuration, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["comptes", "creer", "--email", "a@example.org", "--nom", "A"]) == 0
    capsys.readouterr()

    assert main(["comptes", "creer", "--email", "a@example.org", "--nom", "B"]) == 2
    assert main(["conseil", "etat", "--arrondissement", "12", "--au", "2026-01-01"]) == 2
    assert main(["conseil", "etat", "--arrondissement", "18", "--au", "hier"]) == 2
    erreurs = capsys.readouterr().err.strip().splitlines()
    assert erreurs == [
        "Erreur : Un compte existe déjà avec cette adresse électronique.",
        "Erreur : Il n'y a pas de conseil citoyen dans le 12e arrondissement "
        "(arrondissements concernés : 10e, 11e, 13e, 14e, 17e, 18e, 19e, 20e).",
        "Erreur : Date invalide : « hier » (attendu AAAA-MM-JJ).",
    ]


def test_status_donne_les_positions(
    base: Configuration, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["db", "upgrade"]) == 0
    capsys.readouterr()
    assert main(["projections", "status"]) == 0
    sortie = capsys.readouterr().out
    assert "Journal des événements : position 8" in sortie  # the eight councils
    assert "Retard : 0" in sortie


DEMO = ["--seed", "7", "--years", "1", "--fin", FIN_DE_LA_DEMO.isoformat()]


def apres_la_demo() -> datetime:
    return APRES_LA_DEMO


@pytest.fixture
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Configuration:
    """One year of demo data on SQLite (a few seconds)."""
    configuration = Configuration(f"sqlite:///{tmp_path}/demo.sqlite3")
    monkeypatch.setenv(VARIABLE_URL, configuration.database_url)
    assert demo_main(DEMO) == 0
    return configuration


def test_la_demo_est_conforme_et_son_export_ne_contient_aucune_donnee_personnelle(
    demo: Configuration, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["projections", "check"]) == 0
    export = tmp_path / "journal.jsonl"
    assert main(["events", "export", "--format", "jsonl", "--output", str(export)]) == 0

    lignes = [json.loads(ligne) for ligne in export.read_text().splitlines()]
    assert len(lignes) > 1000
    assert [ligne["position"] for ligne in lignes] == list(range(1, len(lignes) + 1))
    assert set(lignes[0]) == {
        "position",
        "aggregate_id",
        "version",
        "type",
        "recorded_at",
        "payload",
    }
    types = {ligne["type"] for ligne in lignes}
    assert {"participation:Adhesion.Entree", "participation:Seance.DecisionEnregistree"} <= types

    moteur = create_engine(demo.database_url)
    with moteur.connect() as cnx:
        personnes = cnx.execute(text("SELECT nom, email FROM identites_personnes")).all()
    moteur.dispose()
    contenu = export.read_text()
    assert len(personnes) > 100
    valeurs = {str(v) for ligne in lignes for v in ligne["payload"].values()}
    for nom, email in personnes:
        assert email not in contenu
        assert nom not in valeurs  # (a fictitious street may share a name: compare whole values)


def test_la_demo_est_deterministe_pour_une_graine(
    demo: Configuration, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    premier = tmp_path / "premier.jsonl"
    assert main(["events", "export", "-o", str(premier)]) == 0

    autre = Configuration(f"sqlite:///{tmp_path}/autre.sqlite3")
    monkeypatch.setenv(VARIABLE_URL, autre.database_url)
    assert demo_main(DEMO) == 0
    second = tmp_path / "second.jsonl"
    assert main(["events", "export", "-o", str(second)]) == 0

    assert premier.read_bytes() == second.read_bytes()


def test_relancer_la_demo_ne_double_pas_les_donnees(
    demo: Configuration, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert demo_main(DEMO) == 0
    assert "déjà chargées" in capsys.readouterr().out
    assert main(["projections", "check"]) == 0


def test_l_etat_passe_d_un_conseil_sort_en_json(
    demo: Configuration, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["conseil", "etat", "--arrondissement", "18", "--au", "2000-01-01"]) == 0
    vide = json.loads(capsys.readouterr().out)
    assert vide["membres"] == [] and vide["seances"] == []

    assert main(["conseil", "etat", "--arrondissement", "18", "--au", "2100-01-01"]) == 0
    plein = json.loads(capsys.readouterr().out)
    assert len(plein["membres"]) > 10
    assert plein["seances"]


def test_une_url_inconnue_ou_une_option_mal_formee_donne_une_ligne_en_francais(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--database-url", "mysql://hote/base", "db", "upgrade"]) == 2
    assert "URL de base de données non reconnue" in capsys.readouterr().err

    with pytest.raises(SystemExit) as sortie:
        demo_main(["--years", "abc"])
    assert sortie.value.code == 2
    erreur = capsys.readouterr().err
    assert erreur.startswith("Erreur : option --years: nombre entier attendu")
    assert len(erreur.strip().splitlines()) == 1


def test_une_base_injoignable_donne_une_ligne_et_le_code_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fichier = tmp_path / "pas-un-dossier"
    fichier.write_text("")
    url = f"sqlite:///{fichier}/base.sqlite3"
    assert main(["--database-url", url, "db", "upgrade"]) == 1
    assert capsys.readouterr().err.startswith("Erreur : base de données inaccessible")


def test_dans_la_demo_chaque_conseil_a_un_groupe_moteur_tire_au_sort_verifiable(
    demo: Configuration, tmp_path: Path
) -> None:
    import subprocess
    import sys

    import tirage
    from tirage.verification import verifier

    moteur = create_engine(demo.database_url)
    with moteur.connect() as cnx:
        documents = cnx.execute(
            text(
                "SELECT arrondissement, document, objet FROM lecture_tirages "
                "WHERE ticket IS NOT NULL"
            )
        ).all()
        membres = dict(
            cnx.execute(
                text(
                    "SELECT arrondissement, count(*) FROM lecture_membres_groupe_moteur "
                    "GROUP BY arrondissement"
                )
            ).all()
        )
    moteur.dispose()
    du_groupe = [a for a, _, objet in documents if not objet]
    assert sorted(du_groupe) == [10, 11, 13, 14, 17, 18, 19, 20]
    assert all(membres.get(a, 0) >= 15 for a in du_groupe)
    assert any(objet for _, _, objet in documents)  # delegates drawn by lot, verifiable too
    script = Path(tirage.__file__).parent / "verificateur_autonome.py"
    for rang, (arrondissement, document, _) in enumerate(documents):
        assert verifier(json.loads(document)).correct, arrondissement
        fichier = tmp_path / f"tirage-{arrondissement}-{rang}.json"
        fichier.write_text(document)
        resultat = subprocess.run(
            [sys.executable, "-S", str(script), str(fichier)], capture_output=True, text=True
        )
        assert resultat.returncode == 0, resultat.stdout + resultat.stderr
        assert "CONFORME" in resultat.stdout


def test_dans_la_demo_un_agent_repond_a_un_avis_en_retard_qui_cesse_d_etre_signale(
    demo: Configuration, monkeypatch: pytest.MonkeyPatch
) -> None:
    from starlette.testclient import TestClient

    from domaine.vocabulaire import StatutAvis
    from tests.web.outils import connecter, lisible, poster
    from web.app import creer_app

    moteur = create_engine(demo.database_url)
    with moteur.connect() as cnx:
        statuts = set(cnx.execute(text("SELECT DISTINCT statut FROM lecture_avis")).scalars())
        en_retard = (
            cnx.execute(
                text(
                    "SELECT avis_id FROM lecture_avis WHERE statut = 'transmis' "
                    "AND destinataire = 'ville' AND echeance_reponse < :jour ORDER BY avis_id"
                ),
                {"jour": FIN_DE_LA_DEMO.isoformat()},
            )
            .scalars()
            .all()
        )
    moteur.dispose()
    assert statuts == {s.value for s in StatutAvis}  # every state of the lifecycle is shown
    assert en_retard, "the demo has overdue avis"

    plateforme = Plateforme(replace(demo, cle_secrete=CLE_DE_TEST), apres_la_demo)
    plateforme.migrer()
    with TestClient(creer_app(plateforme=plateforme), follow_redirects=False) as client:
        avis = f"/avis/{en_retard[0]}"
        assert "En retard de" in lisible(client.get(avis).text)
        connecter(client, "agent.ville@demo.example.org", "demo-participation")
        reponse = poster(client, f"{avis}/reponses", {"texte": "Travaux programmés."}, page=avis)
        assert reponse.status_code == 303
        page = lisible(client.get(avis).text)
        assert "En retard" not in page and "Travaux programmés." in page


def test_la_demo_fait_vivre_le_budget_participatif_de_chaque_conseil(demo: Configuration) -> None:
    """Every status in every council, supports, a hidden comment and the council's backing."""
    moteur = create_engine(demo.database_url)
    with moteur.connect() as cnx:
        statuts = cnx.execute(
            text("SELECT arrondissement, statut FROM lecture_propositions_bp")
        ).all()
        soutiens, portees, au_nom = cnx.execute(
            text(
                "SELECT sum(soutiens), count(portee_decision), sum(CASE WHEN au_nom_du_conseil "
                "THEN 1 ELSE 0 END) FROM lecture_propositions_bp"
            )
        ).one()
        masques = cnx.execute(
            text("SELECT count(*) FROM lecture_commentaires_bp WHERE motif_masquage != ''")
        ).scalar()
    moteur.dispose()
    tous = {s.value for s in StatutProposition}
    for arrondissement in ARRONDISSEMENTS_FONDATEURS:
        assert {s for a, s in statuts if a == arrondissement} == tous, arrondissement
    assert soutiens > 100 and masques == len(ARRONDISSEMENTS_FONDATEURS)
    assert portees >= len(ARRONDISSEMENTS_FONDATEURS) and au_nom >= 1


def test_dans_la_demo_le_rapport_annuel_est_le_meme_depuis_le_journal_brut(
    demo: Configuration, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """For each year the demo covers and each council (and Paris): identical JSON bytes from
    the read models and from the raw event log; bad requests exit with code 2."""
    annee = FIN_DE_LA_DEMO.year
    for an in (annee - 1, annee):
        for conseil in ([], ["--conseil", "18"]):
            fichiers = []
            for source in ([], ["--depuis-evenements"]):
                sortie = tmp_path / f"rapport-{an}-{len(conseil)}-{len(source)}.json"
                commande = ["rapport", "annuel", "--annee", str(an), "--sortie", str(sortie)]
                assert main(commande + conseil + source, apres_la_demo) == 0
                fichiers.append(sortie.read_bytes())
            assert fichiers[0] == fichiers[1], (an, conseil)
            rapport = json.loads(fichiers[0])
            assert rapport["vide"] is False and rapport["annee"] == an
            if an < annee:  # the demo publishes the checkpoint of each 31 December
                assert rapport["point_de_controle"]["le"] == f"{an}-12-31T22:55:00+00:00"
    capsys.readouterr()
    assert main(["audit", "verify"]) == 0
    assert "Journal intègre" in capsys.readouterr().out
    a_venir = ["rapport", "annuel", "--annee", str(annee + 1), "--sortie", "-"]
    assert main(a_venir, apres_la_demo) == 2
    assert "année à venir" in capsys.readouterr().err
    douzieme = ["rapport", "annuel", "--annee", str(annee), "--conseil", "12", "--sortie", "-"]
    assert main(douzieme, apres_la_demo) == 2
    assert "pas de conseil citoyen dans le 12e" in capsys.readouterr().err


def test_la_demo_vit_comme_une_grande_assemblee_ouverte(demo: Configuration) -> None:
    """Séances of every priority neighbourhood, fuller attendance sheets, supports from
    residents who are not members; a budget participatif campaign when the year's filing
    window falls in the demo's period (not during its first six weeks)."""
    from demo.campagnes import quand
    from domaine.quartiers import geographie_au

    moteur = create_engine(demo.database_url)
    with moteur.connect() as cnx:
        de_quartier = set(
            cnx.execute(text("SELECT DISTINCT quartier FROM lecture_seances")).scalars()
        )
        plus_grande = cnx.execute(text("SELECT max(presents) FROM lecture_seances")).scalar()
        membres = set(cnx.execute(text("SELECT personne_id FROM lecture_membres")).scalars())
        soutiens = set(cnx.execute(text("SELECT personne_id FROM lecture_soutiens_bp")).scalars())
        propositions = cnx.execute(text("SELECT count(*) FROM lecture_propositions_bp")).scalar()
    moteur.dispose()
    fin = debut_du_jour(FIN_DE_LA_DEMO)
    qpv = {
        q.code
        for a in ARRONDISSEMENTS_FONDATEURS
        for q in geographie_au(FIN_DE_LA_DEMO).quartiers_de(a)
    }
    assert qpv <= de_quartier
    assert plus_grande >= 30
    assert soutiens - membres, "residents who only use the budget participatif support too"
    debut = fin - timedelta(days=365)
    ouvertures = [quand(annee, 1, 8, 9) for annee in (debut.year, debut.year + 1)]
    if any(debut + timedelta(days=42) <= o < fin for o in ouvertures):
        assert (
            propositions > 11 * len(ARRONDISSEMENTS_FONDATEURS) + 50
        )  # the showcase's, and a campaign


@pytest.mark.parametrize("fin", ["2027-01-20", "2028-03-01", "2030-07-14"])
def test_la_demo_tient_ses_promesses_quel_que_soit_son_jour_de_fin(
    fin: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a newcomer sees first does not depend on the day `make run` is typed: a winter's
    day before the campaign, the day after a 29 February, a summer day years from now."""
    configuration = Configuration(f"sqlite:///{tmp_path}/demo.sqlite3")
    monkeypatch.setenv(VARIABLE_URL, configuration.database_url)
    assert demo_main(["--seed", "3", "--years", "1", "--fin", fin]) == 0
    assert main(["projections", "check"]) == 0
    export = tmp_path / "journal.jsonl"
    assert main(["events", "export", "-o", str(export)]) == 0
    fin_utc = debut_du_jour(date.fromisoformat(fin))
    dates = [datetime.fromisoformat(json.loads(ligne)["recorded_at"]) for ligne in export.open()]
    assert max(dates) < fin_utc, "nothing is dated after the demo's end"

    moteur = create_engine(configuration.database_url)
    with moteur.connect() as cnx:
        tirages = cnx.execute(
            text(
                "SELECT count(DISTINCT arrondissement) FROM lecture_tirages WHERE ticket IS NOT NULL"
            )
        ).scalar()
        statuts_bp = cnx.execute(
            text("SELECT count(DISTINCT statut) FROM lecture_propositions_bp")
        ).scalar()
        membres = set(cnx.execute(text("SELECT personne_id FROM lecture_membres")).scalars())
        soutiens = set(cnx.execute(text("SELECT personne_id FROM lecture_soutiens_bp")).scalars())
        a_venir = cnx.execute(
            text("SELECT count(*) FROM lecture_seances WHERE date >= :fin"),
            {"fin": fin_utc.replace(tzinfo=None)},
        ).scalar()
    moteur.dispose()
    assert tirages == len(ARRONDISSEMENTS_FONDATEURS)
    assert statuts_bp == len(StatutProposition)
    assert soutiens - membres, "residents who only use the budget participatif support too"
    assert a_venir >= 2 * len(ARRONDISSEMENTS_FONDATEURS), "séances still to come are planned"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["serve", "--workers", "0"], "--workers doit être compris entre 1 et 32."),
        (
            ["--database-url", "sqlite:///ailleurs.sqlite3", "serve", "--workers", "2"],
            "indiquez la base par PARTICIPATION_DATABASE_URL",
        ),
    ],
)
def test_plusieurs_processus_web_se_demandent_clairement(
    arguments: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(arguments) == 2
    assert message in capsys.readouterr().err


def test_une_demo_interrompue_est_reconnue_et_dit_comment_repartir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["--database-url", f"sqlite:///{tmp_path}/demo.sqlite3", "--years", "1"]
    base += ["--fin", "2026-12-06"]

    def interrompue(_demo: object) -> None:
        raise KeyboardInterrupt  # Ctrl-C, or the machine stopped, in the middle of the load

    monkeypatch.setattr(generateur.Demo, "charger", interrompue)
    with pytest.raises(KeyboardInterrupt):
        demo_main(base)
    capsys.readouterr()

    assert demo_main(base) == 2
    assert "interrompu avant la fin : relancez avec --reinitialiser" in capsys.readouterr().err

    monkeypatch.setattr(generateur.Demo, "charger", lambda _demo: None)  # a quick full load
    assert demo_main([*base, "--reinitialiser"]) == 0
    assert demo_main(base) == 0
    assert "déjà chargées dans cette base" in capsys.readouterr().out


def test_la_demo_tient_des_seances_hybrides_avec_presences_a_distance_et_scrutins(
    demo: Configuration,
) -> None:
    """One plenary in three since 2020: a videoconference link, remote attendance, and an
    online poll whose counts are the remote part of the first decision."""
    moteur = create_engine(demo.database_url)
    with moteur.connect() as cnx:
        hybrides = cnx.execute(
            text("SELECT lien_visio, accessibilite FROM lecture_seances WHERE modalite = 'hybride'")
        ).all()
        a_distance = cnx.execute(
            text("SELECT count(*) FROM lecture_presences WHERE a_distance")
        ).scalar()
        scrutins = cnx.execute(
            text("SELECT count(*), sum(votants) FROM lecture_scrutins WHERE NOT ouvert")
        ).one()
        decisions = cnx.execute(
            text("SELECT count(*) FROM lecture_decisions WHERE scrutin > 0")
        ).scalar()
    moteur.dispose()
    assert hybrides and all(lien.startswith("https://visio.paris.fr/") for lien, _ in hybrides)
    assert all("interpretation_lsf" in accessibilite for _, accessibilite in hybrides)
    assert a_distance > 0 and scrutins[0] >= 2 and scrutins[1] > 0
    assert decisions == scrutins[0]


def test_dans_la_demo_les_membres_trouvent_leurs_convocations(demo: Configuration) -> None:
    """The job ran at the end of the load: every council convened its members to the séances
    still to come; the member of the 18e the logins name finds them, unread."""
    from demo.convocations import membre_convoque

    with Plateforme(demo, horloge=apres_la_demo) as p:
        moteur = p.moteur
        with moteur.connect() as cnx:
            par_conseil = dict(
                cnx.execute(
                    text(
                        "SELECT arrondissement, count(*) FROM convocations_envois "
                        "WHERE genre = 'convocation' AND envoye_le IS NOT NULL "
                        "GROUP BY arrondissement"
                    )
                ).all()
            )
        email = membre_convoque(p)
        assert email is not None
        personne_id = p.identites.par_email(email)
        assert personne_id is not None
        notifications = p.notifications.lire(p.comptes.acteur(personne_id)).notifications
    assert sorted(par_conseil) == [10, 11, 13, 14, 17, 18, 19, 20]
    assert notifications and all(not n.lue for n in notifications)
    assert {n.genre for n in notifications} <= {"convocation", "rappel", "annulation"}


def test_dans_la_demo_chaque_conseil_a_des_documents_a_telecharger(demo: Configuration) -> None:
    with Plateforme(demo, horloge=apres_la_demo) as p:
        for arrondissement in ARRONDISSEMENTS_FONDATEURS:
            page = p.lecture_documents.bibliotheque(FiltresDocuments(arrondissement))
            assert page.total >= 3, arrondissement
            for ligne in page.documents:
                _, contenu = p.documents.contenu(UUID(ligne.document_id))
                assert len(contenu) == ligne.taille
        assert p.lecture_documents.depots_des_membres(18)
    assert (demo.chemin_sqlite.parent / "fichiers").is_dir()  # next to the demo's database
