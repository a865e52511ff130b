"""The OpenAPI schema tells the whole truth about errors: every operation documents the
error answers it can give (drf-spectacular only lists the success), so a client, and
schemathesis, can rely on the status codes."""

from __future__ import annotations

FEJL = {
    "type": "object",
    "description": "Fejl: `detail` med en dansk besked, eller feltnavne med lister af beskeder.",
    "additionalProperties": True,
}

FEJLSVAR = {
    "400": "Ugyldige data (feltfejl) eller ugyldig JSON.",
    "401": "Ikke logget ind: send `Authorization: Token <nøgle>`.",
    "403": "Rollen må ikke dette.",
    "404": "Findes ikke, eller brugeren må ikke se det.",
    "405": "Metoden findes ikke for denne adresse.",
    "406": "Formatet i Accept kan ikke leveres.",
    "415": "Body i et format, API'et ikke læser.",
    "429": "For mange forsøg; prøv igen senere.",
}
METODER = {"get", "post", "put", "patch", "delete"}


def dokumenter_fejlsvar(result, generator, request, public):
    """drf-spectacular postprocessing hook: add the error answers to every operation."""
    result.setdefault("components", {}).setdefault("schemas", {})["Fejl"] = FEJL
    indhold = {"application/json": {"schema": {"$ref": "#/components/schemas/Fejl"}}}
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            if method not in METODER:
                continue
            responses = operation.setdefault("responses", {})
            for kode, beskrivelse in FEJLSVAR.items():
                responses.setdefault(kode, {"description": beskrivelse, "content": indhold})
    return result
