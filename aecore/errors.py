"""Messages with a stable key: aecore speaks English, an interface can say them in its own language.

aecore never knows the user's language (the CLI prints ``str(error)``; the app may be in 中文).
Every message a user can cause — a refused upload, a damaged run zip, a missing data set, a
diverged training — is written once here in English from a template and carries the template's
``key`` and the ``params`` it was filled with. An interface translates ``key`` with ``params``
and falls back to the English text for a key it does not know.

* ``KeyedError`` — a ``ValueError`` (callers that catch ValueError keep working).
* ``KeyedText`` — a ``str`` (a job's end message): it stays a plain string for every caller,
  and ``fields`` / ``revive`` carry its key across a process boundary (the job wire is JSON).
"""

from __future__ import annotations


class KeyedError(ValueError):
    """A refusal the user can fix. ``str(e)`` is the English sentence; ``e.key`` and ``e.params``
    (JSON-able values, or other ``KeyedError`` s) say it again in any language."""

    def __init__(self, key: str, template: str, **params):
        super().__init__(template.format(**params))
        self.key, self.params = key, params

    def __reduce__(self):  # pickles (Ray, multiprocessing) with its key and parameters
        return _rebuild_error, (type(self), self.key, str(self), self.params)


def _rebuild_error(cls, key: str, text: str, params: dict) -> KeyedError:
    e = cls.__new__(cls)
    ValueError.__init__(e, text)
    e.key, e.params = key, params
    return e


class KeyedText(str):
    """An English sentence (a ``str``) that also carries the key and parameters it was made from."""

    key: str
    params: dict

    def __new__(cls, key: str, text: str, params: dict | None = None):
        self = super().__new__(cls, text)
        self.key, self.params = key, dict(params or {})
        return self

    @classmethod
    def make(cls, key: str, template: str, **params) -> KeyedText:
        return cls(key, template.format(**params), params)

    def __getnewargs__(self):
        return self.key, str(self), self.params


def fields(message) -> dict:
    """``{"key", "params"}`` of a keyed message or error (JSON-able: nested errors become their
    English text), ``{}`` for anything else."""
    key = getattr(message, "key", None)
    if not isinstance(key, str):
        return {}
    params = {k: str(v) if isinstance(v, BaseException) else v for k, v in getattr(message, "params", {}).items()}
    return {"key": key, "params": params}


def revive(text: str, key: str | None = None, params: dict | None = None) -> str:
    """The message sent as ``text`` plus ``fields``: a ``KeyedText`` again, or ``text`` when it had no key."""
    return KeyedText(key, text, params) if key else text


__all__ = ["KeyedError", "KeyedText", "fields", "revive"]
