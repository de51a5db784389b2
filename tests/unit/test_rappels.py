"""The reminders' wording: one text for the timeline, the notifications and the e-mails."""

from datetime import date

from domaine.rappels import (
    courriel_d_echeance,
    courriel_reponses_en_retard,
    message_d_echeance,
    notification_d_echeance,
    notification_reponses_en_retard,
)


def test_le_rappel_d_un_avis_dit_quelle_echeance_et_quand() -> None:
    proche = message_d_echeance("reponse", "approche", date(2026, 5, 2))
    assert proche == (
        "Échéance proche : la réponse de l'institution est attendue avant le 02/05/2026."
    )
    depassee = message_d_echeance("saisine", "depassee", date(2026, 5, 2))
    assert depassee == "Échéance dépassée : l'avis du conseil était attendu avant le 02/05/2026."
    assert notification_d_echeance("Propreté", 18, depassee) == f"« Propreté » (18e) : {depassee}"
    assert courriel_d_echeance("Propreté", 18, depassee) == (
        f"[Avis] {depassee}",
        f"{depassee}\n\nAvis « Propreté », conseil citoyen du 18e",
    )


def test_les_reponses_en_retard_du_groupe_moteur_nomment_les_identifiants_dans_le_site() -> None:
    assert notification_reponses_en_retard(18, ["liste-1", "liste-2"]) == (
        "Groupe moteur du 18e : 2 personne(s) tirée(s) au sort (liste-1, liste-2) n'ont pas "
        "répondu dans le délai ; enregistrez leur refus pour appeler les suppléant·es."
    )
    sujet, message = courriel_reponses_en_retard(18, 2)
    assert sujet == "[Groupe moteur] Réponses en retard"
    assert "(liste-1" not in message and message.startswith("Groupe moteur du 18e : 2 personne(s)")
