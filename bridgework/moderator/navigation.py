from bridgework.core.navigation import AREA_NAV, NavEntry

AREA_NAV["moderator"].append(NavEntry("Queue", "moderator:home", section="moderator:"))
