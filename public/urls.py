"""Public pages: about us, news, editable pages, newsletter."""

app_name = "public"
urlpatterns = []
