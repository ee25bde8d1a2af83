"""Slide deck and reading events: a page shown, the end of a reading reached, and cmi5
`completed` once every page of a deck was seen or the reading was finished.
"""

from __future__ import annotations

from player.course.manifest import SlidesUnit
from player.store import progress as pg
from player.store import statements as st
from player.store.database import StoreError
from player.store.sessions import UnitSession
from player.store.unit_event import EventRecorder, UnitEvent


class DocumentEvents(EventRecorder):
    """The slide decks' and readings' events; each is one transaction."""

    def slide_viewed(self, session: UnitSession, page: int) -> pg.UnitProgress:
        """Page `page` (1-based) of a deck was shown; all pages seen completes the deck."""
        unit = session.unit
        if not isinstance(unit, SlidesUnit):
            raise StoreError(f"unit {unit.id} is not a slide deck")
        if not 1 <= page <= unit.pages:
            raise ValueError(f"page {page} is not in 1..{unit.pages}")
        with self.event(session) as ev:
            ev.position = float(page)
            ev.emit(
                "experienced",
                st.page_activity(session.course, unit, page),
                context=ev.context(
                    parent=ev.unit_activity(),
                    extensions={st.EXT_PAGE: page, st.EXT_PAGES: unit.pages},
                ),
            )
            if not ev.state.completed and len(ev.state.pages_seen) >= unit.pages:
                self._completed(ev)
            return ev.finish()

    def reading_completed(self, session: UnitSession) -> pg.UnitProgress:
        """The learner reached the end of a reading (or said they finished it)."""
        with self.event(session) as ev:
            if not ev.state.completed:
                self._completed(ev)
            return ev.finish()

    def _completed(self, ev: UnitEvent) -> None:
        result = {"completion": True, "duration": st.duration_text(ev.unit_time)}
        ev.emit(
            "completed",
            ev.unit_activity(),
            result=result,
            context=ev.context(cmi5=True, moveon=True),
        )
