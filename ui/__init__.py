"""Streamlit pages, used only by app.py.

Each ``ui/page_*.py`` module defines ``PAGE = {"title": <message key>, "icon": ":material/...:", "order":
int}`` and ``render(ctx: ui.context.PageContext) -> None``.  app.py discovers them, builds the navigation and
the shared sidebar (language, unit set, survey year, project), and calls the selected page.  Pages read data
only through cached helpers in ``ui/cache.py`` (simple keys: strings, ints, tuples), keep ids and choices —
never frames — in session state, and show :class:`geo.errors.AppError` messages with ``render(ctx.lang)``,
never a traceback.
"""
