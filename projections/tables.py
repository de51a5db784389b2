"""The read models and nothing else: tables fed from events only, emptied and rebuilt from the
log at will (`TABLES_DE_LECTURE`, which `projections check` compares with a rebuild), and two
caches derived from them (`CACHES_DE_LECTURE`, emptied on rebuild, never compared). The tables
that are never rebuilt (projector positions, report archives, leases, the hash chain) are in
`stockage.tables` (the erasable identity store in `stockage.identites`); the read models share
`stockage.tables.metadata`, the schema the migrations follow."""

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    false,
)

from stockage.tables import metadata

comptes = Table(
    "lecture_comptes",
    metadata,
    Column("personne_id", String(36), primary_key=True),
    Column("ouvert_le", DateTime(timezone=True), nullable=False),
)

roles = Table(
    "lecture_roles",
    metadata,
    Column("personne_id", String(36), primary_key=True),
    Column("role", String(30), primary_key=True),
    Column("arrondissement", Integer, primary_key=True),  # 0 when the role has no council
    Column("depuis", DateTime(timezone=True), nullable=False),
)

courriels_choisis = Table(
    "lecture_courriels_choisis",
    metadata,
    Column("personne_id", String(36), primary_key=True),
    Column("mode", String(10), nullable=False),  # `ModeCourriels`; no row: every message
)
"""How each person chose to be told by e-mail, when not the default (`Compte.CourrielsChoisis`)."""

conseils = Table(
    "lecture_conseils",
    metadata,
    Column("arrondissement", Integer, primary_key=True),
    Column("institue_le", DateTime(timezone=True), nullable=False),
    Column("regle_majorite", String(20), nullable=False),
    Column("delai_reponse_avis_mois", Integer, nullable=False, server_default="2"),
)

reglements = Table(
    "lecture_reglements",
    metadata,
    Column("arrondissement", Integer, primary_key=True),
    Column("numero", Integer, primary_key=True),
    Column("texte", Text, nullable=False),
    Column("depose_le", DateTime(timezone=True), nullable=False),
    Column("statut", String(20), nullable=False),
    Column("statue_par_role", String(20)),
    Column("motif", Text, nullable=False),
)

structures_porteuses = Table(
    "lecture_structures_porteuses",
    metadata,
    Column("arrondissement", Integer, primary_key=True),
    Column("depuis", Date, primary_key=True),
    Column("nom", String(200), nullable=False),
    Column("forme", String(30), nullable=False),
)

membres = Table(
    "lecture_membres",
    metadata,
    Column("arrondissement", Integer, primary_key=True),
    Column("personne_id", String(36), primary_key=True),
    Column("adhesion_id", String(36), nullable=False, unique=True),
    Column("actif", Boolean, nullable=False, index=True),
    Column("college", String(20), nullable=False),
    Column("genre", String(30), nullable=False),
    Column("tranche_age", String(20), nullable=False),
    Column("quartier", String(80), nullable=False),
    Column("structure_nom", String(200), nullable=False),
    Column("structure_type", String(20), nullable=False),
    Column("entre_le", DateTime(timezone=True), nullable=False),
    Column("sorti_le", DateTime(timezone=True)),
    Column("motif_sortie", String(30)),
    Column("nombre_entrees", Integer, nullable=False),
    Column("volontaire_gm", Boolean, nullable=False, server_default=false()),
)

seances = Table(
    "lecture_seances",
    metadata,
    Column("seance_id", String(36), primary_key=True),
    Column("arrondissement", Integer, nullable=False, index=True),
    Column("date", DateTime(timezone=True), nullable=False, index=True),
    Column("lieu", String(200), nullable=False),
    Column("ordre_du_jour", Text, nullable=False),
    Column("quartier", String(80), nullable=False, server_default=""),
    Column("theme", String(200), nullable=False, server_default=""),
    Column("statut", String(20), nullable=False),
    Column("motif_annulation", Text, nullable=False),
    Column("anonymes", Integer, nullable=False),
    Column("presents", Integer, nullable=False),
    Column("compte_rendu", Text, nullable=False),
    Column("version", Integer, nullable=False),
    Column("apres_coup_le", DateTime(timezone=True)),  # recorded after it was held: when
    # What a calendar needs (`participation.calendrier`): how many times members were told of
    # a change (reprogrammed or cancelled: its SEQUENCE), and when it last changed (DTSTAMP).
    Column("sequence", Integer, nullable=False, server_default="0"),
    Column("modifiee_le", DateTime(timezone=True), nullable=False),
    # Hybrid séances (`domaine.modalites`): how it is held, the link, its accessibility (the
    # measures' codes joined by ","). Who attended remotely: `lecture_presences.a_distance`.
    Column("modalite", String(20), nullable=False, server_default="presentiel"),
    Column("lien_visio", String(500), nullable=False, server_default=""),
    Column("accessibilite", String(200), nullable=False, server_default=""),
    Column("accessibilite_autre", String(200), nullable=False, server_default=""),
)

presences = Table(
    "lecture_presences",
    metadata,
    Column("seance_id", String(36), primary_key=True),
    Column("personne_id", String(36), primary_key=True),
    Column("a_distance", Boolean, nullable=False, server_default=false()),
)

decisions = Table(
    "lecture_decisions",
    metadata,
    Column("seance_id", String(36), primary_key=True),
    Column("numero", Integer, primary_key=True),
    Column("arrondissement", Integer, nullable=False, index=True),
    Column("date", DateTime(timezone=True), nullable=False),
    Column("texte", Text, nullable=False),
    Column("pour", Integer, nullable=False),
    Column("contre", Integer, nullable=False),
    Column("abstention", Integer, nullable=False),
    Column("regle", String(20), nullable=False),
    Column("adoptee", Boolean, nullable=False),
    # `pour`, `contre`, `abstention` are totals; these are their remote part (hybrid séances)
    Column("pour_distance", Integer, nullable=False, server_default="0"),
    Column("contre_distance", Integer, nullable=False, server_default="0"),
    Column("abstention_distance", Integer, nullable=False, server_default="0"),
    Column("scrutin", Integer, nullable=False, server_default="0"),  # online poll it used
)

scrutins = Table(
    "lecture_scrutins",
    metadata,
    Column("seance_id", String(36), primary_key=True),
    Column("numero", Integer, primary_key=True),
    Column("texte", Text, nullable=False),
    Column("ouvert", Boolean, nullable=False),
    Column("ouvert_le", DateTime(timezone=True), nullable=False),
    Column("clos_le", DateTime(timezone=True)),
    Column("votants", Integer, nullable=False),  # counted live; the split only once closed
    Column("pour", Integer, nullable=False),
    Column("contre", Integer, nullable=False),
    Column("abstention", Integer, nullable=False),
    Column("decision", Integer, nullable=False),  # the decision that took its counts, or 0
)
"""Online polls of hybrid séances (`Seance.ScrutinOuvert`...)."""

votants_scrutins = Table(
    "lecture_votants_scrutins",
    metadata,
    Column("seance_id", String(36), primary_key=True),
    Column("numero", Integer, primary_key=True),
    Column("personne_id", String(36), primary_key=True),
)
"""Who voted in each online poll (so that the page tells a member they did), never how."""
comptes_rendus = Table(
    "lecture_comptes_rendus",
    metadata,
    Column("seance_id", String(36), primary_key=True),
    # The event's position: a séance's versions are numbered 1, 2… in this order (as the
    # domain numbers them), so old events that carry no number read the same.
    Column("position", BigInteger, primary_key=True),
    Column("texte", Text, nullable=False),
    Column("redige_le", DateTime(timezone=True), nullable=False),
    Column("langue", String(35), nullable=False, server_default="fr"),  # of the text
)

approbations_cr = Table(
    "lecture_approbations_comptes_rendus",
    metadata,
    Column("seance_id", String(36), primary_key=True),  # the séance whose minutes were voted
    Column("position", BigInteger, primary_key=True),
    Column("version", Integer, nullable=False),
    Column("par_seance_id", String(36), nullable=False, index=True),  # the séance that voted
    Column("decision", Integer, nullable=False),  # its decision's number
    Column("adoptee", Boolean, nullable=False),
    Column("le", DateTime(timezone=True), nullable=False),
)

groupes_moteurs = Table(
    "lecture_groupes_moteurs",
    metadata,
    Column("arrondissement", Integer, primary_key=True),
    Column("taille", Integer, nullable=False),
    Column("part_habitants", Integer, nullable=False),
    Column("parite", Boolean, nullable=False),
    Column("minimum_par_quartier", Integer, nullable=False),
    Column("constitue_le", DateTime(timezone=True), nullable=False),
)

mouvements_gm = Table(
    "lecture_mouvements_groupe_moteur",
    metadata,
    Column("position", BigInteger, primary_key=True),  # the event's position: full history
    Column("membre_id", String(64), primary_key=True),
    Column("arrondissement", Integer, nullable=False, index=True),
    Column("sens", String(10), nullable=False),  # entree | sortie
    Column("college", String(20), nullable=False),
    Column("genre", String(30), nullable=False),
    Column("quartier", String(80), nullable=False),
    Column("voie_ou_motif", String(30), nullable=False),
    Column("tirage_id", String(36), nullable=False),
    Column("le", DateTime(timezone=True), nullable=False),
)

membres_gm = Table(
    "lecture_membres_groupe_moteur",
    metadata,
    Column("arrondissement", Integer, primary_key=True),
    Column("membre_id", String(64), primary_key=True),
    Column("college", String(20), nullable=False),
    Column("genre", String(30), nullable=False),
    Column("quartier", String(80), nullable=False),
    Column("voie", String(20), nullable=False),
    Column("tirage_id", String(36), nullable=False),
    Column("depuis", DateTime(timezone=True), nullable=False),
    Column("reponse_avant", DateTime(timezone=True)),  # drawn from a list, not yet accepted
)

tirages = Table(
    "lecture_tirages",
    metadata,
    Column("tirage_id", String(36), primary_key=True),
    Column("arrondissement", Integer, nullable=False, index=True),
    Column("annonce_le", DateTime(timezone=True), nullable=False),
    Column("effectue_le", DateTime(timezone=True)),
    Column("taille", Integer, nullable=False),
    Column("vivier", Integer, nullable=False),
    Column("tickets", Integer, nullable=False),
    Column("probabilite_minimale", String(30), nullable=False),
    Column("engagement", String(64), nullable=False),
    Column("hasard_prevu", Text, nullable=False),
    Column(
        "quotas_proposes", Text, nullable=False
    ),  # JSON; differs when the animateur changed them
    Column("hasard", Text),
    Column("ticket", Integer),
    Column("document", Text, nullable=False),  # the public record, canonical JSON
    # Seats the groupe moteur holds for it until the draw (`GroupeMoteur.reservations`).
    Column("places_reservees", Integer, nullable=False, server_default="0"),
    # What it designates: "" the groupe moteur, "instance:<id>" delegates to a body.
    Column("objet", String(60), nullable=False, server_default=""),
)

avis = Table(
    "lecture_avis",
    metadata,
    Column("avis_id", String(36), primary_key=True),
    Column("arrondissement", Integer, nullable=False, index=True),
    Column("origine", String(20), nullable=False),
    Column("titre", String(200), nullable=False),
    Column("texte", Text, nullable=False),  # the current version
    Column("versions", Integer, nullable=False),
    Column("sujet", String(200), nullable=False),
    Column("axe", String(10), nullable=False),
    Column("destinataire", String(30), nullable=False),
    Column("institution", String(200), nullable=False),
    Column("question", Text, nullable=False),
    Column("demandee_le", Date),
    Column("echeance_saisine", Date),
    Column("statut", String(30), nullable=False, index=True),
    Column("cree_le", DateTime(timezone=True), nullable=False),
    Column("adopte_le", DateTime(timezone=True)),
    Column("transmis_le", DateTime(timezone=True)),
    Column("echeance_reponse", Date, index=True),
    Column("repondu_le", DateTime(timezone=True)),
    Column("clos_le", DateTime(timezone=True)),
    Column("version", Integer, nullable=False),
    Column("langue", String(35), nullable=False, server_default="fr"),  # of the current version
)

avis_auteurs = Table(
    "lecture_avis_auteurs",
    metadata,
    Column("avis_id", String(36), primary_key=True),
    Column("personne_id", String(36), primary_key=True),
    # Who wrote version 1: the draft is theirs (the others are co-signers).
    Column("premier", Boolean, nullable=False, server_default=false()),
)

avis_versions = Table(
    "lecture_avis_versions",
    metadata,
    Column("avis_id", String(36), primary_key=True),
    Column("numero", Integer, primary_key=True),
    Column("titre", String(200), nullable=False),
    Column("texte", Text, nullable=False),
    Column("le", DateTime(timezone=True), nullable=False),
    Column("langue", String(35), nullable=False, server_default="fr"),  # of the text
)

avis_reponses = Table(
    "lecture_avis_reponses",
    metadata,
    Column("avis_id", String(36), primary_key=True),
    Column("numero", Integer, primary_key=True),
    Column("texte", Text, nullable=False),
    Column("liens", Text, nullable=False),  # JSON list of links
    Column("role", String(30), nullable=False),
    Column("le", DateTime(timezone=True), nullable=False),
)

avis_etapes = Table(
    "lecture_avis_etapes",
    metadata,
    Column("avis_id", String(36), primary_key=True),
    Column("version", Integer, primary_key=True),  # the aggregate's version: the timeline order
    Column("le", DateTime(timezone=True), nullable=False),
    Column("etape", String(40), nullable=False),
    Column("detail", Text, nullable=False),
    Column("seance_id", String(36)),  # the séance whose decision this step records
)
"""Every step of every avis, for its public timeline and the annual reports."""

notifications = Table(
    "lecture_notifications",
    metadata,
    Column("position", BigInteger, primary_key=True),  # of the event that caused it
    Column("personne_id", String(36), primary_key=True),
    Column("le", DateTime(timezone=True), nullable=False),
    Column("lien", String(200), nullable=False),  # the page to act on
    Column("message", Text, nullable=False),
)
"""In-app notifications of reminders: who must act on an avis whose deadline nears or passed, or
on a tirage's unanswered acceptances (recipients: the accounts holding the right roles when the
reminder was recorded)."""

faits = Table(
    "lecture_faits",
    metadata,
    Column("position", BigInteger, primary_key=True),  # of the event
    Column("rang", Integer, primary_key=True),  # an event may give several facts
    Column("le", DateTime(timezone=True), nullable=False, index=True),
    Column("nature", String(30), nullable=False),
    Column("sujet", String(36), nullable=False),
    Column("arrondissement", Integer, nullable=False),
    Column("personne", String(36), nullable=False),
    Column("a", String(80), nullable=False),
    Column("b", String(80), nullable=False),
    Column("c", String(80), nullable=False),
    Column("d", String(80), nullable=False),
    Column("n", BigInteger),
    Column("n2", BigInteger),
    Column("quand", DateTime(timezone=True)),
    Column("jour", Date),
)
"""What the annual reports count, one row per fact, in event order (`participation.rapports`)."""

ouvertures = Table(
    "lecture_rapports_ouvertures",
    metadata,
    Column("annee", Integer, primary_key=True),
    Column("empreinte", String(64), nullable=False),  # of the code that folded it
    Column("faits", Integer, nullable=False),  # facts dated before 1 January, folded
    Column("etat", LargeBinary, nullable=False),  # compressed JSON
    Column("calcule_le", DateTime(timezone=True), nullable=False),
)
"""Each year's opening state of the report fold: a cache of `lecture_faits` (see
`projections.ouvertures`), emptied with the read models, not compared by the check."""

propositions_bp = Table(
    "lecture_propositions_bp",
    metadata,
    Column("proposition_id", String(36), primary_key=True),
    Column("arrondissement", Integer, nullable=False, index=True),
    Column("titre", String(200), nullable=False),
    Column("description", Text, nullable=False),
    Column("quartier", String(80), nullable=False),
    Column("adresse", String(200), nullable=False),
    Column("theme", String(30), nullable=False),
    Column("cout_estime", Integer, nullable=False),
    Column("cout_reestime", Integer),
    Column("cout", Integer, nullable=False),  # the Ville's estimate once studied: lists sort by it
    Column("image", String(500), nullable=False),
    Column("auteur_id", String(36), nullable=False),
    Column("au_nom_du_conseil", Boolean, nullable=False),
    Column("portee_seance_id", String(36)),  # the council's backing: séance and decision
    Column("portee_decision", Integer),
    Column("statut", String(20), nullable=False, index=True),
    Column("deposee_le", DateTime(timezone=True), nullable=False, index=True),
    Column("statut_le", DateTime(timezone=True), nullable=False),
    Column("soutiens", Integer, nullable=False),
    Column("commentaires", Integer, nullable=False),
    Column("voix", Integer),
    Column("realisee_le", Date),
    Column("motif", Text, nullable=False),
    Column("fusionnee_dans", String(36)),
    Column("version_statut", Integer, nullable=False),  # what lifecycle forms must match
    # The language of its title, description and address.
    Column("langue", String(35), nullable=False, server_default="fr"),
)

soutiens_bp = Table(
    "lecture_soutiens_bp",
    metadata,
    Column("proposition_id", String(36), primary_key=True),
    Column("personne_id", String(36), primary_key=True),
    Column("depuis", DateTime(timezone=True), nullable=False),
)

commentaires_bp = Table(
    "lecture_commentaires_bp",
    metadata,
    Column("proposition_id", String(36), primary_key=True),
    Column("numero", Integer, primary_key=True),
    Column("auteur_id", String(36), nullable=False),
    Column("texte", Text, nullable=False),
    Column("le", DateTime(timezone=True), nullable=False),
    Column("motif_masquage", Text, nullable=False),  # empty unless hidden by an animateur
    Column("masque_le", DateTime(timezone=True)),
    Column("langue", String(35), nullable=False, server_default="fr"),  # of the text
)

etapes_bp = Table(
    "lecture_etapes_bp",
    metadata,
    Column("proposition_id", String(36), primary_key=True),
    Column("position", BigInteger, primary_key=True),  # the event's position: the timeline
    Column("etape", String(20), nullable=False),  # a status, or "portee" / "absorbe"
    Column("le", DateTime(timezone=True), nullable=False),
    Column("role", String(20), nullable=False),
    Column("motif", Text, nullable=False),
    Column("voix", Integer),
    Column("cout", Integer),
    Column("realisee_le", Date),
    Column("autre_id", String(36)),  # the other proposal of a merge
    Column("seance_id", String(36)),  # the decision that commits the council
    Column("decision", Integer),
)

journal = Table(
    "lecture_journal",
    metadata,
    Column("position", BigInteger, primary_key=True),  # of the event
    Column("arrondissement", Integer, nullable=False),
    Column("type", String(120), nullable=False),  # French label of the event type
    Column("le", DateTime(timezone=True), nullable=False),
    Column("role", String(60), nullable=False),  # role that may issue it, never a person
    # Also the time-travel page's index: a council's events after a position, up to a date.
    Index("ix_lecture_journal_conseil", "arrondissement", "position", "le"),
)
"""The public journal of each council: what happened, when, by which role (`projections.journal`)."""

journal_agregats = Table(
    "lecture_journal_agregats",
    metadata,
    Column("agregat_id", String(36), primary_key=True),
    Column("arrondissement", Integer, nullable=False),
)
"""The council of each aggregate, from its creation event: later events do not carry it."""

historique_points = Table(
    "lecture_historique_points",
    metadata,
    Column("arrondissement", Integer, primary_key=True),
    Column("position", BigInteger, primary_key=True),  # the council's events up to it: all in
    Column("empreinte", String(64), primary_key=True),  # of the code that wrote it
    Column("horodatage_max", DateTime(timezone=True), nullable=False),  # latest of those events
    Column("evenements", Integer, nullable=False),  # how many events it sums up
    Column("etat", LargeBinary, nullable=False),  # the aggregates, compressed JSON
)
"""Dated checkpoints of each council's aggregates for the time-travel page: a cache of the log
(see `participation.historique`), emptied with the read models, not compared by the check."""

documents = Table(
    "lecture_documents",
    metadata,
    Column("document_id", String(36), primary_key=True),
    Column("arrondissement", Integer, nullable=False),
    Column("titre", String(200), nullable=False),
    Column("jour", Date, nullable=False),  # the document's own date
    Column("nature", String(20), nullable=False),
    Column("seance_id", String(36), index=True),
    Column("avis_id", String(36), index=True),
    Column("proposition_id", String(36), index=True),
    Column("empreinte", String(64), nullable=False, index=True),  # SHA-256 of the bytes
    Column("taille", Integer, nullable=False),
    Column("type_media", String(100), nullable=False),
    Column("depose_par", String(36), nullable=False, index=True),
    Column("role", String(20), nullable=False),
    Column("depose_le", DateTime(timezone=True), nullable=False),
    Column("retire", Boolean, nullable=False),
    Column("retire_le", DateTime(timezone=True)),
    Column("motif_retrait", String(20), nullable=False),
    Index("ix_lecture_documents_bibliotheque", "arrondissement", "retire", "jour"),
)
"""The councils' documents and attachments (`projections.documents`); withdrawn ones are kept,
marked, so that a content's remaining references can be counted."""

depots_ouverts = Table(
    "lecture_depots_ouverts",
    metadata,
    Column("arrondissement", Integer, primary_key=True),
    Column("depuis", DateTime(timezone=True), nullable=False),
)
"""The councils whose members may deposit documents (a row while it is allowed)."""

moyens = Table(
    "lecture_moyens",
    metadata,
    Column("entree", String(36), primary_key=True),
    Column("arrondissement", Integer, nullable=False),
    Column("nature", String(20), nullable=False),  # salle, engagement, budget, accompagnement...
    Column("resume", String(400), nullable=False),  # in French, names of places and bodies only
    Column("annee", Integer),  # the year a budget or a commitment is for
    Column("jour", Date),  # a room's or a support's start, a training's date
    Column("fin", Date),
    Column("formation", String(36)),  # attendance: the training it is for
    Column("enregistre_le", DateTime(timezone=True), nullable=False),
    Column("annulee", Boolean, nullable=False),
    Column("motif", String(500), nullable=False),
    Index("ix_lecture_moyens_conseil", "arrondissement", "annulee"),
)
"""Each council's means and training records (`projections.moyens`), cancelled ones kept and
marked; the figures themselves come from the annual report's fold."""
instances = Table(
    "lecture_instances",
    metadata,
    Column("instance_id", String(36), primary_key=True),
    Column("nature", String(30), nullable=False),
    Column("nom", String(80), nullable=False),
    Column("arrondissement", Integer, nullable=False, index=True),  # 0: Paris-wide
    Column("creee_le", DateTime(timezone=True), nullable=False),
)
"""The bodies of the contrat de ville (`projections.instances`)."""

mandats = Table(
    "lecture_mandats",
    metadata,
    Column("mandat_id", String(36), primary_key=True),
    Column("arrondissement", Integer, nullable=False, index=True),  # the council
    Column("instance_id", String(36), nullable=False, index=True),
    Column("personne_id", String(36), nullable=False, index=True),
    Column("role", String(20), nullable=False),
    Column("debut", Date, nullable=False),
    Column("fin", Date, nullable=False),
    Column("termine_le", Date),
    Column("motif_fin", String(30), nullable=False),
    Column("voie", String(20), nullable=False),
    Column("seance_id", String(36)),
    Column("decision", Integer),
    Column("tirage_id", String(36)),
    Column("renouvelle", String(36), nullable=False),
    Column("designe_le", DateTime(timezone=True), nullable=False),
)
"""The councils' delegates' mandates: pseudonymous person ids, never a name."""

reunions_instances = Table(
    "lecture_reunions_instances",
    metadata,
    Column("reunion_id", String(36), primary_key=True),
    Column("instance_id", String(36), nullable=False, index=True),
    Column("tenue_le", Date, nullable=False),
    Column("ordre_du_jour", Text, nullable=False),
)

presences_instances = Table(
    "lecture_presences_instances",
    metadata,
    Column("reunion_id", String(36), primary_key=True),
    Column("mandat_id", String(36), primary_key=True),
    Column("arrondissement", Integer, nullable=False, index=True),
)
"""Which mandates attended each meeting of a body."""

comptes_rendus_mandat = Table(
    "lecture_comptes_rendus_mandat",
    metadata,
    Column("compte_rendu_id", String(36), primary_key=True),
    Column("reunion_id", String(36), nullable=False, index=True),
    Column("instance_id", String(36), nullable=False),
    Column("arrondissement", Integer, nullable=False, index=True),
    Column("mandat_id", String(36), nullable=False),
    Column("texte", Text, nullable=False),
    Column("redige_le", DateTime(timezone=True), nullable=False),
    Column("seance_id", String(36)),
    Column("presente_le", Date),
)
"""The delegates' reports back, and the séance each was presented in."""

TABLES_DE_LECTURE = [
    comptes,
    roles,
    courriels_choisis,
    conseils,
    reglements,
    structures_porteuses,
    membres,
    seances,
    presences,
    decisions,
    scrutins,
    votants_scrutins,
    comptes_rendus,
    approbations_cr,
    groupes_moteurs,
    mouvements_gm,
    membres_gm,
    tirages,
    avis,
    avis_auteurs,
    avis_versions,
    avis_reponses,
    avis_etapes,
    notifications,
    faits,
    propositions_bp,
    soutiens_bp,
    commentaires_bp,
    etapes_bp,
    journal,
    journal_agregats,
    documents,
    depots_ouverts,
    moyens,
    instances,
    mandats,
    reunions_instances,
    presences_instances,
    comptes_rendus_mandat,
]
"""Every read-model table (not the positions): what `projections check` compares."""

CACHES_DE_LECTURE = [ouvertures, historique_points]
"""Derived from the read models (and the log): emptied on rebuild, never compared."""
