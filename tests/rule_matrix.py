"""The rule × write-path matrix: for every rule of DESIGN.md that constrains data, every
path that can write what it governs, where the rule holds on that path and which test
tries a violating write through it (issue 21).

tests/asdg/test_rule_matrix.py discovers the admin's add and change forms, inlines and
actions over the governed models; one that is not listed here (in PATHS, or in
NO_RULE_WRITES with the reason it writes nothing a rule governs) fails the suite. It also
runs the matrix's own cases (tests named `matrix:<case>`) and checks that every other
test named here exists.

`python -m tests.rule_matrix > docs/rules.md` writes the table for readers;
test_docs_rules_md_is_up_to_date keeps it in step.
"""

# ruff: noqa: E501 (one path per line, so that the matrix reads as the table it is)
from dataclasses import dataclass

RULES = {
    "M2": ("One recruitment round per calendar year", ["members.recruitmentround"]),
    "M3": ("Admission decided with who, when and why", ["members.application"]),
    "M5": (
        "Incompatible persons are never admitted; a sitting member who becomes incompatible "
        "leaves",
        ["members.application", "members.member", "members.incompatibilitydeclaration"],
    ),
    "M6": ("Membership is personal", ["members.application"]),
    "M7": (
        "Term of 1 to 4 years, extended once by at most a year",
        ["members.member", "members.termextensionrequest"],
    ),
    "M9": ("Expense claims: positive, decided with who, when and why", ["finance.expenseclaim"]),
    "S1": ("At most 6 seats, all held by members", ["steering.seat"]),
    "S2": (
        "First steering group appointed, later ones elected by the members",
        ["steering.seat", "steering.election", "steering.candidate"],
    ),
    "S3": ("Steering-group term of 1 to 4 years", ["steering.seat", "steering.election"]),
    "S4": ("Roles, tasks and the retirement schedule", ["steering.seat"]),
    "S5": (
        "The plenary decides: an advice is adopted by a decision on the agenda item that "
        "carries its draft, and only once its project group marked the draft ready; in a "
        "vote in the room, one vote per member marked present, while the vote is open",
        ["advices.trajectory", "steering.decision", "steering.roomvote", "steering.roomvoteroll"],
    ),
    "P2": ("5 to 10 members while advising", ["projectgroups.projectgroup", "projectgroups.participation"]),
    "P3": ("The group lives as long as the advice request", ["projectgroups.projectgroup"]),
    "A2": (
        "Legal basis; Participatiewet only after the Cliëntenraad",
        ["advices.trajectory", "steering.decision", "steering.plenarymeeting"],
    ),
    "A3": (
        "The college's response, per recommendation",
        ["advices.collegeresponse", "advices.recommendation"],
    ),
    "A4": ("Only adopted advices are published", ["advices.trajectory"]),
    "A5": ("Sized for 10 to 15 advices a year (shown, not refused)", ["advices.trajectory"]),
    "F2": ("Budget lines hold what their formula needs", ["finance.budgetyear", "finance.budgetline"]),
}  # fmt: skip


@dataclass(frozen=True)
class Path:
    rule: str
    where: str  # "admin add <model>", "admin change <model>", "admin inline <parent> > <model>",
    # "admin view <model>.<view>" (a view of its ModelAdmin.get_urls beyond the standard five),
    # "admin action <model>.<action>", "portal <url>", "service <function>", "database <model>"
    enforced: str  # the layer that refuses the violating write
    test: str  # a pytest node id, or "matrix:<case>" for a case of test_rule_matrix.py
    closed: bool = False  # an admin path that no longer exists; its test proves it stays shut

    @property
    def kind(self) -> str:
        return " ".join(self.where.split()[:2]) if self.where.startswith("admin") else (
            self.where.split()[0]
        )  # fmt: skip


MEMBERS = "tests/members"
STEERING = "tests/steering"
CONSTRAINT = "tests/asdg/test_constraints.py::test_database_refuses"


def _db(rule, model, constraint):
    return Path(
        rule, f"database {model}", f"constraint {constraint}", f"{CONSTRAINT}[{constraint}]"
    )


PATHS = [
    # --- M2: recruitment rounds ---------------------------------------------------------
    Path("M2", "admin add members.recruitmentround", "constraint m2_round_within_its_year, its message on opens_on", "matrix:m2_admin_add_round_outside_its_year"),
    Path("M2", "admin change members.recruitmentround", "unique year", "matrix:m2_admin_change_second_round_in_a_year"),
    Path("M2", "portal /aanmelden/", "service application_submit (round open)", f"{MEMBERS}/test_apply.py::test_m2_no_application_outside_an_open_round"),
    _db("M2", "members.recruitmentround", "m2_round_within_its_year"),
    Path("M2", "database members.recruitmentround", "unique year", f"{MEMBERS}/test_rules.py::test_m2_second_round_in_a_year_is_refused_by_the_database"),
    # --- M3: admission ------------------------------------------------------------------
    Path("M3", "portal /portaal/aanmeldingen/<pk>/", "service application_decide", f"{MEMBERS}/test_review.py::test_m3_decision_needs_a_reason"),
    Path("M3", "admin view members.application.decide", "review form; service application_decide", "tests/members/test_admin_application_decide.py::test_a_decision_without_a_reason_keeps_what_was_typed"),
    Path("M3", "service members.services.recruitment.application_decide", "select_for_update, one decision", f"{MEMBERS}/test_rules.py::test_m3_two_simultaneous_decisions_produce_exactly_one"),
    _db("M3", "members.application", "m3_decision_records_who_when_why"),
    # --- M5: incompatibility ------------------------------------------------------------
    Path("M5", "portal /aanmelden/", "saved, marked ineligible", f"{MEMBERS}/test_apply.py::test_m5_yes_answer_saves_the_application_but_marks_it_ineligible"),
    Path("M5", "portal /portaal/aanmeldingen/<pk>/", "service application_decide", f"{MEMBERS}/test_review.py::test_m5_ineligible_applicant_cannot_be_admitted_from_the_portal"),
    Path("M5", "admin view members.application.decide", "form offers neither; service application_decide", "tests/members/test_admin_application_decide.py::test_m5_a_crafted_admission_of_an_ineligible_applicant_is_refused_on_the_field"),
    Path("M5", "service members.services.recruitment.application_decide", "service + constraint", f"{MEMBERS}/test_rules.py::test_m5_ineligible_applicant_cannot_be_admitted"),
    _db("M5", "members.application", "m5_ineligible_never_admitted"),
    Path("M5", "portal /portaal/aanmeldingen/<pk>/", "form offers no reserve list; service application_decide", f"{MEMBERS}/test_m5_paths.py::test_m5_review_refuses_a_crafted_reserve_post_for_an_ineligible_applicant"),
    Path("M5", "service members.services.recruitment.application_decide", "service: no reserve list for the ineligible", f"{MEMBERS}/test_m5_paths.py::test_m5_ineligible_applicant_cannot_be_put_on_the_reserve_list"),
    _db("M5", "members.application", "m5_ineligible_never_on_reserve_list"),
    Path("M5", "admin add members.member", "no add page (403): a member comes only from an admitted application", "matrix:m5_admin_add_member_page_is_gone", closed=True),
    Path("M5", "admin change members.member", "end fields read-only (end_due_on, ended_on, end_reason)", "matrix:m5_admin_change_member_ignores_the_end"),
    Path("M5", "admin action members.member.end_incompatible", "service member_end", "matrix:m5_admin_action_end_incompatible_records_the_reason"),
    Path("M5", "portal /portaal/lidmaatschap/verklaring/", "service declaration_submit marks the membership to end", "matrix:m5_declared_incompatible_member_gets_no_new_signup"),
    Path("M5", "service members.services.membership.declaration_submit", "select_for_update, end_due_on set", f"{MEMBERS}/test_m5_paths.py::test_m5_declaring_an_incompatibility_marks_the_membership_to_end"),
    Path("M5", "service projectgroups.services.participation_request", "member_ensure_not_ending", f"{MEMBERS}/test_m5_paths.py::test_m5_member_marked_to_end_cannot_sign_up_for_a_project_group"),
    Path("M5", "service projectgroups.services.participation_confirm", "member_ensure_not_ending", f"{MEMBERS}/test_m5_paths.py::test_m5_member_marked_to_end_is_not_confirmed_in_a_project_group"),
    Path("M5", "service steering.services.seats.seat_assign", "member_ensure_not_ending", f"{MEMBERS}/test_m5_paths.py::test_m5_member_marked_to_end_gets_no_seat"),
    Path("M5", "service members.services.membership.term_extension_decide", "member_ensure_not_ending", f"{MEMBERS}/test_m5_paths.py::test_m5_membership_marked_to_end_is_not_extended"),
    Path("M5", "service members.services.membership.member_end", "service: ends by the due date", f"{MEMBERS}/test_m5_paths.py::test_m5_marked_membership_cannot_end_after_its_due_date"),
    _db("M5", "members.member", "m5_marked_membership_ends_by_due_date"),
    # --- M6 -----------------------------------------------------------------------------
    Path("M6", "portal /aanmelden/", "form + constraint", f"{MEMBERS}/test_apply.py::test_m6_personal_capacity_is_required"),
    _db("M6", "members.application", "m6_personal_capacity"),
    # --- M7: terms ----------------------------------------------------------------------
    Path("M7", "admin add members.member", "no add page (403): the term is set at admission", "matrix:m5_admin_add_member_page_is_gone", closed=True),
    Path("M7", "portal /portaal/aanmeldingen/<pk>/", "form (1 to 4 years) + service application_decide", "matrix:m7_portal_admission_term_over_four_years"),
    Path("M7", "service members.services.recruitment.application_decide", "Member.full_clean + constraint", "matrix:m7_service_admission_term_over_four_years"),
    Path("M7", "admin change members.member", "start, term and extension read-only; trigger m7_member_term behind them", "matrix:m7_admin_change_member_extension_beyond_its_request"),
    Path("M7", "admin change members.member", "start, term and extension read-only; trigger m7_member_term behind them", "matrix:m7_admin_change_member_term_without_a_request"),
    Path("M7", "admin inline members.member > members.termextensionrequest", "read-only inline (the extension history)", "matrix:readonly_inline_members_member_termextensionrequest"),
    Path("M7", "admin change members.termextensionrequest", "read-only fields", "matrix:m7_admin_change_extension_request_ignores_months"),
    Path("M7", "admin action members.termextensionrequest.grant", "service term_extension_decide", "matrix:m7_admin_action_grant_a_second_extension"),
    Path("M7", "admin action members.termextensionrequest.refuse", "service term_extension_decide", f"{MEMBERS}/test_rules.py::test_m7_secretariat_refuses_an_extension_in_the_admin_with_a_reason"),
    Path("M7", "portal /portaal/lidmaatschap/verlenging/", "service term_extension_request", f"{MEMBERS}/test_portal.py::test_m7_extension_request_outside_1_to_12_months_refused"),
    Path("M7", "service members.services.membership.term_extension_decide", "service + constraint", f"{MEMBERS}/test_rules.py::test_m7_term_is_extended_once_only"),
    _db("M7", "members.member", "m7_term_one_to_four_years"),
    _db("M7", "members.member", "m7_extension_at_most_one_year"),
    _db("M7", "members.termextensionrequest", "m7_one_granted_extension_per_member"),
    _db("M7", "members.termextensionrequest", "m7_extension_request_1_to_12_months"),
    Path("M7", "database members.member", "trigger m7_member_term (m7_term_fixed_at_admission)", f"{MEMBERS}/test_m7_term_paths.py::test_m7_term_changed_after_admission_is_refused_by_the_database"),
    Path("M7", "database members.member", "trigger m7_member_term (m7_extension_is_the_granted_request)", f"{MEMBERS}/test_m7_term_paths.py::test_m7_extension_other_than_the_granted_request_is_refused_by_the_database"),
    Path("M7", "database members.termextensionrequest", "trigger m7_extension_decision_is_final", f"{MEMBERS}/test_m7_term_paths.py::test_m7_a_decided_request_is_final_in_the_database"),
    # --- M9: expense claims -------------------------------------------------------------
    Path("M9", "admin action finance.expenseclaim.approve", "service claim_approve", "matrix:m9_admin_action_approve_a_rejected_claim"),
    Path("M9", "admin action finance.expenseclaim.reject", "service claim_reject", "tests/finance/test_admin.py::test_m9_admin_approves_and_rejects_claims_through_the_services"),
    Path("M9", "admin view finance.expenseclaim.decide", "decision form; services claim_approve / claim_reject", "tests/finance/test_admin_claim_decide.py::test_m9_rejecting_from_the_admin_needs_a_reason_on_its_field"),
    Path("M9", "portal /portaal/begroting/declaraties/<pk>/beslissen/", "service claim_reject", "tests/finance/test_claims.py::test_m9_secretariat_reviews_and_decides_in_the_portal"),
    Path("M9", "portal /portaal/begroting/declaraties/nieuw/", "form + service claim_submit", "matrix:m9_portal_claim_of_nothing"),
    Path("M9", "service finance.services.claims.claim_submit", "service + constraint", "tests/finance/test_claims.py::test_m9_a_bad_claim_is_refused_on_its_field"),
    Path("M9", "service finance.services.claims.claim_approve", "select_for_update, booked once", "tests/finance/test_claims.py::test_m9_two_approvals_at_once_book_the_claim_once"),
    _db("M9", "finance.expenseclaim", "m9_claim_amount_positive"),
    _db("M9", "finance.expenseclaim", "m9_rejected_claim_has_a_reason"),
    _db("M9", "finance.expenseclaim", "m9_decided_claim_has_who_and_when"),
    _db("M9", "finance.expenseclaim", "m9_approved_claim_is_booked"),
    # --- S1–S4: the steering group ------------------------------------------------------
    Path("S1", "admin add steering.seat", "service seat_assign (lock)", "matrix:s1_admin_add_seventh_seat"),
    Path("S1", "admin add steering.seat", "service seat_assign: within the membership, message on starts_on or term_years", "matrix:s1_admin_add_seat_outside_the_membership"),
    Path("S1", "admin change steering.seat", "member, start and term read-only", "matrix:s1_admin_change_seat_ignores_member_and_term"),
    Path("S1", "admin action steering.seat.end_seats", "service seat_end", "matrix:s1_admin_action_end_seat_before_it_starts"),
    Path("S1", "service steering.services.seats.seat_assign", "advisory lock on the seats", f"{STEERING}/test_seats.py::test_s1_seventh_seat_race_makes_no_seventh_seat"),
    Path("S1", "service steering.services.seats.seat_assign", "service", f"{STEERING}/test_seats.py::test_s1_only_a_sitting_member_holds_a_seat"),
    Path("S1", "service steering.services.seats.seat_assign", "service: within the membership, extension included", "matrix:s1_service_seat_outside_the_membership"),
    Path("S1", "database steering.seat", "trigger s1_seat_within_membership", "matrix:s1_database_seat_outside_the_membership"),
    Path("S1", "database members.member", "trigger s1_membership_covers_its_seats", f"{STEERING}/test_seats.py::test_s1_database_refuses_shortening_a_membership_under_a_seat"),
    Path("S1", "database steering.seat", "trigger: membership end ends the seat", f"{STEERING}/test_seats.py::test_s1_membership_end_ends_the_seat"),
    Path("S1", "service steering.services.elections.election_close", "free seats only", f"{STEERING}/test_elections.py::test_s1_elected_without_a_free_seat_is_recorded"),
    Path("S2", "admin add steering.seat", "constraint s2_appointed_first_then_elected via the service", "matrix:s2_admin_add_appointed_seat_after_the_first_group"),
    Path("S2", "admin add steering.election", "service election_open", f"{STEERING}/test_elections.py::test_admin_shows_too_many_seats_on_the_field"),
    Path("S2", "admin inline steering.election > steering.candidate", "read-only inline", "matrix:readonly_inline_steering_election_candidate"),
    Path("S2", "admin action steering.election.determine_results", "service election_close", "matrix:s2_admin_action_determine_results_while_voting"),
    Path("S2", "portal /portaal/verkiezingen/<pk>/stemmen/", "service ballot_cast", f"{STEERING}/test_elections.py::test_portal_vote_refusal_shows_on_the_form"),
    Path("S2", "service steering.services.elections.ballot_cast", "select_for_update, roll unique", f"{STEERING}/test_elections.py::test_s2_double_voting_race_records_one_vote"),
    Path("S2", "service steering.services.seats.seat_assign", "service", f"{STEERING}/test_seats.py::test_s2_an_elected_seat_needs_the_member_elected_in_a_counted_election"),
    _db("S2", "steering.seat", "s2_appointed_first_then_elected"),
    Path("S3", "admin add steering.seat", "service seat_assign + constraint", "matrix:s3_admin_add_seat_of_five_years"),
    Path("S3", "admin add steering.election", "service election_open + constraint", "matrix:s3_admin_add_election_of_five_years"),
    Path("S3", "admin change steering.election", "read-only fields", "matrix:s3_admin_change_election_ignores_term"),
    Path("S3", "service steering.services.seats.seat_assign", "service", f"{STEERING}/test_seats.py::test_s3_term_is_one_to_four_years"),
    _db("S3", "steering.seat", "s3_term_one_to_four_years"),
    _db("S3", "steering.election", "s3_election_term_one_to_four_years"),
    Path("S4", "admin add steering.seat", "service seat_assign (schedule)", "matrix:s4_admin_add_seat_breaking_the_retirement_schedule"),
    Path("S4", "service steering.services.seats.seat_assign", "service (schedule)", f"{STEERING}/test_schedule.py::test_s4_at_most_half_of_the_seats_end_in_the_same_year"),
    Path("S4", "admin change steering.seat", "service seat_update_role", "matrix:s4_admin_change_seat_with_a_task_not_in_the_regulation"),
    Path("S4", "service steering.services.seats.seat_update_role", "service", f"{STEERING}/test_seats.py::test_seat_update_role_keeps_tasks_from_the_regulation"),
    Path("S4", "service steering.services.elections.election_open", "service", f"{STEERING}/test_elections.py::test_s4_election_term_keeps_the_retirement_schedule"),
    # --- S5: the plenary adopts a draft marked ready, on the item that carries it ----------
    Path("S5", "admin add steering.decision", "service decision_record (ready draft), message on trajectory", f"{STEERING}/test_decisions.py::test_s5_admin_refuses_adopting_a_draft_not_ready_on_the_field"),
    Path("S5", "admin add steering.decision", "form offers only the meeting's own items; service decision_record", f"{STEERING}/test_decisions.py::test_s5_admin_decision_form_offers_only_the_meetings_own_items_with_dates"),
    Path("S5", "admin inline steering.plenarymeeting > steering.decision", "read-only inline", "matrix:readonly_inline_steering_plenarymeeting_decision"),
    Path("S5", "admin action advices.trajectory.advance", "no adoption here: a plenary decision only", "tests/advices/test_admin.py::test_s5_the_admin_adopts_only_through_a_plenary_decision"),
    Path("S5", "admin view advices.trajectory.flow", "offers only the decisions adopted on the item carrying the draft; service decision_adopt_advice", "tests/advices/test_admin_flow.py::test_s5_ready_then_adopted_by_the_decision_of_the_meeting_that_carried_the_draft"),
    Path("S5", "admin view advices.trajectory.flow", "a draft not ready has no adoption step; service decision_adopt_advice (trajectory_ready_check)", "tests/advices/test_admin_flow.py::test_s5_a_draft_not_ready_cannot_be_adopted_from_the_flow"),
    Path("S5", "service steering.services.adoptions.decision_adopt_advice", "service: the checks of decision_record, the decision locked", f"{STEERING}/test_adoptions.py::test_s5_a_decision_adopts_only_a_ready_draft_on_the_item_that_carried_it"),
    Path("S5", "service steering.services.meetings.decision_record", "service: trajectory_ready_check before the decision is written", f"{STEERING}/test_decisions.py::test_s5_a_draft_never_marked_ready_is_not_adopted"),
    Path("S5", "service steering.services.meetings.decision_record", "service: on the agenda item that carries the draft", f"{STEERING}/test_decisions.py::test_s5_an_advice_is_adopted_on_the_agenda_item_that_carries_its_draft"),
    Path("S5", "service advices.services.trajectory_advance", "select_for_update + trajectory_ready_check", f"{STEERING}/test_decisions.py::test_s5_the_service_refuses_adopting_a_draft_not_ready"),
    Path("S5", "database advices.trajectory", "trigger s5_adopted_only_when_ready", f"{STEERING}/test_decisions.py::test_s5_database_refuses_adopting_a_trajectory_whose_draft_is_not_ready"),
    _db("S5", "advices.advice", "s5_adopted_advice_was_ready"),
    # Issue 17.5: votes in the room ("S5 vote rules": one vote per present member, while open).
    Path("S5", "admin inline steering.roomvote > steering.roomvoteroll", "read-only inline", "matrix:readonly_inline_steering_roomvote_roomvoteroll"),
    Path("S5", "portal /portaal/bijeenkomsten/<pk>/stemmen/", "service vote_cast + trigger s5_room_vote_by_present_members_while_open", f"{STEERING}/test_votes.py::test_s5_the_phone_page_refuses_a_member_not_present_and_a_closed_vote"),
    Path("S5", "portal /portaal/bijeenkomsten/<pk>/voorzitter/stemming/", "permission steering.chair_vote + service vote_open", f"{STEERING}/test_votes.py::test_s5_a_member_cannot_chair"),
    Path("S5", "portal /portaal/bijeenkomsten/<pk>/voorzitter/stemming/<pk>/sluiten/", "service vote_close through decision_record", f"{STEERING}/test_votes.py::test_s5_the_chair_marks_presence_opens_and_closes_a_vote"),
    Path("S5", "portal /portaal/bijeenkomsten/<pk>/voorzitter/aanwezig/", "service attendance_record: who voted stays present while the vote is open", f"{STEERING}/test_votes.py::test_s5_who_voted_in_an_open_vote_stays_present_until_it_closes"),
    Path("S5", "service steering.services.votes.vote_cast", "select_for_update, roll unique", f"{STEERING}/test_votes.py::test_s5_double_vote_race_records_one_vote"),
    Path("S5", "service steering.services.votes.vote_open", "service: trajectory_ready_check before the room votes", f"{STEERING}/test_votes.py::test_s5_a_vote_cannot_adopt_a_draft_not_marked_ready"),
    Path("S5", "service steering.services.votes.vote_close", "service decision_record, on the item that carries the draft", f"{STEERING}/test_votes.py::test_s5_a_carried_vote_on_the_draft_item_adopts_the_advice"),
    Path("S5", "database steering.roomvoteroll", "trigger s5_room_vote_by_present_members_while_open (present)", f"{STEERING}/test_votes.py::test_s5_database_refuses_a_vote_of_a_member_not_present"),
    Path("S5", "database steering.roomvoteroll", "trigger s5_room_vote_by_present_members_while_open (open)", f"{STEERING}/test_votes.py::test_s5_database_refuses_a_vote_once_the_vote_is_closed"),
    Path("S5", "database steering.roomvote", "trigger s5_room_vote_fixed_once_opened", f"{STEERING}/test_votes.py::test_s5_a_closed_vote_stays_as_it_was_closed"),
    _db("S5", "steering.roomvoteroll", "s5_room_vote_once_per_member"),
    _db("S5", "steering.roomvote", "s5_one_open_vote_per_meeting"),
    _db("S5", "steering.roomvote", "s5_room_vote_closed_with_decision"),
    # --- P2, P3: project groups ---------------------------------------------------------
    Path("P2", "admin add projectgroups.projectgroup", "phase read-only; service projectgroup_create", "matrix:p2_admin_add_projectgroup_ignores_the_phase"),
    Path("P2", "admin change projectgroups.projectgroup", "phase read-only", "tests/advices/test_admin.py::test_phase_is_read_only_in_the_projectgroup_form"),
    Path("P2", "admin inline projectgroups.projectgroup > projectgroups.participation", "read-only inline", "matrix:readonly_inline_projectgroups_projectgroup_participation"),
    Path("P2", "admin action projectgroups.projectgroup.next_phase", "service projectgroup_set_phase", "tests/advices/test_admin.py::test_p2_phase_action_calls_the_service"),
    Path("P2", "admin action projectgroups.projectgroup.confirm_signups", "service participation_confirm (lock)", "tests/advices/test_admin.py::test_p2_confirm_action_stops_at_ten_members"),
    Path("P2", "portal /portaal/projectgroepen/<pk>/aanmelden/", "selector signup_refusal + service participation_request", "tests/asdg/test_offers.py::test_p2_posted_signup_for_a_full_group_is_refused_and_nothing_saved"),
    Path("P2", "portal /portaal/projectgroepen/<pk>/bevestigen/<pk>/", "service participation_confirm", "tests/projectgroups/test_portal.py::test_p2_sign_up_and_confirmation"),
    Path("P2", "portal /portaal/projectgroepen/<pk>/fase/", "service projectgroup_set_phase", "tests/projectgroups/test_portal.py::test_p2_advising_with_fewer_than_five_is_refused_on_the_page"),
    Path("P2", "service projectgroups.services.participation_confirm", "select_for_update", "tests/projectgroups/test_rules.py::test_p2_two_confirmations_at_once_never_make_eleven"),
    Path("P3", "admin change projectgroups.projectgroup", "phase and dissolution read-only", "matrix:p3_admin_change_projectgroup_ignores_phase_and_dissolution"),
    Path("P3", "admin action projectgroups.projectgroup.next_phase", "service projectgroup_set_phase: monitoring after the response", "matrix:p3_admin_action_next_phase_to_monitoring_before_the_response"),
    Path("P3", "admin action advices.trajectory.advance", "service trajectory_close", "tests/advices/test_admin.py::test_p3_closing_from_the_admin_dissolves_the_project_group"),
    Path("P3", "portal /portaal/projectgroepen/<pk>/traject/", "permission + service trajectory_close", "tests/projectgroups/test_portal.py::test_p3_a_member_cannot_close_the_trajectory"),
    Path("P3", "service projectgroups.services.trajectory_start_monitoring", "service", "tests/projectgroups/test_rules.py::test_p3_monitoring_starts_only_after_the_college_response"),
    _db("P3", "projectgroups.projectgroup", "dissolved_group_has_a_date"),
    # --- A2–A5: advices -----------------------------------------------------------------
    Path("A2", "admin add advices.trajectory", "constraint a2_at_least_one_law, its message on law_wmo", "matrix:a2_admin_add_trajectory_without_a_law"),
    Path("A2", "admin change advices.trajectory", "constraint a2_participation_act_needs_clients_council, its message on the date", "matrix:a2_admin_change_adopted_trajectory_clearing_the_consultation"),
    Path("A2", "admin change advices.trajectory", "constraint a2_clients_council_consulted_before_adoption, its message on the date", "tests/advices/test_admin.py::test_a2_admin_consultation_moved_after_the_adoption_says_so_on_the_field"),
    Path("A2", "admin add steering.decision", "service decision_record + trigger, message on trajectory", "matrix:a2_admin_add_decision_with_consultation_after_the_meeting"),
    Path("A2", "admin change steering.plenarymeeting", "service meeting_move_check + trigger, message on starts_at", "tests/steering/test_decisions.py::test_a2_admin_moving_the_adopting_meeting_before_the_consultation_says_so_on_the_field"),
    Path("A2", "admin inline steering.plenarymeeting > steering.decision", "read-only inline", "matrix:readonly_inline_steering_plenarymeeting_decision"),
    Path("A2", "admin action advices.trajectory.advance", "service trajectory_advance", "tests/advices/test_admin.py::test_s5_the_admin_adopts_only_through_a_plenary_decision"),
    Path("A2", "admin view advices.trajectory.flow", "service decision_adopt_advice (trajectory_adoption_check), on the field", "tests/advices/test_admin_flow.py::test_a2_adoption_before_consulting_the_clients_council_is_refused_on_the_field"),
    Path("A2", "service steering.services.meetings.decision_record", "service + trigger a2_decision_after_clients_council", "matrix:a2_service_decision_with_consultation_after_the_meeting"),
    Path("A2", "service advices.services.trajectory_advance", "service + constraint", "tests/advices/test_workflow.py::test_a2_participation_act_subject_needs_the_clients_council_before_adoption"),
    _db("A2", "advices.trajectory", "a2_at_least_one_law"),
    _db("A2", "advices.trajectory", "a2_participation_act_needs_clients_council"),
    _db("A2", "advices.trajectory", "a2_clients_council_consulted_before_adoption"),
    Path("A2", "database steering.decision", "trigger a2_decision_after_clients_council", f"{STEERING}/test_decisions.py::test_a2_database_refuses_an_adopting_decision_before_the_consultation"),
    Path("A2", "database advices.trajectory", "trigger a2_decision_after_clients_council", f"{STEERING}/test_decisions.py::test_a2_database_refuses_moving_the_consultation_after_the_adopting_meeting"),
    Path("A3", "admin action advices.trajectory.record_college_response", "service college_response_record", "tests/advices/test_admin.py::test_a3_response_action_records_per_recommendation"),
    Path("A3", "admin view advices.trajectory.flow", "service college_response_record, on the field", "tests/advices/test_admin_flow.py::test_a3_the_response_per_recommendation_is_refused_on_its_field_then_recorded"),
    Path("A3", "admin inline advices.advice > advices.recommendation", "responses read-only", "matrix:a3_admin_inline_recommendation_ignores_the_response"),
    Path("A3", "service advices.services.college_response_record", "service, nothing saved", "tests/advices/test_responses.py::test_a3_a_recommendation_without_response_is_refused_and_nothing_saved"),
    Path("A4", "admin change advices.trajectory", "published_at read-only", "matrix:a4_admin_change_trajectory_ignores_published_at"),
    Path("A4", "admin action advices.trajectory.publish", "service advice_publish", "tests/advices/test_public_publish.py::test_a4_secretariat_publishes_from_the_admin"),
    Path("A4", "admin view advices.trajectory.flow", "service advice_publish, its refusal on the form", "tests/advices/test_admin_flow.py::test_a4_publishing_a_draft_from_the_flow_is_refused_with_its_rule"),
    Path("A4", "service advices.services.advice_publish", "service + constraint", "tests/advices/test_public_publish.py::test_a4_only_an_adopted_advice_can_be_published"),
    _db("A4", "advices.trajectory", "a4_only_adopted_advices_are_published"),
    Path("A5", "admin add advices.trajectory", "shown as a warning, never refused", "tests/advices/test_responses.py::test_a5_advices_this_year_against_the_10_to_15_target"),
    # --- F2: the budget -----------------------------------------------------------------
    Path("F2", "admin add finance.budgetyear", "BudgetLine.clean + constraint", "matrix:f2_admin_add_year_with_a_line_missing_its_members"),
    Path("F2", "admin change finance.budgetyear", "BudgetLine.clean + constraint", "tests/fuzz/test_regressions.py::test_a_budget_line_missing_what_its_formula_needs_is_a_form_error"),
    Path("F2", "admin inline finance.budgetyear > finance.budgetline", "BudgetLine.clean + constraint", "tests/fuzz/test_regressions.py::test_a_budget_line_missing_what_its_formula_needs_is_a_form_error"),
    Path("F2", "service finance.models.BudgetLine.clean", "the form check and the constraint in step", "tests/finance/test_budget.py::test_f2_the_form_check_and_the_database_ask_the_same_of_each_basis"),
    _db("F2", "finance.budgetline", "f2_line_has_what_its_formula_needs"),
    _db("F2", "finance.budgetline", "f2_unit_amount_not_negative"),
]  # fmt: skip

# Admin paths over a governed model that write nothing a rule governs: path -> why.
NO_RULE_WRITES = {
    "admin action members.member.export_csv": "reads the register; writes nothing",
    "admin action members.member.export_xlsx": "reads the register; writes nothing",
    "admin action members.member.end_resigned": "ends a membership through member_end (no rule limits resigning)",
    "admin action advices.trajectory.withdraw": "withdraws through trajectory_withdraw; unpublishes, never publishes",
    "admin action advices.trajectory.unpublish": "takes an advice off the website; A4 only limits publishing",
    "admin inline advices.trajectory > advices.trajectoryevent": "the timeline, read-only",
    "admin inline advices.trajectory > advices.monitoringnote": "notes of what happened since; no governed field",
    "admin inline advices.trajectory > advices.attachment": "files; no governed field",
    "admin inline finance.budgetyear > finance.fundingsource": "F1 sources; no F2 field",
    "admin action finance.budgetyear.book_automatic_sources": "books actuals; changes no budget line",
    "admin change advices.collegeresponse": "the council proposal's number, date and document; the responses per recommendation (A3) are read-only, recorded by the trajectory's action",
    "admin inline projectgroups.projectgroup > projectgroups.groupmeeting": "meetings; no governed field",
    "admin add steering.plenarymeeting": "a new meeting (meeting_plan) has taken no decision yet, so it dates no adoption",
    "admin action steering.plenarymeeting.cancel": "cancels a planned meeting through meeting_cancel; a planned meeting has adopted nothing",
    "admin action steering.plenarymeeting.invite_missing": "invites members; changes no date or decision",
    "admin view steering.plenarymeeting.attendance": "records who attended; changes no date or decision",
    "admin view steering.plenarymeeting.invitation": "previews and sends the invitation or a supplement; changes no date or decision",
    "admin inline steering.plenarymeeting > steering.agendaitem": "the agenda; no governed field (decisions are their own read-only inline)",
}  # fmt: skip


def governed_models() -> set[str]:
    return {model for _, models in RULES.values() for model in models}


def markdown() -> str:
    lines = [
        "# Rules and the paths that write them",
        "",
        "Generated by `python -m tests.rule_matrix > docs/rules.md` from `tests/rule_matrix.py`;",
        "`tests/asdg/test_rule_matrix.py` discovers the admin's forms, inlines and actions over",
        "the governed models, fails on one that is not listed, and runs or finds each test.",
        "A *closed* path is an admin page that no longer exists (it answers 403): its test",
        "proves it stays shut, and the discovery test fails if it opens again.",
        "",
        "Tests named `matrix:<case>` are `tests/asdg/test_rule_matrix.py::test_rule_path[<case>]`.",
        "The demo data (`manage.py seed_demo`) is held to the same rules by",
        "`tests/demo/test_demo_rules.py`, which runs each rule's check over the seeded data.",
        "",
    ]
    for rule, (title, models) in RULES.items():
        lines += [f"## {rule}: {title}", "", f"Governs: {', '.join(f'`{m}`' for m in models)}.", ""]
        lines += ["| path | enforced by | test |", "| --- | --- | --- |"]
        for path in PATHS:
            if path.rule == rule:
                where = f"`{path.where}`" + (" (closed)" if path.closed else "")
                lines.append(f"| {where} | {path.enforced} | `{path.test}` |")
        lines.append("")
    lines += ["## Admin paths that write nothing a rule governs", ""]
    lines += ["| path | why |", "| --- | --- |"]
    lines += [f"| `{where}` | {why} |" for where, why in NO_RULE_WRITES.items()]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(markdown(), end="")
