from .courses import Course, CourseKind
from .nominations import Nomination, NominationStatus
from .qualifications import Grade, Qualification, QualificationKind

__all__ = [
    "Course",
    "CourseKind",
    "Grade",
    "Nomination",
    "NominationStatus",
    "Qualification",
    "QualificationKind",
]
