"""Every use case × every role, at service level: a refused role gets ActionInterdite (or
Introuvable, where the target exists only for its owner) and records nothing; an allowed one
succeeds."""

from domaine.erreurs import ActionInterdite, ErreurParticipation, Introuvable
from lancement.plateforme import Plateforme
from tests.autorisations.matrice import COMMANDES, Issue
from tests.autorisations.monde import ROLES, Monde


def test_chaque_role_obtient_sur_chaque_cas_d_usage_ce_que_prevoit_la_matrice(
    plateforme: Plateforme, monde: Monde
) -> None:
    ecarts = []
    for nom, commande in COMMANDES.items():
        # Refused roles first: an allowed command may change its target for the next ones.
        for role in sorted(ROLES, key=lambda r: commande.attendu[r] == Issue.OK):
            cas_d_usage, *arguments = commande.appel(monde)
            avant = plateforme.registre.position()
            quoi = f"{nom} as {role}"
            try:
                cas_d_usage(monde.acteurs[role], *arguments)
            except (ActionInterdite, Introuvable) as refus:
                attendu = commande.attendu[role]
                introuvable = isinstance(refus, Introuvable)
                if attendu == Issue.OK or introuvable != (attendu == Issue.INTROUVABLE):
                    ecarts.append(f"{quoi}: expected {attendu.value}, got « {refus.message} »")
                elif plateforme.registre.position() != avant:
                    ecarts.append(f"{quoi}: refused, but an event was recorded")
            except ErreurParticipation as erreur:
                ecarts.append(f"{quoi}: {type(erreur).__name__} « {erreur.message} »")
            else:
                if commande.attendu[role] != Issue.OK:
                    ecarts.append(f"{quoi}: expected {commande.attendu[role].value}, it ran")
    assert not ecarts, f"{len(ecarts)} écarts à la matrice :\n" + "\n".join(ecarts)
