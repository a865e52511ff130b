"""Reads of the oekonomi app, always for the teams the user may see
(organisation.permissions.oekonomi_team_ids)."""
