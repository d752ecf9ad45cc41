from django.contrib import admin

from hamafza.programs.models import Milestone, Program


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0
    fields = ("order", "title", "weight", "progress", "status", "due_date")

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ("title", "owner", "kind", "status", "is_public")
    list_filter = ("kind", "status", "is_public")
    search_fields = ("title", "code")
    raw_id_fields = ("owner", "created_by")
    readonly_fields = ("published_at", "version")
    inlines = [MilestoneInline]

    # Programs change through their services (keys, versions, audit trail); the admin only shows them.
    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
