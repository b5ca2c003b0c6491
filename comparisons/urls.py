from django.urls import path

from . import views

app_name = "comparisons"

urlpatterns = [
    path("", views.home, name="home"),
    path("comparar/<slug:slug>/", views.comparison_detail, name="comparison_detail"),
    path("crm/<slug:slug>/", views.vendor_detail, name="vendor_detail"),
]
