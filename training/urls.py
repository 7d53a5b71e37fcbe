from django.urls import path

from . import views

app_name = "training"

urlpatterns = [
    path("", views.course_list, name="course_list"),
    path("<int:pk>/", views.course_detail, name="course_detail"),
]
