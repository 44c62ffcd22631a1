from django.urls import path

from search import views

app_name = "search"

urlpatterns = [
    path("search/", views.search_page, name="search"),
    path("api/search/", views.api_search, name="api-search"),
    path("api/statements/<slug:slug>/", views.api_statement, name="api-statement"),
]
