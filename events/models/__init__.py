from .entries import Entry, EntryMember, EntryStatus
from .events import AgeGroup, Event, EventKind, Item, RacketKind, RoutineKind, TeamSize
from .festivals import Festival
from .results import Award, AwardType

__all__ = [
    "AgeGroup",
    "Award",
    "AwardType",
    "Entry",
    "EntryMember",
    "EntryStatus",
    "Event",
    "EventKind",
    "Festival",
    "Item",
    "RacketKind",
    "RoutineKind",
    "TeamSize",
]
