"""`participation backup` / `restore` (issue 6): a restored backup gives the same event export
byte for byte, the same annual report, the same identity rows, tokens and archives, and people
still sign in with their password; a corrupted file or a non-empty database is refused."""

import gzip
import io
import secrets
import stat
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from domaine.budget import Depot
from domaine.comptes import Acteur
from lancement.cli import main
from lancement.plateforme import Plateforme
from participation.archives import Archives
from rapports.formats import en_json
from stockage.configuration import VARIABLE_URL, Configuration
from stockage.export import exporter
from stockage.identites import candidats, personnes
from stockage.jetons import jetons
from stockage.sauvegarde import (
    BaseNonVide,
    SauvegardeInvalide,
    instantane,
    restaurer,
    sauvegarder,
    valeur_en_json,
)
from tests.conftest import MOT_DE_PASSE, FabriqueComptes, HorlogeReglable, avec_base
from tests.integration.outils import planifier, rejoindre

RAPPORT_LE = datetime(2027, 1, 20, 9, 0, tzinfo=UTC)


def peupler(
    plateforme: Plateforme, creer_compte: Callable[..., Acteur], horloge: HorlogeReglable
) -> None:
    """A little of everything: accounts and roles, the assembly, a séance with a decision, an
    avis, a budget proposal, an API token, imported contact details, an archived report."""
    animateur = creer_compte("animateur", 18)
    participant = creer_compte(nom="Awa Diallo")
    agent = creer_compte("agent_ville")
    rejoindre(plateforme, participant)
    rejoindre(plateforme, animateur, genre="homme")
    seance_id = planifier(plateforme, animateur)
    horloge.avancer(days=9)
    plateforme.seances.changer_presence(animateur, seance_id, participant.compte_id, True)
    plateforme.seances.enregistrer_decision(animateur, seance_id, "Adopter le projet", 10, 1, 0)
    plateforme.seances.rediger_compte_rendu(animateur, seance_id, None, "Compte rendu")
    plateforme.avis.rediger(participant, 18, "auto_saisine", "Propreté", "Le texte", "ville")
    plateforme.budget.deposer(
        participant,
        18,
        Depot("Jardin", "Au pied des immeubles", "hors_qpv", "", "environnement", 15_000),
    )
    plateforme.jetons.creer(agent, "Tableau de bord")
    plateforme.identites.enregistrer_coordonnees(
        18, {"c01": {"nom": "Durand", "email": "durand@exemple.fr"}}, horloge.now
    )
    plateforme.chaine.point_de_controle(horloge.now)
    horloge.now = RAPPORT_LE
    Archives(plateforme.moteur, plateforme.rapports, ("json",)).archiver(2026)


def photographie(plateforme: Plateforme) -> dict[str, Any]:
    """What must survive a backup: the log, a report, personal data, tokens, archives, the
    hash chain and its checkpoints."""
    export = io.StringIO()
    exporter(plateforme.registre, export)
    resultat: dict[str, Any] = {
        "export": export.getvalue().encode(),
        "rapport": en_json(plateforme.rapports.annuel(2026)),
        "rapport_18": en_json(plateforme.rapports.annuel(2026, 18)),
    }
    with plateforme.moteur.connect() as cnx:
        for table in (personnes, candidats, jetons):
            lignes = cnx.execute(select(table).order_by(*table.primary_key.columns)).all()
            resultat[table.name] = [[valeur_en_json(v) for v in ligne] for ligne in lignes]
    resultat["archives"] = [
        (a.annee, a.arrondissement, a.sha256) for a in plateforme.archives.liste()
    ]
    verdict = plateforme.chaine.verifier()  # the log still verifies against its own chain
    assert verdict.intact, verdict.message()
    resultat["chaine"] = verdict.tete
    resultat["points_de_controle"] = plateforme.chaine.points()
    return resultat


@pytest.fixture
def source(
    plateforme: Plateforme, creer_compte: Callable[..., Acteur], horloge: HorlogeReglable
) -> Plateforme:
    peupler(plateforme, creer_compte, horloge)
    return plateforme


def _base_postgres_neuve(base_postgres: str) -> Iterator[Configuration]:
    import psycopg

    nom = f"participation_restauree_{secrets.token_hex(4)}"
    serveur = avec_base(base_postgres, "postgres")
    with psycopg.connect(serveur, autocommit=True) as cnx:
        cnx.execute(f'CREATE DATABASE "{nom}"')
    try:
        yield Configuration(avec_base(base_postgres, nom))
    finally:
        with psycopg.connect(serveur, autocommit=True) as cnx:
            cnx.execute(f'DROP DATABASE IF EXISTS "{nom}" WITH (FORCE)')


@pytest.fixture
def cible(
    configuration: Configuration, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[Configuration]:
    """An empty database of the same kind as the source."""
    if configuration.est_postgres:
        yield from _base_postgres_neuve(request.getfixturevalue("base_postgres"))
    else:
        yield Configuration(f"sqlite:///{tmp_path}/restauree.sqlite3")


def _restaurer(
    configuration: Configuration, chemin: Path, horloge: HorlogeReglable, **options: Any
) -> Plateforme:
    plateforme = Plateforme(configuration, horloge=horloge)
    restaurer(plateforme, chemin, **options)
    return plateforme


def test_une_sauvegarde_restauree_donne_le_meme_journal_les_memes_rapports_et_identites(
    source: Plateforme, cible: Configuration, horloge: HorlogeReglable, tmp_path: Path
) -> None:
    avant = photographie(source)
    chemin = tmp_path / "stockage.sauvegarde.gz"
    resume = sauvegarder(source, chemin, horloge.now)
    assert resume.lignes["evenements"] == source.registre.position()
    assert resume.lignes["identites_personnes"] == 3

    restauree = _restaurer(cible, chemin, horloge)
    try:
        assert photographie(restauree) == avant
        # The password hashes came along: people sign in as before.
        email = avant["identites_personnes"][0][2]
        compte_id = restauree.comptes.authentifier(email, MOT_DE_PASSE)
        assert str(compte_id) == avant["identites_personnes"][0][0]
        # New events continue the sequence (PostgreSQL's sequence was moved past the restored ids).
        position = source.registre.position()
        _, suivante = restauree.comptes.inscrire(
            "Nouvelle Personne", "nouvelle@exemple.fr", MOT_DE_PASSE
        )
        assert suivante == position + 1
        restauree.projecteur.attendre(suivante)
    finally:
        restauree.fermer()


def test_restaurer_sur_une_base_non_vide_demande_ecraser(
    source: Plateforme,
    horloge: HorlogeReglable,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    chemin = tmp_path / "s.gz"
    monkeypatch.setenv(VARIABLE_URL, source.configuration.database_url)
    assert main(["backup", str(chemin)]) == 0
    assert "données personnelles" in capsys.readouterr().out
    assert main(["restore", str(chemin)]) == 2
    assert "--ecraser" in capsys.readouterr().err
    # Overwriting with its own backup changes nothing the users can see.
    avant = photographie(source)
    restaurer(source, chemin, ecraser=True)
    assert photographie(source) == avant
    with pytest.raises(BaseNonVide):
        restaurer(source, chemin)


def _reecrire(chemin: Path, transformer: Callable[[bytes], bytes]) -> Path:
    abime = chemin.with_name(f"abime-{secrets.token_hex(4)}.gz")
    abime.write_bytes(gzip.compress(transformer(gzip.decompress(chemin.read_bytes()))))
    return abime


def test_un_fichier_endommage_est_refuse_sans_rien_ecrire(
    source: Plateforme,
    horloge: HorlogeReglable,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    chemin = tmp_path / "s.gz"
    sauvegarder(source, chemin, horloge.now)
    tronque = tmp_path / "tronque.gz"
    tronque.write_bytes(chemin.read_bytes()[:-200])
    retouche = _reecrire(chemin, lambda b: b.replace(b"Awa Diallo", b"Awa Diall0"))
    sans_ligne = _reecrire(chemin, lambda b: b.rsplit(b"\n", 2)[0] + b"\n")
    pas_gzip = tmp_path / "pas.gz"
    pas_gzip.write_text("bonjour")
    neuve = Configuration(f"sqlite:///{tmp_path}/neuve.sqlite3")
    monkeypatch.setenv(VARIABLE_URL, neuve.database_url)
    for fichier in (tronque, retouche, sans_ligne, pas_gzip, tmp_path / "absent.gz"):
        assert main(["restore", str(fichier)]) == 2, fichier
        erreur = capsys.readouterr().err
        assert erreur.startswith("Erreur : ") and ("endommag" in erreur or "introuvable" in erreur)
    future = _reecrire(
        chemin, lambda b: b.replace(b'"revision_schema": "', b'"revision_schema": "9', 1)
    )
    plateforme = Plateforme(neuve)
    try:
        with pytest.raises(SauvegardeInvalide, match="SHA-256"):
            restaurer(plateforme, retouche)
        with pytest.raises(SauvegardeInvalide, match="schéma plus récent"):
            restaurer(plateforme, future)
        assert plateforme.registre.position() == 0
    finally:
        plateforme.fermer()


@pytest.mark.postgres
def test_de_sqlite_a_postgresql_et_retour(
    configuration_sqlite: Configuration,
    base_postgres: str,
    horloge: HorlogeReglable,
    hachage_rapide: None,
    tmp_path: Path,
) -> None:
    sqlite = Plateforme(configuration_sqlite, horloge=horloge)
    sqlite.migrer()
    peupler(sqlite, FabriqueComptes(sqlite), horloge)
    avant = photographie(sqlite)
    aller, retour = tmp_path / "aller.gz", tmp_path / "retour.gz"
    sauvegarder(sqlite, aller, horloge.now)
    sqlite.fermer()
    for pg in _base_postgres_neuve(base_postgres):
        postgres = _restaurer(pg, aller, horloge)
        try:
            assert photographie(postgres) == avant
            sauvegarder(postgres, retour, horloge.now)
        finally:
            postgres.fermer()
    de_retour = _restaurer(Configuration(f"sqlite:///{tmp_path}/retour.sqlite3"), retour, horloge)
    try:
        assert photographie(de_retour) == avant
    finally:
        de_retour.fermer()


def test_un_effacement_pendant_une_sauvegarde_ne_lui_cache_pas_les_identites(
    plateforme: Plateforme, creer_compte: Callable[..., Acteur]
) -> None:
    """An erasure rewrites the identity tables (TRUNCATE on PostgreSQL): a backup already
    running still reads them as of its snapshot, and the erasure waits for it to end."""
    creer_compte()
    partante = creer_compte()
    with instantane(plateforme) as cnx:
        cnx.exec_driver_sql("SELECT version_num FROM alembic_version")  # snapshot frozen
        effacement = threading.Thread(
            target=plateforme.rgpd.effacer_depuis_la_console, args=(partante.compte_id,)
        )
        effacement.start()
        effacement.join(timeout=2)  # PostgreSQL: waits for the backup; SQLite: done
        assert cnx.execute(select(func.count()).select_from(personnes)).scalar() == 2
    effacement.join(timeout=30)
    assert not effacement.is_alive()
    assert plateforme.identites.identite(partante.compte_id) is None


def test_une_sauvegarde_n_est_lisible_que_par_son_proprietaire(
    source: Plateforme, horloge: HorlogeReglable, tmp_path: Path
) -> None:
    """It holds names and e-mails: 0600, whatever the umask or a leftover partial file."""
    chemin = tmp_path / "s.gz"
    reste = chemin.with_name("s.gz.partiel")
    reste.write_bytes(b"")
    reste.chmod(0o644)

    sauvegarder(source, chemin, horloge.now)

    assert stat.S_IMODE(chemin.stat().st_mode) == 0o600
    assert not reste.exists()


def test_une_sauvegarde_qui_echoue_ne_laisse_rien_derriere_elle(
    source: Plateforme, horloge: HorlogeReglable, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disque_plein(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(gzip.GzipFile, "write", disque_plein)

    dossier = tmp_path / "sauvegardes"
    dossier.mkdir()

    with pytest.raises(OSError, match="No space left"):
        sauvegarder(source, dossier / "s.gz", horloge.now)

    assert list(dossier.iterdir()) == []
