from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from hamafza.accounts.models import ApiToken, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "first_name", "last_name", "mobile", "is_active", "is_staff"]
    search_fields = ["username", "first_name", "last_name", "mobile", "national_id", "name_key"]
    fieldsets = (
        *DjangoUserAdmin.fieldsets,  # type: ignore[misc]
        ("مشخصات هویتی", {"fields": ("mobile", "national_id")}),
    )


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "is_active"]
    readonly_fields = ["key_hash", "prefix", "created_at", "last_used_at"]
    raw_id_fields = ["user"]
