"""Steering group (S1–S4), elections, plenary meetings (S5, S6), consultations (S7),
agendas to watch, subjects from members, training (S8), the calendar feed and votes in
the room (issue 17.5)."""

from steering.models.calendar import CalendarFeed
from steering.models.consultations import Consultation, WatchItem
from steering.models.elections import Ballot, BallotMark, Candidate, Election, VoterRoll
from steering.models.meetings import AgendaItem, Decision, Invitation, PlenaryMeeting
from steering.models.papers import MeetingPaper
from steering.models.relations import ContactLogEntry
from steering.models.reports import AnnualReport
from steering.models.seats import Seat, SeatEndReason, SeatRole, SeatSource, Task
from steering.models.subjects import SubjectProposal, SubjectSupport
from steering.models.training import TrainingActivity
from steering.models.votes import RoomBallot, RoomVote, RoomVoteRoll, VoteChoice

__all__ = [
    "AgendaItem",
    "AnnualReport",
    "Ballot",
    "BallotMark",
    "CalendarFeed",
    "Candidate",
    "Consultation",
    "ContactLogEntry",
    "Decision",
    "Election",
    "Invitation",
    "MeetingPaper",
    "PlenaryMeeting",
    "RoomBallot",
    "RoomVote",
    "RoomVoteRoll",
    "Seat",
    "SeatEndReason",
    "SeatRole",
    "SeatSource",
    "SubjectProposal",
    "SubjectSupport",
    "Task",
    "TrainingActivity",
    "VoteChoice",
    "VoterRoll",
    "WatchItem",
]
