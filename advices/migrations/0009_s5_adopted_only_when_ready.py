"""S5 (issue 17.4): the plenary adopts only a draft its project group marked ready.

Until now trajectory_advance marked the draft ready itself while adopting it, so a draft
the group never handed over could be adopted. Two guards in the database now:

- the constraint s5_adopted_advice_was_ready: a frozen (adopted) advice is ready;
- the trigger s5_adopted_only_when_ready: a trajectory moves to "adopted" only when its
  advice is marked ready, whatever writes the row (a check violation for
  advices_trajectory, which Trajectory maps to a message on its status).

Adopted advices from before the rule were frozen and marked ready together, so the
constraint holds for them; the update below only makes sure of it.
"""

from django.db import migrations, models

FORWARD = """
CREATE FUNCTION advices_s5_adopted_only_when_ready() RETURNS trigger AS $$
BEGIN
    IF NEW.status = 'adopted' AND OLD.status IS DISTINCT FROM 'adopted' AND NOT EXISTS (
        SELECT 1 FROM advices_advice a WHERE a.trajectory_id = NEW.id AND a.ready_for_plenary
    ) THEN
        RAISE EXCEPTION USING
            ERRCODE = 'check_violation',
            CONSTRAINT = 's5_adopted_only_when_ready',
            TABLE = TG_TABLE_NAME,
            MESSAGE = 's5_adopted_only_when_ready: the plenary adopts only a draft its '
                      'project group marked ready';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE CONSTRAINT TRIGGER s5_adopted_only_when_ready
    AFTER UPDATE OF status ON advices_trajectory
    DEFERRABLE INITIALLY IMMEDIATE
    FOR EACH ROW EXECUTE FUNCTION advices_s5_adopted_only_when_ready();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS s5_adopted_only_when_ready ON advices_trajectory;
DROP FUNCTION IF EXISTS advices_s5_adopted_only_when_ready();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("advices", "0008_plain_summary"),
    ]

    operations = [
        migrations.RunSQL(
            "UPDATE advices_advice SET ready_for_plenary = true WHERE frozen",
            migrations.RunSQL.noop,
        ),
        migrations.AddConstraint(
            model_name="advice",
            constraint=models.CheckConstraint(
                condition=models.Q(("frozen", False), ("ready_for_plenary", True), _connector="OR"),
                name="s5_adopted_advice_was_ready",
            ),
        ),
        migrations.RunSQL(FORWARD, BACKWARD),
    ]
