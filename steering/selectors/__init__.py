"""Read queries of the steering app, reused by views, admin, finance, the public site and
the dashboard. Import from the submodules: steering.selectors.governance (seats,
elections, retirement schedule) and steering.selectors.meetings (plenary meetings,
consultations, subjects, training)."""
