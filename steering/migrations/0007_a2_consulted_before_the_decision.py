"""A2 (issue 21.5): a Participatiewet advice is adopted only after the Clients' Council
was consulted: the consultation is dated on or before the day of the plenary meeting
whose decision adopts it.

advices holds it for its own row (a2_clients_council_consulted_before_adoption: the
consultation on or before adopted_on); this trigger holds it against the decision itself,
whichever of the three rows changes: a decision added or changed, the consultation date
(or the Participatiewet box) of the trajectory, or the date of the meeting. It raises a
check violation named a2_decision_after_clients_council for the table written, which
Decision, Trajectory and PlenaryMeeting map to a message on their field.
"""

from django.db import migrations

FORWARD = """
CREATE FUNCTION steering_a2_decision_after_clients_council() RETURNS trigger AS $$
DECLARE
    trajectory_ids bigint[];
BEGIN
    IF TG_TABLE_NAME = 'steering_decision' THEN
        trajectory_ids := ARRAY[NEW.trajectory_id];
    ELSIF TG_TABLE_NAME = 'advices_trajectory' THEN
        trajectory_ids := ARRAY[NEW.id];
    ELSE
        trajectory_ids := ARRAY(
            SELECT trajectory_id FROM steering_decision
             WHERE meeting_id = NEW.id AND trajectory_id IS NOT NULL);
    END IF;
    -- The day of the meeting in the organisation's time zone (DESIGN.md: Europe/Amsterdam).
    IF EXISTS (
        SELECT 1
          FROM steering_decision d
          JOIN steering_plenarymeeting m ON m.id = d.meeting_id
          JOIN advices_trajectory t ON t.id = d.trajectory_id
         WHERE d.trajectory_id = ANY(trajectory_ids)
           AND d.adopted
           AND t.law_participation
           AND (t.clients_council_consulted_on IS NULL
                OR t.clients_council_consulted_on
                   > (m.starts_at AT TIME ZONE 'Europe/Amsterdam')::date)
    ) THEN
        RAISE EXCEPTION USING
            ERRCODE = 'check_violation',
            CONSTRAINT = 'a2_decision_after_clients_council',
            TABLE = TG_TABLE_NAME,
            MESSAGE = 'a2_decision_after_clients_council: a Participatiewet advice is adopted '
                      'before the Clients'' Council was consulted';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE CONSTRAINT TRIGGER a2_decision_after_clients_council
    AFTER INSERT OR UPDATE OF trajectory_id, meeting_id, votes_for, votes_against
    ON steering_decision
    DEFERRABLE INITIALLY IMMEDIATE
    FOR EACH ROW EXECUTE FUNCTION steering_a2_decision_after_clients_council();

CREATE CONSTRAINT TRIGGER a2_decision_after_clients_council
    AFTER UPDATE OF clients_council_consulted_on, law_participation ON advices_trajectory
    DEFERRABLE INITIALLY IMMEDIATE
    FOR EACH ROW EXECUTE FUNCTION steering_a2_decision_after_clients_council();

CREATE CONSTRAINT TRIGGER a2_decision_after_clients_council
    AFTER UPDATE OF starts_at ON steering_plenarymeeting
    DEFERRABLE INITIALLY IMMEDIATE
    FOR EACH ROW EXECUTE FUNCTION steering_a2_decision_after_clients_council();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS a2_decision_after_clients_council ON steering_plenarymeeting;
DROP TRIGGER IF EXISTS a2_decision_after_clients_council ON advices_trajectory;
DROP TRIGGER IF EXISTS a2_decision_after_clients_council ON steering_decision;
DROP FUNCTION IF EXISTS steering_a2_decision_after_clients_council();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("advices", "0004_a2_consulted_before_adoption"),
        ("steering", "0006_seats_within_membership"),
    ]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
