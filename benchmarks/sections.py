"""Sections of `docs/performance.md` that each benchmark owns (a `## ` heading and what follows,
up to the next `## ` heading)."""

from pathlib import Path


def ecrire_section(chemin: Path, titre: str, texte: str) -> None:
    """Replace the section `titre` (e.g. "## Rapport annuel") if present, else append it; the
    other sections stay as they are. `texte` starts with the heading."""
    ancien = chemin.read_text() if chemin.exists() else "# Performance\n"
    debut = ancien.find(f"\n{titre}\n")
    if debut >= 0:
        suite = ancien.find("\n## ", debut + 1)
        ancien = ancien[: debut + 1] + (ancien[suite + 1 :] if suite >= 0 else "")
    chemin.parent.mkdir(parents=True, exist_ok=True)
    chemin.write_text(ancien.rstrip("\n") + "\n\n" + texte.rstrip("\n") + "\n")


def sections_sauf(chemin: Path, titres: tuple[str, ...]) -> str:
    """The `## ` sections of the page other than `titres`, in their order, each preceded by a
    blank line (what a benchmark that rewrites the page keeps of the others')."""
    if not chemin.exists():
        return ""
    morceaux = ("\n" + chemin.read_text()).split("\n## ")[1:]
    gardes = [m for m in morceaux if f"## {m.splitlines()[0]}" not in titres]
    return "".join("\n## " + m.rstrip("\n") + "\n" for m in gardes)
