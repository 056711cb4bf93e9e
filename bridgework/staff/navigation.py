from bridgework.core.navigation import STAFF_NAV, NavEntry

STAFF_NAV.extend(
    [
        NavEntry("Home", "staff:home", "centre.view"),
        NavEntry("Learners", "staff:learner_list", "centre.view", section="staff:learner"),
    ]
)
