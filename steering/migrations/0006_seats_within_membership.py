"""S1/S2 (issue 21.4): a seat lies wholly within its holder's membership.

The membership here is its term with the extension granted, or, while none was granted,
with the one extension of at most a year that M7 still allows. A seat never held (it ended
on its first day) is outside no membership.

Two constraint triggers hold it, one on each side, so neither a seat nor a membership can
be written around it: s1_seat_within_membership when a seat is added or its dates, member
or end change; s1_seats_within_membership when a membership's start, term, extension or
end change (shortening a membership under a seat is refused). They raise a check violation
named after the rule, which steering.models.Seat and members.models.Member map to a message
on the field (members.constraints).

The seat's trigger takes a share lock on the membership row, so a seat and a change of its
membership in two transactions at once are checked one after the other.

The trigger on members_member fires after s1_seat_ends_with_membership (triggers fire in
the order of their names), so a membership that ends has ended its seats first. That
trigger now also ends a seat set to end after the membership.
"""

from django.db import migrations

OUTSIDE = """
CREATE FUNCTION steering_seat_outside_membership(
    seat_start date, seat_term_end date, seat_ended_on date,
    member_start date, member_years integer, member_extension integer, member_ended_on date
) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE
        WHEN seat_ended_on IS NOT NULL AND seat_ended_on <= seat_start THEN false
        ELSE seat_start < member_start
          OR LEAST(seat_term_end, seat_ended_on - 1) > (
              member_start + make_interval(
                  years => member_years,
                  months => CASE WHEN member_extension = 0 THEN 12 ELSE member_extension END
              )
          )::date - 1
          OR (member_ended_on IS NOT NULL
              AND COALESCE(seat_ended_on, seat_term_end + 1) > member_ended_on)
    END
$$;

CREATE FUNCTION steering_seat_within_membership() RETURNS trigger AS $$
BEGIN
    -- Wait for a change of this membership in progress, and check against its result.
    PERFORM 1 FROM members_member WHERE id = NEW.member_id FOR SHARE;
    IF EXISTS (
        SELECT 1 FROM members_member m
         WHERE m.id = NEW.member_id
           AND steering_seat_outside_membership(
               NEW.starts_on, NEW.term_end, NEW.ended_on,
               m.start_date, m.term_years, m.extension_months, m.ended_on)
    ) THEN
        RAISE EXCEPTION USING
            ERRCODE = 'check_violation',
            CONSTRAINT = 's1_seat_within_membership',
            TABLE = 'steering_seat',
            MESSAGE = format('s1_seat_within_membership: seat %s lies outside the membership '
                             'of member %s', NEW.id, NEW.member_id);
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE CONSTRAINT TRIGGER s1_seat_within_membership
    AFTER INSERT OR UPDATE OF starts_on, term_years, ended_on, member_id ON steering_seat
    DEFERRABLE INITIALLY IMMEDIATE
    FOR EACH ROW EXECUTE FUNCTION steering_seat_within_membership();

CREATE FUNCTION steering_membership_covers_its_seats() RETURNS trigger AS $$
BEGIN
    IF EXISTS (
        SELECT 1 FROM steering_seat s
         WHERE s.member_id = NEW.id
           AND steering_seat_outside_membership(
               s.starts_on, s.term_end, s.ended_on,
               NEW.start_date, NEW.term_years, NEW.extension_months, NEW.ended_on)
    ) THEN
        RAISE EXCEPTION USING
            ERRCODE = 'check_violation',
            CONSTRAINT = 's1_membership_covers_its_seats',
            TABLE = 'members_member',
            MESSAGE = format('s1_membership_covers_its_seats: member %s holds a seat outside '
                             'the membership', NEW.id);
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE CONSTRAINT TRIGGER s1_seats_within_membership
    AFTER UPDATE OF start_date, term_years, extension_months, ended_on ON members_member
    DEFERRABLE INITIALLY IMMEDIATE
    FOR EACH ROW EXECUTE FUNCTION steering_membership_covers_its_seats();

CREATE OR REPLACE FUNCTION steering_seat_end_with_membership() RETURNS trigger AS $$
BEGIN
    UPDATE steering_seat
       SET ended_on = GREATEST(NEW.ended_on, starts_on),
           end_reason = 'membership'
     WHERE member_id = NEW.id
       AND COALESCE(ended_on, term_end + 1) > GREATEST(NEW.ended_on, starts_on);
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
"""

BACKWARD = """
DROP TRIGGER IF EXISTS s1_seats_within_membership ON members_member;
DROP FUNCTION IF EXISTS steering_membership_covers_its_seats();
DROP TRIGGER IF EXISTS s1_seat_within_membership ON steering_seat;
DROP FUNCTION IF EXISTS steering_seat_within_membership();
DROP FUNCTION IF EXISTS steering_seat_outside_membership(
    date, date, date, date, integer, integer, date);

CREATE OR REPLACE FUNCTION steering_seat_end_with_membership() RETURNS trigger AS $$
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
"""


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0001_initial"),
        ("steering", "0005_annual_report"),
    ]

    operations = [migrations.RunSQL(OUTSIDE, BACKWARD)]
