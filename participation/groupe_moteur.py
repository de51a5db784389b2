"""Use cases of the groupe moteur and of its tirages au sort."""

from collections import Counter
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any, Literal
from uuid import UUID

from domaine.assemblee import Adhesion, id_adhesion
from domaine.comptes import Acteur, exiger_animateur
from domaine.erreurs import ChampInvalide, DonneeInvalide, EtatIncompatible, au_champ
from domaine.groupe_moteur import (
    DELAI_REPONSE_JOURS,
    GroupeMoteur,
    Membre,
    Objectifs,
    id_groupe_moteur,
)
from domaine.quartiers import geographie_au, verifier_arrondissement
from domaine.seances import Seance
from domaine.temps import a_paris, jour_a_paris
from domaine.tirages import QuotasImpossibles, Tirage, verifier_heure_du_hasard
from domaine.vocabulaire import College, Genre, MotifSortieGroupe, VoieEntree
from stockage.identites import COLONNES_DE_CONTACT, Identites
from stockage.registre import Registre
from tirage.equite import assouplir, verifier_faisabilite
from tirage.erreurs import ErreurTirage, QuotasInfaisables
from tirage.loterie import TICKETS_PAR_DEFAUT, annoncer
from tirage.vivier import Candidat, Quotas, lire_quotas, lire_vivier

PRIORITES = {"college": 10}
"""When the defaults must give way for a pool, the colleges' shares give way last: a seat of
one college is not lightly given to the other."""
VIVIER_VIDE = "Le vivier est vide : aucun·e volontaire retenu·e et aucune liste importée."

ActionGroupeMoteur = Literal[
    "fixer_objectifs",
    "designer_par_consensus",
    "annoncer_tirage",
    "effectuer_tirage",
    "faire_sortir",
    "accepter_volontaire",
    "accepter",
]
"""The use cases of the groupe moteur, all the council's animateurs': drawing acts on a tirage
(its id), the others on a council (its arrondissement)."""

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
    vivier: Sequence[Candidat] | None = None,
) -> dict[str, Any]:
    """Quotas that bring the groupe moteur to its targets from its current members: the free
    seats of each college (none for local actors seated by consensus), parity, per QPV.
    `reservees`: (category, value) -> seats that announced tirages will fill at the least.
    With `vivier`, they are made feasible for that pool (`ajuster_au_vivier`)."""
    cibles = _cibles(objectifs, membres, quartiers, reservees or {})
    return cibles if vivier is None else ajuster_au_vivier(cibles, vivier)


def ajuster_au_vivier(cibles: dict[str, Any], vivier: Sequence[Candidat]) -> dict[str, Any]:
    """The targets' quotas, made feasible for this pool, so that a panel always exists.

    Each college gets no more seats than the pool has people of it; the size follows (the
    seats left are filled later, by another tirage or by consensus). The other bounds keep
    their share of the seats filled (parity stays parity) and no minimum asks for more
    people than the pool has; then, if categories still clash, the least relaxation that
    allows a panel is applied, the colleges giving way last. An empty pool, or one with
    nobody for the free seats, gives a size of 0."""
    quotas = {c: {v: list(b) for v, b in vals.items()} for c, vals in cibles["quotas"].items()}
    comptes = Counter((c, candidat.trait(c)) for candidat in vivier for c in quotas)
    taille = min(cibles["taille"], len(vivier))
    college = quotas.get("college", {})
    if college:
        for valeur, (lo, hi) in college.items():
            n = comptes[("college", valeur)]
            college[valeur] = [min(lo, n), min(hi, n)]
        autres = sum(1 for c in vivier if c.college not in college)  # unconstrained colleges
        taille = min(taille, sum(hi for _, hi in college.values()) + autres)
    places = cibles["taille"]
    for categorie, valeurs in quotas.items():
        for valeur, (lo, hi) in valeurs.items():
            if categorie != "college" and taille < places:
                lo, hi = lo * taille // places, -(-hi * taille // places)  # floor, ceiling
            lo = min(lo, comptes[(categorie, valeur)], taille)
            valeurs[valeur] = [lo, max(lo, min(hi, taille))]
    _places_hors_binaire(quotas, vivier, taille)
    if taille < 1:
        return {"taille": 0, "quotas": quotas}
    bornes = {c: {v: (b[0], b[1]) for v, b in vals.items()} for c, vals in quotas.items()}
    return assouplir(vivier, Quotas(taille, bornes), PRIORITES).en_json()


def _places_hors_binaire(quotas: dict[str, Any], vivier: Sequence[Candidat], taille: int) -> None:
    """Parity without shutting anyone out: when the pool holds people of another gender or who
    did not state one, exact halves for women and men would give them no chance at all. The
    minima of women and of men are lowered by the same amount, so that about their share of the
    pool's seats (at least one) may go to them, women and men staying within one seat of
    each other's bounds."""
    genre = quotas.get("genre", {})
    if not {"femme", "homme"} <= genre.keys() or taille < 1:
        return
    autres = sum(1 for c in vivier if c.genre not in ("femme", "homme"))
    if not autres:
        return
    ouvertes = min(autres, max(1, round(taille * autres / len(vivier))))
    retrait = -(-ouvertes // 2)  # ceiling: the same for both sides
    for g in ("femme", "homme"):
        genre[g][0] = max(0, genre[g][0] - retrait)


def _cibles(
    objectifs: Objectifs,
    membres: list[Membre],
    quartiers: list[str],
    reserve: dict[tuple[str, str], int],
) -> dict[str, Any]:
    """The quotas the targets ask for, whatever the pool."""

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

    def autoriser(
        self, acteur: Acteur | None, action: ActionGroupeMoteur, cible: int | UUID
    ) -> None:
        """The role check of the use case `action` alone, on `cible` (a council's arrondissement,
        or a tirage's id for `effectuer_tirage`): web handlers call it before reading their
        form, so that a refused role gets 403 whatever it typed. Raises `ActionInterdite`;
        the use case checks the same policy again, as its first step."""
        if isinstance(cible, UUID):
            if action != "effectuer_tirage":
                raise ValueError(f"{action} acts on a council, not on a tirage")
            cible = self._tirage(cible).arrondissement
        exiger_animateur(acteur, cible)

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

    def quotas_proposes(
        self, arrondissement: int, vivier: Sequence[Candidat] | None = None
    ) -> dict[str, Any]:
        """The default quotas: from the targets, and feasible for `vivier` when given."""
        groupe = self.groupe(arrondissement)
        quartiers = [
            q.code
            for q in geographie_au(jour_a_paris(self.registre.maintenant())).quartiers_de(
                arrondissement
            )
        ]
        return quotas_par_defaut(
            groupe.objectifs,
            list(groupe.membres.values()),
            quartiers,
            self._reservees(groupe),
            vivier,
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
            raise ChampInvalide("decision", "Cette séance n'est pas une séance de ce conseil.")
        adoptee = any(d.numero == decision and d.adoptee for d in seance.decisions)
        if not any(d.numero == decision for d in seance.decisions):
            raise ChampInvalide("decision", f"La séance n'a pas de décision n° {decision}.")
        au_champ(
            "membres",
            lambda: groupe.designer_par_consensus(
                membres, seance_id, decision, adoptee, qui.compte_id, self.registre.maintenant()
            ),
        )
        return self.registre.enregistrer(groupe)

    def constituer_vivier(
        self, arrondissement: int, volontaires: list[Candidat], liste_csv: str = ""
    ) -> list[Candidat]:
        """The pool of a tirage: the site volunteers not seated yet, plus a list imported as
        POOL.csv (pseudonymous ids; contact columns stay out of the announcement)."""
        return self._vivier(self.groupe(arrondissement), volontaires, liste_csv)

    def _vivier(
        self, groupe: GroupeMoteur, volontaires: list[Candidat], liste_csv: str
    ) -> list[Candidat]:
        vivier = [c for c in volontaires if c.id not in groupe.membres]
        if liste_csv.strip():
            try:
                importes = lire_vivier(liste_csv)
            except ErreurTirage as erreur:
                raise ChampInvalide("liste_csv", erreur.message) from None
            assis = [c.id for c in importes if c.id in groupe.membres]
            if assis:
                raise ChampInvalide(
                    "liste_csv",
                    f"« {assis[0]} » siège déjà au groupe moteur : retirez-le de la liste.",
                )
            deja = {c.id for c in vivier}
            doublons = [c.id for c in importes if c.id in deja]
            if doublons:
                raise ChampInvalide(
                    "liste_csv", f"Identifiant en double dans le vivier : {doublons[0]}."
                )
            vivier += importes
        return vivier

    def examiner_quotas(
        self, arrondissement: int, quotas: dict[str, Any], vivier: list[Candidat]
    ) -> Quotas:
        """Whether the quotas can be met with this pool, without computing the lottery: the
        same checks as the announcement, each naming its field; infeasible quotas raise
        `QuotasImpossibles` with the quotas that block and by how much."""
        return self._examiner(self.groupe(arrondissement), quotas, vivier)

    def _examiner(
        self, groupe: GroupeMoteur, quotas: dict[str, Any], vivier: list[Candidat]
    ) -> Quotas:
        if groupe.places_libres == 0:
            reservees = groupe.places_reservees
            raise EtatIncompatible(
                "Aucune place n'est libre au groupe moteur"
                + (f" ({reservees} réservées par un tirage annoncé)." if reservees else ".")
            )
        if not vivier:
            raise ChampInvalide("liste_csv", VIVIER_VIDE)
        contacts = sorted(set(COLONNES_DE_CONTACT) & set(quotas.get("quotas") or {}))
        if contacts:
            raise DonneeInvalide(
                f"La colonne « {contacts[0]} » contient des coordonnées : elle ne peut pas "
                "porter de quotas (elle serait publiée)."
            )
        taille = quotas.get("taille")
        if isinstance(taille, int) and not isinstance(taille, bool):
            if taille > groupe.places_libres:
                reservees = groupe.places_reservees
                raise ChampInvalide(
                    "taille",
                    f"Le tirage pourvoirait {taille} places, mais il n'en reste que "
                    f"{groupe.places_libres} au groupe moteur"
                    + (f" ({reservees} réservées par un tirage annoncé)." if reservees else "."),
                )
            if not 1 <= taille <= len(vivier):
                raise ChampInvalide(
                    "taille",
                    f"Le tirage pourvoit de 1 à {len(vivier)} places : le vivier compte "
                    f"{len(vivier)} personne{'s' if len(vivier) > 1 else ''}.",
                )
        try:
            lus = lire_quotas(quotas, vivier)
        except ErreurTirage as erreur:
            raise DonneeInvalide(erreur.message) from None
        try:
            verifier_faisabilite(vivier, lus)
        except QuotasInfaisables as erreur:
            raise QuotasImpossibles(erreur.message, erreur.blocages) from None
        return lus

    def annoncer_tirage(
        self,
        acteur: Acteur | None,
        arrondissement: int,
        quotas: dict[str, Any],
        hasard_prevu: str,
        volontaires: list[Candidat],
        liste_csv: str = "",
        tickets: int = TICKETS_PAR_DEFAUT,
        *,
        hasard_le: datetime,
    ) -> tuple[UUID, int]:
        """Build the pool (site volunteers, plus a list imported as POOL.csv with pseudonymous
        ids), compute the fair lottery, publish it with its commitment, and the date and time
        of the public randomness to come (before which it cannot be drawn)."""
        qui = exiger_animateur(acteur, arrondissement)
        groupe = self.groupe(arrondissement)
        le = self.registre.maintenant()
        if groupe.places_libres == 0:
            self._examiner(groupe, quotas, [])  # says why: no seat left
        if not hasard_prevu.strip():
            raise ChampInvalide(
                "hasard_prevu",
                "Décrivez le hasard public à venir (par exemple : quatre dés à dix faces lancés "
                "par deux témoins en séance).",
            )
        verifier_heure_du_hasard(hasard_le, le)
        if not 2 <= tickets <= 1_000_000:
            raise ChampInvalide(
                "tickets", "Le nombre de tickets doit être compris entre 2 et 1 000 000."
            )
        vivier = self._vivier(groupe, volontaires, liste_csv)
        lus = self._examiner(groupe, quotas, vivier)
        try:
            annonce = annoncer(
                vivier, lus, tickets, " ".join(hasard_prevu.split()), a_paris(hasard_le)
            )
        except QuotasInfaisables as erreur:
            raise QuotasImpossibles(erreur.message, erreur.blocages) from None
        except ErreurTirage as erreur:
            raise DonneeInvalide(erreur.message) from None
        tirage = Tirage.annoncer(
            self.registre.nouvel_id(),
            arrondissement,
            annonce,
            qui.compte_id,
            le,
            self._normaliser(self.quotas_proposes(arrondissement, vivier)),
        )
        groupe.reserver(str(tirage.id), lus.taille, le)
        position = self.registre.enregistrer(tirage, groupe)
        # Contact details of imported people go to the erasable store, never to the record.
        self.identites.enregistrer_coordonnees(
            arrondissement,
            {
                c.id: {k: v for k, v in c.autres if k in COLONNES_DE_CONTACT and v}
                for c in vivier
                if any(k in COLONNES_DE_CONTACT and v for k, v in c.autres)
            },
            le,
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
        tirage = self._tirage(tirage_id)
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

    def _tirage(self, tirage_id: UUID) -> Tirage:
        return self.registre.charger(Tirage, tirage_id, "Ce tirage n'existe pas.")

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
