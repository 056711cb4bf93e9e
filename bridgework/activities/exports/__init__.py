"""Documents the awarding bodies and the college MIS ask for, built from the planner's data: the C&G
Employer Involvement Planner and Tracker, the OCR MEI Centre Plan and the ILR work placements. Each goes
through core.exports, so no text cell can run as a formula."""
