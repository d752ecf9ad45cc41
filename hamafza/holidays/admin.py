from django.contrib import admin

from hamafza.core.forms import JalaliDateField
from hamafza.holidays.models import Holiday
from hamafza.persian import format_jalali_date


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    list_display = ("jalali_date", "title", "is_official")
    list_filter = ("is_official",)
    search_fields = ("title",)
    ordering = ("date",)

    @admin.display(description="تاریخ", ordering="date")
    def jalali_date(self, obj: Holiday) -> str:
        return format_jalali_date(obj.date, "full")

    def formfield_for_dbfield(self, db_field, request, **kwargs):  # type: ignore[no-untyped-def]
        # Administrators type the Jalali date from the printed calendar.
        if db_field.name == "date":
            return JalaliDateField(label="تاریخ", help_text="مانند ۱۴۰۵/۰۱/۱۳")
        return super().formfield_for_dbfield(db_field, request, **kwargs)
