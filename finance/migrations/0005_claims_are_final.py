"""M9: what a member claimed never changes after submission, and a decision is final.

The database refuses an UPDATE of a claim's member, date, amount or receipt, and any
change of status once the claim is approved, rejected or withdrawn.
"""

from django.db import migrations

FORWARD = """
CREATE FUNCTION finance_claim_final() RETURNS trigger AS $$
BEGIN
    IF NEW.amount IS DISTINCT FROM OLD.amount OR NEW.member_id IS DISTINCT FROM OLD.member_id
       OR NEW.date IS DISTINCT FROM OLD.date OR NEW.receipt IS DISTINCT FROM OLD.receipt THEN
        RAISE EXCEPTION 'finance_claim_final: a submitted claim is never changed'
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF OLD.status <> 'submitted' AND NEW.status IS DISTINCT FROM OLD.status THEN
        RAISE EXCEPTION 'finance_claim_final: a decided or withdrawn claim keeps its status'
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER finance_claim_final
    BEFORE UPDATE ON finance_expenseclaim
    FOR EACH ROW EXECUTE FUNCTION finance_claim_final();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS finance_claim_final ON finance_expenseclaim;
DROP FUNCTION IF EXISTS finance_claim_final();
"""


class Migration(migrations.Migration):
    dependencies = [("finance", "0004_expense_claims")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
