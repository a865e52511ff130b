from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DatoFelt
from forloeb.models import Mentor, MentorType, Ydelsesgruppe
from organisation.models import Rolle, Team, User

from .models import StikproeveSag, Vurdering
from .regler import STAR_PUNKTER
from .selectors import Filtre


class FilterForm(forms.Form):
    """The dashboard's and course list's filters; choices limited to the leader's teams."""

    team = forms.ModelChoiceField(
        queryset=Team.objects.none(), required=False, label=_("Team"), empty_label=_("Alle")
    )
    sagsbehandler = forms.ModelChoiceField(
        queryset=User.objects.none(),
        required=False,
        label=_("Sagsbehandler"),
        empty_label=_("Alle"),
    )
    mentor = forms.ModelChoiceField(
        queryset=Mentor.objects.none(), required=False, label=_("Mentor"), empty_label=_("Alle")
    )
    mentortype = forms.ChoiceField(
        choices=[("", _("Alle"))] + list(MentorType.choices), required=False, label=_("Mentortype")
    )
    ydelsesgruppe = forms.ChoiceField(
        choices=[("", _("Alle"))] + list(Ydelsesgruppe.choices),
        required=False,
        label=_("Ydelsesgruppe"),
    )
    fra = DatoFelt(
        required=False, label=_("Periode fra"), widget=forms.DateInput(attrs={"type": "date"})
    )
    til = DatoFelt(
        required=False, label=_("Periode til"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        teams = user.ledede_teams.all()
        self.fields["team"].queryset = teams
        self.fields["sagsbehandler"].queryset = (
            User.objects.med_rolle(Rolle.SAGSBEHANDLER)
            .filter(teams__in=teams)
            .distinct()
            .order_by("first_name", "last_name")
        )
        self.fields["mentor"].queryset = Mentor.objects.filter(
            organisation_id=user.organisation_id
        ).order_by("navn")

    def clean(self):
        data = super().clean()
        if data.get("fra") and data.get("til") and data["til"] < data["fra"]:
            self.add_error("til", _("Slutdatoen ligger før startdatoen."))
        return data

    def filtre(self) -> Filtre:
        if not self.is_valid():
            return Filtre()
        d = self.cleaned_data
        return Filtre(
            team=d["team"].pk if d.get("team") else None,
            sagsbehandler=d["sagsbehandler"].pk if d.get("sagsbehandler") else None,
            mentor=d["mentor"].pk if d.get("mentor") else None,
            mentortype=d.get("mentortype") or "",
            ydelsesgruppe=d.get("ydelsesgruppe") or "",
            fra=d.get("fra"),
            til=d.get("til"),
        )


class AcceptForm(forms.Form):
    note = forms.CharField(
        label=_("Hvorfor accepteres advarslen?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_(
            "Advarslen forbliver åben, til betingelsen er væk; begrundelsen gemmes med historik."
        ),
    )


class StikproeveForm(forms.Form):
    antal = forms.IntegerField(label=_("Antal forløb"), min_value=1, max_value=200, initial=20)
    team = forms.ModelChoiceField(
        queryset=Team.objects.none(),
        required=False,
        label=_("Team"),
        empty_label=_("Alle mine teams"),
    )
    titel = forms.CharField(label=_("Titel"), max_length=200, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = user.ledede_teams.all()


class VurderingForm(forms.ModelForm):
    class Meta:
        model = StikproeveSag
        fields = [*STAR_PUNKTER, "kommentar"]
        widgets = {
            **{p: forms.RadioSelect(choices=Vurdering.choices) for p in STAR_PUNKTER},
            "kommentar": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for p in STAR_PUNKTER:
            self.fields[p].required = True
            self.fields[p].choices = Vurdering.choices
