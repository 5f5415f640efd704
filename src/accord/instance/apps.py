from django.apps import AppConfig


class InstanceConfig(AppConfig):
    name = "accord.instance"
    verbose_name = "Instance"
