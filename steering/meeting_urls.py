"""Portal pages: meeting."""

app_name = "steering_meeting"
urlpatterns = []
