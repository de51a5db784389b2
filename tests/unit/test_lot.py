"""The projector's batch sends each statement once, yet gives the rows a statement-by-statement
replay gives: a write only moves past writes it commutes with."""

import random
from typing import Any

from sqlalchemy import (
    Column,
    Integer,
    MetaData,
    String,
    Table,
    bindparam,
    create_engine,
    delete,
    event,
    insert,
    select,
    update,
)

from projections.lot import Lot

metadata = MetaData()
comptes = Table(
    "comptes",
    metadata,
    Column("id", String(10), primary_key=True),
    Column("solde", Integer, nullable=False),
    Column("nom", String(20), nullable=False),
    Column("version", Integer, nullable=False),
)
mouvements = Table(
    "mouvements",
    metadata,
    Column("rang", Integer, primary_key=True),
    Column("compte", String(10), nullable=False),
)

OUVRIR = insert(comptes)
CREDITER = (
    update(comptes)
    .where(comptes.c.id == bindparam("p_id"))
    .values(solde=comptes.c.solde + bindparam("p_ecart", type_=Integer))
)
RENOMMER = update(comptes).where(comptes.c.id == bindparam("p_id")).values(nom=bindparam("p_nom"))
# reads `nom`, which RENOMMER writes: the two must keep their order
DOUBLER_SI_NOMME = (
    update(comptes).where(comptes.c.nom == bindparam("p_nom")).values(solde=comptes.c.solde * 2)
)
VERSIONNER = (
    update(comptes).where(comptes.c.id == bindparam("p_id")).values(version=bindparam("p_v"))
)
FERMER = delete(comptes).where(comptes.c.id == bindparam("p_id"))
NOTER = insert(mouvements)


def _base() -> tuple[Any, list[str]]:
    moteur = create_engine("sqlite://")
    metadata.create_all(moteur)
    envois: list[str] = []
    event.listen(
        moteur, "before_cursor_execute", lambda _c, _cur, sql, *_: envois.append(sql.split()[0])
    )
    return moteur, envois


def _ecritures(graine: int, nombre: int) -> list[tuple[str, Any, dict[str, Any]]]:
    """A random history over a few accounts, each write valid where it comes."""
    hasard = random.Random(graine)
    ouverts: list[str] = []
    ecritures: list[tuple[str, Any, dict[str, Any]]] = []
    for rang in range(nombre):
        choix = hasard.random()
        if not ouverts or choix < 0.1:
            cle = f"c{rang}"
            ouverts.append(cle)
            ecritures.append(("ecrire", OUVRIR, {"id": cle, "solde": 0, "nom": "a", "version": 1}))
            continue
        cle = hasard.choice(ouverts)
        if choix < 0.5:
            ecritures.append(("cumuler", CREDITER, {"p_id": cle, "p_ecart": hasard.randint(-3, 9)}))
        elif choix < 0.6:
            ecritures.append(("ecrire", RENOMMER, {"p_id": cle, "p_nom": hasard.choice("abc")}))
        elif choix < 0.65:
            ecritures.append(("ecrire", DOUBLER_SI_NOMME, {"p_nom": hasard.choice("abc")}))
        elif choix < 0.8:
            ecritures.append(("remplacer", VERSIONNER, {"p_id": cle, "p_v": rang}))
        elif choix < 0.83:
            ouverts.remove(cle)
            ecritures.append(("ecrire", FERMER, {"p_id": cle}))
        ecritures.append(("ecrire", NOTER, {"rang": rang, "compte": cle}))
    return ecritures


def _etat(moteur: Any) -> tuple[list[Any], list[Any]]:
    with moteur.connect() as cnx:
        return (
            list(cnx.execute(select(comptes).order_by(comptes.c.id))),
            list(cnx.execute(select(mouvements).order_by(mouvements.c.rang))),
        )


def test_le_lot_donne_les_lignes_d_un_rejeu_instruction_par_instruction() -> None:
    for graine in range(20):
        ecritures = _ecritures(graine, 300)
        sequentiel, _ = _base()
        with sequentiel.begin() as cnx:
            for _, instruction, parametres in ecritures:
                cnx.execute(instruction, parametres)
        groupe, envois = _base()
        with groupe.begin() as cnx:
            lot = Lot(cnx)
            for methode, instruction, parametres in ecritures:
                champ = {"cumuler": "p_ecart", "remplacer": "p_v"}.get(methode)
                if champ is None:
                    lot.ecrire(instruction, **parametres)
                else:
                    getattr(lot, methode)(instruction, champ, **parametres)
            lot.envoyer()
        assert _etat(groupe) == _etat(sequentiel), graine
        assert len(envois) < len(ecritures) / 3


def test_des_ecritures_qui_commutent_partent_en_une_instruction_chacune() -> None:
    moteur, envois = _base()
    with moteur.begin() as cnx:
        lot = Lot(cnx)
        lot.ecrire(OUVRIR, id="x", solde=0, nom="a", version=1)
        for rang in range(1_000):
            lot.cumuler(CREDITER, "p_ecart", p_id="x", p_ecart=1)
            lot.remplacer(VERSIONNER, "p_v", p_id="x", p_v=rang + 2)
            lot.ecrire(NOTER, rang=rang, compte="x")
        lot.envoyer()
    assert envois == ["INSERT", "UPDATE", "UPDATE", "INSERT"]
    comptes_, notes = _etat(moteur)
    assert [tuple(c) for c in comptes_] == [("x", 1_000, "a", 1_001)]
    assert len(notes) == 1_000


def test_une_lecture_envoie_d_abord_ce_qui_attend() -> None:
    moteur, _ = _base()
    with moteur.begin() as cnx:
        lot = Lot(cnx)
        lot.ecrire(OUVRIR, id="x", solde=5, nom="a", version=1)
        solde = lot.lire(select(comptes.c.solde).where(comptes.c.id == bindparam("i")), i="x")
        assert solde.scalar() == 5
