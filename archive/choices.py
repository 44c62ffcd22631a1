"""The archive's controlled vocabularies: kinds, statuses, regions, languages, relations."""

from django.db import models


class Region(models.TextChoices):
    AFRICA = "africa", "Africa"
    AMERICAS = "americas", "Americas"
    ASIA = "asia", "Asia"
    EUROPE = "europe", "Europe"
    OCEANIA = "oceania", "Oceania"
    INTERNATIONAL = "international", "International"


class BodyKind(models.TextChoices):
    FOREIGN_MINISTRY = "foreign_ministry", "Foreign ministry"
    HEAD_OF_STATE = "head_of_state", "Head of state or government"
    GOVERNMENT = "government", "Government"
    SPOKESPERSON = "spokesperson", "Spokesperson's office"
    NEWS_AGENCY = "news_agency", "News agency"
    MILITARY = "military", "Military"
    INTERNATIONAL_ORGANISATION = "international_organisation", "International organisation"
    MISSION = "mission", "Diplomatic mission"
    PARLIAMENT = "parliament", "Parliament"
    PARTY = "party", "Political party"
    OTHER = "other", "Other"


class EventKind(models.TextChoices):
    MILITARY_EXERCISE = "military_exercise", "Military exercise"
    SUMMIT = "summit", "Summit"
    TREATY = "treaty", "Treaty or agreement"
    MISSILE_TEST = "missile_test", "Missile or weapons test"
    SANCTIONS = "sanctions", "Sanctions resolution"
    SESSION = "session", "Session of an assembly"
    ELECTION = "election", "Election"
    ATTACK = "attack", "Attack"
    CONFLICT = "conflict", "Conflict"
    ALLIANCE = "alliance", "Alliance or partnership"
    OTHER = "other", "Other"


class StatementKind(models.TextChoices):
    STATEMENT = "statement", "Statement"
    PRESS_RELEASE = "press_release", "Press release"
    COMMUNIQUE = "communique", "Communiqué"
    JOINT_STATEMENT = "joint_statement", "Joint statement"
    SPEECH = "speech", "Speech"
    PRESS_BRIEFING = "press_briefing", "Press briefing"
    INTERVIEW = "interview", "Interview"
    LETTER = "letter", "Letter"
    DECLARATION = "declaration", "Declaration"
    REMARKS = "remarks", "Remarks"
    RESOLUTION = "resolution", "Resolution"


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    REVIEW = "review", "Ready for review"
    PUBLISHED = "published", "Published"
    WITHDRAWN = "withdrawn", "Withdrawn"


class RelationKind(models.TextChoices):
    RESPONDS_TO = "responds_to", "responds to"
    REBUTS = "rebuts", "rebuts"
    REAFFIRMS = "reaffirms", "reaffirms"
    CITES = "cites", "cites"


LANGUAGE_CHOICES = [
    ("ar", "Arabic"),
    ("zh", "Chinese"),
    ("en", "English"),
    ("fr", "French"),
    ("de", "German"),
    ("ja", "Japanese"),
    ("ko", "Korean"),
    ("pt", "Portuguese"),
    ("ru", "Russian"),
    ("es", "Spanish"),
    ("other", "Other"),
]


INVERSE_RELATION_LABELS = {
    RelationKind.RESPONDS_TO: "answered by",
    RelationKind.REBUTS: "rebutted by",
    RelationKind.REAFFIRMS: "reaffirmed by",
    RelationKind.CITES: "cited by",
}
