"""URL configuration: each domain app contributes ``urls.py`` (pages) and ``api.py`` (router)."""

from __future__ import annotations

from importlib import import_module

from django.conf import settings
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from tipdata.core import views as core_views

DOMAIN_APPS = [
    "accounts",
    "profiles",
    "audit",
    "victims",
    "referrals",
    "cases",
    "hotline",
    "inspections",
    "activities",
    "indicators",
    "reports",
    "intake",
    "linkage",
    "privacy",
    "exchange",
]

api_router = DefaultRouter()
page_patterns: list[URLPattern | URLResolver] = []
for app in DOMAIN_APPS:
    try:
        api_module = import_module(f"tipdata.{app}.api")
    except ModuleNotFoundError as exc:
        if exc.name != f"tipdata.{app}.api":
            raise
    else:
        for prefix, viewset, basename in getattr(api_module, "ROUTES", []):
            api_router.register(prefix, viewset, basename=basename)
    try:
        import_module(f"tipdata.{app}.urls")
    except ModuleNotFoundError as exc:
        if exc.name != f"tipdata.{app}.urls":
            raise
    else:
        page_patterns.append(path(f"{app}/", include(f"tipdata.{app}.urls")))

api_patterns: list[URLPattern | URLResolver] = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("", include(api_router.urls)),
]

urlpatterns: list[URLPattern | URLResolver] = [
    path("", core_views.home, name="home"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("tipdata.accounts.signin_urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("api/", include(api_patterns)),
    *page_patterns,
]

if settings.DEBUG:
    urlpatterns.append(path("__debug__/health", core_views.health, name="debug-health"))
