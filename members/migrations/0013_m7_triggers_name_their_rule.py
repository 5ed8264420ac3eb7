"""M7's triggers name the rule they refuse, so a refusal is a message on its field.

0010 raised them with the rule in the text only; members.constraints.refusal reads the
constraint and table the database reports (Member.constraint_messages and
TermExtensionRequest.constraint_messages map them to a field). The checks are unchanged.
"""

from django.db import migrations


def _functions(named: bool) -> str:
    def using(constraint, table):
        if not named:
            return ""
        return f", CONSTRAINT = '{constraint}', TABLE = '{table}'"

    return f"""
CREATE OR REPLACE FUNCTION members_m7_member_term() RETURNS trigger AS $$
DECLARE
    granted smallint;
BEGIN
    IF TG_OP = 'UPDATE' AND (NEW.start_date, NEW.term_years)
            IS DISTINCT FROM (OLD.start_date, OLD.term_years) THEN
        RAISE EXCEPTION 'm7_term_fixed_at_admission: a term does not change after admission'
            USING ERRCODE = 'integrity_constraint_violation'
                  {using("m7_term_fixed_at_admission", "members_member")};
    END IF;
    SELECT months INTO granted FROM members_termextensionrequest
     WHERE member_id = NEW.id AND status = 'granted';
    IF NEW.extension_months <> COALESCE(granted, 0) THEN
        RAISE EXCEPTION 'm7_extension_is_the_granted_request: extension % without a granted '
                        'request of as many months', NEW.extension_months
            USING ERRCODE = 'integrity_constraint_violation'
                  {using("m7_extension_is_the_granted_request", "members_member")};
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION members_m7_request_final() RETURNS trigger AS $$
BEGIN
    IF OLD.status <> 'pending' AND (NEW.status, NEW.months, NEW.member_id)
            IS DISTINCT FROM (OLD.status, OLD.months, OLD.member_id) THEN
        RAISE EXCEPTION 'm7_extension_decision_is_final: a decided request does not change'
            USING ERRCODE = 'integrity_constraint_violation'
                  {using("m7_extension_decision_is_final", "members_termextensionrequest")};
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
"""


class Migration(migrations.Migration):
    dependencies = [("members", "0012_m5_membership_marked_to_end")]

    operations = [migrations.RunSQL(_functions(named=True), _functions(named=False))]
