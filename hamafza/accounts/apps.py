from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "hamafza.accounts"
    label = "accounts"
    verbose_name = "حساب‌های کاربری"

    def ready(self) -> None:
        from axes.signals import user_locked_out

        from hamafza.accounts.lockout import on_user_locked_out

        user_locked_out.connect(on_user_locked_out, dispatch_uid="hamafza.accounts.lockout.audit")
