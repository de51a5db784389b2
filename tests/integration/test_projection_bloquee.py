"""One event the read models cannot take (here, of a type no version of the code knows) stops
the projection just before it, says so (`projections status`, the readiness check, the log),
and never stops the platform from recording commands."""

from collections.abc import Callable

import pytest
from sqlalchemy import text
from starlette.testclient import TestClient

from domaine.comptes import Acteur
from lancement.cli import main
from lancement.plateforme import Plateforme
from web.app import creer_app


def _rendre_illisible(plateforme: Plateforme, position: int) -> None:
    table, colonne = (
        ("participation_events", "notification_id")
        if plateforme.configuration.est_postgres
        else ("stored_events", "rowid")
    )
    with plateforme.moteur.begin() as cnx:
        cnx.execute(
            text(f"UPDATE {table} SET topic = 'participation:Inconnu' WHERE {colonne} = {position}")
        )


def test_un_evenement_illisible_arrete_la_projection_pas_la_plateforme(
    plateforme: Plateforme,
    creer_compte: Callable[..., Acteur],
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    creer_compte()
    _, illisible = plateforme.comptes.inscrire(
        "Ange Illisible", "ange@exemple.fr", "un mot de passe"
    )
    _rendre_illisible(plateforme, illisible)

    _, apres = plateforme.comptes.inscrire("Basile Apres", "basile@exemple.fr", "un mot de passe")
    plateforme.projecteur.attendre(apres)  # a command's read-your-writes: no error raised

    assert plateforme.registre.position() == apres  # commands are still recorded
    assert plateforme.projecteur.position() == illisible - 1  # everything before it is in
    assert "bloqués à la position" in caplog.text and "participation:Inconnu" in caplog.text

    code = main(["--database-url", plateforme.configuration.database_url, "projections", "status"])
    sortie = capsys.readouterr().out
    assert code == 1
    assert f"Modèles de lecture bloqués à la position {illisible}" in sortie
    assert "« participation:Inconnu »" in sortie

    with TestClient(creer_app(plateforme)) as client:
        pret = client.get("/sante/pret")
    assert pret.status_code == 503 and f"position {illisible}" in pret.text
