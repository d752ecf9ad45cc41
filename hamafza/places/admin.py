from django.contrib import admin

from hamafza.places.models import City, County, District, Province, RuralDistrict, Village


class PlaceAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "name_key", "code"]
    readonly_fields = ["id"]


admin.site.register(Province, PlaceAdmin)


@admin.register(County, District)
class CountyAdmin(PlaceAdmin):
    list_display = ["name", "province", "code"]
    list_select_related = ["province"]
    autocomplete_fields = ["province"]


@admin.register(City, RuralDistrict, Village)
class LocalPlaceAdmin(PlaceAdmin):
    list_display = ["name", "county", "code"]
    list_select_related = ["county"]
    raw_id_fields = ["province", "county", "district"]
