from tests.url_matrix import second_factor, steering_and_secretariat

PAGES = {
    # Issue 15.3: special-category aggregates need the second factor.
    "composition:overview": ({}, second_factor(steering_and_secretariat())),
}
