"""Identity providers, how their values map to Mentorsag's roles and teams, and the
identities that have logged in through them.

One `Identitetsudbyder` per organisation's IdP (AD FS, Entra ID, OS2faktor, NemLog-in for
MitID Erhverv); a shared IdP such as KOMBIT's adgangsstyring has no organisation and finds
it from the CVR number the IdP sends.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisation.models import Organisation, Rolle, Team, User

from . import oiosaml


class Protokol(models.TextChoices):
    SAML = "saml", _("SAML 2.0")
    OIDC = "oidc", _("OpenID Connect")


class NsisNiveau(models.TextChoices):
    """NSIS assurance levels, lowest first (the order is used for comparisons)."""

    INGEN = "", _("Intet krav")
    LAV = "lav", _("Lav")
    BETYDELIG = "betydelig", _("Betydelig")
    HOEJ = "hoej", _("Høj")

    @classmethod
    def raekkefoelge(cls, niveau: str) -> int:
        return list(cls.values).index(niveau) if niveau in cls.values else 0


class Signaturalgoritme(models.TextChoices):
    RS256 = "RS256", "RS256"
    PS256 = "PS256", "PS256"
    ES256 = "ES256", "ES256"


STANDARD_ATTRIBUTTER = {
    Protokol.SAML: {
        "email": oiosaml.EMAIL,
        "fornavn": oiosaml.FORNAVN,
        "efternavn": oiosaml.EFTERNAVN,
        "cvr": oiosaml.CVR,
        "nsis": oiosaml.NSIS_LOA,
        "roller": [oiosaml.PRIVILEGIER, oiosaml.PRIVILEGIER_OIOSAML2, oiosaml.ADFS_ROLLE],
    },
    Protokol.OIDC: {
        "email": "email",
        "fornavn": "given_name",
        "efternavn": "family_name",
        "cvr": "cvr",
        "nsis": "acr",
        "roller": ["roles", "groups"],
    },
}


class IdentitetsudbyderQuerySet(models.QuerySet):
    def aktive(self) -> IdentitetsudbyderQuerySet:
        return self.filter(aktiv=True)


class Identitetsudbyder(models.Model):
    navn = models.CharField(
        _("navn"), max_length=100, help_text=_("Vises på knappen: »Log ind med …«.")
    )
    slug = models.SlugField(
        _("kortnavn"), unique=True, help_text=_("Bruges i adresserne, fx /sso/saml/<kortnavn>/.")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="identitetsudbydere",
        verbose_name=_("organisation"),
        help_text=_(
            "Tom for en fælles udbyder (fx KOMBITs adgangsstyring): så findes organisationen "
            "ud fra CVR-nummeret, som udbyderen sender."
        ),
    )
    protokol = models.CharField(_("protokol"), max_length=8, choices=Protokol.choices)
    aktiv = models.BooleanField(_("aktiv"), default=True)
    vis_paa_login = models.BooleanField(_("vis på log-ind-siden"), default=True)
    kraevet_nsis_niveau = models.CharField(
        _("krævet NSIS-sikringsniveau"),
        max_length=16,
        choices=NsisNiveau.choices,
        blank=True,
        default=NsisNiveau.INGEN,
        help_text=_(
            "Et log-ind under dette niveau afvises. For SAML bedes udbyderen også om niveauet "
            "(RequestedAuthnContext efter OIOSAML 3)."
        ),
    )

    # SAML 2.0
    entity_id = models.CharField(_("entity ID (SAML)"), max_length=500, blank=True)
    metadata_xml = models.TextField(
        _("metadata (SAML)"),
        blank=True,
        help_text=_("Udbyderens metadata som XML, med signeringscertifikat og endpoints."),
    )

    # OpenID Connect
    issuer = models.URLField(_("issuer (OIDC)"), max_length=500, blank=True)
    client_id = models.CharField(_("klient-id (OIDC)"), max_length=200, blank=True)
    client_secret = models.CharField(_("klienthemmelighed (OIDC)"), max_length=500, blank=True)
    authorization_endpoint = models.URLField(
        _("authorization endpoint"), max_length=500, blank=True
    )
    token_endpoint = models.URLField(_("token endpoint"), max_length=500, blank=True)
    jwks_uri = models.URLField(_("JWKS-adresse"), max_length=500, blank=True)
    userinfo_endpoint = models.URLField(
        _("userinfo endpoint"),
        max_length=500,
        blank=True,
        help_text=_("Tom: rollerne og navnet læses af ID-tokenet alene."),
    )
    end_session_endpoint = models.URLField(_("end session endpoint"), max_length=500, blank=True)
    scopes = models.CharField(_("scopes"), max_length=200, default="openid email profile")
    signaturalgoritme = models.CharField(
        _("signaturalgoritme for ID-token"),
        max_length=8,
        choices=Signaturalgoritme.choices,
        default=Signaturalgoritme.RS256,
    )

    # Attributes / claims; empty means the protocol's standard (see STANDARD_ATTRIBUTTER).
    attr_brugernavn = models.CharField(
        _("attribut med brugernavn"),
        max_length=200,
        blank=True,
        help_text=_("Fx UPN. Tom: e-mail, ellers en værdi afledt af NameID/sub."),
    )
    attr_email = models.CharField(_("attribut med e-mail"), max_length=200, blank=True)
    attr_fornavn = models.CharField(_("attribut med fornavn"), max_length=200, blank=True)
    attr_efternavn = models.CharField(_("attribut med efternavn"), max_length=200, blank=True)
    attr_cvr = models.CharField(_("attribut med CVR-nummer"), max_length=200, blank=True)
    attr_nsis = models.CharField(_("attribut med NSIS-niveau"), max_length=200, blank=True)
    rolle_attributter = models.TextField(
        _("attributter med roller"),
        blank=True,
        help_text=_(
            "Én pr. linje: grupper, rolle-claims, OIOSAML-privilegier (afkodes automatisk) "
            "eller CVR-nummeret. Tom: protokollens standard."
        ),
    )

    opdateret = models.DateTimeField(_("opdateret"), auto_now=True)

    objects = IdentitetsudbyderQuerySet.as_manager()

    class Meta:
        verbose_name = _("identitetsudbyder")
        verbose_name_plural = _("identitetsudbydere")
        ordering = ["organisation__navn", "navn"]
        constraints = [
            models.UniqueConstraint(
                fields=["entity_id"],
                condition=~Q(entity_id=""),
                name="udbyder_entity_id_unik",
                violation_error_message=_(
                    "Der findes allerede en identitetsudbyder med dette entity-id."
                ),
            ),
            models.CheckConstraint(
                condition=Q(protokol="oidc") | ~Q(entity_id=""),
                name="saml_udbyder_har_entity_id",
                violation_error_message=_("En SAML-udbyder skal have et entity-id."),
            ),
        ]

    def __str__(self) -> str:
        return self.navn

    def attributnavn(self, hvad: str) -> str:
        return getattr(self, f"attr_{hvad}") or STANDARD_ATTRIBUTTER[self.protokol][hvad]

    def rolle_attributnavne(self) -> list[str]:
        egne = [linje.strip() for linje in self.rolle_attributter.splitlines() if linje.strip()]
        return egne or list(STANDARD_ATTRIBUTTER[self.protokol]["roller"])

    def clean(self):
        fejl = {}
        if self.protokol == Protokol.SAML:
            if not self.entity_id:
                fejl["entity_id"] = _("En SAML-udbyder skal have sit entity ID.")
            if not self.metadata_xml:
                fejl["metadata_xml"] = _("Indsæt udbyderens metadata (XML).")
            elif self.entity_id and not oiosaml.metadata_naevner_idp(
                self.metadata_xml, self.entity_id
            ):
                fejl["metadata_xml"] = _(
                    "Metadata beskriver ikke en identitetsudbyder med dette entity ID."
                )
        elif self.protokol == Protokol.OIDC:
            for felt in ("issuer", "client_id", "authorization_endpoint", "token_endpoint"):
                if not getattr(self, felt):
                    fejl[felt] = _("Udfyldes for en OpenID Connect-udbyder.")
            if not self.jwks_uri:
                fejl["jwks_uri"] = _("ID-tokenets signatur kontrolleres med udbyderens JWKS.")
            if "openid" not in self.scopes.split():
                fejl["scopes"] = _("Scopes skal indeholde »openid«.")
        if fejl:
            raise ValidationError(fejl)


class Rolletildeling(models.Model):
    """One IdP value (a group, a role claim, an OIOSAML privilege, a CVR number) that gives
    a Mentorsag role and/or team membership. A team leader role with a team makes the user
    the leader of that team."""

    udbyder = models.ForeignKey(
        Identitetsudbyder,
        on_delete=models.CASCADE,
        related_name="tildelinger",
        verbose_name=_("identitetsudbyder"),
    )
    vaerdi = models.CharField(_("værdi fra udbyderen"), max_length=500)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
        help_text=_("Kun for en fælles udbyder; ellers gælder udbyderens organisation."),
    )
    rolle = models.CharField(_("rolle"), max_length=32, choices=Rolle.choices, blank=True)
    team = models.ForeignKey(
        Team,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("team"),
    )

    class Meta:
        verbose_name = _("rolletildeling")
        verbose_name_plural = _("rolletildelinger")
        ordering = ["vaerdi", "rolle"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(rolle="") | Q(team__isnull=False),
                name="tildeling_giver_noget",
                violation_error_message=_("En tildeling skal give en rolle eller et team."),
            )
        ]

    def __str__(self) -> str:
        return self.vaerdi

    @property
    def gaeldende_organisation_id(self) -> int | None:
        return self.organisation_id or self.udbyder.organisation_id

    def clean(self):
        fejl = {}
        if not self.rolle and not self.team_id:
            fejl["rolle"] = _("Vælg en rolle, et team eller begge.")
        # In the admin's inline the IdP may not be saved yet: use the object, not its id.
        try:
            udbyder = self.udbyder
        except Identitetsudbyder.DoesNotExist:
            udbyder = None
        udbyder_org = udbyder.organisation_id if udbyder else None
        if udbyder is not None and udbyder_org is None and not self.organisation_id:
            fejl["organisation"] = _(
                "Udbyderen er fælles for flere organisationer: vælg hvilken tildelingen gælder."
            )
        if udbyder_org and self.organisation_id and self.organisation_id != udbyder_org:
            fejl["organisation"] = _("Udbyderen hører til en anden organisation.")
        org = self.organisation_id or udbyder_org
        if self.team_id and org and self.team.organisation_id != org:
            fejl["team"] = _("Teamet hører til en anden organisation.")
        if fejl:
            raise ValidationError(fejl)


class SsoIdentitet(models.Model):
    """A person at an IdP (persistent NameID or OIDC `sub`) and their Mentorsag user."""

    udbyder = models.ForeignKey(
        Identitetsudbyder,
        on_delete=models.PROTECT,
        related_name="identiteter",
        verbose_name=_("identitetsudbyder"),
    )
    subjekt = models.CharField(_("subjekt (NameID/sub)"), max_length=500)
    bruger = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="sso_identiteter", verbose_name=_("bruger")
    )
    oprettet = models.DateTimeField(_("oprettet"), default=timezone.now)
    sidst_logget_ind = models.DateTimeField(_("sidst logget ind"), default=timezone.now)

    class Meta:
        verbose_name = _("SSO-identitet")
        verbose_name_plural = _("SSO-identiteter")
        constraints = [
            models.UniqueConstraint(
                fields=["udbyder", "subjekt"],
                name="sso_identitet_unik",
                violation_error_message=_(
                    "Denne identitet hos udbyderen er allerede knyttet til en bruger."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.udbyder} · {self.bruger}"


class BrugtAssertion(models.Model):
    """SAML assertions already used, kept until they expire: the same assertion is never
    accepted twice, not even by two requests racing each other."""

    assertion_id = models.CharField(max_length=200, unique=True)
    udloeber = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("brugt SAML-assertion")
        verbose_name_plural = _("brugte SAML-assertions")

    def __str__(self) -> str:
        return self.assertion_id
