"""Portal pages: election."""

app_name = "steering_election"
urlpatterns = []
