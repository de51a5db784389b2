"""The wording of reminders, one text for every channel: an avis' deadline (its timeline, the
in-app notification, the e-mail) and the late answers of people drawn for a groupe moteur."""

from datetime import date


def jour_court(jour: date) -> str:
    """Like "02/05/2026": the dates of the reminders and of an avis' timeline."""
    return f"{jour:%d/%m/%Y}"


def message_d_echeance(echeance: str, niveau: str, jour: date) -> str:
    """The reminder of an avis' deadline (`domaine.avis.Alerte`): "reponse" is the institution's,
    "saisine" the council's; "approche" before the day, "depassee" after it."""
    qui = "la réponse de l'institution" if echeance == "reponse" else "l'avis du conseil"
    if niveau == "approche":
        return f"Échéance proche : {qui} est attendu·e avant le {jour_court(jour)}."
    return f"Échéance dépassée : {qui} était attendu·e avant le {jour_court(jour)}."


def notification_d_echeance(titre: str, arrondissement: int, message: str) -> str:
    """The in-app notification of a reminder: which avis, which council."""
    return f"« {titre} » ({arrondissement}e) : {message}"


def courriel_d_echeance(titre: str, arrondissement: int, message: str) -> tuple[str, str]:
    """The subject and text of a reminder's e-mail."""
    detail = f"Avis « {titre} », conseil citoyen du {arrondissement}e"
    return f"[Avis] {message}", f"{message}\n\n{detail}"


def notification_reponses_en_retard(arrondissement: int, membres: list[str]) -> str:
    """The in-app notification: drawn people (pseudonymous ids) who let the delay pass."""
    return (
        f"Groupe moteur du {arrondissement}e : {len(membres)} personne(s) tirée(s) au sort "
        f"({', '.join(membres)}) n'ont pas répondu dans le délai ; enregistrez leur refus "
        "pour appeler les suppléant·es."
    )


def courriel_reponses_en_retard(arrondissement: int, nombre: int) -> tuple[str, str]:
    """The subject and text of the e-mail to the animateurs."""
    message = (
        f"Groupe moteur du {arrondissement}e : {nombre} personne(s) tirée(s) au sort "
        "n'ont pas répondu dans le délai ; enregistrez leur refus pour appeler les "
        "suppléant·es."
    )
    return "[Groupe moteur] Réponses en retard", message
