"""Helpers of the user journeys: a witness that checks every screen a journey shows, and moving
through a page with the keyboard alone."""

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from axe_playwright_python.sync_playwright import Axe

if TYPE_CHECKING:
    from playwright.sync_api import Page

OPTIONS_AXE = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
REFUS_ATTENDUS = re.compile(r"status of (409|422)")
"""Refused forms answer 422 (or 409): Chromium logs those XHR answers as console errors, and the
journeys provoke them on purpose."""


@dataclass
class Temoin:
    """Watches one page through a journey: console and script errors as they come, and on
    demand the screen as it stands (no sideways scroll, no axe violation)."""

    page: "Page"
    erreurs: list[str] = field(default_factory=list)
    ecrans: int = 0

    def __post_init__(self) -> None:
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda e: self.erreurs.append(f"script : {e}"))

    def _console(self, message: object) -> None:
        texte = getattr(message, "text", "")
        if getattr(message, "type", "") == "error" and not REFUS_ATTENDUS.search(texte):
            self.erreurs.append(texte)

    def verifier(self, etape: str, axe: bool = True) -> None:
        """The screen at this step fits the window and has no WCAG 2.1 A/AA violation."""
        self.ecrans += 1
        page = self.page
        page.wait_for_load_state()
        largeur = page.evaluate("document.documentElement.scrollWidth")
        fenetre = page.evaluate("window.innerWidth")
        assert largeur <= fenetre, f"{etape} : la page défile de côté ({largeur} > {fenetre} px)"
        if axe:
            resultats = Axe().run(page, options=OPTIONS_AXE)
            assert resultats.violations_count == 0, f"{etape} : {resultats.generate_report()}"
        assert self.erreurs == [], f"{etape} : {self.erreurs}"


def focus_sur(page: "Page", selecteur: str, essais: int = 120) -> None:
    """Press Tab until the element matching `selecteur` has the focus, as a keyboard user would
    (fails if it is never reached: then the keyboard cannot get there)."""
    for _ in range(essais):
        if page.evaluate("s => document.activeElement?.matches(s) ?? false", selecteur):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{selecteur} n'est pas atteint au clavier en {essais} tabulations")


def choisir_au_clavier(page: "Page", selecteur: str, valeur: str) -> None:
    """Reach a select with Tab, then move its choice with the arrow keys to `valeur`."""
    focus_sur(page, selecteur)
    valeurs: list[str] = page.locator(selecteur).evaluate(
        "s => Array.from(s.options).map(o => o.value)"
    )
    courante = page.locator(selecteur).input_value()
    for _ in range(valeurs.index(valeur) - valeurs.index(courante)):
        page.keyboard.press("ArrowDown")
    assert page.locator(selecteur).input_value() == valeur, selecteur
