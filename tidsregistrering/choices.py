"""The vocabularies of weekly contact (PRODUCT.md §10): stable codes, Danish labels."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class IngenKontaktAarsag(models.TextChoices):
    UDEBLEV = "udeblev", _("Borger udeblev")
    SYG = "syg", _("Borger syg")
    MENTOR_FRAVAER = "mentor_fravaer", _("Mentor fraværende")
    FERIE = "ferie", _("Ferie")
    ANDET = "andet", _("Andet")


class Kontaktform(models.TextChoices):
    FYSISK = "fysisk", _("Fysisk møde")
    TELEFON = "telefon", _("Telefon")
    VIDEO = "video", _("Video")
    SKRIFTLIG = "skriftlig", _("Sms/mail")
    LEDSAGELSE = "ledsagelse", _("Ledsagelse til aftale")
    NETVAERKSMOEDE = "netvaerksmoede", _("Netværksmøde")
