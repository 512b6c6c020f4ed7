"""Streamlit's private legacy-pages flag, which pages/common/legacy_pages.py clears, still exists.

If one of these fails after a Streamlit upgrade, the app may run page files without app.py
(no sidebar, no session set-up): look for the new name of ``PagesManager.uses_pages_directory``
or a supported switch, and change ``legacy_pages.py`` (the only module that touches it).
"""

import inspect

from streamlit.runtime.pages_manager import PagesManager

from pages.common import legacy_pages


def test_the_flag_exists_and_is_off_once_pages_common_is_imported():
    assert legacy_pages.FLAG in vars(PagesManager), "Streamlit renamed or removed PagesManager.uses_pages_directory"
    assert getattr(PagesManager, legacy_pages.FLAG) is False


def test_a_new_pages_manager_keeps_legacy_mode_off():
    params = list(inspect.signature(PagesManager.__init__).parameters)
    assert params[:2] == ["self", "main_script_path"], f"PagesManager.__init__ changed: {params}"
    legacy_pages.patch_for_apptest()
    setattr(PagesManager, legacy_pages.FLAG, True)  # what AppTest does before a run
    PagesManager("app.py")
    assert getattr(PagesManager, legacy_pages.FLAG) is False
