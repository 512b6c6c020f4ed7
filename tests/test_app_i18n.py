"""Every visible string exists in English and 中文, and pages pass no raw English to st.*."""

from __future__ import annotations

import ast
import pickle
import re
import string
from pathlib import Path

import pytest

from aecore import VARIANTS
from aecore.data.registry import dataset_names
from pages.common import nav, panel, views
from pages.common.i18n import DATA_ZH, TABLE, default_lang
from pages.common.live import FINAL, ICONS

ROOT = Path(__file__).resolve().parents[1]
UI_FILES = [ROOT / "app.py", *sorted((ROOT / "pages").rglob("*.py"))]
NOT_TEXT = {"session_state", "query_params", "context", "set_page_config", "Page", "switch_page", "page_link",
            "form"}
TEXT_ARGS = {"label", "help", "placeholder", "text", "body", "caption", "title"}


def fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


@pytest.mark.parametrize("key", sorted(TABLE))
def test_every_key_has_both_languages_with_the_same_placeholders(key):
    entry = TABLE[key]
    assert set(entry) == {"en", "zh"}, key
    assert entry["en"].strip() and entry["zh"].strip(), key
    assert fields(entry["en"]) == fields(entry["zh"]), key


def test_keys_built_at_run_time_exist():
    needed = {p.title_key for p in nav.PAGES} | {f"nav.section.{s}" for s in nav.SECTIONS if s}
    needed |= {f"v.{v}" for v in VARIANTS} | {f"status.{s}" for s in FINAL} | {f"short.{s}" for s in ICONS}
    needed |= {f"p.{p.key}" for p in panel._BY_KEY.values()} | {f"h.{p.key}" for p in panel._BY_KEY.values()}
    needed |= {f"o.{o}" for p in panel._BY_KEY.values() if p.kind == "choice" and p.key != "data" for o in p.options}
    needed |= {f"m.{m}" for names in views.KEY_METRICS.values() for m in names}
    needed |= {f"{k}.{part}" for k in ("basics", "stacked", "sparse", "denoising", "contractive", "variational")
               for part in ("explain", "symbols", "try")}
    needed |= {f"home.go.{p.key}" for p in nav.PAGES if p.section}
    assert sorted(needed - set(TABLE)) == []
    assert set(dataset_names()) <= set(DATA_ZH)


def test_data_that_are_not_images_get_the_rows_wording():
    from pages.common.i18n import t_data

    assert t_data("denoising.sweep.title", (8, 8), noise="x") == "PSNR on test images, x noise"
    assert t_data("denoising.sweep.title", None, noise="x") == "PSNR on test rows, x noise"
    assert t_data("watch.map.title_pca", None, m=5, k=3).endswith("of 5 test rows on their first 2 principal components")
    assert t_data("denoising.sweep.head", None) == t_data("denoising.sweep.head", (8, 8))  # no variant: the key


def literal_keys(tree: ast.AST) -> set[str]:
    """Keys passed as plain string literals to t() or t_data()."""
    return {n.args[0].value for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
            and n.func.id in ("t", "t_data") and n.args and isinstance(n.args[0], ast.Constant)}


def english_literals(tree: ast.AST) -> list[str]:
    """String literals with words in them passed as text to an st.* call."""
    found = []
    for n in ast.walk(tree):
        if not (isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)):
            continue
        root, chain = n.func.value, {n.func.attr}
        while isinstance(root, ast.Attribute):
            chain.add(root.attr)
            root = root.value
        if not (isinstance(root, ast.Name) and root.id in ("st", "_st")) or chain & NOT_TEXT:
            continue
        texts = n.args[:1] + [k.value for k in n.keywords if k.arg in TEXT_ARGS]
        for a in texts:
            parts = [a] if isinstance(a, ast.Constant) else list(a.values) if isinstance(a, ast.JoinedStr) else []
            for p in parts:
                # HTML tags and CSS declarations around a translated value are markup, not English.
                text = re.sub(r"<[^>]*>?|[A-Za-z-]+:[^;'\">]*", "", p.value) if isinstance(p, ast.Constant) \
                    and isinstance(p.value, str) else ""
                if re.search(r"[A-Za-z]{3,}", text):
                    found.append(f"line {n.lineno}: st.{n.func.attr}({p.value!r})")
    return found


@pytest.mark.parametrize("path", UI_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_ui_files_use_known_keys_and_no_raw_english(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert sorted(literal_keys(tree) - set(TABLE)) == []
    assert english_literals(tree) == []


@pytest.mark.parametrize("locale,lang", [("zh-CN", "zh"), ("zh-TW", "zh"), ("en-US", "en"), ("de-DE", "en"),
                                         (None, "en")])
def test_default_language_follows_the_browser_locale(locale, lang):
    assert default_lang(locale) == lang


def test_importing_the_string_table_starts_nothing():
    """i18n imports state (for its key names); neither may start a thread or a job engine on import."""
    import subprocess
    import sys

    code = ("import threading, pages.common.i18n, aecore.serving.jobs as jobs; "
            "print(sorted(t.name for t in threading.enumerate()), jobs.manager.instance is None)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, timeout=120, check=True).stdout.split("\n")[-2]
    assert out == "['MainThread'] True", out


# ---- aecore's keyed messages (aecore.errors) ------------------------------------------------------
KEYED = {"KeyedError", "DataUnavailableError", "make"}  # KeyedError(...), its subclass, KeyedText.make(...)


def raised_keys() -> dict[str, set[str]]:
    """key → parameter names of every keyed message aecore writes (a constant key and template)."""
    found: dict[str, set[str]] = {}
    for path in sorted((ROOT / "aecore").rglob("*.py")):
        for n in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(n, ast.Call):
                continue
            name = n.func.attr if isinstance(n.func, ast.Attribute) else getattr(n.func, "id", None)
            if name not in KEYED or len(n.args) < 2 or not isinstance(n.args[0], ast.Constant):
                continue
            if name == "make" and not (isinstance(n.func.value, ast.Name) and n.func.value.id == "KeyedText"):
                continue
            template = n.args[1]
            assert isinstance(template, ast.Constant), f"{path.name}:{n.lineno}: the template must be a literal"
            params = {k.arg for k in n.keywords if k.arg}
            unpacked = any(k.arg is None for k in n.keywords)  # **at: cannot be checked statically
            assert unpacked or fields(template.value) <= params, f"{path.name}:{n.lineno}: template needs {fields(template.value)}"
            found.setdefault(n.args[0].value, set()).update(params | (fields(template.value) if unpacked else set()))
    return found


def test_aecore_writes_keyed_messages():
    keys = raised_keys()
    assert len(keys) > 80, sorted(keys)  # uploads, run zips, data sets, jobs
    assert {"file.empty", "zip.pickle", "data.unavailable", "train.diverged", "run.name_taken"} <= set(keys)


def test_every_keyed_message_has_its_chinese_with_known_parameters():
    from pages.common.texts.errors import ERRORS_ZH

    keys = raised_keys()
    assert sorted(set(keys) - set(ERRORS_ZH)) == [], "aecore messages without a translation"
    assert sorted(set(ERRORS_ZH) - set(keys)) == [], "translations of messages aecore no longer writes"
    for key, params in keys.items():
        assert fields(ERRORS_ZH[key]) <= params, f"{key}: the translation uses parameters the message lacks"


def test_a_keyed_error_is_translated_with_its_parameters_and_nested_errors():
    from aecore.errors import KeyedError, KeyedText, revive
    from aecore.errors import fields as keyed_fields
    from pages.common import i18n

    inner = KeyedError("zip.pickle", "this zip contains {entry}: …", entry="weights.pt")
    outer = KeyedError("zip.cannot_import", "cannot import this zip: {error}", error=inner)
    assert str(outer) == "cannot import this zip: this zip contains weights.pt: …"  # the CLI's English
    zh = lambda: "zh"  # noqa: E731
    en = lambda: "en"  # noqa: E731

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(i18n, "lang", zh)
        text = i18n.t_error(outer)
        assert text.startswith("无法导入这个 zip：这个 zip 包含 weights.pt") and "safetensors" in text
        assert i18n.t_error(ValueError("plain English")) == "plain English"  # no key: its own text
        assert i18n.t_error(KeyedError("no.such.key", "as {x}", x=1)) == "as 1"  # unknown key: the English
        note = revive("old text", **keyed_fields(KeyedText.make("train.early_stopped", "stopped {epoch} {patience} "
                                                                "{best}", epoch=3, patience=2, best=0.5)))
        assert i18n.t_error(note).startswith("在第 3 轮后提前停止")
        mp.setattr(i18n, "lang", en)
        assert i18n.t_error(outer) == str(outer)
    again = pickle.loads(pickle.dumps(outer))
    assert (again.key, str(again), again.params["error"].key) == ("zip.cannot_import", str(outer), "zip.pickle")


def test_each_page_has_its_own_strings_module():
    """pages/common/texts/: a page's keys (``<page>.*``) live in the module named as the page, the shared
    ones in the shared modules; no strings module imports streamlit or the session state."""
    from pages.common import texts

    pages = {p.key for p in nav.PAGES}
    names = {m.__name__.rsplit(".", 1)[1]: m for m in texts.MODULES}
    assert pages <= set(names)
    for name, module in names.items():
        for key in module.TEXTS:
            prefix = key.split(".")[0]
            assert prefix == name if name in pages else prefix not in pages, f"{key} is in texts/{name}.py"
    for path in sorted((ROOT / "pages" / "common" / "texts").glob("*.py")):
        for n in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(n, ast.Import | ast.ImportFrom):
                mods = [a.name for a in n.names] + [getattr(n, "module", None) or ""]
                assert not [m for m in mods if m.split(".")[0] == "streamlit" or m.split(".")[-1] == "state"], path
