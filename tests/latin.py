"""Latin words on a 中文 page: the allow-list and the word finder shared by the AppTest and browser checks.

A 中文 page may show Latin letters only where Chinese has no word of its own: mathematical
symbols, names of data sets and methods, units and the variants' abbreviations. Everything else
(``loss``, ``layer``, ``Choose options``) is a leak. ``leaks(text)`` returns the words of ``text``
outside ``ALLOWED``, after removing what is not prose: LaTeX commands, inline code, file names,
paths and URLs, ``%{…}`` placeholders of Plotly hover templates, HTML tags and Streamlit's
``:material/…:`` icons and ``:colour[…]`` directives.
"""

from __future__ import annotations

import re

# Short on purpose: a word earns its place only when a Chinese text would write it in Latin letters.
ALLOWED = frozenset({
    # the app's name and the data sets (proper names; file:… sets show their file name)
    "diabolo", "mnist", "frey", "olivetti", "usps", "digits", "shapes", "patches", "moons", "circles",
    "swissroll", "spiral", "ufldl",
    # people and named methods a Chinese text writes in Latin letters (Erhan et al.; HOG; Gabor filters)
    "erhan", "hog", "gabor",
    # methods, variants and quantities written as abbreviations in Chinese texts too
    "ae", "vae", "pca", "umap", "kl", "mse", "bce", "psnr", "elbo", "nll", "sgd", "adam", "relu", "sigmoid",
    "tanh", "softmax", "zip", "csv", "npy", "npz", "png", "jpeg", "jpg", "json", "safetensors", "frobenius",
    "cpu", "gpu",
    # mathematics: functions and operators a formula or a label writes in Latin letters
    "log", "exp", "min", "max", "argmin", "argmax", "sup", "inf", "det", "tr", "diag", "cov", "sin", "cos",
    # units
    "mb", "gb", "kb", "db", "px", "ms",
})

# Names written with a hyphen, whose parts alone would be English words.
PROPER = ("scikit-learn", "Fashion-MNIST", "L-BFGS", "t-SNE")
_STRIP = [
    re.compile("|".join(re.escape(p) for p in PROPER), re.I),
    # citations: authors' names with the year (Alain & Bengio, 2014; Erhan et al. 2010)
    re.compile(r"[A-Z][a-z]+(?: (?:&|and) [A-Z][a-z]+| et al\.| ?等)?[,，]? ?(?:19|20)\d\d"),
    re.compile(r"`[^`]*`"),  # inline code: commands, setting names
    re.compile(r"https?://\S+"),
    re.compile(r"%\{[^}]*\}"),  # Plotly hover-template fields
    re.compile(r"<[^>]*>"),  # HTML tags (Plotly's <br>, <b>, <extra>)
    re.compile(r":material/[a-z_]+:"),  # Streamlit icons
    re.compile(r":[a-z]+\[|\]"),  # Streamlit colour directives  :red[…]
    re.compile(r"\\(?:text|mathrm|operatorname)\s*\{"),  # keep the argument of \text{…}: it is prose
    re.compile(r"\\[A-Za-z]+"),  # other LaTeX commands (\lVert, \phi, \mathcal)
    re.compile(r"\b[\w.-]*[/\\][\w./\\-]*"),  # paths
    re.compile(r"\b[\w-]+\.(?:csv|npy|npz|zip|png|jpe?g|json|jsonl|safetensors|txt|pt|pkl)\b", re.I),  # file names
    re.compile(r"\b[A-Za-z]+_[\w]*"),  # identifiers such as x_test, AECORE_DATA_DIR
]
_WORD = re.compile(r"[A-Za-z]{2,}")


def words(text: str) -> list[str]:
    """The Latin words (two letters or more) of ``text`` that are prose, in order."""
    for pattern in _STRIP:
        text = pattern.sub(" ", text)
    return _WORD.findall(text)


def leaks(text: str) -> list[str]:
    """The words of ``text`` that a 中文 page must not show (outside ``ALLOWED``)."""
    return [w for w in words(text) if w.lower() not in ALLOWED]
