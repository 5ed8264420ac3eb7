"""Bookings are never edited or deleted: a correction is a new booking (issue: finance).

The database itself refuses an UPDATE of what was booked and any DELETE, so neither the
admin, a script nor a shell can rewrite the books.
"""

from django.db import migrations

FORWARD = """
CREATE FUNCTION finance_booking_immutable() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'finance_booking_immutable: a booking is never deleted; book a correction'
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF NEW.amount IS DISTINCT FROM OLD.amount OR NEW.line_id IS DISTINCT FROM OLD.line_id
       OR NEW.date IS DISTINCT FROM OLD.date OR NEW.source_key IS DISTINCT FROM OLD.source_key THEN
        RAISE EXCEPTION 'finance_booking_immutable: a booked amount is never changed; book a correction'
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER finance_booking_immutable
    BEFORE UPDATE OR DELETE ON finance_booking
    FOR EACH ROW EXECUTE FUNCTION finance_booking_immutable();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS finance_booking_immutable ON finance_booking;
DROP FUNCTION IF EXISTS finance_booking_immutable();
"""


class Migration(migrations.Migration):
    dependencies = [("finance", "0001_initial")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
