"""Opening states: the report fold's state on 1 January of a year, kept so that a report reads
only its own year's facts instead of the whole history before it.

An opening is a cache, not a source: it is used only while it still matches what it summarises
(the same number of facts dated before 1 January, folded by the same code: a fingerprint of the
modules that compute it), and rebuilt from `lecture_faits` otherwise. Reports computed from it
are byte-identical to those folded from the whole history (tests compare them).
"""

import hashlib
import json
import zlib
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import Engine, delete, func, insert, select

from projections.tables import faits as table_faits
from projections.tables import ouvertures as table_ouvertures
from rapports import calcul, faits
from rapports.calcul import (
    AdhesionSuivie,
    AvisSuivi,
    EtatSuivi,
    GroupeSuivi,
    InstanceSuivie,
    MoyenSuivi,
    PropositionSuivie,
    SeanceSuivie,
)

EMPREINTE_DU_CALCUL = hashlib.sha256(
    b"".join(Path(m.__file__ or "").read_bytes() for m in (calcul, faits))
    + Path(__file__).read_bytes()
).hexdigest()
"""Changes whenever the code that builds or reads an opening changes: older ones are ignored."""


def faits_avant(moteur: Engine, debut: datetime) -> int:
    """How many facts are dated before `debut` (an index count: a few milliseconds)."""
    with moteur.connect() as cnx:
        return int(cnx.execute(select(func.count()).where(table_faits.c.le < debut)).scalar_one())


def lire(moteur: Engine, annee: int, faits_attendus: int) -> EtatSuivi | None:
    """The stored opening of `annee`, if it still matches the facts and the code."""
    t = table_ouvertures.c
    with moteur.connect() as cnx:
        ligne = cnx.execute(
            select(t.etat).where(
                t.annee == annee, t.empreinte == EMPREINTE_DU_CALCUL, t.faits == faits_attendus
            )
        ).first()
    return None if ligne is None else decoder(ligne.etat)


def enregistrer(moteur: Engine, etat: EtatSuivi, faits_avant: int, le: datetime) -> None:
    """Replace the stored opening of the year (two processes may race: the last one wins,
    and both computed the same state). `faits_avant`: the facts it was folded from."""
    t = table_ouvertures
    contenu = encoder(etat)
    with moteur.begin() as cnx:
        cnx.execute(delete(t).where(t.c.annee == etat.annee))
        cnx.execute(
            insert(t).values(
                annee=etat.annee,
                empreinte=EMPREINTE_DU_CALCUL,
                faits=faits_avant,
                etat=contenu,
                calcule_le=le,
            )
        )


# --- the codec: compressed JSON, one list per object, in the dataclasses' field order ---------


def encoder(etat: EtatSuivi) -> bytes:
    """An opening holds no fact of its year: the year's counters must still be empty."""
    if (
        etat.faits
        or etat.entrees
        or etat.sorties
        or etat.tirages_tenus
        or etat.remplacements
        or etat.comptes_rendus_rediges
        or etat.comptes_rendus_presentes
        or etat.mandats_designes
        or etat.mandats_termines
    ):
        raise ValueError("not an opening: the state already counts facts of its year")
    document = {
        "annee": etat.annee,
        "conseils": etat.conseils,
        "adhesions": {k: [a.arrondissement, a.personne, a.profil, a.membre]
                      for k, a in etat.adhesions.items()},
        "seances": {k: [s.arrondissement, _iso(s.quand), s.annulee, sorted(s.presents),
                        s.anonymes, sorted(s.decisions.items())]
                    for k, s in etat.seances.items()},
        "groupes": {k: [g.arrondissement, g.taille, g.part_habitants, g.membres, g.entrees,
                        g.sorties, _iso(g.vacance_debut), g.jours_place, g.plus_longue,
                        _iso(g.dernier)]
                    for k, g in etat.groupes.items()},
        "tirages": etat.tirages,
        "avis": {k: [v.arrondissement, v.origine, v.destinataire, _iso(v.cree_le),
                     _iso(v.transmis_le), _iso(v.echeance), _iso(v.repondu_le), v.ferme]
                 for k, v in etat.avis.items()},
        "propositions": {k: [p.arrondissement, p.quartier, p.cout, _iso(p.deposee_le),
                             p.statut, p.portee, _iso(p.laureate_le)]
                         for k, p in etat.propositions.items()},
        "bilans": sorted(etat.bilans.items()),
        "copils": sorted(etat.copils.items()),
        "qpv_adoptes": sorted(etat.qpv_adoptes.items()),
        "moyens": {k: [m.arrondissement, m.nature, m.b, m.c, m.d, m.n, m.n2, _iso(m.jour),
                       m.comptes, m.personnes]
                   for k, m in etat.moyens.items()},
        "instances": {k: [i.arrondissement, i.nature, i.nom,
                          {r: [_iso(le), sorted(p.items())] for r, (le, p) in i.reunions.items()}]
                      for k, i in etat.instances.items()},
        "reunions": etat.reunions,
        "comptes_rendus": etat.comptes_rendus,
        "delegations": etat.delegations,
    }  # fmt: skip
    return zlib.compress(json.dumps(document, separators=(",", ":")).encode(), 1)


def decoder(contenu: bytes) -> EtatSuivi:
    d = json.loads(zlib.decompress(contenu))
    debut, fin = calcul.bornes(d["annee"])
    etat = EtatSuivi(d["annee"], debut, fin, fin, conseils=d["conseils"], tirages=d["tirages"])
    etat.adhesions = {
        k: AdhesionSuivie(a, p, tuple(profil), m) for k, (a, p, profil, m) in d["adhesions"].items()
    }
    etat.seances = {
        k: SeanceSuivie(a, _dt(q), annulee, set(presents), anonymes, dict(decisions))
        for k, (a, q, annulee, presents, anonymes, decisions) in d["seances"].items()
    }
    etat.groupes = {
        k: GroupeSuivi(
            a,
            taille,
            part,
            {m: tuple(v) for m, v in membres.items()},
            entrees,
            sorties,
            _dt_ou_rien(vacance),
            jours,
            longue,
            _dt_ou_rien(dernier),
        )
        for k, (a, taille, part, membres, entrees, sorties, vacance, jours, longue, dernier) in d[
            "groupes"
        ].items()
    }
    etat.avis = {
        k: AvisSuivi(
            a,
            origine,
            dest,
            _dt(cree),
            _dt_ou_rien(transmis),
            None if echeance is None else date.fromisoformat(echeance),
            _dt_ou_rien(repondu),
            ferme,
        )
        for k, (a, origine, dest, cree, transmis, echeance, repondu, ferme) in d["avis"].items()
    }
    etat.propositions = {
        k: PropositionSuivie(a, quartier, cout, _dt(deposee), statut, portee, _dt_ou_rien(laureate))
        for k, (a, quartier, cout, deposee, statut, portee, laureate) in d["propositions"].items()
    }
    etat.bilans = {a: b for a, b in d["bilans"]}
    etat.copils = {a: c for a, c in d["copils"]}
    etat.qpv_adoptes = {debut: codes for debut, codes in d.get("qpv_adoptes", [])}
    etat.moyens = {
        k: MoyenSuivi(
            a,
            nature,
            b,
            c,
            d_,
            n,
            n2,
            None if jour is None else date.fromisoformat(jour),
            comptes,
            personnes,
        )
        for k, (a, nature, b, c, d_, n, n2, jour, comptes, personnes) in d["moyens"].items()
    }
    etat.instances = {
        k: InstanceSuivie(
            a,
            nature,
            nom,
            {
                r: (date.fromisoformat(le), {int(c): n for c, n in presents})
                for r, (le, presents) in reunions.items()
            },
        )
        for k, (a, nature, nom, reunions) in d["instances"].items()
    }
    etat.reunions = d["reunions"]
    etat.comptes_rendus = d["comptes_rendus"]
    etat.delegations = d["delegations"]
    return etat  # fmt: skip


def _iso(valeur: datetime | date | None) -> str | None:
    return None if valeur is None else valeur.isoformat()


def _dt(texte: str) -> datetime:
    return datetime.fromisoformat(texte)


def _dt_ou_rien(texte: str | None) -> datetime | None:
    return None if texte is None else datetime.fromisoformat(texte)
