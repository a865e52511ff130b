"""No admin for week registrations: they are case content (contacts, notes on why there
was none), read on the case screens by the course's caseworker and mentor only."""
