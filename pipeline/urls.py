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
    path("alignment/", views.alignment_report, name="alignment-report"),
    path("item-sets/", views.item_set_list, name="item-set-list"),
    path("item-sets/new/", views.item_set_new, name="item-set-new"),
    path("item-sets/<int:pk>/", views.item_set_detail, name="item-set-detail"),
]
