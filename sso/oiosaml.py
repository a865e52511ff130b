"""The OIOSAML 3 profile's names and formats (Danish public-sector SAML), used by KOMBIT's
adgangsstyring, NemLog-in (MitID Erhverv) and municipal AD FS set-ups.

Privileges arrive as a base64-encoded OIO Basic Privilege Profile document: a list of
privilege groups, each scoped to an organisation (a CVR number), each holding privileges
(for KOMBIT: the user system roles an administrator gave the user).
"""

from __future__ import annotations

import base64
import binascii
import re

from defusedxml import ElementTree

SPEC_VERSION = "https://data.gov.dk/model/core/specVersion"
NSIS_LOA = "https://data.gov.dk/concept/core/nsis/loa"
EMAIL = "https://data.gov.dk/model/core/eid/email"
FORNAVN = "https://data.gov.dk/model/core/eid/firstName"
EFTERNAVN = "https://data.gov.dk/model/core/eid/lastName"
CVR = "https://data.gov.dk/model/core/eid/professional/cvr"
ORGANISATIONSNAVN = "https://data.gov.dk/model/core/eid/professional/orgName"
MEDARBEJDER_UUID = "https://data.gov.dk/model/core/eid/professional/uuid/persistent"
PRIVILEGIER = "https://data.gov.dk/model/core/eid/privilegesIntermediate"
PRIVILEGIER_OIOSAML2 = "dk:gov:saml:attribute:Privileges_intermediate"
BPP_ATTRIBUTTER = {PRIVILEGIER, PRIVILEGIER_OIOSAML2}
# AD FS' and Entra ID's usual role and group claims.
ADFS_ROLLE = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role"
ADFS_GRUPPE = "http://schemas.xmlsoap.org/claims/Group"
ENTRA_GRUPPER = "http://schemas.microsoft.com/ws/2008/06/identity/claims/groups"

# The levels in AuthnContextClassRef (and in NSIS_LOA, there without the prefix).
LOA_PREFIX = "https://data.gov.dk/concept/core/nsis/loa/"
LOA_TIL_NIVEAU = {"low": "lav", "substantial": "betydelig", "high": "hoej"}
NIVEAU_TIL_LOA = {v: LOA_PREFIX + k.capitalize() for k, v in LOA_TIL_NIVEAU.items()}

_CVR_SCOPE = re.compile(r"^urn:dk:gov:saml:cvrNumberIdentifier:(\d{8})$")
BPP_NAMESPACE = "http://digst.dk/oiosaml/basic_privilege_profile"


def nsis_niveau(vaerdi: str | None) -> str:
    """'Substantial' or '…/nsis/loa/Substantial' → 'betydelig'; anything else → ''."""
    if not vaerdi:
        return ""
    return LOA_TIL_NIVEAU.get(vaerdi.strip().rsplit("/", 1)[-1].lower(), "")


def privilegier(vaerdi: str) -> list[tuple[str | None, str]]:
    """(CVR of the group's scope or None, privilege) for every privilege in a base64
    OIO-BPP document. A value that is not such a document yields nothing."""
    try:
        xml = base64.b64decode(vaerdi.strip(), validate=False)
        rod = ElementTree.fromstring(xml)
    except (binascii.Error, ValueError, ElementTree.ParseError):
        return []
    ud = []
    for gruppe in rod.iter():
        if _lokalt_navn(gruppe.tag) != "PrivilegeGroup":
            continue
        match = _CVR_SCOPE.match(gruppe.get("Scope", "").strip())
        cvr = match.group(1) if match else None
        for element in gruppe:
            if _lokalt_navn(element.tag) == "Privilege" and (element.text or "").strip():
                ud.append((cvr, element.text.strip()))
    return ud


def privilegieliste(grupper: dict[str, list[str]]) -> str:
    """The base64 OIO-BPP document for {cvr: [privilege, …]} (what an IdP sends)."""
    dele = [f'<bpp:PrivilegeList xmlns:bpp="{BPP_NAMESPACE}">']
    for cvr, privs in grupper.items():
        dele.append(f'<PrivilegeGroup Scope="urn:dk:gov:saml:cvrNumberIdentifier:{cvr}">')
        dele.extend(f"<Privilege>{p}</Privilege>" for p in privs)
        dele.append("</PrivilegeGroup>")
    dele.append("</bpp:PrivilegeList>")
    return base64.b64encode("".join(dele).encode()).decode()


def metadata_naevner_idp(metadata_xml: str, entity_id: str) -> bool:
    """Whether the metadata describes an IdP with this entity ID (an EntityDescriptor with
    an IDPSSODescriptor), so a pasted file for another party is caught in the admin."""
    try:
        rod = ElementTree.fromstring(metadata_xml.encode())
    except (ValueError, ElementTree.ParseError):
        return False
    for element in rod.iter():
        if _lokalt_navn(element.tag) == "EntityDescriptor" and element.get("entityID") == entity_id:
            return any(_lokalt_navn(barn.tag) == "IDPSSODescriptor" for barn in element)
    return False


def _lokalt_navn(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]
