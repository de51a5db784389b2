"""Use cases of the groupe moteur and of its tirages au sort."""

from datetime import timedelta
from typing import Any
from uuid import UUID

from domaine.assemblee import Adhesion, id_adhesion
from domaine.comptes import Acteur, exiger_animateur
from domaine.erreurs import DonneeInvalide, EtatIncompatible
from domaine.groupe_moteur import (
    DELAI_REPONSE_JOURS,
    GroupeMoteur,
    Membre,
    Objectifs,
    id_groupe_moteur,
)
from domaine.quartiers import geographie_au, verifier_arrondissement
from domaine.seances import Seance
from domaine.temps import jour_a_paris
from domaine.tirages import Tirage
from domaine.vocabulaire import College, Genre, MotifSortieGroupe, VoieEntree
from participation.identites import COLONNES_DE_CONTACT, Identites
from participation.registre import Registre
from tirage.erreurs import ErreurTirage
from tirage.loterie import TICKETS_PAR_DEFAUT, annoncer
from tirage.vivier import Candidat, lire_quotas, lire_vivier

GENRE_VERS_TIRAGE = {Genre.NON_PRECISE.value: "nsp"}
GENRE_DEPUIS_TIRAGE = {"nsp": Genre.NON_PRECISE.value}


def candidat_volontaire(personne_id: str, college: str, genre: str, quartier: str) -> Candidat:
    """A member of the open assembly who volunteered on the site, as a lottery candidate."""
    return Candidat(
        personne_id,
        college,
        GENRE_VERS_TIRAGE.get(genre, genre),
        quartier,
        "oui",
        (("source", "volontariat"),),
    )


def quotas_par_defaut(
    objectifs: Objectifs,
    membres: list[Membre],
    quartiers: list[str],
    reservees: dict[tuple[str, str], int] | None = None,
) -> dict[str, Any]:
    """Quotas that bring the groupe moteur to its targets from its current members: the free
    seats of each college (none for local actors seated by consensus), parity, per QPV.
    `reservees`: (category, value) -> seats that announced tirages will fill at the least."""
    reserve = reservees or {}

    def deja(categorie: str, valeur: str, presents: int) -> int:
        return presents + reserve.get((categorie, valeur), 0)

    habitants = objectifs.places_habitants - deja(
        "college", "habitant", sum(m.college == College.HABITANT for m in membres)
    )
    acteurs = objectifs.taille - objectifs.places_habitants
    acteurs -= deja(
        "college", "acteur_local", sum(m.college == College.ACTEUR_LOCAL for m in membres)
    )
    habitants, acteurs = max(0, habitants), max(0, acteurs)
    places = habitants + acteurs
    quotas: dict[str, Any] = {
        "college": {"habitant": [habitants, habitants], "acteur_local": [acteurs, acteurs]}
    }
    if objectifs.parite:
        moitie_basse, moitie_haute = objectifs.taille // 2, objectifs.taille - objectifs.taille // 2
        bornes = {}
        for genre, present in (
            ("femme", sum(m.genre == Genre.FEMME for m in membres)),
            ("homme", sum(m.genre == Genre.HOMME for m in membres)),
        ):
            assis = deja("genre", genre, present)
            bornes[genre] = [
                min(places, max(0, moitie_basse - assis)),
                min(places, max(0, moitie_haute - assis)),
            ]
        while bornes["femme"][0] + bornes["homme"][0] > places:  # reserved seats may tip it
            plus = max(bornes, key=lambda g: (bornes[g][0], g))
            bornes[plus][0] -= 1
        quotas["genre"] = bornes
    if objectifs.minimum_par_quartier:
        quotas["quartier"] = {
            q: [
                min(
                    places,
                    max(
                        0,
                        objectifs.minimum_par_quartier
                        - deja("quartier", q, sum(m.quartier == q for m in membres)),
                    ),
                ),
                places,
            ]
            for q in quartiers
        }
    return {"taille": places, "quotas": quotas}


class ServiceGroupeMoteur:
    def __init__(self, registre: Registre, identites: Identites) -> None:
        self.registre = registre
        self.identites = identites

    def groupe(self, arrondissement: int) -> GroupeMoteur:
        verifier_arrondissement(arrondissement)
        return self.registre.charger(
            GroupeMoteur,
            id_groupe_moteur(arrondissement),
            "Ce conseil n'a pas encore constitué son groupe moteur.",
        )

    def fixer_objectifs(
        self, acteur: Acteur | None, arrondissement: int, objectifs: Objectifs
    ) -> int:
        """Create the groupe moteur with its targets, or change them (recorded)."""
        qui = exiger_animateur(acteur, arrondissement)
        le = self.registre.maintenant()
        groupe = self.registre.trouver(GroupeMoteur, id_groupe_moteur(arrondissement))
        if groupe is None:
            groupe = GroupeMoteur.constituer(arrondissement, objectifs, qui.compte_id, le)
        else:
            groupe.fixer_objectifs(objectifs, qui.compte_id, le)
        return self.registre.enregistrer(groupe)

    def quotas_proposes(self, arrondissement: int) -> dict[str, Any]:
        groupe = self.groupe(arrondissement)
        quartiers = [
            q.code
            for q in geographie_au(jour_a_paris(self.registre.maintenant())).quartiers_de(
                arrondissement
            )
        ]
        return quotas_par_defaut(
            groupe.objectifs, list(groupe.membres.values()), quartiers, self._reservees(groupe)
        )

    def _reservees(self, groupe: GroupeMoteur) -> dict[tuple[str, str], int]:
        """What announced tirages will seat at the least: their quotas' minimums."""
        reservees: dict[tuple[str, str], int] = {}
        for tirage_id in sorted(groupe.reservations):
            tirage = self.registre.trouver(Tirage, UUID(tirage_id))
            for categorie, valeurs in (tirage.annonce["quotas"] if tirage else {}).items():
                for valeur, (minimum, _) in valeurs.items():
                    cle = (categorie, valeur)
                    reservees[cle] = reservees.get(cle, 0) + minimum
        return reservees

    def designer_par_consensus(
        self,
        acteur: Acteur | None,
        arrondissement: int,
        seance_id: UUID,
        decision: int,
        membres: list[tuple[str, str, str]],
    ) -> int:
        """Seat the local actors agreed by consensus, approved by a decision of a séance."""
        qui = exiger_animateur(acteur, arrondissement)
        groupe = self.groupe(arrondissement)
        seance = self.registre.charger(Seance, seance_id, "Cette séance n'existe pas.")
        if seance.arrondissement != arrondissement:
            raise DonneeInvalide("Cette séance n'est pas une séance de ce conseil.")
        adoptee = any(d.numero == decision and d.adoptee for d in seance.decisions)
        if not any(d.numero == decision for d in seance.decisions):
            raise DonneeInvalide(f"La séance n'a pas de décision n° {decision}.")
        groupe.designer_par_consensus(
            membres, seance_id, decision, adoptee, qui.compte_id, self.registre.maintenant()
        )
        return self.registre.enregistrer(groupe)

    def annoncer_tirage(
        self,
        acteur: Acteur | None,
        arrondissement: int,
        quotas: dict[str, Any],
        hasard_prevu: str,
        volontaires: list[Candidat],
        liste_csv: str = "",
        tickets: int = TICKETS_PAR_DEFAUT,
    ) -> tuple[UUID, int]:
        """Build the pool (site volunteers, plus a list imported as POOL.csv with pseudonymous
        ids), compute the fair lottery, publish it with its commitment."""
        qui = exiger_animateur(acteur, arrondissement)
        groupe = self.groupe(arrondissement)
        if groupe.places_libres == 0:
            reservees = groupe.places_reservees
            raise DonneeInvalide(
                "Aucune place n'est libre au groupe moteur"
                + (f" ({reservees} réservées par un tirage annoncé)." if reservees else ".")
            )
        if not hasard_prevu.strip():
            raise DonneeInvalide(
                "Annoncez le hasard public à venir (par exemple : quatre dés à dix faces lancés "
                "par deux témoins à la séance du 12 mars)."
            )
        if not 2 <= tickets <= 1_000_000:
            raise DonneeInvalide("Le nombre de tickets doit être compris entre 2 et 1 000 000.")
        try:
            vivier = [c for c in volontaires if c.id not in groupe.membres]
            if liste_csv.strip():
                importes = lire_vivier(liste_csv)
                assis = [c.id for c in importes if c.id in groupe.membres]
                if assis:
                    raise DonneeInvalide(
                        f"« {assis[0]} » siège déjà au groupe moteur : retirez-le de la liste."
                    )
                deja = {c.id for c in vivier}
                doublons = [c.id for c in importes if c.id in deja]
                if doublons:
                    raise DonneeInvalide(f"Identifiant en double dans le vivier : {doublons[0]}.")
                vivier += importes
            if not vivier:
                raise DonneeInvalide(
                    "Le vivier est vide : aucun volontaire et aucune liste importée."
                )
            contacts = sorted(set(COLONNES_DE_CONTACT) & set(quotas.get("quotas") or {}))
            if contacts:
                raise DonneeInvalide(
                    f"La colonne « {contacts[0]} » contient des coordonnées : elle ne peut pas "
                    "porter de quotas (elle serait publiée)."
                )
            lus = lire_quotas(quotas, vivier)
            if lus.taille > groupe.places_libres:
                reservees = groupe.places_reservees
                raise DonneeInvalide(
                    f"Le tirage pourvoirait {lus.taille} places, mais il n'en reste que "
                    f"{groupe.places_libres} au groupe moteur"
                    + (f" ({reservees} réservées par un tirage annoncé)." if reservees else ".")
                )
            annonce = annoncer(vivier, lus, tickets, " ".join(hasard_prevu.split()))
        except ErreurTirage as erreur:
            raise DonneeInvalide(erreur.message) from None
        tirage = Tirage.annoncer(
            self.registre.nouvel_id(),
            arrondissement,
            annonce,
            qui.compte_id,
            self.registre.maintenant(),
            self._normaliser(self.quotas_proposes(arrondissement)),
        )
        groupe.reserver(str(tirage.id), lus.taille, self.registre.maintenant())
        position = self.registre.enregistrer(tirage, groupe)
        # Contact details of imported people go to the erasable store, never to the record.
        self.identites.enregistrer_coordonnees(
            arrondissement,
            {
                c.id: {k: v for k, v in c.autres if k in COLONNES_DE_CONTACT and v}
                for c in vivier
                if any(k in COLONNES_DE_CONTACT and v for k, v in c.autres)
            },
            self.registre.maintenant(),
        )
        return tirage.id, position

    @staticmethod
    def _normaliser(quotas: dict[str, Any]) -> dict[str, Any]:
        """The defaults in the announcement's own form (sorted values), to compare them."""
        return {
            "taille": quotas["taille"],
            "quotas": {
                c: {v: list(b) for v, b in sorted(vals.items())}
                for c, vals in sorted(quotas["quotas"].items())
            },
        }

    def effectuer_tirage(
        self, acteur: Acteur | None, tirage_id: UUID, hasard: str, temoins: list[str]
    ) -> int:
        """Draw at the séance; the drawn people enter the groupe moteur."""
        tirage = self.registre.charger(Tirage, tirage_id, "Ce tirage n'existe pas.")
        qui = exiger_animateur(acteur, tirage.arrondissement)
        groupe = self.groupe(tirage.arrondissement)
        le = self.registre.maintenant()
        selection = tirage.effectuer(hasard, temoins, qui.compte_id, le)
        groupe.lever_reservation(str(tirage_id), le)
        if len(selection) > groupe.places_libres:
            raise EtatIncompatible(
                f"Le groupe moteur n'a plus que {groupe.places_libres} places libres."
            )
        for membre_id in selection:
            self._entrer(groupe, tirage, membre_id, qui.compte_id)
        return self.registre.enregistrer(tirage, groupe)

    def faire_sortir(
        self,
        acteur: Acteur | None,
        arrondissement: int,
        membre_id: str,
        motif: str,
        remplacer: bool = True,
    ) -> tuple[str | None, int]:
        """Record an exit (or a refusal) and call the next substitute who keeps the quotas."""
        qui = exiger_animateur(acteur, arrondissement)
        groupe = self.groupe(arrondissement)
        le = self.registre.maintenant()
        sortant = groupe.faire_sortir(membre_id, motif, qui.compte_id, le)
        if not remplacer or not sortant.tirage_id or motif == MotifSortieGroupe.FIN_DE_MANDAT:
            return None, self.registre.enregistrer(groupe)
        tirage = self.registre.charger(Tirage, UUID(sortant.tirage_id), "Tirage introuvable.")
        restants = [m for m, v in groupe.membres.items() if v.tirage_id == sortant.tirage_id]
        entrant = tirage.prochain_suppleant(membre_id, restants)
        if entrant is None:
            return None, self.registre.enregistrer(groupe)
        tirage.appeler(entrant, membre_id, qui.compte_id, le)
        self._entrer(groupe, tirage, entrant, qui.compte_id)
        return entrant, self.registre.enregistrer(groupe, tirage)

    def accepter_volontaire(
        self, acteur: Acteur | None, arrondissement: int, personne_id: UUID
    ) -> int:
        """Seat a member of the open assembly who volunteered, without a tirage."""
        qui = exiger_animateur(acteur, arrondissement)
        groupe = self.groupe(arrondissement)
        adhesion = self.registre.charger(
            Adhesion,
            id_adhesion(arrondissement, personne_id),
            "Cette personne n'est pas membre de l'assemblée.",
        )
        if not (adhesion.membre and adhesion.volontaire):
            raise EtatIncompatible("Cette personne ne s'est pas portée volontaire.")
        p = adhesion.profil
        groupe.faire_entrer(
            str(personne_id),
            p.college.value,
            p.genre.value,
            p.quartier,
            VoieEntree.VOLONTAIRE.value,
            qui.compte_id,
            self.registre.maintenant(),
        )
        return self.registre.enregistrer(groupe)

    def accepter(self, acteur: Acteur | None, arrondissement: int, membre_id: str) -> int:
        """Record that someone drawn from a list accepted their seat."""
        qui = exiger_animateur(acteur, arrondissement)
        groupe = self.groupe(arrondissement)
        groupe.accepter(membre_id, qui.compte_id, self.registre.maintenant())
        return self.registre.enregistrer(groupe)

    def _entrer(self, groupe: GroupeMoteur, tirage: Tirage, membre_id: str, par: UUID) -> None:
        """Volunteers take their seat; people drawn from lists have a delay to answer."""
        traits = tirage.traits(membre_id)
        le = self.registre.maintenant()
        delai = None if traits["volontaire"] == "oui" else le + timedelta(days=DELAI_REPONSE_JOURS)
        groupe.faire_entrer(
            membre_id,
            College(traits["college"]).value,
            GENRE_DEPUIS_TIRAGE.get(traits["genre"], traits["genre"]),
            traits["quartier"],
            VoieEntree.TIRAGE.value,
            par,
            le,
            str(tirage.id),
            delai,
        )
