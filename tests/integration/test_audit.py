"""The tamper-evident log: `participation audit verify` exits 0 on an untouched log, and names
the first position and the kind of each tampering done by hand in the database (a modified
event, a removed one, one inserted in the middle, two swapped), on SQLite and PostgreSQL."""

import json
from collections.abc import Callable
from pathlib import Path
from uuid import uuid4

import pytest
from sqlalchemy import text

from domaine.comptes import Acteur
from lancement.cli import main
from lancement.plateforme import Plateforme
from stockage.audit import ORIGINE, empreinte, points_en_json
from tests.conftest import HorlogeReglable


def _journal_ecrit(plateforme: Plateforme, creer_compte: Callable[..., Acteur]) -> int:
    """Six accounts after the eight councils; returns the position of the second account."""
    depart = plateforme.registre.position()
    for _ in range(6):
        creer_compte()
    return depart + 2


def _table(plateforme: Plateforme) -> tuple[str, str]:
    """The event store's table and its position column, as the `eventsourcing` recorders make them."""
    if plateforme.configuration.est_postgres:
        return "participation_events", "notification_id"
    return "stored_events", "rowid"


def _etat_plus_un_octet(plateforme: Plateforme) -> str:
    """SQL for an event's stored state with one byte appended: a forged event."""
    if plateforme.configuration.est_postgres:
        return "state || '\\x20'::bytea"
    return "CAST(state || X'20' AS BLOB)"


def _sql(plateforme: Plateforme, *instructions: str) -> None:
    with plateforme.moteur.begin() as cnx:
        for instruction in instructions:
            cnx.execute(text(instruction))


def _verifier(plateforme: Plateforme, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["--database-url", plateforme.configuration.database_url, "audit", "verify"])
    return code, capsys.readouterr().out


def test_un_journal_intact_est_verifie_et_sa_tete_annoncee(
    plateforme: Plateforme,
    creer_compte: Callable[..., Acteur],
    capsys: pytest.CaptureFixture[str],
) -> None:
    _journal_ecrit(plateforme, creer_compte)
    with plateforme.moteur.connect() as cnx:  # chained by the save itself, no catch-up ran
        chainee = cnx.execute(text("SELECT MAX(position) FROM audit_chaine")).scalar()
    assert chainee == plateforme.registre.position()
    code, sortie = _verifier(plateforme, capsys)
    tete = plateforme.chaine.tete()
    assert code == 0, sortie
    assert tete.position == plateforme.registre.position() and tete.nombre == tete.position
    assert f"Journal intègre : {tete.nombre} événements chaînés" in sortie
    assert tete.empreinte in sortie


def test_la_chaine_se_recalcule_sans_participation_avec_la_formule_publiee(
    plateforme: Plateforme, creer_compte: Callable[..., Acteur]
) -> None:
    """docs/journal-integrite.md: read the raw table, hash as documented, find the head."""
    import base64
    import hashlib
    import json
    import uuid

    _journal_ecrit(plateforme, creer_compte)
    table, position = _table(plateforme)
    precedente = ORIGINE
    with plateforme.moteur.connect() as cnx:
        lignes = cnx.execute(
            text(
                f"SELECT {position}, originator_id, originator_version, topic, state "
                f"FROM {table} ORDER BY {position}"
            )
        ).all()
    for p, oid, version, topic, state in lignes:
        canonique = json.dumps(
            [p, str(uuid.UUID(str(oid))), version, topic, base64.b64encode(state).decode()],
            separators=(",", ":"),
        )
        precedente = hashlib.sha256(f"{precedente}\n{canonique}".encode()).hexdigest()
    tete = plateforme.chaine.tete()
    assert (lignes[-1][0], precedente) == (tete.position, tete.empreinte)
    assert empreinte(ORIGINE, 1, plateforme.registre.recorder.select_notifications(1, 1)[0]) == (
        plateforme.chaine._valeur(1)
    )


def test_un_evenement_modifie_est_nomme(
    plateforme: Plateforme,
    creer_compte: Callable[..., Acteur],
    capsys: pytest.CaptureFixture[str],
) -> None:
    cible = _journal_ecrit(plateforme, creer_compte)
    table, position = _table(plateforme)
    concat = _etat_plus_un_octet(plateforme)
    _sql(plateforme, f"UPDATE {table} SET state = {concat} WHERE {position} = {cible}")

    code, sortie = _verifier(plateforme, capsys)
    assert code == 1
    assert f"événement modifié à la position {cible}" in sortie


def test_un_evenement_supprime_est_nomme(
    plateforme: Plateforme,
    creer_compte: Callable[..., Acteur],
    capsys: pytest.CaptureFixture[str],
) -> None:
    cible = _journal_ecrit(plateforme, creer_compte)
    table, position = _table(plateforme)
    _sql(plateforme, f"DELETE FROM {table} WHERE {position} = {cible}")

    code, sortie = _verifier(plateforme, capsys)
    assert code == 1
    assert f"événement supprimé à la position {cible}" in sortie


def test_un_evenement_insere_au_milieu_est_nomme(
    plateforme: Plateforme,
    creer_compte: Callable[..., Acteur],
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Every later event moves one place down and a forged one takes the freed position."""
    cible = _journal_ecrit(plateforme, creer_compte)
    table, position = _table(plateforme)
    _sql(
        plateforme,
        f"UPDATE {table} SET {position} = {position} + 1000000 WHERE {position} >= {cible}",
        f"UPDATE {table} SET {position} = {position} - 999999 WHERE {position} >= 1000000",
        f"INSERT INTO {table} ({position}, originator_id, originator_version, topic, state) "
        f"SELECT {cible}, '{uuid4()}', 1, topic, state FROM {table} WHERE {position} = {cible + 1}",
    )

    code, sortie = _verifier(plateforme, capsys)
    assert code == 1
    assert f"événement inséré à la position {cible}" in sortie


def test_deux_evenements_intervertis_sont_nommes(
    plateforme: Plateforme,
    creer_compte: Callable[..., Acteur],
    capsys: pytest.CaptureFixture[str],
) -> None:
    cible = _journal_ecrit(plateforme, creer_compte)
    autre = cible + 3
    table, position = _table(plateforme)
    _sql(
        plateforme,
        f"UPDATE {table} SET {position} = 999999 WHERE {position} = {cible}",
        f"UPDATE {table} SET {position} = {cible} WHERE {position} = {autre}",
        f"UPDATE {table} SET {position} = {autre} WHERE {position} = 999999",
    )

    code, sortie = _verifier(plateforme, capsys)
    assert code == 1
    assert f"événement réordonné à la position {cible}" in sortie


@pytest.mark.postgres
def test_un_trou_de_postgresql_n_est_pas_une_suppression_mais_y_inserer_se_voit(
    configuration_postgres: object,
    hachage_rapide: None,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Sequence values of rolled-back transactions leave gaps: the chain skips them, and an
    event forged into one is named."""
    from stockage.configuration import Configuration

    assert isinstance(configuration_postgres, Configuration)
    plateforme = Plateforme(configuration_postgres)
    try:
        plateforme.migrer()
        _sql(
            plateforme,
            "SELECT nextval(pg_get_serial_sequence('participation_events', 'notification_id'))",
        )
        trou = plateforme.registre.position() + 1
        plateforme.comptes.inscrire("Personne Un", "un@exemple.fr", "un mot de passe solide")
        assert plateforme.registre.position() == trou + 1

        code, sortie = _verifier(plateforme, capsys)
        assert code == 0, sortie

        _sql(
            plateforme,
            "INSERT INTO participation_events "
            "(notification_id, originator_id, originator_version, topic, state) "
            f"SELECT {trou}, '{uuid4()}', 1, topic, state FROM participation_events "
            f"WHERE notification_id = {trou + 1}",
        )
        code, sortie = _verifier(plateforme, capsys)
        assert code == 1
        assert f"événement inséré à la position {trou}" in sortie
    finally:
        plateforme.fermer()


def test_une_chaine_reecrite_est_trahie_par_un_point_de_controle(
    plateforme: Plateforme,
    creer_compte: Callable[..., Acteur],
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Whoever rewrites the events *and* the chain after them still contradicts a checkpoint
    published earlier."""
    cible = _journal_ecrit(plateforme, creer_compte)
    assert (
        main(["--database-url", plateforme.configuration.database_url, "audit", "checkpoint"]) == 0
    )
    assert f"position {plateforme.registre.position()}" in capsys.readouterr().out
    table, position = _table(plateforme)
    concat = _etat_plus_un_octet(plateforme)
    _sql(
        plateforme,
        f"UPDATE {table} SET state = {concat} WHERE {position} = {cible}",
        f"DELETE FROM audit_chaine WHERE position >= {cible}",
        "UPDATE projection_positions SET position = 0 WHERE nom = 'audit_chaine'",
    )

    code, sortie = _verifier(plateforme, capsys)
    assert code == 1
    assert "point de contrôle divergent" in sortie


def test_le_rapport_annuel_cite_le_dernier_point_de_controle_de_l_annee(
    plateforme: Plateforme, creer_compte: Callable[..., Acteur], horloge: HorlogeReglable
) -> None:
    from rapports.formats.html import page

    _journal_ecrit(plateforme, creer_compte)
    premier = plateforme.chaine.point_de_controle(horloge())
    creer_compte()
    horloge.avancer(days=1)
    second = plateforme.chaine.point_de_controle(horloge())
    assert second.position == premier.position + 1

    rapport = plateforme.rapports.annuel(2026)
    attendu = {
        "position": second.position,
        "empreinte": second.empreinte,
        "le": second.le.isoformat(),
    }
    assert rapport["point_de_controle"] == attendu
    brut = plateforme.rapports.annuel(2026, depuis_evenements=True)
    assert brut["point_de_controle"] == attendu
    assert plateforme.rapports.annuel(2025)["point_de_controle"] is None  # none before 2026

    html = page(rapport)
    assert f"position {second.position}, empreinte <code>{second.empreinte}</code>" in html
    assert "point de contrôle du 3 mars 2026 à 11:00" in html


def test_plusieurs_processus_qui_chainent_en_meme_temps_ne_chainent_chaque_position_qu_une_fois(
    plateforme: Plateforme, creer_compte: Callable[..., Acteur]
) -> None:
    from concurrent.futures import ThreadPoolExecutor

    for _ in range(12):
        creer_compte()
    depart = plateforme.registre.position() - 12
    # An unchained tail, as in a log written before the chain existed.
    _sql(plateforme, f"DELETE FROM audit_chaine WHERE position > {depart}")
    autres = [Plateforme(plateforme.configuration) for _ in range(4)]
    try:
        with ThreadPoolExecutor(4) as fils:
            chainees = list(fils.map(lambda p: p.chaine.rattraper(), autres))
    finally:
        for p in autres:
            p.fermer()

    assert sum(chainees) == 12  # each position chained by exactly one of them
    verdict = plateforme.chaine.verifier()
    assert verdict.intact, verdict.message()
    assert verdict.tete.nombre == plateforme.registre.position()


def _copie_des_points(plateforme: Plateforme, dossier: Path) -> str:
    """What an agent keeps outside the database: the published list, as the site serves it."""
    plateforme.chaine.point_de_controle(plateforme.registre.maintenant())
    copie = dossier / "points.json"
    copie.write_text(json.dumps(points_en_json(plateforme.chaine.points())), encoding="utf-8")
    return str(copie)


def _verifier_avec(
    plateforme: Plateforme, copie: str, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str]:
    url = plateforme.configuration.database_url
    code = main(["--database-url", url, "audit", "verify", "--points-de-controle", copie])
    sortie = capsys.readouterr()
    return code, sortie.out + sortie.err


def test_une_reecriture_complete_est_trahie_par_une_copie_des_points_de_controle(
    plateforme: Plateforme,
    creer_compte: Callable[..., Acteur],
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    """Events, chain and checkpoint table rewritten together: the database agrees with
    itself, not with the copy kept elsewhere."""
    cible = _journal_ecrit(plateforme, creer_compte)
    copie = _copie_des_points(plateforme, tmp_path)
    assert _verifier_avec(plateforme, copie, capsys)[0] == 0
    table, position = _table(plateforme)
    concat = _etat_plus_un_octet(plateforme)
    _sql(
        plateforme,
        f"UPDATE {table} SET state = {concat} WHERE {position} = {cible}",
        f"DELETE FROM audit_chaine WHERE position >= {cible}",
        "DELETE FROM audit_points_de_controle",
        "UPDATE projection_positions SET position = 0 WHERE nom = 'audit_chaine'",
    )
    assert _verifier(plateforme, capsys)[0] == 0  # alone, the database looks intact

    code, sortie = _verifier_avec(plateforme, copie, capsys)

    assert code == 1
    assert "point de contrôle externe divergent" in sortie


def test_un_journal_tronque_de_ses_derniers_evenements_est_trahi_par_la_copie(
    plateforme: Plateforme,
    creer_compte: Callable[..., Acteur],
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    _journal_ecrit(plateforme, creer_compte)
    copie = _copie_des_points(plateforme, tmp_path)
    tete = plateforme.registre.position()
    table, position = _table(plateforme)
    _sql(
        plateforme,
        f"DELETE FROM {table} WHERE {position} > {tete - 2}",
        f"DELETE FROM audit_chaine WHERE position > {tete - 2}",
        "DELETE FROM audit_points_de_controle",
        f"UPDATE projection_positions SET position = {tete - 2} WHERE nom = 'audit_chaine'",
    )
    assert _verifier(plateforme, capsys)[0] == 0

    code, sortie = _verifier_avec(plateforme, copie, capsys)

    assert code == 1
    assert f"manquant (journal tronqué) à la position {tete}" in sortie


def test_une_copie_illisible_est_refusee_en_francais(
    plateforme: Plateforme, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    copie = tmp_path / "points.json"
    copie.write_text('{"points": "non"}', encoding="utf-8")

    code, sortie = _verifier_avec(plateforme, str(copie), capsys)

    assert code == 2
    assert "n'est pas une liste de points de contrôle de participation" in sortie
