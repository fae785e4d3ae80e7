from django.contrib import admin

from .models import (
    CatalogImport,
    Category,
    Intention,
    Objective,
    Product,
    Review,
    Script,
    Step,
    StepProduct,
)


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "created_at")
    search_fields = ("name",)


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ("parent_asin", "title", "category", "store", "price", "average_rating")
    list_filter = ("category", "main_category")
    search_fields = ("parent_asin", "title", "store")
    list_select_related = ("category",)
    readonly_fields = ("source_hash", "created_at", "updated_at")


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ("product", "rating", "title", "user_id", "verified_purchase")
    list_filter = ("rating", "verified_purchase", "product__category")
    search_fields = ("product__parent_asin", "title", "text", "user_id")
    raw_id_fields = ("product",)
    list_select_related = ("product",)
    readonly_fields = ("source_hash", "created_at", "updated_at")


@admin.register(Intention)
class IntentionAdmin(admin.ModelAdmin):
    list_display = ("product", "text", "relation", "generator_model")
    list_filter = ("generator_model", "relation", "product__category")
    search_fields = ("text", "product__parent_asin", "product__title")
    raw_id_fields = ("product",)


class StepInline(admin.TabularInline):
    model = Step
    extra = 0
    fields = ("order", "text", "needs_product", "keywords")


@admin.register(Objective)
class ObjectiveAdmin(admin.ModelAdmin):
    list_display = ("text", "category", "generator_model", "created_at")
    list_filter = ("category", "generator_model")
    search_fields = ("text",)
    raw_id_fields = ("source_products", "source_reviews")


@admin.register(Script)
class ScriptAdmin(admin.ModelAdmin):
    list_display = ("id", "objective", "generator_model", "created_at")
    list_filter = ("generator_model", "objective__category")
    search_fields = ("objective__text", "steps__text")
    raw_id_fields = ("objective",)
    inlines = [StepInline]


@admin.register(Step)
class StepAdmin(admin.ModelAdmin):
    list_display = ("script", "order", "text", "needs_product")
    list_filter = ("needs_product", "script__objective__category")
    search_fields = ("text", "script__objective__text")
    raw_id_fields = ("script",)


@admin.register(StepProduct)
class StepProductAdmin(admin.ModelAdmin):
    list_display = ("step", "product", "method", "rank", "score")
    list_filter = ("method", "rank", "product__category")
    search_fields = ("step__text", "product__title", "product__parent_asin")
    raw_id_fields = ("step", "product")


@admin.register(CatalogImport)
class CatalogImportAdmin(admin.ModelAdmin):
    list_display = ("id", "status", "created_by", "created_at", "error_count", "lines_done")
    list_filter = ("status", "strict")
    search_fields = ("created_by__username", "failure")
    readonly_fields = [f.name for f in CatalogImport._meta.fields]
