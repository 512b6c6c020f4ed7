"""Settings mirrored in the page's address, so that a link opens with the same settings.

One convention for every control that lives in the URL (the training panel, Stacked's layer
editor, Compare's picks, the optimizer switch, the language, a teacher's link): a setting is
read from the address once per session, on its control's first draw (``first_read``), and
written back on every run, absent when it is at its default (``mirror``), so links stay short
and a default never hides in them.
"""

from __future__ import annotations

import streamlit as st

from . import state


def first_read(token: str) -> bool:
    """True on the first call for ``token`` in this session: the time to take values from the URL."""
    done = st.session_state.setdefault(state.QP_READ, set())
    if token in done:
        return False
    done.add(token)
    return True


def get(name: str, default: str | None = None) -> str | None:
    """The address's value of ``name`` (text), or ``default``."""
    return st.query_params.get(name, default)


def mirror(name: str, value: str | None, default: str | None = None) -> None:
    """Show ``value`` as ``?name=value``; drop ``name`` when ``value`` is empty, None or ``default``."""
    qp = st.query_params
    if value is None or value == "" or value == default:
        if name in qp:
            del qp[name]
    elif qp.get(name) != value:
        qp[name] = value
