from django.urls import path

from hamafza.voice import views_public as public
from hamafza.voice import views_staff as staff

app_name = "voice"

urlpatterns = [
    path("", public.news_list, name="news_list"),
    path("news/new/", staff.news_create, name="news_create"),
    path("news/<int:code>/", public.news_detail, name="news_detail"),
    path("news/<int:code>/print/", public.news_print, name="news_print"),
    path("news/<int:code>/edit/", staff.news_edit, name="news_edit"),
    path("pages/<int:pk>/", public.page_detail, name="page_detail"),
    path("pages/<int:pk>/comment/", public.comment_post, name="comment_post"),
    path("pages/<int:pk>/rate/", public.rate, name="rate"),
    path("comments/<int:pk>/appeal/", public.appeal, name="appeal"),
    path("search/", public.search, name="search"),
    path("mine/", public.my_comments, name="my_comments"),
    path("transparency/", public.transparency, name="transparency"),
    path("moderation/", staff.moderation_index, name="moderation_index"),
    path("moderation/<int:pk>/", staff.moderation_queue, name="moderation_queue"),
    path("moderation/<int:pk>/log/", staff.moderation_log, name="moderation_log"),
    path("responses/", staff.responses_index, name="responses_index"),
    path("responses/<int:pk>/", staff.response_detail, name="response_detail"),
]
