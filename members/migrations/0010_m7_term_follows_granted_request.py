"""M7: a term is set at admission and grows only by its granted extension request.

- A member's start and length of term never change after admission.
- A member's extension always equals the months of the granted request on record (0
  without one): granting a request, however it is written, sets the extension, and
  nothing else may set it.
- A decided request is final: its status, months and member do not change.

Constraint triggers fire after the row's CHECK constraints, so a value out of range
still meets its own constraint (m7_term_one_to_four_years, ...) first.
"""

from django.db import migrations

FORWARD = """
-- Extensions stored before this rule get the granted request they stand for, on record.
INSERT INTO members_termextensionrequest
       (member_id, months, motivation, status, requested_at, decided_at, decision_reason)
SELECT m.id, m.extension_months, '', 'granted', now(), now(),
       'Extension recorded on the member before requests were kept (M7).'
  FROM members_member m
 WHERE m.extension_months > 0
   AND NOT EXISTS (SELECT 1 FROM members_termextensionrequest r
                    WHERE r.member_id = m.id AND r.status = 'granted');

CREATE FUNCTION members_m7_member_term() RETURNS trigger AS $$
DECLARE
    granted smallint;
BEGIN
    IF TG_OP = 'UPDATE' AND (NEW.start_date, NEW.term_years)
            IS DISTINCT FROM (OLD.start_date, OLD.term_years) THEN
        RAISE EXCEPTION 'm7_term_fixed_at_admission: a term does not change after admission'
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    SELECT months INTO granted FROM members_termextensionrequest
     WHERE member_id = NEW.id AND status = 'granted';
    IF NEW.extension_months <> COALESCE(granted, 0) THEN
        RAISE EXCEPTION 'm7_extension_is_the_granted_request: extension % without a granted '
                        'request of as many months', NEW.extension_months
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE CONSTRAINT TRIGGER m7_member_term
    AFTER INSERT OR UPDATE OF start_date, term_years, extension_months ON members_member
    FOR EACH ROW EXECUTE FUNCTION members_m7_member_term();

CREATE FUNCTION members_m7_request_final() RETURNS trigger AS $$
BEGIN
    IF OLD.status <> 'pending' AND (NEW.status, NEW.months, NEW.member_id)
            IS DISTINCT FROM (OLD.status, OLD.months, OLD.member_id) THEN
        RAISE EXCEPTION 'm7_extension_decision_is_final: a decided request does not change'
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER m7_extension_decision_is_final
    BEFORE UPDATE ON members_termextensionrequest
    FOR EACH ROW EXECUTE FUNCTION members_m7_request_final();

CREATE FUNCTION members_m7_extension_follows_request() RETURNS trigger AS $$
DECLARE
    changed bigint;
BEGIN
    FOREACH changed IN ARRAY ARRAY[
        CASE WHEN TG_OP <> 'DELETE' THEN NEW.member_id END,
        CASE WHEN TG_OP <> 'INSERT' THEN OLD.member_id END
    ] LOOP
        CONTINUE WHEN changed IS NULL;
        UPDATE members_member m
           SET extension_months = COALESCE((
                   SELECT months FROM members_termextensionrequest
                    WHERE member_id = changed AND status = 'granted'), 0)
         WHERE m.id = changed
           AND m.extension_months IS DISTINCT FROM COALESCE((
                   SELECT months FROM members_termextensionrequest
                    WHERE member_id = changed AND status = 'granted'), 0);
    END LOOP;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER m7_extension_follows_request
    AFTER INSERT OR UPDATE OR DELETE ON members_termextensionrequest
    FOR EACH ROW EXECUTE FUNCTION members_m7_extension_follows_request();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS m7_extension_follows_request ON members_termextensionrequest;
DROP FUNCTION IF EXISTS members_m7_extension_follows_request();
DROP TRIGGER IF EXISTS m7_extension_decision_is_final ON members_termextensionrequest;
DROP FUNCTION IF EXISTS members_m7_request_final();
DROP TRIGGER IF EXISTS m7_member_term ON members_member;
DROP FUNCTION IF EXISTS members_m7_member_term();
"""


class Migration(migrations.Migration):
    dependencies = [("members", "0009_outgoingmail")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
