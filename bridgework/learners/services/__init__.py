"""Write-side services for learners, enrolments and teaching groups."""
