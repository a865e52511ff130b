"""The API's JSON parser: deep nesting is a 400, not a RecursionError and a 500.

Kept apart from core.api: REST framework reads DEFAULT_PARSER_CLASSES while its views
module loads, and core.api imports those views.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

# Our bodies nest three levels at most (a week's contacts and their topics); 32 is ample.
MAKS_DYBDE = 32


def _dybde(data) -> int:
    """How deep lists and objects nest, without recursion."""
    dybest, stak = 0, [(data, 1)]
    while stak:
        value, niveau = stak.pop()
        if isinstance(value, dict):
            value = list(value.values())
        if isinstance(value, list):
            dybest = max(dybest, niveau)
            if niveau > MAKS_DYBDE:
                break
            stak.extend((v, niveau + 1) for v in value)
    return dybest


class JsonParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(_("JSON-data er for dybt indlejret.")) from None
        if _dybde(data) > MAKS_DYBDE:
            raise ParseError(_("JSON-data er for dybt indlejret."))
        return data
