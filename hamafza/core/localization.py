"""What Django's ``fa`` locale leaves English, made Persian: the empty choice and the permission names.

* Every drop-down starts with «انتخاب کنید» instead of "---------": Django hard-codes the dashes as a default
  argument (``BLANK_CHOICE_DASH`` and ``ModelChoiceField(empty_label=…)``), not as a translatable string.
* Permission names are written once by ``create_permissions`` as English text ("Can add round"), never
  translated at display time; after each migrate they are rewritten in Persian from the models' verbose names.
"""

from __future__ import annotations

from typing import Any

EMPTY_CHOICE = "انتخاب کنید"
ACTIONS = {"add": "افزودن", "change": "ویرایش", "delete": "حذف", "view": "دیدن"}


def use_persian_empty_choice() -> None:
    from django import forms
    from django.db.models import fields

    # Both are module-level defaults bound at import; changing them in place reaches every form and the admin.
    fields.BLANK_CHOICE_DASH[:] = [("", EMPTY_CHOICE)]
    kwdefaults = forms.ModelChoiceField.__init__.__kwdefaults__ or {}
    if "empty_label" in kwdefaults:
        kwdefaults["empty_label"] = EMPTY_CHOICE


def persian_permission_names(sender: Any, apps: Any = None, using: str = "default", **kwargs: Any) -> None:
    """post_migrate: «افزودن دوره ارزیابی» instead of "Can add round", for every model of the migrated app."""
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType
    from django.utils import translation

    with translation.override("fa"):
        for model in sender.get_models():
            opts = model._meta
            content_type = ContentType.objects.db_manager(using).get_for_model(model, for_concrete_model=False)
            for action in opts.default_permissions:
                name = f"{ACTIONS.get(action, action)} {opts.verbose_name}"[:255]
                Permission.objects.using(using).filter(
                    content_type=content_type, codename=f"{action}_{opts.model_name}"
                ).exclude(name=name).update(name=name)
