"""Issue 23.3: the data migrations turn the free text of before into register records,
one person one record, across trajectories and project groups."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("advices", "0005_college_response_proposal_url"),
    ("projectgroups", "0002_participation_reminder"),
    ("steering", "0007_a2_consulted_before_the_decision"),
    ("relations", "0001_initial"),
]
AFTER = [
    ("advices", "0006_municipal_contact_from_the_register"),
    ("projectgroups", "0003_policy_officers_from_the_register"),
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_23_3_free_text_becomes_one_record_per_person():
    old = _migrate(BEFORE)
    try:
        User = old.get_model("members", "User")
        Trajectory = old.get_model("advices", "Trajectory")
        ProjectGroup = old.get_model("projectgroups", "ProjectGroup")
        user = User.objects.create(email="sg-migratie@example.org")
        common = {
            "summary": "Vraag", "kind": "requested", "received_on": datetime.date(2025, 1, 6),
            "law_wmo": True,
        }  # fmt: skip
        first = Trajectory.objects.create(
            subject="Een", slug="een", requested_by="policy_officer", requester_name="M. de Wit",
            **common,
        )  # fmt: skip
        second = Trajectory.objects.create(
            subject="Twee", slug="twee", requested_by="programme_manager",
            requester_name="A. Zijlstra", **common,
        )  # fmt: skip
        ProjectGroup.objects.create(
            trajectory=first, name="Groep een", created_by=user,
            policy_officers="M. de Wit (beleid Wmo)\nJ. Hoekstra (armoede)",
        )  # fmt: skip

        new = _migrate(AFTER)
        ContactPerson = new.get_model("relations", "ContactPerson")
        Trajectory = new.get_model("advices", "Trajectory")
        ProjectGroup = new.get_model("projectgroups", "ProjectGroup")
        assert sorted(ContactPerson.objects.values_list("name", flat=True)) == [
            "A. Zijlstra", "J. Hoekstra", "M. de Wit",
        ]  # fmt: skip
        wit = ContactPerson.objects.get(name="M. de Wit")
        assert wit.role == "beleidsmedewerker"  # the trajectory came first
        assert Trajectory.objects.get(pk=first.pk).municipal_contact_id == wit.pk
        assert Trajectory.objects.get(pk=second.pk).municipal_contact.role == "programmamanager"
        group = ProjectGroup.objects.get()
        assert set(group.policy_officers.values_list("name", flat=True)) == {
            "M. de Wit", "J. Hoekstra",
        }  # fmt: skip
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
