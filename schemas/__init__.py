"""The records' contract: pydantic models with Russian titles and descriptions on every field."""

from .association import (
    Amendment,
    Approval,
    Association,
    LeaderElection,
    Membership,
    Participant,
    Plan,
    PlanItem,
    SchoolPair,
)  # fmt: skip
from .base import Choice, Record, TopRecord, school_year_bounds, school_year_of
from .council import (
    Council,
    CouncilConsultation,
    CouncilEvent,
    CouncilMaterial,
    CouncilMember,
    MonitoringReport,
)  # fmt: skip
from .diagnostic import (
    CompetenceDiagnostic,
    CompetenceResult,
    DiagnosticKind,
    SchoolBelow,
    SchoolCount,
)  # fmt: skip
from .library import NormativeAct, Practice, PracticeAuthor, Presentation
from .meeting import (
    Absence,
    AgendaItem,
    Attachment,
    Decision,
    Execution,
    FollowUp,
    Invitee,
    Meeting,
    Protocol,
    Statement,
    Voting,
)  # fmt: skip
from .people import Consent, Contacts, Organization, OrgName, Person, Position, YearCategory
from .programme import Indicator, IndicatorValue, Programme, ProgrammeKind
from .publication import PUBLICATION, Audience, Publication
from .settings import FocusTerm, MonthDay, RuleSettings, Settings, SiteSettings
from .work import (
    Acknowledgement,
    AnalysisFigures,
    AnalysisResults,
    AnnualAnalysis,
    Consultation,
    ConsultationRequest,
    Deficit,
    Measure,
    RepeatDiagnostic,
    Survey,
)  # fmt: skip

# Every kind of record kept in a file of its own, by its KIND.
RECORD_MODELS: dict[str, type[TopRecord]] = {
    model.KIND: model
    for model in (
        Settings,
        Person,
        Organization,
        Association,
        Membership,
        Plan,
        Meeting,
        ConsultationRequest,
        Consultation,
        Deficit,
        CompetenceDiagnostic,
        AnnualAnalysis,
        Acknowledgement,
        Practice,
        NormativeAct,
        Council,
        CouncilMaterial,
        CouncilEvent,
        MonitoringReport,
        CouncilConsultation,
        Programme,
    )
}

__all__ = [
    "PUBLICATION", "RECORD_MODELS", "Absence", "Acknowledgement", "AgendaItem", "Amendment",
    "AnalysisFigures", "AnalysisResults", "AnnualAnalysis", "Approval", "Association",
    "Attachment", "Audience", "Choice", "CompetenceDiagnostic", "CompetenceResult", "Consent", "Consultation", "ConsultationRequest",
    "Contacts", "Council", "CouncilConsultation", "CouncilEvent", "CouncilMaterial", "CouncilMember", "Decision",
    "Deficit", "DiagnosticKind", "Execution", "FocusTerm", "FollowUp", "Indicator", "IndicatorValue", "Invitee", "LeaderElection", "Measure",
    "Meeting", "Membership", "MonitoringReport", "MonthDay", "NormativeAct", "OrgName",
    "Organization", "Participant", "Person", "Plan", "PlanItem", "Position", "Practice",
    "PracticeAuthor", "Presentation", "Programme", "ProgrammeKind", "Protocol", "Publication", "Record", "RepeatDiagnostic",
    "RuleSettings", "SchoolBelow", "SchoolCount", "SchoolPair", "Settings", "SiteSettings", "Statement", "Survey",
    "TopRecord", "Voting", "YearCategory", "school_year_bounds", "school_year_of",
]  # fmt: skip
