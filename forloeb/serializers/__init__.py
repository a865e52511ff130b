"""API shapes for citizens, mentors and courses. Validation of *type* only: every rule
lives in forloeb.services, which the API calls exactly as the forms do."""

from .felter import MAX_DATO, MIN_DATO, Dato, Tekst
from .forloeb import (
    INDHOLD,
    AfslutningSerializer,
    AnnullerSerializer,
    ForloebOpdaterSerializer,
    ForloebOpretSerializer,
    ForloebSerializer,
    FuldfoerAfslutningSerializer,
    MentorskiftSerializer,
    MentortilknytningSerializer,
)
from .indhold import (
    ArbejdspunktSerializer,
    ArbejdspunktStatusSerializer,
    BevillingSerializer,
    MentoraftaleFuldSerializer,
    MentoraftaleSerializer,
    MoedeSerializer,
    OpfoelgningSerializer,
    ProgressionsvurderingSerializer,
    ResultatSerializer,
    StatusrapportSerializer,
    TimeaendringSerializer,
    UdleveringSerializer,
)
from .personer import BorgerSerializer, CprSoegningSerializer, MentorSerializer

__all__ = [
    "AfslutningSerializer",
    "AnnullerSerializer",
    "ArbejdspunktSerializer",
    "ArbejdspunktStatusSerializer",
    "BevillingSerializer",
    "BorgerSerializer",
    "CprSoegningSerializer",
    "Dato",
    "ForloebOpdaterSerializer",
    "ForloebOpretSerializer",
    "ForloebSerializer",
    "FuldfoerAfslutningSerializer",
    "INDHOLD",
    "MAX_DATO",
    "MIN_DATO",
    "MentorSerializer",
    "MentoraftaleFuldSerializer",
    "MentoraftaleSerializer",
    "MentorskiftSerializer",
    "MentortilknytningSerializer",
    "MoedeSerializer",
    "OpfoelgningSerializer",
    "ProgressionsvurderingSerializer",
    "ResultatSerializer",
    "StatusrapportSerializer",
    "Tekst",
    "TimeaendringSerializer",
    "UdleveringSerializer",
]
