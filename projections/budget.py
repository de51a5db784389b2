"""Budget participatif proposals, their supports, comments and timeline, as read models."""

from collections.abc import Callable
from typing import Any

from sqlalchemy import Integer, bindparam, delete, insert, update

from domaine.budget import PropositionBP
from domaine.vocabulaire import StatutProposition
from projections.lot import Lot
from projections.tables import commentaires_bp, etapes_bp, propositions_bp, soutiens_bp

_CLE = propositions_bp.c.proposition_id == bindparam("p_id")
_DEPOSER = insert(propositions_bp)
_ETAPE = insert(etapes_bp)
_PORTER = (
    update(propositions_bp)
    .where(_CLE)
    .values(portee_seance_id=bindparam("p_seance_id"), portee_decision=bindparam("p_decision"))
)
_SOUTENIR = insert(soutiens_bp)
_COMPTER_SOUTIENS = (  # one statement either way: a batch sends them at once (`lot`)
    update(propositions_bp)
    .where(_CLE)
    .values(soutiens=propositions_bp.c.soutiens + bindparam("p_ecart", type_=Integer))
)
_RETIRER = delete(soutiens_bp).where(
    soutiens_bp.c.proposition_id == bindparam("p_id"),
    soutiens_bp.c.personne_id == bindparam("p_personne_id"),
)
_COMMENTER = insert(commentaires_bp)
_COMPTER_COMMENTAIRES = (
    update(propositions_bp)
    .where(_CLE)
    .values(commentaires=propositions_bp.c.commentaires + bindparam("p_ecart", type_=Integer))
)
_MASQUER = (
    update(commentaires_bp)
    .where(
        commentaires_bp.c.proposition_id == bindparam("p_id"),
        commentaires_bp.c.numero == bindparam("p_numero"),
    )
    .values(motif_masquage=bindparam("p_motif"), masque_le=bindparam("p_le"))
)


def _changer_statut(**valeurs: Any) -> Any:
    """UPDATE of a proposal's status, dated, with the version lifecycle forms must match."""
    return (
        update(propositions_bp)
        .where(_CLE)
        .values(
            statut=bindparam("p_statut"),
            statut_le=bindparam("p_le"),
            version_statut=bindparam("p_version"),
            **valeurs,
        )
    )


_STATUT = _changer_statut()
_MOTIF = _changer_statut(motif=bindparam("p_motif"))
_COUT = _changer_statut(cout=bindparam("p_cout"), cout_reestime=bindparam("p_cout"))
_VOIX = _changer_statut(voix=bindparam("p_voix"))
_REALISEE = _changer_statut(realisee_le=bindparam("p_jour"))
_FUSIONNEE = _changer_statut(fusionnee_dans=bindparam("p_cible"))


def _etape(lot: Lot, e: Any, etape: str, proposition_id: str = "", **details: Any) -> None:
    lot.ecrire(
        _ETAPE,
        proposition_id=proposition_id or str(e.originator_id),
        position=lot.position,
        etape=etape,
        le=e.timestamp,
        role=e.role,
        motif=details.pop("motif", ""),
        voix=details.pop("voix", None),
        cout=details.pop("cout", None),
        realisee_le=details.pop("realisee_le", None),
        autre_id=details.pop("autre_id", None),
        seance_id=details.pop("seance_id", None),
        decision=details.pop("decision", None),
    )


def _cle_statut(e: Any, statut: StatutProposition) -> dict[str, Any]:
    return {
        "p_id": str(e.originator_id),
        "p_statut": statut.value,
        "p_le": e.timestamp,
        "p_version": e.originator_version,
    }


def _deposee(lot: Lot, e: Any) -> None:
    seance_id = str(e.seance_id) if e.seance_id is not None else None
    lot.ecrire(
        _DEPOSER,
        proposition_id=str(e.originator_id),
        arrondissement=e.arrondissement,
        titre=e.titre,
        description=e.description,
        quartier=e.quartier,
        adresse=e.adresse,
        theme=e.theme,
        cout_estime=e.cout_estime,
        cout_reestime=None,
        cout=e.cout_estime,
        image=e.image,
        auteur_id=str(e.par),
        au_nom_du_conseil=seance_id is not None,
        portee_seance_id=seance_id,
        portee_decision=e.decision,
        statut=StatutProposition.DEPOSEE.value,
        deposee_le=e.timestamp,
        statut_le=e.timestamp,
        soutiens=0,
        commentaires=0,
        voix=None,
        realisee_le=None,
        motif="",
        fusionnee_dans=None,
        version_statut=e.originator_version,
        langue=e.langue,
    )
    _etape(lot, e, StatutProposition.DEPOSEE.value, seance_id=seance_id, decision=e.decision)


def _portee(lot: Lot, e: Any) -> None:
    seance_id = str(e.seance_id)
    lot.ecrire(_PORTER, p_id=str(e.originator_id), p_seance_id=seance_id, p_decision=e.decision)
    _etape(lot, e, "portee", seance_id=seance_id, decision=e.decision)


def _soutenue(lot: Lot, e: Any) -> None:
    lot.ecrire(
        _SOUTENIR,
        proposition_id=str(e.originator_id),
        personne_id=str(e.personne_id),
        depuis=e.timestamp,
    )
    lot.cumuler(_COMPTER_SOUTIENS, "p_ecart", p_id=str(e.originator_id), p_ecart=1)


def _soutien_retire(lot: Lot, e: Any) -> None:
    lot.ecrire(_RETIRER, p_id=str(e.originator_id), p_personne_id=str(e.personne_id))
    lot.cumuler(_COMPTER_SOUTIENS, "p_ecart", p_id=str(e.originator_id), p_ecart=-1)


def _commentee(lot: Lot, e: Any) -> None:
    lot.ecrire(
        _COMMENTER,
        proposition_id=str(e.originator_id),
        numero=e.numero,
        auteur_id=str(e.auteur),
        texte=e.texte,
        le=e.timestamp,
        motif_masquage="",
        masque_le=None,
        langue=e.langue,
    )
    lot.cumuler(_COMPTER_COMMENTAIRES, "p_ecart", p_id=str(e.originator_id), p_ecart=1)


def _commentaire_masque(lot: Lot, e: Any) -> None:
    lot.ecrire(
        _MASQUER, p_id=str(e.originator_id), p_numero=e.numero, p_motif=e.motif, p_le=e.timestamp
    )


def _simple(statut: StatutProposition) -> Callable[[Lot, Any], None]:
    def gerer(lot: Lot, e: Any) -> None:
        lot.ecrire(_STATUT, **_cle_statut(e, statut))
        _etape(lot, e, statut.value)

    return gerer


def _avec_motif(statut: StatutProposition) -> Callable[[Lot, Any], None]:
    def gerer(lot: Lot, e: Any) -> None:
        lot.ecrire(_MOTIF, p_motif=e.motif, **_cle_statut(e, statut))
        _etape(lot, e, statut.value, motif=e.motif)

    return gerer


def _avec_voix(statut: StatutProposition) -> Callable[[Lot, Any], None]:
    def gerer(lot: Lot, e: Any) -> None:
        lot.ecrire(_VOIX, p_voix=e.voix, **_cle_statut(e, statut))
        _etape(lot, e, statut.value, voix=e.voix)

    return gerer


def _etudiee(lot: Lot, e: Any) -> None:
    lot.ecrire(_COUT, p_cout=e.cout_reestime, **_cle_statut(e, StatutProposition.ETUDIEE))
    _etape(lot, e, StatutProposition.ETUDIEE.value, cout=e.cout_reestime)


def _realisee(lot: Lot, e: Any) -> None:
    lot.ecrire(_REALISEE, p_jour=e.realisee_le, **_cle_statut(e, StatutProposition.REALISEE))
    _etape(lot, e, StatutProposition.REALISEE.value, realisee_le=e.realisee_le)


def _fusionnee(lot: Lot, e: Any) -> None:
    """Both timelines show the merge; only the merged proposal changes status."""
    source, cible = str(e.originator_id), str(e.cible_id)
    lot.ecrire(_FUSIONNEE, p_cible=cible, **_cle_statut(e, StatutProposition.FUSIONNEE))
    _etape(lot, e, StatutProposition.FUSIONNEE.value, autre_id=cible)
    _etape(lot, e, "absorbe", proposition_id=cible, autre_id=source)


S = StatutProposition
GESTIONNAIRES: dict[Any, Callable[[Lot, Any], None]] = {
    PropositionBP.Deposee: _deposee,
    PropositionBP.PorteeParLeConseil: _portee,
    PropositionBP.Soutenue: _soutenue,
    PropositionBP.SoutienRetire: _soutien_retire,
    PropositionBP.Commentee: _commentee,
    PropositionBP.CommentaireMasque: _commentaire_masque,
    PropositionBP.DeclareeRecevable: _simple(S.RECEVABLE),
    PropositionBP.DeclareeIrrecevable: _avec_motif(S.IRRECEVABLE),
    PropositionBP.Etudiee: _etudiee,
    PropositionBP.SoumiseAuVote: _simple(S.SOUMISE_AU_VOTE),
    PropositionBP.DeclareeLaureate: _avec_voix(S.LAUREATE),
    PropositionBP.NonRetenue: _avec_voix(S.NON_RETENUE),
    PropositionBP.RealisationLancee: _simple(S.EN_REALISATION),
    PropositionBP.Realisee: _realisee,
    PropositionBP.Abandonnee: _avec_motif(S.ABANDONNEE),
    PropositionBP.Fusionnee: _fusionnee,
}
