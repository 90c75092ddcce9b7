"""Every model, imported here so that ``Base.metadata`` knows the whole schema."""

from db.models.audit import AuditEntry
from db.models.case import (
    Case,
    CaseGoal,
    CaseStatus,
    CaseTransfer,
    GoalService,
    GoalStatus,
    TransferStatus,
)
from db.models.consultation import Consultation, consultation_topic_link
from db.models.course import (
    AssessmentKind,
    Attendance,
    CenterSetting,
    CourseEnrolment,
    CourseGroup,
    CourseSession,
    EnrolmentStatus,
    GroupStatus,
    LevelAssessment,
)
from db.models.employment import (
    ContractType,
    Employer,
    JobReferral,
    JobReferralKind,
    JobReferralStatus,
    JobSeeker,
    JobSeekerRegion,
    JobSeekerSector,
    Placement,
    RetentionCheck,
    Vacancy,
    VacancyLanguage,
    VacancyStatus,
)
from db.models.followup import FollowUp
from db.models.org import Center, Office, Role, User
from db.models.person import (
    DistinctPair,
    Document,
    HouseholdLink,
    Person,
    PersonLanguage,
    PersonTombstone,
)
from db.models.reference import REFERENCE_MODELS
from db.models.search import PersonSearchDocument
from db.models.service import Provider, Referral, ReferralStatus, StatusChange

__all__ = [
    "REFERENCE_MODELS",
    "AssessmentKind",
    "Attendance",
    "AuditEntry",
    "Case",
    "CaseGoal",
    "CaseStatus",
    "CaseTransfer",
    "Center",
    "CenterSetting",
    "Consultation",
    "ContractType",
    "CourseEnrolment",
    "CourseGroup",
    "CourseSession",
    "DistinctPair",
    "Document",
    "Employer",
    "EnrolmentStatus",
    "FollowUp",
    "GoalService",
    "GoalStatus",
    "GroupStatus",
    "HouseholdLink",
    "JobReferral",
    "JobReferralKind",
    "JobReferralStatus",
    "JobSeeker",
    "JobSeekerRegion",
    "JobSeekerSector",
    "LevelAssessment",
    "Office",
    "Person",
    "PersonLanguage",
    "PersonSearchDocument",
    "PersonTombstone",
    "Placement",
    "Provider",
    "Referral",
    "ReferralStatus",
    "RetentionCheck",
    "Role",
    "StatusChange",
    "TransferStatus",
    "User",
    "Vacancy",
    "VacancyLanguage",
    "VacancyStatus",
    "consultation_topic_link",
]
