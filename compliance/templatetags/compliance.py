from django import template

register = template.Library()


@register.inclusion_tag("compliance/_mine_advarsler.html", takes_context=True)
def mine_advarsler(context):
    """The user's open flags, oldest first ("Mine advarsler"); filled by the compliance app."""
    return {"advarsler": [], "user": context.get("user")}


@register.inclusion_tag("compliance/_forloeb_advarsler.html")
def forloeb_advarsler(forloeb):
    """Open flags of one course, for the course page; filled by the compliance app."""
    return {"advarsler": [], "forloeb": forloeb}
