from .committees import Committee, CommitteeOfficerAccount, CommitteeQuerySet, officer_committee
from .officers import ASSOCIATION_ROLES, COMMITTEE_ROLES, Officer, OfficerQuerySet, OfficerRole

__all__ = [
    "ASSOCIATION_ROLES",
    "COMMITTEE_ROLES",
    "Committee",
    "CommitteeOfficerAccount",
    "CommitteeQuerySet",
    "Officer",
    "OfficerQuerySet",
    "OfficerRole",
    "officer_committee",
]
