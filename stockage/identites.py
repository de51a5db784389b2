"""The erasable store of personal data: names, e-mails and password hashes, keyed by person id.

Events only ever carry the pseudonymous `personne_id`; erasing a row here
(`participation.rgpd`) leaves the event log and every report consistent.
"""

import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import (
    Column,
    DateTime,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    delete,
    insert,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError

from domaine.erreurs import ChampInvalide, DonneeInvalide

metadata = MetaData()

personnes = Table(
    "identites_personnes",
    metadata,
    Column("personne_id", String(36), primary_key=True),
    Column("nom", String(120), nullable=False),
    Column("email", String(254), nullable=False, unique=True),
    Column("mot_de_passe", String(200), nullable=False),
    Column("cree_le", DateTime(timezone=True), nullable=False),
    Column("langue", String(16), nullable=True),  # the language of their e-mails (a BCP 47 tag)
)

candidats = Table(
    "identites_candidats",
    metadata,
    Column("candidat_id", String(64), primary_key=True),
    Column("arrondissement", Integer, primary_key=True),
    Column("coordonnees", Text, nullable=False),  # JSON: `domaine.viviers.COLONNES_DE_CONTACT`
    Column("importe_le", DateTime(timezone=True), nullable=False),
)
"""Contact details of people imported from lists for a tirage: never in the log or the record."""

_EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")
MOT_DE_PASSE_MIN = 10
_hacheur = PasswordHasher()


@dataclass(frozen=True)
class Identite:
    personne_id: UUID
    nom: str
    email: str


def _a_un_caractere_de_controle(texte: str) -> bool:
    """NUL and the other control characters: invisible, and PostgreSQL refuses NUL in text."""
    return any(unicodedata.category(c) == "Cc" for c in texte)


def normaliser_email(email: str) -> str:
    propre = email.strip().lower()
    if (
        not propre
        or len(propre) > 254
        or not _EMAIL.match(propre)
        or _a_un_caractere_de_controle(propre)
    ):
        raise ChampInvalide("email", "Adresse électronique invalide.")
    return propre


def valider_nom(nom: str) -> str:
    propre = " ".join(nom.split())
    if not propre:
        raise ChampInvalide("nom", "Le champ « nom affiché » est obligatoire.")
    if len(propre) > 120:
        raise ChampInvalide("nom", "Le nom affiché est trop long (maximum 120 caractères).")
    if _a_un_caractere_de_controle(propre):
        raise ChampInvalide(
            "nom", "Le nom affiché contient un caractère invisible de contrôle : retirez-le."
        )
    return propre


def hacher(mot_de_passe: str) -> str:
    return _hacheur.hash(valider_mot_de_passe(mot_de_passe))


def valider_mot_de_passe(mot_de_passe: str) -> str:
    if len(mot_de_passe) < MOT_DE_PASSE_MIN:
        raise ChampInvalide(
            "mot_de_passe",
            "Le mot de passe doit compter au moins %(minimum)s caractères.",
            minimum=MOT_DE_PASSE_MIN,
        )
    if len(mot_de_passe) > 200:
        raise ChampInvalide(
            "mot_de_passe", "Le mot de passe est trop long (maximum 200 caractères)."
        )
    return mot_de_passe


def ligne_d_identite(
    personne_id: UUID,
    nom: str,
    email: str,
    mot_de_passe: str,
    le: datetime,
    hachage: str | None = None,
) -> dict[str, Any]:
    """The row of a new identity, checked (raises `DonneeInvalide`), its password hashed."""
    return {
        "personne_id": str(personne_id),
        "nom": valider_nom(nom),
        "email": normaliser_email(email),
        "mot_de_passe": hachage or _hacheur.hash(valider_mot_de_passe(mot_de_passe)),
        "cree_le": le,
    }


class Identites:
    """Reads and writes the personal-data table; the only place that knows names and e-mails."""

    def __init__(self, moteur: Engine) -> None:
        self.moteur = moteur

    def creer(
        self,
        personne_id: UUID,
        nom: str,
        email: str,
        mot_de_passe: str,
        le: datetime,
        hachage: str | None = None,
    ) -> None:
        """`hachage` lets the demo reuse one argon2 hash for its many accounts (speed)."""
        ligne = ligne_d_identite(personne_id, nom, email, mot_de_passe, le, hachage)
        try:
            with self.moteur.begin() as cnx:
                cnx.execute(insert(personnes).values(**ligne))
        except IntegrityError:
            raise ChampInvalide(
                "email", "Un compte existe déjà avec cette adresse électronique."
            ) from None

    def supprimer(self, personne_id: UUID) -> None:
        with self.moteur.begin() as cnx:
            cnx.execute(delete(personnes).where(personnes.c.personne_id == str(personne_id)))

    def modifier(self, personne_id: UUID, nom: str, email: str) -> Identite:
        """Rectification: the person changes their display name or e-mail (kept unique)."""
        valeurs = {"nom": valider_nom(nom), "email": normaliser_email(email)}
        try:
            with self.moteur.begin() as cnx:
                modifiees = cnx.execute(
                    update(personnes)
                    .where(personnes.c.personne_id == str(personne_id))
                    .values(**valeurs)
                ).rowcount
        except IntegrityError:
            raise ChampInvalide(
                "email", "Un compte existe déjà avec cette adresse électronique."
            ) from None
        if not modifiees:
            raise DonneeInvalide("Les données de ce compte ont été effacées.")
        return Identite(personne_id, valeurs["nom"], valeurs["email"])

    def choisir_langue(self, personne_id: UUID, langue: str) -> None:
        """The language the person chose on the site: their e-mails will speak it."""
        with self.moteur.begin() as cnx:
            cnx.execute(
                update(personnes)
                .where(personnes.c.personne_id == str(personne_id))
                .values(langue=langue[:16])
            )

    def langues(self, ids: list[UUID]) -> dict[UUID, str]:
        """The chosen language of each of these people who chose one."""
        if not ids:
            return {}
        with self.moteur.connect() as cnx:
            lignes = cnx.execute(
                select(personnes.c.personne_id, personnes.c.langue).where(
                    personnes.c.personne_id.in_([str(i) for i in ids]),
                    personnes.c.langue.is_not(None),
                )
            ).all()
        return {UUID(ligne.personne_id): ligne.langue for ligne in lignes}

    def cree_le(self, personne_id: UUID) -> datetime | None:
        with self.moteur.connect() as cnx:
            valeur: datetime | None = cnx.execute(
                select(personnes.c.cree_le).where(personnes.c.personne_id == str(personne_id))
            ).scalar()
        return valeur

    def purger_candidats(self, arrondissement: int, ids: list[str]) -> int:
        """Forget the contact details of imported candidates (their pool's acceptances closed)."""
        supprimees = 0
        with self.moteur.begin() as cnx:
            for debut in range(0, len(ids), 500):
                supprimees += cnx.execute(
                    delete(candidats).where(
                        candidats.c.arrondissement == arrondissement,
                        candidats.c.candidat_id.in_(ids[debut : debut + 500]),
                    )
                ).rowcount
        return supprimees

    def candidats_de(self, arrondissement: int) -> list[str]:
        with self.moteur.connect() as cnx:
            return list(
                cnx.execute(
                    select(candidats.c.candidat_id).where(
                        candidats.c.arrondissement == arrondissement
                    )
                ).scalars()
            )

    def verifier(self, email: str, mot_de_passe: str) -> UUID | None:
        """The person id if the password matches; None otherwise (same answer either way)."""
        try:
            adresse = normaliser_email(email)
        except DonneeInvalide:
            return None
        with self.moteur.connect() as cnx:
            ligne = cnx.execute(
                select(personnes.c.personne_id, personnes.c.mot_de_passe).where(
                    personnes.c.email == adresse
                )
            ).first()
        if ligne is None:
            _hacheur.hash(mot_de_passe[:200])  # same cost whether the account exists or not
            return None
        try:
            _hacheur.verify(ligne.mot_de_passe, mot_de_passe)
        except (VerificationError, InvalidHashError):
            return None
        if _hacheur.check_needs_rehash(ligne.mot_de_passe):
            with self.moteur.begin() as cnx:
                cnx.execute(
                    update(personnes)
                    .where(personnes.c.personne_id == ligne.personne_id)
                    .values(mot_de_passe=_hacheur.hash(mot_de_passe))
                )
        return UUID(ligne.personne_id)

    def identite(self, personne_id: UUID) -> Identite | None:
        with self.moteur.connect() as cnx:
            ligne = cnx.execute(
                select(personnes).where(personnes.c.personne_id == str(personne_id))
            ).first()
        if ligne is None:
            return None
        return Identite(UUID(ligne.personne_id), ligne.nom, ligne.email)

    def noms(self, ids: list[UUID]) -> dict[UUID, str]:
        """Display names for a list of people; an erased person simply has none."""
        if not ids:
            return {}
        resultat: dict[UUID, str] = {}
        cles = [str(i) for i in ids]
        with self.moteur.connect() as cnx:
            for debut in range(0, len(cles), 500):
                for ligne in cnx.execute(
                    select(personnes.c.personne_id, personnes.c.nom).where(
                        personnes.c.personne_id.in_(cles[debut : debut + 500])
                    )
                ):
                    resultat[UUID(ligne.personne_id)] = ligne.nom
        return resultat

    def identites_de(self, ids: list[UUID]) -> dict[UUID, Identite]:
        """Names and e-mails of a list of people (the recipients of a mailing); an erased
        person has none."""
        resultat: dict[UUID, Identite] = {}
        cles = [str(i) for i in ids]
        with self.moteur.connect() as cnx:
            for debut in range(0, len(cles), 500):
                for ligne in cnx.execute(
                    select(personnes.c.personne_id, personnes.c.nom, personnes.c.email).where(
                        personnes.c.personne_id.in_(cles[debut : debut + 500])
                    )
                ):
                    resultat[UUID(ligne.personne_id)] = Identite(
                        UUID(ligne.personne_id), ligne.nom, ligne.email
                    )
        return resultat

    def par_email(self, email: str) -> UUID | None:
        with self.moteur.connect() as cnx:
            valeur = cnx.execute(
                select(personnes.c.personne_id).where(personnes.c.email == normaliser_email(email))
            ).scalar()
        return UUID(valeur) if valeur else None

    def enregistrer_coordonnees(
        self, arrondissement: int, coordonnees: dict[str, dict[str, str]], le: datetime
    ) -> None:
        """Keep (or refresh) the contact details of imported candidates, by pseudonymous id."""
        if not coordonnees:
            return
        with self.moteur.begin() as cnx:
            cnx.execute(
                delete(candidats).where(
                    candidats.c.arrondissement == arrondissement,
                    candidats.c.candidat_id.in_(list(coordonnees)),
                )
            )
            cnx.execute(
                insert(candidats),
                [
                    {
                        "candidat_id": ident,
                        "arrondissement": arrondissement,
                        "coordonnees": json.dumps(valeurs, ensure_ascii=False, sort_keys=True),
                        "importe_le": le,
                    }
                    for ident, valeurs in coordonnees.items()
                ],
            )

    def coordonnees(self, arrondissement: int, ids: list[str]) -> dict[str, dict[str, str]]:
        if not ids:
            return {}
        with self.moteur.connect() as cnx:
            lignes = cnx.execute(
                select(candidats.c.candidat_id, candidats.c.coordonnees).where(
                    candidats.c.arrondissement == arrondissement,
                    candidats.c.candidat_id.in_(ids),
                )
            ).all()
        return {ligne.candidat_id: json.loads(ligne.coordonnees) for ligne in lignes}

    def tous(self) -> list[Identite]:
        with self.moteur.connect() as cnx:
            return [
                Identite(UUID(r.personne_id), r.nom, r.email)
                for r in cnx.execute(select(personnes).order_by(personnes.c.nom))
            ]
