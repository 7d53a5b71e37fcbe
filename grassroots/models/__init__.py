from .organisations import FundingMode, Organisation, OrgLevel, OrgStatus, UnitAssignment, UnitKind
from .people import Person, PersonRole
from .projects import Project, ProjectCategory
from .venues import Team, Venue, VenueKind

__all__ = [
    "FundingMode",
    "Organisation",
    "OrgLevel",
    "OrgStatus",
    "Person",
    "PersonRole",
    "Project",
    "ProjectCategory",
    "Team",
    "UnitAssignment",
    "UnitKind",
    "Venue",
    "VenueKind",
]
