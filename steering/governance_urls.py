"""Portal pages: governance."""

app_name = "steering_governance"
urlpatterns = []
