"""Portal pages: calendar."""

app_name = "steering_calendar"
urlpatterns = []
