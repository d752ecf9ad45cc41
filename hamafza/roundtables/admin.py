from django.contrib import admin

from hamafza.roundtables.models import Election, Membership, Problem, Roundtable


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ("user", "invited_by")


@admin.register(Roundtable)
class RoundtableAdmin(admin.ModelAdmin):
    list_display = ("title", "domain", "organization", "is_public")
    search_fields = ("title", "domain")
    raw_id_fields = ("organization", "secretary", "chair", "created_by")
    inlines = [MembershipInline]


@admin.register(Election)
class ElectionAdmin(admin.ModelAdmin):
    # Ballots are not shown here: they are secret and only leave the system as the published anonymized list.
    list_display = ("title", "table", "method", "status")
    list_filter = ("status", "method")
    readonly_fields = ("status", "result", "winner", "opened_at", "closed_at")
    raw_id_fields = ("table", "created_by")


@admin.register(Problem)
class ProblemAdmin(admin.ModelAdmin):
    list_display = ("title", "table", "status", "is_public")
    raw_id_fields = ("table", "critique", "program", "raised_by")
