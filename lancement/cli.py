"""The `participation` command: serve, migrate, demo data, projections, export, accounts."""

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, NoReturn, TextIO

from eventsourcing.persistence import PersistenceError
from sqlalchemy.exc import SQLAlchemyError
from tqdm import tqdm

from domaine.erreurs import ErreurParticipation
from domaine.temps import PARIS, a_paris, fin_du_jour
from lancement.plateforme import Plateforme, migrer_schema
from stockage.configuration import VARIABLE_URL, Configuration
from stockage.export import en_json, exporter
from stockage.registre import Horloge, maintenant_utc

EXIT_ERREUR = 2


EXIT_INACCESSIBLE = 1


def main(argv: Sequence[str] | None = None, horloge: Horloge = maintenant_utc) -> int:
    """Run one command; `horloge` is the platform's clock (tests pass a fixed one)."""
    args = _analyseur().parse_args(argv)
    args.horloge = horloge
    try:
        configuration = Configuration.depuis_environnement(args.database_url)
        code: int = args.commande(configuration, args)
    except ErreurParticipation as erreur:
        print(f"Erreur : {erreur.message}", file=sys.stderr)
        return EXIT_ERREUR
    except (OSError, SQLAlchemyError, PersistenceError) as erreur:
        detail = " ".join(str(erreur).split())[:300]
        print(f"Erreur : base de données inaccessible ({detail}).", file=sys.stderr)
        return EXIT_INACCESSIBLE
    return code


class AnalyseurFrancais(argparse.ArgumentParser):
    """argparse, with its usage errors reported on one French line (exit code 2)."""

    _TRADUCTIONS = (
        ("the following arguments are required", "arguments obligatoires manquants"),
        ("invalid int value", "nombre entier attendu, reçu"),
        ("invalid choice", "choix invalide"),
        ("choose from", "choix possibles :"),
        ("unrecognized arguments", "arguments inconnus"),
        ("expected one argument", "une valeur est attendue"),
        ("argument ", "option "),
    )

    def error(self, message: str) -> NoReturn:
        for anglais, francais in self._TRADUCTIONS:
            message = message.replace(anglais, francais)
        self.exit(EXIT_ERREUR, f"Erreur : {message} (voir « {self.prog} --help »).\n")


def _analyseur() -> argparse.ArgumentParser:
    racine = AnalyseurFrancais(
        prog="participation",
        description="Les conseils citoyens de Paris : assemblée ouverte, séances, décisions.",
    )
    racine.add_argument(
        "--database-url",
        help=f"URL de la base (sinon ${VARIABLE_URL}, sinon SQLite sous ./var/)",
    )
    sous = racine.add_subparsers(required=True, metavar="COMMANDE")

    serve = sous.add_parser("serve", help="sert l'application web")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.set_defaults(commande=_serve)

    db = sous.add_parser("db", help="schéma de la base").add_subparsers(required=True)
    db.add_parser("upgrade", help="crée ou met à jour le schéma").set_defaults(commande=_db_upgrade)

    proj = sous.add_parser("projections", help="modèles de lecture").add_subparsers(required=True)
    proj.add_parser("rebuild", help="reconstruit depuis zéro").set_defaults(commande=_rebuild)
    proj.add_parser("check", help="compare avec une reconstruction").set_defaults(commande=_check)
    proj.add_parser("status", help="position et retard").set_defaults(commande=_status)
    proj.add_parser("catchup", help="traite les événements en attente").set_defaults(
        commande=_catchup
    )

    events = sous.add_parser("events", help="journal des événements").add_subparsers(required=True)
    export = events.add_parser("export", help="exporte le journal (sans données personnelles)")
    export.add_argument("--format", choices=["jsonl"], default="jsonl")
    export.add_argument("--output", "-o", help="fichier de sortie (sinon la sortie standard)")
    export.set_defaults(commande=_export)

    backup = sous.add_parser("backup", help="sauvegarde le journal et les données personnelles")
    backup.add_argument("fichier", help="fichier de sauvegarde à écrire (gzip)")
    backup.set_defaults(commande=_backup)
    restore = sous.add_parser("restore", help="restaure une sauvegarde dans une base vide")
    restore.add_argument("fichier", help="fichier écrit par « participation backup »")
    restore.add_argument(
        "--ecraser", action="store_true", help="remplace les données d'une base non vide"
    )
    restore.set_defaults(commande=_restore)

    comptes = sous.add_parser("comptes", help="comptes").add_subparsers(required=True)
    creer = comptes.add_parser("creer", help="crée un compte, éventuellement avec un rôle")
    creer.add_argument("--email", required=True)
    creer.add_argument("--nom", required=True)
    creer.add_argument(
        "--mot-de-passe", help="sinon demandé (ou $PARTICIPATION_MOT_DE_PASSE)", default=None
    )
    creer.add_argument("--role", choices=["animateur", "agent_ville", "agent_etat", "admin"])
    creer.add_argument("--arrondissement", type=int, help="pour un rôle d'animateur·rice")
    creer.set_defaults(commande=_creer_compte)

    tirage = sous.add_parser(
        "tirage", help="tirage au sort vérifiable (hors ligne, sans base de données)"
    ).add_subparsers(required=True)
    loterie = tirage.add_parser("loterie", help="calcule et annonce la loterie équitable")
    loterie.add_argument(
        "--pool", required=True, help="vivier CSV (id,college,genre,quartier,volontaire)"
    )
    loterie.add_argument("--quotas", required=True, help="quotas JSON")
    loterie.add_argument("--tickets", type=int, default=10_000, help="nombre de tickets (10000)")
    loterie.add_argument("--hasard-prevu", default="", help="le hasard public annoncé")
    loterie.add_argument(
        "--hasard-prevu-le",
        help="date et heure du hasard public, AAAA-MM-JJTHH:MM (heure de Paris sans fuseau) : "
        "l'annonce s'y engage et le tirage ne pourra pas avoir lieu avant",
    )
    loterie.add_argument("--sortie", required=True, help="fichier de l'annonce (JSON)")
    loterie.set_defaults(commande=_tirage_loterie)
    tirer = tirage.add_parser("tirer", help="tire le ticket à partir du hasard public")
    tirer.add_argument("annonce", help="annonce JSON")
    tirer.add_argument("--hasard", required=True, help='par exemple "3,7,1,9" (quatre dés)')
    tirer.add_argument("--temoin", action="append", default=[], help="nom d'un témoin")
    tirer.add_argument(
        "--le",
        help="date et heure du tirage, AAAA-MM-JJTHH:MM (heure de Paris) ; défaut : maintenant",
    )
    tirer.add_argument("--sortie", required=True, help="fichier de l'enregistrement (JSON)")
    tirer.set_defaults(commande=_tirage_tirer)
    verify = tirage.add_parser("verify", help="recalcule un tirage et donne le verdict")
    verify.add_argument("record", help="enregistrement (ou annonce) JSON")
    verify.add_argument("--equite", action="store_true", help="vérifie aussi l'optimalité")
    verify.set_defaults(commande=_tirage_verify)

    conseil = sous.add_parser("conseil", help="un conseil citoyen").add_subparsers(required=True)
    etat = conseil.add_parser("etat", help="état d'un conseil à une date passée")
    etat.add_argument("--arrondissement", type=int, required=True)
    etat.add_argument("--au", required=True, help="date (AAAA-MM-JJ) ou instant ISO 8601")
    etat.set_defaults(commande=_etat)

    rapport = sous.add_parser("rapport", help="rapports").add_subparsers(required=True)
    annuel = rapport.add_parser("annuel", help="rapport annuel d'interaction (Ville, État)")
    annuel.add_argument("--annee", type=int, required=True)
    annuel.add_argument("--conseil", type=int, help="arrondissement (défaut : tous et Paris)")
    annuel.add_argument("--format", default="json", help="json, csv, xlsx, pdf ou html")
    annuel.add_argument("--sortie", required=True, help="fichier à écrire (- : sortie standard)")
    annuel.add_argument(
        "--depuis-evenements",
        action="store_true",
        help="recalcule depuis le journal brut au lieu des modèles de lecture",
    )
    annuel.set_defaults(commande=_rapport_annuel)
    archiver = rapport.add_parser("archiver", help="archive les rapports d'une année écoulée")
    archiver.add_argument("--annee", type=int, help="défaut : l'année dernière")
    archiver.set_defaults(commande=_archiver)
    rapport.add_parser("archives", help="liste les rapports archivés et leur SHA-256").set_defaults(
        commande=_archives
    )

    personne = sous.add_parser("personne", help="données personnelles (RGPD)").add_subparsers(
        required=True
    )
    effacer = personne.add_parser("effacer", help="efface les données personnelles d'un compte")
    effacer.add_argument("id", metavar="ID", help="identifiant du compte ou adresse électronique")
    effacer.add_argument(
        "--motif",
        choices=["demande_administration", "demande_personne"],
        default="demande_administration",
    )
    effacer.set_defaults(commande=_effacer_personne)
    exporter_ = personne.add_parser("exporter", help="toutes les données d'un compte, en JSON")
    exporter_.add_argument("id", metavar="ID", help="identifiant du compte ou adresse électronique")
    exporter_.set_defaults(commande=_exporter_personne)
    personne.add_parser(
        "conservation",
        help="applique les durées de conservation (ce que fait la tâche quotidienne)",
    ).set_defaults(commande=_conservation)

    avis = sous.add_parser("avis", help="avis des conseils").add_subparsers(required=True)
    avis.add_parser(
        "rappels", help="envoie les rappels d'échéance dus (ce que fait la tâche quotidienne)"
    ).set_defaults(commande=_rappels)
    audit = sous.add_parser("audit", help="journal infalsifiable (chaîne d'empreintes)")
    audit_sous = audit.add_subparsers(required=True)
    audit_sous.add_parser(
        "verify", help="revérifie toute la chaîne ; code 1 et première position altérée sinon"
    ).set_defaults(commande=_audit_verify)
    audit_sous.add_parser(
        "checkpoint", help="publie un point de contrôle (ce que fait la tâche quotidienne)"
    ).set_defaults(commande=_audit_checkpoint)
    return racine


def _plateforme(configuration: Configuration, args: argparse.Namespace) -> Plateforme:
    plateforme = Plateforme(configuration, args.horloge)
    plateforme.migrer()
    return plateforme


def _serve(configuration: Configuration, args: argparse.Namespace) -> int:
    import uvicorn

    from web.sessions import inactivite_depuis_environnement

    inactivite_depuis_environnement()  # a bad setting stops here, on one French line
    from lancement.serveur import creer_app

    app = creer_app(configuration)
    print(f"participation sur http://{args.host}:{args.port} — base : {configuration.masquee()}")
    # X-Forwarded-For is read by the app, only if PARTICIPATION_PROXY_DE_CONFIANCE=1.
    uvicorn.run(app, host=args.host, port=args.port, proxy_headers=False)
    return 0


def _db_upgrade(configuration: Configuration, args: argparse.Namespace) -> int:
    _plateforme(configuration, args).fermer()
    print(f"Schéma à jour ({configuration.masquee()}).")
    return 0


def _barre(total: int, titre: str) -> tuple[Any, Callable[[int], None]]:
    barre = tqdm(total=total, desc=titre, unit="évt", disable=None, file=sys.stderr)

    def avancer(n: int) -> None:
        barre.update(n)

    return barre, avancer


def _rebuild(configuration: Configuration, args: argparse.Namespace) -> int:
    plateforme = _plateforme(configuration, args)
    barre, avancer = _barre(plateforme.registre.position(), "Reconstruction")
    position = plateforme.projecteur.reconstruire(avancer)
    barre.close()
    print(f"Modèles de lecture reconstruits jusqu'à la position {position}.")
    plateforme.fermer()
    return 0


def _check(configuration: Configuration, args: argparse.Namespace) -> int:
    from projections.verification import verifier

    plateforme = _plateforme(configuration, args)
    barre, avancer = _barre(plateforme.registre.position(), "Vérification")
    ecarts = verifier(plateforme.registre, plateforme.moteur, avancer)
    barre.close()
    plateforme.fermer()
    if ecarts:
        print(f"{len(ecarts)} différence(s) entre les modèles de lecture et le journal :")
        for ecart in ecarts:
            print(f"  - {ecart}")
        return 1
    print("Modèles de lecture conformes au journal des événements.")
    return 0


def _status(configuration: Configuration, args: argparse.Namespace) -> int:
    plateforme = Plateforme(configuration, args.horloge)
    from stockage.tables import positions

    try:
        position = plateforme.projecteur.position()
    except Exception:
        position = 0
    journal = plateforme.registre.position()
    print(f"Journal des événements : position {journal}")
    print(f"Modèles de lecture ({positions.name}) : position {position}")
    print(f"Retard : {max(0, journal - position)} événement(s)")
    plateforme.fermer()
    return 0


def _catchup(configuration: Configuration, args: argparse.Namespace) -> int:
    plateforme = _plateforme(configuration, args)
    print(f"Modèles de lecture à jour à la position {plateforme.projecteur.rattraper()}.")
    plateforme.fermer()
    return 0


def _audit_verify(configuration: Configuration, args: argparse.Namespace) -> int:
    plateforme = Plateforme(
        configuration, args.horloge
    )  # no catch-up: a forged event may not even decode
    migrer_schema(plateforme)
    verdict = plateforme.chaine.verifier()
    plateforme.fermer()
    print(verdict.message())
    return 0 if verdict.intact else 1


def _audit_checkpoint(configuration: Configuration, args: argparse.Namespace) -> int:
    plateforme = _plateforme(configuration, args)
    point = plateforme.chaine.point_de_controle(args.horloge())
    plateforme.fermer()
    print(f"Point de contrôle : position {point.position}, empreinte {point.empreinte}.")
    return 0


def _rapport_annuel(configuration: Configuration, args: argparse.Namespace) -> int:
    from rapports.formats import rendre

    plateforme = _plateforme(configuration, args)
    try:
        plateforme.rapports.perimetre(args.annee, args.conseil)  # bad input: before the work
        barre, avancer = _barre(plateforme.registre.position(), "Journal")
        if not args.depuis_evenements:
            barre.close()
        rapport = plateforme.rapports.annuel(
            args.annee, args.conseil, args.depuis_evenements, progression=avancer
        )
        barre.close()
        contenu = rendre(rapport, args.format)
    finally:
        plateforme.fermer()
    if args.sortie == "-":
        sys.stdout.buffer.write(contenu)
    else:
        Path(args.sortie).write_bytes(contenu)
    return 0


def _archiver(configuration: Configuration, args: argparse.Namespace) -> int:
    plateforme = _plateforme(configuration, args)
    try:
        ajoutees = plateforme.archives.archiver(args.annee)
    finally:
        plateforme.fermer()
    for a in ajoutees:
        print(f"{a.annee} {a.arrondissement or 'paris'} {a.format} {a.sha256}")
    print(f"{len(ajoutees)} fichier(s) archivé(s).")
    return 0


def _archives(configuration: Configuration, args: argparse.Namespace) -> int:
    plateforme = _plateforme(configuration, args)
    for a in plateforme.archives.liste():
        quand = a.archive_le.date().isoformat()
        conseil = a.arrondissement or "paris"
        print(f"{a.annee} {conseil} {a.format} {a.taille} octets {a.sha256} (archivé le {quand})")
    plateforme.fermer()
    return 0


def _rappels(configuration: Configuration, args: argparse.Namespace) -> int:
    plateforme = _plateforme(configuration, args)
    rappels = plateforme.echeances.verifier()
    for r in rappels:
        print(f"{r.lien} : {r.message} ({r.courriels} courriel(s))")
    print(f"{len(rappels)} rappel(s) envoyé(s).")
    plateforme.fermer()
    return 0


def _effacer_personne(configuration: Configuration, args: argparse.Namespace) -> int:
    plateforme = _plateforme(configuration, args)
    try:
        personne_id = plateforme.rgpd.personne(args.id)
        plateforme.projecteur.attendre(
            plateforme.rgpd.effacer_depuis_la_console(personne_id, args.motif)
        )
    finally:
        plateforme.fermer()
    print(f"Données personnelles effacées : {personne_id}")
    return 0


def _exporter_personne(configuration: Configuration, args: argparse.Namespace) -> int:
    plateforme = _plateforme(configuration, args)
    try:
        donnees = plateforme.rgpd.donnees(plateforme.rgpd.personne(args.id))
    finally:
        plateforme.fermer()
    json.dump(donnees, sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0


def _conservation(configuration: Configuration, args: argparse.Namespace) -> int:
    plateforme = _plateforme(configuration, args)
    try:
        bilan = plateforme.conservation.appliquer()
    finally:
        plateforme.fermer()
    for personne_id in bilan.personnes_effacees:
        print(f"effacée (durée de conservation écoulée) : {personne_id}")
    print(
        f"{len(bilan.personnes_effacees)} personne(s) effacée(s), "
        f"{bilan.candidats_purges} coordonnée(s) de liste purgée(s)."
    )
    return 0


def _export(configuration: Configuration, args: argparse.Namespace) -> int:

    plateforme = Plateforme(configuration, args.horloge)
    sortie: TextIO = (
        Path(args.output).open("w", encoding="utf-8")  # noqa: SIM115
        if args.output
        else sys.stdout
    )
    barre, avancer = _barre(plateforme.registre.position(), "Export")
    try:
        nombre = exporter(plateforme.registre, sortie, avancer)
    finally:
        barre.close()
        if args.output:
            sortie.close()
    print(f"{nombre} événements exportés.", file=sys.stderr)
    plateforme.fermer()
    return 0


def _backup(configuration: Configuration, args: argparse.Namespace) -> int:
    from stockage.sauvegarde import sauvegarder

    plateforme = Plateforme(configuration, args.horloge)
    try:
        resume = sauvegarder(plateforme, Path(args.fichier), args.horloge())
    finally:
        plateforme.fermer()
    lignes = ", ".join(f"{table} {n}" for table, n in resume.lignes.items())
    print(f"Sauvegarde écrite dans {args.fichier} ({lignes}) ; SHA-256 {resume.sha256}.")
    print("Elle contient des données personnelles : conservez-la comme la base elle-même.")
    return 0


def _restore(configuration: Configuration, args: argparse.Namespace) -> int:
    from stockage.sauvegarde import restaurer

    plateforme = Plateforme(configuration, args.horloge)
    try:
        barre, avancer = _barre(0, "Reconstruction")
        resume = restaurer(plateforme, Path(args.fichier), args.ecraser, avancer)
        barre.close()
    finally:
        plateforme.fermer()
    lignes = ", ".join(f"{table} {n}" for table, n in resume.lignes.items())
    print(
        f"Sauvegarde {args.fichier} restaurée dans {configuration.masquee()} ({lignes}) ; "
        f"modèles de lecture reconstruits jusqu'à la position {resume.position}."
    )
    return 0


def _creer_compte(configuration: Configuration, args: argparse.Namespace) -> int:
    mot_de_passe = (
        args.mot_de_passe
        or os.environ.get("PARTICIPATION_MOT_DE_PASSE")
        or getpass.getpass("Mot de passe : ")
    )
    plateforme = _plateforme(configuration, args)
    compte_id, _ = plateforme.comptes.inscrire(args.nom, args.email, mot_de_passe)
    if args.role:
        plateforme.comptes.amorcer_role(compte_id, args.role, args.arrondissement)
    plateforme.projecteur.rattraper()
    plateforme.fermer()
    print(f"Compte créé : {compte_id}" + (f" ({args.role})" if args.role else ""))
    return 0


def _etat(configuration: Configuration, args: argparse.Namespace) -> int:
    au = _instant(args.au)
    plateforme = Plateforme(configuration, args.horloge)
    etat = plateforme.historique.etat_au(args.arrondissement, au)
    plateforme.fermer()
    json.dump(en_json(etat), sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0


def _lire(chemin: str) -> str:
    try:
        return Path(chemin).read_text(encoding="utf-8")
    except OSError as erreur:
        raise ErreurParticipation(f"Lecture impossible de {chemin} : {erreur.strerror}.") from None
    except UnicodeDecodeError:
        raise ErreurParticipation(f"{chemin} n'est pas un fichier texte UTF-8.") from None


def _lire_json(chemin: str) -> Any:
    try:
        return json.loads(_lire(chemin))
    except json.JSONDecodeError as erreur:
        raise ErreurParticipation(f"{chemin} n'est pas du JSON valide ({erreur.msg}).") from None


def _ecrire(chemin: str, document: Any) -> None:
    from tirage.canonique import ecrire

    Path(chemin).write_text(ecrire(document), encoding="utf-8")


def _hors_ligne(action: Callable[[], int]) -> int:
    """Offline lottery commands: their input errors are domain errors too (exit code 2)."""
    from tirage.erreurs import ErreurTirage

    try:
        return action()
    except ErreurTirage as erreur:
        raise ErreurParticipation(erreur.message) from None


def _tirage_loterie(_configuration: Configuration, args: argparse.Namespace) -> int:
    from tirage.loterie import annoncer
    from tirage.vivier import lire_quotas, lire_vivier

    def agir() -> int:
        if not 2 <= args.tickets <= 1_000_000:
            raise ErreurParticipation("--tickets doit être compris entre 2 et 1 000 000.")
        vivier = lire_vivier(_lire(args.pool))
        quotas = lire_quotas(_lire_json(args.quotas), vivier)
        prevu_le = (
            _heure(args.hasard_prevu_le, "--hasard-prevu-le") if args.hasard_prevu_le else None
        )
        annonce = annoncer(
            vivier, quotas, args.tickets, args.hasard_prevu, hasard_prevu_le=prevu_le
        )
        _ecrire(args.sortie, annonce)
        print(
            f"Loterie annoncée : {args.tickets} tickets, probabilité minimale "
            f"{annonce['probabilite_minimale']} ; engagement {annonce['engagement']}."
        )
        if prevu_le is None:
            print(
                "Attention : sans --hasard-prevu-le, l'annonce ne fixe pas l'heure du hasard "
                "public (format 1) : rien n'empêche de tirer avant l'heure annoncée de vive voix.",
                file=sys.stderr,
            )
        return 0

    return _hors_ligne(agir)


def _tirage_tirer(_configuration: Configuration, args: argparse.Namespace) -> int:
    from tirage.tirer import tirer

    def agir() -> int:
        le = _heure(args.le, "--le") if args.le else a_paris(args.horloge())
        record = tirer(_lire_json(args.annonce), args.hasard, args.temoin, le)
        _ecrire(args.sortie, record)
        print(
            f"Ticket {record['tirage']['ticket']} : {len(record['selection'])} personnes tirées, "
            f"{len(record['suppleants'])} en liste complémentaire."
        )
        return 0

    return _hors_ligne(agir)


def _tirage_verify(_configuration: Configuration, args: argparse.Namespace) -> int:
    from tirage.verification import verifier

    verdict = verifier(_lire_json(args.record), equite=args.equite)
    for etape in verdict.etapes:
        print(f"  ✓ {etape}")
    if verdict.correct:
        print("Verdict : le tirage est conforme à son annonce.")
        return 0
    print(f"Verdict : NON CONFORME — {verdict.ecart}")
    return 1


def _jour(texte: str) -> date:
    try:
        return date.fromisoformat(texte)
    except ValueError:
        raise ErreurParticipation(f"Date invalide : « {texte} » (attendu AAAA-MM-JJ).") from None


def _heure(texte: str, option: str) -> datetime:
    """A date and time typed as Paris wall-clock time (or with an explicit offset)."""
    try:
        valeur = datetime.fromisoformat(texte.strip())
    except ValueError:
        raise ErreurParticipation(
            f"{option} : date et heure invalides : « {texte} » (attendu AAAA-MM-JJTHH:MM)."
        ) from None
    return valeur if valeur.tzinfo else valeur.replace(tzinfo=PARIS)


def _instant(texte: str) -> datetime:
    """A day (its last instant in Paris) or an ISO 8601 instant (Paris time if no offset)."""
    if len(texte) == 10:
        return fin_du_jour(_jour(texte)) - timedelta(microseconds=1)
    try:
        valeur = datetime.fromisoformat(texte)
    except ValueError:
        raise ErreurParticipation(f"Date invalide : « {texte} » (attendu AAAA-MM-JJ).") from None
    return valeur if valeur.tzinfo else valeur.replace(tzinfo=PARIS)


if __name__ == "__main__":
    sys.exit(main())
