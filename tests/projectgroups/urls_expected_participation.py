"""Participation (M8): the overview is for the steering group and the secretariat."""

from tests.url_matrix import OK, steering_and_secretariat

PAGES = {
    "participation:overview": ({}, steering_and_secretariat(OK)),
}
