"""Every page at projector sizes, in English and 中文: full-page screenshots and a clipped-text report.

    python bench/screenshots.py [--sizes 1280x720,1920x1080] [--langs en,zh] [--pages basics,sparse]
                                [--out bench/results/screens] [--quick] [--port 8631 | --url URL]

Starts ``streamlit run app.py`` on a free port (or uses ``--url``), trains each page's main
results once in one browser session (defaults; ``--quick`` skips the slower extra runs), then
visits every page through the sidebar at each size and language and saves
``<out>/<lang>-<W>x<H>-<page>.png`` (the whole page: the window grows to the page's height).
Every language after the first is switched to on the page itself, with its results showing (the
page is opened in the first language, then the sidebar's language button is pressed): what a
teacher does mid-lesson.

Automatic checks (``tests/legibility.py``): text clipped in its box (buttons, labels, metric
tiles, tabs, radio options, selects), Plotly titles, legends, annotations and axis titles that
are cut or overlap, misleading log-axis ticks, and a Train button below the fold at the real
window size. Prints every finding per page, size and language, writes ``<out>/report.json``
and exits with status 1 when there is any finding (0 when none).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser_support import ARGS, CHROMIUM, start_streamlit  # noqa: E402
from tests.legibility import findings, train_above_fold  # noqa: E402

PAGES = ("home", "basics", "stacked", "sparse", "denoising", "contractive", "variational", "features", "latent",
         "compare", "runs")
LEARN = ("basics", "stacked", "sparse", "denoising", "contractive", "variational")
LANG_BUTTON = {"en": "English", "zh": "中文"}
# What to click (widget keys) for a page's main results, in order; each click waits for its jobs.
# The first list is always run; the second only without --quick (extra runs that take longer).
ACTIONS = {
    "basics": (["basics.preset", "basics.save"], ["basics.over.go"]),  # linear preset: PCA curve, angles, basis
    # the label-budget curve (3 seeds, slower), then the shapes preset (its results are the ones shown)
    "stacked": (["stacked.train"], ["stacked.labels.go", "stacked.preset"]),
    "sparse": (["sparse.train"], ["sparse.l1.go"]),
    "denoising": (["denoising.train", "denoising.plain.go", "denoising.toy.go"], []),
    "contractive": (["contractive.train_all"], []),
    "variational": (["variational.train"], []),
    "features": (["features.go"], []),
    "compare": (["compare.train"], []),
}


def css_key(key: str) -> str:
    """The CSS class Streamlit gives a widget with ``key`` (dots become dashes)."""
    return "st-key-" + key.replace(".", "-")


def start_server(port: int) -> tuple[subprocess.Popen, str]:
    runs = tempfile.mkdtemp(prefix="diabolo-screens-runs-")
    env = {**os.environ, "DIABOLO_RUNS_DIR": runs, "PYTHONUNBUFFERED": "1"}
    try:
        return start_streamlit(env, open(Path(runs) / "server.log", "w"), timeout_s=90, port=port)  # noqa: SIM115
    except RuntimeError as e:
        sys.exit(f"error: {e} (log: {runs}/server.log)")


def settle(pg, quiet_ms: int = 1200, timeout_s: float = 600) -> None:
    """Wait until no job progress bar is shown and Streamlit is not running a script, for ``quiet_ms``."""
    deadline, quiet_since = time.time() + timeout_s, None
    while time.time() < deadline:
        busy = pg.evaluate("""() => document.querySelectorAll('[data-testid="stProgress"]').length > 0 ||
            !!document.querySelector('[data-testid="stStatusWidget"] [data-testid="stStatusWidgetRunningIcon"], ' +
                                     '[data-testid="stStatusWidget"] img')""")
        if busy:
            quiet_since = None
        elif quiet_since is None:
            quiet_since = time.time()
        elif (time.time() - quiet_since) * 1000 >= quiet_ms:
            return
        pg.wait_for_timeout(250)
    print("  warning: the page did not settle in time", file=sys.stderr)


def goto(pg, page: str) -> None:
    """Change page through the sidebar (one session: trained models stay)."""
    href = "/" if page == "home" else f"/{page}"
    link = pg.locator(f'[data-testid="stSidebarNav"] a[href$="{href}"]').first
    if page == "home":
        link = pg.locator('[data-testid="stSidebarNav"] a').first
    link.click()
    pg.locator("h1").first.wait_for()
    settle(pg)


def click_key(pg, key: str) -> bool:
    btn = pg.locator(f".{css_key(key)} button").first
    try:
        btn.wait_for(timeout=15_000)
    except Exception:  # noqa: BLE001 - playwright's TimeoutError; the page does not offer it
        print(f"  warning: no button {key!r}", file=sys.stderr)
        return False
    if btn.is_disabled():
        print(f"  warning: button {key!r} is disabled", file=sys.stderr)
        return False
    btn.scroll_into_view_if_needed()
    btn.click()
    pg.wait_for_timeout(1500)  # the job appears
    settle(pg)
    return True


def set_language(pg, lang: str) -> None:
    pg.locator(".st-key-lang button", has_text=LANG_BUTTON[lang]).first.click()
    pg.wait_for_timeout(500)
    settle(pg)


def tall_shot(pg, path: Path, size: tuple[int, int], max_px: int = 16000) -> list[dict]:
    """Grow the window to the page's height, screenshot it, run the checks there; back to ``size``."""
    height = pg.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    pg.set_viewport_size({"width": size[0], "height": min(int(height) + 40, max_px)})
    pg.wait_for_timeout(1500)  # charts re-layout
    settle(pg, 600)
    found = findings(pg)
    pg.screenshot(path=str(path), full_page=True)
    pg.set_viewport_size({"width": size[0], "height": size[1]})
    return found


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1280x720,1920x1080")
    ap.add_argument("--langs", default="en,zh")
    ap.add_argument("--pages", default=",".join(PAGES))
    ap.add_argument("--out", default=str(ROOT / "bench" / "results" / "screens"))
    ap.add_argument("--quick", action="store_true", help="only the first training of each page")
    ap.add_argument("--no-train", action="store_true", help="screenshots of the untrained pages only")
    ap.add_argument("--url", help="use a running server instead of starting one")
    ap.add_argument("--port", type=int, default=0, help="port of the server this script starts (default: a free one)")
    args = ap.parse_args(argv)
    sizes = [tuple(int(v) for v in s.split("x")) for s in args.sizes.split(",")]
    langs, pages = args.langs.split(","), args.pages.split(",")
    for name in pages:
        if name not in PAGES:
            sys.exit(f"error: no page {name!r}; pages are {', '.join(PAGES)}.")
    for lang in langs:
        if lang not in LANG_BUTTON:
            sys.exit(f"error: no language {lang!r}; use en and/or zh.")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    from playwright.sync_api import sync_playwright

    proc, url = (None, args.url) if args.url else start_server(args.port)
    report: list[dict] = []
    t0 = time.perf_counter()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            pg = browser.new_context(viewport={"width": sizes[0][0], "height": sizes[0][1]},
                                     locale="en-US").new_page()
            pg.set_default_timeout(120_000)
            pg.goto(url)
            pg.locator("h1").first.wait_for()
            settle(pg)
            if not args.no_train:
                for name in (n for n in pages if n in ACTIONS):
                    first, extra = ACTIONS[name]
                    t = time.perf_counter()
                    goto(pg, name)
                    for key in first + ([] if args.quick else extra):
                        click_key(pg, key)
                    print(f"trained {name}: {time.perf_counter() - t:.0f} s", flush=True)
            for lang in langs:
                set_language(pg, lang)
                for size in sizes:
                    pg.set_viewport_size({"width": size[0], "height": size[1]})
                    for name in pages:
                        if lang != langs[0]:  # switch mid-page: open it in the first language, then switch
                            set_language(pg, langs[0])
                            goto(pg, name)
                            set_language(pg, lang)
                        else:
                            goto(pg, name)
                        found = []
                        if name in LEARN and (miss := train_above_fold(pg, name)) is not None:
                            found.append(miss)
                        shot = out / f"{lang}-{size[0]}x{size[1]}-{name}.png"
                        found += tall_shot(pg, shot, size)
                        if pg.locator('[data-testid="stException"]').count():
                            found.append({"kind": "exception", "text": name, "detail": "the page shows an exception"})
                        report.append({"page": name, "size": f"{size[0]}x{size[1]}", "lang": lang,
                                       "png": str(shot), "findings": found})
                        print(f"{lang} {size[0]}x{size[1]} {name}: {len(found)} finding(s)", flush=True)
                        for f in found:
                            print(f"    {f['kind']}: {f['text']!r} — {f['detail']}", flush=True)
            browser.close()
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(15)
    (out / "report.json").write_text(json.dumps(report, ensure_ascii=False, indent=1))
    total = sum(len(r["findings"]) for r in report)
    kinds: dict[str, int] = {}
    for r in report:
        for f in r["findings"]:
            kinds[f["kind"]] = kinds.get(f["kind"], 0) + 1
    print(f"\n{len(report)} screenshots in {out} ({time.perf_counter() - t0:.0f} s); {total} finding(s)"
          + ("".join(f"\n  {k}: {n}" for k, n in sorted(kinds.items())) if kinds else ""))
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
