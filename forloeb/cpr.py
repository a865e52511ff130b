"""CPR numbers: validation, masking, encryption at rest and a lookup hash for search.

The plain number is never stored. `cpr_krypteret` holds a Fernet token (key from the
`CPR_KEY` setting; several keys for rotation), `cpr_hash` an HMAC-SHA256 of the digits
(key `CPR_HASH_KEY`) so an exact search needs no decryption.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from datetime import date

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_CPR_RE = re.compile(r"^(\d{6})-?(\d{4})$")


def normalise(value: str) -> str:
    """Return the ten digits of a CPR number, or raise a Danish ValidationError."""
    match = _CPR_RE.match((value or "").strip().replace(" ", ""))
    if not match:
        raise ValidationError(_("CPR-nummeret skal have 10 cifre, fx 010190-1234."), code="format")
    digits = match.group(1) + match.group(2)
    birth_date(digits)
    return digits


def birth_date(digits: str) -> date:
    """The birth date, with the century read from the 7th digit (CPR-kontoret's table)."""
    day, month, yy, seventh = int(digits[0:2]), int(digits[2:4]), int(digits[4:6]), int(digits[6])
    if seventh <= 3:
        century = 1900
    elif seventh in (4, 9):
        century = 2000 if yy <= 36 else 1900
    elif seventh <= 8:
        century = 2000 if yy <= 57 else 1800
    try:
        return date(century + yy, month, day)
    except ValueError:
        raise ValidationError(
            _("CPR-nummerets første seks cifre er ikke en gyldig fødselsdato."), code="dato"
        ) from None


def mask(born: date) -> str:
    return f"{born:%d%m%y}-xxxx"


def formatted(digits: str) -> str:
    return f"{digits[:6]}-{digits[6:]}"


def _fernet_key(secret: str) -> bytes:
    return base64.urlsafe_b64encode(hashlib.sha256(secret.encode()).digest())


def _fernet() -> MultiFernet:
    keys = [k for k in settings.CPR_KEYS if k]
    return MultiFernet([Fernet(_fernet_key(k)) for k in keys])


def encrypt(digits: str) -> str:
    return _fernet().encrypt(digits.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        raise ValidationError(
            _("CPR-nummeret kan ikke dekrypteres med de kendte nøgler.")
        ) from None


def rotate(token: str) -> str:
    """Re-encrypt under the first (newest) key."""
    return _fernet().rotate(token.encode()).decode()


def lookup_hash(digits: str) -> str:
    return hmac.new(settings.CPR_HASH_KEY.encode(), digits.encode(), hashlib.sha256).hexdigest()
