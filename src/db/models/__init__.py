"""All ORM models; importing this package registers every table on `Base.metadata`."""

from db.models import exchange  # noqa: F401  (registers the office-exchange tables)
from db.models.caseload import CaseloadEntry, CaseloadPerson
from db.models.consent_state import PersonConsentState
from db.models.contacts import ContactSessionDay, FamilyContactDay
from db.models.derived_pause import PausedTrigger
from db.models.effectiveness import Assessment  # noqa: F401  (registers the assessment tables)
from db.models.families import Family, FamilyCategory, FamilyMember, PlanItem, SupportCase, case_grounds
from db.models.paperwork import IppsuService, SocialPaper, UrgentService
from db.models.people import ChildProfile, Consent, Diagnosis, IdentityDocument, Person
from db.models.periods import PeriodSubmission, PeriodSubmissionOffice
from db.models.reference import (
    DictionaryItem,
    District,
    Indicator,
    Office,
    Organization,
    Service,
    Setting,
    Settlement,
    Staff,
)
from db.models.region_summary import ServiceTotal, ServiceYear
from db.models.report_summary import PlaceMonth, SessionMonth
from db.models.security import ROLES, AuditEntry, User, user_offices
from db.models.work import (
    BrigadeTrip,
    Event,
    EventFamily,
    EventFile,
    HomeVisit,
    RehabSession,
    SessionParticipant,
    TripFamily,
    TripStop,
    VisitService,
    trip_members,
    visit_staff,
)

__all__ = [
    "ROLES",
    "AuditEntry",
    "BrigadeTrip",
    "CaseloadEntry",
    "CaseloadPerson",
    "ChildProfile",
    "Consent",
    "ContactSessionDay",
    "Diagnosis",
    "DictionaryItem",
    "District",
    "Event",
    "EventFamily",
    "EventFile",
    "Family",
    "FamilyCategory",
    "FamilyContactDay",
    "FamilyMember",
    "HomeVisit",
    "IdentityDocument",
    "Indicator",
    "IppsuService",
    "Office",
    "Organization",
    "PausedTrigger",
    "PeriodSubmission",
    "PeriodSubmissionOffice",
    "Person",
    "PersonConsentState",
    "PlaceMonth",
    "PlanItem",
    "RehabSession",
    "Service",
    "ServiceTotal",
    "ServiceYear",
    "SessionMonth",
    "SessionParticipant",
    "Setting",
    "Settlement",
    "SocialPaper",
    "Staff",
    "SupportCase",
    "TripFamily",
    "TripStop",
    "UrgentService",
    "User",
    "VisitService",
    "case_grounds",
    "trip_members",
    "user_offices",
    "visit_staff",
]
