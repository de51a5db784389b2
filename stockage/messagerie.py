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
class Courriel:
    a: str
    sujet: str
    corps: str


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
        print(f"--- courriel à {courriel.a} : {courriel.sujet}\n{courriel.corps}\n---", flush=True)


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
