from django.contrib import admin

from hamafza.engagement.models import (
    ActionItem,
    Activity,
    ActivityAttachment,
    Booking,
    ContactPerson,
    EngagementRequest,
    Relationship,
    RequestMessage,
    Room,
    Stakeholder,
    StakeholderDocument,
    StakeholderRepresentative,
)


class ContactInline(admin.TabularInline):
    model = ContactPerson
    extra = 0


class RepresentativeInline(admin.TabularInline):
    model = StakeholderRepresentative
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Stakeholder)
class StakeholderAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "registration_number", "verification"]
    list_filter = ["kind", "verification"]
    search_fields = ["name_key", "registration_number"]
    filter_horizontal = ["domains"]
    autocomplete_fields = ["provinces", "counties"]
    inlines = [ContactInline, RepresentativeInline]
    readonly_fields = ["version"]

    def get_search_results(self, request, queryset, search_term):  # type: ignore[no-untyped-def]
        from hamafza.persian import search_key

        return super().get_search_results(request, queryset, search_key(search_term))

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        # The admin writes through the model too; keys must follow the name wherever it is edited.
        obj.fill_keys()
        super().save_model(request, obj, form, change)


@admin.register(StakeholderDocument)
class StakeholderDocumentAdmin(admin.ModelAdmin):
    list_display = ["original_name", "stakeholder", "uploaded_at"]
    readonly_fields = ["sha256", "size", "content_type"]


@admin.register(Relationship)
class RelationshipAdmin(admin.ModelAdmin):
    list_display = ["stakeholder", "organization", "kind", "starts_on", "ends_on"]
    list_filter = ["kind"]


class MessageInline(admin.TabularInline):
    model = RequestMessage
    extra = 0


@admin.register(EngagementRequest)
class EngagementRequestAdmin(admin.ModelAdmin):
    list_display = ["subject", "organization", "stakeholder", "kind", "status", "due_on"]
    list_filter = ["status", "kind"]
    inlines = [MessageInline]


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["title", "organization", "kind", "starts_at"]
    list_filter = ["kind"]


@admin.register(ActionItem)
class ActionItemAdmin(admin.ModelAdmin):
    list_display = ["title", "owner", "due_on", "status"]
    list_filter = ["status"]


@admin.register(Room)
class RoomAdmin(admin.ModelAdmin):
    list_display = ["name", "organization", "capacity", "is_active"]


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    list_display = ["purpose", "room", "starts_at", "ends_at", "status"]
    list_filter = ["status"]


@admin.register(ActivityAttachment)
class ActivityAttachmentAdmin(admin.ModelAdmin):
    list_display = ["original_name", "activity", "content_type", "size", "uploaded_at"]
    # Files are opened through engagement:attachment_download (permission-checked), never from a media URL.
    exclude = ["file"]
    readonly_fields = ["activity", "original_name", "content_type", "size", "uploaded_by", "uploaded_at"]
