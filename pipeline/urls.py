from django.urls import path

from . import views

app_name = "pipeline"

urlpatterns = [
    path("catalog/", views.catalog, name="catalog"),
    path("catalog/<str:parent_asin>/", views.product_detail, name="product-detail"),
    path("imports/", views.import_list, name="import-list"),
    path("imports/new/", views.import_new, name="import-new"),
    path("imports/<int:pk>/", views.import_detail, name="import-detail"),
    path("runs/", views.run_list, name="run-list"),
    path("runs/new/", views.run_new, name="run-new"),
    path("runs/<int:pk>/", views.run_detail, name="run-detail"),
    path("runs/<int:pk>/cancel/", views.run_cancel, name="run-cancel"),
]
