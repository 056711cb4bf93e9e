"""django-allauth's sign-in forms, reworded for GOV.UK: sentence-case labels, hints instead of placeholders.

Wired in settings.ACCOUNT_FORMS / MFA_FORMS. Behaviour (validation, rate limits, lockout) stays allauth's own.
"""

from __future__ import annotations

from typing import Any, ClassVar

from allauth.account import forms as account_forms
from allauth.mfa.base import forms as mfa_forms
from allauth.mfa.totp import forms as totp_forms
from django import forms

CODE_INPUT_ATTRS = {"class": "govuk-input--width-10", "inputmode": "numeric", "spellcheck": "false"}


class GovukWording(forms.Form):
    """Relabels fields from `wording` = {field: (label, hint)} and drops placeholders (GOV.UK: use hints)."""

    wording: ClassVar[dict[str, tuple[str, str]]] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.widget.attrs.pop("placeholder", None)
            if name in self.wording:
                field.label, field.help_text = self.wording[name]


class SignInForm(GovukWording, account_forms.LoginForm):
    wording: ClassVar = {
        "login": ("Email address", ""),
        "password": ("Password", ""),  # the page links to "Forgotten your password?" itself
    }


class RequestSignInCodeForm(GovukWording, account_forms.RequestLoginCodeForm):
    wording: ClassVar = {"email": ("Email address", "")}


class ConfirmSignInCodeForm(GovukWording, account_forms.ConfirmLoginCodeForm):
    wording: ClassVar = {"code": ("Sign-in code", "The code is in the email we just sent you.")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs.update({"class": "govuk-input--width-10", "spellcheck": "false"})


class ResetPasswordForm(GovukWording, account_forms.ResetPasswordForm):
    wording: ClassVar = {"email": ("Email address", "")}


class ChangePasswordForm(GovukWording, account_forms.ChangePasswordForm):
    wording: ClassVar = {
        "oldpassword": ("Current password", ""),
        "password1": ("New password", "At least 10 characters. Avoid common words and all-number passwords."),
        "password2": ("Type the new password again", ""),
    }


class SetPasswordForm(GovukWording, account_forms.SetPasswordForm):
    wording: ClassVar = {
        "password1": ("Password", "At least 10 characters. Avoid common words and all-number passwords."),
        "password2": ("Type the password again", ""),
    }


class ResetPasswordKeyForm(GovukWording, account_forms.ResetPasswordKeyForm):
    wording: ClassVar = {
        "password1": ("New password", "At least 10 characters. Avoid common words and all-number passwords."),
        "password2": ("Type the new password again", ""),
    }


class ReauthenticateForm(GovukWording, account_forms.ReauthenticateForm):
    wording: ClassVar = {"password": ("Your password", "")}


class AuthenticatorCodeForm(GovukWording, mfa_forms.AuthenticateForm):
    wording: ClassVar = {
        "code": ("Authenticator code", "The 6-digit code from your authenticator app, or one of your recovery codes.")
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs.update(CODE_INPUT_ATTRS)


class ReauthenticateCodeForm(GovukWording, mfa_forms.ReauthenticateForm):
    wording: ClassVar = {"code": ("Authenticator code", "The 6-digit code from your authenticator app.")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs.update(CODE_INPUT_ATTRS)


class ActivateAuthenticatorForm(GovukWording, totp_forms.ActivateTOTPForm):
    wording: ClassVar = {"code": ("Code from your app", "The 6-digit code the app shows for Bridgework.")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs.update(CODE_INPUT_ATTRS)
