import factory

from projectgroups.models import Participation, ProjectGroup
from tests.advices.factories import TrajectoryFactory
from tests.members.factories import MemberFactory, UserFactory


class ProjectGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectGroup

    trajectory = factory.SubFactory(TrajectoryFactory)
    name = factory.LazyAttribute(lambda g: f"Projectgroep {g.trajectory.subject}")
    workload = "2 uur per week"
    meeting_rhythm = "Eens per drie weken"
    created_by = factory.SubFactory(UserFactory, role="Stuurgroep")


class ParticipationFactory(factory.django.DjangoModelFactory):
    """A confirmed member of a group."""

    class Meta:
        model = Participation

    group = factory.SubFactory(ProjectGroupFactory)
    member = factory.SubFactory(MemberFactory)
    status = Participation.Status.CONFIRMED
    confirmed_on = factory.Faker("date_this_year")
