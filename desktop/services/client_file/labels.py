"""The words the client file shows for codes: statuses, fields, tables, sexes, languages."""

from __future__ import annotations

from datetime import UTC, datetime

from desktop.i18n import N_, NC_, format_money
from desktop.services.access import pure

SEXES = {"M": N_("Male"), "F": N_("Female")}
DOCUMENT_LANGUAGES = {"kk": N_("Kazakh"), "ru": N_("Russian"), "en": N_("English")}
CASE_STATUS = {"open": NC_("case status", "Open"), "closed": NC_("case status", "Closed")}
GOAL_STATUS = {"planned": N_("Planned"), "in_progress": N_("In progress"),
               "achieved": N_("Achieved"), "dropped": N_("Dropped")}
ENROLMENT_STATUS = {"waiting": N_("On the waiting list"), "enrolled": N_("Enrolled"),
                    "completed": N_("Completed the course"), "dropped": N_("Dropped out"),
                    "withdrawn": N_("Left the waiting list")}
JOB_STATUS = {"referred": NC_("status", "Referred"), "interview": N_("Interview"),
              "hired": NC_("status", "Hired"),
              "rejected": N_("Not taken"), "no_show": N_("Did not go"),
              "started": N_("In training"), "completed": N_("Training completed"),
              "dropped": N_("Left the training")}
DOCUMENT_STATUS = {"valid": N_("Valid"), "replaced": N_("Replaced"), "lost": N_("Lost"),
                   "revoked": N_("Revoked")}
REFERRAL_STATUS = {"referred": NC_("status", "Referred"), "accepted": NC_("status", "Accepted"),
                   "completed": NC_("status", "Completed"), "refused": NC_("status", "Refused"),
                   "no_response": N_("No response"), "cancelled": N_("Cancelled")}
# A guardian's link seen from the ward's side: the relationship list has no word for it.
WARD = N_("Ward (under their guardianship)")

TABLE_LABELS = {
    "person": N_("Client"), "document": N_("Document"), "consultation": N_("Consultation"),
    "follow_up": N_("Follow-up"), "client_case": N_("Case"), "case_goal": N_("Case goal"),
    "course_enrolment": N_("Course enrolment"), "job_referral": N_("Job referral"),
    "placement": N_("Job placement"), "referral": N_("Service referral"),
    "person_language": N_("Language"), "level_assessment": N_("Language assessment"),
    "retention_check": N_("Retention check"), "job_seeker": N_("Job-seeker profile"),
    "household_link": N_("Household member"),
}
ACTIONS = {"insert": N_("Created"), "update": N_("Changed"), "delete": N_("Deleted"),
           "merge": N_("Merged"), "export": N_("Exported")}
FIELD_LABELS = {
    "surname": N_("Surname"), "given_name": N_("Given name"), "patronymic": N_("Patronymic"),
    "surname_latin": N_("Surname (Latin)"), "given_name_latin": N_("Given name (Latin)"),
    "name_original": N_("Name in original script"), "iin": N_("IIN"),
    "birth_date": N_("Birth date"), "sex": N_("Sex"), "citizenship": N_("Citizenship"),
    "country_of_origin": N_("Country of origin"), "category_code": N_("Category"),
    "arrival_date": N_("Arrival date"), "region_code": N_("Region"), "locality": N_("Locality"),
    "address": N_("Address"), "phone": N_("Phone"), "email": N_("Email"),
    "messenger": N_("Messenger"), "education_code": N_("Education"),
    "profession": N_("Profession"), "preferred_language": N_("Language for documents"),
    "consent_date": N_("Consent date"), "consent_form_code": N_("Consent form"),
    "consent_recorded_by": N_("Consent recorded by"), "office_id": N_("Office"),
    "merged_file": N_("File merged into this one"), "moved_records": N_("Records moved"),
    "personal_data": N_("Copy of personal data"),
    "type_code": N_("Type"), "number": N_("Number"), "issued_by": N_("Issued by"),
    "issued_on": N_("Issued"), "expires_on": N_("Expires"), "title": N_("Title"),
    "due_on": N_("Due"), "done": N_("Done"), "done_at": N_("Done at"),
    "done_comment": N_("Comment"), "done_by": N_("Done by"), "assignee_id": N_("Assignee"),
    "caseworker_id": N_("Caseworker"), "status": N_("Status"), "held_at": N_("Held at"),
    "channel_code": N_("Channel"), "advice": N_("Advice"), "next_steps": N_("Next steps"),
    "notes": N_("Notes"), "next_appointment_at": N_("Next appointment"),
    "opened_on": N_("Opened"), "closed_on": NC_("date field", "Closed"),
    "closure_reason_code": N_("Closure reason"), "area_code": N_("Area"),
    "description": N_("Description"), "target_date": N_("Target date"),
    "relationship_code": N_("Relationship"), "service_type_code": N_("Service"),
    "referred_on": NC_("date field", "Referred"),
    "completed_on": NC_("date field", "Completed"), "outcome": N_("Outcome"),
    "accepted_on": NC_("date field", "Accepted"), "amount": N_("Amount"),
    "outcome_on": N_("Outcome date"), "position": N_("Position"),
    "monthly_wage": N_("Monthly wage"), "started_on": N_("Started"), "ended_on": N_("Ended"),
    "status_on": N_("Status date"), "status_note": N_("Status note"), "topics": N_("Topics"),
    "language_code": N_("Language"), "level_code": N_("Level"),
    "enrolled_on": N_("Enrolled on"), "finished_on": N_("Finished on"),
    "waiting_since": N_("On the waiting list since"), "offered_on": N_("Place offered on"),
    "level_before_code": N_("Level before"), "level_after_code": N_("Level reached"),
    "dropout_reason_code": N_("Drop-out reason"),
    "kind": N_("Kind"), "course_title": N_("Course"), "starts_on": N_("Starts"),
    "ends_on": N_("Ends"), "interview_on": N_("Interview"), "note": N_("Note"),
    "contract_type": N_("Contract type"), "months_after": N_("Months after the start"),
    "checked_on": N_("Checked on"), "still_employed": N_("Still employed"),
    "leaving_reason_code": N_("Why they left"),
}


@pure
def money(amount: int | None) -> str:
    """Tenge in the UI language; empty when there is no amount."""
    return "" if amount is None else format_money(amount)


# Stamps the application writes itself (utcnow); times people enter are wall-clock already.
UTC_FIELDS = frozenset({"done_at", "waiting_since"})


@pure
def local_time(stamp: datetime) -> datetime:
    """A stored naive-UTC stamp in the computer's own time zone, for display."""
    return stamp.replace(tzinfo=UTC).astimezone()
