"""Sign-in, two-factor and API-token pages (included before Django's auth URLs)."""

from django.contrib.auth import views as auth_views
from django.urls import path
from django.views.generic import TemplateView

from tipdata.accounts import signin, tokens_views

NO_RESET = TemplateView.as_view(template_name="registration/no_password_reset.html")

urlpatterns = [
    path("login/", signin.SignInView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("security/two-factor/", signin.two_factor_setup, name="signin-two-factor"),
    path("security/verify/", signin.two_factor_verify, name="signin-verify"),
    path("security/tokens/", tokens_views.token_list, name="tokens-list"),
    path("security/tokens/<int:pk>/revoke/", tokens_views.token_revoke, name="tokens-revoke"),
    # No password reset by e-mail: a mailbox would become a way around both factors.
    # An administrator sets a new password (and resets the second factor) in person.
    path("password_reset/", NO_RESET, name="password_reset"),
    path("password_reset/done/", NO_RESET, name="password_reset_done"),
    path("reset/<uidb64>/<token>/", NO_RESET, name="password_reset_confirm"),
    path("reset/done/", NO_RESET, name="password_reset_complete"),
]
