from django.contrib import admin

from hamafza.organizations.models import DomainTag, Organization, RoleGrant


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    """Read-mostly: edits to the tree go through the services (and so into the audit trail) from the site."""

    list_display = ["name", "kind", "parent", "province", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "name_key", "code"]
    list_select_related = ["parent", "province"]
    readonly_fields = [f.name for f in Organization._meta.fields]

    def has_add_permission(self, request: object) -> bool:
        return False


@admin.register(RoleGrant)
class RoleGrantAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "organization", "province", "county", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__name_key", "organization__name_key"]
    list_select_related = ["user", "organization", "province", "county"]
    readonly_fields = [f.name for f in RoleGrant._meta.fields]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False


admin.site.register(DomainTag)
