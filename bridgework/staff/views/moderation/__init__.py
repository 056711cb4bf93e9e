"""The centre's side of quality assurance, under /c/<centre>/moderation/."""
