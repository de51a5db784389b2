"""Outgoing e-mail: through SMTP when configured, else printed to the console (development).

`PARTICIPATION_SMTP_URL` = `smtp://user:password@host:587` (STARTTLS) or `smtps://…:465`;
`PARTICIPATION_EMAIL_EXPEDITEUR` = the From address.
"""

import logging
import smtplib
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Protocol
from urllib.parse import unquote, urlsplit

from stockage.configuration import EXPEDITEUR_PAR_DEFAUT, Configuration, ConfigurationInvalide

journal = logging.getLogger("stockage.messagerie")


@dataclass(frozen=True)
class PieceJointe:
    nom: str
    type_mime: str
    """`maintype/subtype`, for example `text/calendar; method=REQUEST` for an invitation."""
    contenu: bytes


@dataclass(frozen=True)
class Courriel:
    a: str
    sujet: str
    corps: str
    pieces_jointes: tuple[PieceJointe, ...] = ()


class Messagerie(Protocol):
    def envoyer(self, courriel: Courriel) -> None: ...


@dataclass
class MessagerieMemoire:
    """Keeps the messages (tests, demo data): nothing leaves the process."""

    envoyes: list[Courriel] = field(default_factory=list)

    def envoyer(self, courriel: Courriel) -> None:
        self.envoyes.append(courriel)


@dataclass
class MessagerieConsole(MessagerieMemoire):
    """Development: the message is printed (and kept, so a test can read it)."""

    def envoyer(self, courriel: Courriel) -> None:
        super().envoyer(courriel)
        jointes = "".join(f"[pièce jointe : {p.nom}]\n" for p in courriel.pieces_jointes)
        print(
            f"--- courriel à {courriel.a} : {courriel.sujet}\n{courriel.corps}\n{jointes}---",
            flush=True,
        )


@dataclass(frozen=True)
class MessagerieSmtp:
    url: str
    expediteur: str = EXPEDITEUR_PAR_DEFAUT

    def __post_init__(self) -> None:
        parties = urlsplit(self.url)
        if parties.scheme not in ("smtp", "smtps") or not parties.hostname:
            raise ConfigurationInvalide(
                "PARTICIPATION_SMTP_URL doit ressembler à smtp://utilisateur:motdepasse@hôte:587 "
                "ou smtps://…:465."
            )

    def envoyer(self, courriel: Courriel) -> None:
        parties = urlsplit(self.url)
        message = EmailMessage()
        message["From"] = self.expediteur
        message["To"] = courriel.a
        message["Subject"] = courriel.sujet
        message.set_content(courriel.corps)
        for piece in courriel.pieces_jointes:
            type_mime, _, parametres = piece.type_mime.partition(";")
            maintype, _, subtype = type_mime.strip().partition("/")
            params = dict(p.strip().split("=", 1) for p in parametres.split(";") if "=" in p)
            message.add_attachment(
                piece.contenu, maintype=maintype, subtype=subtype, filename=piece.nom, params=params
            )
        hote = parties.hostname or "localhost"
        if parties.scheme == "smtps":
            connexion: smtplib.SMTP = smtplib.SMTP_SSL(hote, parties.port or 465, timeout=20)
        else:
            connexion = smtplib.SMTP(hote, parties.port or 587, timeout=20)
            connexion.starttls()
        with connexion:
            if parties.username:
                connexion.login(unquote(parties.username), unquote(parties.password or ""))
            connexion.send_message(message)


def messagerie_pour(configuration: Configuration) -> Messagerie:
    """SMTP when `PARTICIPATION_SMTP_URL` is set, otherwise e-mails printed to the console."""
    if not configuration.smtp_url:
        return MessagerieConsole()
    return MessagerieSmtp(configuration.smtp_url, configuration.email_expediteur)
