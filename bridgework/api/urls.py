from django.urls import path

from bridgework.api.v1 import api

urlpatterns = [path("", api.urls)]
