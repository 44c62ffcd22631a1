from django.urls import path

from search.trends import crosstab_views
from search.trends import views as trend_views
from search.web import views

app_name = "search"

urlpatterns = [
    path("search/", views.search_page, name="search"),
    path("search/feed/", views.search_feed, name="feed"),
    path("search/export.<str:fmt>", views.search_export, name="export"),
    path("search/crosstab/", crosstab_views.crosstab_page, name="crosstab"),
    path("search/crosstab.csv", crosstab_views.crosstab_csv, name="crosstab-export"),
    path("trends/", trend_views.trends_page, name="trends"),
    path("trends/export.<str:fmt>", trend_views.trends_export, name="trends-export"),
    path("api/search/", views.api_search, name="api-search"),
    path("api/trends/", trend_views.api_trends, name="api-trends"),
    path("api/search/crosstab/", crosstab_views.api_crosstab, name="api-crosstab"),
    path("api/statements/<slug:slug>/", views.api_statement, name="api-statement"),
    path("health/", views.health, name="health"),
]
