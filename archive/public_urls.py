"""Public pages of the archive, addressed by slug."""

from django.urls import path

from archive import views

app_name = "archive"

urlpatterns = [
    path("", views.home, name="home"),
    path("statements/", views.StatementListView.as_view(), name="statements"),
    path("statements/<slug:slug>/", views.statement_detail, name="statement"),
    path(
        "statements/<slug:slug>/cite.<str:style>",
        views.statement_citation,
        name="statement-citation",
    ),
    path("bodies/", views.BodyListView.as_view(), name="bodies"),
    path("bodies/<slug:slug>/", views.body_detail, name="body"),
    path("events/", views.EventListView.as_view(), name="events"),
    path("events/<slug:slug>/", views.event_detail, name="event"),
    path("countries/", views.CountryListView.as_view(), name="countries"),
    path("countries/<slug:slug>/", views.country_detail, name="country"),
    path("speakers/", views.PersonListView.as_view(), name="people"),
    path("speakers/<slug:slug>/", views.person_detail, name="person"),
    path("about/", views.about, name="about"),
    path("favicon.ico", views.favicon, name="favicon"),
]
