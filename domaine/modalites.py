"""How a séance is held and who can come: its modality (in person, online, hybrid), the link
to the Ville's videoconference tool, its accessibility, and the window in which members attend
remotely. Pure rules shared by the séance aggregate, the pages, the convocation and the calendar.
"""

from collections.abc import Iterable
from datetime import datetime
from urllib.parse import urlsplit

from domaine.erreurs import ChampInvalide, au_champ
from domaine.temps import fin_du_jour, jour_a_paris
from domaine.textes import CONTROLES, TITRE_MAX, texte
from domaine.traduction import _
from domaine.vocabulaire import Accessibilite, ModaliteSeance

LIEN_VISIO_MAX = 500
"""Videoconference links (Teams, Zoom, BigBlueButton, Jitsi…) are 30 to 250 characters; a
longer one is a paste gone wrong."""
LIEU_EN_LIGNE = "En ligne (visioconférence)"
"""The place of an online séance when the animateur leaves it empty."""


def modalite_de(valeur: str | ModaliteSeance) -> ModaliteSeance:
    try:
        return ModaliteSeance(valeur)
    except ValueError:
        raise ChampInvalide(
            "modalite",
            "Choisissez comment se tient la séance : en présentiel, en ligne ou hybride.",
        ) from None


def lien_visio_valide(lien: str, modalite: ModaliteSeance) -> str:
    """The link members follow to join: required online or hybrid, and an https address (the
    Ville's tools all are; a plain http link would expose the meeting's code). In person, a
    link left in the field is ignored rather than refused: it is what one expects after
    switching the modality back."""
    if not modalite.a_distance:
        return ""
    propre = lien.strip()
    if not propre:
        raise ChampInvalide(
            "lien_visio",
            "Indiquez le lien de la visioconférence (https://…) : il est obligatoire pour une "
            "séance en ligne ou hybride.",
        )
    if len(propre) > LIEN_VISIO_MAX:
        raise ChampInvalide(
            "lien_visio",
            "Ce lien est trop long (%(longueur)s caractères, maximum %(maximum)s).",
            longueur=len(propre),
            maximum=LIEN_VISIO_MAX,
        )
    if CONTROLES.search(propre) or any(c.isspace() for c in propre):
        raise ChampInvalide("lien_visio", "Un lien ne contient ni espace ni saut de ligne.")
    try:
        parties = urlsplit(propre)
        hote = parties.hostname or ""
    except ValueError:
        hote, parties = "", None
    if parties is None or parties.scheme.lower() != "https":
        raise ChampInvalide(
            "lien_visio", "Le lien de la visioconférence doit commencer par https://."
        )
    if "." not in hote or "@" in parties.netloc:
        raise ChampInvalide(
            "lien_visio",
            "Ce lien n'est pas une adresse de visioconférence valide "
            "(par exemple https://visio.paris.fr/conseil-18).",
        )
    return propre


def accessibilite_valide(mesures: Iterable[str], autre: str) -> tuple[tuple[str, ...], str]:
    """The measures stated, in the list's order without repeats, and a free line (a language
    interpreted, a magnetic loop, a lift out of order...)."""
    choisies: set[Accessibilite] = set()
    for mesure in mesures:
        try:
            choisies.add(Accessibilite(mesure))
        except ValueError:
            raise ChampInvalide(
                "accessibilite", "Cette mesure d'accessibilité n'est pas dans la liste."
            ) from None
    precision = au_champ(
        "accessibilite_autre",
        lambda: texte(autre, _("autre mesure d'accessibilité"), TITRE_MAX, obligatoire=False),
    )
    return tuple(a.value for a in Accessibilite if a in choisies), precision


def phrase_d_accessibilite(mesures: Iterable[str], autre: str = "") -> str:
    """The accessibility of a séance as one French line, for its page, the convocation and the
    calendar: "Accès de plain-pied, garde d'enfants. Boucle magnétique." ("" when nothing is
    stated: say nothing rather than "not accessible", which nobody stated either)."""
    libelles = [Accessibilite(m).libelle for m in mesures if m in set(Accessibilite)]
    phrase = ", ".join(libelles)
    if phrase:
        phrase = phrase[0].upper() + phrase[1:] + "."
    precision = autre.strip()
    if precision:
        precision = precision[0].upper() + precision[1:]
        if precision[-1] not in ".!?…":
            precision += "."
    return " ".join(p for p in (phrase, precision) if p)


def phrase_de_modalite(modalite: str, lieu: str, lien_visio: str) -> str:
    """Where to go, as one French line: the place, the link, or both."""
    if modalite == ModaliteSeance.EN_LIGNE:
        return _("En ligne : %(lien)s") % {"lien": lien_visio}
    if modalite == ModaliteSeance.HYBRIDE:
        return _("%(lieu)s, et en ligne : %(lien)s") % {"lieu": lieu, "lien": lien_visio}
    return lieu


def fenetre_a_distance(debut: datetime) -> tuple[datetime, datetime]:
    """When a member may mark themselves present remotely and vote online: from the séance's
    start to the end of its day in Paris (exclusive). A videoconference has no sign-in sheet
    to sign at the door; the same day is the time the sheet stays open in the room, and a
    séance running past midnight is rare enough to be entered by the animateur."""
    return debut, fin_du_jour(jour_a_paris(debut))
