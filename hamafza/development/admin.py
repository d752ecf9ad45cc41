from django.contrib import admin

from hamafza.development.models import Capacity, Experience, Indicator, KeyWork, Pledge


@admin.register(Capacity)
class CapacityAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "owner")
    list_select_related = ("owner",)


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ("title", "owner", "is_benefit")
    list_select_related = ("owner",)


@admin.register(KeyWork)
class KeyWorkAdmin(admin.ModelAdmin):
    list_display = ("program", "jalali_year", "period", "challenge")
    list_select_related = ("program",)


@admin.register(Pledge)
class PledgeAdmin(admin.ModelAdmin):
    list_display = ("name", "program", "kind", "status")
    list_select_related = ("program",)


@admin.register(Experience)
class ExperienceAdmin(admin.ModelAdmin):
    list_display = ("title", "owner", "is_published")
    list_select_related = ("owner",)
