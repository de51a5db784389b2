"""Vérificateur autonome d'un tirage au sort de conseil citoyen (participation-tirage/1 et /2).

Usage : python3 verificateur_autonome.py enregistrement.json   (Python 3.10 ou plus récent)
Refait tous les calculs (bibliothèque standard seule ; étapes : docs/verifier-un-tirage.md), même
verdict que « participation tirage verify » : CONFORME (code 0), ou NON CONFORME et l'écart (1)."""

import hashlib
import json
import re
import sys
from datetime import datetime
from typing import Any

CHAMPS = ["college", "genre", "id", "quartier", "volontaire"]  # une personne du vivier
HORS_ANNONCE = ("engagement", "tirage", "selection", "suppleants")  # ajoutés après l'annonce


def exiger(condition: bool, message: str) -> None:
    if not condition:  # première différence : on l'affiche et on s'arrête
        print(f"NON CONFORME — {message}")
        sys.exit(1)


def sha256(texte: str) -> str:
    return hashlib.sha256(texte.encode("utf-8")).hexdigest()


def verifier(r: Any) -> None:
    v2 = r.get("format") == "participation-tirage/2"  # le format 2 annonce l'heure du hasard
    exiger(v2 or r.get("format") == "participation-tirage/1", f"format {r.get('format')!r} inconnu")
    prevue = datetime.fromisoformat(r["hasard_prevu_le"]) if v2 else None  # ISO 8601 + fuseau
    exiger(prevue is None or prevue.utcoffset() is not None, "heure du hasard sans fuseau horaire")
    vivier, taille, quotas = r["vivier"], r["taille"], r["quotas"]
    ids = [c["id"] for c in vivier if all(type(v) is str for v in c.values())]  # du texte
    bien = all(set(CHAMPS) <= set(c) <= set(CHAMPS) | set(quotas) for c in vivier)  # + à quotas
    exiger(bien and len(ids) == len(vivier) and ids == sorted(set(ids)), "vivier mal formé")
    bornes = [b for v in quotas.values() for b in v.values()] + [[1, taille], [taille, len(ids)]]
    ok = all([type(x) for x in b] == [int, int] and 0 <= b[0] <= b[1] for b in bornes)  # entiers
    exiger(ok and "id" not in quotas, "taille du panel ou quotas mal formés")  # 1 ≤ taille ≤ vivier
    annonce = {k: v for k, v in r.items() if k not in HORS_ANNONCE}  # 1. L'engagement : SHA-256
    texte = json.dumps(annonce, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    exiger(r["engagement"] == sha256(texte), "l'engagement (SHA-256) ne correspond pas à l'annonce")
    cats, membres = sorted(quotas), dict[tuple[str, ...], list[str]]()  # 2. Types, compositions
    for c in vivier:
        membres.setdefault(tuple(c[k] for k in cats), []).append(c["id"])  # par ordre d'id
    types, gens = sorted(membres), [membres[t] for t in sorted(membres)]
    pub = [(tuple(t["valeurs"][k] for k in cats), t["effectif"]) for t in r["types"]]
    exiger(r["categories"] == cats and pub == [(t, len(membres[t])) for t in types], "types faux")
    comps = [e["composition"] for e in r["tickets"]["compositions"]]
    nombres = [e["tickets"] for e in r["tickets"]["compositions"]]  # tickets par composition
    exiger(all(type(n) is int and n >= 0 for n in nombres), "nombres de tickets invalides")
    exiger((m := sum(nombres)) == r["tickets"]["nombre"] and m >= 1, f"{m} tickets : faux")
    regles = [(j, k, v, lo, hi) for j, k in enumerate(cats) for v, (lo, hi) in quotas[k].items()]
    for no, x in enumerate(comps, start=1):
        bons = [type(n) is int and 0 <= n <= len(g) for n, g in zip(x, gens, strict=True)]
        exiger(all(bons) and sum(x) == taille, f"composition {no} : taille ou effectifs faux")
        for j, k, v, lo, hi in regles:
            s = sum(n for n, t in zip(x, types, strict=True) if t[j] == v)
            exiger(lo <= s <= hi, f"composition {no} : quota {k} = {v} [{lo}, {hi}] non respecté")
    comptes: dict[str, int] = {}  # 3. Probabilités : les places des types, à tour de rôle par id
    for j, g in enumerate(gens):
        p = sum(x[j] * n for x, n in zip(comps, nombres, strict=True))  # places du type j
        comptes.update({i: p // len(g) + (rang < p % len(g)) for rang, i in enumerate(g)})
    faux = [i for i in sorted(comptes) if r["apparitions"].get(i) != comptes[i]] + ["?"]
    exiger(r["apparitions"] == comptes, f"probabilité de {faux[0]} fausse (voir « apparitions »)")
    exiger(r["probabilite_minimale"] == f"{min(comptes.values())}/{m}", "minimum publié faux")
    if "tirage" not in r:  # annonce seule : le hasard n'est pas encore connu
        return
    if prevue:  # 4. Format 2 : l'heure du tirage (avec fuseau) n'est pas avant celle annoncée
        exiger(prevue <= datetime.fromisoformat(r["tirage"]["le"]), "tiré avant l'heure annoncée")
    hasard = " ".join(r["tirage"]["hasard"].split())  # 5. Ticket : dés, sinon SHA-256 modulo m
    chiffres, motif = re.sub(r"\D", "", hasard), re.fullmatch(r"\d(?:[ ,;-]*\d)*", hasard)
    des = motif is not None and m == 10 ** len(chiffres)
    ticket = int(chiffres) if des else int(sha256(hasard), 16) % m
    exiger(hasard != "" and ticket == r["tirage"]["ticket"], f"le hasard donne le ticket {ticket}")
    exiger(r["tirage"]["methode"] == ("des" if des else "sha256"), "méthode du tirage fausse")
    reste, deja = ticket, [0] * len(types)  # 6. Panel : après les tickets précédents, par type
    for x, n in zip(comps, nombres, strict=True):
        deja, reste = [d + min(reste, n) * k for d, k in zip(deja, x, strict=True)], reste - n
        if reste < 0:
            break
    choisis = sorted(g[(deja[j] + k) % len(g)] for j, g in enumerate(gens) for k in range(x[j]))
    cle = {i: (sha256(f"{r['engagement']}:{ticket}:{i}"), i) for i in ids}  # 7. Suppléants
    suite = sorted(set(ids) - set(choisis), key=lambda i: cle[i])
    for nom, calcule in ("selection", choisis), ("suppleants", suite):
        k = next((k for k, i in enumerate(calcule) if r[nom][k : k + 1] != [i]), len(calcule))
        exiger(r[nom] == calcule, f"{nom} : rang {k + 1}, attendu {calcule[k : k + 1]}")


if __name__ == "__main__":
    try:
        with open(sys.argv[1], encoding="utf-8") as fichier:
            verifier(json.load(fichier))
    except (IndexError, OSError, UnicodeDecodeError, json.JSONDecodeError) as erreur:
        print(f"Erreur : {erreur}. Usage : python3 verificateur_autonome.py enregistrement.json")
        sys.exit(2)
    except (KeyError, TypeError, ValueError, AttributeError, ZeroDivisionError) as erreur:
        exiger(False, f"enregistrement mal formé ({erreur!r})")
    print("CONFORME")
