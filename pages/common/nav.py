"""The page registry: app.py builds ``st.navigation`` from it; pages link to each other through it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageDef:
    key: str  # also the URL path and the page's key prefix in session state
    path: str  # relative to app.py
    icon: str
    section: str  # "" (top), "learn", "explore" or "runs"
    variant: str | None = None  # the aecore variant a Learn page trains

    @property
    def title_key(self) -> str:
        return f"nav.{self.key}"


PAGES: tuple[PageDef, ...] = (
    PageDef("home", "pages/home.py", ":material/home:", ""),
    PageDef("basics", "pages/basics.py", ":material/compress:", "learn", "ae"),
    PageDef("stacked", "pages/stacked.py", ":material/stacks:", "learn", "stacked"),
    PageDef("sparse", "pages/sparse.py", ":material/grain:", "learn", "sparse"),
    PageDef("denoising", "pages/denoising.py", ":material/blur_on:", "learn", "denoising"),
    PageDef("contractive", "pages/contractive.py", ":material/center_focus_strong:", "learn", "contractive"),
    PageDef("variational", "pages/variational.py", ":material/scatter_plot:", "learn", "vae"),
    PageDef("features", "pages/features.py", ":material/leaderboard:", "learn"),
    PageDef("latent", "pages/latent.py", ":material/bubble_chart:", "explore"),
    PageDef("compare", "pages/compare.py", ":material/compare_arrows:", "explore"),
    PageDef("runs", "pages/runs.py", ":material/folder_open:", "runs"),
)
SECTIONS = ("", "learn", "explore", "runs")


def page(key: str) -> PageDef:
    for p in PAGES:
        if p.key == key:
            return p
    raise ValueError(f"no page {key!r}; pages are {', '.join(p.key for p in PAGES)}.")


def page_for_variant(variant: str) -> PageDef:
    """The Learn page that trains ``variant`` (where a saved run of it is shown)."""
    for p in PAGES:
        if p.variant == variant:
            return p
    raise ValueError(f"no page shows variant {variant!r}.")
