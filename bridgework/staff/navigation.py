from bridgework.core.navigation import STAFF_NAV, NavEntry

STAFF_NAV.extend(
    [
        NavEntry("Home", "staff:home", "centre.view"),
        NavEntry("Learners", "staff:learner_list", "centre.view", section="staff:learner"),
        NavEntry("Groups", "staff:group_list", "centre.view", section="staff:group"),
        NavEntry("Employers", "staff:employer_list", "employers.view", section="staff:employer"),
        NavEntry("Plans", "staff:plan_list", "activities.view", section="staff:plan"),
        NavEntry("Activities", "staff:activity_list", "activities.view", section="staff:activit"),
        NavEntry("Calendar", "staff:calendar_month", "activities.view", section="staff:calendar"),
        NavEntry("Portfolios", "staff:portfolio_entries", "portfolio.view_shared", section="staff:portfolio"),
        NavEntry("People", "staff:people_list", "centre.manage_people", section="staff:people"),
        NavEntry("API tokens", "staff:token_list", "centre.manage_api_tokens", section="staff:token"),
        NavEntry("Imports", "staff:import_list", "centre.import_data", section="staff:import"),
        NavEntry("Compliance", "staff:compliance_dashboard", "centre.view", section="staff:compliance"),
    ]
)

STAFF_NAV.append(
    NavEntry("Moderation", "staff:moderation_home", "centre.manage_moderation", section="staff:moderation")
)
