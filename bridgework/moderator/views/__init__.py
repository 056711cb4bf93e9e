"""The moderator workspace: scoped to assigned centres (moderator_view) and to the moderator's awarding
organisation's qualifications (`for_my_ao`). Learner journals are never shown here."""
