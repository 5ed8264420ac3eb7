from tests.url_matrix import steering_and_secretariat

PAGES = {
    "composition:overview": ({}, steering_and_secretariat()),
}
