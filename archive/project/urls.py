"""The project's URLs: the public archive pages and the admin."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("search.web.urls")),
    path("", include("archive.public_urls")),
]
