"""A pysaml2 attribute map that matches no name format, so every attribute keeps the
name the IdP sent (OIOSAML URIs, AD FS claim types) instead of a friendly alias."""

MAP = {"identifier": "urn:mentorsag:ingen-konvertering", "fro": {}, "to": {}}
