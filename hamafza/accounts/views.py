from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from hamafza.accounts.forms import ApiTokenForm, LoginForm, PasswordChangeForm, ProfileForm
from hamafza.accounts.models import ApiToken
from hamafza.accounts.services import api_token_create, api_token_revoke, profile_update
from hamafza.core.audit import audit
from hamafza.core.errors import DomainError


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    form_class = PasswordChangeForm

    def get_success_url(self) -> str:
        return reverse("accounts:profile")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        audit(actor=self.request.user, action="accounts.password.changed", target=self.request.user)
        messages.success(self.request, "گذرواژه شما تغییر کرد.")
        return response


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    user = request.user
    if request.method == "POST":
        form = ProfileForm(request.POST)
        if form.is_valid():
            try:
                profile_update(user=user, by=user, **form.cleaned_data)  # type: ignore[arg-type]
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, "مشخصات شما ذخیره شد.")
                return redirect("accounts:profile")
    else:
        form = ProfileForm(
            initial={
                "first_name": user.first_name,  # type: ignore[union-attr]
                "last_name": user.last_name,  # type: ignore[union-attr]
                "mobile": user.mobile,  # type: ignore[union-attr]
                "national_id": user.national_id,  # type: ignore[union-attr]
                "email": user.email,  # type: ignore[union-attr]
            }
        )
    tokens = ApiToken.objects.filter(user=user, is_active=True).order_by("-created_at")
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "tokens": tokens,
            "token_form": ApiTokenForm(),
            "grants": user.role_grants.select_related(  # type: ignore[union-attr]
                "organization", "province", "county"
            ),
        },
    )


@login_required
@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST)
    if not form.is_valid():
        messages.error(request, "برای توکن یک عنوان بنویسید.")
        return redirect("accounts:profile")
    _, raw = api_token_create(user=request.user, name=form.cleaned_data["name"])
    # The raw token is shown exactly once; only its hash is kept.
    return render(request, "accounts/token_created.html", {"raw_token": raw})


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user, is_active=True)
    api_token_revoke(token=token, by=request.user)
    messages.success(request, "توکن باطل شد.")
    return redirect("accounts:profile")
