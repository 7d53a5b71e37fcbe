from .organisations import FundingMode, Organisation, OrgLevel, OrgStatus, UnitAssignment, UnitKind, acting_unit
from .people import Person, PersonRole
from .projects import Project, ProjectCategory
from .sixhaves import (
    Campaign,
    EvidencePhoto,
    Inspection,
    InspectionKind,
    InspectionResult,
    InspectionScore,
    Rectification,
    RectificationStatus,
    SelfCheck,
    SelfCheckAnswer,
    SelfCheckStatus,
    Standard,
    StandardItem,
)
from .venues import Team, Venue, VenueKind

__all__ = [
    "Campaign",
    "EvidencePhoto",
    "FundingMode",
    "Inspection",
    "InspectionKind",
    "InspectionResult",
    "InspectionScore",
    "Organisation",
    "OrgLevel",
    "OrgStatus",
    "Person",
    "PersonRole",
    "Project",
    "ProjectCategory",
    "Rectification",
    "RectificationStatus",
    "SelfCheck",
    "SelfCheckAnswer",
    "SelfCheckStatus",
    "Standard",
    "StandardItem",
    "Team",
    "UnitAssignment",
    "UnitKind",
    "Venue",
    "VenueKind",
    "acting_unit",
]
