"""The wording of reminders, one text for every channel: an avis' deadline (its timeline, the
in-app notification, the e-mail) and the late answers of people drawn for a groupe moteur.

Each text is in the current language (`domaine.traduction`): the e-mails are written inside
their recipient's language."""

from datetime import date

from domaine.traduction import N_, _


def jour_court(jour: date) -> str:
    """Like "02/05/2026": the dates of the reminders and of an avis' timeline."""
    return f"{jour:%d/%m/%Y}"


_ECHEANCES = {
    ("reponse", "approche"): N_(
        "Échéance proche : la réponse de l'institution est attendue avant le %(jour)s."
    ),
    ("saisine", "approche"): N_(
        "Échéance proche : l'avis du conseil est attendu avant le %(jour)s."
    ),
    ("reponse", "depassee"): N_(
        "Échéance dépassée : la réponse de l'institution était attendue avant le %(jour)s."
    ),
    ("saisine", "depassee"): N_(
        "Échéance dépassée : l'avis du conseil était attendu avant le %(jour)s."
    ),
}


def message_d_echeance(echeance: str, niveau: str, jour: date) -> str:
    """The reminder of an avis' deadline (`domaine.avis.Alerte`): "reponse" is the institution's,
    "saisine" the council's; "approche" before the day, "depassee" after it."""
    cle = (
        "reponse" if echeance == "reponse" else "saisine",
        "approche" if niveau == "approche" else "depassee",
    )
    return _(_ECHEANCES[cle]) % {"jour": jour_court(jour)}


def notification_d_echeance(titre: str, arrondissement: int, message: str) -> str:
    """The in-app notification of a reminder: which avis, which council."""
    return _("« %(titre)s » (%(arrondissement)se) : %(message)s") % {
        "titre": titre,
        "arrondissement": arrondissement,
        "message": message,
    }


def courriel_d_echeance(titre: str, arrondissement: int, message: str) -> tuple[str, str]:
    """The subject and text of a reminder's e-mail."""
    detail = _("Avis « %(titre)s », conseil citoyen du %(arrondissement)se") % {
        "titre": titre,
        "arrondissement": arrondissement,
    }
    return _("[Avis] %(message)s") % {"message": message}, f"{message}\n\n{detail}"


def notification_reponses_en_retard(arrondissement: int, membres: list[str]) -> str:
    """The in-app notification: drawn people (pseudonymous ids) who let the delay pass."""
    return _(
        "Groupe moteur du %(arrondissement)se : %(nombre)s personne(s) tirée(s) au sort "
        "(%(membres)s) n'ont pas répondu dans le délai ; enregistrez leur refus "
        "pour appeler les suppléant·es."
    ) % {"arrondissement": arrondissement, "nombre": len(membres), "membres": ", ".join(membres)}


def courriel_reponses_en_retard(arrondissement: int, nombre: int) -> tuple[str, str]:
    """The subject and text of the e-mail to the animateurs."""
    message = _(
        "Groupe moteur du %(arrondissement)se : %(nombre)s personne(s) tirée(s) au sort "
        "n'ont pas répondu dans le délai ; enregistrez leur refus pour appeler les "
        "suppléant·es."
    ) % {"arrondissement": arrondissement, "nombre": nombre}
    return _("[Groupe moteur] Réponses en retard"), message
