"""Who may bring data in and take it out of a centre."""

import rules

from bridgework.people.rules import is_centre_staff

rules.add_perm("centre.import_data", is_centre_staff)
rules.add_perm("centre.export_data", is_centre_staff)
