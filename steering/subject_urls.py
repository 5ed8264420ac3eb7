"""Portal pages: subject."""

app_name = "steering_subject"
urlpatterns = []
