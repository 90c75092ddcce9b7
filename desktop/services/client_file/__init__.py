"""One client's file: everything its tabs show, and saving the edited profile.

Every call takes the actor and checks, before anything else, that they may
work with this client (a caseworker only with their own office's clients).
Labels come in the UI language; dates stay dates for the window to format.

    items    the plain data the tabs show
    loading  load_file: a fixed handful of indexed queries, whatever the history
    history  the audit log put into words
    profile  the profile's rules and save_profile
    labels   the words for codes (statuses, fields, tables)
"""

from desktop.services.client_file.items import (
    ClientFile,
    ConsultationItem,
    CourseItem,
    DocumentItem,
    FollowUpItem,
    GoalItem,
    Header,
    HistoryItem,
    HouseholdItem,
    JobItem,
    JobSeekerItem,
    NoSuchClient,
    PlacementItem,
    Profile,
    ProfileChoices,
    RetentionItem,
    SocialItem,
    Urgency,
)
from desktop.services.client_file.labels import FIELD_LABELS
from desktop.services.client_file.loading import SOON_DAYS, age_on, load_file, profile_choices
from desktop.services.client_file.profile import (
    MAX_TEXT,
    PROFILE_FIELDS,
    FieldProblem,
    InvalidProfile,
    check_profile,
    field_problem_text,
    iin_hint_text,
    iin_warnings,
    normalise,
    profile_changes,
    profile_problems,
    save_profile,
)

__all__ = [
    "FIELD_LABELS", "MAX_TEXT", "PROFILE_FIELDS", "SOON_DAYS", "ClientFile", "ConsultationItem",
    "CourseItem", "DocumentItem", "FieldProblem", "FollowUpItem", "GoalItem", "Header",
    "HistoryItem",
    "HouseholdItem", "InvalidProfile", "JobItem", "JobSeekerItem", "NoSuchClient",
    "PlacementItem", "Profile", "ProfileChoices", "RetentionItem", "SocialItem", "Urgency",
    "age_on", "check_profile", "field_problem_text",
    "iin_hint_text", "iin_warnings", "load_file", "normalise", "profile_changes",
    "profile_choices", "profile_problems", "save_profile",
]
