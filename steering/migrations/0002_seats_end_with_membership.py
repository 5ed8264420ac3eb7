"""S1: only ASDG members hold a seat, so a member whose membership ends loses the seat.

members is a lower app and never calls steering; the database holds the rule instead:
when a member's ended_on becomes set, every seat of that member still running (not ended
early, term not over) ends on the same day with the reason "membership". A seat that
had not started yet ends on its first day, so it is never held.
"""

from django.db import migrations

FORWARD = """
CREATE FUNCTION steering_seat_end_with_membership() RETURNS trigger AS $$
BEGIN
    UPDATE steering_seat
       SET ended_on = GREATEST(NEW.ended_on, starts_on),
           end_reason = 'membership'
     WHERE member_id = NEW.id
       AND ended_on IS NULL
       AND term_end >= NEW.ended_on;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER s1_seat_ends_with_membership
    AFTER UPDATE OF ended_on ON members_member
    FOR EACH ROW
    WHEN (NEW.ended_on IS NOT NULL AND OLD.ended_on IS NULL)
    EXECUTE FUNCTION steering_seat_end_with_membership();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS s1_seat_ends_with_membership ON members_member;
DROP FUNCTION IF EXISTS steering_seat_end_with_membership();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("steering", "0001_initial"),
    ]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
